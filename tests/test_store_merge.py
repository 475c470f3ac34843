"""What one page cannot say, archived pages together do: the thread's starter, a user's values.

we54 hides its 楼主 strip in an HTML comment; zds_touch's panel shows the group only.
"""

from __future__ import annotations

import pytest

from archiver.archive.files import archive_page
from archiver.fetch import Page
from archiver.store import open_db

from .test_views import SAVED, THREAD, ZOO, page, rows


@pytest.mark.parametrize("order", [(1, 2, 3), (3, 2, 1)])
def test_the_starters_posts_on_pages_that_do_not_name_him_are_marked_once_page_1_does(
    tmp_path, order
):
    """we54 hides its 楼主 strip in a comment: pages 2 and 3 cannot say who started the thread."""
    db = open_db(tmp_path / "archive.db")
    folder = ZOO / "x34-gbk" / "we54"
    for n in order:
        archive_page(db, page(folder, f"desktop-p{n}.html", f"{THREAD}&page={n}"))
    assert rows(db, "select pid from posts where is_thread_author = 1 order by pid") == [
        (1,), (5,), (12,), (19,), (25,),
    ]  # fmt: skip


def test_a_touch_panel_showing_only_the_group_keeps_the_users_credits(tmp_path):
    db = open_db(tmp_path / "archive.db")
    gbk = "http://127.0.0.1:8081/forum.php?mod=viewthread&tid=1"
    archive_page(db, page(ZOO / "x34-gbk" / "default", "desktop-p1.html", f"{gbk}&page=1"))
    user = "select group_title, credits, thread_count from users where uid = 3"
    assert rows(db, user) == [("高级会员", 632, 0)]
    touch = page(ZOO / "x34-gbk" / "zds_touch", "touch-p1.html", f"{gbk}&page=1&mobile=2")
    archive_page(db, touch)
    assert rows(db, user) == [("高级会员", 632, 0)]
    snapshots = "select group_title, credits from user_snapshots where uid = 3 order by page_id"
    assert rows(db, snapshots) == [("高级会员", 632), ("高级会员", None)]


def test_a_later_page_naming_another_starter_does_not_replace_page_1s(tmp_path):
    """Page 1 shows the starter's own post; a later page only names him (here, wrongly)."""
    db = open_db(tmp_path / "archive.db")
    folder = ZOO / "x34-utf8" / "default"
    archive_page(db, page(folder, "desktop-p1.html", f"{THREAD}&page=1"))
    wrong = (folder / "desktop-p2.html").read_bytes()
    wrong = wrong.replace(
        '楼主: <a href="home.php?mod=space&amp;uid=2" title="张小喆">张小喆</a>'.encode(),
        '楼主: <a href="home.php?mod=space&amp;uid=9" title="老王_元老">老王_元老</a>'.encode(),
    ).replace(
        b'<a href="home.php?mod=space&amp;uid=2" title="',
        b'<a href="home.php?mod=space&amp;uid=9" title="',
        1,
    )
    assert wrong != (folder / "desktop-p2.html").read_bytes()
    archive_page(
        db, Page(source="p2.html", content=wrong, fetched_at=SAVED, url=f"{THREAD}&page=2")
    )
    assert rows(db, "select thread_author, thread_author_uid from threads") == [("张小喆", 2)]
