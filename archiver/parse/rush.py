"""抢楼 (rush-reply) threads: the terms the starter set, and which floors won, read at page
level like 回帖奖励 (parse/reply_credit.py): desktop and the API; touch shows neither."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from archiver.model import Post, RushTerms
from archiver.parse import knowledge as S
from archiver.parse.dom import select
from archiver.parse.numbers import as_int
from archiver.parse.reply_credit import owner_pid
from archiver.parse.text import squeezed
from archiver.times import iso, parse_absolute


def rush_terms(nodes: dict[str, LexborNode]) -> RushTerms | None:
    """div#pl_top's 抢楼 row: 截止楼层, 奖励楼层 and a credit limit where set (the times only
    as a countdown, the reply limit never: None)."""
    row = _rush_row(nodes)
    if row is None:
        return None
    text = squeezed(row)
    stop, floors = S.RUSH_STOP.search(text), S.RUSH_FLOORS.search(text)
    limit = S.RUSH_CREDIT_LIMIT.search(text)
    return RushTerms(
        stop_floor=int(stop.group(1)) if stop else 0,
        reward_floors=floors.group(1) if floors else "",
        credit_limit=int(limit.group(2)) if limit else None,
        credit=(limit.group(1) or None) if limit else None,
    )


def rush_floors(tree: LexborHTMLParser, terms: RushTerms | None) -> frozenset[int] | None:
    """On a rush thread's desktop page (its `terms` read), the pids whose floor shows 抢中本楼;
    None elsewhere."""
    if terms is None or tree.body is None:
        return None
    hits = (link for link in select(tree.body, S.RUSH_HIT) if squeezed(link) in S.RUSH_HIT_WORDS)
    return frozenset(pid for link in hits if (pid := owner_pid(link)) is not None)


def api_rush(row: dict[str, Any], tz: dt.tzinfo) -> RushTerms | None:
    """The thread row's `rushresult` (forum_threadrush's row), while `rushreply` is 1."""
    terms = row.get("rushresult")
    if as_int(row.get("rushreply")) != 1 or not isinstance(terms, dict):
        return None
    limit = as_int(terms.get("creditlimit"))
    title = str(terms.get("creditlimit_title") or "").strip() or None
    return RushTerms(
        stop_floor=as_int(terms.get("stopfloor")) or 0,
        reward_floors=str(terms.get("rewardfloor") or "").strip(),
        credit_limit=limit,
        credit=title if limit is not None else None,
        reply_limit=as_int(terms.get("replylimit")) or 0,
        starts_at=_api_time(terms.get("starttimefrom"), tz),
        ends_at=_api_time(terms.get("starttimeto"), tz),
    )


def api_rush_floors(row: dict[str, Any], posts: list[dict[str, Any]]) -> frozenset[int] | None:
    """A rush thread's postlist rows with `rewardfloor` 1, by pid; None for other threads."""
    if as_int(row.get("rushreply")) != 1:
        return None
    won = (post for post in posts if as_int(post.get("rewardfloor")) == 1)
    return frozenset(pid for post in won if (pid := as_int(post.get("pid"))) is not None)


def with_rush(post: Post, won: frozenset[int] | None) -> Post:
    """The post with its 抢楼 mark: True where won, False on a rush thread's other floors."""
    return post if won is None else replace(post, rush_floor=post.pid in won)


def _rush_row(nodes: dict[str, LexborNode]) -> LexborNode | None:
    """The box's row with the 抢楼 icon (X3.4), else with the label 抢楼 (X3.5)."""
    box = nodes.get(S.REPLY_REWARD_ID)
    if box is None:
        return None
    icon = box.css_first(S.RUSH_ICON)
    labels = (node for node in box.css(S.RUSH_LABEL) if squeezed(node) in S.RUSH_WORDS)
    row = icon if icon is not None else next(labels, None)
    while row is not None and row.tag != S.RUSH_ROW:
        row = row.parent
    return row


def _api_time(value: object, tz: dt.tzinfo) -> str | None:
    """A dgmdate() time (`2026-12-5 13:30`) in the site's offset; "" or 0: not set."""
    text = str(value or "").strip()
    found = parse_absolute(text, tz) if text and text != "0" else None
    return iso(found[0]) if found else None
