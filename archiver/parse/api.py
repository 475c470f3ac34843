"""Pure parsing: a Discuz! mobile API `module=viewthread` response (JSON) to a ThreadPage.

The API (markup spec §9) sends every scalar as a string and omits empty keys. Messages are
HTML rendered by the mobile plugin's own discuzcode (quotes are `div.reply_wrap`, no edit
note, no jammer). Times are exact: `dbdateline` is unix seconds. Special-thread blocks
(`special_poll`, `special_trade`, …) are ignored: they are not posts.
"""

from __future__ import annotations

import datetime as dt
import html as htmllib
import json
import math
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from selectolax.lexbor import LexborHTMLParser

from archiver.errors import (
    DiscuzMessage,
    LoginRequired,
    NoPermission,
    NotAThreadPage,
    ThreadNotFound,
)
from archiver.model import Attachment, Comment, Post, Thread, ThreadPage
from archiver.parse import knowledge as S
from archiver.parse.body import Body, absolute, node_text, parse_body
from archiver.parse.dom import select
from archiver.parse.skeleton import (
    DEFAULT_OFFSET,
    mark_thread_author,
    offset_label,
    placeholder_state,
)
from archiver.times import iso, resolve
from archiver.urls import site_of

# Post status bits (spec §4.1). Bit 4 (8) is "posted from a phone"; desktop pages print the
# stock label 来自手机 for it, so that is the client_tag here. The device (mobiletype, bits
# 8-10: 1 iOS, 2 Android, 3 Windows Phone, 5 WeChat) has no text of its own on any page but
# the mobile plugin's message tail, so it is recorded only as client_suffix when the message
# carries such a tail; no device name is made up from the bits.
_BANNED_BIT = 1
_FROM_MOBILE_BIT = 8
_FROM_MOBILE_LABEL = "来自手机"
_HOT_LABEL = "推荐"
_ANONYMOUS = "匿名"
_API_ERRORS = {
    "mobile_is_closed": "the forum's mobile API (the 掌上论坛 plugin) is switched off; "
    "archive the desktop pages instead",
    "module_not_exists": "the mobile API has no such module; ask for module=viewthread",
}
# messagestr sometimes arrives untranslated (`mobile:KEY`); the stock zh_CN texts (spec §7)
_MESSAGE_TEXTS = {
    "thread_nonexistence": "抱歉，指定的主题不存在或已被删除或正在被审核",
    "viewperm_login_nopermission": "抱歉，您尚未登录，没有权限访问该版块",
    "viewperm_none_nopermission": "抱歉，您没有权限访问该版块",
    "forum_nonexistence": "抱歉，指定的版块不存在",
    "to_login": "您需要先登录才能继续本操作",
}
# (words in messageval, error class, what to try), checked in order
_KINDS: tuple[tuple[tuple[str, ...], type[DiscuzMessage], str], ...] = (
    (("nonexistence", "not_found"), ThreadNotFound, "check the tid; the thread may be deleted"),
    (("login",), LoginRequired, "log in with a browser and pass its cookies with --cookies"),
    (
        ("nopermission", "permforum", "disallow", "banned"),
        NoPermission,
        "this account may not read it; use the cookies of an account that can",
    ),
)
_NBSP = re.compile(r"&nbsp;|\xa0")


@dataclass(frozen=True)
class _Context:
    """What every post of a response needs from the rest of it."""

    base: str | None
    tz: dt.tzinfo
    now: dt.datetime | None
    postno: list[str]
    first_page: range | None  # page 1's floors (ppp), to tell sticky copies apart
    comments: dict[str, Any]


