"""Pure parsing: a Discuz! mobile API `module=viewthread` response (JSON) to a ThreadPage.

The API (markup spec §9) sends every scalar as a string and omits empty keys. Messages are
HTML rendered by the mobile plugin's own discuzcode (quotes are `div.reply_wrap`, no edit
note, no jammer). Times are exact: `dbdateline` is unix seconds. `special_poll` is read by
parse/poll.py, `special_reward` by parse/reward.py; the other blocks (`special_trade`, …) are
ignored.
"""

from __future__ import annotations

import datetime as dt
import html as htmllib
import json
import math
import re
from dataclasses import replace
from typing import Any
from urllib.parse import urljoin, urlsplit

from archiver.errors import DiscuzMessage, NotAThreadPage
from archiver.model import Thread, ThreadPage
from archiver.parse import knowledge as S
from archiver.parse.activity import api_activity
from archiver.parse.api_post import ApiContext, mapping, parse_api_post
from archiver.parse.debate import api_debate
from archiver.parse.numbers import as_int
from archiver.parse.poll import api_poll
from archiver.parse.reply_credit import api_reply_reward
from archiver.parse.reward import api_reward
from archiver.parse.rush import api_rush, api_rush_floors, with_rush
from archiver.parse.skeleton import (
    DEFAULT_OFFSET,
    ONLY_AUTHOR_NOTE,
    absolute_url,
    mark_thread_author,
    message_kind,
    offset_label,
    page_and_pages,
    unfloored,
    url_page,
    view_url,
)
from archiver.parse.sorts import api_labels, api_sort
from archiver.parse.thread_state import api_state
from archiver.parse.trade import api_goods
from archiver.urls import site_of


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
    page = url_page(url) or 1  # the page asked for; the response itself does not say
    row = mapping(variables.get("thread"))
    ctx = _context(variables, rows, page, base, tz, now)
    thread = _thread(row, variables, url, base, page, tz)
    won = api_rush_floors(row, rows)
    posts = [with_rush(parse_api_post(post, ctx), won) for post in rows]
    if view_url(url):  # the answer does not say; the URL asked for does
        posts = unfloored(posts)
        # the view's thread row counts that author's replies: not the thread's
        thread = replace(thread, replies=None, only_author=True)
        warnings.append(ONLY_AUTHOR_NOTE)
    posts = mark_thread_author(posts, thread.thread_author_uid)
    warnings += [] if posts else ["the response lists no posts (a page past the last one?)"]
    poll = api_poll(variables.get("special_poll"), base, tz, now)
    reward = api_reward(variables.get("special_reward"), variables.get("thread"))
    activity = api_activity(variables.get("special_activity"), base, tz, now)
    debate = api_debate(variables.get("special_debate"), tz, now)
    goods = api_goods(variables.get("special_trade"), base)
    return ThreadPage(
        thread=thread, posts=posts, warnings=warnings, rendering="api", poll=poll, reward=reward,
        activity=activity, debate=debate, goods=goods, sort=api_sort(variables, row),
        reply_reward=api_reply_reward(row), rush=api_rush(row, tz),
    )  # fmt: skip


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
) -> ApiContext:
    """Page-wide facts: page 1's floors (for sticky copies), the floor names, the 点评."""
    ppp = as_int(variables.get("ppp"))
    # sticky copies come only with page 1, which holds the first post (a saved response may
    # have no URL to give its page number)
    on_first = page == 1 and any(row.get("first") == "1" for row in rows)
    first_page = range(1, ppp + 1) if ppp and on_first else None
    postno = [str(name) for name in variables.get("cache_custominfo_postno") or []]
    free = str(mapping(variables.get("thread")).get("freemessage") or "")  # a paid post's [free]
    return ApiContext(base, tz, now, postno, first_page, mapping(variables.get("comments")), free)


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
        advice = S.API_ERRORS.get(key, "not a thread response")
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
    kind = message_kind(name, api=True)
    if kind is not None:
        error, advice = kind
        raise error(f"Discuz! says 「{text}」 ({name})", source=source, text=text, advice=advice)
    if not has_posts:
        raise DiscuzMessage(f"Discuz! answered 「{text}」 ({name})", source=source, text=text)


