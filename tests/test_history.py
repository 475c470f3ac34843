"""Nothing archived is lost: a hidden post keeps its quotes, a deleted post becomes a fact."""

from __future__ import annotations

import json
import re

import pytest
from typer.testing import CliRunner

from archiver.archive import archive_url
from archiver.cli import app
from archiver.fetch import Fetcher, make_client
from archiver.store import open_db

from .discuz_server import DiscuzServer, page, redirect, start_server
from .pagegen import expected_posts, thread_page

PPP = 5
BLOCKED = '<div class="locked">提示: <em>该帖被管理员或版主屏蔽</em></div>'


def path(tid: int, number: int) -> str:
    return f"/bbs/forum.php?mod=viewthread&tid={tid}&page={number}"


def render(server: DiscuzServer, tid: int, number: int, pages: int, **options) -> str:
    base = server.url("/bbs/")
    html = thread_page(tid=tid, page=number, pages=pages, posts_per_page=PPP, base=base, **options)
    return html.decode()


def post_block(html: str, pid: int) -> str:
    """The whole `div#post_PID` of a generated page (up to the next post or the page's end)."""
    start = html.index(f'<div id="post_{pid}"')
    following = re.compile(r'<div id="post_\d+"|<div id="postlistreply"')
    return html[start : following.search(html, start + 1).start()]  # type: ignore[union-attr]


def renumbered(html: str, after: int) -> str:
    """The floors Discuz shows after a deletion: every post from `after` on moves up by one."""

    def up(match: re.Match[str]) -> str:
        floor = int(match.group(2))
        return f"{match.group(1)}{floor - 1 if floor > after else floor}</em><sup>#</sup>"

    return re.sub(r'(id="postnum\d+"[^>]*>\s*<em>)(\d+)</em><sup>#</sup>', up, html)


def hidden(html: str, pid: int) -> str:
    """The page as it looks after a moderator hid (屏蔽) the post: the message is replaced."""
    table = re.compile(
        rf'<table cellspacing="0" cellpadding="0"><tr><td class="t_f" id="postmessage_{pid}">'
        r".*?</td></tr></table>",
        re.S,
    )
    changed, n = table.subn(BLOCKED, html)
    assert n == 1
    return changed


@pytest.fixture
def server():
    with start_server({}) as running:
        yield running


def run(db, url: str, **options):
    with make_client(timeout=5.0) as client:
        return archive_url(db, url, Fetcher(client, delay=0, sleep=lambda s: None), **options)


def test_a_post_hidden_after_it_was_quoted_keeps_its_quote_rows(server, tmp_path):
    db = open_db(tmp_path / "archive.db")
    html = render(server, 103, 1, 1)  # its third post quotes the second
    server.route(path(103, 1), page(html))
    url = server.url("/bbs/thread-103-1-1.html")
    assert run(db, url).error is None
    quoting = db.execute("select pid, quoted_pid, text from quotes order by pid").fetchall()
    assert quoting, "the generated thread has a reply that quotes"
    pid = quoting[0][0]
    server.route(path(103, 1), page(hidden(html, pid)))
    second = run(db, url)
    assert (second.error, second.posts_changed) == (None, 1)
    assert db.execute("select state from posts where pid = ?", [pid]).fetchone() == ("blocked",)
    rows = db.execute(
        "select quoted_pid, text, version, replaced_at is not null from quotes where pid = ?",
        [pid],
    ).fetchall()
    assert rows == [(quoting[0][1], quoting[0][2], 1, True)]
    before = db.execute(
        "select state, body_text from post_revisions where pid = ? order by revision", [pid]
    ).fetchall()
    assert [state for state, _ in before] == ["normal"] and before[0][1]
    # the other posts' quotes are untouched, still current
    others = db.execute(
        "select count(*) from quotes where pid != ? and replaced_at is not null", [pid]
    ).fetchone()
    assert others == (0,)
    # the thread read back shows the post as it is now: blocked, no current quotes
    third = run(db, url)
    assert (third.error, third.posts_changed) == (None, 0)
    assert db.execute("select count(*) from quotes where pid = ?", [pid]).fetchone() == (1,)


