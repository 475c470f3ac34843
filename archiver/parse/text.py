"""Readable text and absolute URLs from Lexbor nodes: what every part of the parser reads with."""

from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import urljoin

from selectolax.lexbor import LexborNode

from archiver.parse import knowledge as S

_BLOCKS = frozenset(
    "address article aside blockquote dd div dl dt figure footer form h1 h2 h3 h4 h5 h6 header "
    "hr li ol p pre section table tbody thead tfoot tr ul".split()
)
_SKIP = frozenset(("script", "style", "noscript", "template", "textarea", "select", "button"))
# what the walk below treats otherwise than an inline element around its text
_NOT_INLINE = _BLOCKS | _SKIP | {"br", "td", "th", "div"}
_BLANK_LINES = re.compile(r"\n{3,}")
_PART, _BREAK = "\x00", "\x01"  # node_text's sentinels: between parts, and a line break


def node_text(node: LexborNode, *, skip: frozenset[int] = frozenset(), quotes: bool = True) -> str:
    """Readable text of a subtree: <br> and block elements become line breaks.

    Iterative, so a message nested thousands of levels deep cannot exhaust the stack.
    `skip` leaves out elements by mem_id; `quotes=False` leaves out nested div.quote blocks.
    """
    child = node.first_child
    if child is None:
        return ""
    if child.next is None:
        if child.is_text_node:  # one text node (most cells and links)
            return tidy(_squeeze(child.text_content or ""))
        inner = child.first_child  # an inline element holding one text node: `<a>name</a>`
        if inner is not None and inner.next is None and inner.is_text_node and not skip:
            tag = child.tag or ""
            text = inner.text_content or ""
            if tag not in _NOT_INLINE and tag[:1] != "-" and text != _BREAK:  # as _collapse
                return tidy(_squeeze(text))
    flat = None if skip else _flat_text(node)
    if flat is not None:
        return flat
    parts: list[str] = []
    append = parts.append
    breaks = 0
    stack: list[LexborNode | str] = list(node.iter(include_text=True))
    stack.reverse()
    pop, extend = stack.pop, stack.extend
    while stack:
        item = pop()
        if isinstance(item, str):
            append(item)
            breaks += item is _BREAK
            continue
        tag = item.tag or ""
        if tag == "-text":
            append(item.text_content or "")
            continue
        if skip and item.mem_id in skip:
            continue
        if not quotes and tag == "div" and "quote" in (item.attributes.get("class") or ""):
            continue
        if tag == "br":
            append(_BREAK)
            breaks += 1
            continue
        if tag in _SKIP or tag.startswith("-"):
            continue
        if tag in _BLOCKS:
            append(_BREAK)
            breaks += 1
            stack.append(_BREAK)
        elif tag in ("td", "th"):
            stack.append(" ")
        children: list[LexborNode | str] = list(item.iter(include_text=True))
        children.reverse()
        extend(children)
    return tidy(_collapse(parts, breaks))


def _flat_text(node: LexborNode) -> str | None:
    """node_text of a subtree of text, <br> and inline elements only, in one pass; else None.

    With no block, cell or skipped element, the walk's parts are the text nodes and line
    breaks in document order, which traverse() gives without a stack.
    """
    parts: list[str] = []
    append = parts.append
    breaks = 0
    items = node.traverse(include_text=True)
    next(items, None)  # the node itself
    for item in items:
        tag = item.tag or ""
        if tag == "-text":
            append(item.text_content or "")
        elif tag in _NOT_INLINE or tag[:1] == "-":
            if tag != "br" and tag[:1] != "-" or item.first_child is not None:
                return None  # a block, cell or skipped element; or a br or comment with content
            if tag == "br":
                append(_BREAK)
                breaks += 1
    return tidy(_collapse(parts, breaks))


def squeezed(node: LexborNode | None) -> str:
    """A node's text on one line, spaces squeezed (&nbsp; as a space): a label or a value as
    the page shows it, without the layout around it."""
    return " ".join((node.text() if node is not None else "").replace("\xa0", " ").split())


def holds_any(text: str, words: tuple[str, ...]) -> bool:
    """Whether `text` holds one of a label's wordings (zh_CN, zh_TW)."""
    for word in words:  # a loop, not any() over a generator: called for every post
        if word in text:
            return True
    return False


