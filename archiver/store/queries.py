"""What the composer asks the archive between pages, and the marks it leaves (never deletes)."""

from __future__ import annotations

from sqlite_utils import Database

from archiver.errors import QueryError
from archiver.model import BoardThread
from archiver.store.db import writing
from archiver.store.posts import keep_revision


def board_thread_changed(db: Database, site: str, item: BoardThread) -> bool:
    """True when the list shows replies or a last post the archive has not fetched yet."""
    row = db.execute(
        "SELECT archived_replies, archived_last_post_at FROM board_threads "
        "WHERE site = ? AND tid = ?",
        [site, item.tid],
    ).fetchone()
    return row is None or row[0] is None or (row[0], row[1]) != (item.replies, item.last_post_at)


def mark_board_thread_archived(db: Database, site: str, item: BoardThread, at: str) -> None:
    """Remember the list values this thread was archived at, for the next walk."""
    with writing(db):
        db.execute(
            "UPDATE board_threads SET archived_replies = ?, archived_last_post_at = ?, "
            "archived_at = ? WHERE site = ? AND tid = ?",
            [item.replies, item.last_post_at, at, site, item.tid],
        )


def finish_board_walk(db: Database, site: str, fid: int, walked: int, listed: int) -> None:
    with writing(db):
        db.execute(
            "UPDATE boards SET pages_walked = ?, threads_listed = ? WHERE site = ? AND fid = ?",
            [walked, listed, site, fid],
        )


def mark_gone(db: Database, site: str, tid: int, seen: set[int], at: str) -> int:
    """Posts a complete fetch of the thread no longer showed get gone_at and the state `gone`.

    Only the composer calls this, after every page of the current numbering in one rendering;
    the last state of each is kept as a revision, and nothing is deleted.
    """
    with writing(db):
        stored = db.execute(
            "SELECT pid FROM posts WHERE site = ? AND tid = ? AND gone_at IS NULL", [site, tid]
        ).fetchall()
        missing = [pid for (pid,) in stored if pid not in seen]
        for pid in missing:
            keep_revision(db, site, pid, at)
            db.execute(
                "UPDATE posts SET gone_at = ?, state = 'gone' WHERE site = ? AND pid = ?",
                [at, site, pid],
            )
        return len(missing)


def archived_pages(db: Database, site: str, tid: int, rendering: str = "desktop") -> int:
    """How many of a thread's pages, from page 1 on without a gap, one rendering has archived.

    Pages fetched out of order (a findpost page for --with-authors) must not make a later
    run skip the pages before them.
    """
    rows = db.execute(
        "SELECT DISTINCT page_number FROM pages WHERE site = ? AND tid = ? AND rendering = ? "
        "AND page_number IS NOT NULL ORDER BY page_number",
        [site, tid, rendering],
    )
    count = 0
    for (number,) in rows:
        if number != count + 1:
            break
        count = number
    return count


def authors_without_panel(db: Database, site: str, tid: int) -> list[tuple[int, int]]:
    """(uid, pid of their first post) for the thread's authors no desktop panel has shown."""
    rows = db.execute(
        "SELECT uid, pid FROM posts p WHERE site = ? AND tid = ? AND uid IS NOT NULL "
        "AND gone_at IS NULL AND NOT EXISTS "
        "(SELECT 1 FROM users u WHERE u.site = p.site AND u.uid = p.uid) "
        "ORDER BY floor IS NULL, floor, pid",
        [site, tid],
    )
    first: dict[int, int] = {}
    for uid, pid in rows.fetchall():
        first.setdefault(int(uid), int(pid))
    return list(first.items())


def refresh_targets(db: Database, sql: str | None = None) -> list[tuple[str, int, str | None]]:
    """(site, tid, thread URL) of the archived threads to bring up to date."""
    query = sql or "SELECT site, tid FROM threads ORDER BY site, tid"
    rows = db.execute(query).fetchall()
    shape = "--sql must give (site, tid) of threads, e.g. select site, tid from threads where …"
    try:
        wanted = [(str(r[0]), int(r[1])) for r in rows if r[0] is not None]
    except (IndexError, TypeError, ValueError):
        raise QueryError(shape, source=sql) from None
    targets: list[tuple[str, int, str | None]] = []
    for site, tid in wanted:
        row = db.execute(
            "SELECT base_url FROM threads WHERE site = ? AND tid = ?", [site, tid]
        ).fetchone()
        base = row[0] if row else None
        url = f"{base}forum.php?mod=viewthread&tid={tid}" if base else None
        targets.append((site, tid, url))
    return targets


def posts_not_read_from(db: Database, site: str, tid: int, rendering: str) -> int:
    """How many of a thread's live posts no page of this rendering has shown yet."""
    row = db.execute(
        "SELECT count(*) FROM posts WHERE site = ? AND tid = ? AND gone_at IS NULL "
        "AND rendering != ?",
        [site, tid, rendering],
    ).fetchone()
    return int(row[0])
