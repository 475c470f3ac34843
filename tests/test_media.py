"""Keeping the pictures: media fetched once, politely, by content, with a status for each URL."""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from archiver.archive import MediaOptions, WebOptions, archive_urls, offer_media
from archiver.cli.main import app
from archiver.fetch import Fetcher, make_client, parse_cookie_header
from archiver.fetch.media import MediaFetcher
from archiver.model import MediaOffer
from archiver.sniff import sniff
from archiver.store import open_db

from .discuz_server import page, start_server
from .mediagen import CAP, LOGIN_PAGE, MEDIA, SMILEY, MediaThread

DELAY = 0.2


@pytest.fixture
def servers():
    with start_server({}) as forum, start_server({}) as cdn:
        yield forum, cdn


@pytest.fixture
def thread(servers):
    return MediaThread(*servers)


def cli(*args: str):
    return CliRunner().invoke(app, list(args))


def media_rows(path: Path) -> dict[str, dict]:
    conn = sqlite3.connect(path)
    conn.row_factory = sqlite3.Row
    rows = conn.execute(
        "SELECT m.*, b.size, b.content_type, b.width, b.height, b.content FROM media m "
        "LEFT JOIN media_blobs b ON b.sha256 = m.sha256"
    ).fetchall()
    conn.close()
    return {row["url"]: dict(row) for row in rows}


def expected_statuses(thread: MediaThread) -> dict[str, str]:
    return {
        **{url: "saved" for url in thread.bytes},
        thread.missing: "missing",
        thread.attachment: "login-required",
        thread.big: "too-large",
    }


def test_archive_url_keeps_every_picture_once_politely(tmp_path, thread):
    db = tmp_path / "a.db"
    done = cli("archive", thread.url, "--db", str(db), "--delay", str(DELAY),
               "--max-media-size", CAP, "--cookie", "auth=secret", "--quiet", "--json")  # fmt: skip
    assert done.exit_code == 0, done.output
    rows = media_rows(db)
    assert {url: row["status"] for url, row in rows.items()} == expected_statuses(thread)
    for url, data in thread.bytes.items():  # every saved file is the server's bytes
        assert rows[url]["sha256"] == hashlib.sha256(data).hexdigest()
        assert hashlib.sha256(rows[url]["content"]).hexdigest() == rows[url]["sha256"]
        assert rows[url]["size"] == len(data)
    assert (rows[thread.missing]["http_status"], rows[thread.big]["http_status"]) == (404, 200)
    assert rows[thread.moved]["final_url"] == thread.moved_to
    assert rows[thread.external]["content_type"] == "image/png"
    assert (rows[thread.external]["width"], rows[thread.external]["height"]) == (80, 60)
    requests = thread.media_requests()
    paths = [path for _, _, path in requests]
    assert all(paths.count(path) == 1 for path in paths)  # the shared image and smiley: once
    assert len(paths) == len(thread.media_paths())
    times = [at for _, at, _ in requests]  # both servers are 127.0.0.1: one host, one delay
    assert min(b - a for a, b in zip(times, times[1:], strict=False)) >= DELAY - 0.005
    # the login goes to the forum's own origin only
    forum_headers = dict(zip(thread.forum.requests, thread.forum.request_headers, strict=True))
    assert "auth=secret" in forum_headers[("GET", thread.path)].get("cookie", "")
    assert all("cookie" not in h for h in thread.cdn.request_headers)
    again = cli("archive", thread.url, "--db", str(db), "--delay", "0",
                "--max-media-size", CAP, "--quiet")  # fmt: skip
    assert again.exit_code == 0, again.output
    assert thread.media_requests() == requests  # a rerun asks for no media at all


def test_the_shared_image_is_stored_once_and_linked_from_three_posts(tmp_path, thread):
    db = tmp_path / "a.db"
    assert cli("archive", thread.url, "--db", str(db), "--delay", "0", "--quiet").exit_code == 0
    conn = sqlite3.connect(db)
    shared = [u for u in thread.bytes if u.endswith("shared.png")][0]
    linked = conn.execute("SELECT pid FROM post_media WHERE url = ? ORDER BY pid", [shared])
    assert [r[0] for r in linked] == [900000, 900001, 900002]
    blobs = conn.execute("SELECT count(*) FROM media_blobs").fetchone()
    assert blobs == (len(thread.bytes) + 1,)  # without a cap the big one is kept too
    smilies = conn.execute("SELECT count(*) FROM post_media WHERE role = 'smiley'").fetchone()
    assert smilies == (2,)  # two posts show it; one row in media, one blob
    items = conn.execute(
        "SELECT pid, role, status, content_type FROM media_items WHERE url = ?", [shared]
    ).fetchall()
    assert items == [(p, "image", "saved", "image/png") for p in (900000, 900001, 900002)]


