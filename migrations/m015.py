"""Migration 15: the pictures and files posts show, kept by content (issue 13)."""

from sqlite_utils import Database

_STATUSES = "'saved', 'missing', 'login-required', 'too-large', 'not-allowed', 'failed'"
_ROLES = "'image', 'file', 'smiley', 'avatar'"


def m015_create_media(db: Database) -> None:
    """media_blobs (one row per distinct file), media (one per URL of a site), post_media."""
    # media_blobs.content is NULL when the bytes live in a --media-dir folder, named by hash.
    # media.sha256 is set exactly when the status is saved; content_type is sniffed from the
    # bytes, never taken from the header, which is kept as declared_type for reference.
    db.executescript(f"""
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
    status TEXT NOT NULL CHECK (status IN ({_STATUSES})),
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
    role TEXT NOT NULL CHECK (role IN ({_ROLES})),
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
""")


STEPS = (m015_create_media,)
