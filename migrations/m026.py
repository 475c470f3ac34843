"""Migration 26: a thread's own state: 关闭, 精华, 置顶, 图章, 付费主题 and 阅读权限."""

from sqlite_utils import Database


def m026_add_thread_state(db: Database) -> None:
    """threads.closed (0/1), digest and sticky (levels), stamp, price, readperm: NULL unknown."""
    db.execute("ALTER TABLE threads ADD COLUMN closed INTEGER CHECK (closed IN (0, 1))")
    db.execute("ALTER TABLE threads ADD COLUMN digest INTEGER")
    db.execute("ALTER TABLE threads ADD COLUMN sticky INTEGER")
    db.execute("ALTER TABLE threads ADD COLUMN stamp TEXT")
    db.execute("ALTER TABLE threads ADD COLUMN price INTEGER")
    db.execute("ALTER TABLE threads ADD COLUMN readperm INTEGER")


STEPS = (m026_add_thread_state,)
