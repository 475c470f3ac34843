"""The rules learnt from the fourth blind check (2026-12-06): three touch skins and a desktop one.

mobanbus puts the name (and the group beside it) first in ul.authi and the floor in the time
line, so its floors were read from the digits of a name (lisa2019: floor 2019), and a hidden 顶
counter gave its first post floor 0; v2_mbl prints the time bare after the name's `<b>`; in
mobanbus, v2_mbl and wanpin123 the first post shows only its message, the block of the thread's
title names its author and time; wanpin123 shows the group only in the user card. Each rule on
small markup, then the zoo pages (fixtures/zoo/x34-gbk/: mobanbus_h5v1, v2_mbl20121009,
wanpin123_2014110701).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from archiver.parse import knowledge as S
from archiver.parse import parse_page

from .support import FIXTURES
from .test_blind_check_three import TOUCH
from .test_touch import read_saved

ZOO = FIXTURES / "zoo" / "x34-gbk"
TITLE = "老房翻新：水电改造到底要不要全部换线？（持续更新）"


def page_of(body: str, url: str = TOUCH.format(page=1)):
    html = (
        f"<html><head><title>{TITLE} - 默认版块 - Discuz! Board - 手机版</title>"
        "<meta name='generator' content='Discuz! X3.4'></head>"
        f"<body>{body}</body></html>"
    )
    return parse_page(html, url)


def reply(pid: int, lines: str) -> str:
    return (
        f"<div class='plc cl' id='pid{pid}'><div class='display pi' href='#replybtn_{pid}'>"
        f"<ul class='authi'>{lines}</ul><div class='message'>正文 {pid}</div></div></div>"
    )


NAME_FIRST = (
    "<li class='grey'><b><a href='home.php?mod=space&amp;uid=3&amp;mobile=2'>lisa2019</a>"
    "<span class='ml10'>高级会员</span></b></li>"
    "<li class='grey rela'><em class='bus_fr'>{floor}</em>\n2026-11-24 21:40:00</li>"
)


@pytest.mark.parametrize(("floor", "expected"), [("沙发", (2, "沙发")), ("7#", (7, "7#"))])
def test_the_floor_is_never_read_from_the_name_and_the_group_beside_it_is_kept(floor, expected):
    post = page_of(reply(2, NAME_FIRST.format(floor=floor))).posts[0]
    assert (post.floor, post.floor_label) == expected  # not 2019 from lisa2019
    assert (post.author, post.uid, post.posted_at) == ("lisa2019", 3, "2026-11-24T21:40:00+08:00")
    assert post.profile is not None and post.profile.group_title == "高级会员"
    assert post.found_by["panel"] == S.RULE_TOUCH_GROUP


def test_no_floor_is_0_and_a_hidden_counter_is_not_one():
    box = (
        "<div class='plc cl' id='pid1'><div class='display' href='#replybtn_1'>"
        "<div class='message'>九十年代的老房子</div><a id='recommend_add'><span "
        "id='recommendv_add' style='display:none'>0</span></a></div></div>"
    )
    post = page_of(box).posts[0]
    assert (post.floor, post.floor_label, post.found_by["floor"]) == (1, None, S.RULE_FLOOR_ORDER)


def test_a_time_bare_after_the_names_b_in_a_one_line_header():
    line = (
        "<li class='grey mbn'><em>\n24<sup>#</sup></em><b>\n<a href='home.php?mod=space&amp;"
        "uid=8&amp;mobile=2' class='blue'>喆哥说数码</a></b>\n  前天&nbsp;04:05\n</li>"
    )
    post = page_of(reply(24, line), TOUCH.format(page=5)).posts[0]
    assert (post.floor, post.author, post.posted_text, post.found_by["time"]) == (
        24, "喆哥说数码", "前天 04:05", S.RULE_TOUCH_TIME_IN_LINE,
    )  # fmt: skip


TITLE_BLOCK = (
    f"<div class='bus_vtt'><h2>{TITLE}</h2><div class='bus_hf'><span>2026-11-24 20:04:59</span>"
    "<span>回复:24</span><span>查看:138</span><span><a href='home.php?mod=space&amp;uid=2&amp;"
    "do=profile&amp;mobile=2'>张小喆</a></span></div></div>"
)


def test_a_first_post_showing_only_its_message_takes_the_title_blocks_author_and_time():
    first = (
        "<div class='plc cl' id='pid1'><div class='display' href='#replybtn_1'>"
        "<div class='message'>九十年代的老房子</div></div></div>"
    )
    page = page_of(TITLE_BLOCK + first)
    post = page.posts[0]
    assert (page.thread.subject, page.thread.thread_author, page.thread.thread_author_uid) == (
        TITLE, "张小喆", 2,
    )  # fmt: skip
    assert (post.floor, post.author, post.uid, post.is_thread_author) == (1, "张小喆", 2, True)
    assert (post.posted_at, post.found_by["time"]) == (
        "2026-11-24T20:04:59+08:00", S.RULE_TIME_TITLE_BLOCK,
    )  # fmt: skip


def zoo_post(folder: str, name: str, pid: int, zoo: Path = ZOO):
    """A zoo page's parse and one of its posts (`folder` under `zoo`, default x34-gbk)."""
    html, url, date = read_saved(zoo / folder / name)
    page = parse_page(html, url, now=date)
    return page, next(p for p in page.posts if p.pid == pid)


def test_mobanbus_floors_groups_and_first_post():
    page, first = zoo_post("mobanbus_h5v1", "touch-p1.html", 1)
    assert (first.floor, first.author, first.uid, first.posted_at, first.is_thread_author) == (
        1, "张小喆", 2, "2026-11-24T20:04:59+08:00", True,
    )  # fmt: skip
    floors = [(p.pid, p.floor, p.floor_label) for p in page.posts]
    assert floors == [(1, 1, None), (2, 2, "沙发"), (3, 3, "板凳"), (4, 4, "地板"), (5, 5, "5#")]
    _, fifth = zoo_post("mobanbus_h5v1", "touch-p1.html", 5)
    assert (fifth.is_thread_author, fifth.profile and fifth.profile.group_title) == (
        True, "注册会员",
    )  # fmt: skip


def test_v2_mbl_reads_the_bare_relative_time_and_the_starters_name():
    _, post = zoo_post("v2_mbl20121009", "touch-p5.html", 24)
    assert (post.floor, post.posted_text, post.posted_at, post.posted_precision) == (
        24, "前天 04:05", "2026-12-04T04:05:00+08:00", "minute",
    )  # fmt: skip
    page, first = zoo_post("v2_mbl20121009", "touch-p1.html", 1)
    assert (page.thread.thread_author, first.author, first.posted_at) == (
        "张小喆", "张小喆", "2026-11-24T20:04:00+08:00",
    )  # fmt: skip


def test_wanpin123_reads_the_card_group_and_the_title_block():
    _, reply_post = zoo_post("wanpin123_2014110701", "desktop-p1.html", 2)
    assert reply_post.profile is not None
    assert (reply_post.profile.group_title, reply_post.profile.gid, reply_post.profile.credits) == (
        "高级会员", None, 632,
    )  # fmt: skip
    _, first = zoo_post("wanpin123_2014110701", "desktop-p1.html", 1)
    assert (first.author, first.uid, first.posted_at) == ("张小喆", 2, "2026-11-24T20:04:59+08:00")
    _, fifth = zoo_post("wanpin123_2014110701", "desktop-p1.html", 5)
    assert fifth.is_thread_author is True
