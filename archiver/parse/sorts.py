"""A thread's 主题分类 (`[求助]` before the subject) and 分类信息 (the first post's box of named
values): desktop pages draw both, touch pages the type (and X3.5's the box: X3.4's touch
template never draws it), the API sends them as data (the type by its id only)."""

from __future__ import annotations

import html as htmllib
from dataclasses import dataclass
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from archiver.model import SortOption, ThreadSort
from archiver.parse import knowledge as S
from archiver.parse.numbers import as_int
from archiver.parse.text import holds_any, node_text, squeezed


@dataclass(frozen=True)
class Labels:
    """The bracketed names before a subject: the thread's type and its sort."""

    thread_type: str | None = None
    thread_type_id: int | None = None
    sort_name: str | None = None
    sort_id: int | None = None


def desktop_labels(subject: LexborNode | None) -> Labels:
    """`[类型]` (a `filter=typeid` link, or plain text) before `span#thread_subject` in its `h1`,
    and a sort's `filter=sortid` link where a theme prints one (the stock template never does:
    it tests a literal key); a link elsewhere (a theme's forum link) is not a label."""
    parent = subject.parent if subject is not None else None
    if subject is None or parent is None:
        return Labels()
    found: dict[str, Any] = {}
    plain: list[str] = []
    for child in parent.iter(include_text=True):
        if child.id == S.SUBJECT_ID:
            break
        links = (
            [child] if child.tag == "a" else [] if child.is_text_node else child.css(S.LINKS_INSIDE)
        )
        labelled = [label for link in links if (label := label_link(link)) is not None]
        for kind, name, number in labelled:  # a theme may wrap the link (em > a)
            found.setdefault(kind, (name, number))
        if not links and child.tag != "-comment":
            plain += [name.strip() for name in S.BRACKETED.findall(child.text() or "")]
    return _labels(found, plain)


def label_link(link: LexborNode) -> tuple[str, str, int | None] | None:
    """("type" or "sort", name, id) of a `filter=typeid` / `filter=sortid` link, the name
    without its brackets (`[求助]` on a thread page, `[<a>求助</a>]` in a board's list)."""
    href = link.attrs.get("href") or ""
    kind = "type" if S.TYPE_FILTER in href else "sort" if S.SORT_FILTER in href else None
    name = link.text().strip().strip("[]").strip()
    if kind is None or not name:
        return None
    found = (S.TYPE_ID_IN_URL if kind == "type" else S.SORT_ID_IN_URL).search(href)
    return kind, name, int(found.group(1)) if found else None


def prefix_labels(prefix: str, sort_name: str | None) -> Labels:
    """The touch heading's bracketed labels before the subject: the type, and a sort's where a
    theme prints it (known by its box's name; the stock templates print the type only)."""
    names = [name.strip() for name in S.BRACKETED.findall(prefix)]
    found: dict[str, Any] = {}
    if sort_name is not None and sort_name in names:
        found["sort"] = (sort_name, None)
        names.remove(sort_name)
    return _labels(found, names)


def _labels(found: dict[str, Any], plain: list[str]) -> Labels:
    """Plain names fill the type first (the templates print it before the sort), then the sort."""
    for name in plain:
        if name and "type" not in found:
            found["type"] = (name, None)
        elif name and "sort" not in found:
            found["sort"] = (name, None)
    kind, sort = found.get("type", (None, None)), found.get("sort", (None, None))
    return Labels(kind[0], kind[1], sort[0], sort[1])


def desktop_sort(first_post: LexborNode | None, labels: Labels) -> ThreadSort | None:
    """The first post's `div.typeoption`: a caption and `th 标题:` / `td 值 单位` rows (one
    search of that post: cheaper than looking for the class in the page's text)."""
    box = first_post.css_first(S.SORT_BOX) if first_post is not None else None
    if box is None:
        return None
    caption = box.css_first(S.SORT_CAPTION)
    options = []
    for row in box.css(S.SORT_ROWS):
        title, cell = row.css_first(S.SORT_TITLE_CELL), row.css_first(S.SORT_VALUE_CELL)
        if title is not None and cell is not None:
            options.append(SortOption(_title(squeezed(title)), cell_value(cell, S.SORT_EMPTY)))
    name = squeezed(caption) or labels.sort_name if caption is not None else labels.sort_name
    return ThreadSort(name or None, labels.sort_id, options, _expired(box, options))


