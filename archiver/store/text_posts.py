"""Saving the Archiver text view's posts: no pid, known by page and place."""

from __future__ import annotations

from dataclasses import asdict

from sqlite_utils import Database

from archiver.model import SaveResult, TextPost, Thread
from archiver.store import rows


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
            "UPDATE text_posts SET floor = (page_number - 1) * ? + idx "
            "WHERE site = ? AND tid = ? AND page_number > 1 AND floor IS NULL",
            [len(posts), *key],
        )
    first = db.execute(
        "SELECT COUNT(*) FROM text_posts WHERE site = ? AND tid = ? AND page_number = 1", key
    ).fetchone()[0]
    for post in posts:
        row = {k: v for k, v in asdict(post).items() if k not in ("page", "idx")}
        if row["floor"] is None and first and post.page > 1:
            row["floor"] = (post.page - 1) * first + post.idx
        where = [*key, post.page, post.idx]
        old = rows.existing(
            db, "text_posts", "site = ? AND tid = ? AND page_number = ? AND idx = ?", where
        )
        keys = {"site": thread.site, "tid": thread.tid, "page_number": post.page, "idx": post.idx}
        if old is None:
            seen = {"first_seen_at": archived_at, "last_seen_at": archived_at}
            rows.insert(db, "text_posts", {**keys, **row, "page_id": page_id, **seen})
            archived = rows.floor_archived(db, "posts", thread.site, thread.tid, row["floor"])
            result.posts_new += 0 if archived else 1  # counted once, from either rendering
            continue
        changes = rows.changed({**row, "page_id": page_id}, old)
        if set(changes) - {"page_id"}:
            result.posts_changed += 1
        rows.update(db, "text_posts", keys, {**changes, "last_seen_at": archived_at})
