"""Migration 17: a poll thread's poll (投票帖), its options and its earlier counts."""

from sqlite_utils import Database

_RENDERINGS = "'desktop', 'touch', 'api'"

_TABLES = (
    f"""CREATE TABLE polls (
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
    rendering TEXT NOT NULL CHECK (rendering IN ({_RENDERINGS})),
    page_id INTEGER REFERENCES pages(id),
    first_seen_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    PRIMARY KEY (site, tid),
    FOREIGN KEY (site, tid) REFERENCES threads(site, tid)
)""",
    """CREATE TABLE poll_options (
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
)""",
    "CREATE UNIQUE INDEX poll_options_id ON poll_options (site, tid, polloptionid)",
    "CREATE UNIQUE INDEX poll_options_number ON poll_options (site, tid, number) "
    "WHERE polloptionid IS NULL",
    f"""CREATE TABLE poll_revisions (
    site TEXT NOT NULL,
    tid INTEGER NOT NULL,
    revision INTEGER NOT NULL,
    kind TEXT CHECK (kind IN ('single', 'multiple')),
    max_choices INTEGER,
    voters INTEGER,
    ended INTEGER CHECK (ended IN (0, 1)),
    expires_at TEXT,
    options TEXT NOT NULL,
    rendering TEXT CHECK (rendering IN ({_RENDERINGS})),
    page_id INTEGER REFERENCES pages(id),
    last_seen_at TEXT,
    replaced_at TEXT NOT NULL,
    PRIMARY KEY (site, tid, revision),
    FOREIGN KEY (site, tid) REFERENCES polls(site, tid)
)""",
)


def m017_create_polls(db: Database) -> None:
    """polls (one per thread), poll_options, poll_revisions (earlier counts, never lost)."""
    # poll_options: one row per option, known by its polloptionid, or by its number while no
    # page has shown the id (a viewer who may not vote sees none); votes and percent are NULL
    # while only pages that hid the results (投票后结果可见) have shown the option.
    # poll_revisions.options: JSON list of the options as they were (number, polloptionid,
    # text, votes, percent) when a later page showed other counts, limits or options.
    for statement in _TABLES:
        db.execute(statement)


STEPS = (m017_create_polls,)
