"""The database schema, as append-only sqlite-utils migrations.

Never edit a migration that has shipped: add the next one. This file imports nothing but
sqlite_utils and the standard library at the top, so `sqlite-utils migrate archive.db
migrations/__init__.py` works on its own; m010 alone reads archiver.redact's rules when it runs.
"""

import hashlib
import sqlite3
import zlib

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("discuz-archiver")

_M001 = """
CREATE TABLE pages (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    site TEXT,
    tid INTEGER,
    page INTEGER,
    source TEXT NOT NULL,
    url TEXT,
    archived_at TEXT NOT NULL,
    fetched_at TEXT,
    status INTEGER,
    headers TEXT,
    charset TEXT,
    declared_charset TEXT,
    replacements INTEGER NOT NULL DEFAULT 0,
    size INTEGER NOT NULL,
    compression TEXT NOT NULL DEFAULT 'zlib',
    content BLOB NOT NULL
);
CREATE INDEX pages_thread ON pages (site, tid, page);

CREATE TABLE threads (
    site TEXT NOT NULL,
    tid INTEGER NOT NULL,
    fid INTEGER,
    subject TEXT,
    forum TEXT,
    forum_path TEXT,
    views INTEGER,
    replies INTEGER,
    pages INTEGER,
    thread_author TEXT,
    thread_author_uid INTEGER,
    discuz_version TEXT,
    timezone TEXT,
    canonical_url TEXT,
    base_url TEXT,
    rendered_at TEXT,
    first_archived_at TEXT,
    last_archived_at TEXT,
    PRIMARY KEY (site, tid)
);

CREATE TABLE posts (
    site TEXT NOT NULL,
    pid INTEGER NOT NULL,
    tid INTEGER NOT NULL,
    page INTEGER,
    floor INTEGER,
    floor_label TEXT,
    uid INTEGER,
    author TEXT,
    author_kind TEXT,
    is_thread_author INTEGER NOT NULL DEFAULT 0,
    posted_at TEXT,
    posted_text TEXT,
    posted_precision TEXT,
    client_tag TEXT,
    body_html TEXT,
    body_text TEXT,
    edited_by TEXT,
    edited_at TEXT,
    state TEXT NOT NULL DEFAULT 'normal',
    is_sticky INTEGER NOT NULL DEFAULT 0,
    page_id INTEGER REFERENCES pages(id),
    first_seen_at TEXT,
    last_seen_at TEXT,
    PRIMARY KEY (site, pid)
);
CREATE INDEX posts_thread ON posts (site, tid, floor);
CREATE INDEX posts_author ON posts (site, uid);

CREATE TABLE users (
    site TEXT NOT NULL,
    uid INTEGER NOT NULL,
    name TEXT,
    group_title TEXT,
    gid INTEGER,
    rank INTEGER,
    thread_count INTEGER,
    post_count INTEGER,
    reply_count INTEGER,
    credits INTEGER,
    custom_title TEXT,
    avatar_url TEXT,
    medals TEXT,
    stats TEXT,
    profile TEXT,
    seen_at TEXT,
    PRIMARY KEY (site, uid)
);

CREATE TABLE user_snapshots (
    site TEXT NOT NULL,
    uid INTEGER NOT NULL,
    page_id INTEGER NOT NULL REFERENCES pages(id),
    seen_at TEXT,
    name TEXT,
    group_title TEXT,
    gid INTEGER,
    rank INTEGER,
    thread_count INTEGER,
    post_count INTEGER,
    reply_count INTEGER,
    credits INTEGER,
    custom_title TEXT,
    avatar_url TEXT,
    medals TEXT,
    stats TEXT,
    profile TEXT,
    PRIMARY KEY (site, uid, page_id)
);

CREATE TABLE post_revisions (
    site TEXT NOT NULL,
    pid INTEGER NOT NULL,
    revision INTEGER NOT NULL,
    body_html TEXT,
    body_text TEXT,
    state TEXT,
    edited_by TEXT,
    edited_at TEXT,
    client_tag TEXT,
    first_seen_at TEXT,
    last_seen_at TEXT,
    replaced_at TEXT NOT NULL,
    page_id INTEGER REFERENCES pages(id),
    PRIMARY KEY (site, pid, revision)
);

CREATE TABLE quotes (
    site TEXT NOT NULL,
    pid INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    quoted_pid INTEGER,
    quoted_author TEXT,
    quoted_time_text TEXT,
    quoted_at TEXT,
    text TEXT,
    PRIMARY KEY (site, pid, idx)
);
CREATE INDEX quotes_quoted ON quotes (site, quoted_pid);

CREATE TABLE attachments (
    site TEXT NOT NULL,
    pid INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    aid INTEGER,
    kind TEXT NOT NULL,
    url TEXT,
    filename TEXT,
    size_text TEXT,
    inline INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (site, pid, idx)
);

CREATE TABLE ratings (
    site TEXT NOT NULL,
    pid INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    rater TEXT,
    rater_uid INTEGER,
    credit TEXT NOT NULL,
    score INTEGER NOT NULL,
    reason TEXT,
    PRIMARY KEY (site, pid, idx)
);

CREATE TABLE comments (
    site TEXT NOT NULL,
    pid INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    author TEXT,
    uid INTEGER,
    text TEXT,
    posted_text TEXT,
    posted_at TEXT,
    PRIMARY KEY (site, pid, idx)
);
"""

