"""What a desktop post carries besides its message: the attachment list, ratings and 点评."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from selectolax.lexbor import LexborNode

from archiver.model import Attachment, Comment, Rating
from archiver.parse import knowledge as S
from archiver.parse.body import file_links, image_tips, inline_images
from archiver.parse.dom import inside, remove, select
from archiver.parse.numbers import to_int
from archiver.parse.text import absolute, holds_any, may_say_from, node_text, once, squeezed
from archiver.times import resolve


def warned_mark(floor_link: LexborNode | None) -> bool:
    """受到警告: viewthread_node.htm draws its link just before the floor's `strong`."""
    holder = floor_link.parent if floor_link is not None else None
    node = holder.prev if holder is not None else None
    for _ in range(4):  # a few text nodes and elements back, no further
        if node is None:
            return False
        if node.tag == "a" and S.WARNING_ACTION in (node.attrs.get("href") or ""):
            return True
        node = node.prev
    return False


def note_box(scope: LexborNode) -> LexborNode | None:
    """The box of a post's message and notes (div.pcb); the old mobile page's follows the
    post's div#post_PID as a bare div (div.pbody > div.mes), not inside it."""
    box = scope.css_first(S.PCB)
    after = scope.next
    while box is None and after is not None and after.is_text_node:
        after = after.next
    if box is None and after is not None and after.tag == "div" and not after.id:
        box = after.css_first(S.OLD_MOBILE_NOTE_BOX)
    return box


def attachment_list(scope: LexborNode, base: str | None) -> list[Attachment]:
    """Attachments listed under the message (div.pattl > dl.tattl), not placed inline."""
    found: list[Attachment] = []
    for box in select(scope, S.ATTACH_LIST):
        items = select(box, S.ATTACH_ITEMS)
        if not items:  # themes without dl.tattl: read the box as a message
            copy = box.clone()
            tips = image_tips(copy)
            remove(copy, S.TIPS)
            items_found = inline_images(copy, base, tips) + file_links(copy, base)
            found += [replace(item, inline=False) for item in items_found]
            continue
        found += [_attachment_item(item, base) for item in items]
    return found


def _attachment_item(item: LexborNode, base: str | None) -> Attachment:
    """One dl.tattl: a file link with its size, or an image (dl.attm) with its real URL."""
    link = item.css_first(S.ATTACH_ITEM_LINK)
    image = item.css_first(S.ATTACH_ITEM_IMAGE)
    ident = (link.id if link is not None else None) or (image.id if image is not None else "")
    match = S.AID_IN_ID.search(ident or "")
    aid = int(match.group(1)) if match else None
    if aid is None and image is not None:
        aid = to_int(image.attributes.get("aid"))
    name = link.text().strip() if link is not None else None
    if not name and image is not None:
        name = image.attributes.get("alt") or image.attributes.get("title")
    size = None
    # the em first: the p around it also holds the file name (an image's p.mbn)
    for node in (*item.css(S.ATTACH_ITEM_SIZES), *item.css(S.ATTACH_ITEM_NOTES)):
        text = node_text(node)
        if holds_any(text, S.DOWNLOAD_COUNT_WORDS) and not holds_any(text, S.DOWNLOAD_LINK_WORDS):
            size = text.strip("() ")
            break
    if image is not None:
        src = next((image.attributes.get(a) for a in ("zoomfile", "file", "src") if
                    image.attributes.get(a) and "none.gif" not in (image.attributes.get(a) or "")),
                   None)  # fmt: skip
        return Attachment(aid, "image", absolute(base, src), name or None, size, False)
    href = link.attrs.get("href") if link is not None else None
    return Attachment(aid, "file", absolute(base, href), name or None, size, False)


