"""The fallback rules added for the zoo's themes, on small pieces of markup, by rule name.

Desktop: the 只看该作者 uid, the rating slot, moved and card panels, titled and attribute
times, the header group link, floor 1 by the thread author. Touch (touch_finders.py): posts
by a themed `div#pidN` or the reply anchor `href=#replybtn_N` (also commented out), and a
header without `ul.authi`.
"""

from __future__ import annotations

import pytest
from selectolax.lexbor import LexborHTMLParser

from archiver.parse import knowledge as S
from archiver.parse import parse_page
from archiver.parse.finders import (
    find_author,
    find_header_group,
    find_panel,
    find_posted_on,
    find_ratings,
)
from archiver.parse.touch_finders import find_touch_head, find_touch_posts

from .support import FIXTURES
from .test_touch import read_saved


def node(html: str):
    found = LexborHTMLParser(html).css_first("body > *")
    assert found is not None
    return found


def test_a_theme_without_the_name_gives_the_uid_of_its_only_author_link():
    # heimen: no name link, and a javascript: 阅读模式 link that is no guest link
    post = node(
        "<div><div class='pi'><div class='authi'><em id='authorposton1'>发表于 2026-11-24 20:05"
        "</em><a href='forum.php?mod=viewthread&amp;tid=1&amp;authorid=2'>只看该作者</a>"
        "<a href='javascript:;'>阅读模式</a></div></div></div>"
    )
    assert find_author(None, post, None, []) == (None, 2, "member", S.RULE_AUTHOR_ONLY_AUTHOR)


def test_ratings_are_none_where_the_page_has_no_rating_markup():
    slot = node("<div id='post_rate_div_5'></div>")
    assert find_ratings(None, slot) == ([], S.RULE_RATINGS_SLOT)
    assert find_ratings(None, None) == (None, None)


def test_a_moved_profile_node_is_the_panel_and_an_empty_cell_is_none():
    post = node(
        "<div id='post_1'><div class='c-author'><a class='name' href='home.php?uid=2'>张</a>"
        "<div class='diyinfo'><div class='tns'><th><p>1</p>主题</th></div>"
        "<p><em><a href='home.php?mod=spacecp&amp;ac=usergroup&amp;gid=11'>注册会员</a></em></p>"
        "</div></div><table id='pid1'><tr><td class='pls'> </td></tr></table></div>"
    )
    table = post.css_first("table")
    panel, rule = find_panel(None, table, post, None, None)
    assert (panel.attributes["class"], rule) == ("diyinfo", S.RULE_PANEL_MOVED)
    empty = node("<div><table id='pid5'><tr><td class='pls'> </td></tr></table></div>")
    card = node("<div id='userinfo5'><dl class='cl'><dt>积分</dt><dd>51</dd></dl></div>")
    assert find_panel(None, empty.css_first("table"), empty, None, None) == (None, None)
    assert find_panel(None, empty.css_first("table"), empty, card, None)[1] == S.RULE_PANEL_CARD


def test_the_card_panel_reads_its_credits():
    html, url, now = read_saved(FIXTURES / "zoo/x34-utf8/time_9th_keji/desktop-p1.html")
    post = next(p for p in parse_page(html, url, now=now).posts if p.floor == 5)
    assert post.found_by["panel"] == S.RULE_PANEL_CARD
    assert (post.profile.credits, post.profile.group_title) == (51, None)


def test_a_relative_time_with_the_date_in_its_title_and_a_data_attribute_time():
    post = node(
        "<div><span class='time'><i></i><span title='2026-11-29 04:30:00'>6&nbsp;天前</span>"
        "</span></div>"
    )
    found, rule = find_posted_on(None, post, [])
    assert (found.attributes.get("title"), rule) == ("2026-11-29 04:30:00", S.RULE_TIME_TITLED)
    box = node("<div id='pid1' data-pubtime='2026-11-24 20:05:00'><p>x</p></div>")
    found, rule = find_posted_on(None, box, [], [box])
    assert (found.text(), rule) == (
        "2026-11-24 20:05:00",
        "fallback: the post's data-pubtime attribute",
    )


@pytest.mark.parametrize(
    ("link", "group", "rank", "rule"),
    [
        ("LV4", None, 4, S.RULE_PANEL_LEVEL),
        ("版主", "版主", None, S.RULE_PANEL_GROUP_LINK),
        ("<em>11</em>", None, None, None),  # a group id, neither title nor rank
    ],
)
def test_the_header_group_link(link, group, rank, rule):
    post = node(f"<div><a href='home.php?mod=spacecp&amp;ac=usergroup&amp;gid=13'>{link}</a></div>")
    profile, found = find_header_group(post, [], 3, "lisa")
    assert found == rule
    if rule is not None:
        assert (profile.group_title, profile.rank, profile.gid) == (group, rank, 13)


