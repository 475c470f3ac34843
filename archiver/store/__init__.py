"""The database: open (migrations applied), save one page in one transaction, and the queries
the composer needs. Tables are only ever created by migrations/.
"""

from archiver.store.db import open_db, sha256, writing
from archiver.store.media import media_targets
from archiver.store.queries import (
    archived_pages,
    authors_without_panel,
    board_thread_changed,
    finish_board_walk,
    mark_board_thread_archived,
    mark_gone,
    posts_not_read_from,
    refresh_targets,
)
from archiver.store.readonly import open_db_readonly
from archiver.store.save import save_board_page, save_page

__all__ = [
    "archived_pages",
    "authors_without_panel",
    "board_thread_changed",
    "finish_board_walk",
    "mark_board_thread_archived",
    "mark_gone",
    "media_targets",
    "open_db",
    "open_db_readonly",
    "posts_not_read_from",
    "refresh_targets",
    "save_board_page",
    "save_page",
    "sha256",
    "writing",
]
