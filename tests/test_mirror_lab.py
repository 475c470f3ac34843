"""The old mobile view (mobile=1) beside desktop, from a wget -m mirror of the lab's X3.4 forum
(fixtures/mirror/README.md): the same unchanged posts, archived in every order, make no
revision, and keep the forum's states (屏蔽, 付费) and client tags (来自手机)."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re

import pytest

from archiver.archive.files import archive_page
from archiver.decode import decode
from archiver.errors import LoginRequired
from archiver.fetch import Page
from archiver.parse import parse_page
from archiver.store import open_db

from .support import FIXTURES, parsed_at, saved_page

MIRROR = FIXTURES / "mirror"
TRUTH = json.loads((MIRROR / "groundtruth.json").read_text("utf-8"))
FETCHED = dt.datetime(2026, 12, 6, 22, 54, 50, tzinfo=dt.timezone.utc)  # wget's run
THREAD_1 = ("desktop-tid1-p1", "desktop-tid1-p2", "wap-tid1-p1", "wap-tid1-p2")
THREAD_18 = ("desktop-tid18", "wap-tid18")
MOBILE = 8  # forum_post.status: posted from a phone (来自手机)
BANNED = 1  # forum_post.status: 屏蔽 by a moderator


def page_of(name: str) -> Page:
    return saved_page(MIRROR / f"{name}.html", FETCHED)


def parsed(name: str):
    return parsed_at(MIRROR / f"{name}.html", FETCHED)


def shown(tid: int) -> list[dict]:
    """The thread's posts a guest sees (forum_post.invisible 0), by pid."""
    return [p for p in TRUTH["posts"] if p["tid"] == tid and p["invisible"] == 0]


def expected_state(post: dict) -> str:
    thread = next(t for t in TRUTH["threads"] if t["tid"] == post["tid"])
    if post["status"] & BANNED:
        return "blocked"
    return "paid" if post["first"] and thread["price"] > 0 else "normal"


def page_pids(name: str) -> list[int]:
    """The pids a page shows, from the forum's rows: five posts a page by position, thread 18's
    one page, and member 7's posts in the 只看该作者 view."""
    thread_1 = [p for p in sorted(shown(1), key=lambda p: p["position"])]
    if name == "wap-tid1-author7":
        return [p["pid"] for p in thread_1 if p["authorid"] == 7]
    if name.endswith("tid18"):
        return [p["pid"] for p in shown(18)]
    page = int(name.rsplit("-p", 1)[1])
    return [p["pid"] for p in thread_1[(page - 1) * 5 : page * 5]]


@pytest.mark.parametrize("name", [*THREAD_1, *THREAD_18, "wap-tid1-author7"])
def test_each_page_reads_the_forums_states(name):
    truth = {p["pid"]: p for p in TRUTH["posts"]}
    got = [(p.pid, p.author, p.uid, p.state) for p in parsed(name).posts]
    assert got == [
        (pid, truth[pid]["author"], truth[pid]["authorid"], expected_state(truth[pid]))
        for pid in page_pids(name)
    ]


def test_the_old_mobile_view_shows_no_client_tag_and_says_so():
    for post in parsed("wap-tid1-p1").posts:
        assert (post.client_tag, post.profile, post.ratings) == (None, None, None)
        assert post.unknown_fields == (
            "client_tag", "profile", "ratings", "reply_credit", "support", "against", "rush_floor",
        )  # fmt: skip
    # builds whose template gives the post's div.bm_user no id="pidPID" (DiscuzX's
    # template/default/mobile/forum/viewthread.htm) are the same view
    page = page_of("wap-tid1-p1")
    text = re.sub(r'(<div class="bm_user") id="pid\d+"', r"\1", decode(page.content).text)
    assert 'id="pid' not in text
    posts = parse_page(text, page.url, now=FETCHED).posts
    assert [(p.pid, p.unknown_fields) for p in posts] == [
        (p.pid, p.unknown_fields) for p in parsed("wap-tid1-p1").posts
    ]
    desktop = {p.pid: p.client_tag for p in parsed("desktop-tid1-p1").posts}
    truth = {p["pid"]: p for p in TRUTH["posts"]}
    assert desktop == {
        pid: "来自手机" if truth[pid]["status"] & MOBILE else None for pid in desktop
    }


def test_a_quote_reads_as_on_desktop():
    """The old mobile page starts a quote with <p>引用:</p>, the template's word."""
    wap = {p.pid: p.body_html for p in parsed("wap-tid1-p1").posts}
    desktop = {p.pid: p.body_html for p in parsed("desktop-tid1-p1").posts}
    quoting = [pid for pid, html in desktop.items() if 'class="quote"' in html]
    assert quoting and all(wap[pid] == desktop[pid] for pid in quoting)


