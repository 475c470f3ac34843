"""Pure parsing: one post of a touch-template page (`div.plc#pidPID`, markup spec §8.1)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from selectolax.lexbor import LexborNode

from archiver.model import Attachment, Author, Comment, Post, Quote
from archiver.parse import knowledge as S
from archiver.parse.body import Body, parse_body
from archiver.parse.dom import inside, remove, select
from archiver.parse.skeleton import locked_state, placeholder_state
from archiver.parse.text import absolute, after_prefix, holds_any, node_text
from archiver.parse.touch_finders import authi_lines, avatar_uid, content_block, find_touch_head
from archiver.times import resolve

_QUOTE_LABEL = re.compile(r"^\s*(?:引用|回复|回復)\s*[:：]\s*")  # toutiao: 回复:


def parse_touch_post(
    pid: int, node: LexborNode, base: str | None, tz: dt.tzinfo, now: dt.datetime | None
) -> Post:
    """Read one touch post (`div.plc#pidPID` or a theme's box); what the page does not show
    stays None."""
    # a poll thread's first post: the message above the poll, which is not part of it
    message = node.css_first(S.TOUCH_POLL_MESSAGE) or node.css_first(S.TOUCH_MESSAGE)
    body_rule = S.RULE_TOUCH_MESSAGE if message is not None else S.RULE_TOUCH_MESSAGE_CONTENT
    message = message or content_block(node)
    head = find_touch_head(node, [n for n in (message, *node.css(S.TOUCH_COMMENTS)) if n])
    label, floor, copy = _floor(head.floor)
    author, uid, kind = (*head.name, "member") if head.name else _author(head.line, node)
    group = _group(head.line, author) if kind == "member" and head.line is not None else None
    shown, at, precision = _time(head.when, tz, now)
    state, body, files = _message(message, base, tz, now)
    found = {k: v for k, v in head.found.items() if k != "author" or author is not None}
    if author is not None:
        found["uid"] = found.get("author", "")
    if label is not None:
        found["label"] = found.get("floor", "")
    if message is not None:
        found["body"] = body_rule
    marked = head.line is not None and _starter_mark(head.line, head.floor)
    if marked:
        found["thread_author"] = S.RULE_TOUCH_STARTER_MARK
    if group is not None:
        found["panel"] = S.RULE_TOUCH_GROUP
    return Post(
        pid=pid,
        floor=floor,
        floor_label=label,
        author=author,
        uid=uid,
        author_kind=kind,
        is_thread_author=floor == 1 and not copy or marked,
        posted_at=at,
        posted_text=shown,
        posted_precision=precision,
        client_tag=body.client_tail,  # touch pages have no header label, only a message tail
        unknown_fields=() if body.client_tail else S.TOUCH_UNSHOWN_TAG,  # 来自手机: never shown
        client_suffix=body.client_tail,
        body_html=body.html,
        body_text=body.text,
        code_blocks=body.code_blocks,
        state=state,
        edited_by=body.edited_by,
        edited_at=body.edited_at,
        is_sticky=copy == "sticky",
        is_hot=copy == "hot",
        is_warned=any(holds_any(w.text(), S.WARNED_WORDS) for w in node.css(S.TOUCH_WARNING)),
        source="touch",
        quotes=body.quotes,
        attachments=body.attachments + files + _listed(node, base),
        comments=_comments(node, tz, now),
        profile=Author(uid, author, group_title=group) if group is not None else None,
        found_by={k: v for k, v in found.items() if v},
    )


def _floor(holder: LexborNode | None) -> tuple[str | None, int | None, str]:
    """Label, number and "sticky" / "hot" from the floor element (em or span.y)."""
    if holder is None:
        return None, None, ""
    text = "".join(holder.text().split())
    if text in S.HOT_LABELS:
        return text, None, "hot"
    match = S.STICKY_FROM.search(text)
    if match:
        return text[match.start() + 2 :], int(match.group(1)), "sticky"
    sticky = "sticky" if holder.css_first(S.TOUCH_STICKY_ICON) is not None else ""
    digits = S.FLOOR_DIGITS.search(text)
    return text or None, int(digits.group(1)) if digits else S.WORD_FLOORS.get(text), sticky


def _author(
    line: LexborNode | None, scope: LexborNode
) -> tuple[str | None, int | None, str | None]:
    """Name, uid and kind (member, guest, anonymous, deleted) as the touch template prints them."""
    if line is None:
        return None, None, None
    holders = select(line, S.TOUCH_NAME_HOLDER)
    holder = holders[0] if holders else line
    # toutiao: `<a class=z>name</a><span class="authortitle z">group</span>`: the link, not the span
    link = holder.css_first(S.USER_LINKS) or line.css_first(S.USER_LINKS)
    match = S.UID_IN_URL.search(link.attributes.get("href") or "") if link is not None else None
    if link is not None and match:
        return link.text().strip() or None, int(match.group(1)), "member"
    guest = holder.css_first(S.GUEST_LINK)
    text = node_text(holder)
    if guest is not None or text in S.GUEST_WORDS:
        return (
            (guest.text(deep=False).strip() if guest is not None else text) or S.GUEST,
            None,
            "guest",
        )
    deleted = next((words for words in S.MEMBER_DELETED_WORDS if words in text), None)
    if deleted is not None:
        # the account is gone; its uid survives only in the avatar URL
        return text.replace(deleted, "").strip() or None, avatar_uid(scope), "deleted"
    if S.ANONYMOUS in text:
        return S.ANONYMOUS, None, "anonymous"
    return (text, None, "unknown") if text else (None, None, None)


def _group(line: LexborNode, name: str | None) -> str | None:
    """A group title right after the author's name: in parentheses (zds_touch), or the next
    element beside the name link (mobanbus: `<a>lisa2019</a><span class=ml10>高级会员</span>`)."""
    text = " ".join(line.text().split())
    at = text.find(name) if name else -1
    match = S.TOUCH_GROUP_AFTER_NAME.match(text, at + len(name or "")) if at >= 0 else None
    group = match.group(1) if match else _beside_name(line)
    if group is None or group.isdigit() or S.TIME_SHOWN.fullmatch(group):
        return None
    return None if S.FLOOR_LABEL.fullmatch(group) or group in S.TOUCH_NOT_GROUPS else group


def _starter_mark(line: LexborNode, floor: LexborNode | None) -> bool:
    """A 楼主 badge in the author line beside the floor label (toutiao: `span.self` 楼主)."""
    for part in line.css(S.TOUCH_STARTER_MARKS):
        if floor is not None and (part.mem_id == floor.mem_id or inside(part, [floor])):
            continue
        if "".join(part.text().split()) in S.STARTER_WORDS:
            return True
    return False


def _beside_name(line: LexborNode) -> str | None:
    link = line.css_first(S.USER_LINKS)
    beside = link.next if link is not None else None
    while beside is not None and beside.is_text_node and not (beside.text() or "").strip():
        beside = beside.next
    if beside is None or beside.tag not in S.TOUCH_GROUP_TAGS:
        return None
    text = " ".join(beside.text().split())
    return text if 0 < len(text) <= 20 else None


def _time(
    when: LexborNode | None, tz: dt.tzinfo, now: dt.datetime | None
) -> tuple[str | None, str | None, str | None]:
    """Shown text (without the line's 收藏 / counter elements), ISO time, precision."""
    line = when.clone() if when is not None else None
    if line is not None:
        remove(line, S.TOUCH_TIME_EXTRAS)
    shown = " ".join(line.text().replace("\xa0", " ").split()) if line is not None else ""
    if not shown:
        return None, None, None
    at, precision = resolve(shown, tz, now)
    return shown, at, precision


def _message(
    message: LexborNode | None, base: str | None, tz: dt.tzinfo, now: dt.datetime | None
) -> tuple[str, Body, list[Attachment]]:
    """State, body and inline file attachments, with the template's notices taken out first."""
    if message is None:
        return "normal", Body(), []
    node = message.clone()
    remove(node, S.TOUCH_DRAWN_BOXES)  # a trade's goods, 分类信息: drawn in the message area
    state = _take_notices(node)
    files = [_inline_file(box, base) for box in select(node, S.TOUCH_INLINE_FILES)]
    for img in select(node, S.TOUCH_INLINE_IMAGES):  # the aid is only in the id here
        img.attrs["aid"] = (img.id or "").removeprefix("aimg_")
    body = parse_body(node, base, tz, now)
    body.quotes = [_unlabelled(quote) for quote in body.quotes]
    if state == "normal" and body.hidden_content:  # [hide]'s box, or 付费主题's (the first post)
        paid = any(locked_state(box.text()) == "paid" for box in select(message, S.LOCKED))
        state = "paid" if paid else "hidden"
    return state, body, files


def _take_notices(node: LexborNode) -> str:
    """Remove placeholder and warning notices and a reply's subject line; return the state."""
    state = "normal"
    for child in list(node.iter()):  # the message's own children: notices come first
        if child.tag == "h2":  # a reply's own subject, shown above its message
            child.decompose()
        elif child.css_matches(S.TOUCH_NOTES) and child.css_first(S.TOUCH_QUOTED) is None:
            state = placeholder_state(node_text(child)) or state
            child.decompose()
    return state


def _unlabelled(quote: Quote) -> Quote:
    """Touch quotes start with the template's `引用:` label, which is not quoted text."""
    return replace(quote, text=_QUOTE_LABEL.sub("", quote.text))


def _inline_file(box: LexborNode, base: str | None) -> Attachment:
    """A file attachment placed in the message: its link, name and size, then only the name."""
    match = S.AID_IN_ID.search(box.id or "")
    link = box.css_first(S.TOUCH_ATTACH_LINK)
    name = box.css_first(S.TOUCH_FILE_NAME) or link
    attachment = Attachment(
        aid=int(match.group(1)) if match else None,
        kind="file",
        url=absolute(base, link.attributes.get("href") if link is not None else None),
        filename=name.text().strip() or None if name is not None else None,
        size_text=_size_text(box),
    )
    remove(box, S.TOUCH_FILE_NOTES)  # size, download count and upload time: not message text
    return attachment


def _size_text(node: LexborNode) -> str | None:
    """`1.2 MB` or `52.31 MB, 下载次数: 96`: the first em or p that gives a size."""
    for part in select(node, S.TOUCH_FILE_NOTES):
        text = " ".join(part.text().replace("\xa0", " ").split()).strip("() ")
        if S.SIZE_TEXT.search(text):
            return text
    return None


def _listed(node: LexborNode, base: str | None) -> list[Attachment]:
    """Attachments listed after the message (`ul.img_one`, file boxes), not placed inline."""
    rest = node.clone()
    remove(rest, S.TOUCH_OUTSIDE_LISTS)
    images = [_listed_image(img, base) for img in select(rest, S.TOUCH_LISTED_IMAGES)]
    return images + [_listed_file(link, base) for link in select(rest, S.TOUCH_LISTED_FILES)]


def _listed_image(img: LexborNode, base: str | None) -> Attachment:
    """`img#aimg_AID` in `ul.img_one`: its src is the full image, its alt the file name, or
    the image's description (图片描述) where it has one: no file name then (`name.ext`)."""
    match = S.AID_IN_ID.search(img.id or "")
    name = img.attributes.get("alt") or img.attributes.get("title") or None
    name = name if name and S.FILE_NAME_SHAPE.search(name) else None
    url = absolute(base, img.attributes.get("src"))
    return Attachment(int(match.group(1)) if match else None, "image", url, name, None, False)


def _listed_file(link: LexborNode, base: str | None) -> Attachment:
    """`a#aidN`: the name is the link text (X3.4) or its span.link (X3.5); the size is near."""
    match = S.AID_IN_ID.search(link.id or "")
    name = (link.css_first(S.TOUCH_FILE_NAME) or link).text().strip() or None
    box = link.parent.parent if link.parent is not None else None  # X3.4: dd > p.attnm > a
    size = _size_text(link) or (_size_text(box) if box is not None else None)
    url = absolute(base, link.attributes.get("href"))
    return Attachment(int(match.group(1)) if match else None, "file", url, name, size, False)


def _comments(node: LexborNode, tz: dt.tzinfo, now: dt.datetime | None) -> list[Comment]:
    """点评 shown under a post (X3.5's touch template; X3.4's shows none)."""
    comments: list[Comment] = []
    for item in select(node, S.TOUCH_COMMENTS):
        line, when = authi_lines(item)
        name, uid, _ = _author(line, item)
        shown, at, _ = _time(when, tz, now)
        shown = after_prefix(shown, S.POSTED_WORDS).strip() or None if shown else None
        text = item.css_first(S.TOUCH_COMMENT_TEXT)
        comments.append(Comment(name, uid, node_text(text) if text else "", shown, at))
    return comments
