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
from archiver.parse.finders import (
    find_author,
    find_floor,
    find_header_group,
    find_message,
    find_panel,
    find_posted_on,
    find_ratings,
)
from archiver.parse.numbers import to_int
from archiver.parse.panel import panel_name, parse_panel, tip_credits
from archiver.parse.post_extras import (
    attachment_list,
    comments,
    header_client_tag,
    line_client_tag,
    note_box,
    review_counts,
    starter_mark,
    warned_mark,
)
from archiver.parse.skeleton import locked_state
from archiver.parse.text import after_prefix, bare_time, holds_any
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
    # the page marks messages with postmessage_PID ids: a post without one shows no message
    # (locked, password); else the theme dropped them and MESSAGE_FALLBACKS find the body
    message_ids: bool = True
    order: str | None = None  # "dmy" or "mdy" where the site's dates put the year last
    first: int | None = None  # the page's first pid: themes give the thread's first post more
    # panels read so far, by uid: one page renders a member's panel the same beside each post,
    # but for the first post (qing: its counters only there); by uid, panel rule, first or not
    panels: dict[tuple[int, str, bool], Author] = field(default_factory=dict)


@lru_cache(maxsize=64)
def id_prefix(selector: str) -> str:
    """`#postnum{pid}` -> `postnum`: the id of a post-level selector, without the pid."""
    name = selector.lstrip("#")
    if not name.endswith("{pid}") or name.count("{") != 1:
        raise ValueError(f"not a post-level id selector: {selector}")
    return name.removesuffix("{pid}")


def parse_post(pid: int, ctx: PostContext) -> Post:
    """Read one post; missing parts are recorded as None, never guessed."""
    nodes, key, repeated = ctx.ids.nodes, str(pid), ctx.ids.repeated
    table = nodes.get(id_prefix(S.POST_TABLE) + key)

    def first(selector: str) -> LexborNode | None:  # a post-level `#id{pid}`, from the index
        name = id_prefix(selector) + key
        if name in repeated and table is not None:  # travel_linzi repeats it in a block before
            return table.css_first(S.ID.format(name)) or nodes.get(name)
        return nodes.get(name)

    container = first(S.POST_CONTAINER) or table
    message = first(S.MESSAGE)
    if message is None and table is not None and ctx.ids.repeated:  # a paid post's [free]
        message = table.css_first(S.FREE_MESSAGE)  # part, with the next post's id
    # pids come from these ids; a page cut or saved partly may keep only the message cell
    scope = container or table or message
    if scope is None:
        raise NotAThreadPage(f"post {pid} is listed but its markup is missing")
    found: dict[str, str | None] = {}  # field -> the rule that found it (knowledge/rules.py)
    themed = None if ctx.message_ids else container or table
    message, found["body"] = find_message(message, themed)
    floor_node, found["floor"] = find_floor(first(S.FLOOR), table, scope, pid)
    (label, floor, copy), found["label"] = _floor(floor_node), found["floor"]
    if table is not None and "plhin" not in (table.attrs.get("class") or "").split():
        if holds_any(table.text(), S.DELETED_FLOOR_WORDS):
            return _deleted(pid, label, floor, table)
    # X2 and some themes have no div#favatarPID: the left cell, a moved profile, the user card
    card = first(S.PANEL_CARD)
    panel, found["panel"] = find_panel(first(S.PANEL), table, scope, card, message)
    named = panel_name(panel) if panel is not None else None
    ratelog = first(S.RATELOG)
    outside = [n for n in (message, first(S.COMMENT_BOX), ratelog) if n is not None]
    author, uid, kind, found["author"] = find_author(panel, scope, named, outside)
    found["uid"] = found["author"]
    profile = None
    if panel is not None and uid is not None and kind == "member":
        cached = (uid, found["panel"] or "", pid == ctx.first)
        profile = ctx.panels.get(cached)
        if profile is None:
            rows = S.PANEL_CARD_ROWS if found["panel"] == S.RULE_PANEL_CARD else None
            profile = parse_panel(panel, ctx.base, named, present=ctx.parts, rows=rows)
            ctx.panels[cached] = profile
    if profile is None and uid is not None and kind == "member":
        profile, rule = find_header_group(scope, outside, uid, author)
        found["panel"] = rule or found["panel"]
    # authoronleft=0: the name is in the header; we54: the panel shows no name
    if profile is not None and (profile.uid is None or profile.name is None and profile.uid == uid):
        profile = replace(profile, uid=uid, name=profile.name or author)
    if kind == "member" and (profile is None or profile.credits is None):
        tip = nodes.get(S.GROUP_TIP_ID.format(pid=key))  # themes without counters keep it
        profile = tip_credits(tip, profile, uid, author) if tip is not None else profile
        found["credits"] = S.RULE_CREDITS_TIP if profile and profile.credits is not None else None
    stock_time = first(S.POSTED_ON)
    boxes = [n for n in (container, table) if n is not None]
    posted_on, found["time"] = find_posted_on(stock_time, scope, outside, boxes, panel)
    posted_text, posted_at, precision = _time(posted_on, ctx)
    body = Body() if message is None else parse_body(message, ctx.base, ctx.tz, ctx.now, ctx.order)
    listed = S.ATTACH_LIST in ctx.parts
    attachments = body.attachments + (attachment_list(scope, ctx.base) if listed else [])
    rated, found["ratings"] = find_ratings(ratelog, first(S.RATE_SLOT))
    empty = holds_nothing(ctx.ids, id_prefix(S.COMMENT_BOX) + key)  # no 点评 (most posts)
    notes = [] if empty else select(scope, S.COMMENTS.format(pid=pid))
    first_floor = floor == 1 and not copy
    icon = nodes.get(id_prefix(S.AUTHOR_ICON) + key)  # the index's first, repeated or not
    found["thread_author"] = (
        None if first_floor else starter_mark(icon, scope, stock_time, ctx.parts)
    )
    support, against = review_counts(nodes, key)
    return Post(
        pid=pid,
        floor=floor,
        floor_label=label,
        author=author,
        uid=uid,
        author_kind=kind,
        is_thread_author=first_floor or found["thread_author"] is not None,  # a view keeps these
        posted_at=posted_at,
        posted_text=posted_text,
        posted_precision=precision,
        client_tag=_client_tag(posted_on, body, found),
        client_suffix=body.client_tail,
        support=support,
        against=against,
        body_html=body.html,
        body_text=body.text,
        code_blocks=body.code_blocks,
        state=_state(scope, message, body, pid, ctx, container),
        edited_by=body.edited_by,
        edited_at=body.edited_at,
        is_sticky=copy == "sticky",
        is_hot=copy == "hot",
        is_warned=warned_mark(first(S.FLOOR)),
        profile=profile,
        quotes=body.quotes,
        attachments=attachments,
        ratings=rated,
        comments=comments(notes, ctx.tz, ctx.now, ctx.order),
        found_by=_found(
            found, panel=profile, author=author, uid=uid, time=posted_at, floor=floor, label=label
        ),
    )


