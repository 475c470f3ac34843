"""Saving a reward thread's reward: a change of amount, state or best answer keeps the earlier
row in `reward_revisions`; the best answer on a page that draws none, or the state where the
API's thread has no price, never overwrites what an earlier page showed."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from archiver.model import ReplyReward, Reward, RushTerms
from archiver.store import rows
from archiver.store.versioned import save_versioned

_VERSIONED = ("amount", "credit", "solved", "best_pid", "best_author", "best_uid", "best_text")


def save_reward(
    db: Database, site: str, tid: int, reward: Reward, rendering: str, page_id: int, at: str
) -> None:
    """Upsert the reward; an earlier state that differs becomes a revision."""
    row = _reward_row(reward, rendering, page_id)
    save_versioned(
        db, "rewards", "reward_revisions", _VERSIONED, {"site": site, "tid": tid}, row, at
    )


def _reward_row(reward: Reward, rendering: str, page_id: int) -> dict[str, Any]:
    return {
        "amount": reward.amount,
        "credit": reward.credit,
        "solved": None if reward.solved is None else int(reward.solved),
        "best_pid": reward.best_pid,
        "best_author": reward.best_author,
        "best_uid": reward.best_uid,
        "best_text": reward.best_text,
        "rendering": rendering,
        "page_id": page_id,
    }


def save_reply_reward(
    db: Database, site: str, tid: int, terms: ReplyReward, rendering: str, page_id: int, at: str
) -> None:
    """The thread's 回帖奖励 terms: each reply that takes from the pool makes a revision."""
    row = {
        "pool": terms.pool, "credit": terms.credit, "per_reply": terms.per_reply,
        "per_member": terms.per_member, "chance": terms.chance, "rendering": rendering,
        "page_id": page_id,
    }  # fmt: skip
    versioned = ("pool", "credit", "per_reply", "per_member", "chance")
    key = {"site": site, "tid": tid}
    save_versioned(db, "reply_rewards", "reply_reward_revisions", versioned, key, row, at)


_RUSH = ("stop_floor", "reward_floors", "credit_limit", "credit", "reply_limit", "starts_at",
         "ends_at")  # fmt: skip
_NO_LIMIT = ("credit_limit", "credit")  # None is shown: both renderings say when there is none
_NOT_ON_DESKTOP = ("reply_limit", "starts_at", "ends_at")


def save_rush(
    db: Database, site: str, tid: int, terms: RushTerms, rendering: str, page_id: int, at: str
) -> None:
    """The thread's 抢楼 terms; a change (an edit of the first post) keeps the earlier ones as a
    revision. What desktop never shows (the times, the reply limit) stays as the API gave it,
    unless desktop shows other terms: then they are unknown again, until the API tells them."""
    row = {**{k: getattr(terms, k) for k in _RUSH}, "rendering": rendering, "page_id": page_id}
    key = {"site": site, "tid": tid}
    keep: tuple[str, ...] = _NO_LIMIT
    old = rows.existing(db, "thread_rush", "site = ? AND tid = ?", [site, tid])
    shown = [k for k in _RUSH if k not in _NOT_ON_DESKTOP]
    if rendering == "desktop" and old and rows.known_changed((old[k], row[k]) for k in shown):
        keep += _NOT_ON_DESKTOP
    save_versioned(db, "thread_rush", "thread_rush_revisions", _RUSH, key, row, at, keep=keep)
