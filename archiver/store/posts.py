"""Saving a page's posts: new, changed (the old version kept as a revision) or unchanged,
with their quotes, attachments, ratings and comments, the Archiver text view's posts, and the
author panels seen beside them.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from sqlite_utils import Database

from archiver.model import Author, Post, SaveResult, TextPost, Thread
from archiver.store import rows

_VERSIONED = (
    "body_html", "body_text", "state", "edited_by", "edited_at", "client_tag", "client_suffix",
)  # fmt: skip
_KEPT = (*_VERSIONED, "first_seen_at", "last_seen_at", "page_id")  # in a revision
_PRECISION = {"second": 0, "minute": 1, "hour": 2, "day": 3}
_CHILDREN = ("quotes", "attachments", "ratings", "comments")
_CHILD_KEYS = ("site", "pid", "idx", "version", "replaced_at")  # the columns no item carries
_USER_FIELDS = (
    "name", "group_title", "gid", "rank", "thread_count", "post_count", "reply_count",
    "credits", "custom_title", "avatar_url",
)  # fmt: skip


def save_text_posts(
    db: Database,
    thread: Thread,
    posts: list[TextPost],
    page_id: int,
    archived_at: str,
    result: SaveResult,
) -> None:
    """Upsert by (page, place); a last page's floors come from page 1's size, either order."""
    key = [thread.site, thread.tid]
    if thread.page == 1 and thread.pages > 1:  # page 1 of several is full: the page size
        db.execute(
            "UPDATE text_posts SET floor = (page - 1) * ? + idx "
            "WHERE site = ? AND tid = ? AND page > 1 AND floor IS NULL",
            [len(posts), *key],
        )
    first = db.execute(
        "SELECT COUNT(*) FROM text_posts WHERE site = ? AND tid = ? AND page = 1", key
    ).fetchone()[0]
    for post in posts:
        row = {k: v for k, v in asdict(post).items() if k not in ("page", "idx")}
        if row["floor"] is None and first and post.page > 1:
            row["floor"] = (post.page - 1) * first + post.idx
        where = [*key, post.page, post.idx]
        old = rows.existing(
            db, "text_posts", "site = ? AND tid = ? AND page = ? AND idx = ?", where
        )
        keys = {"site": thread.site, "tid": thread.tid, "page": post.page, "idx": post.idx}
        if old is None:
            seen = {"first_seen_at": archived_at, "last_seen_at": archived_at}
            rows.insert(db, "text_posts", {**keys, **row, "page_id": page_id, **seen})
            result.posts_new += 1
            continue
        changes = rows.changed({**row, "page_id": page_id}, old)
        if set(changes) - {"page_id"}:
            result.posts_changed += 1
        rows.update(db, "text_posts", keys, {**changes, "last_seen_at": archived_at})


def _post_row(thread: Thread, post: Post) -> dict[str, Any]:
    return {
        "site": thread.site,
        "pid": post.pid,
        "tid": thread.tid,
        "page": None if post.is_copy or post.source != "desktop" else thread.page,
        "floor": post.floor,
        "floor_label": None if post.is_copy else post.floor_label,
        "uid": post.uid,
        "author": post.author,
        "author_kind": post.author_kind,
        "is_thread_author": int(post.is_thread_author),
        "posted_at": post.posted_at,
        "posted_text": post.posted_text,
        "posted_precision": post.posted_precision,
        "client_tag": post.client_tag,
        "body_html": post.body_html,
        "body_text": post.body_text,
        "edited_by": post.edited_by,
        "edited_at": post.edited_at,
        "state": post.state,
        "client_suffix": post.client_suffix,
        "is_sticky": int(post.is_sticky),
        "is_hot": int(post.is_hot),
        "source": post.source,
    }


def save_post(
    db: Database,
    thread: Thread,
    post: Post,
    page_id: int,
    archived_at: str,
    result: SaveResult,
) -> None:
    row = _post_row(thread, post)
    old = rows.existing(db, "posts", "site = ? AND pid = ?", [thread.site, post.pid])
    if old is None:
        first_label = row["floor_label"] or post.floor_label
        seen = {"first_seen_at": archived_at, "last_seen_at": archived_at}
        position = _free_position(db, thread, post.floor)
        rows.insert(
            db,
            "posts",
            {**row, "floor_label": first_label, "page_id": page_id, "position": position, **seen},
        )
        result.posts_new += 1
    else:
        if any(old[k] != row[k] for k in _VERSIONED):
            _save_revision(db, thread.site, post.pid, {k: old[k] for k in _KEPT}, archived_at)
            result.posts_changed += 1
        else:
            result.posts_unchanged += 1
        update = rows.without_none(row, keep=_VERSIONED)
        if _precision(post.posted_precision) > _precision(old["posted_precision"]):
            for key in ("posted_at", "posted_text", "posted_precision"):
                update.pop(key, None)  # never replace an exact time with an approximate one
        update.update(last_seen_at=archived_at, page_id=page_id, gone_at=None)
        moved = None not in (old["floor"], row["floor"]) and old["floor"] != row["floor"]
        if moved and not post.is_copy:
            result.floors_moved += 1
            db.execute(
                "INSERT OR IGNORE INTO floor_changes (site, pid, changed_at, floor, floor_label) "
                "VALUES (?, ?, ?, ?, ?)",
                [thread.site, post.pid, archived_at, old["floor"], old["floor_label"]],
            )
        if post.is_copy:
            for key in ("page", "is_sticky", "is_hot"):
                update.pop(key, None)
        changes = rows.changed(update, old)
        if changes:
            rows.update(db, "posts", {"site": thread.site, "pid": post.pid}, changes)
    _save_children(db, thread.site, post, archived_at, existed=old is not None)


def _free_position(db: Database, thread: Thread, floor: int | None) -> int | None:
    """The floor a new post is first seen at, unless a live post of the thread holds it."""
    if floor is None:
        return None
    taken = db.execute(
        "SELECT 1 FROM posts WHERE site = ? AND tid = ? AND position = ? AND gone_at IS NULL",
        [thread.site, thread.tid, floor],
    ).fetchone()
    return None if taken else floor


def _precision(name: str | None) -> int:
    """Smaller is finer: second < minute < hour < day < unknown."""
    return _PRECISION.get(name or "", len(_PRECISION))


def keep_revision(db: Database, site: str, pid: int, replaced_at: str) -> None:
    """The post's current version as a revision, before something replaces it."""
    old = rows.existing(db, "posts", "site = ? AND pid = ?", [site, pid])
    if old is not None:
        _save_revision(db, site, pid, {k: old[k] for k in _KEPT}, replaced_at)


