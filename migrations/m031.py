"""Migration 31: what a board's list shows beside a thread's subject."""

from sqlite_utils import Database

_COLUMNS = (
    ("thread_type", "TEXT"), ("thread_type_id", "INTEGER"), ("sort_name", "TEXT"),
    ("sort_id", "INTEGER"), ("digest", "INTEGER"), ("sticky_level", "INTEGER"),
    ("price", "INTEGER"), ("readperm", "INTEGER"), ("moved_to", "INTEGER"),
)  # fmt: skip


def m031_add_board_thread_marks(db: Database) -> None:
    """board_threads: type, sort, 精华, 置顶 level, 售价, 阅读权限, 移动 (NULL: none shown)."""
    for name, kind in _COLUMNS:
        db.execute(f"ALTER TABLE board_threads ADD COLUMN {name} {kind}")


STEPS = (m031_add_board_thread_marks,)
