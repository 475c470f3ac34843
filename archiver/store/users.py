"""Saving the author panels seen beside posts: a snapshot each time, and the latest."""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

from archiver.model import Author
from archiver.store import rows

_USER_FIELDS = (
    "name", "group_title", "gid", "rank", "thread_count", "post_count", "reply_count",
    "credits", "custom_title", "avatar_url",
)  # fmt: skip


def _user_row(author: Author) -> dict[str, Any]:
    row: dict[str, Any] = {k: getattr(author, k) for k in _USER_FIELDS}
    for key in ("medals", "stats", "profile"):
        value = getattr(author, key)
        row[key] = json.dumps(value, ensure_ascii=False) if value else None
    return row


def save_user(db: Database, site: str, author: Author, page_id: int, seen_at: str) -> None:
    """Snapshot an author panel, and make its values the user's unless newer ones are known.

    A value the panel does not show (a touch page's group alone, a theme without counters)
    leaves the one seen before: the snapshot keeps the panel as shown.
    """
    uid = author.uid
    if uid is None:  # a panel without a uid has no key to file it under
        return
    row = _user_row(author)
    latest = db.execute(
        "SELECT seen_at FROM users WHERE site = ? AND uid = ?", [site, uid]
    ).fetchone()
    if latest is None:  # the user's row first: a snapshot refers to it
        rows.insert(db, "users", {"site": site, "uid": uid, **row, "seen_at": seen_at})
    elif (latest[0] or "") <= seen_at:
        shown = rows.without_none(row, keep=())
        rows.update(db, "users", {"site": site, "uid": uid}, {**shown, "seen_at": seen_at})
    db.execute(
        f"INSERT OR IGNORE INTO user_snapshots (site, uid, page_id, seen_at, {', '.join(row)}) "
        f"VALUES (?, ?, ?, ?, {', '.join('?' * len(row))})",
        [site, uid, page_id, seen_at, *row.values()],
    )
