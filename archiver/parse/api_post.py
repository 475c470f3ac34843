"""One post of a mobile API viewthread response (a `postlist` entry), and the 点评 on it."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from archiver.model import Attachment, Comment, Post, ReplyCredit
from archiver.parse import knowledge as S
from archiver.parse.body import Body, parse_body
from archiver.parse.dom import select
from archiver.parse.numbers import as_int
from archiver.parse.skeleton import placeholder_state
from archiver.parse.text import absolute, node_text
from archiver.times import iso, resolve

# Post status bits (spec §4.1). Bit 4 (8) is "posted from a phone"; desktop pages print the
# stock label 来自手机 for it, so that is the client_tag here. The device (mobiletype, bits
# 8-10: 1 iOS, 2 Android, 3 Windows Phone, 5 WeChat) has no text of its own on any page but
# the mobile plugin's message tail, so it is recorded only as client_suffix when the message
# carries such a tail; no device name is made up from the bits.
_BANNED_BIT = 1
_WARNED_BIT = 2  # 受到警告
_FROM_MOBILE_BIT = 8
_NBSP = re.compile(r"&nbsp;|\xa0")


@dataclass(frozen=True)
class ApiContext:
    """What every post of a response needs from the rest of it."""

    base: str | None
    tz: dt.tzinfo
    now: dt.datetime | None
    postno: list[str]
    first_page: range | None  # page 1's floors (ppp), to tell sticky copies apart
    comments: dict[str, Any]
    free: str = ""  # thread.freemessage: a paid first post's [free] part, shown to everyone


def mapping(value: object) -> dict[str, Any]:
    """A JSON object, or {} for what PHP sends instead of an empty one (`[]`, null, "")."""
    return value if isinstance(value, dict) else {}


def parse_api_post(row: dict[str, Any], ctx: ApiContext) -> Post:
    """One postlist entry; the number -1 marks a hot reply's copy, as on desktop pages."""
    number = as_int(row.get("number"))
    number = as_int(row.get("position")) if number is None else number
    floor = None if number == -1 else number
    label = S.HOT_LABEL if number == -1 else _floor_label(floor, ctx.postno)
    pid = as_int(row.get("pid")) or 0
    author, uid, kind = _author(row)
    # a deleted floor's placeholder has no author, text or time (its dateline reads 1970-1-1)
    state, body = _body(row, ctx) if kind else ("deleted", Body())
    shown, at, precision = _time(row, ctx) if kind else (None, None, None)
    status = as_int(row.get("status")) or 0
    return Post(
        pid=pid,
        floor=floor,
        floor_label=label,
        author=author,
        uid=uid,
        author_kind=kind,
        is_thread_author=floor == 1,
        posted_at=at,
        posted_text=shown,
        posted_precision=precision,
        client_tag=S.FROM_MOBILE if status & _FROM_MOBILE_BIT else body.client_tail,
        client_suffix=body.client_tail,
        body_html=body.html,
        body_text=body.text,
        code_blocks=body.code_blocks,
        state="blocked" if status & _BANNED_BIT and state == "normal" else state,
        edited_by=body.edited_by,
        edited_at=body.edited_at,
        is_warned=bool(status & _WARNED_BIT),
        reply_credit=_reply_credit(row),
        is_sticky=_is_sticky(floor, ctx),
        is_hot=number == -1,
        source="api",
        quotes=body.quotes,
        attachments=body.attachments + _attachments(row, ctx.base),
        comments=_comments(ctx.comments.get(str(pid)), ctx),
    )


def _time(row: dict[str, Any], ctx: ApiContext) -> tuple[str | None, str | None, str | None]:
    """Shown text (`dateline`, &nbsp; unescaped) and the exact time from `dbdateline`."""
    shown = " ".join(_NBSP.sub(" ", str(row.get("dateline") or "")).split()) or None
    stamp = as_int(row.get("dbdateline"))
    if stamp:
        return shown, iso(dt.datetime.fromtimestamp(stamp, ctx.tz)), "second"
    return (shown, *resolve(shown or "", ctx.tz, ctx.now))


