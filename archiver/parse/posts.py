"""One post of a desktop thread page, found by its pid."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from functools import lru_cache

from selectolax.lexbor import LexborNode

from archiver.errors import NotAThreadPage
from archiver.model import Author, Post
from archiver.parse import knowledge as S
from archiver.parse.body import Body, parse_body
from archiver.parse.dom import PageIds, first_tag, holds_nothing, inside, select
from archiver.parse.numbers import to_int
from archiver.parse.panel import panel_name, parse_panel
from archiver.parse.post_extras import attachment_list, comments, header_client_tag, ratings
from archiver.parse.skeleton import locked_state
from archiver.parse.text import may_hold, node_text
from archiver.times import resolve


@dataclass(frozen=True)
class PostContext:
    """What every post on a page needs from the page."""

    base: str | None
    tz: dt.tzinfo
    now: dt.datetime | None
    blocked: frozenset[int]
    ids: PageIds
    parts: frozenset[str]  # of S.RARE_PARTS, those the page has
    # panels read so far, by uid: one page renders a member's panel the same beside each post
    panels: dict[int, Author] = field(default_factory=dict)


def _first(ctx: PostContext, selector: str, pid: int) -> LexborNode | None:
    """A post-level `#id{pid}` element, from the page's id index (one pass, not a search)."""
    return ctx.ids.nodes.get(_id_prefix(selector) + str(pid))


@lru_cache(maxsize=64)
def _id_prefix(selector: str) -> str:
    """`#postnum{pid}` -> `postnum`: the id of a post-level selector, without the pid."""
    name = selector.lstrip("#")
    if not name.endswith("{pid}") or name.count("{") != 1:
        raise ValueError(f"not a post-level id selector: {selector}")
    return name.removesuffix("{pid}")


def parse_post(pid: int, ctx: PostContext) -> Post:
    """Read one post; missing parts are recorded as None, never guessed."""
    nodes, key = ctx.ids.nodes, str(pid)

    def first(selector: str) -> LexborNode | None:  # _first, without its calls per lookup
        return nodes.get(_id_prefix(selector) + key)

    table = first(S.POST_TABLE)
    container = first(S.POST_CONTAINER) or table
    message = first(S.MESSAGE)
    # pids come from these ids; a page cut or saved partly may keep only the message cell
    scope = container or table or message
    if scope is None:
        raise NotAThreadPage(f"post {pid} is listed but its markup is missing")
    label, floor, copy = _floor(
        first(S.FLOOR) or _placeholder_label(table) or _findpost_label(scope, pid)
    )
    if table is not None and "plhin" not in (table.attrs.get("class") or "").split():
        if S.DELETED_FLOOR in table.text():
            return _deleted(pid, label, floor, table)
    # X2 and some themes have no div#favatarPID: the left cell itself is the panel
    panel = first(S.PANEL) or (table.css_first(S.PANEL_CELL) if table else None)
    named = panel_name(panel) if panel is not None else None
    ratelog = first(S.RATELOG)
    outside = [n for n in (message, first(S.COMMENT_BOX), ratelog) if n is not None]
    author, uid, kind = _author(panel, scope, named, outside)
    profile = None
    if panel is not None and uid is not None and kind == "member":
        profile = ctx.panels.get(uid)
        if profile is None:
            profile = ctx.panels[uid] = parse_panel(panel, ctx.base, named, present=ctx.parts)
    if profile is not None and profile.uid is None:  # authoronleft=0: the name is in the header
        profile = replace(profile, uid=uid, name=author)
    posted_on = first(S.POSTED_ON) or _posted_on_anywhere(scope, outside)
    posted_text, posted_at, precision = _time(posted_on, ctx)
    body = parse_body(message, ctx.base, ctx.tz, ctx.now) if message is not None else Body()
    listed = S.ATTACH_LIST in ctx.parts
    attachments = body.attachments + (attachment_list(scope, ctx.base) if listed else [])
    empty = holds_nothing(ctx.ids, _id_prefix(S.COMMENT_BOX) + key)  # no 点评 (most posts)
    notes = [] if empty else select(scope, S.COMMENTS.format(pid=pid))
    return Post(
        pid=pid,
        floor=floor,
        floor_label=label,
        author=author,
        uid=uid,
        author_kind=kind,
        is_thread_author=floor == 1 and not copy or _starter_marker(ctx, scope, pid),
        posted_at=posted_at,
        posted_text=posted_text,
        posted_precision=precision,
        client_tag=header_client_tag(posted_on) or body.client_tail,
        client_suffix=body.client_tail,
        body_html=body.html,
        body_text=body.text,
        state=_state(scope, message, body, pid, ctx, container),
        edited_by=body.edited_by,
        edited_at=body.edited_at,
        is_sticky=copy == "sticky",
        is_hot=copy == "hot",
        profile=profile,
        quotes=body.quotes,
        attachments=attachments,
        ratings=ratings(ratelog),
        comments=comments(notes, ctx.tz, ctx.now),
    )


