"""The synthetic page generator promises exact posts; the parser must read them back."""

from __future__ import annotations

import dataclasses
import re

import pytest

from archiver.decode import decode
from archiver.model import Attachment, Quote, ThreadPage
from archiver.parse import parse_page

from .pagegen import (
    BBNAME,
    CATEGORY,
    MOBILE_TAG,
    expected_posts,
    forum_of,
    page_posts,
    thread_page,
    thread_starter,
)

BASE = "http://127.0.0.1:8080/"
PAGES = 30  # 300 floors, 40 minutes apart: relative times (hours, days) and absolute ones


def parse(content: bytes) -> tuple[str, ThreadPage]:
    decoded = decode(content)
    assert decoded.replacements == 0
    return decoded.charset, parse_page(decoded.text)


def test_expected_posts():
    assert expected_posts(7, 1, 3, 4) == [(7000, 1), (7001, 2), (7002, 3), (7003, 4)]
    assert expected_posts(7, 3, 3, 2, first_pid=500) == [(504, 5), (505, 6)]


def test_same_arguments_same_bytes():
    args = {"tid": 5, "page": 2, "pages": 4, "seed": 3}
    assert thread_page(**args) == thread_page(**args)
    assert thread_page(**args) != thread_page(**{**args, "seed": 4})


@pytest.mark.parametrize(
    "arguments",
    [
        {"page": 0, "pages": 3},
        {"page": 4, "pages": 3},
        {"page": 1, "pages": 1, "posts_per_page": 0},
        {"page": 1, "pages": 1, "charset": "big5"},
    ],
)
def test_bad_arguments(arguments):
    with pytest.raises(ValueError):
        thread_page(tid=1, **arguments)


@pytest.mark.parametrize(
    ("posts_per_page", "body_chars", "low", "high"),
    [(10, 300, 45_000, 100_000), (50, 300, 250_000, 400_000), (50, 30, 200_000, 320_000)],
)
def test_page_sizes(posts_per_page, body_chars, low, high):
    for charset in ("utf-8", "gbk"):
        content = thread_page(
            tid=9, page=1, pages=2, posts_per_page=posts_per_page, body_chars=body_chars,
            charset=charset,
        )  # fmt: skip
        assert low <= len(content) <= high, (charset, len(content))
        assert content.rstrip().endswith(b"</html>")


def test_gbk_page_declares_and_is_gbk():
    content = thread_page(tid=4, page=1, pages=1, charset="gbk")
    assert b'content="text/html; charset=gbk"' in content
    assert b"charset = 'gbk'" in content
    with pytest.raises(UnicodeDecodeError):
        content.decode("utf-8")
    assert "发表于" in content.decode("gbk")


@pytest.mark.parametrize("charset", ["utf-8", "gbk"])
@pytest.mark.parametrize("page", [1, 2, 15, PAGES])
def test_posts_read_back_exactly(charset, page):
    content = thread_page(tid=42, page=page, pages=PAGES, charset=charset, seed=7)
    specs = page_posts(tid=42, page=page, pages=PAGES, seed=7)
    used, parsed = parse(content)
    assert used == ("gb18030" if charset == "gbk" else "utf-8")
    assert parsed.warnings == []
    assert [(p.pid, p.floor) for p in parsed.posts] == expected_posts(42, page, PAGES)
    for post, spec in zip(parsed.posts, specs, strict=True):
        assert post.floor_label == spec.floor_label
        assert (post.author, post.uid, post.author_kind) == (
            spec.author.name,
            spec.author.uid,
            "member",
        )
        assert post.is_thread_author == spec.is_starter
        assert post.posted_at == spec.posted_at.isoformat()
        assert (post.posted_text, post.posted_precision) == (spec.posted_text, "second")
        assert post.client_tag == spec.client_tag
        assert post.state == "normal"
        assert post.body_text == spec.text


@pytest.mark.parametrize("charset", ["utf-8", "gbk"])
def test_author_panels(charset):
    content = thread_page(tid=8, page=3, pages=5, posts_per_page=20, charset=charset)
    _, parsed = parse(content)
    specs = page_posts(tid=8, page=3, pages=5, posts_per_page=20)
    for post, spec in zip(parsed.posts, specs, strict=True):
        user, profile = spec.author, post.profile
        assert profile is not None
        assert (profile.uid, profile.name) == (user.uid, user.name)
        assert (profile.group_title, profile.gid, profile.rank) == (
            user.group_title,
            user.gid,
            user.rank,
        )
        assert (profile.thread_count, profile.post_count, profile.credits) == (
            user.threads,
            user.posts,
            user.credits,
        )
        assert profile.avatar_url == f"{BASE}uc_server/avatar.php?uid={user.uid}&size=middle"