def ratings(log: LexborNode | None) -> list[Rating]:
    """`dl#ratelog_PID` table: one Rating per rater and credit column with a score."""
    if log is None:
        return []
    credits = [_credit_title(th) for th in log.css(S.RATING_HEADERS)][1:] or _total_titles(log)
    found: list[Rating] = []
    for row in select(log, S.RATING_ROWS):
        cells = row.css(S.RATING_CELLS)
        if len(cells) < 2:
            continue
        name, uid = _linked_user(cells[0])
        scores, reason = cells[1:-1], cells[-1].text().strip() or None
        for credit, cell in zip(credits, scores, strict=False):
            value = "".join(cell.text().split())
            if S.SCORE.fullmatch(value):
                found.append(Rating(name, uid, credit, int(value), reason))
    return found


def _total_titles(log: LexborNode) -> list[str]:
    """A ratelog without its header row (travel_linzi): the credits of its 总评分 line
    (`威望 + 2`, `金钱 + 10`), which lists them in the columns' order."""
    totals = log.css_first(S.RATING_TOTALS)
    if totals is None:
        return []
    items = [squeezed(span) for span in totals.css(S.RATING_TOTAL_ITEMS)]
    # not 已有 <span>2</span> 人评分: only `CREDIT + N` items
    return [S.SCORE_SUFFIX.sub("", item) for item in items if S.CREDIT_TOTAL.fullmatch(item)]


def _linked_user(cell: LexborNode) -> tuple[str | None, int | None]:
    """Name and uid from an avatar link (no text) followed by a name link."""
    name, uid = None, None
    for link in cell.css(S.USER_LINKS):
        match = S.UID_IN_URL.search(link.attrs.get("href") or "")
        uid = uid or (int(match.group(1)) if match else None)
        name = name or link.text().strip() or None
    return name, uid


def _credit_title(th: LexborNode) -> str:
    copy = th.clone()
    remove(copy, S.RATING_HEADER_ICONS)
    return " ".join(copy.text().split())


def comments(
    nodes: list[LexborNode], tz: dt.tzinfo, now: dt.datetime | None, order: str | None = None
) -> list[Comment]:
    """点评 under a post: author, uid, text and time."""
    found: list[Comment] = []
    for node in nodes:
        psta = node.css_first(S.COMMENT_AUTHOR)
        name, uid = _linked_user(psta) if psta is not None else (None, None)
        if name is None and psta is not None:  # a guest: plain 游客
            name = psta.text().strip() or None
        body = node.css_first(S.COMMENT_BODY)
        shown = at = None
        if body is not None:
            body = body.clone()
            when = body.css_first(S.COMMENT_TIME)
            if when is not None:
                shown = " ".join(_unposted(when.text()).split()) or None
                span = when.css_first(S.TITLED_SPAN)
                title = span.attrs.get("title") if span is not None else None
                at, _ = resolve(title or shown or "", tz, now, order)
                when.decompose()
            for action in body.css(S.COMMENT_ACTIONS):
                if action.text().strip() in ("详情", "回复"):
                    action.decompose()
        text = node_text(body) if body is not None else ""
        found.append(Comment(name, uid, text, shown, at))
    return found


def _unposted(text: str) -> str:
    """A 点评's time without the 发表于 (either wording) before it."""
    for words in S.POSTED_WORDS:
        text = text.replace(words, "")
    return text


def line_client_tag(posted_on: LexborNode | None) -> str | None:
    """A theme's client tag as bare text later in the time's line, past its separators and
    links (`<span class="pipe">|</span>来自手机`)."""
    line = posted_on.parent if posted_on is not None else None
    if posted_on is None or line is None or not may_say_from(line.text()):  # nor its siblings
        return None
    node = posted_on.next
    while node is not None:
        text = "".join((node.text() or "").split())
        if S.CLIENT_SHOWN.fullmatch(text):
            return once(text)
        node = node.next
    return None


def header_client_tag(posted_on: LexborNode | None) -> str | None:
    """The `span.xg1` after the time: 来自手机 or the site's custom HTML (text or alt)."""
    node = posted_on.next if posted_on is not None else None
    while node is not None:
        classes = (node.attrs.get("class") or "").split() if node.tag == "span" else []
        text = node.text().strip() if "xg1" in classes else ""
        if holds_any(text, S.HEADER_ACTION_WORDS):
            node = node.next  # xiaoyu_newmi: the 只看该作者 link in a span.xg1, not a client
            continue
        if "xg1" in classes:
            alts = [
                i.attributes.get("alt") or i.attributes.get("title") or ""
                for i in node.css(S.CLIENT_ICONS)
            ]
            found = "".join(text.split()) or "".join(a for a in alts if a)
            return once(found) if found else None
        if node.tag in ("a", "span") and "pipe" in (node.attributes.get("class") or ""):
            return None
        node = node.next
    return None


