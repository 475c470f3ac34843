"""A login never reaches the archive: not the database, --save-html files, --warc files, exports."""

from __future__ import annotations

import json
import sqlite3
import stat
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner
from warcio.archiveiterator import ArchiveIterator

from archiver.cli.main import app
from archiver.redact import Redacted, redact
from archiver.store import open_db
from archiver.store.schema import migrations

from .apigen import api_page
from .discuz_server import DiscuzServer, Gate, page, start_server
from .pagegen import thread_page
from .support import FIXTURES

# a member's session as a stock X3.4 forum hands it out (cookiepre PcSe_2132_)
AUTH = "b4c1N3x%2FqZr8Lw0T%2BmYk5vJd2sHgEa7oUi9pCf6Q"
SALTKEY = "Qz7pLm2R"
FORMHASH = "5e0c1a9d"
SID = "Kq83Zt"
SECRETS = (AUTH, SALTKEY, FORMHASH, SID)
COOKIE = f"PcSe_2132_auth={AUTH}; PcSe_2132_saltkey={SALTKEY}"
LOGIN_PAGE = "<html><body><div id='messagetext'><p>您需要先登录才能继续本操作</p></div></body>"


def as_member(html: str, formhash: str) -> str:
    """What a logged-in member's page adds: own formhash, logout link, seccode, sid links."""
    extra = (
        f'<a href="member.php?mod=logging&amp;action=logout&amp;formhash={FORMHASH}">退出</a>'
        f'<span id="seccode_cS{SID}"></span>'
        f'<input name="seccodehash" type="hidden" value="S{SID}" />'
        f"<script>updateseccode('cS{SID}', '', 'forum::viewthread');</script>"
        f'<a href="home.php?mod=space&amp;do=pm&amp;sid={SID}">消息</a>'
    )
    return html.replace(formhash, FORMHASH).replace("</body>", extra + "</body>")


def member_api(tid: int) -> bytes:
    """An API page as a member receives it: Variables carry auth, saltkey and formhash."""
    body = json.loads(api_page(tid=tid, page=1, pages=1))
    body["Variables"] = {
        "cookiepre": "PcSe_2132_", "auth": AUTH.replace("%2F", "\\/"), "saltkey": SALTKEY,
        "member_uid": "7", "member_username": "old_driver", "formhash": FORMHASH,
        **body["Variables"],
    }  # fmt: skip
    return json.dumps(body, ensure_ascii=False).encode()


def serve_members_only(server: DiscuzServer) -> None:
    base = server.url("/bbs/")
    html = thread_page(tid=81, page=1, pages=1, posts_per_page=5, base=base).decode()
    desktop = "/bbs/forum.php?mod=viewthread&tid=81&page=1"
    server.route(desktop, Gate(COOKIE, as_member(html, "c9e3f267"), LOGIN_PAGE))
    api = "/bbs/api/mobile/index.php?version=4&module=viewthread&tid=82&page=1"
    json_page = page(member_api(82), content_type="application/json; charset=utf-8")
    server.route(api, Gate(COOKIE, json_page, page(b'{"error":"to_login"}')))
    server.route("/bbs/forum.php?mod=viewthread&tid=777&page=1", LOGIN_PAGE)
    for n, suffix in ((1, ""), (2, "&page=2")):
        text = (FIXTURES / "archiver" / f"feature-thread-p{n}.html").read_text(encoding="utf-8")
        route = f"/bbs/archiver/?tid-777.html{suffix}"
        server.route(route, Gate(COOKIE, as_member(text, "~"), LOGIN_PAGE))


def every_cell(db_path: Path) -> list[str]:
    """Every value of every table, raw page bytes decompressed."""
    conn = sqlite3.connect(db_path)
    cells = []
    for (table,) in conn.execute("select name from sqlite_master where type = 'table'"):
        for row in conn.execute(f"select * from [{table}]"):
            cells.extend(repr(value) for value in row)
    cells.extend(zlib.decompress(blob).decode("utf-8", "replace")
                 for (blob,) in conn.execute("select content from pages"))  # fmt: skip
    return cells


def warc_texts(path: Path) -> list[str]:
    """Every record of a WARC as text: its WARC fields, HTTP head and payload."""
    with path.open("rb") as stream:
        return [
            record.rec_headers.to_str()
            + (record.http_headers.to_str() if record.http_headers else "")
            + record.content_stream().read().decode("utf-8", "replace")
            for record in ArchiveIterator(stream)
        ]


