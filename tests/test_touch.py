"""Touch-template pages (mobile=2) parse to the rows behind them and agree with desktop pages."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from archiver.decode import decode
from archiver.errors import NotAThreadPage, ThreadNotFound
from archiver.parse import parse_page
from archiver.parse.touch import parse_touch

from .support import FIXTURES, corpus_dir, corpus_sets

SETS = corpus_sets()
FEATURE = FIXTURES / "touch" / "feature-thread-p1.html"
EXPECTED = FIXTURES / "expected" / "touch" / "feature-thread-p1.json"
DESKTOP = FIXTURES / "features" / "thread-p1.html"
CST = dt.timezone(dt.timedelta(hours=8))
POST_KEYS = (
    "pid",
    "floor",
    "floor_label",
    "author",
    "uid",
    "author_kind",
    "is_thread_author",
    "posted_at",
    "posted_text",
    "posted_precision",
    "client_tag",
    "state",
    "edited_by",
    "edited_at",
)
ITEM_FIELDS = {
    "quotes": ("quoted_pid", "quoted_author"),
    "attachments": ("aid", "kind", "url", "filename"),
    "comments": ("author", "uid", "text"),
}
UNITS = {"second": 1, "minute": 60, "hour": 3600}
# what every rendering of one post must agree on
SAME = ("author", "uid", "author_kind", "floor", "floor_label", "is_sticky", "is_hot")


def pick(obj: object, names: tuple[str, ...]) -> list[object]:
    return [getattr(obj, name) for name in names]


def read_saved(path: Path) -> tuple[str, str, dt.datetime]:
    """A corpus response as text (decoded by its header charset), its URL and its Date."""
    headers = dict(
        line.split(":", 1)
        for line in path.with_name(path.name + ".headers.txt").read_text("utf-8").splitlines()
        if ":" in line
    )
    charset = headers.get("Content-Type", "").partition("charset=")[2].strip() or None
    url = path.with_name(path.name + ".url.txt").read_text("utf-8").strip()
    return decode(path.read_bytes(), charset).text, url, parsedate_to_datetime(headers["Date"])


def within_precision(approx: str | None, exact: str, precision: str | None) -> bool:
    """An approximate time agrees with the exact one as far as its precision goes."""
    if approx is None or precision is None:
        return False
    shown, truth = dt.datetime.fromisoformat(approx), dt.datetime.fromisoformat(exact)
    if precision == "day":
        return shown.date() == truth.astimezone(shown.tzinfo).date()
    return abs((shown - truth).total_seconds()) < UNITS[precision]


def lines(text: str) -> list[str]:
    """Body text without blank lines: block vs inline markup differs between renderings."""
    return [line for line in text.splitlines() if line.strip()]


def assert_expected(page, expected: dict) -> None:
    """The parse result holds every value an expected file writes down."""
    actual = dataclasses.asdict(page)
    thread = expected["thread"]
    assert {k: actual["thread"][k] for k in thread} == thread
    assert [p["pid"] for p in actual["posts"]] == [p["pid"] for p in expected["posts"]]
    for want, got in zip(expected["posts"], actual["posts"], strict=True):
        keys = [k for k in POST_KEYS if k in want]
        assert {k: got[k] for k in keys} == {k: want[k] for k in keys}, want["pid"]
        assert got["is_sticky"] == want.get("sticky", False)
        assert got["is_hot"] == want.get("hot", False)
        if "profile" in want:
            assert got["profile"] == want["profile"]
        for text in want.get("body_contains", []):
            assert text in got["body_text"], (want["pid"], text)
        for text in want.get("body_excludes", []):
            assert text not in got["body_text"], (want["pid"], text)
        for key, fields in ITEM_FIELDS.items():
            if key in want:
                picked = [
                    {f: item[f] for f in fields if f in w}
                    for item, w in zip(got[key], want[key], strict=False)
                ]
                assert len(got[key]) == len(want[key]), (want["pid"], key, got[key])
                assert picked == [{f: w[f] for f in fields if f in w} for w in want[key]]


@pytest.mark.parametrize("set_name", SETS)
def test_corpus_touch_page_archives_to_groundtruth(set_name):
    folder = corpus_dir(set_name)
    truth = json.loads((folder / "groundtruth.json").read_text("utf-8"))
    html, url, now = read_saved(folder / "thread2_touch.html")
    page = parse_touch(html, url, now=now)
    names = truth["settings"]["postnocustom"]
    rows = [p for p in truth["posts"] if p["tid"] == 2]
    assert [(p.pid, p.author, p.uid, p.floor, p.floor_label) for p in page.posts] == [
        (r["pid"], r["author"], r["authorid"], r["position"], names[r["position"] - 1])
        for r in rows
    ]
    for post, row in zip(page.posts, rows, strict=True):
        exact = dt.datetime.fromtimestamp(row["dateline"], CST).isoformat()
        assert within_precision(post.posted_at, exact, post.posted_precision), post.posted_text
        assert post.posted_precision in ("day", "hour")  # 6 天前, 2 小时前: only relative times
        assert (post.body_text, post.source, post.state) == (row["message"], "touch", "normal")
        assert post.is_thread_author == bool(row["first"])
        assert post.profile is None
    thread = next(t for t in truth["threads"] if t["tid"] == 2)
    fields = ("tid", "fid", "subject", "forum", "thread_author", "thread_author_uid")
    keys = ("tid", "fid", "subject", "forum_name", "author", "authorid")
    assert pick(page.thread, fields) == [thread[key] for key in keys]
    got = page.thread
    assert (got.page, got.pages, got.rendered_at, got.site) == (1, 1, None, urlsplit(url).netloc)
    assert page.warnings == []


@pytest.mark.parametrize("set_name", SETS)
def test_corpus_missing_thread_touch_page_raises_thread_not_found(set_name):
    path = corpus_dir(set_name) / "missing_thread_tid9999_touch.html"
    html, _url, _now = read_saved(path)
    with pytest.raises(ThreadNotFound) as raised:
        parse_touch(html, str(path))
    assert str(raised.value).startswith(f"{path}: ")
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize("set_name", SETS)
def test_corpus_desktop_page_is_not_a_touch_page(set_name):
    path = corpus_dir(set_name) / "thread2_page1.html"
    html, url, _now = read_saved(path)
    with pytest.raises(NotAThreadPage, match="desktop thread page"):
        parse_touch(html, url)


def expected_page():
    expected = json.loads(EXPECTED.read_text("utf-8"))
    now = dt.datetime.fromisoformat(expected["now"])
    return expected, parse_touch(decode(FEATURE.read_bytes()).text, str(FEATURE), now=now)


def test_feature_fixture_matches_expected():
    expected, page = expected_page()
    assert_expected(page, expected)
    assert page.warnings == []
    assert {p.source for p in page.posts} == {"touch"}


def test_touch_and_desktop_pages_of_one_thread_agree():
    _expected, touch = expected_page()
    desktop = parse_page(decode(DESKTOP.read_bytes()).text, str(DESKTOP))
    on_desktop = {p.pid: p for p in desktop.posts}
    # touch page 1 holds positions 1-5 (mobilepostperpage 5): position 5 is the deleted floor,
    # 6# is on touch page 2; the sticky and hot copies come with page 1 on both
    assert set(on_desktop) - {p.pid for p in touch.posts} == {2339014, 2340288}
    for post in touch.posts:
        other = on_desktop[post.pid]
        assert pick(post, SAME) == pick(other, SAME), post.pid
        assert lines(post.body_text) == lines(other.body_text), post.pid
        assert other.posted_at is not None
        assert within_precision(post.posted_at, other.posted_at, post.posted_precision), post.pid
        assert [a.aid for a in post.attachments] == [a.aid for a in other.attachments]
    thread = ("tid", "fid", "subject", "forum", "thread_author", "thread_author_uid", "pages")
    assert pick(touch.thread, thread) == pick(desktop.thread, thread)


def test_without_a_fetch_time_relative_times_stay_unknown():
    page = parse_touch(decode(FEATURE.read_bytes()).text, "http://bbs.feature.example/forum/")
    unresolved = [p.posted_text for p in page.posts if p.posted_at is None]
    assert unresolved == ["9 小时前", "昨天 23:36", "7 天前", "3 天前"]
    assert "relative times left unresolved: no fetch time (now) was given" in page.warnings


TEMPLATE_X34 = """<html><head><title>T - 版块 -  站 -  手机版 - Powered by Discuz!</title></head>
<body class="bg"><header class="header"><div class="nav"><span class="name">版块</span></div>
</header><div class="postlist"><h2>T</h2>{posts}
<form id="fastpostform" action="forum.php?mod=post&amp;action=reply&amp;fid=5&amp;tid=42"></form>
</div></body></html>"""
POST_X34 = """<div class="plc cl" id="pid{pid}"><span class="avatar"><img src="{avatar}" /></span>
<div class="display pi"><ul class="authi"><li class="grey"><em>{label}</em><b>{who}</li>
<li class="grey rela">{when}</li></ul><div class="message">{message}</div></div></div>"""


def x34_page(*posts: dict) -> str:
    defaults = {"avatar": "uc_server/avatar.php?uid=0&size=small", "when": "2024-1-2 03:04:05"}
    return TEMPLATE_X34.format(posts="".join(POST_X34.format(**{**defaults, **p}) for p in posts))


def test_post_after_an_anonymous_one_keeps_its_author_and_time():
    member = '<a href="home.php?mod=space&uid=7" class="blue">bo</a></b>'
    html = x34_page(
        {"pid": 1, "label": "楼主", "who": "匿名", "message": "a"},
        {"pid": 2, "label": "沙发", "who": member, "when": "昨天&nbsp;08:15", "message": "b"},
    )
    page = parse_touch(
        html,
        "http://h.example/forum.php?mod=viewthread&tid=42&mobile=2",
        now=dt.datetime(2024, 1, 3, 12, 0, tzinfo=CST),
    )
    assert [(p.floor, p.author, p.uid, p.author_kind, p.posted_at) for p in page.posts] == [
        (1, "匿名", None, "anonymous", "2024-01-02T03:04:05+08:00"),
        (2, "bo", 7, "member", "2024-01-02T08:15:00+08:00"),
    ]
    assert (page.thread.site, page.thread.tid, page.thread.fid) == ("h.example", 42, 5)


@pytest.mark.parametrize(
    "who, expected",
    [
        ('<a href="javascript:;">游客 <em>112.80.163.x</em></a></b>', ("游客", None, "guest")),
        ("cam_fan88 <em>该用户已被删除</em></b>", ("cam_fan88", 58812, "deleted")),
    ],
)
def test_guest_and_deleted_authors(who, expected):
    html = x34_page(
        {
            "pid": 9,
            "label": "6#",
            "who": who,
            "message": "x",
            "avatar": "uc_server/avatar.php?uid=58812&size=small",
        }
    )
    [post] = parse_touch(html, "http://h.example/").posts
    assert (post.author, post.uid, post.author_kind, post.floor) == (*expected, 6)


@pytest.mark.parametrize(
    "notice, state",
    [
        ("提示: <em>作者被禁止或删除 内容自动屏蔽</em>", "banned"),
        ("提示: <em>该帖被管理员或版主屏蔽</em>", "blocked"),
        ("此帖仅作者可见", "author_only"),
    ],
)
def test_placeholders_give_a_state_and_no_body(notice, state):
    message = f'<div class="grey quote">{notice}</div>'
    html = x34_page(
        {"pid": 3, "label": "板凳", "who": "x <em>该用户已被删除</em>", "message": message}
    )
    [post] = parse_touch(html, "http://h.example/").posts
    assert (post.state, post.body_text, post.quotes) == (state, "", [])


def test_x35_comments_and_attachment_list():
    html = """<html><head><base href="http://x35.example/" /><title>S - F</title></head><body>
    <div class="header cl"><h2><a href="forum.php?mod=forumdisplay&fid=2">综合讨论区</a></h2></div>
    <div class="viewthread"><div class="view_tit"><em>[求助]</em> S</div>
    <div class="plc cl" id="pid27"><div class="avatar"><img src="x" /></div>
    <div class="display pi pione"><ul class="authi">
    <li class="mtit"><span class="y">楼主</span><span class="z">
    <a href="home.php?mod=space&amp;uid=3&amp;mobile=2">zhang_wei</a></span></li>
    <li class="mtime"><span class="y"><i class="dm-eye"></i><em>97</em><i></i><em>3</em></span>
    2024-5-6 07:08:09</li></ul>
    <div class="message">正文<ul id="attach_40" class="quote post_attlist cl"><li class="p5">
    <a href="forum.php?mod=attachment&amp;aid=NDA" target="_blank"><div class="tit">
    <span class="z mr5 cl"><img src="static/image/filetype/pdf.gif" /></span>
    <span class="link f_b">b.pdf</span><p class="pl5 f_9">昨天 上传</p>
    <p class="pl5 f_9">2 MB, 下载次数: 1</p></div></a></li></ul></div>
    <ul class="post_attlist"><li class="b_t p5">
    <a href="forum.php?mod=attachment&amp;aid=Mzk" id="aid39">
    <div class="tit"><span class="link f_b">a.zip</span><p class="pl5 f_9">昨天 上传</p>
    <p class="pl5 f_9">1.5 MB, 下载次数: 4</p></div></a></li></ul>
    <div id="comment_27"><div class="plc p0 cl" id="commentdetail_5"><div class="display pi">
    <ul class="authi"><li class="mtit"><span class="y"></span><span class="z">
    <a href="home.php?mod=space&amp;uid=5" class="xi2 xw1">lisa2019</a></span></li>
    <li class="mtime"><em class="mgl"></em>发表于 2024-5-6 09:10</li>
    <li class="mtxt mt5">同意</li></ul></div></div></div>
    </div></div>
    <div class="foot">
    <a href="forum.php?mod=post&amp;action=reply&amp;fid=2&amp;tid=2&amp;mobile=2">回复</a></div>
    </body></html>"""
    page = parse_touch(html, None)
    [post] = page.posts
    assert (page.thread.subject, page.thread.forum, page.thread.views, page.thread.replies) == (
        "S",
        "综合讨论区",
        97,
        3,
    )
    assert (post.author, post.uid, post.posted_at) == ("zhang_wei", 3, "2024-05-06T07:08:09+08:00")
    assert [(c.author, c.uid, c.text, c.posted_text, c.posted_at) for c in post.comments] == [
        ("lisa2019", 5, "同意", "2024-5-6 09:10", "2024-05-06T09:10:00+08:00")
    ]
    assert [(a.aid, a.kind, a.filename, a.size_text, a.inline) for a in post.attachments] == [
        (40, "file", "b.pdf", "2 MB, 下载次数: 1", True),
        (39, "file", "a.zip", "1.5 MB, 下载次数: 4", False),
    ]
    assert post.attachments[1].url == "http://x35.example/forum.php?mod=attachment&aid=Mzk"
    assert post.body_text == "正文\n\nb.pdf"  # the box is a block: a blank line between


def test_a_page_without_touch_posts_is_refused():
    with pytest.raises(NotAThreadPage, match="not a touch thread page"):
        parse_touch("<html><body><p>hello</p></body></html>", "page.html")