def _placeholder_label(table: LexborNode | None) -> LexborNode | None:
    return table.css_first(S.PI_FLOOR) if table is not None else None


def _findpost_label(scope: LexborNode, pid: int) -> LexborNode | None:
    """A theme without `#postnumPID`: the post's own findpost link, when it reads as a floor."""
    for link in scope.css(S.FINDPOST_LINKS):
        match = S.PID_IN_URL.search(link.attrs.get("href") or "")
        text = "".join(link.text().split())
        if match and int(match.group(1)) == pid and S.FLOOR_LABEL.fullmatch(text):
            return link
    return None


def _posted_on_anywhere(scope: LexborNode, outside: list[LexborNode]) -> LexborNode | None:
    """A theme without `#authorposton PID`: the first em or span reading 发表于 …."""
    for node in scope.css(S.POSTED_ON_ANY):
        if node.text().lstrip().startswith(S.POSTED) and not inside(node, outside):
            return node
    return None


def _floor(node: LexborNode | None) -> tuple[str | None, int | None, str]:
    """The floor label as shown, its number, and "sticky" / "hot" for copies on page 1."""
    if node is None:
        return None, None, ""
    text = "".join(node.text().split())
    if text == S.HOT_LABEL:  # a hot reply's copy: Discuz numbers it -1
        return text, None, "hot"
    em, sticky = None, S.STICKY in text  # the text, or an img[title*='置顶']
    for item in node.traverse():  # one walk for both
        tag = item.tag
        if tag == "em" and em is None:
            em = item
        elif tag == "img" and not sticky:
            sticky = S.STICKY in (item.attributes.get("title") or "")
    from_match = S.STICKY_FROM.search(text)
    if from_match:
        return text[from_match.start() + 2 :], int(from_match.group(1)), "sticky"
    digits = em.text().strip() if em is not None else ""
    if not digits.isdigit():
        match = S.FLOOR_DIGITS.fullmatch(text) or S.FLOOR_DIGITS.match(text)
        digits = match.group(1) if match else ""
    return text or None, to_int(digits), "sticky" if sticky else ""


def _deleted(pid: int, label: str | None, floor: int | None, table: LexborNode) -> Post:
    return Post(
        pid=pid, floor=floor, floor_label=label, author=None, uid=None, author_kind=None,
        is_thread_author=False, posted_at=None, posted_text=None, posted_precision=None,
        client_tag=None, body_html="", body_text="", state="deleted", ratings=[],
    )  # fmt: skip


