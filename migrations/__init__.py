"""The database schema, as append-only sqlite-utils migrations.

Never edit a migration that has shipped: add the next one. This file imports nothing but
sqlite_utils and the standard library at the top, so `sqlite-utils migrate archive.db
migrations/__init__.py` works on its own; m010 alone reads archiver.redact's rules when it runs.
"""

import hashlib
import json
import re
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


# What a rendering can never show, as parse/knowledge.py's NEVER_SHOWN says: the unknown
# fields of posts and threads that were read only from it (m013 fills older rows from these).
_NEVER_SHOWN_POST = {"touch": ["ratings", "profile"], "api": ["ratings", "profile"]}
_NEVER_SHOWN_THREAD = {
    "touch": ["views", "replies", "forum_path", "discuz_version", "rendered_at", "page_count"],
    "api": ["forum", "forum_path", "discuz_version", "rendered_at", "page_count"],
}

_M013 = """
ALTER TABLE posts ADD COLUMN pinned_first_seen_at TEXT;
ALTER TABLE posts ADD COLUMN pinned_last_seen_at TEXT;
ALTER TABLE posts ADD COLUMN recommended_first_seen_at TEXT;
ALTER TABLE posts ADD COLUMN recommended_last_seen_at TEXT;
ALTER TABLE posts ADD COLUMN unknown_fields TEXT;
ALTER TABLE threads ADD COLUMN unknown_fields TEXT;
ALTER TABLE post_revisions ADD COLUMN rendering TEXT;
UPDATE posts SET pinned_first_seen_at = first_seen_at, pinned_last_seen_at = last_seen_at
WHERE is_sticky = 1;
UPDATE posts SET recommended_first_seen_at = first_seen_at,
                 recommended_last_seen_at = last_seen_at
WHERE is_hot = 1;
UPDATE post_revisions SET rendering = (
    SELECT pages.rendering FROM pages WHERE pages.id = post_revisions.page_id
);
"""


@migrations()
def m013_add_pinned_recommended_unknown_fields(db: Database) -> None:
    """Pinned and recommended as durable facts, the fields no rendering read could give."""
    # is_sticky / is_hot meant "so far seen only as a copy": a later page reset them. A post
    # seen as a copy has been pinned (recommended) since at least its first sighting.
    # A post read only from touch pages or the API has no ratings or panel known unless a
    # stored desktop page of its thread shows it; revisions take their page's rendering.
    for statement in _M013.split(";"):
        if statement.strip():
            db.execute(statement)
    _marks_from_stored_pages(db.conn)
    desktop = _desktop_pids(db.conn)
    for source, fields in _NEVER_SHOWN_POST.items():
        rows = db.execute("SELECT site, pid FROM posts WHERE source = ?", [source]).fetchall()
        for site, pid in rows:
            unknown = "[]" if (site, pid) in desktop else json.dumps(fields)
            db.execute(
                "UPDATE posts SET unknown_fields = ? WHERE site = ? AND pid = ?",
                [unknown, site, pid],
            )
    db.execute("UPDATE posts SET unknown_fields = '[]' WHERE unknown_fields IS NULL")
    db.execute("UPDATE threads SET unknown_fields = '[]'")
    for rendering, fields in _NEVER_SHOWN_THREAD.items():
        db.execute(
            "UPDATE threads SET unknown_fields = ? WHERE NOT EXISTS (SELECT 1 FROM pages "
            "WHERE pages.site = threads.site AND pages.tid = threads.tid "
            "AND pages.rendering != ?) AND EXISTS (SELECT 1 FROM pages WHERE "
            "pages.site = threads.site AND pages.tid = threads.tid AND pages.rendering = ?)",
            [json.dumps(fields), rendering, rendering],
        )


def _marks_from_stored_pages(conn: sqlite3.Connection) -> None:
    """Pinned and recommended copies on the stored first pages, read again by today's parser.

    Earlier releases reset is_sticky / is_hot when a later page showed the post in its place;
    the first pages they stored still show the copies. Like m010, it imports the package's
    parser when it runs.
    """
    from archiver.decode import decode
    from archiver.errors import ArchiverError
    from archiver.parse import parse_page

    rows = conn.execute(
        "SELECT site, url, source, archived_at, charset, content FROM pages "
        "WHERE page = 1 AND rendering IN ('desktop', 'touch') AND compression = 'zlib' "
        "ORDER BY archived_at"
    )
    for site, url, source, archived_at, charset, blob in rows.fetchall():
        text = decode(zlib.decompress(blob), charset).text
        if "置顶" not in text and "推荐" not in text:
            continue
        try:
            parsed = parse_page(text, url or source)
        except ArchiverError:
            continue
        for post in parsed.posts:
            mark = "pinned" if post.is_sticky else "recommended" if post.is_hot else None
            if mark is None:
                continue
            conn.execute(
                f"UPDATE posts SET {mark}_first_seen_at = min(coalesce({mark}_first_seen_at, "
                f"?1), ?1), {mark}_last_seen_at = max(coalesce({mark}_last_seen_at, ?1), ?1) "
                "WHERE site = ?2 AND pid = ?3",
                [archived_at, site, post.pid],
            )


