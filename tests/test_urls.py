import pytest

from archiver.errors import InputError
from archiver.urls import (
    ThreadRef,
    desktop_page_url,
    parse_thread_url,
    saved_under,
    site_of,
    site_root,
)

ROOT = "https://bbs.example.cn/"
SUB = "http://www.example.com/bbs/"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        # dynamic desktop links
        (f"{ROOT}forum.php?mod=viewthread&tid=123", ThreadRef(ROOT, 123, 1)),
        (f"{ROOT}forum.php?mod=viewthread&tid=123&page=4", ThreadRef(ROOT, 123, 4)),
        (f"{ROOT}forum.php?mod=viewthread&page=4&tid=123", ThreadRef(ROOT, 123, 4)),
        # page%3D inside extra is the forum list page, not the thread's
        (f"{ROOT}forum.php?mod=viewthread&tid=123&extra=page%3D7", ThreadRef(ROOT, 123, 1)),
        (f"{ROOT}forum.php?mod=viewthread&tid=123&extra=page%3D7&page=2", ThreadRef(ROOT, 123, 2)),
        (f"{ROOT}forum.php?mod=viewthread&tid=123&extra=&page=3", ThreadRef(ROOT, 123, 3)),
        (f"{ROOT}forum.php?mod=viewthread&tid=123&fromuid=99", ThreadRef(ROOT, 123, 1)),
        (f"{ROOT}forum.php?mod=viewthread&tid=123&page=2&fromuid=9", ThreadRef(ROOT, 123, 2)),
        (f"{ROOT}forum.php?mod=viewthread&tid=123&page=2#pid456", ThreadRef(ROOT, 123, 2)),
        (f"{ROOT}forum.php?mod=viewthread&tid=123&highlight=x&page=2", ThreadRef(ROOT, 123, 2)),
        # these number their pages differently from the desktop view: page unknown
        (f"{ROOT}forum.php?mod=viewthread&tid=123&page=3&authorid=5", ThreadRef(ROOT, 123, 1)),
        (f"{ROOT}forum.php?mod=viewthread&tid=123&ordertype=1&page=3", ThreadRef(ROOT, 123, 1)),
        (f"{ROOT}forum.php?mod=viewthread&tid=123&mobile=2", ThreadRef(ROOT, 123, 1)),
        (f"{ROOT}forum.php?mod=viewthread&tid=123&page=3&mobile=2", ThreadRef(ROOT, 123, 1)),
        (f"{ROOT}forum.php?mod=viewthread&tid=123&page=3&mobile=yes", ThreadRef(ROOT, 123, 1)),
        (f"{ROOT}forum.php?mod=viewthread&tid=123&page=3&mobile=no", ThreadRef(ROOT, 123, 3)),
        # junk page numbers mean page 1, as Discuz reads them
        (f"{ROOT}forum.php?mod=viewthread&tid=123&page=0", ThreadRef(ROOT, 123, 1)),
        (f"{ROOT}forum.php?mod=viewthread&tid=123&page=x", ThreadRef(ROOT, 123, 1)),
        # &amp; left in a URL copied from page source
        (f"{ROOT}forum.php?mod=viewthread&amp;tid=123&amp;page=2", ThreadRef(ROOT, 123, 2)),
        (f"{ROOT}forum.php?mod=viewthread&amp;amp;tid=123", ThreadRef(ROOT, 123, 1)),
        (f"  {ROOT}forum.php?mod=viewthread&tid=123\n", ThreadRef(ROOT, 123, 1)),
        # rewritten: the third number is the forum list page
        (f"{ROOT}thread-123-1-1.html", ThreadRef(ROOT, 123, 1)),
        (f"{ROOT}thread-123-5-2.html", ThreadRef(ROOT, 123, 5)),
        (f"{ROOT}thread-123-5-2.html#pid9", ThreadRef(ROOT, 123, 5)),
        # post permalinks and last-post links: the page is only known to the server
        (f"{ROOT}forum.php?mod=redirect&goto=findpost&ptid=123&pid=456", ThreadRef(ROOT, 123, 1)),
        (f"{ROOT}forum.php?mod=redirect&goto=findpost&pid=456&ptid=123", ThreadRef(ROOT, 123, 1)),
        (f"{ROOT}forum.php?mod=redirect&tid=123&goto=lastpost#lastpost", ThreadRef(ROOT, 123, 1)),
        # archiver
        (f"{ROOT}archiver/?tid-123.html", ThreadRef(ROOT, 123, 1)),
        (f"{ROOT}archiver/?tid-123.html&page=3", ThreadRef(ROOT, 123, 3)),
        (f"{ROOT}archiver/index.php?tid-123.html", ThreadRef(ROOT, 123, 1)),
        (f"{ROOT}archiver?tid-123.html", ThreadRef(ROOT, 123, 1)),
        # installs under a sub-path, plain http
        (f"{SUB}forum.php?mod=viewthread&tid=7&page=2", ThreadRef(SUB, 7, 2)),
        (f"{SUB}thread-7-1-1.html", ThreadRef(SUB, 7, 1)),
        (f"{SUB}forum.php?mod=redirect&goto=findpost&ptid=7&pid=70", ThreadRef(SUB, 7, 1)),
        (f"{SUB}archiver/?tid-7.html&page=2", ThreadRef(SUB, 7, 2)),
        (f"{SUB}forum.php?mod=viewthread&tid=7&mobile=2", ThreadRef(SUB, 7, 1)),
        # scheme and host are normalised, default ports dropped, others kept
        ("HTTPS://BBS.Example.CN/forum.php?mod=viewthread&tid=1", ThreadRef(ROOT, 1, 1)),
        ("https://bbs.example.cn:443/thread-1-1-1.html", ThreadRef(ROOT, 1, 1)),
        ("http://www.example.com:80/bbs/thread-7-1-1.html", ThreadRef(SUB, 7, 1)),
        (
            "http://127.0.0.1:8080/forum.php?mod=viewthread&tid=1",
            ThreadRef("http://127.0.0.1:8080/", 1, 1),
        ),
        ("http://[::1]:8080/thread-1-2-1.html", ThreadRef("http://[::1]:8080/", 1, 2)),
        ("https://user:pw@bbs.example.cn/thread-1-1-1.html", ThreadRef(ROOT, 1, 1)),
    ],
)
def test_parse_thread_url(url, expected):
    assert parse_thread_url(url) == expected


