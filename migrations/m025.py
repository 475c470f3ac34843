"""Migration 25: a thread's 主题分类 (type) and 分类信息 (sort), with the sort's earlier states."""

from sqlite_utils import Database

_RENDERINGS = "'desktop', 'touch', 'api'"
_COLUMNS = """sort_id INTEGER,
    name TEXT,
    options TEXT NOT NULL DEFAULT '{}',
    expired INTEGER NOT NULL DEFAULT 0 CHECK (expired IN (0, 1))"""


def m025_add_thread_types_and_sorts(db: Database) -> None:
    """threads.thread_type, thread_type_id; thread_sorts and thread_sort_revisions."""
    db.execute("ALTER TABLE threads ADD COLUMN thread_type TEXT")
    db.execute("ALTER TABLE threads ADD COLUMN thread_type_id INTEGER")
    db.execute(
        f"""CREATE TABLE thread_sorts (
    site TEXT NOT NULL,
    tid INTEGER NOT NULL,
    {_COLUMNS},
    rendering TEXT NOT NULL CHECK (rendering IN ({_RENDERINGS})),
    page_id INTEGER REFERENCES pages(id),
    first_seen_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    PRIMARY KEY (site, tid),
    FOREIGN KEY (site, tid) REFERENCES threads(site, tid)
)"""
    )
    db.execute(
        f"""CREATE TABLE thread_sort_revisions (
    site TEXT NOT NULL,
    tid INTEGER NOT NULL,
    revision INTEGER NOT NULL,
    {_COLUMNS},
    rendering TEXT CHECK (rendering IN ({_RENDERINGS})),
    page_id INTEGER REFERENCES pages(id),
    last_seen_at TEXT,
    replaced_at TEXT NOT NULL,
    PRIMARY KEY (site, tid, revision),
    FOREIGN KEY (site, tid) REFERENCES thread_sorts(site, tid)
)"""
    )


STEPS = (m025_add_thread_types_and_sorts,)