def test_no_media_fetches_none_and_the_media_command_fetches_the_rest_once(tmp_path, thread):
    db = tmp_path / "a.db"
    first = cli("archive", thread.url, "--db", str(db), "--delay", "0", "--no-media", "--quiet")
    assert first.exit_code == 0, first.output
    assert thread.media_requests() == []
    assert media_rows(db) == {}
    done = cli("media", "--db", str(db), "--tid", "900", "--delay", "0", "--json")
    assert done.exit_code == 0, done.output
    assert json.loads(done.stdout) == {"login-required": 1, "missing": 1, "saved": 8}
    count = len(thread.media_requests())
    again = cli("media", "--db", str(db), "--delay", "0", "--json")
    assert json.loads(again.stdout) == {}
    assert len(thread.media_requests()) == count


def test_media_dir_keeps_files_named_by_hash_and_exports_still_embed_them(tmp_path, thread):
    db, folder = tmp_path / "a.db", tmp_path / "media"
    done = cli("archive", thread.url, "--db", str(db), "--delay", "0", "--quiet",
               "--media-dir", str(folder))  # fmt: skip
    assert done.exit_code == 0, done.output
    rows = media_rows(db)
    for url, data in thread.bytes.items():
        digest = hashlib.sha256(data).hexdigest()
        assert rows[url]["content"] is None
        assert (folder / digest[:2] / digest).read_bytes() == data
    page = cli("export", "900", "--db", str(db), "-f", "html", "--media-dir", str(folder))
    assert page.stdout.count("data:image/") == 11  # every picture shown but the 404 one
    assert page.stdout.count("class='media-missing'") == 1


def test_robots_txt_of_a_stock_discuz_keeps_attachment_links_out(tmp_path, servers, caplog):
    forum, cdn = servers
    thread = MediaThread(forum, cdn)
    forum.route("/robots.txt", "User-agent: *\nDisallow: /*?mod=attachment*\n")
    db = open_db(tmp_path / "a.db")
    with caplog.at_level(logging.WARNING):
        runs = archive_urls(db, [thread.url], WebOptions(delay=0))
    assert runs[0].media["not-allowed"] == 1
    row = db.execute("SELECT status, note FROM media WHERE url = ?", [thread.attachment])
    assert row.fetchone()[0] == "not-allowed"
    assert forum.count("/forum.php?mod=attachment&aid=QUlEfDk5OQ") == 0
    assert sum("robots.txt forbids media" in r.message for r in caplog.records) == 1


def test_a_robots_txt_that_cannot_be_read_is_asked_once_not_once_a_picture(tmp_path, servers):
    forum, cdn = servers
    thread = MediaThread(forum, cdn)
    cdn.route("/robots.txt", page("", status=503))
    db = open_db(tmp_path / "a.db")
    runs = archive_urls(db, [thread.url], WebOptions(delay=0, retries=0))
    assert cdn.count("/robots.txt") == 1  # its two pictures: one read of its robots.txt
    assert cdn.count("/img/external.png") == cdn.count("/cdn/moved.jpg") == 0
    rows = db.execute(
        "SELECT url, status, note FROM media WHERE url IN (?, ?)", [thread.external, thread.moved]
    ).fetchall()
    robots = cdn.url("/robots.txt")
    why = f"{robots}: cannot read robots.txt (HTTP 503); try again later, or use --ignore-robots"
    assert dict((url, (status, note)) for url, status, note in rows) == {
        thread.external: ("failed", why),
        thread.moved: ("failed", why),  # the forum's URL, redirected to the CDN
    }
    assert runs[0].media["saved"] == 6  # the forum's own pictures are not held up


def test_a_budget_defers_the_rest_to_the_media_command(tmp_path, thread):
    db = open_db(tmp_path / "a.db")
    runs = archive_urls(db, [thread.url], WebOptions(delay=0, media=MediaOptions(budget=1500)))
    assert runs[0].media["deferred"] == 1
    saved = db.execute("SELECT count(*) FROM media").fetchone()[0]
    assert 0 < saved < 10
    done = cli("media", "--db", str(tmp_path / "a.db"), "--delay", "0", "--json")
    assert done.exit_code == 0, done.output
    assert db.execute("SELECT count(*) FROM media").fetchone()[0] == 10


