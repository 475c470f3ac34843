"""The rules learnt from the blind check (2026-12-06): three templates the parser had never seen.

`new` and strong_g print the post time as bare text, `new` prints 来自手机 bare after a pipe
and its counters in a `div.usercredits` table, fxiaomi's user card lists its counters as
`<li>` items of a number and a label. Each rule on a small piece of markup, then the zoo pages
(fixtures/zoo/x34-utf8/{new,fxiaomi,strong_g}) read to exact values.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from selectolax.lexbor import LexborHTMLParser, LexborNode

from archiver.parse import knowledge as S
from archiver.parse import parse_page
from archiver.parse.finders import find_panel, find_posted_on, time_text
from archiver.parse.panel import parse_panel
from archiver.parse.post_extras import line_client_tag
from archiver.parse.touch_finders import find_touch_head

from .support import FIXTURES
from .test_touch import read_saved

ZOO = FIXTURES / "zoo" / "x34-utf8"


def node(html: str) -> LexborNode:
    found = LexborHTMLParser(html).css_first("body > *")
    assert found is not None
    return found


POST = (
    "<div id='post_4'><div class='left'><div class='info'>"
    "<div class='usercredits'><table><th><p><a>0</a></p>主题</th><th><p><a>2</a></p>回帖</th>"
    "<td><p><a>8</a></p>积分</td></table></div>"
    "<p><em><a href='home.php?mod=spacecp&amp;ac=usergroup&amp;gid=3'>版主</a></em></p>"
    "<p><img alt='Rank: 7'></p><dl class='pil'><dt>注册时间</dt><dd>2020-01-01 10:00</dd></dl>"
    "</div></div><div class='right'><div class='top'><a id='postnum4'>地板</a></div>\n"
    "2026-11-25 17:10:00<span class='pipe'>|</span><a class='onlylook'></a>"
    "<span class='pipe'>|</span>来自手机</div>"
    "<table><tr><td id='postmessage_4'>2026-01-01 09:00 开工</td></tr></table></div>"
)


def test_a_bare_time_outside_the_message_and_panel_and_the_client_tag_after_it():
    post = node(POST)
    message = post.css_first("#postmessage_4")
    panel, rule = find_panel(None, None, post, None, message)
    assert panel is not None
    assert (panel.attributes["class"], rule) == ("info", S.RULE_PANEL_MOVED)
    found, rule = find_posted_on(None, post, [message], [post], panel)
    assert found is not None
    assert (found.text().strip(), rule) == ("2026-11-25 17:10:00", S.RULE_TIME_TEXT)
    assert line_client_tag(found) == "来自手机"
    # without the panel left out, its 注册时间 row would be taken for the post's time
    assert time_text(post, [message]) == (post.css_first("dd").first_child, "2020-01-01 10:00")


def test_the_counters_of_a_usercredits_table_are_the_panels():
    post = node(POST)
    profile = parse_panel(post.css_first("div.info"), None, ("镕铸工坊", 5))
    assert (profile.group_title, profile.rank) == ("版主", 7)
    assert (profile.thread_count, profile.reply_count, profile.post_count, profile.credits) == (
        0,
        2,
        2,
        8,
    )


def test_a_bare_time_between_separators_or_after_posted_words():
    found = time_text(node("<p><a>张小喆</a>, 2026-11-24 20:05:00<span>|</span></p>"), [])
    assert found is not None and found[1] == "2026-11-24 20:05:00"
    found = time_text(node("<div><b>x</b> 发表于 2026-11-24 20:05 </div>"), [])
    assert found is not None and found[1] == "2026-11-24 20:05"
    assert time_text(node("<div>共 3 页, 2026 年</div>"), []) is None


def test_a_touch_time_printed_bare_in_a_footer():
    post = node(
        "<div class='plc cl' id='pid3'><div class='avatar'>"
        "<a href='home.php?mod=space&amp;uid=4&amp;mobile=2'>old_driver</a><span>板凳</span></div>"
        "<div class='display pi'><div class='message'>7 天前才装好</div></div>"
        "<div class='s_viewbottom'>7&nbsp;天前 </div></div>"
    )
    head = find_touch_head(post, [post.css_first("div.message")])
    assert head.when is not None
    assert (head.when.text(), head.found["time"]) == ("7 天前", S.RULE_TOUCH_TIME_TEXT)


def test_a_cards_number_items_in_either_order():
    card = node(
        "<div id='userinfo3'><ol><li><span>0</span><span>主题</span></li>"
        "<li><span>积分</span><span>1626</span></li><li><a>发消息</a></li></ol></div>"
    )
    profile = parse_panel(card, None, ("old_driver", 4), rows=S.PANEL_CARD_ROWS)
    assert (profile.thread_count, profile.credits, profile.profile) == (
        0,
        1626,
        {"主题": "0", "积分": "1626"},
    )


def post_of(template: str, page: str, floor: int):
    html, url, date = read_saved(ZOO / template / page)
    return next(p for p in parse_page(html, url, now=date).posts if p.floor == floor)


def test_new_reads_bare_times_the_client_tag_and_its_counters():
    first = post_of("new", "desktop-p1.html", 1)  # `</a>, 2026-11-24 20:05:00` in a <p>
    assert (first.author, first.uid, first.posted_at, first.posted_text) == (
        "张小喆", 2, "2026-11-24T20:05:00+08:00", "2026-11-24 20:05:00",
    )  # fmt: skip
    post = post_of("new", "desktop-p1.html", 4)
    assert (post.author, post.uid, post.posted_at, post.client_tag) == (
        "镕铸工坊", 5, "2026-11-25T17:10:00+08:00", "来自手机",
    )  # fmt: skip
    assert (post.found_by["time"], post.found_by["client_tag"], post.found_by["panel"]) == (
        S.RULE_TIME_TEXT, S.RULE_CLIENT_TEXT, S.RULE_PANEL_MOVED,
    )  # fmt: skip
    profile = post.profile
    assert profile is not None
    assert (profile.group_title, profile.rank, profile.stats) == (
        "版主", 7, {"主题": "0", "回帖": "2", "积分": "8"},
    )  # fmt: skip
    assert (profile.thread_count, profile.post_count, profile.credits) == (0, 2, 8)


def test_strong_g_reads_the_bare_time_of_its_footer():
    post = post_of("strong_g", "touch-p1.html", 3)
    assert (post.author, post.uid, post.posted_at, post.found_by["time"]) == (
        "old_driver", 4, "2026-11-24T23:21:59+08:00", S.RULE_TOUCH_TIME_TEXT,
    )  # fmt: skip


def test_fxiaomi_reads_its_cards_number_items_as_shown():
    profile = post_of("fxiaomi", "desktop-p1.html", 3).profile
    assert profile is not None
    # the template prints $post['credits'] under 帖子: kept as the page shows it
    assert profile.profile == {"主题": "0", "帖子": "1626", "积分": "1626"}
    assert (profile.thread_count, profile.post_count, profile.credits) == (0, 1626, 1626)


@pytest.mark.parametrize(
    ("template", "repository", "commit", "kind"),
    [
        ("new", "lwteam/dx31", "d23c1fbb48484c9454825cc8a7b970ece3009a35", "pc"),
        ("fxiaomi", "xuxuechao6/discuz", "ef92a105950154107154ba4ab989114203e7d252", "pc"),
        ("strong_g", "myOrganizationProjectJson/verytalk-bbs",
         "2f2e185cb2883921d5a54edbdd9bf2e6581e9c62", "touch"),
    ],
)  # fmt: skip
def test_the_blind_check_pages_name_their_source_and_truth(template, repository, commit, kind):
    folder: Path = ZOO / template
    source = json.loads((folder / "source.json").read_text(encoding="utf-8"))
    assert (source["repository"], source["commit"], source["folder"], source["kind"]) == (
        repository, commit, f"template/{template}", kind,
    )  # fmt: skip
    truth = json.loads((folder / "groundtruth.json").read_text(encoding="utf-8"))
    assert (truth["thread"]["tid"], len(truth["posts"])) == (1, 25)