def _message_text(name: str, shown: object) -> str:
    """messagestr without tags on one line, or the stock text when it came untranslated."""
    text = " ".join(re.sub(r"<[^>]+>", "", htmllib.unescape(str(shown or ""))).split())
    if not text or text.startswith("mobile:") or text == name:
        return S.API_MESSAGE_TEXTS.get(name, name)
    return text


def _base_url(url: str | None, variables: dict[str, Any]) -> tuple[str | None, list[str]]:
    """The install's root URL: from the API URL, else from an attachment's URL."""
    if (given := absolute_url(url)) is not None:
        root = urljoin(given, ".")
        return root.removesuffix("api/mobile/"), []
    for row in variables.get("postlist") or []:
        for attach in mapping(mapping(row).get("attachments")).values():
            found = str(mapping(attach).get("url") or "")
            if found.startswith(("http://", "https://")):
                # attachments under the install's data/attachment/ give its root; remote
                # storage (a CDN host) gives only a guess
                root, marker, _ = found.partition("data/attachment/")
                guess = root if marker else f"{urlsplit(found).scheme}://{urlsplit(found).netloc}/"
                return guess, [f"no URL given: site guessed from an attachment URL ({guess})"]
    avatar = str(variables.get("member_avatar") or "")
    root, marker, _ = avatar.partition(S.UC_SERVER_PATH)
    if marker and root.startswith(("http://", "https://")):  # UCenter beside the forum
        return root, [f"no URL given: site guessed from the avatar URL ({root})"]
    return None, ["no URL given and no attachment or avatar URL: site unknown"]


def _thread(
    row: dict[str, Any],
    variables: dict[str, Any],
    url: str | None,
    base: str | None,
    page: int,
    tz: dt.tzinfo,
) -> Thread:
    """The thread row's fields; pages from replies and ppp, as helper_page counts them."""
    tid = as_int(row.get("tid")) or _url_tid(url)
    if tid is None:
        raise NotAThreadPage("an API response without a thread id", source=url or "<json>")
    replies, ppp = as_int(row.get("replies")), as_int(variables.get("ppp"))
    total = math.ceil((replies + 1) / ppp) if replies is not None and ppp else None
    page, pages = page_and_pages(page, url, total)
    starter_uid = as_int(row.get("authorid")) or None  # 0 for an anonymous starter
    state = api_state(row)
    return Thread(
        site=site_of(base) if base else "unknown",
        tid=tid,
        fid=as_int(row.get("fid")) or as_int(variables.get("fid")),
        subject=htmllib.unescape(str(row["subject"])) if row.get("subject") else None,
        forum=None,  # the API names no forum
        forum_path=[],
        views=as_int(row.get("views")),
        # what desktop pages show as 回复: replies plus 点评 (allreplies)
        replies=as_int(row.get("allreplies")) if "allreplies" in row else replies,
        page=page,
        pages=pages,
        thread_author=str(row["author"]) if row.get("author") and starter_uid else None,
        thread_author_uid=starter_uid,
        discuz_version=None,  # "Version" is the API's version, not the forum's
        rendered_at=None,
        timezone=offset_label(tz),
        canonical_url=None,
        base_url=base,
        thread_type_id=api_labels(row).thread_type_id,  # the id only: the API names no type
        closed=state.closed,
        digest=state.digest,
        sticky=state.sticky,
        price=state.price,
        readperm=state.readperm,
    )


def _url_tid(url: str | None) -> int | None:
    """The tid asked for, for a response whose thread row came back empty."""
    match = S.TID_IN_URL.search(url or "")
    return int(match.group(1)) if match else None


__all__ = ["parse_api"]
