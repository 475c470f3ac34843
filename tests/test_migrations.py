import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database

from archiver.store import open_db
from archiver.store.schema import migrations

SCHEMA = Path(__file__).resolve().parent.parent / "migrations" / "schema.sql"
RELEASE_DB = Path(__file__).resolve().parent.parent / "fixtures" / "databases" / "release-0.1.0.db"


def schema_of(db: Database) -> str:
    return db.schema.strip() + "\n"


def test_schema_matches_the_golden_copy(tmp_path, update_golden):
    db = open_db(tmp_path / "a.db")
    if update_golden:
        SCHEMA.write_text(schema_of(db), encoding="utf-8")
    assert schema_of(db) == SCHEMA.read_text(encoding="utf-8")


def test_applying_twice_changes_nothing(tmp_path):
    path = tmp_path / "a.db"
    first = open_db(path)
    applied = [(m.name, m.applied_at) for m in migrations.applied(first)]
    first.close()
    second = open_db(path)
    assert [(m.name, m.applied_at) for m in migrations.applied(second)] == applied
    assert [m.name for m in migrations.pending(second)] == []
    assert [name for name, _ in applied] == [
        "m001_create_archive_tables",
        "m002_create_fulltext_indexes",
        "m003_add_client_suffix_and_hot_copies",
        "m004_add_post_source_and_reading_views",
        "m005_create_boards",
        "m006_add_page_rendering",
        "m007_add_post_gone_at",
        "m008_create_text_posts",
        "m009_tune_posts_fts_automerge",
        "m010_redact_login_material",
        "m011_version_post_children",
        "m012_add_post_position_and_floor_changes",
        "m013_add_pinned_recommended_unknown_fields",
        "m014_one_name_one_meaning_with_constraints",
        "m015_create_media",
        "m016_add_page_provenance",
        "m017_create_polls",
        "m018_create_rewards",
        "m019_create_activities",
        "m020_create_debates",
        "m021_create_trade_goods",
        "m022_add_post_warned",
        "m023_add_post_code_blocks",
        "m024_add_post_reply_credit",
        "m025_add_thread_types_and_sorts",
        "m026_add_thread_state",
        "m027_add_post_reviews",
        "m028_add_thread_moderations",
        "m029_add_post_body_part",
        "m030_drop_random_image_ids",
        "m031_add_board_thread_marks",
        "m032_add_reply_rewards",
        "m033_add_thread_rush",
    ]


def test_posts_fts_merges_sixteen_segments_at_a_time(tmp_path):
    db = open_db(tmp_path / "a.db")
    row = db.execute("SELECT v FROM posts_fts_config WHERE k = 'automerge'").fetchone()
    assert row == (16,)


def test_database_uses_wal(tmp_path):
    db = open_db(tmp_path / "a.db")
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def _dump(db: Database) -> list[str]:
    return list(db.conn.iterdump())


def _fail_after(db: Database, calls: int) -> None:
    """Deny the `calls`-th thing SQLite checks from now on: the statement doing it fails."""
    count = 0

    def authorizer(*_: object) -> int:
        nonlocal count
        count += 1
        return sqlite3.SQLITE_DENY if count == calls else sqlite3.SQLITE_OK

    db.conn.set_authorizer(authorizer)


@pytest.mark.parametrize("name", [m.name for m in migrations.pending(Database(memory=True))])
def test_a_migration_that_fails_part_way_leaves_the_schema_it_found(tmp_path, name):
    """Each migration is one transaction: failing at any statement leaves nothing of it."""
    path = tmp_path / "a.db"
    if name not in {m.name for m in migrations.pending(Database(RELEASE_DB))}:
        db = Database(path)  # migrations older than the release archive start from empty
    else:
        shutil.copyfile(RELEASE_DB, path)
        db = Database(path)
    migrations.apply(db, stop_before=name)
    before = _dump(db)
    calls = 1
    while True:
        _fail_after(db, calls)
        try:
            migrations.apply(db, stop_before=_next(name))
        except sqlite3.DatabaseError:
            db.conn.set_authorizer(None)
            assert _dump(db) == before, f"{name} left changes when failing at check {calls}"
            calls *= 2
            continue
        db.conn.set_authorizer(None)
        break
    assert name in {m.name for m in migrations.applied(db)}
    assert calls > 1  # it did fail part way at least once


def _next(name: str) -> list[str]:
    names = [m.name for m in migrations.pending(Database(memory=True))]
    return names[names.index(name) + 1 :]
