"""The rules learnt from the third blind check (2026-12-06), two touch templates among three.

`mobile` puts the whole header in one `ul.authi` line (an avatar, `em.isnumber` with the floor,
the name, the time in a `<p>` beside the 查看/回复 counters) and a per-post 只看他 link that
names that post's author, not the thread's. jeawy_forum has no div.message, no space link (the
uid is in the avatar) and no pid for its first post, so page 1's floors counted by order would
be off by one. Each rule on small markup, then the zoo pages (x34-utf8/mobile).
"""

from __future__ import annotations

from archiver.parse import knowledge as S
from archiver.parse import parse_page

from .support import FIXTURES
from .test_touch import read_saved

ZOO = FIXTURES / "zoo"
TOUCH = "http://bbs.example.cn/forum.php?mod=viewthread&tid=1&page={page}&mobile=2"


def touch_page(posts: str, head: str = "", page: int = 1):
    html = (
        "<html><head><meta name='generator' content='Discuz! X3.4'></head><body>"
        f"<div class='header'><h2>{head}</h2></div>{posts}</body></html>"
    )
    return parse_page(html, TOUCH.format(page=page))


def one_line(pid: int, uid: int, name: str, floor: str, time: str, link: str) -> str:
    """A post whose ul.authi has one line: avatar, floor, name and 只看他, the time."""
    return (
        f"<div class='plc cl' id='pid{pid}'><div class='display pi' href='#replybtn_{pid}'>"
        f"<ul class='authi'><li><span class='avatar'><img src='avatar.php?uid={uid}'></span>"
        f"<em class='isnumber'>{floor}</em><p><a href='home.php?mod=space&amp;uid={uid}'>{name}</a>"
        f"<a href='forum.php?mod=viewthread&amp;tid=1&amp;authorid={uid}&amp;mobile=2'>{link}</a>"
        f"</p><p>{time}<em class='y'><i></i> 24</em></p></li></ul>"
        f"<div class='message'>正文 {pid}</div></div></div>"
    )


def test_a_one_line_header_gives_the_floor_behind_the_avatar_and_the_time_beside_counters():
    page = touch_page(one_line(6, 7, "小白同学", "6<sup>#</sup>", "2026-11-26 02:02:00", "只看他"))
    post = page.posts[0]
    assert (post.floor, post.floor_label, post.author, post.uid) == (6, "6#", "小白同学", 7)
    assert (post.posted_text, post.posted_at) == (
        "2026-11-26 02:02:00",
        "2026-11-26T02:02:00+08:00",
    )
    assert post.found_by["time"] == S.RULE_TOUCH_TIME_IN_LINE


def test_only_a_link_reading_louzhu_names_the_thread_author():
    posts = one_line(6, 7, "小白同学", "6<sup>#</sup>", "2026-11-26 02:02:00", "只看他")
    page = touch_page(posts, page=2)
    assert (page.thread.thread_author_uid, page.posts[0].is_thread_author) == (None, False)
    header = "<a href='forum.php?mod=viewthread&amp;tid=1&amp;authorid=2&amp;mobile=2'>只看楼主</a>"
    page = touch_page(posts, header, page=2)
    assert (page.thread.thread_author_uid, page.posts[0].is_thread_author) == (2, False)


def jeawy_reply(pid: int, uid: int, name: str) -> str:
    return (
        f"<div class='container reply' id='pid{pid}'><div class='post-list'>"
        f"<div class='list-user-img'><a href='#'><img src='uc_server/avatar.php?uid={uid}"
        "&amp;size=middle'></a></div><div class='reply-w'>"
        f"<div class='posted_content' href='#replybtn_{pid}'><div class='clearfix'>"
        f"<div class='summary-title pull-left'>{name}</div>"
        "<div class='reply-time pull-left'>2026-11-24 21:40:00</div></div>"
        f"<div class='reply-content'>回复 {pid}<br>第二行</div></div>"
        "<div class='user_nub'><a href='forum.php?mod=post&amp;action=reply'>回复</a></div>"
        "</div></div></div>"
    )


def test_a_post_without_message_or_space_link_reads_the_content_block_and_the_avatar():
    post = touch_page(jeawy_reply(5, 3, "lisa2019"), page=2).posts[0]
    assert (post.author, post.uid, post.body_text, post.posted_at) == (
        "lisa2019", 3, "回复 5\n第二行", "2026-11-24T21:40:00+08:00",
    )  # fmt: skip
    assert (post.found_by["author"], post.found_by["body"]) == (
        S.RULE_TOUCH_AUTHOR_AVATAR, S.RULE_TOUCH_MESSAGE_CONTENT,
    )  # fmt: skip


def test_page_1_whose_first_post_has_no_pid_gets_no_counted_floors():
    """The 只看楼主 link names uid 2; the first post found is uid 3's: post 1 is not among them."""
    header = "<a href='forum.php?mod=viewthread&amp;tid=1&amp;authorid=2&amp;mobile=2'>只看楼主</a>"
    page = touch_page(jeawy_reply(2, 3, "lisa2019") + jeawy_reply(5, 2, "张小喆"), header)
    assert [(p.pid, p.floor, p.is_thread_author) for p in page.posts] == [
        (2, None, False), (5, None, True),
    ]  # fmt: skip
    assert page.thread.thread_author_uid == 2
    # the same page whose first post is the starter's: floors by order stand
    page = touch_page(jeawy_reply(1, 2, "张小喆") + jeawy_reply(2, 3, "lisa2019"), header)
    assert [(p.pid, p.floor, p.is_thread_author) for p in page.posts] == [
        (1, 1, True),
        (2, 2, False),
    ]


def test_mobile_reads_every_header_part_of_its_one_line():
    html, url, date = read_saved(ZOO / "x34-utf8" / "mobile" / "touch-p5.html")
    page = parse_page(html, url, now=date)
    post = page.posts[0]
    assert (post.pid, post.floor, post.floor_label, post.author, post.uid) == (
        21, 21, "21#", "阿强超版", 6,
    )  # fmt: skip
    assert (post.posted_text, post.posted_at, post.posted_precision) == (
        "4 天前", "2026-12-02T00:00:00+08:00", "day",
    )  # fmt: skip
    # pages 2-5 name no starter: the 只看他 links name each post's own author
    assert (page.thread.thread_author_uid, [p.is_thread_author for p in page.posts]) == (
        None, [False] * 5,
    )  # fmt: skip
