"""The rules learnt from the second blind check (2026-12-06): templates the parser had never seen.

d_, qing and 8264 drop the panel's counters but keep the group-upgrade tip (`高级会员, 积分 632,
…`); qing names the thread author in a `div.tath` without the id; zds_touch prints the group
in parentheses after the name; qing shows the first post's counters there only; we54's panel
has no name link. Each rule on a small piece of markup, then the zoo pages
(fixtures/zoo/x34-gbk/{we54,zds_touch,8264,qing}, x34-utf8/d_) read to exact values.
"""

from __future__ import annotations

import json

import pytest
from selectolax.lexbor import LexborHTMLParser

from archiver.model import Author
from archiver.parse import knowledge as S
from archiver.parse import parse_page
from archiver.parse.dom import index_page_ids
from archiver.parse.head import thread_author

from .support import FIXTURES
from .test_touch import read_saved

ZOO = FIXTURES / "zoo"


def desktop_page(posts: str, head: str = "") -> str:
    return (
        "<html><head><meta name='generator' content='Discuz! X3.4'></head><body>"
        f"<div id='pt'><a href='forum.php?mod=forumdisplay&amp;fid=2'>生活</a></div>{head}"
        f"<div id='postlist'>{posts}</div></body></html>"
    )


def tipped_post(pid: int, tip: str, counters: str = "") -> str:
    """A post whose panel has a name, a group and maybe counters, and the group's tip."""
    return (
        f"<div id='post_{pid}'><table id='pid{pid}'><tr><td class='pls'>"
        f"<div class='authi'><a class='xw1' href='home.php?mod=space&amp;uid=3'>lisa2019</a></div>"
        f"{counters}<p><em><a href='home.php?mod=spacecp&amp;ac=usergroup&amp;gid=13'>高级会员</a>"
        f"</em></p><div id='g_up{pid}_menu' class='tip tip_4' style='display: none;'>"
        f"<div class='tip_c'>{tip}</div></div></td><td class='plc'><div class='pi'>"
        f"<strong><a id='postnum{pid}'>{pid}#</a></strong></div>"
        f"<em id='authorposton{pid}'>发表于 2026-11-24 21:40:00</em>"
        f"<table><tr><td id='postmessage_{pid}'>铝线建议全换</td></tr></table>"
        "</td></tr></table></div>"
    )


URL = "https://bbs.example.cn/thread-1-1-1.html"
TNS = "<div class='tns'><table><th><p>0</p>主题</th><td><p>700</p>积分</td></table></div>"


@pytest.mark.parametrize(
    ("tip", "counters", "credits", "rule"),
    [
        ("高级会员, 积分 632, 距离下一级还需 368 积分", "", 632, S.RULE_CREDITS_TIP),
        ("高級會員, 積分 632, 距離下一級還需 368 積分", "", 632, S.RULE_CREDITS_TIP),
        ("高级会员, 积分 632, 距离下一级还需 368 积分", TNS, 700, None),  # the panel's own first
        ("高级会员", "", None, None),  # a tip without the number: nothing guessed
    ],
)
def test_credits_from_the_group_upgrade_tip_when_the_panel_shows_none(tip, counters, credits, rule):
    post = parse_page(desktop_page(tipped_post(2, tip, counters)), URL).posts[0]
    assert post.profile is not None
    assert (post.profile.credits, post.found_by.get("credits")) == (credits, rule)


def test_the_tip_alone_gives_the_group_and_credits_without_a_panel():
    post = (
        "<div id='post_7'><div class='pi'><a id='postnum7'>7#</a>"
        "<a href='home.php?mod=space&amp;uid=8'>喆哥说数码</a></div>"
        "<div id='g_up7_menu' class='g_up'><div class='crly'>"
        "中级会员, 积分 272, 距离下一级还需 228 积分</div></div>"
        "<em id='authorposton7'>发表于 2026-11-26 16:45:00</em>"
        "<table><tr><td id='postmessage_7'>补充一点</td></tr></table></div>"
    )
    found = parse_page(desktop_page(post), URL).posts[0]
    assert found.profile == Author(uid=8, name="喆哥说数码", group_title="中级会员", credits=272)


def test_a_thread_author_strip_by_its_class():
    strip = (
        "<div class='tath cl'><a href='home.php?mod=space&amp;uid=2' title='张小喆'><img></a>"
        "楼主: <a href='home.php?mod=space&amp;uid=2' title='张小喆' class='xi2'>张小喆</a></div>"
    )
    tree = LexborHTMLParser(desktop_page("", strip))
    assert thread_author(tree, index_page_ids(tree)) == ("张小喆", 2)


def test_the_first_posts_richer_panel_is_not_lent_to_the_authors_later_posts():
    page = desktop_page(tipped_post(1, "", TNS) + tipped_post(5, "注册会员, 积分 51"))
    first, later = parse_page(page, URL).posts
    assert (first.profile.thread_count, first.profile.credits) == (0, 700)
    assert (later.profile.thread_count, later.profile.credits) == (None, 51)


def post_of(folder: str, page: str, pid: int):
    html, url, date = read_saved(ZOO / folder / page)
    parsed = parse_page(html, url, now=date)
    return parsed, next(p for p in parsed.posts if p.pid == pid)


@pytest.mark.parametrize("folder", ["x34-utf8/d_", "x34-gbk/8264", "x34-gbk/qing"])
def test_the_templates_without_counters_give_the_tips_credits(folder):
    _, post = post_of(folder, "desktop-p1.html", 2)
    assert post.profile is not None
    assert (post.author, post.uid, post.profile.group_title, post.profile.gid) == (
        "lisa2019", 3, "高级会员", 13,
    )  # fmt: skip
    assert (post.profile.credits, post.found_by["credits"]) == (632, S.RULE_CREDITS_TIP)
    # a moderator's group has no next level, so no tip and no credits
    _, moderator = post_of(folder, "desktop-p1.html", 4)
    assert (moderator.author, moderator.profile.group_title, moderator.profile.credits) == (
        "镕铸工坊", "版主", None,
    )  # fmt: skip


