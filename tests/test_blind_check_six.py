"""The rules learnt from the sixth blind check (2026-12-06): four templates read 99.4% of the
fields they show before any change; the misses were the starter's replies on later pages.

rabbit_occ prints 楼主 as bare text in the post's header (`div.pti > div.authi`) while the
panel's own `div.pi div.authi` (the name) comes first; huyouxiong_mi names the starter on later
pages in `div.comiis_user` (`楼主: <a href=space>`), not in #tath.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser

from archiver.parse import knowledge as S
from archiver.parse.dom import index_page_ids
from archiver.parse.head import thread_author

from .support import FIXTURES
from .test_blind_check_four import zoo_post

ZOO = FIXTURES / "zoo" / "x34-utf8"


def test_a_louzhu_strip_of_a_themes_own_names_the_starter():
    strip = (
        "<div class='comiis_user'><span><a href='home.php?mod=space&amp;uid=2' title='张小喆'>"
        "<img></a></span><span>楼主: <a href='home.php?mod=space&amp;uid=2' title='张小喆'>"
        "张小喆</a>&nbsp;-&nbsp;</span></div><div id='postlist'></div>"
    )
    tree = LexborHTMLParser(f"<html><body>{strip}</body></html>")
    assert thread_author(tree, index_page_ids(tree)) == ("张小喆", 2)


def page_post(name: str, page: str, pid: int):
    return zoo_post(name, page, pid, ZOO)


def test_rabbit_occ_marks_the_starters_reply_by_the_louzhu_in_its_header():
    parsed, post = page_post("rabbit_occ", "desktop-p2.html", 12)
    assert (post.author, post.is_thread_author, post.found_by["thread_author"]) == (
        "张小喆", True, S.RULE_STARTER_MARK,
    )  # fmt: skip
    assert [p.pid for p in parsed.posts if p.is_thread_author] == [12, 19]


def test_huyouxiong_mi_names_the_starter_on_later_pages():
    parsed, post = page_post("huyouxiong_mi", "desktop-p3.html", 25)
    assert (parsed.thread.thread_author, parsed.thread.thread_author_uid) == ("张小喆", 2)
    assert (post.author, post.is_thread_author) == ("张小喆", True)