def _desktop_pids(conn: sqlite3.Connection) -> set[tuple[str, int]]:
    """(site, pid) of every post some stored desktop page shows, read from its bytes."""
    shown: set[tuple[str, int]] = set()
    rows = conn.execute(
        "SELECT site, content FROM pages WHERE rendering = 'desktop' AND compression = 'zlib'"
    )
    for site, blob in rows:
        text = zlib.decompress(blob)
        shown.update((site, int(pid)) for pid in re.findall(rb'id="post_(\d+)"', text))
    return shown


_STATES = (
    "'normal', 'hidden', 'filtered', 'pending', 'locked', 'banned', 'blocked', 'author_only', "
    "'password', 'paid', 'deleted', 'gone'"
)
_KINDS = "'member', 'guest', 'anonymous', 'deleted', 'unknown'"
_PRECISIONS = "'second', 'minute', 'hour', 'day'"

# Each table as it is rebuilt by m014: {old column: new name} in RENAMES, dropped in DROPPED.
_M014_TABLES = {
    "pages": """(
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    site TEXT,
    tid INTEGER,
    page_number INTEGER,
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
    compression TEXT NOT NULL DEFAULT 'zlib' CHECK (compression IN ('zlib')),
    content BLOB NOT NULL,
    rendering TEXT NOT NULL DEFAULT 'desktop'
        CHECK (rendering IN ('desktop', 'touch', 'api', 'archiver')),
    redactions TEXT
)""",
    "threads": """(
    site TEXT NOT NULL,
    tid INTEGER NOT NULL,
    fid INTEGER,
    subject TEXT,
    forum TEXT,
    forum_path TEXT,
    views INTEGER,
    replies INTEGER,
    page_count INTEGER,
    thread_author TEXT,
    thread_author_uid INTEGER,
    discuz_version TEXT,
    timezone TEXT,
    canonical_url TEXT,
    base_url TEXT,
    rendered_at TEXT,
    first_archived_at TEXT,
    last_archived_at TEXT,
    unknown_fields TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (site, tid)
)""",
    "posts": f"""(
    site TEXT NOT NULL,
    pid INTEGER NOT NULL,
    tid INTEGER NOT NULL,
    page_number INTEGER,
    floor INTEGER,
    floor_label TEXT,
    position INTEGER,
    uid INTEGER,
    author TEXT,
    author_kind TEXT CHECK (author_kind IN ({_KINDS})),
    is_thread_author INTEGER NOT NULL DEFAULT 0 CHECK (is_thread_author IN (0, 1)),
    posted_at TEXT,
    posted_text TEXT,
    posted_precision TEXT CHECK (posted_precision IN ({_PRECISIONS})),
    client_tag TEXT,
    client_suffix TEXT,
    body_html TEXT,
    body_text TEXT,
    edited_by TEXT,
    edited_at TEXT,
    state TEXT NOT NULL DEFAULT 'normal' CHECK (state IN ({_STATES})),
    rendering TEXT NOT NULL DEFAULT 'desktop' CHECK (rendering IN ('desktop', 'touch', 'api')),
    unknown_fields TEXT NOT NULL DEFAULT '[]',
    pinned_first_seen_at TEXT,
    pinned_last_seen_at TEXT,
    recommended_first_seen_at TEXT,
    recommended_last_seen_at TEXT,
    page_id INTEGER REFERENCES pages(id),
    first_seen_at TEXT,
    last_seen_at TEXT,
    gone_at TEXT,
    PRIMARY KEY (site, pid),
    FOREIGN KEY (site, tid) REFERENCES threads(site, tid)
)""",
    "user_snapshots": """(
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
    PRIMARY KEY (site, uid, page_id),
    FOREIGN KEY (site, uid) REFERENCES users(site, uid)
)""",
    "post_revisions": f"""(
    site TEXT NOT NULL,
    pid INTEGER NOT NULL,
    revision INTEGER NOT NULL,
    body_html TEXT,
    body_text TEXT,
    state TEXT CHECK (state IN ({_STATES})),
    edited_by TEXT,
    edited_at TEXT,
    client_tag TEXT,
    client_suffix TEXT,
    rendering TEXT CHECK (rendering IN ('desktop', 'touch', 'api')),
    first_seen_at TEXT,
    last_seen_at TEXT,
    replaced_at TEXT NOT NULL,
    page_id INTEGER REFERENCES pages(id),
    PRIMARY KEY (site, pid, revision),
    FOREIGN KEY (site, pid) REFERENCES posts(site, pid)
)""",
    "text_posts": f"""(
    site TEXT NOT NULL,
    tid INTEGER NOT NULL,
    page_number INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    floor INTEGER,
    author TEXT,
    author_kind TEXT CHECK (author_kind IN ({_KINDS})),
    posted_at TEXT,
    posted_text TEXT,
    posted_precision TEXT CHECK (posted_precision IN ({_PRECISIONS})),
    subject TEXT,
    body_text TEXT,
    client_suffix TEXT,
    state TEXT NOT NULL DEFAULT 'normal' CHECK (state IN ('normal', 'not_shown')),
    page_id INTEGER REFERENCES pages(id),
    first_seen_at TEXT,
    last_seen_at TEXT,
    PRIMARY KEY (site, tid, page_number, idx),
    FOREIGN KEY (site, tid) REFERENCES threads(site, tid)
)""",
    "boards": """(
    site TEXT NOT NULL,
    fid INTEGER NOT NULL,
    name TEXT,
    url TEXT,
    page_count INTEGER,
    pages_walked INTEGER,
    threads_listed INTEGER,
    first_walked_at TEXT,
    last_walked_at TEXT,
    PRIMARY KEY (site, fid)
)""",
    "floor_changes": """(
    site TEXT NOT NULL,
    pid INTEGER NOT NULL,
    changed_at TEXT NOT NULL,
    floor INTEGER,
    floor_label TEXT,
    PRIMARY KEY (site, pid, changed_at),
    FOREIGN KEY (site, pid) REFERENCES posts(site, pid)
)""",
}
_CHILD_CHECKS = {"attachments": "kind TEXT NOT NULL CHECK (kind IN ('image', 'file'))"}
_RENAMES = {
    "pages": {"page": "page_number"},
    "threads": {"pages": "page_count"},
    "posts": {"page": "page_number", "source": "rendering"},
    "text_posts": {"page": "page_number"},
    "boards": {"pages": "page_count"},
}
_M014_AFTER = """
CREATE INDEX pages_thread ON pages (site, tid, page_number);
CREATE INDEX posts_thread ON posts (site, tid, floor);
CREATE INDEX posts_author ON posts (site, uid);
CREATE INDEX posts_position ON posts (site, tid, position);
CREATE INDEX posts_page ON posts (page_id);
CREATE INDEX text_posts_floor ON text_posts (site, tid, floor);
CREATE INDEX quotes_quoted ON quotes (site, quoted_pid);
CREATE VIRTUAL TABLE posts_fts USING FTS5 (body_text, tokenize='trigram', content="posts");
CREATE VIRTUAL TABLE threads_fts USING FTS5 (subject, tokenize='trigram', content="threads");
CREATE VIRTUAL TABLE text_posts_fts USING FTS5 (
    body_text, tokenize='trigram', content="text_posts"
);
INSERT INTO posts_fts (posts_fts) VALUES ('rebuild');
INSERT INTO threads_fts (threads_fts) VALUES ('rebuild');
INSERT INTO text_posts_fts (text_posts_fts) VALUES ('rebuild');
INSERT INTO posts_fts (posts_fts, rank) VALUES ('automerge', 16);
INSERT INTO text_posts_fts (text_posts_fts, rank) VALUES ('automerge', 16);
CREATE VIEW thread_posts AS
SELECT p.site, p.tid, t.subject, p.floor, p.floor_label, p.position, p.pid, p.author, p.uid,
       u.group_title, u.rank, p.posted_at, p.client_tag, p.state, p.body_text
FROM posts p
LEFT JOIN threads t ON t.site = p.site AND t.tid = p.tid
LEFT JOIN users u ON u.site = p.site AND u.uid = p.uid
WHERE p.gone_at IS NULL;
CREATE VIEW author_activity AS
SELECT p.site, p.uid, u.name, u.group_title, u.rank, u.credits,
       count(*) AS posts,
       count(DISTINCT p.tid) AS threads,
       sum(p.position = 1) AS threads_started,
       sum(p.client_tag IS NOT NULL) AS posts_from_clients,
       min(p.posted_at) AS first_post_at,
       max(p.posted_at) AS last_post_at
FROM posts p
LEFT JOIN users u ON u.site = p.site AND u.uid = p.uid
WHERE p.uid IS NOT NULL AND p.gone_at IS NULL
GROUP BY p.site, p.uid;
"""
# FTS upkeep, named as sqlite-utils names it (<table>_ai, _ad, _au) so its tools know them
_FTS_TRIGGERS = {"posts": "body_text", "threads": "subject", "text_posts": "body_text"}


