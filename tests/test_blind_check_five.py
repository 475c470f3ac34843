"""The rules learnt from the fifth blind check (2026-12-06), two touch skins among four templates.

toutiao stored the group title as every post's author (a `span.z` after the name link), missed
the starter's `span.self` 楼主 badges, the times after the message and a quote in
`div.bz_quote_show` (回复:); moke8_doormobile's message sits in `div.postListCon`; xiaoyu_newmi
wraps 只看该作者 in the `span.xg1` of 来自手机, which became a client tag; DBEnglish's reply buttons
hold the only thread id, in `onclick`. Each rule on small markup, then the zoo pages.
"""

from __future__ import annotations

from archiver.parse import knowledge as S
from archiver.parse.post_extras import header_client_tag

from .support import FIXTURES
from .test_blind_check import node
from .test_blind_check_four import page_of
from .test_blind_check_four import zoo_post as zoo_post_of

ZOO = FIXTURES / "zoo"


def toutiao_post(pid: int, uid: int, name: str, group: str, label: str, badge: str = "") -> str:
    return (
        f"<div class='plc cl' id='pid{pid}'><div class='display pi' href='#replybtn_{pid}'>"
        f"<ul class='authi'><li><a href='home.php?mod=space&amp;uid={uid}&amp;do=profile' "
        f"class='blue fz14 z'>{name}</a><span class='authortitle z'>{group}</span>{badge}"
        f"<em class='color-bbb'> {label} </em></li></ul>"
        f"<div class='message bz_message'>正文 {pid}</div>"
        "<div class='times'><span class='color-bbb'>2026-11-24 21:40:00<!--&nbsp;来自电脑--></span>"
        "</div></div></div>"
    )


def test_the_name_link_not_the_span_beside_it_is_the_author():
    post = page_of(toutiao_post(2, 3, "lisa2019", "高级会员", "<i>沙发</i><i>2#</i>")).posts[0]
    assert (post.author, post.uid, post.author_kind) == ("lisa2019", 3, "member")
    assert post.profile is not None and post.profile.group_title == "高级会员"
    assert (post.floor, post.floor_label) == (2, "沙发")
    assert (post.posted_at, post.found_by["time"]) == (
        "2026-11-24T21:40:00+08:00", S.RULE_TOUCH_TIME_IN_POST,
    )  # fmt: skip


def test_a_louzhu_badge_beside_the_name_marks_the_starters_reply():
    badge = "<span class='self color-bbb z'>楼主</span>"
    post = page_of(toutiao_post(5, 2, "张小喆", "注册会员", "<i>5#</i>", badge)).posts[0]
    assert (post.floor, post.is_thread_author, post.found_by["thread_author"]) == (
        5, True, S.RULE_TOUCH_STARTER_MARK,
    )  # fmt: skip
    # floor 1's own 楼主 label is not a badge
    first = page_of(toutiao_post(1, 2, "张小喆", "注册会员", "<i>楼主</i>")).posts[0]
    assert (first.floor, first.floor_label, "thread_author" in first.found_by) == (1, "楼主", False)


def test_a_quote_in_a_themed_wrapper_reading_huifu():
    quote = (
        "<div class='bz_quote_show'><blockquote>回复: <font size='2'><a href='forum.php?"
        "mod=redirect&amp;goto=findpost&amp;pid=2&amp;ptid=1'><font color='#999999'>"
        "lisa2019 发表于 2026-11-24 21:40</font></a></font><br />铝线建议全换</blockquote>"
        "</div><br />谢谢！"
    )
    box = toutiao_post(5, 2, "张小喆", "注册会员", "<i>5#</i>").replace("正文 5", quote)
    post = page_of(box).posts[0]
    assert [(q.quoted_pid, q.quoted_author, q.text) for q in post.quotes] == [
        (2, "lisa2019", "铝线建议全换"),
    ]  # fmt: skip
    assert post.body_text == "谢谢！"


def test_a_message_in_a_con_or_text_classed_block():
    box = (
        "<div class='postListItem' href='#replybtn_2' id='pid2'><div class='postListTit'>"
        "<h4><em class='y'>沙发</em><a href='home.php?mod=space&amp;uid=3'>lisa2019</a></h4>"
        "<div class='postListAttr'>2026-11-24 21:40:00</div></div>"
        "<div class='postListCon'>铝线建议全换</div></div>"
    )
    post = page_of(box).posts[0]
    assert (post.body_text, post.found_by["body"]) == ("铝线建议全换", S.RULE_TOUCH_MESSAGE_CONTENT)


def test_an_action_link_in_span_xg1_is_no_client_tag():
    header = node(
        "<p><span class='time'>2026-11-24 20:05:00</span><span class='xg1'><a href='forum.php?"
        "mod=viewthread&amp;tid=1&amp;authorid=2'>只看该作者</a></span><span class='xg1'>来自手机"
        "</span></p>"
    )
    assert header_client_tag(header.css_first("span.time")) == "来自手机"


def test_the_thread_id_from_the_reply_buttons_onclick():
    box = (
        "<div class='postItemFloor' id='pid6'><div class='floorInfo'><a href='home.php?mod=space"
        "&amp;uid=7&amp;mobile=2'><div class='name'>小白同学</div></a>"
        "<div class='time'>2026-11-26 02:02:00</div></div><div class='floorText'>蹲一个后续</div>"
        "<div class='optionItem' onclick=\"window.location.href='forum.php?mod=post&action=reply"
        "&fid=2&tid=1&repquote=6&extra=&page=2'\">Reply</div></div>"
    )
    page = page_of(box, url=None)
    assert (page.thread.tid, page.thread.fid, page.posts[0].body_text) == (1, 2, "蹲一个后续")


def zoo_post(folder: str, name: str, pid: int):
    return zoo_post_of(folder, name, pid, ZOO)[1]


def test_the_zoo_pages_of_the_fifth_check():
    post = zoo_post("x34-utf8/toutiao", "touch-p1.html", 5)
    assert (post.author, post.uid, post.floor, post.is_thread_author, post.posted_at) == (
        "张小喆", 2, 5, True, "2026-11-25T18:31:00+08:00",
    )  # fmt: skip
    assert [q.quoted_pid for q in post.quotes] == [2]
    post = zoo_post("x34-gbk/moke8_doormobile", "touch-p1.html", 2)
    assert (post.author, post.floor_label, post.edited_by, post.body_text[:6]) == (
        "lisa2019", "沙发", "lisa2019", "铝线建议全换",
    )  # fmt: skip
    assert zoo_post("x34-utf8/xiaoyu_newmi", "desktop-p1.html", 1).client_tag is None


def test_posted_words_alone_leave_the_time_to_the_next_element():
    """xiaoyu_newmi: `<span>发表于 </span><span class="time">…</span>` in its first post."""
    post = zoo_post("x34-utf8/xiaoyu_newmi", "desktop-p1.html", 1)
    assert (post.posted_text, post.posted_at, post.found_by["time"]) == (
        "2026-11-24 20:05:00", "2026-11-24T20:05:00+08:00", S.RULE_TIME_DATE,
    )  # fmt: skip
