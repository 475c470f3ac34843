"""A thread's 分类信息 and a special thread's poll, reward, activity, debate or goods, as lines
in the forum's words; and its subject as the page heads it."""

from __future__ import annotations

from archiver.read.activities import activity_lines
from archiver.read.debates import debate_lines
from archiver.read.polls import poll_lines
from archiver.read.rewards import reply_reward_lines, reward_lines, rush_lines
from archiver.read.search import ThreadDoc
from archiver.read.sorts import sort_lines
from archiver.read.thread_head import moderation_lines, shown_subject, thread_marks
from archiver.read.trades import goods_lines

# the forum's names for them, as a panel or section title
SPECIAL_TITLES = {
    "poll": "投票",
    "reward": "悬赏",
    "activity": "活动",
    "debate": "辩论",
    "goods": "商品",
    "sort": "分类信息",
    "moderations": "主题操作",
    "reply_reward": "回帖奖励",
    "rush": "抢楼",
}


def special_blocks(doc: ThreadDoc) -> list[tuple[str, list[str]]]:
    """Each special part the thread has, above the posts: (kind, lines)."""
    blocks = [("moderations", moderation_lines(doc.moderations))] if doc.moderations else []
    blocks += [("sort", sort_lines(doc.sort))] if doc.sort is not None else []
    terms = doc.reply_reward
    blocks += [("reply_reward", reply_reward_lines(terms))] if terms is not None else []
    blocks += [("rush", rush_lines(doc.rush))] if doc.rush is not None else []
    blocks += [("poll", poll_lines(doc.poll))] if doc.poll is not None else []
    blocks += [("reward", reward_lines(doc.reward))] if doc.reward is not None else []
    blocks += [("activity", activity_lines(doc.activity))] if doc.activity is not None else []
    blocks += [("debate", debate_lines(doc.debate))] if doc.debate is not None else []
    return blocks + ([("goods", goods_lines(doc.goods))] if doc.goods else [])


__all__ = ["SPECIAL_TITLES", "shown_subject", "special_blocks", "thread_marks"]
