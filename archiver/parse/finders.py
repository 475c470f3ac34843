"""Where a desktop post's floor, author, time and message are: each finder tries the stock hook,
then the named fallbacks of `knowledge/rules.py`, and says which rule found it.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from selectolax.lexbor import LexborHTMLParser, LexborNode

from archiver.model import Author as Profile
from archiver.model import Rating
from archiver.parse import knowledge as S
from archiver.parse.dom import inside
from archiver.parse.panel import panel_name
from archiver.parse.post_extras import ratings
from archiver.parse.text import after_prefix, bare_time, holds_any, may_hold, node_text

Found = tuple[LexborNode | None, str | None]


def find_floor(
    stock: LexborNode | None, table: LexborNode | None, scope: LexborNode, pid: int
) -> Found:
    """The floor link: `#postnumPID`, a deleted floor's `div.pi strong`, the findpost link, the
    label a post's header starts with."""
    if stock is not None:
        return stock, S.RULE_FLOOR_ID
    placeholder = table.css_first(S.PI_FLOOR) if table is not None else None
    if placeholder is not None:
        return placeholder, S.RULE_FLOOR_PLACEHOLDER
    found = _findpost_label(scope, pid)
    if found is not None:
        return found, S.RULE_FLOOR_FINDPOST
    found = _leading_label(scope)
    return found, S.RULE_FLOOR_HEAD if found is not None else None


def _leading_label(scope: LexborNode) -> LexborNode | None:
    """`楼主` or `<em>5</em><sup>#</sup>` before the name in the post's header, handed on as a
    span holding the label (the header itself holds the name and time too)."""
    head = scope.css_first(S.FLOOR_HEADS)
    if head is None:
        return None
    text = ""
    for child in head.iter(include_text=True):
        if child.tag not in S.FLOOR_HEAD_INLINE:
            break
        text += child.text()
    label = "".join(text.split())
    return shown_holder(label) if S.FLOOR_LABEL.fullmatch(label) else None


def find_panel(
    stock: LexborNode | None,
    table: LexborNode | None,
    scope: LexborNode,
    card: LexborNode | None,
    message: LexborNode | None,
) -> Found:
    """The author panel: `#favatarPID`, a filled `td.pls`, a profile node moved elsewhere in
    the post, else the hidden user card; None where the theme shows none (an empty td.pls)."""
    if stock is not None:
        return stock, S.RULE_PANEL_ID
    cell = table.css_first(S.PANEL_CELL) if table is not None else None
    if cell is not None and next(cell.iter(), None) is not None:
        return cell, S.RULE_PANEL_CELL
    for numbers in scope.css(S.PANEL_NUMBERS):
        box = numbers.parent
        if inside(numbers, _list(message)):
            continue
        while box is not None and box.mem_id != scope.mem_id:
            if box.css_first(S.PANEL_MARKS) is not None:
                return box, S.RULE_PANEL_MOVED
            box = box.parent
    return (card, S.RULE_PANEL_CARD) if card is not None else (None, None)


def find_header_group(
    scope: LexborNode, outside: list[LexborNode], uid: int, name: str | None
) -> tuple[Profile | None, str | None]:
    """No panel: the group link a theme puts beside the name (`a[href*=ac=usergroup]` outside
    the message). `LV<N>` shows the star rank, a number alone the group's id (neither its
    title nor its rank), any other text the group's title."""
    for link in scope.css(S.HEADER_GROUP_LINKS):
        if inside(link, outside):
            continue
        text = "".join(link.text().split())
        match = S.GID_IN_URL.search(link.attributes.get("href") or "")
        gid = int(match.group(1)) if match else None
        level = S.LEVEL_TEXT.fullmatch(text)
        if level is not None:
            return Profile(uid, name, gid=gid, rank=int(level.group(1))), S.RULE_PANEL_LEVEL
        if text and not text.isdigit():
            return Profile(uid, name, group_title=text, gid=gid), S.RULE_PANEL_GROUP_LINK
    return None, None


def _list(node: LexborNode | None) -> list[LexborNode]:
    return [node] if node is not None else []


