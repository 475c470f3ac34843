"""Storage: whole rows, idempotent re-archiving, revisions, snapshots, full-text search."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import time
import zlib

import pytest

from archiver.archive.files import archive_page
from archiver.errors import StorageError
from archiver.fetch import Page
from archiver.store import open_db, sha256

from .support import FIXTURES

X35 = FIXTURES / "variants" / "x35-utf8.html"
SITE = "club.x35.example/bbs"
SAVED = dt.datetime(2024, 10, 28, 13, 31, tzinfo=dt.timezone.utc)
FIRST = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)
LATER = dt.datetime(2026, 2, 3, 4, 5, 6, tzinfo=dt.timezone.utc)


def page_of(content: bytes, source: str = "x35-utf8.html") -> Page:
    return Page(source=source, content=content, fetched_at=SAVED)


@pytest.fixture
def db(tmp_path):
    return open_db(tmp_path / "archive.db")


@pytest.fixture
def archived(db):
    archive_page(db, page_of(X35.read_bytes()), archived_at=FIRST)
    return db


def rows(db, sql, params=()):
    return [dict(r) for r in db.query(sql, params)]


def test_thread_row(archived):
    assert rows(archived, "select * from threads") == [
        {
            "site": SITE,
            "tid": 5120,
            "fid": 41,
            "subject": "周末环湖 60 公里路线分享（附补给点）",
            "forum": "城市骑行",
            "forum_path": '["骑行天地", "城市骑行"]',
            "views": 1532,
            "replies": 2,
            "page_count": 1,
            "thread_author": "青柠汽水",
            "thread_author_uid": 1207,
            "discuz_version": "X3.5",
            "timezone": "+08:00",
            "canonical_url": "https://club.x35.example/bbs/forum.php?mod=viewthread&tid=5120",
            "base_url": "https://club.x35.example/bbs/",
            "rendered_at": "2024-10-28T21:30:00+08:00",
            "first_archived_at": "2026-01-02T03:04:05+00:00",
            "last_archived_at": "2026-01-02T03:04:05+00:00",
            # a desktop page shows no 精华 or 置顶 level, nor 阅读权限
            "unknown_fields": '["digest", "sticky", "readperm", "rush_times", "rush_reply_limit"]',
            "thread_type": None,  # this thread has no 主题分类
            "thread_type_id": None,
            "closed": 0,  # the stock slot beside the subject shows no 关闭
            "digest": None,
            "sticky": None,
            "stamp": None,  # no 图章
            "price": None,
            "readperm": None,
        }
    ]


def test_post_rows(archived):
    posts = rows(archived, "select * from posts order by floor")
    reply = {
        "site": SITE,
        "pid": 230017,
        "tid": 5120,
        "page_number": 1,
        "floor": 2,
        "floor_label": "2#",
        "position": 2,
        "uid": 5530,
        "author": "推着单车走",
        "author_kind": "member",
        "is_thread_author": 0,
        "posted_at": "2024-10-27T22:48:05+08:00",
        "posted_text": "昨天 22:48",
        "posted_precision": "second",
        "client_tag": "来自手机",
        "client_suffix": None,
        "body_html": "收藏了，下周末准备去走一趟。请问白鹭湾那边有没有地方停车？",
        "body_text": "收藏了，下周末准备去走一趟。请问白鹭湾那边有没有地方停车？",
        "edited_by": None,
        "edited_at": None,
        "state": "normal",
        "rendering": "desktop",
        "unknown_fields": "[]",
        "pinned_first_seen_at": None,
        "pinned_last_seen_at": None,
        "recommended_first_seen_at": None,
        "recommended_last_seen_at": None,
        "page_id": 1,
        "first_seen_at": "2026-01-02T03:04:05+00:00",
        "last_seen_at": "2026-01-02T03:04:05+00:00",
        "gone_at": None,
        "warned_first_seen_at": None,
        "warned_last_seen_at": None,
        "code_blocks": "[]",
        "reply_credit": None,
        "rush_floor": None,
        "reply_credit_name": None,
        "support": None,  # this page shows no 支持 / 反对 (repliesrank off)
        "against": None,
        "body_part": None,  # the whole post (no [page] in it)
    }
    assert posts[1] == reply
    assert [(p["pid"], p["floor"], p["is_thread_author"], p["posted_at"]) for p in posts] == [
        (230001, 1, 1, "2024-10-26T09:12:33+08:00"),
        (230017, 2, 0, "2024-10-27T22:48:05+08:00"),
        (230020, 3, 1, "2024-10-28T20:05:51+08:00"),
    ]
    quoting = posts[2]
    assert quoting["body_text"] == "白鹭湾游客中心有免费停车场，早上 8 点前去基本都有位置。"
    assert (
        'href="https://club.x35.example/bbs/forum.php?mod=redirect&amp;goto=findpost&amp;'
        'pid=230017&amp;ptid=5120"' in quoting["body_html"]
    )


def test_quote_rows(archived):
    assert rows(archived, "select * from quotes") == [
        {
            "site": SITE,
            "pid": 230020,
            "idx": 0,
            "quoted_pid": 230017,
            "quoted_author": "推着单车走",
            "quoted_time_text": "2024-10-27 22:48",
            "quoted_at": "2024-10-27T22:48:00+08:00",
            "text": "收藏了，下周末准备去走一趟。请问白鹭湾那边有没有地方停车？",
            "version": 1,
            "replaced_at": None,
        }
    ]


def test_user_rows_and_snapshots(archived):
    user = {
        "site": SITE,
        "uid": 5530,
        "name": "推着单车走",
        "group_title": "注册会员",
        "gid": 11,
        "rank": 2,
        "thread_count": 2,
        "post_count": 59,
        "reply_count": 57,
        "credits": 188,
        "custom_title": None,
        "avatar_url": "https://club.x35.example/bbs/uc_server/avatar.php?uid=5530&size=middle",
        "medals": None,
        "stats": '{"主题": "2", "回帖": "57", "积分": "188"}',
        "profile": '{"积分": "188"}',
    }
    assert rows(archived, "select * from users where uid = 5530") == [
        {**user, "seen_at": "2024-10-28T21:30:00+08:00"}
    ]
    assert rows(archived, "select * from user_snapshots where uid = 5530") == [
        {**user, "page_id": 1, "seen_at": "2024-10-28T21:30:00+08:00"}
    ]
    assert archived.execute("select uid, credits from users where uid = 1207").fetchone() == (
        1207,
        15873,
    )


def test_raw_page_is_kept_less_its_session_values(archived):
    raw = X35.read_bytes()
    # the formhash: four hidden inputs, four formhash= links and the follow link's hash=
    content = raw.replace(b"5e1c9a0d", b"REDACTED")
    assert raw.count(b"5e1c9a0d") == 9
    [page] = rows(archived, "select * from pages")
    assert zlib.decompress(page.pop("content")) == content
    assert page == {
        "id": 1,
        "sha256": sha256(content),
        "site": SITE,
        "tid": 5120,
        "page_number": 1,
        "source": "x35-utf8.html",
        "url": None,
        "archived_at": "2026-01-02T03:04:05+00:00",
        "fetched_at": "2024-10-28T13:31:00+00:00",
        "status": None,
        "headers": None,
        "charset": "utf-8",
        "declared_charset": "utf-8",
        "replacements": 0,
        "size": len(content),
        "compression": "zlib",
        "rendering": "desktop",
        "redactions": "formhash",
        "capture_file": None,  # a saved file, not a web archive
        "capture_record_id": None,
        "capture_offset": None,
    }


def counts(db):
    tables = [r[0] for r in db.execute("select name from sqlite_master where type = 'table'")]
    return {t: db.table(t).count for t in tables}


def test_rearchiving_adds_nothing(archived):
    before = counts(archived)
    archive_page(archived, page_of(X35.read_bytes()), archived_at=LATER)
    assert counts(archived) == before
    assert archived.execute("pragma integrity_check").fetchone()[0] == "ok"
    assert archived.execute("select distinct last_seen_at from posts").fetchall() == [
        ("2026-02-03T04:05:06+00:00",)
    ]
    assert archived.execute("select distinct first_seen_at from posts").fetchall() == [
        ("2026-01-02T03:04:05+00:00",)
    ]


def test_an_edited_post_keeps_its_earlier_version(archived):
    old_text = "收藏了，下周末准备去走一趟。请问白鹭湾那边有没有地方停车？"
    new_text = "收藏了，已经走过一趟，停车很方便。"
    edited = X35.read_bytes().replace(old_text.encode(), new_text.encode(), 1)
    edited = edited.replace(b"GMT+8, 2024-10-28 21:30", b"GMT+8, 2024-10-30 08:00")
    archive_page(archived, page_of(edited, "later.html"), archived_at=LATER)
    assert archived.execute("select body_text from posts where pid = 230017").fetchone() == (
        new_text,
    )
    assert rows(archived, "select * from post_revisions") == [
        {
            "site": SITE,
            "pid": 230017,
            "revision": 1,
            "body_html": old_text,
            "body_text": old_text,
            "state": "normal",
            "edited_by": None,
            "edited_at": None,
            "client_tag": "来自手机",
            "client_suffix": None,
            "rendering": "desktop",
            "first_seen_at": "2026-01-02T03:04:05+00:00",
            "last_seen_at": "2026-01-02T03:04:05+00:00",
            "replaced_at": "2026-02-03T04:05:06+00:00",
            "page_id": 1,
        }
    ]
    assert archived.table("pages").count == 2
    assert archived.table("user_snapshots").count == 4
    assert archived.execute("select distinct seen_at from users").fetchall() == [
        ("2024-10-30T08:00:00+08:00",)
    ]
    # the full-text index follows the new text
    hits = archived.execute(
        "select p.pid from posts_fts join posts p on p.rowid = posts_fts.rowid "
        "where posts_fts match ?",
        ["停车很方便"],
    ).fetchall()
    assert hits == [(230017,)]


def test_an_older_page_does_not_overwrite_newer_user_values(archived):
    older = X35.read_bytes().replace(b"GMT+8, 2024-10-28 21:30", b"GMT+8, 2024-10-01 08:00")
    older = older.replace(b">188</a>", b">100</a>")
    archive_page(archived, page_of(older, "older.html"), archived_at=LATER)
    assert archived.execute("select credits, seen_at from users where uid = 5530").fetchone() == (
        188,
        "2024-10-28T21:30:00+08:00",
    )
    assert archived.execute(
        "select credits from user_snapshots where uid = 5530 order by seen_at"
    ).fetchall() == [(100,), (188,)]


@pytest.mark.parametrize(
    "term, pids",
    [
        ("补给点", [230001]),
        ("白鹭湾游客中心", [230020]),
        ("停车", []),  # two characters: below the trigram size, needs LIKE (see issue 4)
        ("不存在的词语", []),
    ],
)
def test_fulltext_finds_chinese(archived, term, pids):
    hits = archived.execute(
        "select p.pid from posts_fts join posts p on p.rowid = posts_fts.rowid "
        "where posts_fts match ? order by p.pid",
        [json.dumps(term, ensure_ascii=False)],
    ).fetchall()
    assert [h[0] for h in hits] == pids


def test_subjects_are_searchable(archived):
    hits = archived.execute(
        "select t.tid from threads_fts join threads t on t.rowid = threads_fts.rowid "
        "where threads_fts match ?",
        ["环湖"],
    ).fetchall()
    assert hits == []  # two characters
    hits = archived.execute(
        "select t.tid from threads_fts join threads t on t.rowid = threads_fts.rowid "
        "where threads_fts match ?",
        ["路线分享"],
    ).fetchall()
    assert hits == [(5120,)]


def test_the_thread_keeps_page_one_canonical_link(tmp_path):
    db = open_db(tmp_path / "a.db")
    first = (FIXTURES / "features" / "thread-p1.html").read_bytes()
    second = (
        (FIXTURES / "features" / "thread-p2.html")
        .read_bytes()
        .replace(
            b'viewthread&tid=777" rel="canonical"', b'viewthread&tid=777&page=2" rel="canonical"'
        )
    )
    assert second != (FIXTURES / "features" / "thread-p2.html").read_bytes()
    for content in (first, second):
        now = dt.datetime(2025, 3, 15, tzinfo=dt.timezone.utc)
        archive_page(db, Page(source="x.html", content=content, fetched_at=now))
    assert db.execute("select canonical_url from threads").fetchone() == (
        "http://bbs.feature.example/forum/forum.php?mod=viewthread&tid=777",
    )


@pytest.fixture
def read_only_folder(tmp_path):
    """A folder holding an archive where no one may create files: a mode for a user, the
    immutable flag for root, who ignores modes (CI runs as root)."""
    folder = tmp_path / "read-only"
    folder.mkdir()
    open_db(folder / "archive.db").conn.close()
    if os.geteuid() != 0:
        folder.chmod(0o555)
        undo = ["chmod", "755", str(folder)]
    else:
        chattr = shutil.which("chattr")
        if chattr is None or subprocess.run([chattr, "+i", str(folder)]).returncode != 0:
            pytest.skip("running as root on a filesystem without the immutable flag")
        undo = [chattr, "-i", str(folder)]
    try:
        with pytest.raises(OSError):
            (folder / "probe").touch()
        yield folder
    finally:
        subprocess.run(undo, check=True)


def test_a_database_in_a_read_only_folder_fails_at_once(read_only_folder):
    """Only a busy database is waited for; a folder where -wal/-shm cannot be made is not."""
    started = time.monotonic()
    with pytest.raises(StorageError, match="unable to open .* must exist and be writable"):
        open_db(read_only_folder / "archive.db")
    assert time.monotonic() - started < 5  # the busy timeout it used to wait out is 30 s