def after_prefix(text: str, words: tuple[str, ...]) -> str:
    """`text` without the wording of a label it starts with (`发表于 `, `發表於 `)."""
    for word in words:
        if text.startswith(word):
            return text[len(word) :]
    return text


def bare_time(raw: str) -> str:
    """A bare text's time: without the separators around it and a 发表于 before it."""
    text = " ".join(raw.split()).strip(S.TIME_TEXT_SEPARATORS)
    return after_prefix(text, S.POSTED_WORDS).strip(S.TIME_TEXT_SEPARATORS + ":：")


def may_hold(raw: str, phrase: str) -> bool:
    """Whether node_text of a node whose raw text() is `raw` can hold a phrase without spaces.

    node_text drops some text nodes and adds only whitespace, so each of the phrase's
    characters must be in the raw text; testing that skips the tree walk for most panels.
    """
    for char in phrase:  # a loop, not all() over a generator: called for every post
        if char not in raw:
            return False
    return True


def may_say_from(raw: str) -> bool:
    """Whether text (or its markup) can hold 来自 (來自), which an app's tail and a client tag
    start with: else no search for one."""
    return "自" in raw and ("来" in raw or "來" in raw)


def markup_text(inner_html: str) -> str | None:
    """node_text of a node whose serialized content is only text and <br>; else None.

    Lexbor's serializer escapes just `&`, `<`, `>` and the no-break space in text, so undoing
    those four gives each text node back exactly; no tree walk is needed. Most posts are
    plain lines like this.
    """
    if inner_html.count("<") != inner_html.count("<br>") or _BREAK in inner_html:
        return None  # not only text and <br>; or text holding node_text's own sentinel
    # one pass over the whole markup: no whitespace run can span a `<br>` or an entity
    return tidy(_unescape(_squeeze(inner_html).replace("<br>", "\n")))


def _squeeze(text: str) -> str:
    """Each run of ASCII whitespace (`[ \\t\\r\\n\\f]+`) to one space, by str.replace at C
    speed: a regex's sub over non-ASCII text is several times slower."""
    text = text.replace("\n", " ").replace("\t", " ").replace("\r", " ").replace("\f", " ")
    while "  " in text:
        text = text.replace("  ", " ")
    return text


def _unescape(text: str) -> str:
    if "&" not in text:
        return text
    return (
        text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", "\xa0")
        .replace("&amp;", "&")
    )


def _collapse(parts: list[str], breaks: int) -> str:
    """Each part's whitespace runs to one space, line breaks kept: one regex pass, not one a part.

    Sentinels keep the parts apart, so a run never spans two of them; text that holds a
    sentinel itself takes the slow way.
    """
    if len(parts) == 1:  # a lone text node (most panel cells and links)
        return "\n" if parts[0] is _BREAK else _squeeze(parts[0])
    joined = _PART.join(parts)
    if joined.count(_PART) != len(parts) - 1 or joined.count(_BREAK) != breaks:
        return "".join("\n" if p is _BREAK else _squeeze(p) for p in parts)
    return _squeeze(joined).replace(_PART, "").replace(_BREAK, "\n")


def tidy(text: str) -> str:
    """Trim each line, fold runs of blank lines to one, nbsp to space."""
    text = text.replace("\xa0", " ")
    if " \n" in text or "\n " in text:  # the text's own two ends go with the final strip()
        if "  " in text:
            text = "\n".join([line.strip(" ") for line in text.split("\n")])
        else:  # at most one space at either end of a line: two replaces strip every line
            text = text.replace("\n ", "\n").replace(" \n", "\n")
    if "\n\n\n" in text:
        text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


def absolute(base: str | None, url: str | None) -> str | None:
    """Resolve a page-relative URL against the page's <base href>."""
    if not url:
        return None
    url = url.strip()
    return _join(base, url) if base else url


@lru_cache(maxsize=4096)
def _join(base: str, url: str) -> str:
    """urljoin, remembered: avatars, smilies and icons repeat on every page of a site."""
    try:
        return urljoin(base, url)
    except ValueError:  # a malformed base or URL (http://[::1) stays as written
        return url


def once(phrase: str) -> str:
    """`来自安卓客户端来自安卓客户端` -> `来自安卓客户端`."""
    match = S.REPEATED.match(phrase)
    return match.group(1) if match else phrase
