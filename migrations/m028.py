"""Migration 28: the moderations a thread's pages noted (本主题由 … 于 … 关闭), each kept."""

from sqlite_utils import Database


def m028_add_thread_moderations(db: Database) -> None:
    """thread_moderations: each last-moderation note a desktop page showed, first and last seen."""
    db.execute(
        """CREATE TABLE thread_moderations (
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
)"""
    )
    db.execute("CREATE INDEX thread_moderations_thread ON thread_moderations (site, tid)")


STEPS = (m028_add_thread_moderations,)
