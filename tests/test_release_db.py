"""An archive written by release 0.1.0 comes out of today's migrations with every row kept.

fixtures/databases/release-0.1.0.db was written by the 0.1.0 command line (commit 6c233c5)
from seed-thread.html, features/thread-p1..p3.html, touch/feature-thread-p1.html and
archiver/seed-thread.html, in that order (the touch page made 5 false revisions then).
"""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from archiver.store import open_db

RELEASE = Path(__file__).resolve().parent.parent / "fixtures" / "databases" / "release-0.1.0.db"
TABLES = (
    "pages", "threads", "posts", "users", "user_snapshots", "post_revisions", "quotes",
    "attachments", "ratings", "comments", "text_posts", "floor_changes", "boards",
    "board_threads",
)  # fmt: skip
RENAMED: dict[str, str] = {}  # table in 0.1.0 -> its name today


def counts(path: Path, tables: tuple[str, ...]) -> dict[str, int]:
    with sqlite3.connect(path) as conn:
        return {t: conn.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}


@pytest.fixture
def migrated(tmp_path: Path) -> Path:
    path = tmp_path / "release.db"
    shutil.copyfile(RELEASE, path)
    open_db(path).close()
    return path


def test_the_release_archive_is_as_written():
    assert counts(RELEASE, TABLES) == {
        "pages": 6, "threads": 2, "posts": 19, "users": 12, "user_snapshots": 14,
        "post_revisions": 5, "quotes": 2, "attachments": 10, "ratings": 3, "comments": 2,
        "text_posts": 4, "floor_changes": 0, "boards": 0, "board_threads": 0,
    }  # fmt: skip


def test_migrating_the_release_archive_keeps_every_row(migrated: Path):
    renamed = tuple(RENAMED.get(t, t) for t in TABLES)
    after = counts(migrated, renamed)
    before = counts(RELEASE, TABLES)
    assert {t: after[RENAMED.get(t, t)] for t in TABLES} == before


def test_migrating_twice_changes_nothing(migrated: Path):
    with sqlite3.connect(migrated) as conn:
        dump = list(conn.iterdump())
    open_db(migrated).close()
    with sqlite3.connect(migrated) as conn:
        assert list(conn.iterdump()) == dump


def test_the_new_columns_are_filled_from_what_the_release_kept(migrated: Path):
    with sqlite3.connect(migrated) as conn:
        threads = conn.execute(
            "SELECT tid, page_count, unknown_fields FROM threads ORDER BY tid"
        ).fetchall()
        assert threads == [(777, 3, "[]"), (3068512, 1, "[]")]
        # the touch page made the desktop-read posts of page 1 "touch"; their ratings are known
        # because a stored desktop page shows them
        posts = conn.execute(
            "SELECT rendering, unknown_fields, count(*) FROM posts GROUP BY 1, 2 ORDER BY 1"
        ).fetchall()
        assert posts == [("desktop", "[]", 13), ("touch", "[]", 6)]
        # 0.1.0 had reset is_sticky / is_hot; the stored page 1 still shows the copies
        fetched = conn.execute("SELECT archived_at FROM pages WHERE tid = 777 AND page_number = 1")
        (when,) = fetched.fetchone()
        marks = conn.execute(
            "SELECT pid, pinned_first_seen_at, recommended_first_seen_at FROM posts "
            "WHERE pinned_first_seen_at IS NOT NULL OR recommended_first_seen_at IS NOT NULL"
        ).fetchall()
        assert sorted(marks) == [(2341765, None, when), (2342033, when, None)]
        revisions = conn.execute("SELECT rendering, count(*) FROM post_revisions GROUP BY 1")
        assert revisions.fetchall() == [("desktop", 5)]
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