def _author(
    panel: LexborNode | None,
    scope: LexborNode,
    named: tuple[str | None, int | None] | None,
    outside: list[LexborNode],
) -> tuple[str | None, int | None, str | None]:
    """Name, uid and kind: member, guest, anonymous or deleted account; Nones when not shown.

    `named` is `panel_name(panel)`, read once for this and the panel's profile; `outside`
    are the parts of the post (message, 点评, ratings) whose links name others.
    """
    holder = panel or scope.css_first(S.PANEL_CELL) or scope
    name, uid = named if panel is not None and named is not None else panel_name(holder)
    if uid is None:
        link = scope.css_first(S.HEADER_NAME_LINK)
        if link is not None:
            name, uid = panel_name(link.parent or link)
    if uid is None:  # a theme that moved the panel: the first named space link of the post
        name, uid = _space_link(scope, outside) or (name, uid)
    # the div.pi below lies in the holder: without the phrase's characters there, no search
    if uid is not None and not may_hold(holder.text(), S.MEMBER_DELETED):
        return name, uid, "member"
    pi = holder.css_first(S.PI) or (holder if holder is not scope else None)
    if pi is None:
        return (name, uid, "member") if uid is not None else (None, None, None)
    if uid is not None and not may_hold(pi.text(), S.MEMBER_DELETED):
        return name, uid, "member"
    text = node_text(pi)
    if S.MEMBER_DELETED in text:
        deleted = pi.css_first(S.PI_DELETED_NOTE)
        name = text.replace(deleted.text(), "").strip() if deleted is not None else name
        return name or None, uid or _only_author_uid(scope), "deleted"
    if uid is not None:
        return name, uid, "member"
    # a guest (authorid 0) is a javascript: link with the masked IP; its name is the site's
    # anonymoustext (匿名 by default), so test for it before the plain 匿名 of anonymous posts
    guest = pi.css_first(S.GUEST_LINK)
    if guest is not None or S.GUEST_IP.search(text) or S.GUEST in text:
        shown = (guest.text(deep=False) if guest is not None else text).split()
        shown = [w for w in shown if not S.GUEST_IP.fullmatch(w)][:1]
        return (shown[0] if shown else S.GUEST), None, "guest"
    if S.ANONYMOUS in text:
        return S.ANONYMOUS, None, "anonymous"
    return (text or None), None, "unknown"


def _only_author_uid(scope: LexborNode) -> int | None:
    """The uid in the header's 只看该作者 link (authorid=U), when no profile link is shown."""
    link = scope.css_first(S.ONLY_AUTHOR_LINK)
    match = S.AUTHORID_IN_URL.search(link.attrs.get("href") or "") if link else None
    return int(match.group(1)) or None if match else None


def _space_link(scope: LexborNode, outside: list[LexborNode]) -> tuple[str, int] | None:
    """Name and uid of the first space link with text (avatar links have none)."""
    for link in scope.css(S.SPACE_LINKS):
        name = link.text().strip()
        match = S.UID_IN_URL.search(link.attrs.get("href") or "")
        if name and match and not inside(link, outside):
            return name, int(match.group(1))
    return None


def _time(em: LexborNode | None, ctx: PostContext) -> tuple[str | None, str | None, str | None]:
    """Shown text, ISO time and precision; the span title has the absolute time."""
    if em is None:
        return None, None, None
    text = " ".join(em.text().replace("\xa0", " ").split())
    shown = text.removeprefix(S.POSTED).strip() or None
    span = first_tag(em, "span", "title")
    title = span.attrs.get("title") if span is not None else None
    at, precision = resolve(title or shown or "", ctx.tz, ctx.now)
    if at is None and title and shown:
        at, precision = resolve(shown, ctx.tz, ctx.now)
    return shown, at, precision


def _starter_marker(ctx: PostContext, scope: LexborNode, pid: int) -> bool:
    """The 楼主 badge: ico_lz icon (X3.4), em.authicn title=楼主 (X3.5), or the 楼主 text."""
    icon = _first(ctx, S.AUTHOR_ICON, pid)
    if icon is not None and "ico_lz" in (icon.attrs.get("src") or ""):
        return True
    header = scope.css_first(S.HEADER_AUTHI)
    if header is None or S.STARTER not in (header.html or ""):  # neither the title nor the text
        return False
    if header.css_first(S.STARTER_TITLE) is not None:
        return True
    posted_on = header.css_first(S.HEADER_POSTED_ON)
    text = header.text()
    if posted_on is not None:
        text = text.replace(posted_on.text(), "")
    return S.STARTER in text


def _state(
    scope: LexborNode,
    message: LexborNode | None,
    body: Body,
    pid: int,
    ctx: PostContext,
    container: LexborNode | None,
) -> str:
    # the box matters for a div.locked in it, or the pending note of a post without message
    pcb = scope.css_first(S.PCB) if S.LOCKED in ctx.parts or message is None else None
    if pcb is not None:
        for locked in pcb.css(S.LOCKED):
            if message is not None and inside(locked, [message]):
                continue
            return locked_state(locked.text())
        if message is None and S.PENDING in pcb.text():
            return "pending"
    if body.pending:
        return "pending"
    if body.hidden_content:
        return "hidden"
    style = (container.attributes.get("style") or "") if container is not None else ""
    if pid in ctx.blocked or "display:none" in style.replace(" ", ""):
        return "filtered"
    return "normal"
