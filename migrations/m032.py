"""Migration 32: a thread's own 回帖奖励 terms, and their earlier states."""

from sqlite_utils import Database

_RENDERINGS = "'desktop', 'api'"
_COLUMNS = """pool INTEGER,
    credit TEXT,
    per_reply INTEGER,
    per_member INTEGER,
    chance INTEGER"""


def m032_add_reply_rewards(db: Database) -> None:
    """reply_rewards (the pool left, the credit, per reply, per member, 中奖概率) and revisions."""
    db.execute(
        f"""CREATE TABLE reply_rewards (
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
        f"""CREATE TABLE reply_reward_revisions (
    site TEXT NOT NULL,
    tid INTEGER NOT NULL,
    revision INTEGER NOT NULL,
    {_COLUMNS},
    rendering TEXT CHECK (rendering IN ({_RENDERINGS})),
    page_id INTEGER REFERENCES pages(id),
    last_seen_at TEXT,
    replaced_at TEXT NOT NULL,
    PRIMARY KEY (site, tid, revision),
    FOREIGN KEY (site, tid) REFERENCES reply_rewards(site, tid)
)"""
    )


STEPS = (m032_add_reply_rewards,)
