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
