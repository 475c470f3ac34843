CREATE TABLE "_sqlite_migrations" (
   "id" INTEGER PRIMARY KEY,
   "migration_set" TEXT,
   "name" TEXT,
   "applied_at" TEXT
);
CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name"
    ON "_sqlite_migrations" ("migration_set", "name");
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
    archived_at TEXT, thread_type TEXT, thread_type_id INTEGER, sort_name TEXT, sort_id INTEGER, digest INTEGER, sticky_level INTEGER, price INTEGER, readperm INTEGER, moved_to INTEGER,
    PRIMARY KEY (site, tid)
);
CREATE INDEX board_threads_fid ON board_threads (site, fid);
CREATE TABLE "pages" (
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
, capture_file TEXT, capture_record_id TEXT, capture_offset INTEGER);
CREATE TABLE "threads" (
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
    unknown_fields TEXT NOT NULL DEFAULT '[]', thread_type TEXT, thread_type_id INTEGER, closed INTEGER CHECK (closed IN (0, 1)), digest INTEGER, sticky INTEGER, stamp TEXT, price INTEGER, readperm INTEGER,
    PRIMARY KEY (site, tid)
);
CREATE TABLE "posts" (
    site TEXT NOT NULL,
    pid INTEGER NOT NULL,
    tid INTEGER NOT NULL,
    page_number INTEGER,
    floor INTEGER,
    floor_label TEXT,
    position INTEGER,
    uid INTEGER,
    author TEXT,
    author_kind TEXT CHECK (author_kind IN ('member', 'guest', 'anonymous', 'deleted', 'unknown')),
    is_thread_author INTEGER NOT NULL DEFAULT 0 CHECK (is_thread_author IN (0, 1)),
    posted_at TEXT,
    posted_text TEXT,
    posted_precision TEXT CHECK (posted_precision IN ('second', 'minute', 'hour', 'day')),
    client_tag TEXT,
    client_suffix TEXT,
    body_html TEXT,
    body_text TEXT,
    edited_by TEXT,
    edited_at TEXT,
    state TEXT NOT NULL DEFAULT 'normal' CHECK (state IN ('normal', 'hidden', 'filtered', 'pending', 'locked', 'banned', 'blocked', 'author_only', 'password', 'paid', 'deleted', 'gone')),
    rendering TEXT NOT NULL DEFAULT 'desktop' CHECK (rendering IN ('desktop', 'touch', 'api')),
    unknown_fields TEXT NOT NULL DEFAULT '[]',
    pinned_first_seen_at TEXT,
    pinned_last_seen_at TEXT,
    recommended_first_seen_at TEXT,
    recommended_last_seen_at TEXT,
    page_id INTEGER REFERENCES pages(id),
    first_seen_at TEXT,
    last_seen_at TEXT,
    gone_at TEXT, warned_first_seen_at TEXT, warned_last_seen_at TEXT, code_blocks TEXT, reply_credit INTEGER, reply_credit_name TEXT, support INTEGER, against INTEGER, body_part TEXT, rush_floor INTEGER CHECK (rush_floor IN (0, 1)),
    PRIMARY KEY (site, pid),
    FOREIGN KEY (site, tid) REFERENCES threads(site, tid)
);
CREATE TABLE "user_snapshots" (
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
);
CREATE TABLE "post_revisions" (
    site TEXT NOT NULL,
    pid INTEGER NOT NULL,
    revision INTEGER NOT NULL,
    body_html TEXT,
    body_text TEXT,
    state TEXT CHECK (state IN ('normal', 'hidden', 'filtered', 'pending', 'locked', 'banned', 'blocked', 'author_only', 'password', 'paid', 'deleted', 'gone')),
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
);
CREATE TABLE "text_posts" (
    site TEXT NOT NULL,
    tid INTEGER NOT NULL,
    page_number INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    floor INTEGER,
    author TEXT,
    author_kind TEXT CHECK (author_kind IN ('member', 'guest', 'anonymous', 'deleted', 'unknown')),
    posted_at TEXT,
    posted_text TEXT,
    posted_precision TEXT CHECK (posted_precision IN ('second', 'minute', 'hour', 'day')),
    subject TEXT,
    body_text TEXT,
    client_suffix TEXT,
    state TEXT NOT NULL DEFAULT 'normal' CHECK (state IN ('normal', 'not_shown')),
    page_id INTEGER REFERENCES pages(id),
    first_seen_at TEXT,
    last_seen_at TEXT,
    PRIMARY KEY (site, tid, page_number, idx),
    FOREIGN KEY (site, tid) REFERENCES threads(site, tid)
);
CREATE TABLE "boards" (
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
);
CREATE TABLE "floor_changes" (
    site TEXT NOT NULL,
    pid INTEGER NOT NULL,
    changed_at TEXT NOT NULL,
    floor INTEGER,
    floor_label TEXT,
    PRIMARY KEY (site, pid, changed_at),
    FOREIGN KEY (site, pid) REFERENCES posts(site, pid)
);
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
    PRIMARY KEY (site, pid, version, idx),
    FOREIGN KEY (site, pid) REFERENCES posts(site, pid)
);
CREATE TABLE "attachments" (
    site TEXT NOT NULL,
    pid INTEGER NOT NULL,
    idx INTEGER NOT NULL,
    aid INTEGER,
    kind TEXT NOT NULL CHECK (kind IN ('image', 'file')),
    url TEXT,
    filename TEXT,
    size_text TEXT,
    inline INTEGER NOT NULL DEFAULT 1,
    version INTEGER NOT NULL DEFAULT 1,
    replaced_at TEXT,
    PRIMARY KEY (site, pid, version, idx),
    FOREIGN KEY (site, pid) REFERENCES posts(site, pid)
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
    PRIMARY KEY (site, pid, version, idx),
    FOREIGN KEY (site, pid) REFERENCES posts(site, pid)
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
    PRIMARY KEY (site, pid, version, idx),
    FOREIGN KEY (site, pid) REFERENCES posts(site, pid)
);
CREATE INDEX pages_thread ON pages (site, tid, page_number);
CREATE INDEX posts_thread ON posts (site, tid, floor);
CREATE INDEX posts_author ON posts (site, uid);
CREATE INDEX posts_position ON posts (site, tid, position);
CREATE INDEX posts_page ON posts (page_id);
CREATE INDEX text_posts_floor ON text_posts (site, tid, floor);
CREATE INDEX quotes_quoted ON quotes (site, quoted_pid);
CREATE VIRTUAL TABLE posts_fts USING FTS5 (body_text, tokenize='trigram', content="posts");
CREATE TABLE 'posts_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
CREATE TABLE 'posts_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
CREATE TABLE 'posts_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
CREATE TABLE 'posts_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
CREATE VIRTUAL TABLE threads_fts USING FTS5 (subject, tokenize='trigram', content="threads");
CREATE TABLE 'threads_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
CREATE TABLE 'threads_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
CREATE TABLE 'threads_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
CREATE TABLE 'threads_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
CREATE VIRTUAL TABLE text_posts_fts USING FTS5 (
    body_text, tokenize='trigram', content="text_posts"
);
CREATE TABLE 'text_posts_fts_data'(id INTEGER PRIMARY KEY, block BLOB);
CREATE TABLE 'text_posts_fts_idx'(segid, term, pgno, PRIMARY KEY(segid, term)) WITHOUT ROWID;
CREATE TABLE 'text_posts_fts_docsize'(id INTEGER PRIMARY KEY, sz BLOB);
CREATE TABLE 'text_posts_fts_config'(k PRIMARY KEY, v) WITHOUT ROWID;
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
CREATE TRIGGER posts_ai AFTER INSERT ON posts BEGIN
    INSERT INTO posts_fts (rowid, body_text) VALUES (new.rowid, new.body_text);