@pytest.mark.parametrize(
    "url",
    [
        "",
        "bbs.example.cn/thread-1-1-1.html",  # no scheme
        "ftp://bbs.example.cn/thread-1-1-1.html",
        "https:///thread-1-1-1.html",
        "https://bbs.example.cn/",
        "https://bbs.example.cn/forum.php",
        "https://bbs.example.cn/forum.php?mod=viewthread",
        "https://bbs.example.cn/forum.php?mod=viewthread&tid=",
        "https://bbs.example.cn/forum.php?mod=viewthread&tid=0",
        "https://bbs.example.cn/forum.php?mod=viewthread&tid=abc",
        "https://bbs.example.cn/forum.php?mod=viewthread&tid=-5",
        "https://bbs.example.cn/forum.php?mod=redirect&goto=findpost&pid=456",
        "https://bbs.example.cn/forum.php?mod=redirect&goto=nextnewset&tid=1",
        "https://bbs.example.cn/thread-1-1.html",
        "https://bbs.example.cn/thread-0-1-1.html",
        "https://bbs.example.cn/viewthread.php?tid=1",  # Discuz! 7, not X
        "https://bbs.example.cn/archiver/",
        "https://bbs.example.cn/archiver/?fid-2.html",
        "https://bbs.example.cn/misc/?tid-1.html",
        "https://bbs.example.cn/home.php?mod=space&uid=1",
        "https://bbs.example.cn:99999/thread-1-1-1.html",
    ],
)
def test_parse_thread_url_rejects(url):
    with pytest.raises(InputError) as info:
        parse_thread_url(url)
    message = str(info.value)
    assert "\n" not in message
    assert "forum.php?mod=viewthread&tid=N" in message
    assert "thread-N-P-L.html" in message
    if url.strip():
        assert url.strip() in message


@pytest.mark.parametrize(
    "url",
    [
        "https://bbs.example.cn/forum.php?mod=forumdisplay&fid=2",
        "https://bbs.example.cn/forum-2-1.html",
    ],
)
def test_a_board_url_suggests_archive_board(url):
    with pytest.raises(InputError, match="archive it with: discuz-archiver archive-board URL"):
        parse_thread_url(url)


def test_rejection_message_names_the_url():
    with pytest.raises(InputError) as info:
        parse_thread_url("https://bbs.example.cn/forum-2-1.html")
    assert str(info.value).startswith("https://bbs.example.cn/forum-2-1.html: not a Discuz!")
    assert info.value.exit_code == 2


@pytest.mark.parametrize(
    ("ref", "page", "expected"),
    [
        (ThreadRef(ROOT, 123), 1, f"{ROOT}forum.php?mod=viewthread&tid=123&page=1"),
        (ThreadRef(ROOT, 123, 5), 2, f"{ROOT}forum.php?mod=viewthread&tid=123&page=2"),
        (ThreadRef(SUB, 7), 10, f"{SUB}forum.php?mod=viewthread&tid=7&page=10"),
    ],
)
def test_desktop_page_url(ref, page, expected):
    assert desktop_page_url(ref, page) == expected


