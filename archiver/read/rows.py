"""A special thread's rows as the export's JSON holds them: without the keys the thread
already names, SQLite's 0 / 1 flags as booleans (NULL, not shown, stays None)."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

THREAD_KEYS = ("site", "tid")


def without_keys(row: dict[str, Any], hidden: tuple[str, ...] = THREAD_KEYS) -> dict[str, Any]:
    """The row without the thread's keys, which the export's thread object already holds."""
    return {k: v for k, v in row.items() if k not in hidden}


def flag(value: int | None) -> bool | None:
    """A 0 / 1 column as a boolean; NULL (the page did not say) stays None."""
    return None if value is None else bool(value)


def thread_rows(
    db: Database, table: str, site: str, tid: int, order: str | None = None
) -> list[dict[str, Any]]:
    """A thread's rows of one table (its block, its revisions), without the thread's keys."""
    sql = f"SELECT * FROM {table} WHERE site = ? AND tid = ?" + (
        f" ORDER BY {order}" if order else ""
    )
    return [without_keys(row) for row in db.query(sql, [site, tid])]