END;
CREATE TRIGGER posts_ad AFTER DELETE ON posts BEGIN
    INSERT INTO posts_fts (posts_fts, rowid, body_text) VALUES ('delete', old.rowid, old.body_text);
END;
CREATE TRIGGER posts_au AFTER UPDATE OF body_text ON posts BEGIN
    INSERT INTO posts_fts (posts_fts, rowid, body_text) VALUES ('delete', old.rowid, old.body_text);
    INSERT INTO posts_fts (rowid, body_text) VALUES (new.rowid, new.body_text);
END;
CREATE TRIGGER threads_ai AFTER INSERT ON threads BEGIN
    INSERT INTO threads_fts (rowid, subject) VALUES (new.rowid, new.subject);
END;
CREATE TRIGGER threads_ad AFTER DELETE ON threads BEGIN
    INSERT INTO threads_fts (threads_fts, rowid, subject) VALUES ('delete', old.rowid, old.subject);
END;
CREATE TRIGGER threads_au AFTER UPDATE OF subject ON threads BEGIN
    INSERT INTO threads_fts (threads_fts, rowid, subject) VALUES ('delete', old.rowid, old.subject);
    INSERT INTO threads_fts (rowid, subject) VALUES (new.rowid, new.subject);
END;
CREATE TRIGGER text_posts_ai AFTER INSERT ON text_posts BEGIN
    INSERT INTO text_posts_fts (rowid, body_text) VALUES (new.rowid, new.body_text);
