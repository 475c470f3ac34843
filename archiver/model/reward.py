"""A reward thread's reward (悬赏帖, special 3) as one page showed it, apart from its posts."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Reward:
    """The reward above the first post and its best answer; None where the page did not show it."""

    amount: int | None  # 悬赏 N (the thread's price, never negative here)
    credit: str | None  # the credit's title (金钱), as the site names it
    solved: bool | None  # 已解决 / 未解决; None where the page cannot tell
    best_pid: int | None = None  # 最佳答案: the reply chosen
    best_author: str | None = None
    best_uid: int | None = None
    best_text: str | None = None  # the best answer as quoted above the posts (plain text)


@dataclass(frozen=True)
class ReplyReward:
    """A thread's own 回帖奖励 terms: what is left in its pool and what a reply earns from it."""

    pool: int | None  # credits left (the box shows only while some are)
    credit: str | None  # the credit's title (金钱); the API names none
    per_reply: int | None = None  # 回复本帖可获得 N
    per_member: int | None = None  # 每人限 N 次
    chance: int | None = None  # 中奖概率 N%


@dataclass(frozen=True)
class RushTerms:
    """A 抢楼 (rush-reply) thread's terms, as its starter set them in the post form.

    None where the rendering does not show the term (desktop: the times and the reply limit);
    a term the starter left empty is 0, "" or (the credit limit) None where it is shown.
    """

    stop_floor: int | None  # 截止楼层: the thread closes at this floor; 0: none
    reward_floors: str | None  # 奖励楼层 as set (`3,5,*4`: `*` any digits); "": none
    credit_limit: int | None  # members with more than this of `credit` may reply; None: none
    credit: str | None  # the credit the limit counts (金钱, or 总积分)
    reply_limit: int | None = None  # 每人回帖次数: replies a member may make; 0: any
    starts_at: str | None = None  # 抢楼时间, ISO 8601 with the site's offset; None: not set
    ends_at: str | None = None
