"""The fallback rules of parse/finders.py on small pieces of markup, named as check shows them."""

from __future__ import annotations

from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser

from archiver import parse_page
from archiver.parse import knowledge as S
from archiver.parse.finders import find_author, find_floor, find_message, find_posted_on
from archiver.parse.posts import _floor

from .support import FIXTURES


def node(html: str):
    found = LexborHTMLParser(html).css_first("body > *")
    assert found is not None
    return found


@pytest.mark.parametrize(
    ("html", "label", "floor"),
    [
        (
            "<a id='postnum5'><em>5</em>#分享本帖地址</a>",
            "5#",
            5,
        ),  # an X2 site's words after the mark
        ("<a id='postnum5'><em>5</em><sup>#</sup></a>", "5#", 5),
        ("<a id='postnum1'>楼主</a>", "楼主", None),
        ("<a id='postnum2'><em>2</em>楼</a>", "2楼", 2),
    ],
)
def test_a_floor_label_is_the_floor_mark_only(html, label, floor):
    assert _floor(node(html))[:2] == (label, floor)


def test_a_bare_date_is_a_time_and_a_quoted_one_is_not():
    post = node(
        "<div><div class='message'><font>某人 发表于 2024-5-31 21:40</font></div>"
        "<span class='when'>2024/03/05 12:30</span></div>"
    )
    message = post.css_first("div.message")
    found, rule = find_posted_on(None, post, [message])
    assert (found.text(), rule) == ("2024/03/05 12:30", S.RULE_TIME_DATE)


def test_a_posted_prefix_with_a_colon_is_read(tmp_path: Path):
    page = (FIXTURES / "variants" / "theme-card.html").read_text("utf-8")
    page = page.replace('<span class="cf_time">2024/05/30 07:12</span>',
                        '<span class="cf_time">发表于：2024-5-30 07:12</span>')  # fmt: skip
    post = parse_page(page).posts[0]
    assert (post.posted_at, post.posted_text) == ("2024-05-30T07:12:00+08:00", "2024-5-30 07:12")
    assert post.found_by["time"] == S.RULE_TIME_POSTED


@pytest.mark.parametrize(
    "authi",
    [
        "<a href='space-uid-7.html'><img></a><a href='space-uid-7.html'>阿七</a>",
        # X3.5's own layout without the author column ($close_leftinfo, viewthread_node.htm)
        "<a href='home.php?mod=space&amp;uid=7' target='_blank' class='xi2 z avt'><img></a>"
        "<img class='authicn vm' id='authicon9'><a href='home.php?mod=space&amp;uid=7' "
        "target='_blank' class='xi2'>阿七</a><em id='authorposton9'>发表于 2024-3-5 12:30</em>",
    ],
)
def test_the_avatar_link_first_gives_its_uid_and_the_name_link_its_name(authi):
    post = node(
        f"<div><div class='pi'><div class='pti'><div class='authi'>{authi}</div></div></div></div>"
    )
    assert find_author(None, post, None, []) == ("阿七", 7, "member", S.RULE_AUTHOR_NAMED_SPACE)


def test_the_message_fallbacks_are_tried_in_order_and_only_for_themed_pages():
    card = node(
        "<div><div class='t_fsz'><table><tr><td class='t_f'>正文</td></tr></table></div></div>"
    )
    found, rule = find_message(None, card)
    assert (found.tag, rule) == ("td", S.RULE_BODY_FALLBACK.format("td.t_f"))
    assert find_message(None, None) == (None, None)
    stock = node("<div id='postmessage_9'>x</div>")
    assert find_message(stock, card) == (stock, S.RULE_BODY_ID)
    assert find_floor(None, None, card, 9) == (None, None)
