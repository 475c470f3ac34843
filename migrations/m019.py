"""Migration 19: an activity thread's activity (活动帖), its earlier states and its applicants."""

from sqlite_utils import Database

_RENDERINGS = "'desktop', 'touch', 'api'"
_GENDERS = "'male', 'female', 'any'"
_COLUMNS = f"""kind TEXT,
    starts_text TEXT,
    starts_at TEXT,
    ends_at TEXT,
    place TEXT,
    gender TEXT CHECK (gender IN ({_GENDERS})),
    cost INTEGER,
    applied INTEGER,
    remaining INTEGER,
    closes_text TEXT,
    closes_at TEXT,
    image_url TEXT,
    verified_count INTEGER,
    waiting_count INTEGER"""

_TABLES = (
    f"""CREATE TABLE activities (
    site TEXT NOT NULL,
    tid INTEGER NOT NULL,
    {_COLUMNS},
    rendering TEXT NOT NULL CHECK (rendering IN ({_RENDERINGS})),
    page_id INTEGER REFERENCES pages(id),
    first_seen_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    PRIMARY KEY (site, tid),
    FOREIGN KEY (site, tid) REFERENCES threads(site, tid)
)""",
    f"""CREATE TABLE activity_revisions (
    site TEXT NOT NULL,
    tid INTEGER NOT NULL,
    revision INTEGER NOT NULL,
    {_COLUMNS},
    rendering TEXT CHECK (rendering IN ({_RENDERINGS})),
    page_id INTEGER REFERENCES pages(id),
    last_seen_at TEXT,
    replaced_at TEXT NOT NULL,
    PRIMARY KEY (site, tid, revision),
    FOREIGN KEY (site, tid) REFERENCES activities(site, tid)
)""",
    """CREATE TABLE activity_applicants (
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
)""",
)


def m019_create_activities(db: Database) -> None:
    """activities (one per thread), activity_revisions, activity_applicants."""
    # activities: the box as the latest page drew it; a row the page leaves out (no cost, no
    # limit) is NULL. gender: 不限 is 'any'. applied: 已报名人数 (verified and waiting).
    # activity_applicants: every member either list ever showed, with the state last seen;
    # one no longer listed stays (withdrawn or past the list's length: the page cannot say).
    for statement in _TABLES:
        db.execute(statement)


STEPS = (m019_create_activities,)
