"""Migration 24: 回帖奖励, the credits a reply earned from its thread's reply reward."""

from sqlite_utils import Database


def m024_add_post_reply_credit(db: Database) -> None:
    """posts.reply_credit (NULL: none shown) and reply_credit_name (金钱; the API omits it)."""
    db.execute("ALTER TABLE posts ADD COLUMN reply_credit INTEGER")
    db.execute("ALTER TABLE posts ADD COLUMN reply_credit_name TEXT")


STEPS = (m024_add_post_reply_credit,)
