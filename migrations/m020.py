"""Migration 20: a debate thread's debate (辩论帖), its earlier states and its replies' sides."""

from sqlite_utils import Database

_RENDERINGS = "'desktop', 'touch', 'api'"
_SIDES = "'affirm', 'negate'"
_COLUMNS = f"""affirm_point TEXT,
    negate_point TEXT,
    affirm_votes INTEGER,
    negate_votes INTEGER,
    affirm_debaters INTEGER,
    negate_debaters INTEGER,
    ends_text TEXT,
    ends_at TEXT,
    umpire TEXT,
    winner TEXT CHECK (winner IN ({_SIDES}, 'draw')),
    best_debater TEXT,
    umpire_point TEXT"""

_TABLES = (
    f"""CREATE TABLE debates (
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
    f"""CREATE TABLE debate_revisions (
    site TEXT NOT NULL,
    tid INTEGER NOT NULL,
    revision INTEGER NOT NULL,
    {_COLUMNS},
    rendering TEXT CHECK (rendering IN ({_RENDERINGS})),
    page_id INTEGER REFERENCES pages(id),
    last_seen_at TEXT,
    replaced_at TEXT NOT NULL,
    PRIMARY KEY (site, tid, revision),
    FOREIGN KEY (site, tid) REFERENCES debates(site, tid)
)""",
    f"""CREATE TABLE debate_stands (
    site TEXT NOT NULL,
    pid INTEGER NOT NULL,
    tid INTEGER NOT NULL,
    stand TEXT NOT NULL CHECK (stand IN ({_SIDES}, 'neutral')),
    supporters INTEGER,
    page_id INTEGER REFERENCES pages(id),
    first_seen_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    PRIMARY KEY (site, pid),
    FOREIGN KEY (site, tid) REFERENCES threads(site, tid)
)""",
)


def m020_create_debates(db: Database) -> None:
    """debates (one per thread), debate_revisions, debate_stands (one per reply)."""
    # debates: the sides, end, umpire and verdict as the first post's page drew them.
    # debate_stands: the side each reply took (正方 affirm, 反方 negate, 中立 neutral) and its
    # 支持 count, from any page of the thread (no foreign key to posts: saved in the same
    # transaction as the page's posts, but a reply may be shown only by another rendering).
    for statement in _TABLES:
        db.execute(statement)


STEPS = (m020_create_debates,)