def parse_api(
    text: str,
    url: str | None = None,
    *,
    timezone: dt.tzinfo | None = None,
    now: dt.datetime | None = None,
) -> ThreadPage:
    """Parse one mobile API viewthread response.

    :param url: the API URL asked for: the site, the page number and a fallback tid.
    :param timezone: the site's UTC offset for `dbdateline`; default +08:00.
    :param now: when it was fetched, only to resolve the relative times of 点评.
    :raises DiscuzMessage: the API answered with a message (missing thread, no permission, login).
    :raises NotAThreadPage: not JSON, not a mobile API response, or the API is switched off.
    """
    source = url or "<json>"
    data = _load(text, source)
    variables = data["Variables"]
    rows = [row for row in variables.get("postlist") or [] if isinstance(row, dict)]
    _raise_for_message(data.get("Message"), source, bool(rows))
    tz = timezone or DEFAULT_OFFSET
    base, warnings = _base_url(url, variables)
    ctx = _context(variables, rows, _page(url), base, tz, now)
    thread = _thread(_mapping(variables.get("thread")), variables, url, base, _page(url), tz)
    posts = mark_thread_author([_post(row, ctx) for row in rows], thread.thread_author_uid)
    warnings += [] if posts else ["the response lists no posts (a page past the last one?)"]
    return ThreadPage(thread=thread, posts=posts, warnings=warnings)


def check_answers(text: str) -> bool:
    """True for a `module=check` answer of a working mobile API (JSON without an error)."""
    try:
        data = json.loads(text)
    except ValueError:
        return False
    return isinstance(data, dict) and "error" not in data


def _context(
    variables: dict[str, Any],
    rows: list[dict[str, Any]],
    page: int,
    base: str | None,
    tz: dt.tzinfo,
    now: dt.datetime | None,
) -> _Context:
    """Page-wide facts: page 1's floors (for sticky copies), the floor names, the 点评."""
    ppp = _int(variables.get("ppp"))
    # sticky copies come only with page 1, which holds the first post (a saved response may
    # have no URL to give its page number)
    on_first = page == 1 and any(row.get("first") == "1" for row in rows)
    first_page = range(1, ppp + 1) if ppp and on_first else None
    postno = [str(name) for name in variables.get("cache_custominfo_postno") or []]
    return _Context(base, tz, now, postno, first_page, _mapping(variables.get("comments")))


