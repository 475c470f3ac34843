"""The Archiver text view (archiver/?tid-T.html): parsed, stored, and used as the last resort."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from archiver.archive import archive_url
from archiver.archive.files import archive_files
from archiver.cli.main import app
from archiver.decode import decode
from archiver.errors import NotAThreadPage, ThreadNotFound, TruncatedPage
from archiver.fetch import Fetcher, make_client, read_page
from archiver.parse import parse_page
from archiver.parse.textview import looks_like_textview, parse_textview
from archiver.read.export import to_json, to_markdown
from archiver.read.search import load_thread, search
from archiver.store import open_db

from .discuz_server import page, start_server
from .support import FIXTURES

SEED = FIXTURES / "archiver" / "seed-thread.html"
FEATURE = [FIXTURES / "archiver" / f"feature-thread-p{n}.html" for n in (1, 2)]


def parsed(path):
    page = read_page(path)
    return parse_page(decode(page.content).text, str(path))


def test_the_seed_thread_as_text_gives_what_the_text_shows():
    """Four posts: 泰州日报 (twice), 老街坊, 高港人; the app tail cut off as on desktop."""
    result = parsed(SEED)
    assert result.rendering == "archiver" and result.posts == []
    rows = [
        (p.floor, p.author, p.posted_at, p.posted_text, p.client_suffix, p.state)
        for p in result.text_posts
    ]
    assert rows == [
        (1, "泰州日报", "2024-10-24T18:32:07+08:00", "4 天前", None, "normal"),
        (2, "老街坊", "2024-10-24T19:05:44+08:00", "4 天前", None, "normal"),
        (3, "泰州日报", "2024-10-24T20:17:31+08:00", "4 天前", "来自安卓客户端", "normal"),
        (4, "高港人", "2024-10-25T08:46:12+08:00", "3 天前", "来自安卓客户端", "normal"),
    ]
    assert [p.body_text for p in result.text_posts[1:]] == [
        "项目招引方面,远的不说,高新区就跟泰兴比比吧",
        "新高区的新闻内容越来越虚了。",
        "融合两年了,一加一大于二了吗",
    ]
    first = result.text_posts[0]
    assert first.subject == result.thread.subject
    assert first.body_text.startswith("“医药高新区(高港区)的发展高度决定着泰州的发展高度")
    assert first.body_text.endswith("编辑:王魁 袁婷\n\n校对:王晶\n\n责编:姜景旸")
    thread = dataclasses.asdict(result.thread)
    assert {k: thread[k] for k in ("site", "tid", "fid", "forum", "page", "pages")} == {
        "site": "bbs.taizhou.example", "tid": 3068512, "fid": 42, "forum": "泰州新闻",
        "page": 1, "pages": 1,
    }  # fmt: skip


def test_the_text_view_agrees_with_the_desktop_page():
    desktop = parsed(FIXTURES / "seed-thread.html")
    text = parsed(SEED)
    assert text.thread.subject == desktop.thread.subject
    assert [
        (p.floor, p.author, p.posted_at, p.body_text, p.client_suffix) for p in text.text_posts
    ] == [(p.floor, p.author, p.posted_at, p.body_text, p.client_suffix) for p in desktop.posts]


def test_anonymous_hidden_and_not_shown_posts_and_the_last_page():
    first, second = (parsed(path) for path in FEATURE)
    assert (first.thread.page, first.thread.pages, second.thread.page) == (1, 2, 2)
    by_floor = {p.floor: p for p in first.text_posts}
    # the view prints the message's runs of spaces as &nbsp; and [hide] as a bold notice
    assert by_floor[1].body_text == (
        "家里刚换了千兆宽带，原来的路由器跑不满。\n\n预算 500 以内，求推荐   谢谢！\n"
        "**** Hidden Message *****"
    )
    assert (by_floor[3].author, by_floor[3].state, by_floor[3].body_text) == (
        "被封的人",
        "not_shown",
        "",
    )
    assert (by_floor[4].author, by_floor[4].author_kind) == (None, "anonymous")
    assert by_floor[4].body_text == "匿名说一句：𠮷 这个字也能显示。"
    assert (by_floor[5].body_text, by_floor[5].client_suffix) == ("mark 一下", "来自Android客户端")
    # the last page's size says nothing about the page size: floors come from page 1 (store)
    assert [p.floor for p in second.text_posts] == [None, None]


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_stored_text_posts_get_their_floors_in_either_order(tmp_path, order):
    db = open_db(tmp_path / "archive.db")
    outcomes = archive_files(db, [str(FEATURE[i]) for i in order])
    assert [o.error for o in outcomes] == [None, None]
    rows = db.execute(
        "select page_number, idx, floor, author, state from text_posts order by floor"
    ).fetchall()
    assert rows == [
        (1, 1, 1, "数码老王", "normal"), (1, 2, 2, "小区网管", "normal"),
        (1, 3, 3, "被封的人", "not_shown"), (1, 4, 4, None, "normal"),
        (1, 5, 5, "路过的书生", "normal"), (2, 1, 6, "数码老王", "normal"),
        (2, 2, 7, "快乐的兔子", "normal"),
    ]  # fmt: skip
    assert db.execute(
        "select rendering, page_number from pages order by page_number"
    ).fetchall() == [
        ("archiver", 1),
        ("archiver", 2),
    ]
    assert db.execute("select count(*) from posts").fetchone()[0] == 0
    again = archive_files(db, [str(p) for p in FEATURE])
    assert [(o.saved.posts_new, o.saved.posts_changed) for o in again if o.saved] == [
        (0, 0),
        (0, 0),
    ]


def test_truncated_and_foreign_pages_are_clear_errors():
    text = decode(read_page(FEATURE[0]).content).text
    with pytest.raises(TruncatedPage, match="cut short"):
        parse_textview(text[: len(text) // 2], "x.html")
    assert not looks_like_textview("<html><title>A - Powered by Discuz!</title></html>")
    with pytest.raises(NotAThreadPage, match="without posts"):
        parse_textview(
            text.split('<p class="author">')[0] + '<div class="page"></div></div></body></html>',
            "x.html",
        )


def test_relative_times_without_a_title_resolve_against_the_fetch_time():
    text = decode(read_page(FEATURE[1]).content).text
    text = text.replace('<span title="2025-3-15 05:12:44">9&nbsp;小时前</span>', "9&nbsp;小时前")
    now = dt.datetime(2025, 3, 15, 6, 20, tzinfo=dt.timezone.utc)  # 14:20 at +08:00
    post = parse_textview(text, "x.html", now=now).text_posts[0]
    assert (post.posted_text, post.posted_at, post.posted_precision) == (
        "9 小时前",
        "2025-03-15T05:20:00+08:00",
        "hour",
    )


CHALLENGE = b"<html><head><title>Just a moment</title></head><body>checking</body></html>"


def serve_text_thread(server):
    server.route("/bbs/forum.php?mod=viewthread&tid=777&page=1", page(CHALLENGE))
    for n, path in enumerate(FEATURE, 1):
        suffix = "" if n == 1 else f"&page={n}"
        server.route(f"/bbs/archiver/?tid-777.html{suffix}", page(path.read_bytes()))


def crawl(db, server, source):
    with make_client(timeout=5.0) as client:
        fetcher = Fetcher(client, delay=0, retries=0, sleep=lambda s: None)
        return archive_url(db, server.url("/bbs/thread-777-1-1.html"), fetcher, source=source)


def test_auto_falls_back_to_the_text_view_when_nothing_else_is_readable(tmp_path):
    db = open_db(tmp_path / "archive.db")
    with start_server({}) as server:
        serve_text_thread(server)
        run = crawl(db, server, "auto")
        assert (run.error, run.pages_fetched, run.posts_new, run.posts_gone) == (None, 2, 7, 0)
        assert any("archived the Archiver text view" in w for w in run.warnings)
        assert server.count("/bbs/archiver/?tid-777.html") == 1
        # forcing the desktop pages gives the desktop page's error, with no fallback
        forced = crawl(db, server, "desktop")
        assert isinstance(forced.error, NotAThreadPage) and forced.pages_fetched == 0
        # a rerun asks for page 1 and from the last archived text page on
        again = crawl(db, server, "archiver")
        assert (again.error, again.pages_fetched, again.posts_new) == (None, 2, 0)
    assert db.execute("select count(*), count(floor) from text_posts").fetchone() == (7, 7)
    assert db.execute("select distinct rendering from pages").fetchall() == [("archiver",)]


def test_a_forum_message_is_an_answer_not_a_reason_to_fall_back(tmp_path):
    db = open_db(tmp_path / "archive.db")
    with start_server({}) as server:
        serve_text_thread(server)
        missing = (FIXTURES / "errors" / "missing-thread.html").read_bytes()
        server.route("/bbs/forum.php?mod=viewthread&tid=777&page=1", page(missing))
        run = crawl(db, server, "auto")
    assert isinstance(run.error, ThreadNotFound)
    assert server.count("/bbs/archiver/?tid-777.html") == 0


def test_search_show_and_export_read_text_posts(tmp_path):
    path = tmp_path / "archive.db"
    db = open_db(path)
    archive_files(db, [str(p) for p in FEATURE] + [str(FIXTURES / "seed-thread.html")])
    hits = search(db, "千兆宽带")
    assert [(h.tid, h.pid, h.floor, h.author) for h in hits] == [
        (777, None, 2, "小区网管"), (777, None, 1, "数码老王")
    ]  # fmt: skip
    assert [h.floor for h in search(db, "恭喜")] == [7]
    doc = load_thread(db, "bbs.feature.example/bbs", 777)
    assert (doc.posts, [p["floor"] for p in doc.text_posts]) == ([], [1, 2, 3, 4, 5, 6, 7])
    assert "## 4 · (匿名) · 2025-03-12 08:11 · (Archiver text view)" in to_markdown(doc)
    assert json.loads(to_json(doc))["text_posts"][6]["body_text"] == "恭喜！"
    # floors a real post covers are not repeated from the text view
    archive_files(db, [str(SEED)])
    seed = load_thread(db, "bbs.taizhou.example", 3068512)
    assert (len(seed.posts), seed.text_posts) == (4, [])
    shown = CliRunner().invoke(app, ["show", "777", "--db", str(path)])
    assert shown.exit_code == 0 and "7 · 快乐的兔子" in shown.stdout