@migrations()
def m014_one_name_one_meaning_with_constraints(db: Database) -> None:
    """Column names with one meaning each, CHECK and REFERENCES, FTS that tools detect."""
    # "page" was a table, a count, a number and a reference; "source" a path and a rendering.
    # Now: pages (the raw pages) and page_id (a reference to one), page_number, page_count;
    # pages.source (where the bytes came from) and posts.rendering. The FTS tables are declared
    # as sqlite-utils and Datasette detect them (content="posts"), and text_posts gets one.
    # Every table is rebuilt with its rowid, so the indexes match the rows they index.
    db.execute("PRAGMA defer_foreign_keys = ON")
    for view in ("thread_posts", "author_activity"):
        db.execute(f"DROP VIEW IF EXISTS {view}")
    for fts in ("posts_fts", "threads_fts"):
        db.execute(f"DROP TABLE {fts}")
        for event in ("insert", "delete", "update"):
            db.execute(f"DROP TRIGGER {fts}_{event}")
    for name, body in _M014_TABLES.items():
        _rebuild(db, name, body, _RENAMES.get(name, {}))
    for table, columns in _CHILD_COLUMNS.items():
        body = ",\n    ".join(
            ["site TEXT NOT NULL", "pid INTEGER NOT NULL", "idx INTEGER NOT NULL"]
            + [_CHILD_CHECKS.get(table, c) if c.startswith("kind ") else c
               for c in columns.split(", ")]
            + ["version INTEGER NOT NULL DEFAULT 1", "replaced_at TEXT"]
            + ["PRIMARY KEY (site, pid, version, idx)",
               "FOREIGN KEY (site, pid) REFERENCES posts(site, pid)"]
        )  # fmt: skip
        _rebuild(db, table, f"(\n    {body}\n)", {})
    db.executescript(_M014_AFTER)
    for table, column in _FTS_TRIGGERS.items():
        db.executescript(_fts_triggers(table, column))


