"""Migrations 4 to 10: reading views, boards, renderings, gone posts, text posts, redaction."""

import hashlib
import sqlite3
import zlib

from sqlite_utils import Database

_M004 = """
ALTER TABLE posts ADD COLUMN source TEXT NOT NULL DEFAULT 'desktop';

CREATE VIEW thread_posts AS
SELECT p.site, p.tid, t.subject, p.floor, p.floor_label, p.pid, p.author, p.uid,
       u.group_title, u.rank, p.posted_at, p.client_tag, p.state, p.body_text
FROM posts p
LEFT JOIN threads t ON t.site = p.site AND t.tid = p.tid
LEFT JOIN users u ON u.site = p.site AND u.uid = p.uid;

CREATE VIEW author_activity AS
SELECT p.site, p.uid, u.name, u.group_title, u.rank, u.credits,
       count(*) AS posts,
       count(DISTINCT p.tid) AS threads,
       sum(p.floor = 1) AS threads_started,
       sum(p.client_tag IS NOT NULL) AS posts_from_clients,
       min(p.posted_at) AS first_post_at,
       max(p.posted_at) AS last_post_at
FROM posts p
LEFT JOIN users u ON u.site = p.site AND u.uid = p.uid
WHERE p.uid IS NOT NULL
GROUP BY p.site, p.uid;
"""


def m004_add_post_source_and_reading_views(db: Database) -> None:
    """Which rendering a post came from, and the thread_posts and author_activity views."""
    db.executescript(_M004)


_M005 = """
CREATE TABLE boards (
    site TEXT NOT NULL,
    fid INTEGER NOT NULL,
    name TEXT,
    url TEXT,
    pages INTEGER,
    pages_walked INTEGER,
    threads_listed INTEGER,
    first_walked_at TEXT,
    last_walked_at TEXT,
    PRIMARY KEY (site, fid)
);

CREATE TABLE board_threads (
    site TEXT NOT NULL,
    tid INTEGER NOT NULL,
    fid INTEGER,
    subject TEXT,
    author TEXT,
    uid INTEGER,
    replies INTEGER,
    views INTEGER,
    last_poster TEXT,
    last_post_text TEXT,
    last_post_at TEXT,
    sticky INTEGER NOT NULL DEFAULT 0,
    listed_at TEXT,
    archived_replies INTEGER,
    archived_last_post_at TEXT,
    archived_at TEXT,
    PRIMARY KEY (site, tid)
);
CREATE INDEX board_threads_fid ON board_threads (site, fid);
"""


def m005_create_boards(db: Database) -> None:
    """Walked thread lists of boards, and what each listed thread looked like."""
    db.executescript(_M005)


def m006_add_page_rendering(db: Database) -> None:
    """Which rendering each stored page is (touch and API pages number pages differently)."""
    # touch pages and API responses number their pages differently from desktop pages
    db.execute("ALTER TABLE pages ADD COLUMN rendering TEXT NOT NULL DEFAULT 'desktop'")


def m007_add_post_gone_at(db: Database) -> None:
    """When a complete re-archive of a thread no longer showed a post."""
    # set when a complete re-archive of the thread no longer shows the post; never deleted
    db.execute("ALTER TABLE posts ADD COLUMN gone_at TEXT")


_M008 = """
CREATE TABLE text_posts (
    site TEXT NOT NULL,
    tid INTEGER NOT NULL,
    page INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    floor INTEGER,
    author TEXT,
    author_kind TEXT,
    posted_at TEXT,
    posted_text TEXT,
    posted_precision TEXT,
    subject TEXT,
    body_text TEXT,
    client_suffix TEXT,
    state TEXT NOT NULL DEFAULT 'normal',
    page_id INTEGER REFERENCES pages(id),
    first_seen_at TEXT,
    last_seen_at TEXT,
    PRIMARY KEY (site, tid, page, idx)
);
CREATE INDEX text_posts_floor ON text_posts (site, tid, floor);
"""


def m008_create_text_posts(db: Database) -> None:
    """Posts read from the Archiver text view, which has no pids."""
    # posts of the Archiver text view (archiver/?tid-T.html): no pid, known by page and place
    db.executescript(_M008)


def m009_tune_posts_fts_automerge(db: Database) -> None:
    """FTS5 merges sixteen segments at a time: less index upkeep per page."""
    # each page's commit writes a small trigram segment; FTS5 merged them four at a time, which
    # rewrote every trigram once per level. Sixteen at a time takes about a fifth off the FTS
    # upkeep per page (bench/README.md); a search reads a few more segments, still well under
    # 1 ms. A setting stored in posts_fts_config, so the schema text does not change.
    db.execute("INSERT INTO posts_fts (posts_fts, rank) VALUES ('automerge', 16)")


def m010_redact_login_material(db: Database) -> None:
    """Record redactions per page, and scrub login material from pages already stored."""
    # Earlier releases stored pages fetched with a login as they came: the API's auth and
    # saltkey (a working login), formhash and session ids. Record what each page had removed
    # and scrub the pages already stored. The rules are archiver.redact's, imported when it
    # runs rather than copied: two copies of a secret filter would drift apart.
    db.execute("ALTER TABLE pages ADD COLUMN redactions TEXT")
    _scrub_stored_pages(db.conn)


def _scrub_stored_pages(conn: sqlite3.Connection) -> int:
    """Redact every page an earlier release stored; returns how many pages changed.

    A page whose scrubbed bytes equal another stored page's becomes that page: rows that
    pointed at it point at the other, since `pages.sha256` is unique.
    """
    from archiver.redact import redact, redact_text

    changed = 0
    rows = conn.execute("SELECT id, content, url FROM pages WHERE compression = 'zlib'")
    for page_id, blob, url in rows.fetchall():
        cleaned = redact(zlib.decompress(blob))
        new_url = redact_text(url) if url else url
        if not cleaned.kinds and new_url == url:
            continue
        changed += 1
        digest = hashlib.sha256(cleaned.content).hexdigest()
        twin = conn.execute(
            "SELECT id FROM pages WHERE sha256 = ? AND id != ?", [digest, page_id]
        ).fetchone()
        if twin is not None:
            _merge_page(conn, page_id, int(twin[0]), cleaned.label)
            continue
        conn.execute(
            "UPDATE pages SET content = ?, sha256 = ?, size = ?, url = ?, redactions = ? "
            "WHERE id = ?",
            [zlib.compress(cleaned.content, 6), digest, len(cleaned.content), new_url,
             cleaned.label, page_id],
        )  # fmt: skip
    return changed


def _merge_page(conn: sqlite3.Connection, gone: int, kept: int, label: str | None) -> None:
    for table in ("posts", "post_revisions", "text_posts"):
        conn.execute(f"UPDATE {table} SET page_id = ? WHERE page_id = ?", [kept, gone])
    # a snapshot from identical bytes repeats the kept page's snapshot
    conn.execute("UPDATE OR IGNORE user_snapshots SET page_id = ? WHERE page_id = ?", [kept, gone])
    conn.execute("DELETE FROM user_snapshots WHERE page_id = ?", [gone])
    conn.execute("DELETE FROM pages WHERE id = ?", [gone])
    conn.execute(
        "UPDATE pages SET redactions = coalesce(redactions, ?) WHERE id = ?", [label, kept]
    )


STEPS = (
    m004_add_post_source_and_reading_views,
    m005_create_boards,
    m006_add_page_rendering,
    m007_add_post_gone_at,
    m008_create_text_posts,
    m009_tune_posts_fts_automerge,
    m010_redact_login_material,
)
