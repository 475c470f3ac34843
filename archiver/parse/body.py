"""A post's message: clean HTML and text, edit note, quotes, images, attachments, client tail."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborNode

from archiver.model import Attachment, Quote
from archiver.parse import knowledge as S
from archiver.parse.dom import all_of, first_of, remove, select
from archiver.parse.numbers import to_int
from archiver.parse.quotes import read_quote
from archiver.parse.text import (
    absolute,
    holds_any,
    markup_text,
    may_say_from,
    node_text,
    once,
    tidy,
)
from archiver.times import resolve

_PLACEHOLDER = "static/image/common/none.gif"
_ICON_PATHS = ("/smiley/", "static/image/filetype/", "static/image/common/")
_LAZY_ATTRS = ("zoomfile", "file", "data-original", "data-src", "src")
# words the markup must hold for S.MESSAGE_CLEANUP (scripts, jammers, tips) to match anything
_CLEANUP_WORDS = ("<script", "<style", "jammer", "display", "tip", "_menu", "nopermission")
# a message whose markup holds none of these (nor 来自's characters) needs nothing changed
_WORK_WORDS = (
    *_CLEANUP_WORDS, "aimg_", "pstatus", "<img", "attach_", "aid", "href", "ignore_js_op",
    "blockcode", "quote", "locked",
)  # fmt: skip
_WORK = re.compile("|".join(map(re.escape, _WORK_WORDS)))  # one scan, not one per word
_CLEANUP = re.compile("|".join(map(re.escape, _CLEANUP_WORDS)))


@dataclass
class Body:
    """What the message area of one post yields."""

    html: str = ""
    text: str = ""
    client_tail: str | None = None
    edited_by: str | None = None
    edited_at: str | None = None
    hidden_content: bool = False
    pending: bool = False
    quotes: list[Quote] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    code_blocks: tuple[str, ...] = ()  # each [code] block's text, as the message text has it


def parse_body(
    message: LexborNode,
    base: str | None,
    tz: dt.tzinfo,
    now: dt.datetime | None,
    order: str | None = None,
) -> Body:
    """Take a message node apart; works on a clone, the page tree stays as it was.

    Most messages are plain text: a selector runs only if the message's markup holds a word
    that selector needs (a tag, class, id or attribute name), so an absent part costs a
    substring test instead of a css() call. The markup is lower-cased, so the test can only
    say "maybe" too often, never miss a match.
    """
    inner = message.inner_html or ""
    # the message's own tag and attributes (selectors match it too), then what `.html` shows
    attrs = " ".join(f"{name}={value}" for name, value in message.attributes.items())
    head = f"<{message.tag} {attrs}>"
    text = markup_text(inner) if _WORK.search(head.lower()) is None else None
    if text is not None and (not may_say_from(inner) or S.CLIENT_TAG_TAIL.search(text) is None):
        return _plain(inner, text)  # only text and <br>, no app tail: nothing to take out
    markup = f"{head}{inner}".lower()
    if _WORK.search(markup) is None and not may_say_from(markup):
        return _plain(inner, node_text(message))
    node = message.clone()
    body = Body()
    tips = image_tips(node) if "aimg_" in markup else {}
    if any(mark in markup for mark in S.MEDIA_MARKS):  # before the scripts go: one names a file
        _media_links(node)
    if _CLEANUP.search(markup) is not None:
        remove(node, S.MESSAGE_CLEANUP)
    if "pstatus" in markup:
        _edit_note(node, body, tz, order)
    images = inline_images(node, base, tips) if "<img" in markup else []
    files = file_links(node, base) if "attach_" in markup or "aid" in markup else []
    body.attachments = images + files
    if "href" in markup:
        for link in node.css(S.LINKS):
            href = link.attrs.get("href") or ""
            if not href.startswith(("javascript:", "#", "mailto:")):
                link.attrs["href"] = absolute(base, href) or href
    if "ignore_js_op" in markup:
        for wrapper in node.css(S.JS_WRAPPERS):
            wrapper.unwrap()
    if "blockcode" in markup:
        for em in node.css(S.CODE_COPY):
            if holds_any(em.text() or "", S.CODE_COPY_WORDS):
                em.decompose()
    quoted = "quote" in markup
    quotes = select(node, S.QUOTE_BLOCKS) if quoted else []
    labelled = quoted and any(word in markup for word in S.QUOTE_LABELS)
    for label in select(node, S.QUOTE_LABEL_LINES) if labelled else []:
        if label.text().strip() in S.QUOTE_LABELS:  # the old mobile page's, as desktop shows none
            label.decompose()
    body.quotes = [read_quote(q, tz, now, order) for q in quotes]
    body.client_tail = _strip_client_tail(node) if may_say_from(markup) else None
    body.html = (node.inner_html or "").strip()
    if quoted or "attach_" in markup or "locked" in markup:  # node is a clone, its html taken
        remove(node, S.TEXT_EXTRAS)
        body.hidden_content = "locked" in markup and remove(node, S.LOCKED) > 0
    if "blockcode" in markup:  # after the quotes left the text: as body_text has them
        body.code_blocks = tuple(node_text(block) for block in select(node, S.CODE_BLOCKS))
    text = node_text(node)
    if text in S.PENDING_WORDS:  # shown instead of a message that awaits moderation
        body.pending, body.html, text = True, "", ""
    body.text = tidy(S.CLIENT_TAG_TAIL.sub("", text)) if body.client_tail else text
    return body


def _media_links(node: LexborNode) -> None:
    """A [media], [audio] or [flash] player becomes its file's URL, as the API prints it: the
    player's fallback words (如果无法播放…) are the template's, the URL is the post's."""
    for box in node.css(S.MEDIA_BOX):
        link = box.css_first(S.MEDIA_LINK)
        if link is not None and link.attrs.get("href"):
            box.replace_with(link.attrs.get("href") or "")
    for span in node.css(S.FLASH_BOX):
        script = span.next
        while script is not None and script.is_text_node and not script.text().strip():
            script = script.next
        found = S.FLASH_URL.search(script.text() if script is not None else "")
        if script is not None and script.tag == "script" and found:
            span.replace_with(found.group(1))