def touch_sort(tree: LexborHTMLParser, html: str) -> ThreadSort | None:
    """`div.viewsort`: an `h4` with the sort's name, then `标题: 值 单位<br />` lines.

    Touch prints `--` for an empty value and for a 0 alike, so `--` is unknown here."""
    box = tree.css_first(S.TOUCH_SORT_BOX) if S.TOUCH_SORT_MARK in html else None
    if box is None:
        return None
    heading = box.css_first(S.TOUCH_SORT_NAME)
    lines: list[list[str]] = [[]]
    for child in box.iter(include_text=True):
        if child.tag == "br":
            lines.append([])
        elif child.tag not in (S.TOUCH_SORT_NAME, "-comment"):
            text = child.text_content or ""
            lines[-1].append(
                htmllib.escape(text, False) if child.is_text_node else child.html or ""
            )
    values: dict[str, str] = {}  # title -> the value's markup, a textarea's lines rejoined
    for line in map("".join, lines):
        title, separator, value = _split_title(line)
        if separator and title.strip() and "<" not in title:
            values[title.strip()] = value
        elif values and line.strip():  # a textarea's next line (nl2br), no title of its own
            last = next(reversed(values))
            values[last] += f"<br>{line}"
    options = []
    for title, value in values.items():
        node = _fragment(value)
        empty = squeezed(node) in S.SORT_EMPTY
        options.append(SortOption(title, None if empty else cell_value(node, ())))
    return ThreadSort(squeezed(heading) or None, None, options, _expired(box, options))


def api_sort(variables: dict[str, Any], row: dict[str, Any]) -> ThreadSort | None:
    """`threadsortshow`: `threadsortname` and `optionlist` rows (title, value, unit), or the
    word `expire`; the sortid is the thread row's."""
    shown = variables.get("threadsortshow")
    if not isinstance(shown, dict):
        return None
    listed = shown.get("optionlist")
    rows = listed if isinstance(listed, list) else []
    if isinstance(listed, dict):  # a PHP array that json_encode printed as an object
        rows = list(listed.values())
    options = []
    for item in rows:
        if isinstance(item, dict) and item.get("title") and item.get("type") != "info":
            value, unit = str(item.get("value") or ""), str(item.get("unit") or "")
            node = _fragment(f"{value} {unit}" if value else "")
            options.append(SortOption(str(item["title"]).strip(), cell_value(node, ())))
    name = str(shown.get("threadsortname") or "").strip() or None
    sort_id = _positive(row.get("sortid"))
    return ThreadSort(name, sort_id, options, listed == "expire")


def api_labels(row: dict[str, Any]) -> Labels:
    """The thread row's typeid (the API names no type) and sortid."""
    return Labels(thread_type_id=_positive(row.get("typeid")), sort_id=_positive(row.get("sortid")))


def cell_value(node: LexborNode, empty: tuple[str, ...]) -> str | None:
    """A value as shown; "" for the empty mark, None where the viewer is not shown it
    (protected, 隐藏内容, expired), an image option's URL where it is a link or image. A custom
    prompt shown instead of a value (permprompt) reads as its value: no page tells them apart."""
    if node.css_first(S.SORT_PROTECTED) is not None:
        return None
    images = node.css(S.SORT_IMAGES)
    if any(S.SORT_PROTECTED_IMAGE in (image.attrs.get("src") or "") for image in images):
        return None
    text = node_text(node)
    if text in empty:
        return ""
    if holds_any(text, S.SORT_HIDDEN_WORDS) or holds_any(text, S.SORT_EXPIRED_WORDS):
        return None
    link = node.css_first(S.SORT_LINK)
    if text in S.SORT_CLICK_VIEW and link is not None:  # touch and the API: an image's link
        return link.attrs.get("href") or None
    if not text and images:  # desktop: the image itself
        return images[0].attrs.get("src") or ""
    return text


def _expired(box: LexborNode, options: list[SortOption]) -> bool:
    return not options and holds_any(box.text(), S.SORT_EXPIRED_WORDS)


def _split_title(line: str) -> tuple[str, str, str]:
    """`标题: 值` at its first separator, ASCII or full-width."""
    at = min((i for i in (line.find(sep) for sep in S.TITLE_SEPARATORS) if i >= 0), default=-1)
    return (line[:at], line[at], line[at + 1 :]) if at >= 0 else (line, "", "")


def _title(text: str) -> str:
    for separator in S.TITLE_SEPARATORS:
        text = text.removesuffix(separator)
    return text.strip()


def _fragment(html: str) -> LexborNode:
    """A value's markup as a node of its own (a touch line's, the API's)."""
    body = LexborHTMLParser(f"<html><body>{html}</body></html>").body
    if body is None:  # a body always parses; this keeps the type checker told
        raise ValueError("no fragment")
    return body


def _positive(value: object) -> int | None:
    """An id the API sends: "0" (none) is None."""
    number = as_int(value)
    return number if number and number > 0 else None