END;
CREATE TRIGGER text_posts_ad AFTER DELETE ON text_posts BEGIN
    INSERT INTO text_posts_fts (text_posts_fts, rowid, body_text) VALUES ('delete', old.rowid, old.body_text);
END;
CREATE TRIGGER text_posts_au AFTER UPDATE OF body_text ON text_posts BEGIN
    INSERT INTO text_posts_fts (text_posts_fts, rowid, body_text) VALUES ('delete', old.rowid, old.body_text);
    INSERT INTO text_posts_fts (rowid, body_text) VALUES (new.rowid, new.body_text);
END;
CREATE TABLE media_blobs (
    sha256 TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    content_type TEXT NOT NULL,
    width INTEGER,
    height INTEGER,
    content BLOB
);
CREATE TABLE media (
    site TEXT NOT NULL,
    url TEXT NOT NULL,
    final_url TEXT,
    status TEXT NOT NULL CHECK (status IN ('saved', 'missing', 'login-required', 'too-large', 'not-allowed', 'failed')),
    http_status INTEGER,
    declared_type TEXT,
    sha256 TEXT REFERENCES media_blobs(sha256),
    fetched_at TEXT NOT NULL,
    origin TEXT NOT NULL DEFAULT 'http' CHECK (origin IN ('http', 'file', 'offer')),
    note TEXT,
    PRIMARY KEY (site, url),
    CHECK ((status = 'saved') = (sha256 IS NOT NULL))
);
CREATE INDEX media_sha256 ON media(sha256);
CREATE TABLE post_media (
    site TEXT NOT NULL,
    pid INTEGER NOT NULL,
    url TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('image', 'file', 'smiley', 'avatar')),
    PRIMARY KEY (site, pid, url),
    FOREIGN KEY (site, pid) REFERENCES posts(site, pid)
);
CREATE INDEX post_media_url ON post_media(site, url);
CREATE VIEW media_items AS
SELECT post_media.site, posts.tid, post_media.pid, post_media.role, post_media.url,
       media.status, media.http_status, media.final_url, media.fetched_at, media.note,
       media_blobs.sha256, media_blobs.content_type, media_blobs.size, media_blobs.width,
       media_blobs.height