def test_saved_files_touch_no_network_unless_media_is_given(tmp_path, thread):
    page = tmp_path / "thread-900.html"
    page.write_bytes(thread.html)
    db = tmp_path / "a.db"
    assert cli("archive", str(page), "--db", str(db)).exit_code == 0
    assert thread.forum.requests == [] and media_rows(db) == {}
    done = cli("archive", str(page), "--db", str(db), "--media", "--delay", "0")
    assert done.exit_code == 0, done.output
    assert {row["status"] for row in media_rows(db).values()} >= {"saved", "missing"}


def test_a_page_saved_complete_gives_its_images_from_its_files_folder(tmp_path, thread):
    """Browsers point src at NAME_files/ and keep zoomfile: the bytes come from disk."""
    folder = tmp_path / "thread_files"
    folder.mkdir()
    html = thread.html.decode()
    for url, data in thread.bytes.items():
        name = url.rsplit("/", 1)[1]
        (folder / name).write_bytes(data)
        path = url.split("/", 3)[3]
        html = html.replace(f'src="static/image/common/none.gif" zoomfile="{path}"',
                            f'src="thread_files/{name}" zoomfile="{path}"')  # fmt: skip
    (tmp_path / "thread.html").write_text(html, encoding="utf-8")
    thread.forum.stop()
    db = tmp_path / "a.db"
    assert cli("archive", str(tmp_path / "thread.html"), "--db", str(db)).exit_code == 0
    rows = media_rows(db)
    attached = [u for u in thread.bytes if "/attachment/" in u and "moved" not in u]
    assert sorted(rows) == sorted([*attached, thread.moved])
    for url in rows:
        assert rows[url]["origin"] == "file"
        assert rows[url]["sha256"] == hashlib.sha256(thread.bytes[url]).hexdigest()


def test_offer_media_saves_answers_in_hand_without_the_network(tmp_path):
    db = open_db(tmp_path / "a.db")
    png = (MEDIA / "photo.png").read_bytes()
    offers = [
        MediaOffer("bbs.example", "http://bbs.example/a.png", 200, {"Content-Type": "x"}, png),
        MediaOffer("bbs.example", "http://bbs.example/b.png", 404, {}, b"<html>404</html>"),
        MediaOffer("bbs.example", "http://bbs.example/f", 200, {}, LOGIN_PAGE.encode()),
    ]
    got = offer_media(db, offers)
    assert got == {
        "http://bbs.example/a.png": "saved",
        "http://bbs.example/b.png": "missing",
        "http://bbs.example/f": "login-required",
    }
    row = db.execute("SELECT origin, declared_type FROM media WHERE url LIKE '%a.png'")
    assert row.fetchone() == ("offer", "x")
    assert offer_media(db, offers[:1]) == {"http://bbs.example/a.png": "saved"}


def test_a_public_name_that_resolves_inside_is_refused_too(monkeypatch):
    """A DNS name pointing at a private address is no way round the loopback rule."""
    import socket

    from archiver.fetch import media

    def resolve(host, *args, **kwargs):
        inside = {"inside.example.net": "192.168.1.5", "bbs.example.com": "93.184.216.34"}
        if host not in inside:
            raise socket.gaierror("no such host")
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (inside[host], 0))]

    monkeypatch.setattr(media.socket, "getaddrinfo", resolve)
    media._private.cache_clear()
    asked = []

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        return httpx.Response(302, headers={"Location": "http://inside.example.net/x.png"})

    try:
        answer = mock_fetcher(handler).fetch(
            "https://bbs.example.com/a.png", "https://bbs.example.com/"
        )
    finally:
        media._private.cache_clear()
    assert (answer.status, "loopback or private" in (answer.note or "")) == ("not-allowed", True)
    assert asked == ["https://bbs.example.com/a.png"]


def mock_fetcher(handler, cookie: str | None = None) -> MediaFetcher:
    jar = parse_cookie_header(cookie, "bbs.example.com") if cookie else None
    client = make_client(transport=httpx.MockTransport(handler), cookies=jar)
    return MediaFetcher(Fetcher(client, delay=0, retries=0, ignore_robots=True), max_bytes=4096)


