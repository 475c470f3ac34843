"""Migration 14: one name, one meaning, with CHECK constraints and foreign keys."""

from sqlite_utils import Database

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
# the child tables' columns as m011 made them (frozen with it, not imported)
_CHILD_COLUMNS = {
    "quotes": "quoted_pid INTEGER, quoted_author TEXT, quoted_time_text TEXT, quoted_at TEXT, "
    "text TEXT",
    "attachments": "aid INTEGER, kind TEXT NOT NULL, url TEXT, filename TEXT, size_text TEXT, "
    "inline INTEGER NOT NULL DEFAULT 1",
    "ratings": "rater TEXT, rater_uid INTEGER, credit TEXT NOT NULL, score INTEGER NOT NULL, "
    "reason TEXT",
    "comments": "author TEXT, uid INTEGER, text TEXT, posted_text TEXT, posted_at TEXT",
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


STEPS = (m014_one_name_one_meaning_with_constraints,)