def test_qing_names_the_thread_author_on_later_pages_and_keeps_each_panel_its_own():
    parsed, post = post_of("x34-gbk/qing", "desktop-p2.html", 12)
    assert (parsed.thread.thread_author, parsed.thread.thread_author_uid) == ("张小喆", 2)
    assert (post.author, post.is_thread_author) == ("张小喆", True)
    _, first = post_of("x34-gbk/qing", "desktop-p1.html", 1)
    _, fifth = post_of("x34-gbk/qing", "desktop-p1.html", 5)
    assert (first.profile.thread_count, first.profile.stats) == (
        1, {"积分": "51", "好友": "0", "主题": "1"},
    )  # fmt: skip
    profile = fifth.profile
    assert (profile.thread_count, profile.stats, profile.credits) == (None, {}, 51)


def test_zds_touch_reads_the_group_after_the_name():
    _, post = post_of("x34-gbk/zds_touch", "touch-p1.html", 2)
    assert (post.author, post.uid, post.posted_at) == ("lisa2019", 3, "2026-11-24T21:40:00+08:00")
    assert post.profile == Author(uid=3, name="lisa2019", group_title="高级会员")
    assert post.found_by["panel"] == S.RULE_TOUCH_GROUP


def test_we54s_panel_takes_the_posts_name():
    parsed, post = post_of("x34-gbk/we54", "desktop-p2.html", 12)
    assert post.profile is not None
    assert (post.author, post.profile.uid, post.profile.name, post.profile.credits) == (
        "张小喆", 2, "张小喆", 51,
    )  # fmt: skip
    # its 楼主 strip is inside an HTML comment: page 2 cannot tell who started the thread
    assert (parsed.thread.thread_author, parsed.thread.thread_author_uid) == (None, None)


@pytest.mark.parametrize(
    ("folder", "repository", "commit", "kind"),
    [
        ("x34-gbk/we54", "heavenK/bbs_new", "c84ce9a3a6f65a0a899e7724aa2926b8ac010de9", "pc"),
        ("x34-gbk/zds_touch", "cocgithub/cocfan", "8528a31e872161d491a4a443a359616c414e028b",
         "touch"),
        ("x34-utf8/d_", "stonelf/bbhj", "762c60746757303473e8c2200eda4ebe668504b6", "pc"),
        ("x34-gbk/8264", "Catfeeds/newdx", "c224e28eb4e10b923571563b3039e0e0e755890e", "pc"),
        ("x34-gbk/qing", "stevenberge/bbs", "a19cdf4ca0f6ce42a09617b1b4e197da210e8625", "pc"),
        # the third check's (tests/test_blind_check_three.py)
        ("x34-utf8/mobile", "xuyaoyao521/yiyunkeji", "43281b2e245e1506e9527af91cd6cad61ab2544a",
         "touch"),
        ("x34-gbk/daren2_123", "stevenberge/bbs", "a19cdf4ca0f6ce42a09617b1b4e197da210e8625",
         "pc"),
        # the fourth's (tests/test_blind_check_four.py)
        ("x34-gbk/v2_mbl20121009", "a421083/discuz", "7b3d80c2e91bb4eaa299d140008d0f7815502689",
         "touch"),
        ("x34-gbk/mobanbus_h5v1", "a421083/discuz", "7b3d80c2e91bb4eaa299d140008d0f7815502689",
         "touch"),
        ("x34-gbk/wanpin123_2014110701", "a421083/discuz",
         "7b3d80c2e91bb4eaa299d140008d0f7815502689", "pc"),
        # the fifth's (tests/test_blind_check_five.py); toutiao is its repository's root
        ("x34-gbk/moke8_doormobile", "j421037/lwds", "7d64d2bd823f92bea60d8a3c46b4598e0a57e051",
         "touch"),
        ("x34-gbk/jeavi_moment", "j421037/lwds", "7d64d2bd823f92bea60d8a3c46b4598e0a57e051", "pc"),
        ("x34-utf8/xiaoyu_newmi", "daiyinchuan/kmdiscuz",
         "66ed5e5e36ba34ccc8324c9bd46cd9d6adacd103", "pc"),
        # the sixth's (tests/test_blind_check_six.py); phonemoban is its repository's root
        ("x34-utf8/fishsou_mobile", "yuwuxin/www.fishsou.com",
         "0690feca576699b6ce9b65eb6d2d4653a5a0c399", "touch"),
        ("x34-utf8/rabbit_occ", "hms5232/ChiauChian.OCC",
         "463476990e8ab52a1eaaa57912ca8275a7a832f3", "pc"),
        ("x34-utf8/huyouxiong_mi", "daiyinchuan/kmdiscuz",
         "66ed5e5e36ba34ccc8324c9bd46cd9d6adacd103", "pc"),
    ],
)  # fmt: skip
def test_the_later_checks_pages_name_their_source_and_truth(folder, repository, commit, kind):
    source = json.loads((ZOO / folder / "source.json").read_text(encoding="utf-8"))
    name = folder.split("/")[1]
    assert (source["repository"], source["commit"], source["folder"], source["kind"]) == (
        repository, commit, f"template/{name}", kind,
    )  # fmt: skip
    assert source["variant"] == folder.split("/")[0]
    truth = json.loads((ZOO / folder / "groundtruth.json").read_text(encoding="utf-8"))
    assert (truth["thread"]["tid"], len(truth["posts"])) == (1, 25)
