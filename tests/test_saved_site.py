"""`--site`: the site of saved files that do not say it (a mobile API answer saved alone)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

from typer.testing import CliRunner

from archiver.archive.files import archive_page
from archiver.archive.media import link_media
from archiver.cli.main import app
from archiver.fetch import read_page
from archiver.store import open_db

from .support import FIXTURES
from .test_webarchive import ORIGIN, PINNED, pinned, rows, same  # noqa: F401

API = FIXTURES / "api" / "feature-thread-p1.json"
API_URL = json.loads((FIXTURES / "expected" / "api" / API.name).read_text("utf-8"))["url"]
DESKTOP = FIXTURES / "features" / "thread-p1.html"  # its <base href>: bbs.feature.example/forum
SITE = "http://bbs.feature.example/forum/forum.php?mod=forumdisplay&fid=9"  # any URL of it


def saved_alone(tmp_path: Path) -> Path:
    """The API answer saved without its URL and with no absolute attachment or avatar URL."""
    data = json.loads(API.read_text("utf-8"))
    del data["Variables"]["member_avatar"]
    path = tmp_path / "answer.json"
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def archive(*args: str):
    return CliRunner().invoke(app, ["archive", *args, "-q", "--jobs", "1"])


def sites(db: Path) -> list[tuple[str, ...]]:
    conn = sqlite3.connect(db)
    return [
        *conn.execute("select 'threads', site, tid from threads"),
        *conn.execute("select distinct 'posts', site, tid from posts"),
    ]


def test_an_api_answer_saved_alone_lands_under_the_given_site(tmp_path, pinned):  # noqa: F811
    path = saved_alone(tmp_path)
    alone, given = tmp_path / "alone.db", tmp_path / "given.db"
    assert archive(str(path), "--db", str(alone)).exit_code == 0
    assert sites(alone) == [("threads", "unknown", 777), ("posts", "unknown", 777)]
    result = archive(str(path), "--db", str(given), "--site", SITE, "--jobs", "2")  # in a worker
    assert result.exit_code == 0, result.output
    site = "bbs.feature.example/forum"
    assert sites(given) == [("threads", site, 777), ("posts", site, 777)]
    # the rows the answer gives with the URL it was asked at, but for where it came from
    asked = tmp_path / "asked.db"
    db = open_db(asked)
    outcome = archive_page(db, replace(read_page(path), url=API_URL), archived_at=PINNED)
    link_media(db, [outcome.key])  # as archive does for the files it archived
    drop = (*ORIGIN,)
    assert same(rows(given, drop=drop), rows(asked, drop=drop))


def test_check_takes_the_site_too(tmp_path):
    path = saved_alone(tmp_path)
    result = CliRunner().invoke(app, ["check", str(path), "--site", SITE, "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["pages"][0]["site"] == "bbs.feature.example/forum"


def test_a_page_with_its_own_base_ignores_the_site(tmp_path):
    db = tmp_path / "a.db"
    result = archive(str(DESKTOP), str(API), "--db", str(db), "--site", "https://other.example/")
    assert result.exit_code == 0, result.output
    # the API answer's own avatar URL names its site too
    assert sorted(set(sites(db))) == [
        ("posts", "bbs.feature.example/forum", 777),
        ("threads", "bbs.feature.example/forum", 777),
    ]


def test_a_site_that_is_not_a_url_is_a_usage_error(tmp_path):
    result = archive(str(API), "--db", str(tmp_path / "a.db"), "--site", "bbs.feature.example")
    assert result.exit_code == 2
    assert "'bbs.feature.example' is not a URL" in result.stderr
    assert not (tmp_path / "a.db").exists()
