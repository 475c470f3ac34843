"""Saving a debate thread's debate (kept like a reward: store.versioned) and its replies' sides.

A page after the first shows only the replies' sides: it never creates or blanks the debate's
row. A side's 支持 count is a counter, the newest shown kept.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from sqlite_utils import Database

from archiver.model import Debate
from archiver.store import rows
from archiver.store.versioned import save_versioned

_VERSIONED = (
    "affirm_point", "negate_point", "affirm_votes", "negate_votes", "affirm_debaters",
    "negate_debaters", "ends_text", "ends_at", "umpire", "winner", "best_debater", "umpire_point",
)  # fmt: skip


def save_debate(
    db: Database, site: str, tid: int, debate: Debate, rendering: str, page_id: int, at: str
) -> None:
    """Upsert the debate where the page drew it, then every reply's side it shows."""
    fields = asdict(debate)
    row: dict[str, Any] = {k: fields[k] for k in _VERSIONED}
    if any(value is not None for value in row.values()):
        row.update(rendering=rendering, page_id=page_id)
        save_versioned(
            db, "debates", "debate_revisions", _VERSIONED, {"site": site, "tid": tid}, row, at
        )
    for stand in debate.stands:
        seen = {"tid": tid, "stand": stand.stand, "supporters": stand.supporters}
        old = rows.existing(db, "debate_stands", "site = ? AND pid = ?", [site, stand.pid])
        if old is None:
            new = {"site": site, "pid": stand.pid, **seen, "page_id": page_id,
                   "first_seen_at": at, "last_seen_at": at}  # fmt: skip
            rows.insert(db, "debate_stands", new)
            continue
        changes = rows.changed(
            {**rows.without_none(seen, keep=()), "page_id": page_id, "last_seen_at": at}, old
        )
        if changes:
            rows.update(db, "debate_stands", {"site": site, "pid": stand.pid}, changes)
