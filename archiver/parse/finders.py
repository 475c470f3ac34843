"""Where a desktop post's floor, author, time and message are: each finder tries the stock hook,
then the named fallbacks of `knowledge/rules.py`, and says which rule found it.
"""

from __future__ import annotations

from selectolax.lexbor import LexborNode

from archiver.parse import knowledge as S
from archiver.parse.dom import inside
from archiver.parse.panel import panel_name
from archiver.parse.text import may_hold, node_text

Found = tuple[LexborNode | None, str | None]


def find_floor(
    stock: LexborNode | None, table: LexborNode | None, scope: LexborNode, pid: int
) -> Found:
    """The floor link: `#postnumPID`, a deleted floor's `div.pi strong`, the findpost link."""
    if stock is not None:
        return stock, S.RULE_FLOOR_ID
    placeholder = table.css_first(S.PI_FLOOR) if table is not None else None
    if placeholder is not None:
        return placeholder, S.RULE_FLOOR_PLACEHOLDER
    found = _findpost_label(scope, pid)
    return found, S.RULE_FLOOR_FINDPOST if found is not None else None


def find_posted_on(stock: LexborNode | None, scope: LexborNode, outside: list[LexborNode]) -> Found:
    """The time holder: `#authorpostonPID`, an em/span reading 发表于 …, one that is a date."""
    if stock is not None:
        return stock, S.RULE_TIME_ID
    dated = None
    for node in scope.css(S.POSTED_ON_ANY):
        text = node.text()
        if text.lstrip().startswith(S.POSTED) and not inside(node, outside):
            return node, S.RULE_TIME_POSTED
        if dated is None and S.DATE_SHOWN.fullmatch(text) and not inside(node, outside):
            dated = node
    return dated, S.RULE_TIME_DATE if dated is not None else None


def find_message(stock: LexborNode | None, scope: LexborNode | None) -> Found:
    """The message cell: `#postmessage_PID`, else a card's body inside the post's container."""
    if stock is not None:
        return stock, S.RULE_BODY_ID
    for selector in S.MESSAGE_FALLBACKS if scope is not None else ():
        node = scope.css_first(selector) if scope is not None else None
        if node is not None:
            return node, S.RULE_BODY_FALLBACK.format(selector)
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
    # the div.pi below lies in the holder: without the phrase's characters there, no search
    if uid is not None and not may_hold(holder.text(), S.MEMBER_DELETED):
        return name, uid, "member", rule
    pi = holder.css_first(S.PI) or (holder if holder is not scope else None)
    if pi is None:
        return (name, uid, "member", rule) if uid is not None else (None, None, None, None)
    if uid is not None and not may_hold(pi.text(), S.MEMBER_DELETED):
        return name, uid, "member", rule
    return _not_a_member(pi, scope, name, uid, rule)


def _not_a_member(
    pi: LexborNode, scope: LexborNode, name: str | None, uid: int | None, rule: str
) -> Author:
    """A deleted account, a guest, an anonymous post, or a member whose panel reads 已被删除."""
    text = node_text(pi)
    if S.MEMBER_DELETED in text:
        deleted = pi.css_first(S.PI_DELETED_NOTE)
        name = text.replace(deleted.text(), "").strip() if deleted is not None else name
        only = uid or _only_author_uid(scope)
        why = rule if uid else S.RULE_AUTHOR_ONLY_AUTHOR if only else S.RULE_AUTHOR_DELETED
        return name or None, only, "deleted", why
    if uid is not None:
        return name, uid, "member", rule
    # a guest (authorid 0) is a javascript: link with the masked IP; its name is the site's
    # anonymoustext (匿名 by default), so test for it before the plain 匿名 of anonymous posts
    guest = pi.css_first(S.GUEST_LINK)
    if guest is not None or S.GUEST_IP.search(text) or S.GUEST in text:
        shown = (guest.text(deep=False) if guest is not None else text).split()
        shown = [w for w in shown if not S.GUEST_IP.fullmatch(w)][:1]
        return (shown[0] if shown else S.GUEST), None, "guest", S.RULE_AUTHOR_GUEST
    if S.ANONYMOUS in text:
        return S.ANONYMOUS, None, "anonymous", S.RULE_AUTHOR_ANONYMOUS
    return (text or None), None, "unknown", S.RULE_AUTHOR_TEXT if text else None


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
        name = link.text().strip()
        match = S.UID_IN_URL.search(link.attributes.get("href") or "")
        if name and match and not inside(link, outside):
            if uid is None or int(match.group(1)) == uid:
                return name, int(match.group(1))
    return None