def test_a_post_deleted_from_page_2_of_3_is_marked_gone_by_refresh(server, tmp_path):
    db = str(tmp_path / "archive.db")
    tid = 102
    pages = {n: render(server, tid, n, 3) for n in (1, 2, 3)}
    for number, html in pages.items():
        server.route(path(tid, number), page(html))
    runner = CliRunner()
    first = runner.invoke(app, ["archive", server.url(f"/bbs/thread-{tid}-1-1.html"),
                                "--db", db, "--delay", "0", "--source", "desktop"])  # fmt: skip
    assert first.exit_code == 0, first.stderr
    # a moderator deletes the second post of page 2: the first post of page 3 moves up
    gone = expected_posts(tid, 2, 3, PPP)[1][0]
    moved = expected_posts(tid, 3, 3, PPP)[0][0]
    gone_floor = dict(expected_posts(tid, 2, 3, PPP))[gone]
    page1 = render(server, tid, 1, 3, replies=3 * PPP - 2)
    page2 = pages[2].replace(post_block(pages[2], gone), "")
    page2 = page2.replace(
        '<div id="postlistreply"', post_block(pages[3], moved) + '<div id="postlistreply"'
    )
    page3 = pages[3].replace(post_block(pages[3], moved), "")
    page2, page3 = renumbered(page2, gone_floor), renumbered(page3, gone_floor)
    for number, html in ((1, page1), (2, page2), (3, page3)):
        server.route(path(tid, number), page(html))
    requests = len(server.requests)
    result = runner.invoke(app, ["refresh", "--db", db, "--delay", "0", "--source", "desktop",
                                 "--json"])  # fmt: skip
    assert result.exit_code == 0, result.stderr
    summary = json.loads(result.stdout)
    assert (summary["posts_gone"], summary["pages_fetched"], summary["pages_skipped"]) == (1, 3, 0)
    fetched = [p for _, p in server.requests[requests:] if "viewthread" in p]
    assert fetched == [path(tid, 1), path(tid, 2), path(tid, 3)]
    conn = open_db(db)
    rows = conn.execute("select pid, state, gone_at is not null from posts where state = 'gone'")
    assert rows.fetchall() == [(gone, "gone", 1)]
    before = conn.execute("select state from post_revisions where pid = ?", [gone]).fetchall()
    assert before == [("normal",)]
    assert conn.execute("select body_text from posts where pid = ?", [gone]).fetchone()[0]
    # the floors after it keep their first position; the floor shown now is the new one, and
    # the one each left is recorded
    later = [(pid, floor) for n in (2, 3) for pid, floor in expected_posts(tid, n, 3, PPP)
             if floor > gone_floor]  # fmt: skip
    assert conn.execute(
        "select pid, position, floor from posts where position > ? and gone_at is null "
        "order by position",
        [gone_floor],
    ).fetchall() == [(pid, floor, floor - 1) for pid, floor in later]
    assert conn.execute("select pid, floor from floor_changes order by pid").fetchall() == later
    shared = "select tid, position from posts where gone_at is null and position is not null "
    shared += "group by tid, position having count(*) > 1"
    assert conn.execute(shared).fetchall() == []


def test_a_findpost_link_with_only_a_pid_archives_its_thread(server, tmp_path):
    tid = 104
    for number in (1, 2):
        server.route(path(tid, number), page(render(server, tid, number, 2)))
    pid = expected_posts(tid, 2, 2, PPP)[2][0]
    findpost = f"/bbs/forum.php?mod=redirect&goto=findpost&pid={pid}"
    # Discuz looks the post up and answers with its thread page and an anchor
    server.route(findpost, redirect(f"/bbs/forum.php?mod=viewthread&tid={tid}&page=2#pid{pid}"))
    db = str(tmp_path / "archive.db")
    args = ["archive", server.url(findpost), "--db", db, "--delay", "0", "--source", "desktop"]
    result = CliRunner().invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["pages_fetched"] == 2
    media = "/data/attachment/"  # the posts' pictures (404 here), fetched after the pages
    assert [p for _, p in server.requests if "robots" not in p and media not in p] == [
        findpost,
        path(tid, 1),
        path(tid, 2),
    ]
    stored = open_db(db).execute("select pid from posts order by floor").fetchall()
    assert stored == [(p,) for n in (1, 2) for p, _ in expected_posts(tid, n, 2, PPP)]
    # a findpost link the forum does not redirect (a deleted post) is a clear error
    server.route("/bbs/forum.php?mod=redirect&goto=findpost&pid=9", page("<html>无</html>"))
    url = server.url("/bbs/forum.php?mod=redirect&goto=findpost&pid=9")
    failed = CliRunner().invoke(app, ["archive", url, "--db", db, "--delay", "0"])
    assert failed.exit_code == 7 and "did not redirect" in failed.stderr
    assert "Traceback" not in failed.stderr
