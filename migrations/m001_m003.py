"""Migrations 1 to 3: the first tables, full-text indexes and client suffixes."""

from sqlite_utils import Database

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


def m001_create_archive_tables(db: Database) -> None:
    """Pages (raw bytes), threads, posts, users and their snapshots, post revisions and children."""
    db.executescript(_M001)


def m002_create_fulltext_indexes(db: Database) -> None:
    """Trigram full-text indexes on posts and threads, kept by triggers."""
    db.executescript(_M002)


def m003_add_client_suffix_and_hot_copies(db: Database) -> None:
    """Client suffixes (来自…) and the hot/sticky copies of replies shown on page 1."""
    db.executescript(_M003)


STEPS = (
    m001_create_archive_tables,
    m002_create_fulltext_indexes,
    m003_add_client_suffix_and_hot_copies,
)
