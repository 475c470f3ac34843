"""只看该作者 pages (authorid=N) and the thread author across pages.

Discuz numbers a view's posts 1, 2, 3… (forum_viewthread.php drops maxposition for authorid),
so its floors, labels, pager and floor 1 are the view's. The pages in fixtures/views/ were
rendered by the lab's stock X3.4 UTF-8 install of the zoo thread (fixtures/views/README.md).
"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest

from archiver.archive.files import archive_page
from archiver.fetch import Page
from archiver.parse import parse_page
from archiver.parse.skeleton import ONLY_AUTHOR_NOTE, only_author_view
from archiver.store import open_db
from archiver.store.queries import archived_pages

from .support import FIXTURES

VIEWS = FIXTURES / "views"
ZOO = FIXTURES / "zoo"
THREAD = "http://127.0.0.1:8080/forum.php?mod=viewthread&tid=1"
SAVED = dt.datetime(2026, 12, 6, 2, 29, tzinfo=dt.timezone.utc)


def view(name: str, url: str | None = None):
    return parse_page((VIEWS / name).read_text(encoding="utf-8"), url, now=SAVED)


def test_a_view_of_a_repliers_posts_keeps_no_floor_and_no_thread_author():
    page = view("x34-only-author-3.html")
    assert page.thread.only_author is True
    assert [(p.pid, p.author, p.uid, p.floor, p.floor_label, p.is_thread_author)
            for p in page.posts] == [
        (2, "lisa2019", 3, None, None, False),
        (11, "lisa2019", 3, None, None, False),
        (18, "lisa2019", 3, None, None, False),
    ]  # fmt: skip
    # the view calls pid 2 楼主 and shows it first: neither is the thread's
    assert (page.thread.thread_author, page.thread.thread_author_uid) == (None, None)
    assert page.warnings == [ONLY_AUTHOR_NOTE]


def test_a_view_of_the_starters_posts_knows_the_starter_by_the_lz_marks():
    page = view("x34-only-author-2.html")
    assert page.thread.only_author is True
    assert (page.thread.thread_author, page.thread.thread_author_uid) == ("张小喆", 2)
    assert [(p.pid, p.floor, p.floor_label, p.is_thread_author) for p in page.posts] == [
        (1, None, None, True), (5, None, None, True), (12, None, None, True),
        (19, None, None, True), (25, None, None, True),
    ]  # fmt: skip


def test_a_touch_view_takes_no_thread_author_from_its_own_links():
    page = view("x34-only-author-3-touch.html", f"{THREAD}&authorid=3&mobile=2")
    assert (page.rendering, page.thread.only_author) == ("touch", True)
    assert (page.thread.thread_author, page.thread.thread_author_uid) == (None, None)
    assert [(p.pid, p.floor, p.floor_label, p.is_thread_author) for p in page.posts] == [
        (2, None, None, False), (11, None, None, False), (18, None, None, False),
    ]  # fmt: skip


def test_an_api_view_is_known_by_the_url_asked_for():
    answer = (FIXTURES / "api" / "feature-thread-p1.json").read_text(encoding="utf-8")
    api = (
        "http://bbs.feature.example/forum/api/mobile/index.php?version=4&module=viewthread&tid=777"
    )
    page = parse_page(answer, f"{api}&authorid=1024")
    assert (page.thread.only_author, page.thread.replies, page.warnings) == (
        True, None, [ONLY_AUTHOR_NOTE],
    )  # fmt: skip
    assert [(p.pid, p.floor, p.floor_label, p.is_thread_author) for p in page.posts][:3] == [
        (2310517, None, None, True), (2342033, None, None, True), (2341765, None, None, False),
    ]  # fmt: skip
    whole = parse_page(answer, api)
    assert (whole.thread.only_author, [p.floor for p in whole.posts][:3]) == (False, [1, 9, None])


@pytest.mark.parametrize(
    ("html", "url", "expected"),
    [
        ("<script>keyPageScroll(e, 0, 0, 'forum.php?mod=viewthread&tid=1&amp;extra="
         "&amp;authorid=3', 1);</script>", None, True),
        ("<script>keyPageScroll(e, 0, 1, 'forum.php?mod=viewthread&tid=1&amp;extra=', 1);</script>",
         None, False),
        ('<a href="forum.php?mod=viewthread&tid=1&authorid=3&mobile=no">电脑版</a>', None, True),
        ('<a href="forum.php?mod=viewthread&tid=1&mobile=no">电脑版</a><a href="forum.php?'
         'mod=viewthread&tid=1&page=1&authorid=3&mobile=2">只看他</a>', None, False),
        ("", f"{THREAD}&page=2&authorid=3", True),
        # a robot's user agent gets 显示全部楼层 on every page: not a view
        ('<a href="forum.php?mod=viewthread&tid=1&page=1">显示全部楼层</a>', THREAD, False),
    ],
)  # fmt: skip
def test_a_view_is_known_by_the_url_it_writes_of_itself(html, url, expected):
    one_member = [SimpleNamespace(uid=3, is_copy=False)] * 2
    assert only_author_view(html, url, one_member) is expected


def test_a_page_of_two_members_posts_is_searched_for_no_view():
    script = "<script>keyPageScroll(e, 0, 0, 'forum.php?tid=1&amp;authorid=3', 1);</script>"
    two = [SimpleNamespace(uid=3, is_copy=False), SimpleNamespace(uid=4, is_copy=False)]
    assert only_author_view(script, None, two) is False
    assert only_author_view(script, f"{THREAD}&authorid=3", two) is True  # the URL says so


def test_the_seed_page_whose_links_read_show_all_floors_is_not_a_view():
    seed = parse_page((FIXTURES / "seed-thread.html").read_bytes().decode("gb18030"))
    assert seed.thread.only_author is False
    assert [p.floor for p in seed.posts] == [1, 2, 3, 4]


def page(folder, name: str, url: str) -> Page:
    return Page(source=name, content=(folder / name).read_bytes(), fetched_at=SAVED, url=url)


def rows(db, sql: str) -> list[tuple]:
    return [tuple(row) for row in db.execute(sql).fetchall()]


def test_archiving_a_view_changes_no_floor_page_or_thread_author(tmp_path):
    db = open_db(tmp_path / "archive.db")
    default = ZOO / "x34-utf8" / "default"
    for n in (1, 2, 3):
        archive_page(db, page(default, f"desktop-p{n}.html", f"{THREAD}&page={n}"))
    posts = "select pid, floor, floor_label, page_number, is_thread_author from posts order by pid"
    thread = "select thread_author, thread_author_uid, page_count from threads"
    before = rows(db, posts), rows(db, thread)
    assert before[1] == [("张小喆", 2, 3)]
    for name, url in (
        ("x34-only-author-3.html", f"{THREAD}&authorid=3"),
        ("x34-only-author-2.html", None),
        ("x34-only-author-3-touch.html", f"{THREAD}&authorid=3&mobile=2"),
    ):
        archive_page(db, page(VIEWS, name, url))
    assert (rows(db, posts), rows(db, thread)) == before
    assert rows(db, "select count(*) from floor_changes") == [(0,)]
    assert rows(db, "select page_number from pages order by id") == [
        (1,),
        (2,),
        (3,),
        (None,),
        (None,),
        (None,),
    ]
    assert archived_pages(db, "127.0.0.1:8080", 1) == 3


def test_a_view_first_keeps_its_posts_floorless_until_the_thread_pages_come(tmp_path):
    db = open_db(tmp_path / "archive.db")
    archive_page(db, page(VIEWS, "x34-only-author-3.html", f"{THREAD}&authorid=3"))
    assert rows(db, "select pid, floor, page_number, is_thread_author from posts") == [
        (2, None, None, 0), (11, None, None, 0), (18, None, None, 0),
    ]  # fmt: skip
    assert rows(db, "select thread_author_uid, page_count from threads") == [(None, None)]
    default = ZOO / "x34-utf8" / "default"
    archive_page(db, page(default, "desktop-p2.html", f"{THREAD}&page=2"))
    assert rows(db, "select pid, floor, page_number from posts where pid = 11") == [(11, 11, 2)]