@pytest.mark.parametrize(
    "order",
    [*itertools.permutations(THREAD_1), *itertools.permutations(THREAD_18)],
    ids=lambda order: ",".join(order),
)
def test_every_order_of_desktop_and_old_mobile_pages_makes_no_revision(tmp_path, order):
    db = open_db(tmp_path / "a.db")
    names = (*order, "wap-tid1-author7") if "desktop-tid1-p1" in order else order
    for name in names:
        archive_page(db, page_of(name))
    assert db.execute("select count(*) from post_revisions").fetchone() == (0,)
    rows = db.execute("select pid, state, client_tag from posts order by pid").fetchall()
    seen = {post.pid for name in names for post in parsed(name).posts}
    assert rows == [
        (p["pid"], expected_state(p), "来自手机" if p["status"] & MOBILE else None)
        for p in TRUTH["posts"]
        if p["pid"] in seen
    ]


def test_the_pages_show_the_forums_first_floors():
    """Pages 1 and 2 (five posts a page) of thread 1, page 1 of thread 18, on both views."""
    first = sorted(shown(1), key=lambda p: p["position"])[:10]
    for view in ("desktop", "wap"):
        floors = [(p.pid, p.floor) for n in ("p1", "p2") for p in parsed(f"{view}-tid1-{n}").posts]
        assert floors == [(p["pid"], floor) for floor, p in enumerate(first, 1)]
        assert [p.pid for p in parsed(f"{view}-tid18").posts] == [p["pid"] for p in shown(18)]


def test_the_archiver_view_of_archived_posts_adds_no_new_post(tmp_path):
    """Its rows (text_posts) are kept, but the summary's new posts count each post once."""
    db = open_db(tmp_path / "a.db")
    news = [archive_page(db, page_of(n)).saved.posts_new for n in ("desktop-tid1-p1",)]
    news += [archive_page(db, page_of("archiver-tid1-p1")).saved.posts_new]
    assert news == [5, 0]
    assert db.execute("select count(*) from text_posts").fetchone() == (5,)
    first = open_db(tmp_path / "b.db")  # the other order: a mirror's archiver/ sorts first
    news = [archive_page(first, page_of(n)).saved.posts_new for n in ("archiver-tid1-p1",)]
    news += [archive_page(first, page_of("desktop-tid1-p1")).saved.posts_new]
    assert news == [5, 0]
    assert first.execute("select count(*) from posts").fetchone() == (5,)


def test_a_guests_post_on_the_old_mobile_view_is_a_guests():
    """Its head (div.bm_user) holds the guest link with the masked IP, as desktop's div.pi."""
    truth = {p["pid"]: p for p in TRUTH["posts"]}
    posts = parsed("wap-tid1-p4").posts
    assert [(p.pid, p.floor) for p in posts] == [(31, 16), (32, 17), (33, 18), (34, 19)]
    got = [(p.pid, p.author, p.uid, p.author_kind) for p in posts]
    assert got == [
        (pid, truth[pid]["author"] or "游客", truth[pid]["authorid"] or None,
         "member" if truth[pid]["authorid"] else "guest")
        for pid in (31, 32, 33, 34)
    ]  # fmt: skip
    assert parsed("wap-tid1-p4").warnings == []


def test_the_touch_login_page_a_guest_gets_for_a_thread_is_login_required():
    """Thread 17 needs 阅读权限 50: touch answers a guest with its login form, no message text."""
    page = page_of("touch-tid17-login")
    assert next(t for t in TRUTH["threads"] if t["tid"] == 17)["readperm"] == 50
    with pytest.raises(LoginRequired) as raised:
        parse_page(decode(page.content).text, page.url, now=FETCHED)
    assert str(raised.value) == (
        f"{page.url}: a login page instead of the thread: log in with a browser and pass its "
        "cookies with --cookies"
    )


@pytest.mark.parametrize("order", list(itertools.permutations(("desktop", "touch", "wap"))))
def test_page_4_in_every_order_of_three_views_makes_no_revision(tmp_path, order):
    """Touch and the old mobile view never print 来自手机 (floor 17): unknown, not none, so
    desktop's tag is no edit; the guest of floor 18 keeps the label first read of the richest."""
    db = open_db(tmp_path / "a.db")
    for view in order:
        archive_page(db, page_of(f"{view}-tid1-p4"))
    assert db.execute("select count(*) from post_revisions").fetchone() == (0,)
    got = db.execute("select pid, client_tag, author_kind from posts order by pid").fetchall()
    assert got == [(31, None, "member"), (32, "来自手机", "member"), (33, None, "guest"),
                   (34, None, "member")]  # fmt: skip
    guest = db.execute("select author from posts where pid = 33").fetchone()[0]
    richest_first = next(view for view in order if view != "touch")  # touch is the lesser
    assert guest == {"desktop": "匿名", "wap": "游客"}[richest_first]  # each view's own label