def test_desktop_page_url_round_trips():
    ref = parse_thread_url(f"{SUB}thread-7-3-1.html")
    assert parse_thread_url(desktop_page_url(ref, ref.page)) == ref


def test_desktop_page_url_rejects_page_zero():
    with pytest.raises(ValueError):
        desktop_page_url(ThreadRef(ROOT, 1), 0)


@pytest.mark.parametrize(
    ("base", "site"),
    [
        (ROOT, "bbs.example.cn"),
        (SUB, "www.example.com/bbs"),
        ("https://Example.CN:8443/a/b/", "example.cn:8443/a/b"),
        ("http://example.cn:80/", "example.cn"),
    ],
)
def test_thread_ref_site(base, site):
    assert ThreadRef(base, 1).site == site


@pytest.mark.parametrize(
    ("kwargs"),
    [
        {"base": "https://bbs.example.cn", "tid": 1},
        {"base": ROOT, "tid": 0},
        {"base": ROOT, "tid": 1, "page": 0},
    ],
)
def test_thread_ref_validates(kwargs):
    with pytest.raises(ValueError):
        ThreadRef(**kwargs)


@pytest.mark.parametrize(
    ("url", "site"),
    [
        ("https://bbs.example.cn/forum.php?mod=viewthread&tid=1", "bbs.example.cn"),
        ("https://bbs.example.cn/forum.php?mod=forumdisplay&fid=2", "bbs.example.cn"),
        ("https://bbs.example.cn/thread-1-1-1.html", "bbs.example.cn"),
        ("https://bbs.example.cn/", "bbs.example.cn"),
        ("https://bbs.example.cn", "bbs.example.cn"),
        ("HTTPS://BBS.EXAMPLE.CN:443/home.php?mod=space&uid=1", "bbs.example.cn"),
        ("http://www.example.com/bbs/forum.php?mod=viewthread&tid=7", "www.example.com/bbs"),
        ("http://www.example.com/bbs/thread-7-1-1.html", "www.example.com/bbs"),
        ("http://www.example.com/bbs/", "www.example.com/bbs"),
        ("http://www.example.com/bbs", "www.example.com/bbs"),
        ("http://www.example.com/bbs/archiver/?tid-7.html", "www.example.com/bbs"),
        (
            "http://www.example.com/bbs/api/mobile/index.php?module=viewthread",
            "www.example.com/bbs",
        ),
        ("http://www.example.com:8080/bbs/forum.php", "www.example.com:8080/bbs"),
        ("http://www.example.com/BBS/forum.php", "www.example.com/BBS"),
    ],
)
def test_site_of(url, site):
    assert site_of(url) == site


@pytest.mark.parametrize(
    "url",
    [
        "https://bbs.example.cn/forum.php?mod=viewthread&tid=1&page=2",
        "http://www.example.com/bbs/thread-7-2-1.html",
        "http://www.example.com/bbs/archiver/?tid-7.html",
        "http://www.example.com/bbs/forum.php?mod=redirect&goto=findpost&ptid=7&pid=1",
    ],
)
def test_site_of_agrees_with_thread_ref(url):
    assert site_of(url) == parse_thread_url(url).site


@pytest.mark.parametrize("url", ["", "bbs.example.cn/forum.php", "mailto:a@example.cn"])
def test_site_of_rejects(url):
    with pytest.raises(InputError):
        site_of(url)


@pytest.mark.parametrize(
    ("url", "root"),
    [
        ("https://bbs.example.cn/bbs/", "https://bbs.example.cn/bbs/"),
        ("HTTPS://BBS.example.cn:443/bbs", "https://bbs.example.cn/bbs/"),
        ("http://bbs.example.cn:8080", "http://bbs.example.cn:8080/"),
        (
            "http://bbs.example.cn/bbs/forum.php?mod=forumdisplay&fid=2",
            "http://bbs.example.cn/bbs/",
        ),
        (
            "http://bbs.example.cn/bbs/api/mobile/index.php?module=check",
            "http://bbs.example.cn/bbs/",
        ),
    ],
)
def test_site_root_is_the_install_root_of_any_of_its_urls(url, root):
    assert site_root(url) == root
    assert site_of(root) == site_of(url)


def test_a_saved_file_under_a_site_keeps_the_tid_and_page_of_its_name():
    root = "https://bbs.example.cn/bbs/"
    assert saved_under(root, "/tmp/a b/thread-5-2-1.html") == root + "thread-5-2-1.html"
    assert saved_under(root, "x/forum.php?mod=viewthread&tid=5&page=2#1.html") == (
        root + "forum.php?mod=viewthread&tid=5&page=2%231.html"
    )
    assert saved_under(root, "api answer.json") == root + "api%20answer.json"
