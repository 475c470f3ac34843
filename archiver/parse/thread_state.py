"""A thread's own state: closed (关闭), its 图章, 付费主题, and the API's digest, sticky and
阅读权限 levels. Each rendering shows part of it; the rest stays None, never a guess."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from archiver.model import Moderation
from archiver.parse import knowledge as S
from archiver.parse.numbers import as_int
from archiver.parse.text import holds_any, squeezed
from archiver.times import resolve


@dataclass(frozen=True)
class ThreadState:
    """The state's parts one page shows."""

    closed: bool | None = None
    digest: int | None = None
    sticky: int | None = None
    stamp: str | None = None
    price: int | None = None
    readperm: int | None = None


def desktop_state(
    subject: LexborNode | None, stamp: LexborNode | None, first_post: LexborNode | None
) -> ThreadState:
    """关闭 in the stock slot beside the subject (False where the slot shows none), the 图章
    above the first post, and the 付费主题 box (searched only where the page has a div.locked:
    `first_post` None otherwise)."""
    slot = _subject_slot(subject)
    closed = None if slot is None else slot.css_first(S.CLOSED_MARKS) is not None
    image = stamp.css_first(S.STAMP_IMAGE) if stamp is not None else None
    title = (image.attrs.get("title") or "").strip() if image is not None else ""
    price = _boxed_price(first_post) if first_post is not None else None
    return ThreadState(closed=closed, stamp=title or None, price=price)


def touch_price(tree: LexborHTMLParser, html: str) -> int | None:
    """The price a touch page shows, its line taken out of the replies it prefixes.

    X3.4's forcemobile and X3.5's touch pages print `付费主题, 价格: N 金钱 记录` at the start of
    every reply's message (a template quirk: not the reply's text), and the first post's
    `div.locked` (本主题需向作者支付 N 金钱) to a reader who has not paid."""
    if not any(mark in html for mark in S.PAID_MARKS):
        return None
    price = None
    for link in tree.css(S.PAY_RECORD):
        strong = link.prev.prev if link.prev is not None and link.prev.is_text_node else link.prev
        label = strong.prev if strong is not None else None
        if strong is None or label is None or not label.is_text_node:
            continue
        found = S.PAID_PRICE.search(f"{label.text_content} {squeezed(strong)}")
        if found:
            price = int(found.group(1))
            for node in (label, strong, link):
                node.decompose()
    root = tree.root
    boxed = _boxed_price(root) if root is not None else None
    return boxed if boxed is not None else price


def _boxed_price(scope: LexborNode) -> int | None:
    """The price the last `div.locked` names: 付费主题, 价格: N, or 本主题需向作者支付 N."""
    price = None
    for box in scope.css(S.PAID_BOX):
        found = S.PAID_PRICE.search(squeezed(box))
        price = int(found.group(1)) if found else price
    return price


def moderation(
    first_post: LexborNode | None, tz: dt.tzinfo, now: dt.datetime | None
) -> Moderation | None:
    """本主题由 NAME 于 TIME ACTION under the first post (desktop), read around its time's span."""
    note = first_post.css_first(S.MOD_NOTE) if first_post is not None else None
    when = note.css_first(S.MOD_TIME) if note is not None else None
    if note is None:
        return None
    if when is None:  # older than a week, or dateconvert off: the date printed bare
        bare = S.MOD_NOTE_TEXT.match(squeezed(note))
        if bare is None:
            return None
        at, precision = resolve(bare.group(2), tz, now)
        action = bare.group(3).strip() or None
        return Moderation(squeezed(note), bare.group(1) or None, action, at, precision)
    before = when.prev.text_content if when.prev is not None and when.prev.is_text_node else ""
    after = when.next.text_content if when.next is not None and when.next.is_text_node else ""
    named = S.MOD_BY.match(before or "")
    title = (when.attrs.get("title") or "").strip()
    at, precision = resolve(title or squeezed(when), tz, now)
    return Moderation(
        text=squeezed(note),
        moderator=(named.group(1) or None) if named else None,
        action=" ".join((after or "").split()) or None,
        moderated_at=at,
        precision=precision,
    )


def shown_part(nodes: dict[str, LexborNode], url: str | None) -> tuple[int, str] | None:
    """(pid, "1/3") where a desktop page shows one part of a first post split by [page]: its
    show_threadpage(pid, part, parts) script, or with [index] (no script) the index's pages,
    the part the URL asks for (`cp=`, 1 by default; `cp=all` shows the whole)."""
    marker = nodes.get(S.THREAD_PAGE_ID)
    script = marker.next if marker is not None else None
    found = S.THREAD_PAGE.search(script.text() if script is not None else "")
    if found and int(found.group(3)) > 1:
        return int(found.group(1)), f"{found.group(2)}/{found.group(3)}"
    index = nodes.get(S.THREAD_INDEX_ID)
    pages = {a.attrs.get("page") for a in index.css(S.INDEX_PAGES)} if index is not None else set()
    asked = S.PART_IN_URL.search(url or "")
    owner = S.THREAD_INDEX_PID.search(index.next.text() if index and index.next else "")
    if len(pages) < 2 or owner is None or asked is not None and asked.group(1) == "all":
        return None
    return int(owner.group(1)), f"{asked.group(1) if asked else 1}/{len(pages)}"


def api_state(row: dict[str, Any]) -> ThreadState:
    """The thread row: closed 1 (a moved thread's stub holds the new tid there), digest,
    displayorder (below 0: in moderation or the recycle bin, not sticky), price (a reward's
    amount in a reward thread: not a price to read), readperm."""
    closed, order = as_int(row.get("closed")), as_int(row.get("displayorder"))
    special = as_int(row.get("special"))
    return ThreadState(
        closed=None if closed is None else closed == 1,
        digest=as_int(row.get("digest")),
        sticky=None if order is None else max(order, 0),
        price=as_int(row.get("price")) if special == 0 else None,
        readperm=as_int(row.get("readperm")),
    )


def _subject_slot(subject: LexborNode | None) -> LexborNode | None:
    """The `span.xg1` after the subject's `h1`, if it is the stock one (its [复制链接] link)."""
    heading = subject.parent if subject is not None else None
    sibling = heading.next if heading is not None else None
    while sibling is not None and sibling.tag in ("-text", "-comment"):
        sibling = sibling.next
    if sibling is None or sibling.tag != "span":
        return None
    if sibling.css_first(S.COPY_LINK) is not None:
        return sibling
    bare = sibling.css(S.COPY_LINK_BARE)  # a browser's MHTML: no onclick kept
    return sibling if any(holds_any(a.text(), S.COPY_LINK_WORDS) for a in bare) else None