def test_no_secret_reaches_the_database_saved_files_or_exports(tmp_path):
    db = tmp_path / "archive.db"
    saved, exported = tmp_path / "saved", tmp_path / "exported"
    warc = tmp_path / "run.warc.gz"  # each run writes its own: run, run-1, run-2
    touch = tmp_path / "touch-81.html"
    touch_html = (FIXTURES / "touch" / "feature-thread-p1.html").read_text(encoding="utf-8")
    touch.write_text(as_member(touch_html, "a3f9c2d1"), encoding="utf-8")
    runner = CliRunner()
    with start_server({}) as server:
        serve_members_only(server)
        common = ["--db", str(db), "--delay", "0", "--cookie", COOKIE, "--save-html", str(saved),
                  "--warc", str(warc)]  # fmt: skip
        for tid, source in ((81, "desktop"), (82, "api"), (777, "archiver")):
            url = server.url(f"/bbs/thread-{tid}-1-1.html")
            result = runner.invoke(app, ["archive", url, "--source", source, *common])
            assert result.exit_code == 0, (source, result.stderr)
        # the server let the member in: every secret was on the pages it served
        assert all(COOKIE in h.get("cookie", "") for h in server.request_headers)
    assert runner.invoke(app, ["archive", str(touch), "--db", str(db)]).exit_code == 0
    for fmt in ("json", "markdown", "html"):
        args = ["export", "--all", "--format", fmt, "-o", str(exported / fmt), "--db", str(db)]
        assert runner.invoke(app, args).exit_code == 0
    files = [p for p in [*saved.rglob("*"), *exported.rglob("*")] if p.is_file()]
    assert len([p for p in files if saved in p.parents]) == 4
    assert len([p for p in files if exported in p.parents]) == 4 * 3  # 4 threads
    warcs = sorted(tmp_path.glob("run*.warc.gz"))
    assert [p.name for p in warcs] == ["run-1.warc.gz", "run-2.warc.gz", "run.warc.gz"]
    records = [text for path in warcs for text in warc_texts(path)]
    assert [r for r in records if "cookie:" in r.lower()] == []  # not in requests, no Set-Cookie
    texts = every_cell(db) + [p.read_bytes().decode("utf-8", "replace") for p in files] + records
    for secret in (*SECRETS, AUTH.replace("%2F", "\\/")):
        assert [t for t in texts if secret in t] == [], secret
    for path in saved.rglob("*.html"):  # fetched with a login: the owner's eyes only
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
    conn = sqlite3.connect(db)
    rows = conn.execute("select rendering, redactions from pages order by id").fetchall()
    assert rows == [
        ("desktop", "formhash,sid"),
        ("api", "api_auth,api_saltkey,formhash"),
        ("archiver", "formhash,sid"),
        ("archiver", "formhash,sid"),
        ("touch", "formhash,sid"),
    ]
    for sha, blob in conn.execute("select sha256, content from pages"):  # the stored bytes
        assert sha == __import__("hashlib").sha256(zlib.decompress(blob)).hexdigest()


@pytest.mark.parametrize("name", ["archiver/feature-thread-p1.html", "archiver/seed-thread.html"])
def test_a_page_without_login_material_keeps_every_byte(name):
    raw = (FIXTURES / name).read_bytes()
    assert redact(raw) == Redacted(raw, ())