def _plain(inner: str, text: str) -> Body:
    """A message with nothing to rewrite or take out: its markup and text as they are."""
    if text in S.PENDING_WORDS:
        return Body(pending=True)
    return Body(html=inner.strip(), text=text)


def _edit_note(node: LexborNode, body: Body, tz: dt.tzinfo, order: str | None) -> None:
    note = node.css_first(S.EDIT_NOTE)
    if note is None:
        return
    match = S.EDITED.search(note.text().replace("\xa0", " "))
    if match:
        body.edited_by = match.group(1)
        body.edited_at, _ = resolve(match.group(2), tz, None, order)
    following = note.next
    note.decompose()
    for _ in range(4):  # the note is followed by <br /><br /> and template whitespace
        if following is None:
            break
        nxt = following.next
        if following.tag == "br" or (following.is_text_node and not following.text().strip()):
            following.decompose()
            following = nxt
        else:
            break


def _real_src(img: LexborNode) -> str | None:
    attrs = img.attributes  # one dict: attrs.get raises and catches for each missing name
    for attr in _LAZY_ATTRS:
        value = attrs.get(attr)
        if value and _PLACEHOLDER not in value:
            return value
    return None


def image_tips(node: LexborNode) -> dict[int, tuple[str | None, str | None]]:
    """The hidden `#aimg_AID_menu` tips: file name and `size, 下载次数: N` of each image."""
    tips: dict[int, tuple[str | None, str | None]] = {}
    for tip in node.css(S.IMAGE_TIPS):
        match = S.AID_IN_TIP.match(tip.id or "")
        if match:
            name, size = first_of(tip, S.TIP_NAME), first_of(tip, S.TIP_SIZE)
            tips[int(match.group(1))] = (
                name.text().strip() or None if name is not None else None,
                size.text().strip().strip("()") or None if size is not None else None,
            )
    return tips


def inline_images(
    node: LexborNode, base: str | None, tips: dict[int, tuple[str | None, str | None]]
) -> list[Attachment]:
    found: list[Attachment] = []
    for img in all_of(node, S.INLINE_IMAGES):
        attrs = img.attributes
        src = absolute(base, _real_src(img))
        for attr in ("zoomfile", "file", "data-original", "data-src", "onclick", "onmouseover"):
            if attr in attrs:
                del img.attrs[attr]
        image_id = attrs.get("id") or ""  # an [img]'s is new on every render (an attachment's is
        if image_id.startswith(S.IMAGE_ID_PREFIX) and "aid" not in attrs:  # its aid): kept,
            del img.attrs["id"]  # each refresh of the page would be an edit
        if src:
            img.attrs["src"] = src
        if "smilieid" in attrs or not src or any(part in src for part in _ICON_PATHS):
            continue
        aid = to_int(attrs.get("aid"))
        name, size = tips.get(aid, (None, None)) if aid is not None else (None, None)
        if aid is not None and name is None:
            name = attrs.get("title") or attrs.get("alt")
        found.append(Attachment(aid, "image", src, name, size))
    return found


def file_links(node: LexborNode, base: str | None) -> list[Attachment]:
    found: list[Attachment] = []
    for link in select(node, S.FILE_LINKS):
        holder = link.parent if (link.id or "") == "" else link
        match = S.AID_IN_ID.search((holder.id if holder else "") or "")
        size = _next_em(link) or (_next_em(holder) if holder is not None else None)
        found.append(
            Attachment(
                aid=int(match.group(1)) if match else None,
                kind="file",
                url=absolute(base, link.attrs.get("href")),
                filename=link.text().strip() or None,
                size_text=size,
            )
        )
    return found


def _next_em(node: LexborNode) -> str | None:
    """The `(size, 下载次数: N)` em that follows a file link or its span."""
    after = node.next
    while after is not None and after.is_text_node and not after.text().strip():
        after = after.next
    if after is not None and after.tag == "em":
        return after.text().strip().strip("()") or None
    return None


def _strip_client_tail(node: LexborNode) -> str | None:
    """Remove an app's `来自…客户端` tail from the end of the message; return it once."""
    match = S.CLIENT_TAG_TAIL.search(node_text(node))
    if not match:
        return None
    shown = " ".join(match.group(0).split())
    tail = re.sub(r"\s+", "", shown)
    removed = ""
    child = node.last_child
    while child is not None and len(removed) < len(tail):
        previous = child.prev
        piece = "" if child.tag == "br" else re.sub(r"\s+", "", child.text())
        if tail.endswith(piece + removed):
            removed = piece + removed
            child.decompose()
        elif child.is_text_node:
            _trim_text_node(child, tail[: len(tail) - len(removed)])
            removed = tail
        else:
            break
        child = previous
    while child is not None and (
        child.tag == "br" or (child.is_text_node and not child.text().strip())
    ):
        previous = child.prev
        child.decompose()
        child = previous
    return once(shown)


def _trim_text_node(node: LexborNode, rest: str) -> None:
    """Cut `rest` (whitespace-free) off the end of a text node that ends with it."""
    text = node.text()
    kept, index = len(text), len(rest)
    while index > 0 and kept > 0:
        kept -= 1
        if text[kept].isspace():
            continue
        if text[kept] != rest[index - 1]:
            return
        index -= 1
    node.replace_with(text[:kept].rstrip())
