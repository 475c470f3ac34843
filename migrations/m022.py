"""Migration 22: when a post was first and last seen with a moderator's warning (受到警告)."""

from sqlite_utils import Database


def m022_add_post_warned(db: Database) -> None:
    """posts.warned_first_seen_at, warned_last_seen_at: 受到警告, as pinned and recommended are."""
    # A warning can be lifted: a post last seen warned before it was last seen at all no
    # longer showed the mark on its latest page.
    db.execute("ALTER TABLE posts ADD COLUMN warned_first_seen_at TEXT")
    db.execute("ALTER TABLE posts ADD COLUMN warned_last_seen_at TEXT")


STEPS = (m022_add_post_warned,)
