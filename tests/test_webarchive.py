"""Web archives in and out: WARC (ours and GNU wget's), WACZ, MHTML, SingleFile, damage."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import os
import re
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import replace
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from typer.testing import CliRunner
from warcio.archiveiterator import ArchiveIterator

import archiver.archive.files as files_module
import archiver.archive.thread as thread_module
import archiver.fetch.webarchive as webarchive
from archiver.archive import archive_files, archive_url
from archiver.archive.captures import media_captures
from archiver.archive.media import link_media
from archiver.cli.main import app
from archiver.fetch import Fetcher, make_client
from archiver.fetch.places import DiskPlaces
from archiver.model import MediaPlace
from archiver.redact import redact
from archiver.store import open_db

from .boardgen import Row, board_page
from .discuz_server import page, slow, start_server
from .pagegen import thread_page
from .support import FIXTURES
from .webarchives import PNG, Capture, mhtml, singlefile, write_wacz, write_warc

PINNED = dt.datetime(2026, 12, 5, 4, 0, tzinfo=dt.timezone.utc)
HTTP_DATE = "Sat, 05 Dec 2026 04:00:00 GMT"
# where a row came from (a web archive's record, or media offered from one rather than fetched)
CAPTURE_COLUMNS = ("capture_file", "capture_record_id", "capture_offset", "origin")
FEATURES = [FIXTURES / "features" / f"thread-p{n}.html" for n in (1, 2, 3)]
FEATURE_URL = "http://bbs.feature.example/forum/forum.php?mod=viewthread&tid=777&page={}"
SAVED = dt.datetime(2025, 1, 2, 13, 4, 5, tzinfo=dt.timezone(dt.timedelta(hours=8)))


@pytest.fixture
def pinned(monkeypatch):
    """archived_at and the server's Date header fixed, so two runs can be compared whole."""
    monkeypatch.setattr(files_module, "now_utc", lambda: PINNED)
    monkeypatch.setattr(thread_module, "now_utc", lambda: PINNED)
    monkeypatch.setattr(BaseHTTPRequestHandler, "date_time_string", lambda self, ts=None: HTTP_DATE)


def rows(path: Path, *, drop: tuple[str, ...] = CAPTURE_COLUMNS) -> dict[str, list[tuple]]:
    """Every row of every table (not the FTS internals or migration log), minus `drop`."""
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    tables = [name for (name,) in conn.execute("select name from sqlite_master where type='table'")
              if "_fts" not in name and not name.startswith(("_sqlite", "sqlite_"))]  # fmt: skip
    found = {}
    for table in tables:
        data = [
            tuple((k, r[k]) for k in r.keys() if k not in drop)
            for r in conn.execute(f"select * from [{table}]")
        ]
        found[table] = sorted(data, key=repr)
    return found


def same(a: dict[str, list[tuple]], b: dict[str, list[tuple]]) -> bool:
    """Equal, or an assertion naming the first table, row and column that differ."""
    assert a.keys() == b.keys()
    for table in a:
        assert len(a[table]) == len(b[table]), table
        for left, right in zip(a[table], b[table], strict=True):
            changed = [(x, y) for x, y in zip(left, right, strict=True) if x != y]
            assert not changed, (table, changed[:3])
    return True


def serve(server, tid: int, pages: int) -> list[str]:
    base = server.url("/bbs/")
    paths = [f"/bbs/forum.php?mod=viewthread&tid={tid}&page={n}" for n in range(1, pages + 1)]
    for number, path in enumerate(paths, 1):
        body = thread_page(tid=tid, page=number, pages=pages, posts_per_page=5, base=base)
        server.route(path, page(body))
    return [server.url(p) for p in paths]


def archive(*args: str, input: bytes | None = None):
    return CliRunner().invoke(app, ["archive", *args, "-q"], input=input)


