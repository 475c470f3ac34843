"""A quote in a message (div.quote, 回复:): the quoted post's pid, author and time, and the
quoted text without the quotes nested in it."""

from __future__ import annotations

import datetime as dt

from selectolax.lexbor import LexborNode

from archiver.model import Quote
from archiver.parse import knowledge as S
from archiver.parse.text import node_text
from archiver.times import resolve


def read_quote(
    block: LexborNode, tz: dt.tzinfo, now: dt.datetime | None, order: str | None
) -> Quote:
    """The quoted post's pid, author and time from the header link, and the quoted text.

    Read in place, each quote without the quotes nested in it: cloning every quote's whole
    subtree made deeply nested quotes quadratic.
    """
    link = _quote_link(block)
    pid = author = time_text = at = None
    skip: frozenset[int] = frozenset()
    if link is not None:
        match = S.PID_IN_URL.search(link.attrs.get("href") or "")
        pid = int(match.group(1)) if match else None
        header = S.QUOTE_HEADER.match(link.text().replace("\xa0", " "))
        if header:
            author, time_text = header.group(1), header.group(2)
            at, _ = resolve(time_text, tz, now, order)
        holder = link.parent if link.parent is not None and link.parent.tag == "font" else link
        skip = frozenset({holder.mem_id})
    text = node_text(block, skip=skip, quotes=False)
    if link is None:  # a byline without its link: the touch reply form's, the API's inner quote
        author, time_text, at, text = _byline(text, tz, now, order)
    return Quote(pid, author, time_text, at, text)


def _byline(
    text: str, tz: dt.tzinfo, now: dt.datetime | None, order: str | None
) -> tuple[str | None, str | None, str | None, str]:
    """`[引用:]` then `NAME 发表于 TIME` on the quote's first lines: its author and time, and
    the text without them. Only a time that reads as one makes it a byline."""
    lines = text.split("\n")
    while lines and lines[0].strip() in S.QUOTE_LABELS:
        lines.pop(0)
    if lines:  # touch: `引用: NAME 发表于 TIME` on one line
        first = lines[0].strip()
        lines[0] = next((first.removeprefix(w).strip() for w in S.QUOTE_LABELS if
                         first.startswith(w)), lines[0])  # fmt: skip
    header = S.QUOTE_HEADER.match(lines[0]) if lines else None
    at = resolve(header.group(2), tz, now, order)[0] if header else None
    if header is None or at is None:
        return None, None, None, text
    return header.group(1), header.group(2), at, "\n".join(lines[1:]).strip()


def _quote_link(block: LexborNode) -> LexborNode | None:
    """The `findpost` header link near the top of a quote (not one of a nested quote)."""
    frontier = [block]
    for _ in range(4):  # div.quote > blockquote > font > a, give or take a level
        children = [c for node in frontier for c in node.iter() if c.tag != "div"]
        for child in children:
            if child.tag == "a" and "findpost" in (child.attrs.get("href") or ""):
                return child
        frontier = children[:50]
    return None