# Chinese has no spaces between words: the trigram tokenizer finds any run of 3+ characters.
_M002 = """
CREATE VIRTUAL TABLE posts_fts USING fts5(
    body_text, content='posts', content_rowid='rowid', tokenize='trigram'
);
CREATE TRIGGER posts_fts_insert AFTER INSERT ON posts BEGIN
    INSERT INTO posts_fts (rowid, body_text) VALUES (new.rowid, new.body_text);
END;
CREATE TRIGGER posts_fts_delete AFTER DELETE ON posts BEGIN
    INSERT INTO posts_fts (posts_fts, rowid, body_text) VALUES ('delete', old.rowid, old.body_text);
END;
CREATE TRIGGER posts_fts_update AFTER UPDATE OF body_text ON posts BEGIN
    INSERT INTO posts_fts (posts_fts, rowid, body_text) VALUES ('delete', old.rowid, old.body_text);
    INSERT INTO posts_fts (rowid, body_text) VALUES (new.rowid, new.body_text);
END;
INSERT INTO posts_fts (rowid, body_text) SELECT rowid, body_text FROM posts;

CREATE VIRTUAL TABLE threads_fts USING fts5(
    subject, content='threads', content_rowid='rowid', tokenize='trigram'
);
CREATE TRIGGER threads_fts_insert AFTER INSERT ON threads BEGIN
    INSERT INTO threads_fts (rowid, subject) VALUES (new.rowid, new.subject);
END;
CREATE TRIGGER threads_fts_delete AFTER DELETE ON threads BEGIN
    INSERT INTO threads_fts (threads_fts, rowid, subject) VALUES ('delete', old.rowid, old.subject);
END;
CREATE TRIGGER threads_fts_update AFTER UPDATE OF subject ON threads BEGIN
    INSERT INTO threads_fts (threads_fts, rowid, subject) VALUES ('delete', old.rowid, old.subject);
    INSERT INTO threads_fts (rowid, subject) VALUES (new.rowid, new.subject);
END;
INSERT INTO threads_fts (rowid, subject) SELECT rowid, subject FROM threads;
"""


_M003 = """
ALTER TABLE posts ADD COLUMN client_suffix TEXT;
ALTER TABLE posts ADD COLUMN is_hot INTEGER NOT NULL DEFAULT 0;
ALTER TABLE post_revisions ADD COLUMN client_suffix TEXT;
"""


@migrations()
def m001_create_archive_tables(db: Database) -> None:
    """Pages (raw bytes), threads, posts, users and their snapshots, post revisions and children."""
    db.executescript(_M001)


@migrations()
def m002_create_fulltext_indexes(db: Database) -> None:
    """Trigram full-text indexes on posts and threads, kept by triggers."""
    db.executescript(_M002)


@migrations()
def m003_add_client_suffix_and_hot_copies(db: Database) -> None:
    """Client suffixes (来自…) and the hot/sticky copies of replies shown on page 1."""
    db.executescript(_M003)


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


@migrations()
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


@migrations()
def m005_create_boards(db: Database) -> None:
    """Walked thread lists of boards, and what each listed thread looked like."""
    db.executescript(_M005)


@migrations()
def m006_add_page_rendering(db: Database) -> None:
    """Which rendering each stored page is (touch and API pages number pages differently)."""
    # touch pages and API responses number their pages differently from desktop pages
    db.execute("ALTER TABLE pages ADD COLUMN rendering TEXT NOT NULL DEFAULT 'desktop'")


@migrations()
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


