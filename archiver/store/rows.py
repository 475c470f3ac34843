"""Plain SQL for one row at a time: insert, update, read back, and what changed."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlite_utils import Database


def without_none(row: dict[str, Any], keep: Iterable[str]) -> dict[str, Any]:
    """Drop unknown values so an upsert never overwrites what an earlier page told us."""
    keep = set(keep)
    return {k: v for k, v in row.items() if v is not None or k in keep}


def insert(db: Database, table: str, row: dict[str, Any]) -> None:
    """Plain INSERT: sqlite-utils' insert() looks the table up in sqlite_master each time."""
    columns = ", ".join(row)
    db.execute(
        f"INSERT INTO {table} ({columns}) VALUES ({', '.join('?' * len(row))})", list(row.values())
    )


def update(db: Database, table: str, key: dict[str, Any], changes: dict[str, Any]) -> None:
    sets = ", ".join(f"{column} = ?" for column in changes)
    where = " AND ".join(f"{column} = ?" for column in key)
    db.execute(f"UPDATE {table} SET {sets} WHERE {where}", [*changes.values(), *key.values()])


def existing(db: Database, table: str, where: str, params: list[Any]) -> dict[str, Any] | None:
    cursor = db.execute(f"SELECT * FROM {table} WHERE {where}", params)
    row = cursor.fetchone()
    return dict(zip([d[0] for d in cursor.description], row, strict=True)) if row else None


def known_changed(pairs: Iterable[tuple[Any, Any]]) -> bool:
    """(before, after) pairs where a known value became another: filling in an unknown
    (None) is no change, so it makes no revision."""
    return any(before is not None and before != after for before, after in pairs)


def changed(row: dict[str, Any], old: dict[str, Any]) -> dict[str, Any]:
    """Only the columns whose value differs: unchanged text must not churn the FTS index."""
    return {k: v for k, v in row.items() if old.get(k) != v}


def floor_archived(db: Database, table: str, site: str, tid: int, floor: int | None) -> bool:
    """A post of this floor is in `table` (posts, text_posts): the other rendering adds no post."""
    sql = f"SELECT 1 FROM {table} WHERE site = ? AND tid = ? AND floor = ? LIMIT 1"
    return floor is not None and db.execute(sql, [site, tid, floor]).fetchone() is not None
