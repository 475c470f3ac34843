"""Threads from a web archive's replay URLs (the Wayback Machine's /web/<time>/<URL>): the
forum's own site, tid and pages, the next pages asked through the same replay prefix, and
relative times counted from the capture (Memento-Datetime), not from today."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from typer.testing import CliRunner

from archiver.cli.main import app
from archiver.model import Page
from archiver.urls import original_url, parse_thread_url, site_of

from .discuz_server import page, start_server
from .pagegen import expected_posts, thread_page

ORIGINAL = "http://bbs.closed.example/bbs/"
PREFIX = "/web/20160315083000/"
runner = CliRunner()


@pytest.mark.parametrize(
    "url, original",
    [
        (
            "https://web.archive.org/web/20160315083000/http://bbs.closed.example/bbs/thread-7-2-1.html",
            "http://bbs.closed.example/bbs/thread-7-2-1.html",
        ),
        (  # raw mode, a short time, and the single slash some archives leave
            "http://web.archive.org/web/2016id_/http:/bbs.closed.example/forum.php?mod=viewthread&tid=7",
            "http://bbs.closed.example/forum.php?mod=viewthread&tid=7",
        ),
        (  # a pywb / OpenWayback collection in place of `web`
            "https://wayback.archive-it.org/1234/20160101000000/https://www.forum.example/x/",
            "https://www.forum.example/x/",
        ),
        ("https://bbs.example.com/2016/forum.php?mod=viewthread&tid=5", None),  # not a replay
    ],
)
def test_original_url(url, original):
    assert original_url(url) == (original or url)


def test_a_replay_url_is_the_forums_thread():
    url = (
        "https://web.archive.org/web/20160315083000/http://bbs.closed.example/bbs/thread-7-2-1.html"
    )
    ref = parse_thread_url(url)
    assert (ref.site, ref.tid, ref.page) == ("bbs.closed.example/bbs", 7, 2)
    assert site_of(ref.base) == "bbs.closed.example/bbs"


def test_shown_at_is_the_captures_time():
    fetched = dt.datetime(2026, 12, 5, 12, 0, tzinfo=dt.timezone.utc)
    headers = {"Memento-Datetime": "Tue, 15 Mar 2016 08:30:00 GMT"}
    assert Page("x", b"", fetched, headers=headers).shown_at == dt.datetime(
        2016, 3, 15, 8, 30, tzinfo=dt.timezone.utc
    )
    assert Page("x", b"", fetched).shown_at == fetched
    assert Page("x", b"", fetched, headers={"memento-datetime": "junk"}).shown_at == fetched


def test_archive_a_thread_from_its_replay_url(tmp_path):
    """Two pages captured in 2016: the site is the forum's, page 2 is asked through the replay
    prefix (the archive finds its nearest capture), and nothing goes to the dead forum."""
    routes = {}
    with start_server({}) as wayback:
        base = f"{wayback.base_url}{PREFIX}{ORIGINAL}"
        for number in (1, 2):
            body = thread_page(tid=7, page=number, pages=2, posts_per_page=5, base=base)
            path = f"{PREFIX}{ORIGINAL}forum.php?mod=viewthread&tid=7&page={number}"
            routes[path] = path
            headers = {"Memento-Datetime": "Tue, 15 Mar 2016 08:30:00 GMT"}
            wayback.route(path, page(body, headers=headers))
        url = f"{wayback.base_url}{PREFIX}{ORIGINAL}thread-7-1-1.html"
        db = tmp_path / "a.db"
        result = runner.invoke(app, ["archive", url, "--db", str(db), "--delay", "0"])
        asked = [path for _, path in wayback.requests if "tid=7" in path]
    assert result.exit_code == 0, result.stderr
    assert asked == list(routes)
    conn = sqlite3.connect(db)
    assert conn.execute("select site, tid from threads").fetchall() == [
        ("bbs.closed.example/bbs", 7)
    ]
    pids = [pid for n in (1, 2) for pid, _ in expected_posts(7, n, 2, 5)]
    stored = conn.execute("select pid from posts where site = ? order by floor", [SITE]).fetchall()
    assert [p for (p,) in stored] == pids


SITE = "bbs.closed.example/bbs"


def test_relative_times_count_from_the_capture():
    """A touch page shows only 3 天前-style times: a 2016 capture's are 2016's."""
    from archiver.archive.files import prepare_page

    from .support import FIXTURES

    content = (FIXTURES / "touch" / "feature-thread-p1.html").read_bytes()
    url = "https://web.archive.org/web/20160315083000/https://bbs.feature.example/forum/forum.php?mod=viewthread&tid=777&mobile=2"
    fetched = dt.datetime(2026, 12, 5, 12, 0, tzinfo=dt.timezone.utc)
    memento = {"Memento-Datetime": "Tue, 15 Mar 2016 08:30:00 GMT"}
    now = prepare_page(Page(url, content, fetched, url=url)).parsed
    then = prepare_page(Page(url, content, fetched, url=url, headers=memento)).parsed
    assert then.thread.site == "bbs.feature.example/forum"
    pairs = zip(now.posts, then.posts, strict=True)
    relative = [(a, b) for a, b in pairs if a.posted_precision != "second"]
    assert relative, "the touch page should show relative times"
    for a, b in relative:
        assert (a.posted_at or "")[:4] == "2026" and (b.posted_at or "")[:4] == "2016", (a, b)
