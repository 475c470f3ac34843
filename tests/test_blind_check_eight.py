"""The rules learnt from the eighth blind check (2026-12-06): templates of older sites (X2.5,
X3.0, X3.2) on the X3.2 install. Three stored wrong values before any change:

- eis_y_car labels every post's 只看该作者 link 只看楼主: every reply was marked the starter's;
- travel_linzi hard-codes a block with `id="pid7561541"` into every post (from its author's
  demo site): it became a 26th post, and the stock header after it (來自手機) went unread;
- df_meizu_141003 shows floor 1 without an author line: a javascript: image button (跳转到指定
  楼层) made it a guest's (游客), and the name is in a block beside the title's.

Expected values are the x32 install's database rows (fixtures/zoo/x32/*/groundtruth.json).
"""

from __future__ import annotations

import json

from archiver.parse import knowledge as S
from archiver.parse import parse_page

from .support import FIXTURES
from .test_blind_check_four import zoo_post

X32 = FIXTURES / "zoo" / "x32"
TRUTH = json.loads((X32 / "groundtruth.json").read_text("utf-8"))
STARTER = TRUTH["thread"]["authorid"]


def post_truth(pid: int) -> dict:
    return next(p for p in TRUTH["posts"] if p["pid"] == pid)


def test_eis_y_car_marks_only_the_starters_posts():
    for page in ("desktop-p1.html", "desktop-p2.html", "desktop-p3.html"):
        parsed, _ = zoo_post("eis_y_car", page, _first_pid(page), X32)
        marked = [(p.pid, p.is_thread_author) for p in parsed.posts]
        assert marked == [(p.pid, post_truth(p.pid)["authorid"] == STARTER) for p in parsed.posts]


def _first_pid(page: str) -> int:
    return {"desktop-p1.html": 1, "desktop-p2.html": 11, "desktop-p3.html": 21}[page]


HEADER = (
    "<table id='pid{pid}' class='plhin'><tr><td class='pls'><div class='pi'><div class='authi'>"
    "<a href='home.php?mod=space&uid={uid}' class='xw1'>u{uid}</a></div></div></td>"
    "<td class='plc'><div class='pi'><strong><a id='postnum{pid}'>{pid}#</a></strong>"
    "<div class='pti'><div class='authi'><em id='authorposton{pid}'>发表于 2026-11-2 10:0{pid}"
    "</em> | <a href='forum.php?mod=viewthread&tid=1&page=1&authorid={uid}'>{label}</a>"
    "</div></div></div><div class='pct'><table><tr><td class='t_f' id='postmessage_{pid}'>"
    "text {pid}</td></tr></table></div></td></tr></table>"
)


def page_with(labels: list[tuple[int, int, str]]) -> list[tuple[int, bool, str | None]]:
    """A page 2 whose posts (pid, uid, label of the header's 只看该作者 link) are the given."""
    posts = "".join(HEADER.format(pid=pid, uid=uid, label=label) for pid, uid, label in labels)
    html = f"<html><body><div id='postlist'>{posts}</div></body></html>"
    parsed = parse_page(html, "http://bbs.example.cn/forum.php?mod=viewthread&tid=1&page=2")
    return [(p.pid, p.is_thread_author, p.found_by.get("thread_author")) for p in parsed.posts]


def test_a_view_link_labelled_louzhu_on_every_post_marks_nobody():
    assert page_with([(2, 3, "只看楼主"), (3, 4, "只看楼主"), (4, 3, "只看楼主")]) == [
        (2, False, None), (3, False, None), (4, False, None),
    ]  # fmt: skip


def test_a_view_link_labelled_louzhu_for_one_member_among_others_marks_him():
    """we54 labels the starter's link 只看楼主 and the others' 只看该作者."""
    assert page_with([(2, 2, "只看楼主"), (3, 4, "只看该作者"), (4, 2, "只看楼主")]) == [
        (2, True, S.RULE_STARTER_VIEW_LINK), (3, False, None), (4, True, S.RULE_STARTER_VIEW_LINK),
    ]  # fmt: skip


def test_a_view_link_labelled_louzhu_on_a_page_of_one_member_marks_nobody():
    assert page_with([(2, 3, "只看楼主"), (3, 3, "只看楼主")]) == [
        (2, False, None),
        (3, False, None),
    ]


def test_travel_linzi_has_no_invented_post_and_reads_the_stock_header_after_its_block():
    for page, pids in (("desktop-p1.html", range(1, 11)), ("desktop-p3.html", range(21, 26))):
        parsed, _ = zoo_post("travel_linzi_pc", page, pids[0], X32)
        assert [p.pid for p in parsed.posts] == list(pids)  # no pid 7561541
    parsed, _ = zoo_post("travel_linzi_pc", "desktop-p1.html", 1, X32)
    mobile = [p.pid for p in parsed.posts if p.client_tag == "來自手機"]
    assert mobile == [p["pid"] for p in TRUTH["posts"] if p["pid"] <= 10 and p["from_mobile"]]


def test_travel_linzi_ratings_take_their_credits_from_the_total_line():
    """No header row in its ratelog: 总评分 `威望 + 2` `金錢 + 10` names the columns."""
    _, post = zoo_post("travel_linzi_pc", "desktop-p1.html", 3, X32)
    titles = {1: "威望", 2: "金錢"}  # the install's extcredits 1 and 2, as this page names them
    want = sorted(
        (r["username"], r["uid"], titles[r["extcredits"]], r["score"], r["reason"])
        for r in TRUTH["rates"] if r["pid"] == 3
    )  # fmt: skip
    assert sorted((r.rater, r.rater_uid, r.credit, r.score, r.reason) for r in post.ratings) == want


def test_df_meizu_names_floor_1_from_the_block_beside_its_title():
    parsed, first = zoo_post("df_meizu_141003", "desktop-p1.html", 1, X32)
    assert (first.author, first.uid, first.author_kind) == ("张小喆", STARTER, "member")
    # the block's time is the page's last post's (em#authorposton10): not floor 1's
    assert first.posted_at is None
    assert (parsed.thread.thread_author, parsed.thread.thread_author_uid) == ("张小喆", STARTER)
    assert [p.pid for p in parsed.posts if p.is_thread_author] == [
        p["pid"] for p in TRUTH["posts"] if p["pid"] <= 10 and p["authorid"] == STARTER
    ]


def test_an_image_only_javascript_button_is_not_a_guest():
    html = (
        "<html><body><div id='postlist'><table id='pid1' class='plhin'><tr><td class='plc'>"
        "<div class='pi'><div id='fj' class='y'><a href='javascript:;' id='fj_btn'><img></a>"
        "</div></div><div class='pct'><table><tr><td class='t_f' id='postmessage_1'>text</td>"
        "</tr></table></div></td></tr></table></div></body></html>"
    )
    [post] = parse_page(html, "http://bbs.example.cn/forum.php?mod=viewthread&tid=1").posts
    assert (post.author, post.uid, post.author_kind) == (None, None, "unknown")