def review_counts(nodes: dict[str, LexborNode], key: str) -> tuple[int | None, int | None]:
    """A reply's 支持 and 反对 from the page's id index: an empty count is 0, an absent one
    (the first post, a special thread, repliesrank off) unknown."""
    support, against = (nodes.get(prefix + key) for prefix in S.REVIEW_IDS)
    return _review_count(support), _review_count(against)


def _review_count(node: LexborNode | None) -> int | None:
    if node is None:
        return None
    text = node.text().strip()
    return to_int(text) if text else 0


def page_review_counts(root: LexborNode | None, html: str) -> dict[int, tuple[int | None, ...]]:
    """Every reply's 支持 and 反对 on a page without an id index (X3.5's touch page), by pid."""
    if root is None or S.REVIEW_IDS[0] not in html:
        return {}
    counts: dict[int, list[int | None]] = {}
    for node in root.css(S.REVIEW_COUNTS):
        name = node.id or ""
        for side, prefix in enumerate(S.REVIEW_IDS):
            pid = to_int(name.removeprefix(prefix)) if name.startswith(prefix) else None
            if pid is not None:
                counts.setdefault(pid, [None, None])[side] = _review_count(node)
    return {pid: tuple(pair) for pid, pair in counts.items()}


def starter_mark(
    icon: LexborNode | None,
    scope: LexborNode,
    stock_time: LexborNode | None,
    parts: frozenset[str],
) -> str | None:
    """The 楼主 badge: ico_lz icon (X3.4), em.authicn title=楼主 (X3.5), or the 楼主 text; the
    rule, or None. 楼主 only in a view link (只看楼主) is told apart: see starter.py."""
    if icon is not None and "ico_lz" in (icon.attrs.get("src") or ""):
        return S.RULE_STARTER_MARK
    header = _header_line(stock_time, scope) or _search_header(scope)
    if header is None:
        return None
    if S.STARTER_BADGE in parts and header.css_first(S.STARTER_TITLE) is not None:
        return S.RULE_STARTER_MARK  # X3.5: em.authicn title=楼主, asked only where the page has one
    text = header.text()
    if not holds_any(text, S.STARTER_WORDS):
        return None
    posted_on = header.css_first(S.HEADER_POSTED_ON)
    text = text.replace(posted_on.text(), "") if posted_on is not None else text
    if not holds_any(text, S.STARTER_WORDS):
        return None
    for link in header.css(S.HEADER_VIEW_LINKS):
        text = text.replace(link.text(), "")
    return S.RULE_STARTER_MARK if holds_any(text, S.STARTER_WORDS) else S.RULE_STARTER_VIEW_LINK


def _header_line(stock_time: LexborNode | None, scope: LexborNode) -> LexborNode | None:
    """The stock header line (`div.pti > div.authi`) around the post's stock time, found
    without a search; a theme's own lines (a second div.authi) are searched as before."""
    line = stock_time.parent if stock_time is not None else None
    holder = line.parent if line is not None else None
    if line is None or holder is None or line.tag != "div" or holder.tag != "div":
        return None
    if S.HEADER_LINE_CLASS not in (line.attrs.get("class") or "").split():
        return None
    if S.HEADER_HOLDER_CLASS not in (holder.attrs.get("class") or "").split():
        return None
    return line if inside(line, [scope]) else None  # a repeated id's first copy may be elsewhere


def _search_header(scope: LexborNode) -> LexborNode | None:
    # the post's own header line first: the panel's div.pi div.authi (the name) comes before it
    return scope.css_first(S.POST_HEADER_AUTHI) or scope.css_first(S.HEADER_AUTHI)