def find_posted_on(
    stock: LexborNode | None,
    scope: LexborNode,
    outside: list[LexborNode],
    boxes: Sequence[LexborNode] = (),
    panel: LexborNode | None = None,
) -> Found:
    """The time holder: `#authorpostonPID`, an em/span reading 发表于 …, one that is a date,
    a relative time in a span whose title is the date, a date in an attribute of the post's
    boxes (`boxes`: div#post_PID, #pidPID), a text node that is a time (not in `panel`)."""
    if stock is not None:
        return stock, S.RULE_TIME_ID
    dated: Found = None, None
    for node in scope.css(S.POSTED_ON_ANY):
        text = node.text()
        if inside(node, outside):
            continue
        if text.lstrip().startswith(S.POSTED_WORDS):
            if after_prefix(text.strip(), S.POSTED_WORDS).strip(" :：\xa0"):
                return node, S.RULE_TIME_POSTED
            continue  # xiaoyu_newmi: `<span>发表于 </span><span class=time>…`: the next one
        if dated[0] is None and S.DATE_SHOWN.fullmatch(text):
            dated = node, S.RULE_TIME_DATE
        elif dated[0] is None and _titled_time(node, text):
            dated = node, S.RULE_TIME_TITLED
    if dated[0] is None:
        for box in boxes:
            for name in S.POST_TIME_ATTRIBUTES:
                value = box.attributes.get(name) or ""
                shown = shown_holder(value) if S.DATE_SHOWN.fullmatch(value) else None
                if shown is not None:
                    return shown, S.RULE_TIME_ATTRIBUTE.format(name)
    if dated[0] is None:
        found = time_text(scope, [*outside, *_list(panel)])
        if found is not None:
            return found[0], S.RULE_TIME_TEXT
    return dated


def time_text(scope: LexborNode, outside: list[LexborNode]) -> tuple[LexborNode, str] | None:
    """The first text node under `scope`, not in `outside`, that is a time between separators
    (发表于 may lead it), and that time: for themes that print the time bare. Walks the whole
    post, so it runs only when no element holds the time."""
    for node in scope.traverse(include_text=True):
        if node.tag != "-text":
            continue
        shown = bare_time(node.text_content or "")
        if shown and S.TIME_SHOWN.fullmatch(shown) and not inside(node, outside):
            return node, shown
    return None


def _titled_time(node: LexborNode, text: str) -> bool:
    """`<span title="2026-11-29 04:30:00">6 天前</span>`: dgmdate's relative form."""
    title = node.attributes.get("title") or "" if node.tag == "span" else ""
    shown = " ".join(text.replace("\xa0", " ").split())
    return bool(S.DATE_SHOWN.fullmatch(title) and S.TIME_SHOWN.fullmatch(shown))


def shown_holder(text: str) -> LexborNode | None:
    """Text found outside an element of its own (an attribute, bare text), handed on as the
    element a holder is: a span with that text."""
    holder = S.ATTRIBUTE_TIME_HOLDER
    return LexborHTMLParser(f"<{holder}>{escape(text)}</{holder}>").css_first(holder)


def find_message(stock: LexborNode | None, scope: LexborNode | None) -> Found:
    """The message cell: `#postmessage_PID`, else a card's body inside the post's container."""
    if stock is not None:
        return stock, S.RULE_BODY_ID
    for selector in S.MESSAGE_FALLBACKS if scope is not None else ():
        node = scope.css_first(selector) if scope is not None else None
        if node is not None:
            return node, S.RULE_BODY_FALLBACK.format(selector)
    return None, None


def find_ratings(
    log: LexborNode | None, slot: LexborNode | None
) -> tuple[list[Rating] | None, str | None]:
    """The 评分 table `#ratelog_PID`; the stock template writes the empty slot
    `#post_rate_div_PID` instead when a post has none; a theme with neither shows no ratings."""
    if log is not None:
        return ratings(log), S.RULE_RATINGS_LOG
    if slot is not None:
        return [], S.RULE_RATINGS_SLOT
    return None, None


def _findpost_label(scope: LexborNode, pid: int) -> LexborNode | None:
    """A theme without `#postnumPID`: the post's own findpost link, when it reads as a floor."""
    for link in scope.css(S.FINDPOST_LINKS):
        match = S.PID_IN_URL.search(link.attributes.get("href") or "")
        text = "".join(link.text().split())
        if match and int(match.group(1)) == pid and S.FLOOR_LABEL.fullmatch(text):
            return link
    return None


Author = tuple[str | None, int | None, str | None, str | None]  # name, uid, kind, rule


