"""Saving a reward thread's reward: the latest state current, every earlier state a revision.

What a page does not show (the best answer on a page that draws none, the state where the
API's thread has no price) never overwrites what an earlier page showed; a change of amount,
state or best answer keeps the earlier row in `reward_revisions`.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from archiver.model import Reward
from archiver.store import rows

_VERSIONED = ("amount", "credit", "solved", "best_pid", "best_author", "best_uid", "best_text")
_KEPT = (*_VERSIONED, "rendering", "page_id", "last_seen_at")  # in a revision
_KEY = "site = ? AND tid = ?"


def save_reward(
    db: Database, site: str, tid: int, reward: Reward, rendering: str, page_id: int, at: str
) -> None:
    """Upsert the reward; an earlier state that differs becomes a revision."""
    old = rows.existing(db, "rewards", _KEY, [site, tid])
    row = _reward_row(reward, rendering, page_id)
    if old is None:
        rows.insert(db, "rewards", {"site": site, "tid": tid, **row, "first_seen_at": at,
                                    "last_seen_at": at})  # fmt: skip
        return
    update = rows.without_none(row, keep=())
    if any(old[k] != update[k] for k in _VERSIONED if k in update):
        number = db.execute(
            f"SELECT COALESCE(MAX(revision), 0) + 1 FROM reward_revisions WHERE {_KEY}",
            [site, tid],
        ).fetchone()[0]
        rows.insert(
            db,
            "reward_revisions",
            {"site": site, "tid": tid, "revision": number, **{k: old[k] for k in _KEPT},
             "replaced_at": at},
        )  # fmt: skip
    changes = rows.changed({**update, "last_seen_at": at}, old)
    if changes:
        rows.update(db, "rewards", {"site": site, "tid": tid}, changes)


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