def test_our_warc_passes_warcio_check_and_imports_to_the_same_rows(tmp_path, pinned):
    warc, by_url, by_warc = tmp_path / "run.warc.gz", tmp_path / "url.db", tmp_path / "warc.db"
    with start_server({}) as server:
        urls = serve(server, 61, 3)
        server.route("/bbs/static/logo.png", page(PNG, content_type="image/png"))
        args = ["--db", str(by_url), "--delay", "0", "--source", "desktop", "--warc", str(warc)]
        result = archive(urls[0], *args)
    assert result.exit_code == 0, result.stderr
    check = subprocess.run([sys.executable, "-m", "warcio.cli", "check", "-v", str(warc)],
                           capture_output=True, text=True)  # fmt: skip
    assert check.returncode == 0, check.stdout + check.stderr
    index = subprocess.run([sys.executable, "-m", "warcio.cli", "index", str(warc)],
                           capture_output=True, text=True, check=True)  # fmt: skip
    listed = [json.loads(line) for line in index.stdout.splitlines()]
    # robots.txt, the 3 pages, then the one picture the pages show (the server answers 404):
    # media answers are recorded like pages, so the WARC alone gives the same media rows
    assert [r["warc-type"] for r in listed] == ["warcinfo"] + ["request", "response"] * 5
    responses = [r["warc-target-uri"] for r in listed if r["warc-type"] == "response"]
    assert responses[:4] == [server.url("/robots.txt"), *urls]
    assert "/data/attachment/forum/" in responses[4]
    result = archive(str(warc), "--db", str(by_warc), "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) | {"records": 4} == {
        "threads": 1, "pages": 3, "pages_fetched": 0, "pages_skipped": 0, "posts_new": 15,
        "posts_changed": 0, "posts_gone": 0, "errors": 0, "records": 4,
        "records_not_pages": 2, "records_known": 0, "board_pages": 0,
    }  # fmt: skip
    assert same(rows(by_warc), rows(by_url))
    conn = sqlite3.connect(by_warc)
    places = conn.execute("select capture_file, capture_offset from pages order by id").fetchall()
    assert [f for f, _ in places] == [str(warc)] * 3
    offsets = [o for _, o in places]
    assert offsets == sorted(offsets) and offsets[0] > 0
    # archiving the WARC again: the same bytes are archived, so nothing is parsed
    again = archive(str(warc), "--db", str(by_warc), "--json")
    assert json.loads(again.stdout)["records_known"] == 3


def test_the_warcinfo_names_the_tool_and_options_and_no_request_carries_a_cookie(tmp_path):
    warc = tmp_path / "run.warc"
    with start_server({}) as server:
        urls = serve(server, 62, 1)
        args = ["--db", str(tmp_path / "a.db"), "--delay", "0", "--source", "desktop"]
        result = archive(urls[0], *args, "--cookie", "sess=s3cr3t", "--warc", str(warc))
        assert result.exit_code == 0, result.stderr
        assert "sess=s3cr3t" in server.request_headers[1]["cookie"]  # the page (after robots)
        asked = len(server.request_headers)  # robots.txt, the page and its pictures
    with warc.open("rb") as stream:
        records = [(r.rec_type, r.http_headers, r.content_stream().read())
                   for r in ArchiveIterator(stream)]  # fmt: skip
    info = records[0][2].decode()
    assert "software: discuz-archiver/" in info and '"source": "desktop"' in info
    assert "s3cr3t" not in warc.read_text("latin-1")
    requests = [headers for kind, headers, _ in records if kind == "request"]
    assert len(requests) == asked and all(h.get_header("Cookie") is None for h in requests)
    assert requests[1].get_header("User-Agent").startswith("discuz-archiver/")


def test_a_compressed_answer_is_written_decoded_without_set_cookie(tmp_path):
    warc = tmp_path / "run.warc.gz"
    body = thread_page(tid=65, page=1, pages=1, posts_per_page=5, base="http://h/bbs/")
    headers = {"Content-Encoding": "gzip", "Set-Cookie": "PcSe_2132_saltkey=Qz7pLm2R"}
    with start_server({}) as server:
        path = "/bbs/forum.php?mod=viewthread&tid=65&page=1"
        server.route(path, page(gzip.compress(body), headers=headers))
        args = ["--db", str(tmp_path / "a.db"), "--delay", "0", "--source", "desktop"]
        assert archive(server.url(path), *args, "--warc", str(warc)).exit_code == 0
    with warc.open("rb") as stream:
        answers = [(r.http_headers, r.content_stream().read())
                   for r in ArchiveIterator(stream) if r.rec_type == "response"]  # fmt: skip
    http, payload = answers[-1]
    assert payload == redact(body).content  # the guest's formhash scrubbed, as stored pages are
    assert http.get_header("Content-Length") == str(len(payload))
    assert http.get_header("Content-Encoding") is None and http.get_header("Set-Cookie") is None
    assert b"Qz7pLm2R" not in gzip.decompress(warc.read_bytes())