def test_quotes_and_images():
    specs = [s for page in range(1, 6) for s in page_posts(tid=11, page=page, pages=5)]
    assert any(s.quote for s in specs) and any(s.image for s in specs)
    assert any(s.client_tag == MOBILE_TAG for s in specs)
    by_pid = {s.pid: s for s in specs}
    for page in range(1, 6):
        _, parsed = parse(thread_page(tid=11, page=page, pages=5))
        for post in parsed.posts:
            spec = by_pid[post.pid]
            quotes = []
            if spec.quote is not None:
                q = spec.quote
                at = by_pid[q.pid].posted_at.replace(second=0).isoformat()
                quotes = [Quote(q.pid, q.author, q.time_text, at, q.text)]
            assert post.quotes == quotes
            images = []
            if spec.image is not None:
                i = spec.image
                images = [Attachment(i.aid, "image", BASE + i.path, i.filename)]
                # the size shown in the hidden tip; how much of the tip is kept is the parser's call
                assert (post.attachments[0].size_text or "").startswith(i.size)
            assert [dataclasses.replace(a, size_text=None) for a in post.attachments] == images
            assert "下载" not in post.body_text  # the hidden image tip stays out


def test_time_forms():
    """Over 300 floors the newest show each relative form, the oldest plain absolute."""
    shown = [s.posted_html for page in range(1, PAGES + 1) for s in page_posts(
        tid=3, page=page, pages=PAGES)]  # fmt: skip
    forms = {
        "hours": r"^<span title=\"[^\"]+\">\d+&nbsp;小时前</span>$",
        "yesterday": r"^<span title=\"[^\"]+\">昨天&nbsp;\d\d:\d\d</span>$",
        "day before": r"^<span title=\"[^\"]+\">前天&nbsp;\d\d:\d\d</span>$",
        "days": r"^<span title=\"[^\"]+\">[3-7]&nbsp;天前</span>$",
        "absolute": r"^\d{4}-\d{1,2}-\d{1,2} \d\d:\d\d:\d\d$",
    }
    for name, pattern in forms.items():
        assert any(re.match(pattern, html) for html in shown), name


@pytest.mark.parametrize("charset", ["utf-8", "gbk"])
def test_thread_on_page_one(charset):
    _, parsed = parse(thread_page(tid=21, page=1, pages=3, charset=charset, views=5000))
    thread = parsed.thread
    starter = thread_starter(21)
    fid, forum = forum_of(21)
    assert (thread.site, thread.tid, thread.fid) == ("127.0.0.1:8080", 21, fid)
    assert (thread.page, thread.pages) == (1, 3)
    assert (thread.views, thread.replies) == (5000, 29)
    assert (thread.thread_author, thread.thread_author_uid) == (starter.name, starter.uid)
    assert thread.forum_path == [CATEGORY[1], forum]
    assert thread.discuz_version == "X3.4"
    assert thread.rendered_at == "2025-03-15T14:20:00+08:00"
    assert thread.base_url == BASE
    assert parsed.posts[0].is_thread_author and parsed.posts[0].floor_label == "楼主"


def test_thread_on_later_pages():
    subject = f"{BBNAME}：自定义标题 & 测试"
    _, parsed = parse(thread_page(tid=21, page=3, pages=3, subject=subject, replies=40))
    thread = parsed.thread
    assert (thread.page, thread.pages) == (3, 3)
    assert (thread.views, thread.replies) == (None, None)  # only page 1 shows them
    assert thread.subject == subject
    starter = thread_starter(21)
    assert (thread.thread_author, thread.thread_author_uid) == (starter.name, starter.uid)
    assert thread.canonical_url == f"{BASE}forum.php?mod=viewthread&tid=21&page=3"


@pytest.mark.parametrize(("page", "pages"), [(1, 1), (1, 2), (6, 12), (12, 12), (40, 90)])
def test_pager(page, pages):
    content = thread_page(tid=2, page=page, pages=pages, posts_per_page=2, body_chars=20)
    _, parsed = parse(content)
    assert (parsed.thread.page, parsed.thread.pages) == (page, pages)
    text = content.decode()
    assert ('class="nxt"' in text) == (page < pages)
    assert ('class="prev"' in text) == (page > 1)
    assert (f'title="共 {pages} 页"' in text) == (pages > 1)


def test_first_pid_and_body_size():
    _, parsed = parse(thread_page(tid=1, page=2, pages=2, first_pid=90_000, body_chars=1000))
    assert [p.pid for p in parsed.posts] == list(range(90_010, 90_020))
    assert all(950 <= len(p.body_text.replace("\n", "")) <= 1100 for p in parsed.posts)