def _rebuild(db: Database, table: str, body: str, renames: dict[str, str]) -> None:
    """The table anew with its rows and rowids; columns renamed, those it lacks dropped."""
    old = [row[1] for row in db.execute(f"PRAGMA table_info({table})").fetchall()]
    db.execute(f"CREATE TABLE {table}_rebuilt {body}")
    new = [row[1] for row in db.execute(f"PRAGMA table_info({table}_rebuilt)").fetchall()]
    source = {renames.get(column, column): column for column in old}
    kept = [column for column in new if column in source]
    db.execute(
        f"INSERT INTO {table}_rebuilt (rowid, {', '.join(kept)}) "
        f"SELECT rowid, {', '.join(source[c] for c in kept)} FROM {table}"
    )
    db.execute(f"DROP TABLE {table}")
    db.execute(f"ALTER TABLE {table}_rebuilt RENAME TO {table}")


def _fts_triggers(table: str, column: str) -> str:
    fts = f"{table}_fts"
    return f"""
CREATE TRIGGER {table}_ai AFTER INSERT ON {table} BEGIN
    INSERT INTO {fts} (rowid, {column}) VALUES (new.rowid, new.{column});
END;
CREATE TRIGGER {table}_ad AFTER DELETE ON {table} BEGIN
    INSERT INTO {fts} ({fts}, rowid, {column}) VALUES ('delete', old.rowid, old.{column});
END;
CREATE TRIGGER {table}_au AFTER UPDATE OF {column} ON {table} BEGIN
    INSERT INTO {fts} ({fts}, rowid, {column}) VALUES ('delete', old.rowid, old.{column});
    INSERT INTO {fts} (rowid, {column}) VALUES (new.rowid, new.{column});
END;
"""