@pytest.mark.parametrize(
    "location, note",
    [
        ("http://127.0.0.1/secret.png", "loopback or private"),
        ("http://10.1.2.3/x.png", "loopback or private"),
        ("http://localhost:8080/x.png", "loopback or private"),
        ("file:///etc/passwd", "not an http(s) URL"),
    ],
)
def test_a_public_forum_never_leads_media_to_loopback_or_files(location, note):
    asked = []

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(str(request.url))
        return httpx.Response(302, headers={"Location": location})

    answer = mock_fetcher(handler).fetch(
        "https://bbs.example.com/a.png", "https://bbs.example.com/"
    )
    assert (answer.status, note in (answer.note or "")) == ("not-allowed", True)
    assert asked == ["https://bbs.example.com/a.png"]


def test_cookies_go_to_the_forums_origin_only_and_nothing_comes_back():
    seen: list[tuple[str, str | None]] = []
    png = (MEDIA / "photo.png").read_bytes()

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append((request.url.host, request.headers.get("cookie")))
        if request.url.host == "img.example.net":
            return httpx.Response(200, content=png, headers={"Set-Cookie": "track=1; Path=/"})
        return httpx.Response(302, headers={"Location": "https://img.example.net/a.png"})

    media = mock_fetcher(handler, cookie="auth=secret")
    answer = media.fetch("https://bbs.example.com/a.png", "https://bbs.example.com/")
    media.fetch("https://bbs.example.com/b.png", "https://bbs.example.com/")
    assert answer.status is None and answer.content == png
    assert seen == [("bbs.example.com", "auth=secret"), ("img.example.net", None)] * 2


def test_an_oversized_answer_stops_at_the_cap_even_without_a_length():
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=iter([b"x" * 3000] * 10))

    answer = mock_fetcher(handler).fetch("https://bbs.example.com/a", "https://bbs.example.com/")
    assert (answer.status, answer.http_status) == ("too-large", 200)


@pytest.mark.parametrize(
    "name, kind, size",
    [
        ("photo.png", "image/png", (120, 80)),
        ("photo.jpg", "image/jpeg", (96, 64)),
        ("progressive.jpg", "image/jpeg", (33, 17)),
        ("anim.gif", "image/gif", (64, 48)),
        ("tiny.webp", "image/webp", (10, 10)),
        ("tiny.bmp", "image/bmp", (12, 7)),
    ],
)
def test_sniff_reads_type_and_size_from_the_header(name, kind, size):
    data = (MEDIA / name).read_bytes()
    found = sniff(data)
    assert (found.content_type, (found.width, found.height)) == (kind, size)
    assert sniff(data[:12]).content_type == kind  # cut short: the type stands


def test_sniff_never_trusts_a_name_and_reads_a_bomb_header_only():
    bomb = (MEDIA / "photo.png").read_bytes()[:16] + (65535).to_bytes(4, "big") * 2
    assert (sniff(bomb).width, sniff(bomb).height) == (65535, 65535)
    assert sniff(LOGIN_PAGE.encode()).content_type == "text/html"
    assert sniff(b"\x00\x01binary").content_type == "application/octet-stream"


def test_the_smiley_path_is_a_smiley():
    assert SMILEY.startswith("static/image/smiley/")


def test_markdown_written_to_a_file_gets_the_media_beside_it(tmp_path, thread):
    db = tmp_path / "a.db"
    done = cli("archive", thread.url, "--db", str(db), "--delay", "0", "--quiet",
               "--max-media-size", CAP)  # fmt: skip
    assert done.exit_code == 0, done.output
    out = tmp_path / "out" / "thread.md"
    out.parent.mkdir()
    assert cli("export", "900", "--db", str(db), "-o", str(out)).exit_code == 0
    text = out.read_text(encoding="utf-8")
    links = dict(re.findall(r"!\[([^\]]*)\]\(<(thread_media/[^>]+)>\)", text))
    assert set(links) == {"a1.png", "a2.jpg", "a3.gif", "shared.png", thread.external, "moved.jpg"}
    for name, relative in links.items():
        data = (out.parent / relative).read_bytes()
        assert hashlib.sha256(data).hexdigest() in {
            hashlib.sha256(b).hexdigest() for b in thread.bytes.values()
        }, name
    assert f"![gone.jpg](<{thread.missing}>) (missing: not in the archive)" in text
    assert f"![big.png](<{thread.big}>) (too-large: not in the archive)" in text
    assert f"[notes.zip](<{thread.attachment}>) (login-required: not in the archive)" in text


