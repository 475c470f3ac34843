"""A special thread's one row (reward, activity): the latest state current, earlier ones kept.

What a page does not show never overwrites what an earlier page showed; a change of a
versioned column keeps the earlier row, numbered, in the table's `*_revisions` twin.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from archiver.store import rows

_KEY = "site = ? AND tid = ?"


def save_versioned(
    db: Database,
    table: str,
    revisions: str,
    versioned: tuple[str, ...],
    key: tuple[str, int],
    row: dict[str, Any],
    at: str,
) -> None:
    """Upsert `row` into `table`; an earlier state that differs goes to `revisions`."""
    site, tid = key
    old = rows.existing(db, table, _KEY, [site, tid])
    if old is None:
        rows.insert(db, table, {"site": site, "tid": tid, **row, "first_seen_at": at,
                                "last_seen_at": at})  # fmt: skip
        return
    update = rows.without_none(row, keep=())
    if any(old[k] != update[k] for k in versioned if k in update):
        number = db.execute(
            f"SELECT COALESCE(MAX(revision), 0) + 1 FROM {revisions} WHERE {_KEY}", [site, tid]
        ).fetchone()[0]
        kept = (*versioned, "rendering", "page_id", "last_seen_at")
        rows.insert(
            db,
            revisions,
            {"site": site, "tid": tid, "revision": number, **{k: old[k] for k in kept},
             "replaced_at": at},
        )  # fmt: skip
    changes = rows.changed({**update, "last_seen_at": at}, old)
    if changes:
        rows.update(db, table, {"site": site, "tid": tid}, changes)
