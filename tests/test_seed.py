"""The thread the user named: archiving it gives exactly what its text rendering shows."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from archiver.cli.main import app

from .support import FIXTURES, ROOT

SEED = FIXTURES / "seed-thread.html"
SEED_TEXT = ROOT.parent / "shared" / "seed" / "thread-as-text.txt"
TAG = "来自安卓客户端"


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("seed") / "archive.db"
    result = CliRunner().invoke(app, ["archive", str(SEED), "--db", str(path)])
    assert result.exit_code == 0, result.stderr
    return path


def query(db, sql):
    result = CliRunner().invoke(app, ["query", "--db", str(db), "--json", sql])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_the_four_posts(db):
    rows = query(
        db,
        "select floor, floor_label, pid, author, uid, is_thread_author, posted_at, posted_text, "
        "client_tag, state from posts order by floor",
    )
    assert rows == [
        {"floor": 1, "floor_label": "楼主", "pid": 40156231, "author": "泰州日报", "uid": 10086,
         "is_thread_author": 1, "posted_at": "2024-10-24T18:32:07+08:00", "posted_text": "4 天前",
         "client_tag": None, "state": "normal"},
        {"floor": 2, "floor_label": "2#", "pid": 40156309, "author": "老街坊", "uid": 58231,
         "is_thread_author": 0, "posted_at": "2024-10-24T19:05:44+08:00", "posted_text": "4 天前",
         "client_tag": None, "state": "normal"},
        {"floor": 3, "floor_label": "3#", "pid": 40156422, "author": "泰州日报", "uid": 10086,
         "is_thread_author": 1, "posted_at": "2024-10-24T20:17:31+08:00", "posted_text": "4 天前",
         "client_tag": TAG, "state": "normal"},
        {"floor": 4, "floor_label": "4#", "pid": 40157983, "author": "高港人", "uid": 301877,
         "is_thread_author": 0, "posted_at": "2024-10-25T08:46:12+08:00", "posted_text": "3 天前",
         "client_tag": TAG, "state": "normal"},
    ]  # fmt: skip


def test_replies_have_their_text_without_the_client_tag(db):
    rows = query(db, "select floor, body_text, body_html from posts where floor > 1 order by floor")
    assert [(r["floor"], r["body_text"]) for r in rows] == [
        (2, "项目招引方面,远的不说,高新区就跟泰兴比比吧"),
        (3, "新高区的新闻内容越来越虚了。"),
        (4, "融合两年了,一加一大于二了吗"),
    ]
    assert all(TAG not in r["body_html"] for r in rows)


def test_the_author_panels(db):
    rows = query(
        db,
        "select uid, name, group_title, rank, thread_count, post_count, credits, profile "
        "from users order by uid",
    )
    assert rows == [
        {"uid": 10086, "name": "泰州日报", "group_title": None, "rank": None,
         "thread_count": None, "post_count": None, "credits": None, "profile": None},
        {"uid": 58231, "name": "老街坊", "group_title": "金牌会员", "rank": 6,
         "thread_count": 308, "post_count": 2202, "credits": 2698,
         "profile": '{"积分": "2698"}'},
        {"uid": 301877, "name": "高港人", "group_title": "高级会员", "rank": 4,
         "thread_count": 15, "post_count": 418, "credits": 752,
         "profile": json.dumps({"积分": "752", "QQ": "//wpa.qq.com/msgrd?v=3&uin=2837419650&"
                                "site=泰州论坛&menu=yes&from=discuz"}, ensure_ascii=False)},
    ]  # fmt: skip


def test_the_thread(db):
    assert query(db, "select site, tid, fid, forum, views, replies, page_count from threads") == [
        {"site": "bbs.taizhou.example", "tid": 3068512, "fid": 42, "forum": "泰州新闻",
         "views": 1523, "replies": 3, "page_count": 1}
    ]  # fmt: skip


def test_the_news_post_is_the_seed_text():
    if not SEED_TEXT.exists():
        pytest.skip(f"{SEED_TEXT} is not here (shared/ beside the repo)")
    text = SEED_TEXT.read_text(encoding="utf-8")
    news = text[: text.index("责编:姜景旸") + len("责编:姜景旸")]
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", news) if p.strip()]
    from archiver.decode import decode
    from archiver.parse import parse_page

    first = parse_page(decode(SEED.read_bytes()).text).posts[0]
    assert first.body_text == "\n\n".join(paragraphs)


def test_chinese_search_finds_the_news(db):
    rows = query(
        db,
        "select p.floor from posts_fts join posts p on p.rowid = posts_fts.rowid "
        "where posts_fts match '医药高新区' order by p.floor",
    )
    assert rows == [{"floor": 1}]