def _save_revision(
    db: Database, site: str, pid: int, previous: dict[str, Any], replaced_at: str
) -> None:
    number = db.execute(
        "SELECT COALESCE(MAX(revision), 0) + 1 FROM post_revisions WHERE site = ? AND pid = ?",
        [site, pid],
    ).fetchone()[0]
    rows.insert(
        db,
        "post_revisions",
        {"site": site, "pid": pid, "revision": number, **previous, "replaced_at": replaced_at},
    )


def _save_children(db: Database, site: str, post: Post, at: str, *, existed: bool) -> None:
    """Quotes, attachments, ratings and comments: a new set when they change, never deleted.

    The set the post showed before stays, its rows marked `replaced_at`; a moderator who
    hides a post, or an edit that drops a quote, leaves the earlier rows in the archive.
    """
    for table in _CHILDREN:
        shown = getattr(post, table)
        if shown is None:  # this rendering cannot show them: what is known stays current
            continue
        items = [_plain(asdict(item)) for item in shown]
        if existed and _current_children(db, table, site, post.pid) == items:
            continue
        version = 1
        if existed:
            version += _last_version(db, table, site, post.pid)
            db.execute(
                f"UPDATE {table} SET replaced_at = ? "
                "WHERE site = ? AND pid = ? AND replaced_at IS NULL",
                [at, site, post.pid],
            )
        for i, item in enumerate(items):
            row = {"site": site, "pid": post.pid, "idx": i, **item, "version": version}
            rows.insert(db, table, row)


def _current_children(db: Database, table: str, site: str, pid: int) -> list[dict[str, Any]]:
    cursor = db.execute(
        f"SELECT * FROM {table} WHERE site = ? AND pid = ? AND replaced_at IS NULL ORDER BY idx",
        [site, pid],
    )
    names = [d[0] for d in cursor.description]
    return [
        {k: v for k, v in zip(names, row, strict=True) if k not in _CHILD_KEYS}
        for row in cursor.fetchall()
    ]


def _last_version(db: Database, table: str, site: str, pid: int) -> int:
    sql = f"SELECT COALESCE(MAX(version), 0) FROM {table} WHERE site = ? AND pid = ?"
    return int(db.execute(sql, [site, pid]).fetchone()[0])


def _plain(item: dict[str, Any]) -> dict[str, Any]:
    """Values as SQLite gives them back: booleans are integers."""
    return {k: int(v) if isinstance(v, bool) else v for k, v in item.items()}


def _user_row(author: Author) -> dict[str, Any]:
    row: dict[str, Any] = {k: getattr(author, k) for k in _USER_FIELDS}
    for key in ("medals", "stats", "profile"):
        value = getattr(author, key)
        row[key] = json.dumps(value, ensure_ascii=False) if value else None
    return row


def save_user(db: Database, site: str, author: Author, page_id: int, seen_at: str) -> None:
    """Snapshot an author panel, and make it the user's row unless a newer one is known."""
    uid = author.uid
    if uid is None:  # a panel without a uid has no key to file it under
        return
    row = _user_row(author)
    db.execute(
        f"INSERT OR IGNORE INTO user_snapshots (site, uid, page_id, seen_at, {', '.join(row)}) "
        f"VALUES (?, ?, ?, ?, {', '.join('?' * len(row))})",
        [site, uid, page_id, seen_at, *row.values()],
    )
    latest = db.execute(
        "SELECT seen_at FROM users WHERE site = ? AND uid = ?", [site, uid]
    ).fetchone()
    if latest is None:
        rows.insert(db, "users", {"site": site, "uid": uid, **row, "seen_at": seen_at})
    elif (latest[0] or "") <= seen_at:
        rows.update(db, "users", {"site": site, "uid": uid}, {**row, "seen_at": seen_at})