def test_media_retry_asks_again_for_every_file_not_saved(tmp_path, thread):
    db = tmp_path / "a.db"
    done = cli("archive", thread.url, "--db", str(db), "--delay", "0", "--quiet",
               "--max-media-size", CAP)  # fmt: skip
    assert done.exit_code == 0, done.output
    before = len(thread.media_requests())
    again = cli("media", "--db", str(db), "--delay", "0", "--retry", "--json")
    assert json.loads(again.stdout) == {"login-required": 1, "missing": 1, "saved": 1}
    assert len(thread.media_requests()) == before + 3  # with the default cap, big.png fits


def test_datasette_shows_a_pictures_row_and_serves_its_bytes(tmp_path, thread):
    """The README's way to see a kept picture in Datasette, with no plugin."""
    db = tmp_path / "archive.db"
    done = cli("archive", thread.url, "--db", str(db), "--delay", "0", "--quiet",
               "--max-media-size", CAP)  # fmt: skip
    assert done.exit_code == 0, done.output
    digest, content = (
        sqlite3.connect(db)
        .execute("SELECT sha256, content FROM media_blobs WHERE content_type = 'image/png' LIMIT 1")
        .fetchone()
    )
    row = subprocess.run(
        [sys.executable, "-m", "datasette", str(db), "--get",
         f"/archive/media_blobs/{digest}.json?_shape=array"],
        capture_output=True, text=True, timeout=120, check=True,
    ).stdout  # fmt: skip
    assert json.loads(row)[0]["sha256"] == digest
    # `datasette --get` prints text only, so the bytes are asked for through Datasette's client
    from datasette.app import Datasette

    blob = f"/archive/media_blobs/{digest}.blob?_blob_column=content"
    served = asyncio.run(Datasette([str(db)]).client.get(blob))
    assert served.status_code == 200 and served.content == content
    assert hashlib.sha256(served.content).hexdigest() == digest


def test_avatars_are_kept_only_when_asked_for(tmp_path, servers):
    forum, cdn = servers
    thread = MediaThread(forum, cdn)
    plain, asked = tmp_path / "plain.db", tmp_path / "asked.db"
    args = ["--delay", "0", "--quiet", "--max-media-size", CAP]
    assert cli("archive", thread.url, "--db", str(plain), *args).exit_code == 0
    roles = sqlite3.connect(plain).execute("SELECT DISTINCT role FROM post_media").fetchall()
    assert ("avatar",) not in roles
    avatars = sorted(
        {url for (url,) in sqlite3.connect(plain).execute(
            "SELECT avatar_url FROM users WHERE avatar_url IS NOT NULL")}
    )  # fmt: skip
    assert avatars  # the generated panels show one per member
    face = MEDIA.joinpath("photo.png").read_bytes()
    forum.route("/" + avatars[0][len(forum.url("/")) :], page(face, content_type="image/png"))
    assert cli("archive", thread.url, "--db", str(asked), *args, "--avatars").exit_code == 0
    conn = sqlite3.connect(asked)
    linked = {u for (u,) in conn.execute("SELECT url FROM post_media WHERE role = 'avatar'")}
    assert linked == set(avatars)
    rows = conn.execute("SELECT url, status FROM media").fetchall()
    statuses = {url: status for url, status in rows if url in avatars}
    assert statuses == {url: "saved" if url == avatars[0] else "missing" for url in avatars}
    (digest,) = conn.execute("SELECT sha256 FROM media WHERE url = ?", [avatars[0]]).fetchone()
    assert digest == hashlib.sha256(face).hexdigest()


def test_other_hosts_are_asked_through_the_runs_proxy_with_its_user_agent():
    """The cookie-less client for image hosts keeps --proxy and --user-agent: a user who hides
    behind a proxy stays behind it for every host, not only the forum's."""
    png = (MEDIA / "photo.png").read_bytes()
    cdn = "http://img.example.net/a.png"
    with start_server({cdn: page(png, content_type="image/png")}) as proxy:
        client = make_client(proxy=proxy.base_url, user_agent="Mozilla/5.0 (test)")
        fetcher = Fetcher(client, delay=0, retries=0, ignore_robots=True)
        media = MediaFetcher(fetcher, max_bytes=len(png) + 1, proxy=proxy.base_url)
        answer = media.fetch(cdn, "http://bbs.example.com/")
        media.close()
        client.close()
    assert (answer.status, answer.content) == (None, png)
    assert proxy.requests == [("GET", cdn)]  # asked through the proxy, in its absolute form
    assert proxy.request_headers[0]["user-agent"] == "Mozilla/5.0 (test)"
    assert "cookie" not in proxy.request_headers[0]
