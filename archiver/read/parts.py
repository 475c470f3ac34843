"""What a thread has beside its posts, each loaded by its own module, for `load_thread`."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from archiver.read.activities import load_activity
from archiver.read.debates import load_debate
from archiver.read.polls import load_poll
from archiver.read.rewards import load_reply_reward, load_reward, load_rush
from archiver.read.sorts import load_sort
from archiver.read.thread_head import load_moderations
from archiver.read.trades import load_goods

LOADERS = {
    "poll": load_poll,
    "reward": load_reward,
    "activity": load_activity,
    "debate": load_debate,
    "goods": load_goods,
    "sort": load_sort,
    "moderations": load_moderations,
    "reply_reward": load_reply_reward,
    "rush": load_rush,
}


def thread_parts(db: Database, site: str, tid: int) -> dict[str, Any]:
    """ThreadDoc's fields of the same names: a special thread's block, 分类信息, moderations."""
    return {name: load(db, site, tid) for name, load in LOADERS.items()}
