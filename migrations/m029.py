"""Migration 29: the part of a [page]-split first post a desktop page showed."""

from sqlite_utils import Database


def m029_add_post_body_part(db: Database) -> None:
    """posts.body_part ("1/3"; NULL: the whole post): a part never replaces the whole."""
    db.execute("ALTER TABLE posts ADD COLUMN body_part TEXT")


STEPS = (m029_add_post_body_part,)
