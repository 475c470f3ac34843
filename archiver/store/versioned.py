"""A special thread's row (reward, activity, debate, an item on sale): the latest state
current, earlier ones kept.

What a page does not show never overwrites what an earlier page showed; a change of a
versioned column's known value keeps the earlier row, numbered, in the table's `*_revisions`
twin. Text kept as a page shows it beside its value (a countdown such as 剩余时间, a time the
API prints otherwise than the page) is `shown`: kept in a revision, but its change alone is none.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from archiver.store import rows


def save_versioned(
    db: Database,
    table: str,
    revisions: str,
    versioned: tuple[str, ...],
    key: dict[str, Any],
    row: dict[str, Any],
    at: str,
    shown: tuple[str, ...] = (),
    keep: tuple[str, ...] = (),
) -> None:
    """Upsert `row` under `key` into `table`; an earlier state that differs goes to `revisions`.
    `keep`: columns whose None is known (none, or unknown again), written over what was known."""
    where = " AND ".join(f"{column} = ?" for column in key)
    old = rows.existing(db, table, where, list(key.values()))
    if old is None:
        rows.insert(db, table, {**key, **row, "first_seen_at": at, "last_seen_at": at})
        return
    update = rows.without_none(row, keep=keep)
    # a value known before and now another: keep the earlier state (filling in what an
    # earlier page did not show, as the API's place of an item, loses nothing)
    if rows.known_changed((old[k], update[k]) for k in versioned if k in update):
        number = db.execute(
            f"SELECT COALESCE(MAX(revision), 0) + 1 FROM {revisions} WHERE {where}",
            list(key.values()),
        ).fetchone()[0]
        kept = (*versioned, *shown, "rendering", "page_id", "last_seen_at")
        rows.insert(
            db,
            revisions,
            {**key, "revision": number, **{k: old[k] for k in kept}, "replaced_at": at},
        )
    changes = rows.changed({**update, "last_seen_at": at}, old)
    if changes:
        rows.update(db, table, key, changes)