def _load(text: str, source: str) -> dict[str, Any]:
    """The decoded envelope, or NotAThreadPage saying what the input is instead."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as e:
        raise NotAThreadPage(
            f"not JSON ({e.msg} at line {e.lineno}); expected a mobile API viewthread response",
            source=source,
        ) from None
    if isinstance(data, dict) and isinstance(data.get("error"), str):
        key = data["error"]
        advice = _API_ERRORS.get(key, "not a thread response")
        raise NotAThreadPage(f"the mobile API answered {key!r}: {advice}", source=source)
    if not isinstance(data, dict) or not isinstance(data.get("Variables"), dict):
        raise NotAThreadPage(
            "JSON without a Variables object: not a Discuz! mobile API response", source=source
        )
    return data


def _raise_for_message(message: object, source: str, has_posts: bool) -> None:
    """Raise the matching DiscuzMessage for `Message.messageval`, unless posts came anyway."""
    if not isinstance(message, dict) or not message.get("messageval"):
        return
    name = str(message["messageval"]).split("//")[0]  # `…_custommsg//1`: the /1 is a flag
    text = _message_text(name, message.get("messagestr"))
    for words, error, advice in _KINDS:
        if any(word in name for word in words):
            raise error(f"Discuz! says 「{text}」 ({name}): {advice}", source=source, text=text)
    if not has_posts:
        raise DiscuzMessage(f"Discuz! answered 「{text}」 ({name})", source=source, text=text)


def _message_text(name: str, shown: object) -> str:
    """messagestr without tags on one line, or the stock text when it came untranslated."""
    text = " ".join(re.sub(r"<[^>]+>", "", htmllib.unescape(str(shown or ""))).split())
    if not text or text.startswith("mobile:") or text == name:
        return _MESSAGE_TEXTS.get(name, name)
    return text


def _mapping(value: object) -> dict[str, Any]:
    """A JSON object, or {} for what PHP sends instead of an empty one (`[]`, null, "")."""
    return value if isinstance(value, dict) else {}


def _int(value: object) -> int | None:
    """`"12"` -> 12; the API sends numbers as strings and leaves empty ones out."""
    text = str(value).strip() if value is not None else ""
    return int(text) if re.fullmatch(r"-?\d+", text) else None


def _page(url: str | None) -> int:
    """The page asked for; the response itself does not say."""
    match = re.search(r"[?&](?:amp;)?page=(\d+)", url or "")
    return max(1, int(match.group(1))) if match else 1


def _base_url(url: str | None, variables: dict[str, Any]) -> tuple[str | None, list[str]]:
    """The install's root URL: from the API URL, else from an attachment's URL."""
    if url and url.startswith(("http://", "https://")):
        root = urljoin(url, ".")
        return root.removesuffix("api/mobile/"), []
    for row in variables.get("postlist") or []:
        for attach in _mapping(_mapping(row).get("attachments")).values():
            found = str(_mapping(attach).get("url") or "")
            if found.startswith(("http://", "https://")):
                # attachments under the install's data/attachment/ give its root; remote
                # storage (a CDN host) gives only a guess
                root, marker, _ = found.partition("data/attachment/")
                guess = root if marker else f"{urlsplit(found).scheme}://{urlsplit(found).netloc}/"
                return guess, [f"no URL given: site guessed from an attachment URL ({guess})"]
    return None, ["no URL given and no attachment URL: site unknown"]


def _thread(
    row: dict[str, Any],
    variables: dict[str, Any],
    url: str | None,
    base: str | None,
    page: int,
    tz: dt.tzinfo,
) -> Thread:
    """The thread row's fields; pages from replies and ppp, as helper_page counts them."""
    tid = _int(row.get("tid")) or _url_tid(url)
    if tid is None:
        raise NotAThreadPage("an API response without a thread id", source=url or "<json>")
    replies, ppp = _int(row.get("replies")), _int(variables.get("ppp"))
    pages = math.ceil((replies + 1) / ppp) if replies is not None and ppp else page
    starter_uid = _int(row.get("authorid")) or None  # 0 for an anonymous starter
    return Thread(
        site=site_of(base) if base else "unknown",
        tid=tid,
        fid=_int(row.get("fid")) or _int(variables.get("fid")),
        subject=htmllib.unescape(str(row["subject"])) if row.get("subject") else None,
        forum=None,  # the API names no forum
        forum_path=[],
        views=_int(row.get("views")),
        # what desktop pages show as 回复: replies plus 点评 (allreplies)
        replies=_int(row.get("allreplies")) if "allreplies" in row else replies,
        page=page,
        pages=max(page, pages),
        thread_author=str(row["author"]) if row.get("author") and starter_uid else None,
        thread_author_uid=starter_uid,
        discuz_version=None,  # "Version" is the API's version, not the forum's
        rendered_at=None,
        timezone=offset_label(tz),
        canonical_url=None,
        base_url=base,
    )


def _url_tid(url: str | None) -> int | None:
    """The tid asked for, for a response whose thread row came back empty."""
    match = S.TID_IN_URL.search(url or "")
    return int(match.group(1)) if match else None


def _post(row: dict[str, Any], ctx: _Context) -> Post:
    """One postlist entry; the number -1 marks a hot reply's copy, as on desktop pages."""
    number = _int(row.get("number"))
    number = _int(row.get("position")) if number is None else number
    floor = None if number == -1 else number
    label = _HOT_LABEL if number == -1 else _floor_label(floor, ctx.postno)
    pid = _int(row.get("pid")) or 0
    author, uid, kind = _author(row)
    # a deleted floor's placeholder has no author, text or time (its dateline reads 1970-1-1)
    state, body = _body(row, ctx) if kind else ("deleted", Body())
    shown, at, precision = _time(row, ctx) if kind else (None, None, None)
    status = _int(row.get("status")) or 0
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
        client_tag=_FROM_MOBILE_LABEL if status & _FROM_MOBILE_BIT else body.client_tail,
        client_suffix=body.client_tail,
        body_html=body.html,
        body_text=body.text,
        state="blocked" if status & _BANNED_BIT and state == "normal" else state,
        edited_by=body.edited_by,
        edited_at=body.edited_at,
        is_sticky=_is_sticky(floor, ctx),
        is_hot=number == -1,
        source="api",
        quotes=body.quotes,
        attachments=body.attachments + _attachments(row, ctx.base),
        comments=_comments(ctx.comments.get(str(pid)), ctx),
    )