def test_a_run_killed_with_sigkill_leaves_whole_records_and_the_rerun_a_new_file(tmp_path):
    warc = tmp_path / "kill.warc.gz"
    with start_server({}) as server:
        urls = serve(server, 66, 4)
        server.route(urls[2].removeprefix(server.base_url), slow(30))  # page 3 never comes
        command = [sys.executable, "-m", "archiver", "archive", urls[0], "--db",
                   str(tmp_path / "a.db"), "--delay", "0", "--source", "desktop", "--quiet",
                   "--warc", str(warc)]  # fmt: skip
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        waited = 0.0
        while server.count(urls[2].removeprefix(server.base_url)) == 0 and waited < 30:
            time.sleep(0.05)
            waited += 0.05
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=10)
        assert responses_in(warc) == [server.url("/robots.txt"), *urls[:2]]  # whole records
        args = ["--db", str(tmp_path / "b.db"), "--delay", "0", "--source", "desktop"]
        server.route(urls[2].removeprefix(server.base_url), page(b"<html>gone</html>", status=404))
        CliRunner().invoke(app, ["archive", urls[0], *args, "--warc", str(warc)])
        assert responses_in(warc) == [server.url("/robots.txt"), *urls[:2]]  # untouched
        assert responses_in(tmp_path / "kill-1.warc.gz")[1:3] == urls[:2]


def test_a_resumed_run_writes_a_new_file_and_leaves_the_old_one_whole(tmp_path):
    warc = tmp_path / "run.warc.gz"
    with start_server({}) as server:
        urls = serve(server, 63, 1)
        args = ["--db", str(tmp_path / "a.db"), "--delay", "0", "--source", "desktop"]
        assert archive(urls[0], *args, "--warc", str(warc)).exit_code == 0
        torn = warc.read_bytes()[:-40]  # a run killed mid-record
        warc.write_bytes(torn)
        assert archive(urls[0], *args, "--full", "--warc", str(warc)).exit_code == 0
    assert warc.read_bytes() == torn
    second = tmp_path / "run-1.warc.gz"
    with second.open("rb") as stream:
        kinds = [r.rec_type for r in ArchiveIterator(stream)]
    assert kinds == ["warcinfo"] + ["request", "response"] * 2


