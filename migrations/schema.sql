CREATE TABLE "_sqlite_migrations" (
   "id" INTEGER PRIMARY KEY,
   "migration_set" TEXT,
   "name" TEXT,
   "applied_at" TEXT
);
CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name"
    ON "_sqlite_migrations" ("migration_set", "name");
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
, rendering TEXT NOT NULL DEFAULT 'desktop', redactions TEXT);
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
    last_seen_at TEXT, client_suffix TEXT, is_hot INTEGER NOT NULL DEFAULT 0, source TEXT NOT NULL DEFAULT 'desktop', gone_at TEXT, position INTEGER,
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
    page_id INTEGER REFERENCES pages(id), client_suffix TEXT,
    PRIMARY KEY (site, pid, revision)
);
CREATE VIRTUAL TABLE posts_fts USING fts5(
    body_text, content='posts', content_rowid='rowid', tokenize='trigram'
);
CREATE TABLE 'posts_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
CREATE TABLE 'posts_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
CREATE TABLE 'posts_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
CREATE TABLE 'posts_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
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
CREATE VIRTUAL TABLE threads_fts USING fts5(
    subject, content='threads', content_rowid='rowid', tokenize='trigram'
);
CREATE TABLE 'threads_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
CREATE TABLE 'threads_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
CREATE TABLE 'threads_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
CREATE TABLE 'threads_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
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
CREATE TABLE "quotes" (
    site TEXT NOT NULL,
    pid INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    quoted_pid INTEGER,
    quoted_author TEXT,
    quoted_time_text TEXT,
    quoted_at TEXT,
    text TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    replaced_at TEXT,
    PRIMARY KEY (site, pid, version, idx)
);
CREATE TABLE "attachments" (
    site TEXT NOT NULL,
    pid INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    aid INTEGER,
    kind TEXT NOT NULL,
    url TEXT,
    filename TEXT,
    size_text TEXT,
    inline INTEGER NOT NULL DEFAULT 1,
    version INTEGER NOT NULL DEFAULT 1,
    replaced_at TEXT,
    PRIMARY KEY (site, pid, version, idx)
);
CREATE TABLE "ratings" (
    site TEXT NOT NULL,
    pid INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    rater TEXT,
    rater_uid INTEGER,
    credit TEXT NOT NULL,
    score INTEGER NOT NULL,
    reason TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    replaced_at TEXT,
    PRIMARY KEY (site, pid, version, idx)
);
CREATE TABLE "comments" (
    site TEXT NOT NULL,
    pid INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    author TEXT,
    uid INTEGER,
    text TEXT,
    posted_text TEXT,
    posted_at TEXT,
    version INTEGER NOT NULL DEFAULT 1,
    replaced_at TEXT,
    PRIMARY KEY (site, pid, version, idx)
);
CREATE INDEX quotes_quoted ON quotes (site, quoted_pid);
CREATE INDEX posts_position ON posts (site, tid, position);
CREATE TABLE floor_changes (
    site TEXT NOT NULL,
    pid INTEGER NOT NULL,
    changed_at TEXT NOT NULL,
    floor INTEGER,
    floor_label TEXT,
    PRIMARY KEY (site, pid, changed_at)
);
