"""Migration 27: a reply's 支持 / 反对 votes, as the page under it counts them."""

from sqlite_utils import Database


def m027_add_post_reviews(db: Database) -> None:
    """posts.support and against (NULL: not shown, as on the first post or the API)."""
    db.execute("ALTER TABLE posts ADD COLUMN support INTEGER")
    db.execute("ALTER TABLE posts ADD COLUMN against INTEGER")


STEPS = (m027_add_post_reviews,)