@migrations()
def m008_create_text_posts(db: Database) -> None:
    """Posts read from the Archiver text view, which has no pids."""
    # posts of the Archiver text view (archiver/?tid-T.html): no pid, known by page and place
    db.executescript(_M008)


@migrations()
def m009_tune_posts_fts_automerge(db: Database) -> None:
    """FTS5 merges sixteen segments at a time: less index upkeep per page."""
    # each page's commit writes a small trigram segment; FTS5 merged them four at a time, which
    # rewrote every trigram once per level. Sixteen at a time takes about a fifth off the FTS
    # upkeep per page (bench/README.md); a search reads a few more segments, still well under
    # 1 ms. A setting stored in posts_fts_config, so the schema text does not change.
    db.execute("INSERT INTO posts_fts (posts_fts, rank) VALUES ('automerge', 16)")


@migrations()
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


_CHILD_COLUMNS = {
    "quotes": "quoted_pid INTEGER, quoted_author TEXT, quoted_time_text TEXT, quoted_at TEXT, "
    "text TEXT",
    "attachments": "aid INTEGER, kind TEXT NOT NULL, url TEXT, filename TEXT, size_text TEXT, "
    "inline INTEGER NOT NULL DEFAULT 1",
    "ratings": "rater TEXT, rater_uid INTEGER, credit TEXT NOT NULL, score INTEGER NOT NULL, "
    "reason TEXT",
    "comments": "author TEXT, uid INTEGER, text TEXT, posted_text TEXT, posted_at TEXT",
}


@migrations()
def m011_version_post_children(db: Database) -> None:
    """Quotes, attachments, ratings and comments keep every version, never deleted."""
    # A post that changed (a moderator hid it, its author edited out a quote) had its quotes,
    # attachments, ratings and comments deleted and written anew. Keep every version instead:
    # `version` counts the post's sets of children, `replaced_at` is set when a newer set
    # replaced this one (NULL: the current set). Rows already stored become version 1.
    # one statement at a time: executescript() would commit the migration's transaction
    for table, columns in _CHILD_COLUMNS.items():
        names = ", ".join(["site", "pid", "idx"] + [c.split()[0] for c in columns.split(", ")])
        body = ",\n    ".join(
            ["site TEXT NOT NULL", "pid INTEGER NOT NULL", "idx INTEGER NOT NULL"]
            + columns.split(", ")
            + ["version INTEGER NOT NULL DEFAULT 1", "replaced_at TEXT"]
            + ["PRIMARY KEY (site, pid, version, idx)"]
        )
        db.execute(f"CREATE TABLE {table}_versioned (\n    {body}\n)")
        db.execute(f"INSERT INTO {table}_versioned ({names}) SELECT {names} FROM {table}")
        db.execute(f"DROP TABLE {table}")
        db.execute(f"ALTER TABLE {table}_versioned RENAME TO {table}")
    db.execute("CREATE INDEX quotes_quoted ON quotes (site, quoted_pid)")


_M012 = """
ALTER TABLE posts ADD COLUMN position INTEGER;
UPDATE posts SET position = floor
WHERE floor IS NOT NULL AND (gone_at IS NOT NULL OR NOT EXISTS (
    SELECT 1 FROM posts o
    WHERE o.site = posts.site AND o.tid = posts.tid AND o.floor = posts.floor
      AND o.gone_at IS NULL AND o.pid != posts.pid
      AND (o.first_seen_at < posts.first_seen_at
           OR (o.first_seen_at = posts.first_seen_at AND o.pid < posts.pid))
));
CREATE INDEX posts_position ON posts (site, tid, position);
CREATE TABLE floor_changes (
    site TEXT NOT NULL,
    pid INTEGER NOT NULL,
    changed_at TEXT NOT NULL,
    floor INTEGER,
    floor_label TEXT,
    PRIMARY KEY (site, pid, changed_at)
);
"""


@migrations()
def m012_add_post_position_and_floor_changes(db: Database) -> None:
    """Each post's first-seen position, and the shown floors it left."""
    # A forum renumbers the floors it shows after a deletion (26 becomes 25#). `floor` stays the
    # floor as shown now; `position` is the floor a post had when first seen and never changes,
    # unique among a thread's live posts (NULL where an older live post held it); each shown
    # floor a post leaves is a row in floor_changes. Archives from before: position = floor,
    # the earliest-seen of live posts that share a floor keeps it.
    for statement in _M012.split(";"):
        if statement.strip():
            db.execute(statement)
