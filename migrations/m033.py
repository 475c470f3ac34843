"""Migration 33: a 抢楼 thread's terms, their earlier states, and each floor's 抢中本楼 mark."""

from sqlite_utils import Database

_RENDERINGS = "'desktop', 'api'"
_COLUMNS = """stop_floor INTEGER,
    reward_floors TEXT,
    credit_limit INTEGER,
    credit TEXT,
    reply_limit INTEGER,
    starts_at TEXT,
    ends_at TEXT"""


def m033_add_thread_rush(db: Database) -> None:
    """thread_rush (截止楼层, 奖励楼层, the credit limit, 每人回帖次数, 抢楼时间) and its
    revisions; posts.rush_floor (1: 抢中本楼, 0: a rush thread's other floors, NULL: unknown)."""
    db.execute(
        f"""CREATE TABLE thread_rush (
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
        f"""CREATE TABLE thread_rush_revisions (
    site TEXT NOT NULL,
    tid INTEGER NOT NULL,
    revision INTEGER NOT NULL,
    {_COLUMNS},
    rendering TEXT CHECK (rendering IN ({_RENDERINGS})),
    page_id INTEGER REFERENCES pages(id),
    last_seen_at TEXT,
    replaced_at TEXT NOT NULL,
    PRIMARY KEY (site, tid, revision),
    FOREIGN KEY (site, tid) REFERENCES thread_rush(site, tid)
)"""
    )
    db.execute("ALTER TABLE posts ADD COLUMN rush_floor INTEGER CHECK (rush_floor IN (0, 1))")


STEPS = (m033_add_thread_rush,)
