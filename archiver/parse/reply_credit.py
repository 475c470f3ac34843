"""回帖奖励: the credits each reply earned from its thread's reply reward, and the thread's own
terms while its pool lasts (desktop and API)."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from archiver.model import Post, ReplyCredit, ReplyReward
from archiver.parse import knowledge as S
from archiver.parse.dom import select
from archiver.parse.numbers import as_int
from archiver.parse.posts import id_prefix
from archiver.parse.text import squeezed


def read_reply_credit(text: str) -> ReplyCredit | None:
    """`回帖奖励 +5 金钱` -> 5 credits of 金钱; None for any other heading."""
    match = S.REPLY_CREDIT_TEXT.search(text)
    return ReplyCredit(int(match.group(1)), match.group(2) or None) if match else None


def reply_credits(tree: LexborHTMLParser, parts: frozenset[str]) -> dict[int, ReplyCredit]:
    """Each rewarded reply's credits, by pid: one page search, only where the page has the
    heading at all (PageIds.parts), then each heading's post by its box's id."""
    if S.REPLY_CREDIT not in parts or tree.body is None:
        return {}
    found: dict[int, ReplyCredit] = {}
    for heading in select(tree.body, S.REPLY_CREDIT):
        credit = read_reply_credit(squeezed(heading))
        pid = owner_pid(heading) if credit is not None else None
        if credit is not None and pid is not None:
            found.setdefault(pid, credit)
    return found


def reply_reward(nodes: dict[str, LexborNode]) -> ReplyReward | None:
    """div#pl_top's pool (`<strong>50 金钱</strong>`) and terms, above the first post."""
    box = nodes.get(S.REPLY_REWARD_ID)
    strong = box.css_first(S.REPLY_REWARD_POOL) if box is not None else None
    pool = S.REPLY_REWARD_POOL_TEXT.match(squeezed(strong)) if strong is not None else None
    if box is None or pool is None:
        return None
    terms = squeezed(box)
    numbers = (S.REPLY_REWARD_PER, S.REPLY_REWARD_MEMBER, S.REPLY_REWARD_CHANCE)
    per, member, chance = (int(m.group(1)) if (m := p.search(terms)) else None for p in numbers)
    return ReplyReward(int(pool.group(1)), pool.group(2) or None, per, member, chance)


def api_reply_reward(row: dict[str, Any]) -> ReplyReward | None:
    """The thread row's `replycredit` (the pool left) and `replycredit_rule` (forum_replycredit:
    extcredits a reply, membertimes, random); no credit title. None while the pool is empty."""
    rule = row.get("replycredit_rule")
    rule = rule if isinstance(rule, dict) else {}
    pool, per, member, chance = (
        as_int(value)
        for value in (row.get("replycredit"), rule.get("extcredits"), rule.get("membertimes"),
                      rule.get("random"))
    )  # fmt: skip
    if not pool:
        return None
    return ReplyReward(pool, None, per, member, chance or None)


def with_credit(post: Post, credits: dict[int, ReplyCredit]) -> Post:
    credit = credits.get(post.pid)
    return post if credit is None else replace(post, reply_credit=credit)


def owner_pid(node: LexborNode) -> int | None:
    """The pid of the post box (div#post_PID, table#pidPID) the node lies in."""
    prefixes = (id_prefix(S.POST_TABLE), id_prefix(S.POST_CONTAINER))
    parent = node.parent
    while parent is not None:
        ident = parent.id or ""
        for prefix in prefixes:
            rest = ident[len(prefix) :]
            if ident.startswith(prefix) and rest.isascii() and rest.isdigit():
                return int(rest)
        parent = parent.parent
    return None
