"""Whole boards: walk a forum's thread list and archive new or changed threads."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from archiver.archive import archive_board
from archiver.cli.main import app
from archiver.decode import decode
from archiver.fetch import Fetcher, make_client
from archiver.parse.board import parse_board
from archiver.store import open_db
from archiver.urls import parse_board_url

from .boardgen import Row, board_page
from .discuz_server import DiscuzServer, page, start_server
from .pagegen import thread_page
from .support import corpus_dir

BASE = "http://bbs.board.example/bbs/"
FID = 12
PER_PAGE = 20


def rows(changed: dict[int, int] | None = None) -> list[Row]:
    """60 threads, newest last post first; `changed` bumps some reply counts."""
    changed = changed or {}
    result = []
    for n in range(60):
        tid = 500 + n
        bump = changed.get(tid, 0)
        minute = 59 - n if not bump else 59
        result.append(
            Row(tid, f"测试主题 {tid}", f"作者{tid}", 1000 + tid, 3 + bump, 100 + n, "回帖人",
                f"2025-3-{15 - n // 20} 1{n % 10}:{minute:02d}")
        )  # fmt: skip
    return result


def serve(server: DiscuzServer, listed: list[Row]) -> None:
    for number in (1, 2, 3):
        chunk = listed[(number - 1) * PER_PAGE : number * PER_PAGE]
        body = board_page(fid=FID, name="测试版块", page=number, pages=3, rows=chunk, base=BASE)
        server.route(f"/bbs/forum.php?mod=forumdisplay&fid={FID}&page={number}", page(body))
    for row in listed:
        body = thread_page(tid=row.tid, page=1, pages=1, posts_per_page=row.replies + 1,
                           base=BASE, body_chars=40, replies=row.replies)  # fmt: skip
        server.route(f"/bbs/forum.php?mod=viewthread&tid={row.tid}&page=1", page(body))


def thread_fetches(server: DiscuzServer) -> list[int]:
    prefix = "/bbs/forum.php?mod=viewthread&tid="
    return sorted(
        int(p[len(prefix) :].split("&")[0]) for _, p in server.requests if p.startswith(prefix)
    )


@pytest.fixture
def server():
    with start_server({}) as running:
        yield running


def walk(db, server, **options):
    with make_client(timeout=5) as client:
        fetcher = Fetcher(client, delay=0, retries=1, sleep=lambda s: None)
        return archive_board(db, server.url(f"/bbs/forum-{FID}-1.html"), fetcher, **options)


def test_a_three_page_board_and_a_rerun_that_fetches_only_changed_threads(server, tmp_path):
    db = open_db(tmp_path / "board.db")
    serve(server, rows())
    first = walk(db, server)
    assert (first.error, first.pages_walked, first.threads_listed) == (None, 3, 60)
    assert len(first.runs) == 60 and all(r.error is None for r in first.runs)
    assert thread_fetches(server) == list(range(500, 560))
    assert db.table("board_threads").count == 60
    assert db.execute("select count(distinct tid) from posts").fetchone()[0] == 60
    assert db.execute(
        "select site, fid, name, page_count, pages_walked, threads_listed from boards"
    ).fetchall() == [("bbs.board.example/bbs", FID, "测试版块", 3, 3, 60)]
    server.requests.clear()
    serve(server, rows(changed={507: 1, 533: 2}))
    second = walk(db, server)
    assert second.error is None
    assert thread_fetches(server) == [507, 533]
    assert (second.threads_unchanged, len(second.runs)) == (58, 2)
    assert sum(r.posts_new for r in second.runs) == 3


def test_since_and_limit_stop_the_walk(server, tmp_path):
    db = open_db(tmp_path / "board.db")
    serve(server, rows())
    limited = walk(db, server, limit=5)
    assert (limited.pages_walked, limited.threads_listed) == (1, 5)
    assert thread_fetches(server) == list(range(500, 505))
    server.requests.clear()
    recent = walk(open_db(tmp_path / "other.db"), server, since="2025-03-15")
    assert (recent.pages_walked, recent.threads_listed) == (2, 20)


def test_cli_archive_board(server, tmp_path):
    serve(server, rows())
    db = str(tmp_path / "cli.db")
    args = ["archive-board", server.url(f"/bbs/forum.php?mod=forumdisplay&fid={FID}"), "--db", db,
            "--delay", "0", "--limit", "3", "--json"]  # fmt: skip
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout) == {
        "boards": 1, "pages_walked": 1, "threads_listed": 3, "threads_archived": 3,
        "threads_unchanged": 0, "pages_fetched": 3, "posts_new": 12, "errors": 0,
    }  # fmt: skip


@pytest.mark.parametrize(
    "url, base, fid, number",
    [
        ("https://bbs.example.cn/forum-36-2.html", "https://bbs.example.cn/", 36, 2),
        (
            "http://h.example/bbs/forum.php?mod=forumdisplay&fid=7&page=3",
            "http://h.example/bbs/",
            7,
            3,
        ),
        ("http://h.example/forum.php?mod=forumdisplay&amp;fid=7", "http://h.example/", 7, 1),
    ],
)
def test_board_urls(url, base, fid, number):
    ref = parse_board_url(url)
    assert (ref.base, ref.fid, ref.page) == (base, fid, number)


@pytest.mark.parametrize("set_name", ["x34-local", "x34-gbk-local", "x35-local"])
def test_corpus_board_pages(set_name):
    folder = corpus_dir(set_name)
    board = parse_board(decode((folder / "forumdisplay_fid2.html").read_bytes()).text)
    truth = json.loads((folder / "groundtruth.json").read_text("utf-8"))
    listed = {t.tid: t for t in board.threads}
    assert (board.fid, board.name, board.pages) == (2, "综合讨论区", 1)
    for thread in truth["threads"]:
        if thread["fid"] != 2:
            continue
        row = listed[thread["tid"]]
        assert (row.subject, row.author, row.uid, row.replies) == (
            thread["subject"],
            thread["author"],
            thread["authorid"],
            thread["replies"],
        )
