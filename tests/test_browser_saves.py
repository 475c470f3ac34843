"""Thread pages as a web browser saved them from the lab's stock X3.4 UTF-8 forum
(fixtures/browser/README.md says how each was made), checked against the forum's own rows."""

from __future__ import annotations

import datetime as dt
import json
import shutil

import pytest

from archiver.archive.files import archive_files
from archiver.decode import decode
from archiver.errors import DiscuzMessage
from archiver.fetch import read_page
from archiver.parse import parse_page
from archiver.store import open_db

from .support import FIXTURES

BROWSER = FIXTURES / "browser"
SITE_OFFSET = dt.timezone(dt.timedelta(hours=8))  # the forum's timeoffset setting


def test_a_guest_post_seen_by_a_moderator_is_the_guest_not_the_edit_link():
    # a moderator's panel of a guest's post (authorid 0) has p.cp_pls: IP, 编辑 (admin.php …
    # &uid=0), 禁止, 帖子, 清理 (…&uid=0): those links name no author
    page = read_page(BROWSER / "moderator-guest-post.html")
    parsed = parse_page(decode(page.content).text, page.url)
    rows = json.loads((BROWSER / "moderator-guest-post.rows.json").read_text("utf-8"))
    posts = {post.pid: post for post in parsed.posts}
    shown = [row for row in rows if row["pid"] in posts]
    assert [row["pid"] for row in shown] == [31, 32, 33, 34]
    for row in shown:
        post = posts[row["pid"]]
        real = dt.datetime.fromtimestamp(row["dateline"], SITE_OFFSET).isoformat()
        assert post.posted_at == real
        if row["authorid"]:
            assert (post.author, post.uid, post.author_kind) == (
                row["author"],
                row["authorid"],
                "member",
            )
        else:
            assert (post.author, post.uid, post.author_kind) == ("匿名", None, "guest")


def test_an_error_of_a_browser_saved_page_names_the_file(tmp_path):
    # pages saved from one address (a guest refused twice) must not give two lines alike
    first, second = tmp_path / "refused.html", tmp_path / "refused again.html"
    shutil.copy(BROWSER / "guest-readperm-refused.html", first)
    second.write_bytes(first.read_bytes() + b"\n")  # the same page saved a second time
    outcomes = archive_files(open_db(tmp_path / "a.db"), [str(first), str(second)])
    said = [str(outcome.error) for outcome in outcomes]
    address = "http://127.0.0.1:8080/forum.php?mod=viewthread&tid=17"
    assert said[0].startswith(f"{first} (saved from {address}): Discuz! says 「抱歉，")
    assert said[1].startswith(f"{second} (saved from {address}): ")
    # --cookies is for URLs: a page saved refused is saved again, logged in
    assert said[0].endswith(
        "」: save the page again from a browser logged in as a member who may read it"
    )


def test_the_page_a_login_answers_with_is_not_a_request_to_log_in(tmp_path):
    # a member saved member.php?mod=logging&action=login: 欢迎您回来 …, 现在将转入登录前页面
    saved = BROWSER / "member-login-welcome.html"
    outcomes = archive_files(open_db(tmp_path / "a.db"), [str(saved)])
    error = outcomes[0].error
    assert type(error) is DiscuzMessage
    assert str(error) == (
        f"{saved} (saved from http://127.0.0.1:8080/member.php?mod=logging&action=login): "
        "Discuz! says 「欢迎您回来，管理员 admin，现在将转入登录前页面」: that is the page a login "
        "answers with: open the thread, then save or archive that page"
    )


@pytest.mark.parametrize("saved", ["complete-guest-thread.html", "singlefile-guest-thread.html"])
def test_a_browsers_copy_of_an_avatar_is_no_avatar_url(saved, tmp_path):
    # Chrome's "complete" copy points the avatar at ./NAME_files/avatar(1).php, SingleFile at a
    # data: URI: neither is where the forum serves it (a false change of each member, a fetch
    # of a URL that never was)
    page = read_page(BROWSER / saved)
    parsed = parse_page(decode(page.content).text, page.url)
    rows = json.loads((BROWSER / "guest-thread.rows.json").read_text("utf-8"))
    assert [post.pid for post in parsed.posts] == [row["pid"] for row in rows]
    for post, row in zip(parsed.posts, rows, strict=True):
        real = dt.datetime.fromtimestamp(row["dateline"], SITE_OFFSET).isoformat()
        assert (post.floor, post.author, post.uid, post.posted_at) == (
            row["position"],
            row["author"],
            row["authorid"],
            real,
        )
        assert post.profile is not None and post.profile.avatar_url is None
    db = open_db(tmp_path / "a.db")
    archive_files(db, [str(BROWSER / saved)])
    assert (
        db.execute("select count(*) from user_snapshots where avatar_url is not null").fetchone()[0]
        == 0
    )


def test_a_closed_thread_saved_as_mhtml_is_closed(tmp_path):
    # Chrome's MHTML keeps no onclick: the [复制链接] link beside the subject is known by its words
    row = json.loads((BROWSER / "closed-thread.row.json").read_text("utf-8"))
    db = open_db(tmp_path / "a.db")
    outcomes = archive_files(db, [str(BROWSER / "closed-thread.mhtml")])
    assert [outcome.error for outcome in outcomes] == [None]
    thread = db.execute("select site, tid, fid, subject, closed from threads").fetchall()
    assert thread == [("127.0.0.1:8080", row["tid"], row["fid"], row["subject"], row["closed"])]
