"""The database tells the truth (issue 17): gone only from a complete fetch, no false edits,
pinned and recommended kept, and an index that Datasette and sqlite-utils find."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from archiver import vocabulary
from archiver.archive.files import archive_page
from archiver.cli import app
from archiver.fetch import Page
from archiver.store import open_db

from .pagegen import thread_page
from .support import FIXTURES
from .test_renderings import NOW, RENDERINGS, SITE, archive

AT = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)


def saved(tmp_path: Path, name: str, content: bytes) -> str:
    path = tmp_path / name
    path.write_bytes(content)
    return str(path)


def test_a_grown_thread_and_an_older_one_page_copy_mark_nothing_gone(tmp_path):
    now = [saved(tmp_path, f"p{n}.html", thread_page(tid=90, page=n, pages=2, posts_per_page=5))
           for n in (1, 2)]  # fmt: skip
    older = saved(tmp_path, "old.html", thread_page(tid=90, page=1, pages=1, posts_per_page=5))
    db = str(tmp_path / "a.db")
    runner = CliRunner()
    assert runner.invoke(app, ["archive", *now, "--db", db]).exit_code == 0
    result = runner.invoke(app, ["archive", older, "--db", db, "--json"])
    assert json.loads(result.stdout)["posts_gone"] == 0
    rows = open_db(db).execute("select count(*), count(gone_at), sum(state = 'gone') from posts")
    assert rows.fetchone() == (10, 0, 0)


def test_desktop_touch_desktop_makes_no_revision_and_keeps_the_desktop_html(tmp_path):
    alone = open_db(tmp_path / "desktop.db")
    archive(alone, "desktop")
    want = alone.execute("select pid, body_html, body_text, rendering from posts").fetchall()
    db = open_db(tmp_path / "a.db")
    for rendering in ("desktop", "touch", "desktop", "api", "touch"):
        archive(db, rendering)
    assert db.execute("select count(*) from post_revisions").fetchone() == (0,)
    assert db.execute("select pid, body_html, body_text, rendering from posts").fetchall() == want
    assert "&mobile=2" not in "".join(row[1] for row in want)


def test_a_real_edit_seen_on_a_touch_page_makes_one_revision(tmp_path):
    db = open_db(tmp_path / "a.db")
    archive(db, "desktop")
    path, url = RENDERINGS["touch"]
    mark = '补充一个批量导出 EXIF 的办法，方便大家核对样张参数：<font class="jammer">'
    content = path.read_text("utf-8")
    assert content.count(mark) == 1
    edited = content.replace(mark, mark.replace("一个", "两个")).encode()
    archive_page(db, Page(source=str(path), url=url, content=edited, fetched_at=NOW))
    revisions = db.execute("select pid, rendering, body_text from post_revisions").fetchall()
    assert [(pid, rendering) for pid, rendering, _ in revisions] == [(2331876, "desktop")]
    assert revisions[0][2].startswith("补充一个批量导出")
    now = db.execute("select rendering, body_text from posts where pid = 2331876").fetchone()
    assert now[0] == "touch" and now[1].startswith("补充两个批量导出")


@pytest.mark.parametrize("order", [(1, 2), (2, 1)], ids=["p1-p2", "p2-p1"])
def test_pinned_and_recommended_replies_stay_known_in_either_order(tmp_path, order):
    db = open_db(tmp_path / "a.db")
    base = "http://bbs.feature.example/forum/"
    for hours, number in enumerate(order):
        path = FIXTURES / "features" / f"thread-p{number}.html"
        page = Page(source=str(path), url=base, content=path.read_bytes(), fetched_at=NOW)
        archive_page(db, page, archived_at=AT + dt.timedelta(hours=hours))
    seen = (AT + dt.timedelta(hours=order.index(1))).isoformat(timespec="seconds")
    rows = db.execute(
        "select pid, floor, page_number, pinned_first_seen_at, pinned_last_seen_at, "
        "recommended_first_seen_at, recommended_last_seen_at from posts where "
        "pinned_first_seen_at is not null or recommended_first_seen_at is not null order by pid"
    ).fetchall()
    assert rows == [
        (2341765, 8, 2, None, None, seen, seen),
        (2342033, 9, 2, seen, seen, None, None),
    ]
    assert db.execute("select count(*) from posts where site = ?", [SITE]).fetchone() == (12,)


@pytest.fixture(scope="module")
def fixtures_archive(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("eco") / "archive.db"
    inputs = [str(FIXTURES / "seed-thread.html"), str(FIXTURES / "features")]
    result = CliRunner().invoke(app, ["archive", *inputs, "--db", str(path)])
    assert result.exit_code == 0, result.stderr
    return path


def containing(path: Path, text: str) -> list[int]:
    db = open_db(path)
    rows = db.execute("select pid from posts where instr(body_text, ?) order by pid", [text])
    return [pid for (pid,) in rows]


def test_datasette_finds_the_search_index(fixtures_archive):
    want = containing(fixtures_archive, "高新区")
    assert len(want) == 2
    out = subprocess.run(
        [sys.executable, "-m", "datasette", str(fixtures_archive), "--get",
         "/archive/posts.json?_search=高新区&_shape=array"],
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout  # fmt: skip
    assert sorted(row["pid"] for row in json.loads(out)) == want


def test_sqlite_utils_finds_the_search_index(fixtures_archive):
    want = containing(fixtures_archive, "高新区")
    out = subprocess.run(
        [sys.executable, "-m", "sqlite_utils", "search", str(fixtures_archive), "posts", "高新区"],
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout  # fmt: skip
    assert sorted(row["pid"] for row in json.loads(out)) == want


def test_search_returns_each_floor_once(tmp_path):
    """Desktop posts and the Archiver text view of the same thread: each floor once."""
    db = str(tmp_path / "a.db")
    runner = CliRunner()
    inputs = [FIXTURES / "seed-thread.html", FIXTURES / "archiver" / "seed-thread.html"]
    assert runner.invoke(app, ["archive", *map(str, inputs), "--db", db]).exit_code == 0
    result = runner.invoke(app, ["search", "泰州", "--db", db, "--json"])
    floors = [(hit["tid"], hit["floor"], hit["pid"]) for hit in json.loads(result.stdout)]
    assert floors == [(3068512, 1, 40156231)]  # the text view's floor 1 says the same
    text = open_db(db).execute("select floor from text_posts where instr(body_text, '泰州')")
    assert text.fetchall() == [(1,)]


def test_search_leaves_gone_posts_out_unless_asked(tmp_path):
    db_path = tmp_path / "a.db"
    db = open_db(db_path)
    archive(db, "desktop")
    db.execute("update posts set gone_at = '2026-01-01', state = 'gone' where pid = 2310517")
    db.conn.commit()
    runner = CliRunner()
    found = runner.invoke(app, ["search", "R&D", "--db", str(db_path), "--json"]).stdout
    everything = runner.invoke(
        app, ["search", "R&D", "--db", str(db_path), "--json", "--include-gone"]
    ).stdout
    assert 2310517 not in [hit["pid"] for hit in json.loads(found)]
    assert 2310517 in [hit["pid"] for hit in json.loads(everything)]


VOCABULARY = [
    ("posts", "state", vocabulary.POST_STATES),
    ("posts", "author_kind", vocabulary.AUTHOR_KINDS),
    ("posts", "posted_precision", vocabulary.PRECISIONS),
    ("posts", "rendering", vocabulary.POST_RENDERINGS),
    ("pages", "rendering", vocabulary.RENDERINGS),
    ("text_posts", "state", vocabulary.TEXT_POST_STATES),
    ("attachments", "kind", vocabulary.ATTACHMENT_KINDS),
]


@pytest.mark.parametrize("table, column, allowed", VOCABULARY, ids=lambda v: str(v)[:20])
def test_enum_columns_take_exactly_the_vocabulary(tmp_path, table, column, allowed):
    db = open_db(tmp_path / "a.db")
    archive(db, "desktop")
    db.execute("UPDATE posts SET rendering = 'desktop'")  # a row of every table to change
    path = FIXTURES / "archiver" / "seed-thread.html"
    archive_page(db, Page(source=str(path), content=path.read_bytes(), fetched_at=NOW))
    key = db.execute(f"SELECT rowid FROM {table} LIMIT 1").fetchone()[0]
    for value in allowed:
        db.execute(f"UPDATE {table} SET {column} = ? WHERE rowid = ?", [value, key])
    with pytest.raises(sqlite3.IntegrityError, match="CHECK"):
        db.execute(f"UPDATE {table} SET {column} = 'other' WHERE rowid = ?", [key])


def test_references_hold_and_are_enforced(tmp_path):
    db = open_db(tmp_path / "a.db")
    for rendering in ("desktop", "touch", "api"):
        archive(db, rendering)
    assert db.execute("PRAGMA foreign_keys").fetchone() == (1,)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        db.execute("INSERT INTO quotes (site, pid, idx) VALUES ('nowhere', 1, 0)")


def test_the_release_archive_migrates_with_references_that_hold(tmp_path):
    path = tmp_path / "release.db"
    path.write_bytes((FIXTURES / "databases" / "release-0.1.0.db").read_bytes())
    db = open_db(path)
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
