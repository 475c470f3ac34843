"""Attachments and embedded media on pages real X3.4 and X3.5 forums rendered
(fixtures/attachments/, a blind helper's lab pages, guests allowed and not allowed to get
attachments), against the forums' forum_post and forum_attachment rows.

What the check found and these tests keep: a [page]-split first post shown one part a page on
desktop replaced the whole post the API and touch pages show (and made revisions); media
players ([media], [audio], [flash]) were their fallback words, not their files' URLs; a paid
thread's [free] part was lost on desktop and the API; a touch picture's description was taken
for its file name.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from pathlib import Path
from typing import Any

import pytest

from archiver.archive.files import archive_page
from archiver.errors import DiscuzMessage
from archiver.fetch import Page
from archiver.store import open_db

from .support import FIXTURES, parsed_at, rows_of, saved_page

SETS = FIXTURES / "attachments"
VERSIONS = {"x34": SETS, "x35": SETS / "x35"}
GUESTS = ("guest-attach", "guest-noattach")
THREADS = ("01-attachments", "02-media-page", "03-index-page", "04-paid-free")
SAVED = dt.datetime(2026, 12, 6, 21, 0, tzinfo=dt.timezone.utc)
MEDIA = re.compile(r"\[(?:media=[^\]]*|audio|flash)\](.+?)\[/(?:media|audio|flash)\]")


def truth(version: str) -> dict[str, Any]:
    return rows_of(VERSIONS[version] / "groundtruth.json")


def page_of(path: Path, at: dt.datetime = SAVED) -> Page:
    return saved_page(path, at)


def parsed(path: Path):
    return parsed_at(path, SAVED)


def renderings(folder: Path) -> list[Path]:
    """Desktop, touch (the forcemobile page where touch sends a guest away) and the API."""
    touch = folder / "touch-p1-forcemobile.html"
    touch = touch if touch.exists() else folder / "touch-p1.html"
    return [folder / "desktop-p1.html", touch, folder / "api-v4-viewthread-p1.json"]


def messages(version: str) -> dict[int, str]:
    return {p["pid"]: p["message"] for p in truth(version)["posts"]}


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("guests", GUESTS)
@pytest.mark.parametrize("thread", THREADS)
def test_every_order_of_the_renderings_makes_no_revision(tmp_path, version, guests, thread):
    folder = VERSIONS[version] / guests / thread
    extra = sorted(folder.glob("*-cp*.html")) + sorted(folder.glob("*-cp*.json"))
    for n, order in enumerate(itertools.permutations(renderings(folder))):
        db = open_db(tmp_path / f"{n}.db")
        for path in (*order, *extra):
            archive_page(db, page_of(path))
        revisions = db.execute("select pid, rendering from post_revisions").fetchall()
        assert revisions == [], [p.name for p in order]
        api = parsed(folder / "api-v4-viewthread-p1.json")
        kept = dict(db.execute("select pid, body_part from posts").fetchall())
        for post in api.posts:  # the whole of a split post, never a part of it
            assert kept[post.pid] is None, (post.pid, [p.name for p in order])


@pytest.mark.parametrize("version", VERSIONS)
def test_a_split_first_post_says_which_part_a_desktop_page_shows(version):
    folder = VERSIONS[version] / "guest-attach"
    for thread in ("02-media-page", "03-index-page"):
        parts = {
            path.name: parsed(path).posts[0].body_part
            for path in sorted((folder / thread).glob("desktop-p1*.html"))
        }
        assert parts == {
            "desktop-p1.html": "1/3",
            "desktop-p1-cp2.html": "2/3",
            "desktop-p1-cp3.html": "3/3",
            "desktop-p1-cpall.html": None,
        }
        for path in renderings(folder / thread)[1:]:  # touch and the API show it whole
            assert parsed(path).posts[0].body_part is None


@pytest.mark.parametrize("version", VERSIONS)
def test_media_players_are_their_files_urls_in_every_rendering(version):
    written = messages(version)
    for path in renderings(VERSIONS[version] / "guest-attach" / "02-media-page"):
        for post in parsed(path).posts:
            urls = MEDIA.findall(written[post.pid])
            for url in urls:
                assert url in post.body_text, (path.name, post.pid, url)
            assert "如果无法播放" not in post.body_text, (path.name, post.pid)


@pytest.mark.parametrize("version", VERSIONS)
def test_a_paid_threads_free_part_is_its_first_posts_text(version):
    written = messages(version)
    folder = VERSIONS[version] / "guest-attach" / "04-paid-free"
    if version == "x34":
        with pytest.raises(DiscuzMessage):  # 无手机页面: touch sends a guest to the desktop
            parsed(folder / "touch-p1.html")
    for path in renderings(folder):
        first = parsed(path).posts[0]
        free = re.search(r"\[free\](.*?)\[/free\]", written[first.pid], re.S)
        assert free is not None
        assert (first.state, first.body_text) == ("paid", free.group(1).strip()), path.name


@pytest.mark.parametrize("version", VERSIONS)
def test_attachments_are_the_forums_with_their_names(version):
    rows = truth(version)["forum_attachment_detail"]
    for path in renderings(VERSIONS[version] / "guest-attach" / "01-attachments")[:2]:
        for post in parsed(path).posts:
            want = {
                (r["aid"], r["filename"], "image" if r["isimage"] else "file")
                for r in rows
                if r["pid"] == post.pid
            }
            got = {(a.aid, a.filename, a.kind) for a in post.attachments if a.aid}
            if "touch" in path.name:  # a described picture shows its description, not its name
                described = {r["aid"] for r in rows if r["description"]}
                want = {(aid, None if aid in described else n, k) for aid, n, k in want}
            assert got == want, (path.name, post.pid)


def test_an_archive_made_before_keeps_its_posts_unedited_on_a_refresh(tmp_path):
    """Discuz gives an [img] a new random id (`aimg_Ab3xY`) on every render: the parser drops
    it now, and m030 drops it from messages archived before, so a refresh makes no revision."""
    path = tmp_path / "a.db"
    folder = VERSIONS["x34"] / "guest-attach" / "02-media-page"
    db = open_db(path)
    archive_page(db, page_of(folder / "desktop-p1.html"))
    (html,) = db.execute("select body_html from posts where pid = 105").fetchone()
    old = html.replace(
        '<img class="zoom" width="200"', '<img id="aimg_f4k5N" class="zoom" width="200"'
    )
    assert old != html
    db.execute("update posts set body_html = ? where pid = 105", [old])  # as stored before
    db.execute("delete from _sqlite_migrations where name = 'm030_drop_random_image_ids'")
    db.conn.commit()
    db.close()
    db = open_db(path)  # the migration runs again
    assert db.execute("select body_html from posts where pid = 105").fetchone() == (html,)
    archive_page(db, page_of(folder / "desktop-p1-cp2.html", SAVED + dt.timedelta(days=1)))
    assert db.execute("select count(*) from post_revisions").fetchone() == (0,)


def test_archiving_the_url_asks_for_the_whole_of_a_split_first_post(tmp_path):
    """A desktop run sees `show_threadpage(102, 1, 3)` on page 1 and fetches `cp=all` too."""
    from archiver.archive import archive_url
    from archiver.fetch import Fetcher, make_client

    from .discuz_server import page, start_server

    folder = VERSIONS["x34"] / "guest-attach" / "02-media-page"
    path = "/forum.php?mod=viewthread&tid=23&page=1"
    routes = {
        path: page((folder / "desktop-p1.html").read_bytes()),
        f"{path}&cp=all": page((folder / "desktop-p1-cpall.html").read_bytes()),
    }
    db = open_db(tmp_path / "a.db")
    with start_server(routes) as server, make_client(timeout=5.0) as client:
        fetcher = Fetcher(client, delay=0, retries=0, sleep=lambda s: None)
        run = archive_url(db, server.url(path), fetcher, source="desktop")
        asked = [p for _, p in server.requests if "viewthread" in p]
    assert run.error is None and asked == [path, f"{path}&cp=all"]
    whole = parsed(folder / "api-v4-viewthread-p1.json").posts[0].body_text
    kept = db.execute("select body_text, body_part from posts where pid = 102").fetchone()
    assert ("".join(kept[0].split()), kept[1]) == ("".join(whole.split()), None)
    assert db.execute("select count(*) from post_revisions").fetchone() == (0,)


def test_m030_leaves_a_quoted_image_tag_in_a_messages_text(tmp_path):
    import importlib

    m030 = importlib.import_module("archiver.migrations.m030")
    quoted = (
        '<code>&lt;img id="aimg_Ab3xY" src="x.jpg"&gt;</code> <img id="aimg_Qw8eR" src="y.jpg">'
    )
    assert m030._RANDOM_ID.sub(r"\1", quoted) == (
        '<code>&lt;img id="aimg_Ab3xY" src="x.jpg"&gt;</code> <img src="y.jpg">'
    )
