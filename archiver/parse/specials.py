"""A special thread's parts beside its posts, for desktop and touch pages: the reward, the
activity, the debate and the goods (the poll is asked through the page's id index).

A desktop page draws them in its first post: one query there says whether any is drawn, so a
page of an ordinary thread pays one search, not one per kind. A debate's replies carry their
sides on every page (`parts`, the page query for rare parts, says whether any does).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from archiver.model import Activity, Debate, Goods, Reward
from archiver.parse import knowledge as S
from archiver.parse.activity import read_activity
from archiver.parse.debate import read_debate, stands_only
from archiver.parse.reward import read_reward
from archiver.parse.trade import read_goods


@dataclass(frozen=True)
class Specials:
    """What one page shows of each special kind: a thread has one kind, the others stay empty."""

    reward: Reward | None = None
    activity: Activity | None = None
    debate: Debate | None = None
    goods: list[Goods] = field(default_factory=list)


def read_specials(
    tree: LexborHTMLParser,
    html: str,
    base: str | None,
    tz: dt.tzinfo,
    anchor: dt.datetime | None,
    first_post: LexborNode | None = None,
    parts: frozenset[str] | None = None,
) -> Specials:
    """Desktop (`first_post` and `parts` given) or touch (the page searched by its text)."""
    if first_post is not None and first_post.css_first(S.SPECIAL_BOXES) is None:
        return Specials(debate=stands_only(tree, parts))
    return Specials(
        reward=read_reward(tree, html, first_post),
        activity=read_activity(tree, html, base, tz, anchor, first_post),
        debate=read_debate(tree, html, tz, anchor, first_post, parts),
        goods=read_goods(tree, html, base, first_post),
    )