def _time(row: dict[str, Any], ctx: _Context) -> tuple[str | None, str | None, str | None]:
    """Shown text (`dateline`, &nbsp; unescaped) and the exact time from `dbdateline`."""
    shown = " ".join(_NBSP.sub(" ", str(row.get("dateline") or "")).split()) or None
    stamp = _int(row.get("dbdateline"))
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


def _is_sticky(floor: int | None, ctx: _Context) -> bool:
    """A 置顶回复 copy on page 1: its floor lies past the floors page 1 holds."""
    floors = ctx.first_page
    return floors is not None and floor is not None and floor >= floors.stop


def _author(row: dict[str, Any]) -> tuple[str | None, int | None, str | None]:
    """Name, uid and kind; anonymous posts come blanked (authorid 0, the anonymous text)."""
    name = str(row.get("author") or row.get("username") or "") or None
    uid = _int(row.get("authorid")) or None
    if row.get("anonymous") == "1":
        return name or _ANONYMOUS, uid, "anonymous"
    if "authorid" not in row and "dbdateline" not in row:
        return None, None, None  # a deleted floor's placeholder: nothing but pid and position
    if uid is None:
        return name, None, "guest"
    return name, uid, "member" if row.get("username") else "deleted"


def _body(row: dict[str, Any], ctx: _Context) -> tuple[str, Body]:
    """State and body; a placeholder text instead of the message gives the state only."""
    message = str(row.get("message") or "")
    if not message.strip():
        return "normal", Body()
    fragment = LexborHTMLParser(message).body
    if fragment is None:
        return "normal", Body()
    state = placeholder_state(node_text(fragment))
    if state is not None:
        return state, Body()
    for quote in select(fragment, S.API_QUOTES):  # the plugin's quote markup, read as desktop's
        quote.attrs["class"] = "quote"
    body = parse_body(fragment, ctx.base, ctx.tz, ctx.now)
    return ("hidden" if body.hidden_content else "normal"), body


def _attachments(row: dict[str, Any], base: str | None) -> list[Attachment]:
    """`attachments{aid: …}` not placed in the message: url + attachment (+ .thumb.jpg)."""
    found: list[Attachment] = []
    for key, value in _mapping(row.get("attachments")).items():
        item = _mapping(value)
        path = str(item.get("url") or "") + str(item.get("attachment") or "")
        url = absolute(base, path + (".thumb.jpg" if item.get("thumb") == "1" else "")) or None
        size = str(item.get("attachsize") or "") or None
        if size and item.get("downloads"):
            size = f"{size}, 下载次数: {item['downloads']}"
        kind = "image" if item.get("isimage") not in (None, "0") else "file"
        aid = _int(item.get("aid")) or _int(key)
        found.append(Attachment(aid, kind, url, item.get("filename") or None, size, False))
    return sorted(found, key=lambda a: a.kind != "image")  # images first, as pages list them


def _comments(items: object, ctx: _Context) -> list[Comment]:
    """点评 from `Variables.comments[pid]`; their times are relative texts (dgmdate `u`)."""
    comments: list[Comment] = []
    for item in items if isinstance(items, list) else []:
        entry = _mapping(item)
        fragment = LexborHTMLParser(str(entry.get("comment") or "")).body
        shown = " ".join(_NBSP.sub(" ", str(entry.get("dateline") or "")).split()) or None
        at, _ = resolve(shown or "", ctx.tz, ctx.now)
        text = node_text(fragment) if fragment is not None else ""
        name = str(entry.get("author") or "") or None
        comments.append(Comment(name, _int(entry.get("authorid")) or None, text, shown, at))
    return comments


__all__ = ["parse_api"]