@pytest.mark.skipif(shutil.which("wget") is None, reason="GNU wget is not installed")
def test_a_wget_warc_archives_to_the_rows_of_the_url_run(tmp_path, pinned):
    by_url, by_wget = tmp_path / "url.db", tmp_path / "wget.db"
    with start_server({}) as server:
        urls = serve(server, 64, 3)
        command = ["wget", "--quiet", "--tries=1", f"--warc-file={tmp_path / 'wget'}",
                   "--delete-after", "-P", str(tmp_path / "dl"), *urls]  # fmt: skip
        subprocess.run(command, check=True, timeout=60, env={**os.environ, "no_proxy": "*"})
        warc = tmp_path / "wget.warc.gz"
        with warc.open("rb") as stream:
            dates = [
                dt.datetime.fromisoformat(
                    r.rec_headers.get_header("WARC-Date").replace("Z", "+00:00")
                )
                for r in ArchiveIterator(stream)
                if r.rec_type == "response"
            ]
        assert len(dates) == 3
        pinned_dates = iter(dates)  # the URL run fetches each page when wget did
        with make_client(timeout=5) as client:
            fetcher = Fetcher(client, delay=0, retries=0, ignore_robots=True,
                              now=lambda: next(pinned_dates))  # fmt: skip
            database = open_db(by_url)
            run = archive_url(database, urls[0], fetcher, source="desktop")
            link_media(database, [(run.site, run.tid)])  # as `archive URL` does after a thread
        assert run.error is None and run.pages_fetched == 3
    result = archive(str(warc), "--db", str(by_wget), "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["pages"] == 3
    assert same(rows(by_wget), rows(by_url))
    ids = sqlite3.connect(by_wget).execute("select capture_record_id from pages").fetchall()
    assert all(i.startswith("<urn:uuid:") for (i,) in ids)


def plain(tmp_path: Path) -> Path:
    """The feature pages as saved files, their time the save time of the formats below."""
    db = tmp_path / "plain.db"
    folder = tmp_path / "plain"
    folder.mkdir()
    for path in FEATURES:
        copy = folder / path.name
        copy.write_bytes(path.read_bytes())
        os.utime(copy, (SAVED.timestamp(), SAVED.timestamp()))
    assert archive(str(folder), "--db", str(db), "--jobs", "1").exit_code == 0
    return db


# what differs by nature between a saved file and the same page in a web archive
ORIGIN = ("source", "url", "status", "headers", *CAPTURE_COLUMNS)


def captures() -> list[Capture]:
    return [
        Capture(FEATURE_URL.format(n), p.read_bytes(), SAVED) for n, p in enumerate(FEATURES, 1)
    ]


@pytest.mark.parametrize("kind", ["warc", "warc.gz", "wacz"])
def test_warc_and_wacz_archive_to_the_rows_of_their_plain_html(tmp_path, pinned, kind):
    target = tmp_path / f"crawl.{kind}"
    items = captures()
    filler = [Capture(f"http://bbs.feature.example/forum/static/{n}.png", PNG, SAVED,
                      content_type="image/png") for n in range(3)]  # fmt: skip
    mixed = [filler[0], items[0], filler[1], items[1], items[2], filler[2]]
    write_wacz(target, mixed) if kind == "wacz" else write_warc(target, mixed, revisit_of=1)
    db = tmp_path / "web.db"
    result = archive(str(target), "--db", str(db), "--json", "--jobs", "2")
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["pages"] == 3
    assert summary["records_not_pages"] == 3
    assert summary["records_known"] == (0 if kind == "wacz" else 1)  # the revisit: same bytes
    assert same(rows(db, drop=ORIGIN), rows(plain(tmp_path), drop=ORIGIN))
    media = list(media_captures(target))
    assert [(m.url, m.content) for m in media] == [(f.url, PNG) for f in filler]


@pytest.mark.parametrize("kind", ["warc.gz", "wacz"])
def test_pictures_in_a_web_archive_are_kept_for_the_posts_that_show_them(
    tmp_path, monkeypatch, kind
):
    base = "http://bbs.example/bbs/"
    bodies = [thread_page(tid=62, page=n, pages=2, posts_per_page=5, base=base) for n in (1, 2)]
    shown = sorted({base + m.decode() for b in bodies
                    for m in re.findall(rb'file="(data/attachment/forum/[^"]+)"', b)})  # fmt: skip
    assert len(shown) == 2  # a picture before the pages that show it, and one that is a 404
    url = base + "forum.php?mod=viewthread&tid=62&page={}"
    captures = [
        Capture(shown[0], PNG, SAVED, content_type="image/jpeg"),
        *(Capture(url.format(n), body, SAVED) for n, body in enumerate(bodies, 1)),
        Capture(shown[1], b"<html>404</html>", SAVED, status=404),
    ]
    target = tmp_path / f"crawl.{kind}"
    write_wacz(target, captures) if kind == "wacz" else write_warc(target, captures)
    db = tmp_path / "web.db"
    passes = []
    read = webarchive._records
    monkeypatch.setattr(webarchive, "_records", lambda *a: passes.append(a[1]) or read(*a))
    assert archive(str(target), "--db", str(db), "--jobs", "2").exit_code == 0
    assert len(passes) == 1  # the pictures are read with a seek each, not a second pass
    conn = sqlite3.connect(db)
    media = conn.execute("select url, status, http_status, origin from media order by url")
    assert media.fetchall() == [
        (shown[0], "saved", 200, "offer"),
        (shown[1], "missing", 404, "offer"),
    ]
    blobs = conn.execute("select sha256, size from media_blobs").fetchall()
    assert blobs == [(hashlib.sha256(PNG).hexdigest(), len(PNG))]
    linked = conn.execute("select count(distinct url) from post_media").fetchone()
    assert linked == (2,)


@pytest.mark.parametrize("kind", ["mhtml", "singlefile"])
def test_mhtml_and_singlefile_archive_to_the_rows_of_their_plain_html(tmp_path, pinned, kind):
    folder = tmp_path / kind
    folder.mkdir()
    for n, path in enumerate(FEATURES, 1):
        url, html = FEATURE_URL.format(n), path.read_bytes()
        if kind == "mhtml":
            (folder / f"p{n}.mht").write_bytes(mhtml(url, html, SAVED, image_url=url + "#img"))
        else:
            (folder / f"p{n}.html").write_bytes(singlefile(url, html, SAVED))
    db = tmp_path / "saved.db"
    assert archive(str(folder), "--db", str(db)).exit_code == 0
    # SingleFile's comment makes other bytes; MHTML gives back the very page
    drop = ORIGIN if kind == "mhtml" else (*ORIGIN, "sha256", "size", "content")
    assert same(rows(db, drop=drop), rows(plain(tmp_path), drop=drop))
    urls = [u for (u,) in sqlite3.connect(db).execute("select url from pages order by id")]
    assert urls == [FEATURE_URL.format(n) for n in (1, 2, 3)]
    if kind == "mhtml":
        assert [m.content for m in media_captures(folder / "p1.mht")] == [PNG]


def responses_in(path: Path) -> list[str]:
    with path.open("rb") as stream:
        return [r.rec_headers.get_header("WARC-Target-URI")
                for r in ArchiveIterator(stream) if r.rec_type == "response"]  # fmt: skip


def test_archive_board_and_refresh_write_their_warc_too(tmp_path):
    db, walked, refreshed = tmp_path / "a.db", tmp_path / "board.warc.gz", tmp_path / "r.warc"
    with start_server({}) as server:
        base = server.url("/bbs/")
        listed = [
            Row(700 + n, f"主题 {n}", "甲", 7, 2, 10, "乙", "2025-3-14 10:00") for n in (1, 2)
        ]
        board = "/bbs/forum.php?mod=forumdisplay&fid=36&page=1"
        server.route(board, page(board_page(fid=36, name="版块", page=1, pages=1, rows=listed,
                                            base=base)))  # fmt: skip
        threads = [f"/bbs/forum.php?mod=viewthread&tid={r.tid}&page=1" for r in listed]
        for row, path in zip(listed, threads, strict=True):
            body = thread_page(tid=row.tid, page=1, pages=1, posts_per_page=3, base=base)
            server.route(path, page(body))
        common = ["--db", str(db), "--delay", "0", "--source", "desktop"]
        result = CliRunner().invoke(
            app,
            ["archive-board", server.url("/bbs/forum-36-1.html"), *common, "--warc", str(walked)],
        )
        assert result.exit_code == 0, result.stderr
        result = CliRunner().invoke(app, ["refresh", *common, "--warc", str(refreshed), "-q"])
        assert result.exit_code == 0, result.stderr
        urls = [server.url(p) for p in threads]
    assert responses_in(walked) == [server.url("/robots.txt"), server.url(board), *urls]
    assert sorted(responses_in(refreshed)[1:]) == sorted(urls)


def test_a_board_list_in_a_web_archive_is_saved_like_a_walked_one(tmp_path, pinned):
    base = "http://bbs.example.cn/bbs/"
    rows_ = [Row(900 + n, f"主题 {n}", "甲", 7, n, 10 * n, "乙", "2025-3-14 10:0{n}")
             for n in range(3)]  # fmt: skip
    board = board_page(fid=36, name="测试版块", page=1, pages=1, rows=rows_, base=base)
    warc = tmp_path / "board.warc"
    write_warc(warc, [Capture(base + "forum-36-1.html", board, SAVED), *captures()[:1]])
    db = tmp_path / "a.db"
    result = archive(str(warc), "--db", str(db), "--json")
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert (summary["board_pages"], summary["pages"]) == (1, 1)
    conn = sqlite3.connect(db)
    assert conn.execute("select site, fid, name, url from boards").fetchall() == [
        ("bbs.example.cn/bbs", 36, "测试版块", base + "forum-36-1.html")
    ]
    listed = conn.execute("select tid, replies from board_threads order by tid").fetchall()
    assert listed == [(900, 0), (901, 1), (902, 2)]


def test_the_reader_reports_bytes_read_for_a_progress_bar(tmp_path):
    warc = tmp_path / "in.warc.gz"
    write_warc(warc, captures())
    seen: list[tuple[int, int]] = []
    archive_files(
        open_db(tmp_path / "a.db"), [str(warc)], on_bytes=lambda d, t: seen.append((d, t))
    )
    size = warc.stat().st_size
    assert seen[0] == (0, size) and seen[-1] == (size, size) and len(seen) == 5
    assert [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_standard_input_takes_a_web_archive_or_a_page(tmp_path, pinned):
    warc = tmp_path / "in.warc.gz"
    write_warc(warc, captures()[:2])
    db = tmp_path / "a.db"
    result = archive("-", "--db", str(db), "--json", input=warc.read_bytes())
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["pages"] == 2
    result = archive("-", "--db", str(db), "--json", input=FEATURES[2].read_bytes())
    assert result.exit_code == 0, result.stderr
    sources = [s for (s,) in sqlite3.connect(db).execute("select capture_file from pages")]
    assert sources == ["-", "-", None]


@pytest.mark.parametrize("gz", [True, False])
@pytest.mark.parametrize("damage", ["truncated", "corrupt"])
def test_a_damaged_warc_keeps_every_whole_record_then_stops_with_exit_10(tmp_path, gz, damage):
    whole = tmp_path / ("whole.warc.gz" if gz else "whole.warc")
    write_warc(whole, captures())
    data = whole.read_bytes()
    starts = [o for o, r in _offsets(whole) if r == "response"]
    third = starts[2]  # damage inside the third page's record
    cut = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    if damage == "truncated":
        cut.write_bytes(data[: third + 400])
    else:
        cut.write_bytes(data[:third] + b"\x00garbage\xff" * 40 + data[third + 400 :])
    db = tmp_path / "a.db"
    result = archive(str(cut), "--db", str(db), "--json")
    assert result.exit_code == 10, result.stderr
    assert isinstance(result.exception, SystemExit) and "Traceback" not in result.stderr
    line = [x for x in result.stderr.splitlines() if x.startswith("error:")]
    assert len(line) == 1 and f"at byte {third:,}" in line[0], result.stderr
    assert json.loads(result.stdout)["pages"] == 2
    assert sqlite3.connect(db).execute("select count(*) from pages").fetchone() == (2,)


def _offsets(path: Path) -> list[tuple[int, str]]:
    with path.open("rb") as stream:
        iterator = ArchiveIterator(stream)
        return [(iterator.get_record_offset(), record.rec_type) for record in iterator]


def test_media_places_are_kept_on_disk_and_gone_when_the_run_ends():
    place = MediaPlace("a.warc.gz", "a.warc.gz", "a.warc.gz", 1234, True)
    with DiskPlaces() as places:
        assert len(places) == 0 and "u" not in places and list(places) == []
        places["u"] = place
        places["u"] = replace(place, offset=99, ok=False)  # the later answer replaces it
        places["v"] = place
        assert places["u"] == replace(place, offset=99, ok=False)
        assert sorted(places) == ["u", "v"] and len(places) == 2
        del places["v"]
        with pytest.raises(KeyError):
            places["v"]
        folder = Path(places._folder.name)
        assert (folder / "places.db").is_file()
    assert not folder.exists()