FROM post_media
JOIN posts ON posts.site = post_media.site AND posts.pid = post_media.pid
LEFT JOIN media ON media.site = post_media.site AND media.url = post_media.url
LEFT JOIN media_blobs ON media_blobs.sha256 = media.sha256;
CREATE TABLE polls (
    site TEXT NOT NULL,
    tid INTEGER NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('single', 'multiple')),
    max_choices INTEGER,
    voters INTEGER,
    results_hidden INTEGER NOT NULL DEFAULT 0 CHECK (results_hidden IN (0, 1)),
    is_image INTEGER NOT NULL DEFAULT 0 CHECK (is_image IN (0, 1)),
    ended INTEGER CHECK (ended IN (0, 1)),
    expires_at TEXT,
    expires_precision TEXT CHECK (expires_precision IN ('second', 'minute')),
    expiry_text TEXT,
    rendering TEXT NOT NULL CHECK (rendering IN ('desktop', 'touch', 'api')),
    page_id INTEGER REFERENCES pages(id),
    first_seen_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    PRIMARY KEY (site, tid),
    FOREIGN KEY (site, tid) REFERENCES threads(site, tid)
);
CREATE TABLE poll_options (
    site TEXT NOT NULL,
    tid INTEGER NOT NULL,
    polloptionid INTEGER,
    number INTEGER NOT NULL,
    text TEXT NOT NULL,
    votes INTEGER,
    percent REAL,
    image_url TEXT,
    image_aid INTEGER,
    first_seen_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    gone_at TEXT,
    FOREIGN KEY (site, tid) REFERENCES polls(site, tid)
);
CREATE UNIQUE INDEX poll_options_id ON poll_options (site, tid, polloptionid);
CREATE UNIQUE INDEX poll_options_number ON poll_options (site, tid, number) WHERE polloptionid IS NULL;
CREATE TABLE poll_revisions (
    site TEXT NOT NULL,
    tid INTEGER NOT NULL,
    revision INTEGER NOT NULL,
    kind TEXT CHECK (kind IN ('single', 'multiple')),
    max_choices INTEGER,
    voters INTEGER,
    ended INTEGER CHECK (ended IN (0, 1)),
    expires_at TEXT,
    options TEXT NOT NULL,
    rendering TEXT CHECK (rendering IN ('desktop', 'touch', 'api')),
    page_id INTEGER REFERENCES pages(id),
    last_seen_at TEXT,
    replaced_at TEXT NOT NULL,
    PRIMARY KEY (site, tid, revision),
    FOREIGN KEY (site, tid) REFERENCES polls(site, tid)
);
CREATE TABLE rewards (
    site TEXT NOT NULL,
    tid INTEGER NOT NULL,
    amount INTEGER,
    credit TEXT,
    solved INTEGER CHECK (solved IN (0, 1)),
    best_pid INTEGER,
    best_author TEXT,
    best_uid INTEGER,
    best_text TEXT,
    rendering TEXT NOT NULL CHECK (rendering IN ('desktop', 'touch', 'api')),
    page_id INTEGER REFERENCES pages(id),
    first_seen_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    PRIMARY KEY (site, tid),
    FOREIGN KEY (site, tid) REFERENCES threads(site, tid)
);
CREATE TABLE reward_revisions (
    site TEXT NOT NULL,
    tid INTEGER NOT NULL,
    revision INTEGER NOT NULL,
    amount INTEGER,
    credit TEXT,
    solved INTEGER CHECK (solved IN (0, 1)),
    best_pid INTEGER,
    best_author TEXT,
    best_uid INTEGER,
    best_text TEXT,
    rendering TEXT CHECK (rendering IN ('desktop', 'touch', 'api')),
    page_id INTEGER REFERENCES pages(id),
    last_seen_at TEXT,
    replaced_at TEXT NOT NULL,
    PRIMARY KEY (site, tid, revision),
    FOREIGN KEY (site, tid) REFERENCES rewards(site, tid)
);
CREATE TABLE activities (
    site TEXT NOT NULL,
    tid INTEGER NOT NULL,
    kind TEXT,
    starts_text TEXT,
    starts_at TEXT,
    ends_at TEXT,
    place TEXT,
    gender TEXT CHECK (gender IN ('male', 'female', 'any')),
    cost INTEGER,
    applied INTEGER,
    remaining INTEGER,
    closes_text TEXT,
    closes_at TEXT,
    image_url TEXT,
    verified_count INTEGER,
    waiting_count INTEGER,
    rendering TEXT NOT NULL CHECK (rendering IN ('desktop', 'touch', 'api')),
    page_id INTEGER REFERENCES pages(id),
    first_seen_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    PRIMARY KEY (site, tid),
    FOREIGN KEY (site, tid) REFERENCES threads(site, tid)
);
CREATE TABLE activity_revisions (
    site TEXT NOT NULL,
    tid INTEGER NOT NULL,
    revision INTEGER NOT NULL,
    kind TEXT,
    starts_text TEXT,
    starts_at TEXT,
    ends_at TEXT,
    place TEXT,
    gender TEXT CHECK (gender IN ('male', 'female', 'any')),
    cost INTEGER,
    applied INTEGER,
    remaining INTEGER,
    closes_text TEXT,
    closes_at TEXT,
    image_url TEXT,
    verified_count INTEGER,
    waiting_count INTEGER,
    rendering TEXT CHECK (rendering IN ('desktop', 'touch', 'api')),
    page_id INTEGER REFERENCES pages(id),
    last_seen_at TEXT,
    replaced_at TEXT NOT NULL,
    PRIMARY KEY (site, tid, revision),
    FOREIGN KEY (site, tid) REFERENCES activities(site, tid)
);
CREATE TABLE activity_applicants (
    site TEXT NOT NULL,
    tid INTEGER NOT NULL,
    uid INTEGER NOT NULL,
    name TEXT,
    verified INTEGER NOT NULL CHECK (verified IN (0, 1)),
    message TEXT,
    payment TEXT,
    applied_text TEXT,
    applied_at TEXT,
    page_id INTEGER REFERENCES pages(id),
    first_seen_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    PRIMARY KEY (site, tid, uid),
    FOREIGN KEY (site, tid) REFERENCES activities(site, tid)
);
CREATE TABLE debates (
    site TEXT NOT NULL,
    tid INTEGER NOT NULL,
    affirm_point TEXT,
    negate_point TEXT,
    affirm_votes INTEGER,
    negate_votes INTEGER,
    affirm_debaters INTEGER,
    negate_debaters INTEGER,
    ends_text TEXT,
    ends_at TEXT,
    umpire TEXT,
    winner TEXT CHECK (winner IN ('affirm', 'negate', 'draw')),
    best_debater TEXT,
    umpire_point TEXT,
    rendering TEXT NOT NULL CHECK (rendering IN ('desktop', 'touch', 'api')),
    page_id INTEGER REFERENCES pages(id),
    first_seen_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    PRIMARY KEY (site, tid),
    FOREIGN KEY (site, tid) REFERENCES threads(site, tid)
);
CREATE TABLE debate_revisions (
    site TEXT NOT NULL,
    tid INTEGER NOT NULL,
    revision INTEGER NOT NULL,
    affirm_point TEXT,
    negate_point TEXT,
    affirm_votes INTEGER,
    negate_votes INTEGER,
    affirm_debaters INTEGER,
    negate_debaters INTEGER,
    ends_text TEXT,
    ends_at TEXT,
    umpire TEXT,
    winner TEXT CHECK (winner IN ('affirm', 'negate', 'draw')),
    best_debater TEXT,
    umpire_point TEXT,
    rendering TEXT CHECK (rendering IN ('desktop', 'touch', 'api')),
    page_id INTEGER REFERENCES pages(id),
    last_seen_at TEXT,
    replaced_at TEXT NOT NULL,
    PRIMARY KEY (site, tid, revision),
    FOREIGN KEY (site, tid) REFERENCES debates(site, tid)
);
CREATE TABLE debate_stands (
    site TEXT NOT NULL,
    pid INTEGER NOT NULL,
    tid INTEGER NOT NULL,
    stand TEXT NOT NULL CHECK (stand IN ('affirm', 'negate', 'neutral')),
    supporters INTEGER,
    page_id INTEGER REFERENCES pages(id),
    first_seen_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    PRIMARY KEY (site, pid),
    FOREIGN KEY (site, tid) REFERENCES threads(site, tid)
);
CREATE TABLE trade_goods (
    site TEXT NOT NULL,
    pid INTEGER NOT NULL,
    tid INTEGER NOT NULL,
    name TEXT,
    quality TEXT CHECK (quality IN ('new', 'used')),
    price TEXT,
    cost_price TEXT,
    credit INTEGER,
    remaining_text TEXT,
    closed INTEGER CHECK (closed IN (0, 1)),
    amount INTEGER,
    locus TEXT,
    seller TEXT,
    seller_uid INTEGER,
    image_url TEXT,
    rendering TEXT NOT NULL CHECK (rendering IN ('desktop', 'touch', 'api')),
    page_id INTEGER REFERENCES pages(id),
    first_seen_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    PRIMARY KEY (site, pid),
    FOREIGN KEY (site, tid) REFERENCES threads(site, tid)
);
CREATE TABLE trade_goods_revisions (
    site TEXT NOT NULL,
    pid INTEGER NOT NULL,
    revision INTEGER NOT NULL,
    name TEXT,
    quality TEXT CHECK (quality IN ('new', 'used')),
    price TEXT,
    cost_price TEXT,
    credit INTEGER,
    remaining_text TEXT,
    closed INTEGER CHECK (closed IN (0, 1)),
    amount INTEGER,
    locus TEXT,
    seller TEXT,
    seller_uid INTEGER,
    image_url TEXT,
    rendering TEXT CHECK (rendering IN ('desktop', 'touch', 'api')),
    page_id INTEGER REFERENCES pages(id),
    last_seen_at TEXT,
    replaced_at TEXT NOT NULL,
    PRIMARY KEY (site, pid, revision),
    FOREIGN KEY (site, pid) REFERENCES trade_goods(site, pid)
);
CREATE TABLE thread_sorts (
    site TEXT NOT NULL,
    tid INTEGER NOT NULL,
    sort_id INTEGER,
    name TEXT,
    options TEXT NOT NULL DEFAULT '{}',
    expired INTEGER NOT NULL DEFAULT 0 CHECK (expired IN (0, 1)),
    rendering TEXT NOT NULL CHECK (rendering IN ('desktop', 'touch', 'api')),
    page_id INTEGER REFERENCES pages(id),
    first_seen_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    PRIMARY KEY (site, tid),
    FOREIGN KEY (site, tid) REFERENCES threads(site, tid)
);
CREATE TABLE thread_sort_revisions (
    site TEXT NOT NULL,
    tid INTEGER NOT NULL,
    revision INTEGER NOT NULL,
    sort_id INTEGER,
    name TEXT,
    options TEXT NOT NULL DEFAULT '{}',
    expired INTEGER NOT NULL DEFAULT 0 CHECK (expired IN (0, 1)),
    rendering TEXT CHECK (rendering IN ('desktop', 'touch', 'api')),
    page_id INTEGER REFERENCES pages(id),
    last_seen_at TEXT,
    replaced_at TEXT NOT NULL,
    PRIMARY KEY (site, tid, revision),
    FOREIGN KEY (site, tid) REFERENCES thread_sorts(site, tid)
);
CREATE TABLE thread_moderations (
    id INTEGER PRIMARY KEY,
    site TEXT NOT NULL,
    tid INTEGER NOT NULL,
    moderator TEXT,
    action TEXT,
    moderated_at TEXT,
    moderated_precision TEXT,
    text TEXT NOT NULL,
    page_id INTEGER REFERENCES pages(id),
    first_seen_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    FOREIGN KEY (site, tid) REFERENCES threads(site, tid)
);
CREATE INDEX thread_moderations_thread ON thread_moderations (site, tid);
CREATE TABLE reply_rewards (
    site TEXT NOT NULL,
    tid INTEGER NOT NULL,
    pool INTEGER,
    credit TEXT,
    per_reply INTEGER,
    per_member INTEGER,
    chance INTEGER,
    rendering TEXT NOT NULL CHECK (rendering IN ('desktop', 'api')),
    page_id INTEGER REFERENCES pages(id),
    first_seen_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    PRIMARY KEY (site, tid),
    FOREIGN KEY (site, tid) REFERENCES threads(site, tid)
);
CREATE TABLE reply_reward_revisions (
    site TEXT NOT NULL,
    tid INTEGER NOT NULL,
    revision INTEGER NOT NULL,
    pool INTEGER,
    credit TEXT,
    per_reply INTEGER,
    per_member INTEGER,
    chance INTEGER,
    rendering TEXT CHECK (rendering IN ('desktop', 'api')),
    page_id INTEGER REFERENCES pages(id),
    last_seen_at TEXT,
    replaced_at TEXT NOT NULL,
    PRIMARY KEY (site, tid, revision),
    FOREIGN KEY (site, tid) REFERENCES reply_rewards(site, tid)
);
CREATE TABLE thread_rush (
    site TEXT NOT NULL,
    tid INTEGER NOT NULL,
    stop_floor INTEGER,
    reward_floors TEXT,
    credit_limit INTEGER,
    credit TEXT,
    reply_limit INTEGER,
    starts_at TEXT,
    ends_at TEXT,
    rendering TEXT NOT NULL CHECK (rendering IN ('desktop', 'api')),
    page_id INTEGER REFERENCES pages(id),
    first_seen_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    PRIMARY KEY (site, tid),
    FOREIGN KEY (site, tid) REFERENCES threads(site, tid)
);
CREATE TABLE thread_rush_revisions (
    site TEXT NOT NULL,
    tid INTEGER NOT NULL,
    revision INTEGER NOT NULL,
    stop_floor INTEGER,
    reward_floors TEXT,
    credit_limit INTEGER,
    credit TEXT,
    reply_limit INTEGER,
    starts_at TEXT,
    ends_at TEXT,
    rendering TEXT CHECK (rendering IN ('desktop', 'api')),
    page_id INTEGER REFERENCES pages(id),
    last_seen_at TEXT,
    replaced_at TEXT NOT NULL,
    PRIMARY KEY (site, tid, revision),
    FOREIGN KEY (site, tid) REFERENCES thread_rush(site, tid)
);
