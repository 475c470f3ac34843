"""The command line end to end, into temporary databases."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from sqlite_utils import Database
from typer.testing import CliRunner

from archiver.cli.main import app
from archiver.store.schema import migrations

from .support import FIXTURES, ROOT

SEED = str(FIXTURES / "seed-thread.html")
STABLE_POSTS = "select site, pid, tid, floor, author, uid, posted_at, body_html, state from posts"
runner = CliRunner()


def invoke(*args: str, env: dict[str, str] | None = None):
    return runner.invoke(app, list(args), env=env)


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "archive.db")


@pytest.mark.parametrize("command", ["archive", "query", "migrate"])
def test_every_command_has_help(command):
    result = invoke(command, "--help")
    assert result.exit_code == 0
    doc = app.registered_commands
    assert any(c.name in (None, command) for c in doc)
    assert "Usage" in result.stdout and len(result.stdout.splitlines()) > 4


def test_archive_then_query_json(db):
    result = invoke("archive", SEED, "--db", db, "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == {
        "threads": 1,
        "pages": 1,
        "pages_fetched": 0,
        "pages_skipped": 0,
        "posts_new": 4,
        "posts_changed": 0,
        "posts_gone": 0,
        "errors": 0,
    }
    result = invoke(
        "query", "--db", db, "--json", "select floor, client_tag from posts order by floor"
    )
    assert json.loads(result.stdout) == [
        {"floor": 1, "client_tag": None},
        {"floor": 2, "client_tag": None},
        {"floor": 3, "client_tag": "来自安卓客户端"},
        {"floor": 4, "client_tag": "来自安卓客户端"},
    ]


def test_query_csv_and_table(db):
    invoke("archive", SEED, "--db", db)
    result = invoke(
        "query", "--db", db, "--csv", "select floor, floor_label from posts order by floor"
    )
    assert result.stdout.splitlines() == ["floor,floor_label", "1,楼主", "2,2#", "3,3#", "4,4#"]
    result = invoke("query", "--db", db, "select floor, floor_label from posts order by floor")
    assert result.stdout.splitlines() == [
        "floor  floor_label",
        "-----  -----------",
        "1      楼主",
        "2      2#",
        "3      3#",
        "4      4#",
    ]


def test_database_from_environment(tmp_path):
    path = tmp_path / "env.db"
    result = invoke("archive", SEED, env={"DISCUZ_ARCHIVER_DB": str(path)})
    assert result.exit_code == 0
    assert path.exists()


def test_query_refuses_to_write(db):
    invoke("archive", SEED, "--db", db)
    result = invoke("query", "--db", db, "delete from posts")
    assert result.exit_code == 8
    assert result.stderr.startswith(f"error: {db}: query only reads;")
    assert "Traceback" not in result.stderr
    assert (
        invoke("query", "--db", db, "--csv", "select count(*) as n from posts").stdout == "n\n4\n"
    )


def test_query_sql_error_is_one_line(db):
    invoke("archive", SEED, "--db", db)
    result = invoke("query", "--db", db, "select nope from posts")
    assert result.exit_code == 9  # the user's SQL, not the database (8)
    assert result.stderr == (
        f"error: {db}: SQL error: no such column: nope; check the statement (see the README's "
        "tables)\n"
    )


def test_query_without_database(db):
    result = invoke("query", "--db", db, "select 1")
    assert result.exit_code == 8
    assert "no such database" in result.stderr
    assert not os.path.exists(db)


@pytest.mark.parametrize(
    "content, code, words",
    [
        (b"", 2, "the file is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", 2, "binary data"),
        (b"<html><body><h1>Hello</h1></body></html>", 3, "not a Discuz! page"),
    ],
)
def test_bad_inputs_get_one_line_and_change_nothing(db, tmp_path, content, code, words):
    invoke("archive", SEED, "--db", db)
    before = invoke("query", "--db", db, "--json", STABLE_POSTS).stdout
    bad = tmp_path / "bad.html"
    bad.write_bytes(content)
    result = invoke("archive", str(bad), SEED, "--db", db)
    assert result.exit_code == code
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1 and errors[0].startswith(f"error: {bad}: ") and words in errors[0]
    assert "Traceback" not in result.stderr
    assert invoke("query", "--db", db, "--json", STABLE_POSTS).stdout == before


def test_missing_input(db):
    result = invoke("archive", "no/such/file.html", "--db", db)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[0] == "error: no/such/file.html: no such file or folder"


def test_bad_timezone(db):
    result = invoke("archive", SEED, "--db", db, "--timezone", "eight")
    assert result.exit_code == 2
    assert "UTC offset" in result.stderr


def test_migrate_list(db):
    """Every registered migration, pending then applied, each with its one-line purpose."""
    names = [m.name for m in migrations.pending(Database(memory=True))]
    result = invoke("migrate", "--db", db, "--list")
    lines = result.stdout.splitlines()
    assert [line.split("  ")[:2] for line in lines] == [["pending", n] for n in names]
    assert lines[0] == (
        "pending  m001_create_archive_tables  Pages (raw bytes), threads, posts, users and their "
        "snapshots, post revisions and children."
    )
    assert all(len(line.split("  ")) == 3 and line.split("  ")[2] for line in lines)
    assert not os.path.exists(db)
    assert invoke("migrate", "--db", db).exit_code == 0
    lines = invoke("migrate", "--db", db, "--list").stdout.splitlines()
    assert [line.split("  ")[:2] for line in lines] == [["applied", n] for n in names]
    assert all(len(line.split("  ")) == 4 and line.split("  ")[3] for line in lines)


def test_python_dash_m(tmp_path):
    db = tmp_path / "m.db"
    result = subprocess.run(
        [sys.executable, "-m", "archiver", "archive", SEED, "--db", str(db)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == (
        "archived 1 page(s) of 1 thread(s): 4 new post(s), 0 changed, 0 gone; 0 error(s)\n"
    )


def test_jobs_give_the_same_archive_as_one_process(tmp_path):
    inputs = [
        str(FIXTURES / "features"),
        str(FIXTURES / "variants"),
        SEED,
        str(FIXTURES / "errors"),
    ]
    dumps = []
    for jobs in ("1", "2"):
        db = str(tmp_path / f"jobs{jobs}.db")
        result = invoke("archive", *inputs, "--db", db, "--jobs", jobs, "--json")
        # the errors/ folder: a forum's three messages and two cut pages are errors (the first
        # a login page: exit 6); its board list is saved, its blog page passed over
        assert result.exit_code == 6
        summary = json.loads(result.stdout)
        counts = (summary["errors"], summary["board_pages"], summary["pages_passed_over"])
        assert counts == (5, 1, 1)
        sql = "select site, pid, floor, author, posted_at, body_text, state from posts"
        rows = invoke("query", "--db", db, "--json", sql + " order by site, pid").stdout
        errors = sorted(line for line in result.stderr.splitlines() if line.startswith("error:"))
        dumps.append((rows, errors))
    assert dumps[0] == dumps[1]
    assert len(json.loads(dumps[0][0])) == 58  # 15 + 39 (thirteen variants) + 4