def _floor_label(number: int | None, postno: list[str]) -> str | None:
    """The label a desktop page prints: the custom name for that floor, else N + unit (`#`)."""
    if number is None:
        return None
    names = [re.sub(r"<[^>]+>", "", name) for name in postno] or ["#"]
    if 0 < number < len(names) and names[number]:
        return names[number]
    return f"{number}{names[0]}"


def _is_sticky(floor: int | None, ctx: ApiContext) -> bool:
    """A 置顶回复 copy on page 1: its floor lies past the floors page 1 holds."""
    floors = ctx.first_page
    return floors is not None and floor is not None and floor >= floors.stop


def _author(row: dict[str, Any]) -> tuple[str | None, int | None, str | None]:
    """Name, uid and kind; anonymous posts come blanked (authorid 0, the anonymous text)."""
    name = str(row.get("author") or row.get("username") or "") or None
    uid = as_int(row.get("authorid")) or None
    if row.get("anonymous") == "1":
        return name or S.ANONYMOUS, uid, "anonymous"
    if "authorid" not in row and "dbdateline" not in row:
        return None, None, None  # a deleted floor's placeholder: nothing but pid and position
    if uid is None:
        return name, None, "guest"
    return name, uid, "member" if row.get("username") else "deleted"


def _body(row: dict[str, Any], ctx: ApiContext) -> tuple[str, Body]:
    """State and body; a placeholder text instead of the message gives the state only."""
    message = str(row.get("message") or "")
    if not message.strip():
        return "normal", Body()
    fragment = LexborHTMLParser(message).body
    if fragment is None:
        return "normal", Body()
    state = placeholder_state(node_text(fragment))
    free = LexborHTMLParser(ctx.free).body if state == "paid" and ctx.free.strip() else None
    if state is not None:  # the first post of a paid thread shows its [free] part, if any
        return state, Body() if free is None else parse_body(free, ctx.base, ctx.tz, ctx.now)
    for quote in select(fragment, S.API_QUOTES):  # the plugin's quote markup, read as desktop's
        quote.attrs["class"] = "quote"
    body = parse_body(fragment, ctx.base, ctx.tz, ctx.now)
    return ("hidden" if body.hidden_content else "normal"), body


def _reply_credit(row: dict[str, Any]) -> ReplyCredit | None:
    """forum_post.replycredit: the 回帖奖励 credits a reply earned (0: none); not its name."""
    credits = as_int(row.get("replycredit"))
    return ReplyCredit(credits, None) if credits else None


def _attachments(row: dict[str, Any], base: str | None) -> list[Attachment]:
    """`attachments{aid: …}` not placed in the message: url + attachment (+ .thumb.jpg)."""
    found: list[Attachment] = []
    for key, value in mapping(row.get("attachments")).items():
        item = mapping(value)
        path = str(item.get("url") or "") + str(item.get("attachment") or "")
        url = absolute(base, path + (".thumb.jpg" if item.get("thumb") == "1" else "")) or None
        size = str(item.get("attachsize") or "") or None
        if size and item.get("downloads"):
            size = f"{size}, 下载次数: {item['downloads']}"
        kind = "image" if item.get("isimage") not in (None, "0") else "file"
        aid = as_int(item.get("aid")) or as_int(key)
        found.append(Attachment(aid, kind, url, item.get("filename") or None, size, False))
    return sorted(found, key=lambda a: a.kind != "image")  # images first, as pages list them


def _comments(items: object, ctx: ApiContext) -> list[Comment]:
    """点评 from `Variables.comments[pid]`; their times are relative texts (dgmdate `u`)."""
    comments: list[Comment] = []
    for item in items if isinstance(items, list) else []:
        entry = mapping(item)
        fragment = LexborHTMLParser(str(entry.get("comment") or "")).body
        shown = " ".join(_NBSP.sub(" ", str(entry.get("dateline") or "")).split()) or None
        at, _ = resolve(shown or "", ctx.tz, ctx.now)
        text = node_text(fragment) if fragment is not None else ""
        name = str(entry.get("author") or "") or None
        comments.append(Comment(name, as_int(entry.get("authorid")) or None, text, shown, at))
    return comments