def _client_tag(
    posted_on: LexborNode | None, body: Body, found: dict[str, str | None]
) -> str | None:
    """The label beside the time, else one later in its line, else an app's tail at the
    message end."""
    header = header_client_tag(posted_on)
    line = None if header else line_client_tag(posted_on)
    tag = header or line or body.client_tail
    rule = S.RULE_CLIENT_HEADER if header else S.RULE_CLIENT_TEXT if line else S.RULE_CLIENT_TAIL
    found["client_tag"] = rule if tag else None
    return tag


def _found(found: dict[str, str | None], **values: object) -> dict[str, str]:
    """The rules that found a field, for the fields that came out (a missing one has none)."""
    return {
        name: rule
        for name, rule in found.items()
        if rule is not None and values.get(name, True) is not None
    }


def _floor(node: LexborNode | None) -> tuple[str | None, int | None, str]:
    """The floor label as shown, its number, and "sticky" / "hot" for copies on page 1."""
    if node is None:
        return None, None, ""
    text = "".join(node.text().split())
    if text in S.HOT_LABELS:  # a hot reply's copy: Discuz numbers it -1
        return text, None, "hot"
    em, sticky = None, holds_any(text, S.STICKY_WORDS)  # the text, or an img[title*='置顶']
    for item in node.traverse():  # one walk for both
        tag = item.tag
        if tag == "em" and em is None:
            em = item
        elif tag == "img" and not sticky:
            sticky = holds_any(item.attributes.get("title") or "", S.STICKY_WORDS)
    from_match = S.STICKY_FROM.search(text)
    if from_match:
        return text[from_match.start() + 2 :], int(from_match.group(1)), "sticky"
    digits = em.text().strip() if em is not None else ""
    if not digits.isdigit():
        match = S.FLOOR_DIGITS.fullmatch(text) or S.FLOOR_DIGITS.match(text)
        digits = match.group(1) if match else ""
    mark = S.FLOOR_MARK.match(text) if not sticky and text[:1].isdigit() else None
    if mark is not None and not S.FLOOR_LABEL.fullmatch(text):  # `5#分享本帖地址` (X2): `5#`
        text = mark.group(0)
    return text or None, to_int(digits), "sticky" if sticky else ""


def _deleted(pid: int, label: str | None, floor: int | None, table: LexborNode) -> Post:
    return Post(
        pid=pid, floor=floor, floor_label=label, author=None, uid=None, author_kind=None,
        is_thread_author=False, posted_at=None, posted_text=None, posted_precision=None,
        client_tag=None, body_html="", body_text="", state="deleted", ratings=[],
    )  # fmt: skip


def _time(em: LexborNode | None, ctx: PostContext) -> tuple[str | None, str | None, str | None]:
    """Shown text, ISO time and precision; the span title has the absolute time."""
    if em is None:
        return None, None, None
    if em.is_text_node:  # a time printed bare (RULE_TIME_TEXT), between separators
        shown = bare_time(em.text()) or None
    else:
        text = " ".join(em.text().replace("\xa0", " ").split())
        # 发表于：2024-3-5
        shown = after_prefix(text, S.POSTED_WORDS).lstrip(" :：").strip() or None
    span = first_tag(em, "span", "title")
    title = span.attrs.get("title") if span is not None else None
    at, precision = resolve(title or shown or "", ctx.tz, ctx.now, ctx.order)
    if at is None and title and shown:
        at, precision = resolve(shown, ctx.tz, ctx.now, ctx.order)
    return shown, at, precision


def _state(
    scope: LexborNode,
    message: LexborNode | None,
    body: Body,
    pid: int,
    ctx: PostContext,
    container: LexborNode | None,
) -> str:
    # the box matters for a div.locked in it, or the pending note of a post without message
    pcb = note_box(scope) if S.LOCKED in ctx.parts or message is None else None
    if pcb is not None:
        for locked in pcb.css(S.LOCKED_BOXES):
            if message is not None and inside(locked, [message]):
                continue
            return locked_state(locked.text())
        if message is None and holds_any(pcb.text(), S.PENDING_WORDS):
            return "pending"
    if body.pending:
        return "pending"
    if body.hidden_content:
        return "hidden"
    style = (container.attributes.get("style") or "") if container is not None else ""
    if pid in ctx.blocked or "display:none" in style.replace(" ", ""):
        return "filtered"
    return "normal"