@pytest.mark.parametrize(
    ("raw", "stored", "kinds"),
    [
        (
            b'{"Variables":{"auth":"x%2By","saltkey":"abcd1234"}}',
            b'{"Variables":{"auth":"REDACTED","saltkey":"REDACTED"}}',
            ("api_auth", "api_saltkey"),
        ),
        (b'{"Variables":{"auth":null,"saltkey":""}}', None, ()),
        (
            b'<a href="forum.php?mod=post&amp;formhash=0a1b2c3d">x</a> 0a1b2c3dz x0a1b2c3d',
            b'<a href="forum.php?mod=post&amp;formhash=REDACTED">x</a> 0a1b2c3dz x0a1b2c3d',
            ("formhash",),
        ),
        (
            b"<input value='0a1b2c3d' name='formhash'><i>0a1b2c3d</i>",
            b"<input value='REDACTED' name='formhash'><i>REDACTED</i>",
            ("formhash",),
        ),
        (
            b"<span id='seccode_cSAk3Zq9P'></span><a href='x.php?sid=k3Zq9P'>k3Zq9Pk</a>",
            b"<span id='seccode_cSAREDACT'></span><a href='x.php?sid=REDACT'>k3Zq9Pk</a>",
            ("sid",),
        ),
        (b"<p>0a1b2c3d is a post's text, no formhash named</p>", None, ()),
    ],
)
def test_redaction(raw, stored, kinds):
    cleaned = redact(raw)
    assert (cleaned.content, cleaned.kinds) == (stored or raw, kinds)
    assert redact(cleaned.content) == Redacted(cleaned.content, ())  # idempotent


def test_the_migration_scrubs_an_archive_written_the_old_way(tmp_path):
    path = tmp_path / "old.db"
    old = sqlite3.connect(path)
    from sqlite_utils import Database

    migrations.apply(Database(old), stop_before="m010_redact_login_material")
    member = as_member(thread_page(tid=84, page=1, pages=1, posts_per_page=5).decode(), "c9e3f267")
    pages = {1: member.encode(), 2: member.replace("GMT+8", "GMT+8 ").encode(), 3: member_api(84)}
    for page_id, content in pages.items():
        old.execute(
            "insert into pages (id, sha256, source, url, archived_at, size, content) "
            "values (?, ?, 'x', ?, '2025-01-01', ?, ?)",
            [page_id, str(page_id), f"http://h/bbs/forum.php?sid={SID}&tid=84",
             len(content), zlib.compress(content)],
        )  # fmt: skip
    old.execute("insert into posts (site, pid, tid, page_id) values ('h/bbs', 1, 84, 1)")
    old.commit()
    old.close()
    db = open_db(path)
    cells = every_cell(path)
    for secret in SECRETS:
        assert [c for c in cells if secret in c] == [], secret
    rows = db.execute("select id, redactions, url from pages order by id").fetchall()
    assert rows == [
        (1, "formhash,sid", "http://h/bbs/forum.php?sid=REDACT&tid=84"),
        (2, "formhash,sid", "http://h/bbs/forum.php?sid=REDACT&tid=84"),
        (3, "api_auth,api_saltkey,formhash", "http://h/bbs/forum.php?sid=REDACT&tid=84"),
    ]
    assert db.execute("select page_id from posts").fetchall() == [(1,)]


def test_only_pages_fetched_with_the_users_cookies_are_kept_private(tmp_path, monkeypatch):
    store = tmp_path / "auth.json"
    monkeypatch.setenv("DISCUZ_ARCHIVER_AUTH", str(store))
    saved = tmp_path / "saved"
    with start_server({}) as server:
        serve_members_only(server)
        port = server.base_url.rsplit(":", 1)[1]
        public = f"http://localhost:{port}/bbs/"
        html = thread_page(tid=85, page=1, pages=1, posts_per_page=5, base=public)
        server.route("/bbs/forum.php?mod=viewthread&tid=85&page=1", page(html))
        runner = CliRunner()
        stored = runner.invoke(app, ["auth", server.url("/bbs/")], input=COOKIE + "\n")
        assert stored.exit_code == 0, stored.stderr
        urls = [server.url("/bbs/thread-81-1-1.html"), f"{public}thread-85-1-1.html"]
        args = ["archive", *urls, "--db", str(tmp_path / "a.db"), "--delay", "0"]
        result = runner.invoke(app, [*args, "--source", "desktop", "--save-html", str(saved)])
        assert result.exit_code == 0, result.stderr
        sent = dict(zip(server.requests, server.request_headers, strict=True))
    member = sent[("GET", "/bbs/forum.php?mod=viewthread&tid=81&page=1")]
    guest = sent[("GET", "/bbs/forum.php?mod=viewthread&tid=85&page=1")]
    assert COOKIE in member.get("cookie", "") and AUTH not in guest.get("cookie", "")
    modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in saved.rglob("*.html")}
    assert modes["81-p1.html"] == 0o600
    assert modes["85-p1.html"] & 0o044  # a guest's page keeps the ordinary mode