def find_author(
    panel: LexborNode | None,
    scope: LexborNode,
    named: tuple[str | None, int | None] | None,
    outside: list[LexborNode],
) -> Author:
    """Name, uid and kind (member, guest, anonymous or deleted account), and the rule; Nones
    when not shown.

    `named` is `panel_name(panel)`, read once for this and the panel's profile; `outside`
    are the parts of the post (message, 点评, ratings) whose links name others.
    """
    holder = panel or scope.css_first(S.PANEL_CELL) or scope
    name, uid = named if panel is not None and named is not None else panel_name(holder)
    rule = S.RULE_AUTHOR_PANEL if holder is not scope else S.RULE_AUTHOR_HEADER
    if uid is None:
        link = scope.css_first(S.HEADER_NAME_LINK)
        if link is not None:
            (name, uid), rule = panel_name(link.parent or link), S.RULE_AUTHOR_HEADER
    if uid is None:  # a theme that moved the panel: the first named space link of the post
        spaced = _space_link(scope, outside)
        if spaced is not None:
            (name, uid), rule = spaced, S.RULE_AUTHOR_SPACE
    elif name is None:  # the avatar link came first: its name link carries the same uid
        spaced = _space_link(scope, outside, uid)
        if spaced is not None:
            name, rule = spaced[0], S.RULE_AUTHOR_NAMED_SPACE
    # the div.pi (old mobile: div.bm_user) is in the holder: no phrase's characters, no search
    if uid is not None and not _may_be_deleted(holder.text()):
        return name, uid, "member", rule
    pi = holder.css_first(S.PI) or (scope.css_first(S.FLOOR_HEADS) if holder is scope else holder)
    if pi is None:
        return (name, uid, "member", rule) if uid is not None else (None, None, None, None)
    if uid is not None and not _may_be_deleted(pi.text()):
        return name, uid, "member", rule
    return _not_a_member(pi, scope, name, uid, rule)


def _not_a_member(
    pi: LexborNode, scope: LexborNode, name: str | None, uid: int | None, rule: str
) -> Author:
    """A deleted account, a guest, an anonymous post, or a member whose panel reads 已被删除."""
    text = node_text(pi)
    if holds_any(text, S.MEMBER_DELETED_WORDS):
        deleted = pi.css_first(S.PI_DELETED_NOTE)
        name = text.replace(deleted.text(), "").strip() if deleted is not None else name
        only = uid or _only_author_uid(scope)
        why = rule if uid else S.RULE_AUTHOR_ONLY_AUTHOR if only else S.RULE_AUTHOR_DELETED
        return name or None, only, "deleted", why
    if uid is not None:
        return name, uid, "member", rule
    # a theme without the name (heimen): viewthread_node.htm prints 只看该作者 (authorid=N)
    # for members only (`$post['authorid'] && !$post['anonymous']`), so a uid and no name
    only = _only_author_uid(scope)
    if only is not None:
        return None, only, "member", S.RULE_AUTHOR_ONLY_AUTHOR
    # a guest (authorid 0) is a javascript: link with the masked IP; its name is the site's
    # anonymoustext (匿名 by default), so test for it before the plain 匿名 of anonymous posts
    # with words: a javascript: button with only an image (跳转到指定楼层) names nobody
    guest = next((a for a in pi.css(S.GUEST_LINK) if a.text().strip()), None)
    if guest is not None or S.GUEST_IP.search(text) or holds_any(text, S.GUEST_WORDS):
        shown = (guest.text(deep=False) if guest is not None else text).split()
        shown = [w for w in shown if not S.GUEST_IP.fullmatch(w)][:1]
        return (shown[0] if shown else S.GUEST), None, "guest", S.RULE_AUTHOR_GUEST
    if S.ANONYMOUS in text:
        return S.ANONYMOUS, None, "anonymous", S.RULE_AUTHOR_ANONYMOUS
    return (text or None), None, "unknown", S.RULE_AUTHOR_TEXT if text else None


def _may_be_deleted(raw: str) -> bool:
    """Whether a panel's raw text may hold 该用户已被删除 (either wording): else no search."""
    return any(may_hold(raw, words) for words in S.MEMBER_DELETED_WORDS)


def _only_author_uid(scope: LexborNode) -> int | None:
    """The uid in the header's 只看该作者 link (authorid=U), when no profile link is shown."""
    link = scope.css_first(S.ONLY_AUTHOR_LINK)
    match = S.AUTHORID_IN_URL.search(link.attributes.get("href") or "") if link else None
    return int(match.group(1)) or None if match else None


def _space_link(
    scope: LexborNode, outside: list[LexborNode], uid: int | None = None
) -> tuple[str, int] | None:
    """Name and uid of the first space link with text (avatar links have none), of `uid` if
    given."""
    for link in scope.css(S.SPACE_LINKS):
        # the name is the link's own text: a theme may put an online-status mark in it
        name = link.text(deep=False).strip() or link.text().strip()
        match = S.UID_IN_URL.search(link.attributes.get("href") or "")
        if name and match and not inside(link, outside):
            if uid is None or int(match.group(1)) == uid:
                return name, int(match.group(1))
    return None
