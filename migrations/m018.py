"""Migration 18: a reward thread's reward (悬赏帖) and its earlier states."""

from sqlite_utils import Database

_RENDERINGS = "'desktop', 'touch', 'api'"

_TABLES = (
    f"""CREATE TABLE rewards (
    site TEXT NOT NULL,
    tid INTEGER NOT NULL,
    amount INTEGER,
    credit TEXT,
    solved INTEGER CHECK (solved IN (0, 1)),
    best_pid INTEGER,
    best_author TEXT,
    best_uid INTEGER,
    best_text TEXT,
    rendering TEXT NOT NULL CHECK (rendering IN ({_RENDERINGS})),
    page_id INTEGER REFERENCES pages(id),
    first_seen_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    PRIMARY KEY (site, tid),
    FOREIGN KEY (site, tid) REFERENCES threads(site, tid)
)""",
    f"""CREATE TABLE reward_revisions (
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
    rendering TEXT CHECK (rendering IN ({_RENDERINGS})),
    page_id INTEGER REFERENCES pages(id),
    last_seen_at TEXT,
    replaced_at TEXT NOT NULL,
    PRIMARY KEY (site, tid, revision),
    FOREIGN KEY (site, tid) REFERENCES rewards(site, tid)
)""",
)


def m018_create_rewards(db: Database) -> None:
    """rewards (one per thread), reward_revisions (earlier amounts, states, best answers)."""
    # rewards.best_pid: the reply chosen as 最佳答案 (no foreign key: that reply's page may not
    # be archived); best_author / best_uid as the best-answer box names them, which is the
    # stored author even of an anonymous reply; best_text: the box's quote (messagecutstr).
    # reward_revisions: the row as it was when a later page showed another amount, state or
    # best answer.
    for statement in _TABLES:
        db.execute(statement)


STEPS = (m018_create_rewards,)