def test_floor_1_without_its_author_is_by_the_thread_author_the_page_names():
    html, url, now = read_saved(FIXTURES / "zoo/x34-utf8/x520_coocaa/desktop-p1.html")
    parsed = parse_page(html, url, now=now)
    first = parsed.posts[0]
    assert (first.floor, first.author, first.uid) == (1, "张小喆", 2)
    assert first.found_by["author"] == S.RULE_AUTHOR_THREAD
    assert [p.floor for p in parsed.posts if p.is_thread_author] == [1, 5]


TOUCH_POST = (
    "<div class='{cls}'{pid}><span class='avatar'><img></span>{anchor}<ul class='authi'>"
    "<li class='grey'><em>6<sup>#</sup></em><b><a href='home.php?mod=space&amp;uid=7'>小白</a>"
    "</b></li><li class='grey rela'>2026-11-26 02:02:00</li></ul>"
    "<div class='message'>蹲一个后续</div></div></div>"
)


@pytest.mark.parametrize(
    ("cls", "pid", "anchor", "rule"),
    [
        ("plc cl", " id='pid6'", "<div class='display pi'>", S.RULE_TOUCH_POST_ID),
        ("sxp_plc cl", " id='pid6'", "<div class='display pi'>", S.RULE_TOUCH_POST_THEMED),
        ("plc cl", "", "<div class='display pi' href='#replybtn_6'>", S.RULE_TOUCH_POST_ANCHOR),
        (
            "plc cl",
            "",
            "<!-- <div class='display pi' href=\"#replybtn_6\"> --><div class='display pi'>",
            S.RULE_TOUCH_POST_COMMENTED,
        ),
    ],
)
def test_touch_posts_are_found_by_id_or_by_their_reply_anchor(cls, pid, anchor, rule):
    html = "<div class='postlist'>" + TOUCH_POST.format(cls=cls, pid=pid, anchor=anchor) * 1
    boxes = find_touch_posts(LexborHTMLParser(html + "</div>"))
    assert [(p, r) for p, _, r in boxes] == [(6, rule)]
    assert boxes[0][1].css_first("div.message") is not None


def test_anchored_posts_stop_at_the_box_that_holds_one_post():
    one = TOUCH_POST.format(
        cls="plc cl", pid="", anchor="<div class='display pi' href='#replybtn_{}'>"
    )
    html = "<div class='postlist'>" + one.format(6) + one.format(7) + "</div>"
    boxes = find_touch_posts(LexborHTMLParser(html))
    # the smallest box with the message and the name: the anchor's own div, not the list
    assert [(pid, box.attributes["class"]) for pid, box, _ in boxes] == [
        (6, "display pi"),
        (7, "display pi"),
    ]


def test_a_touch_header_without_authi():
    # strong_xiaomi_mobile: div.avatar > ul with a.name, span.rightspan floor, span time
    post = node(
        "<div id='pid5'><div class='avatar'><img><ul><li><a href='home.php?mod=space&amp;uid=2'"
        " class='name'>张小喆</a><span class='rightspan'>5<sup>#</sup></span></li>"
        "<li><span>2026-11-25 18:31:00</span></li></ul></div>"
        "<div class='message'>见 <a href='home.php?mod=space&amp;uid=3'>lisa</a> "
        "<span>2026-11-24 21:40</span></div></div>"
    )
    head = find_touch_head(post, [post.css_first("div.message")])
    assert head.name == ("张小喆", 2)
    assert (head.floor.text(), head.when.text()) == ("5#", "2026-11-25 18:31:00")
    assert head.found == {
        "author": S.RULE_TOUCH_AUTHOR_SPACE,
        "floor": S.RULE_TOUCH_FLOOR_LABEL,
        "time": S.RULE_TOUCH_TIME_SHOWN,
    }


@pytest.mark.parametrize(
    "shown",
    [
        "查看: <span>5120</span> | 回复: <span>8</span>",
        "浏览：<span>5120</span> 回帖：<span>8</span>",
        "閱讀 5120 ｜ 回復 8",
        "人气 5120 / 评论 8",
    ],
)
def test_a_themes_counters_in_its_own_words(shown):
    """theme-moved's thread head, worded as other themes word it: 5120 views, 8 replies."""
    page = (FIXTURES / "variants" / "theme-moved.html").read_text("utf-8")
    stock = '查看: <span class="xi1">5120</span> | 回复: <span class="xi1">8</span>'
    assert stock in page
    thread = parse_page(page.replace(stock, shown)).thread
    assert (thread.views, thread.replies) == (5120, 8)
