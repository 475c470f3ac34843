"""Boundaries: what the tool refuses, and that refusing changes nothing and leaks nothing.

- `query` cannot write: every kind of writing statement is refused (exit 8, one line) and the
  database file, its rows and its folder stay exactly as they were.
- The network edge, through the CLI against tests/discuz_server.py: oversized responses, a
  gzip bomb, redirect loops and redirects to other hosts end with exit 7 and one line.
- Secrets: a cookies.txt others can read is refused before any request; a marker cookie given
  with --cookie or --cookies reaches the server and nothing else (output, -v -v logs, errors,
  saved pages, every table, the raw pages and the database file's bytes); a cookie the forum
  sets stays out of the database and the saved pages (and out of the logs: bug B16).
- A full disk (a tiny tmpfs, when this process may mount one), a read-only database file and an
  unwritable folder: nothing half-written, and a clear one-line error with exit 8 (bug B10 for
  the first two).

Where the product falls short the test is a strict xfail naming the bug (see RELIABILITY.md).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import zlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from archiver.archive.files import archive_page
from archiver.cli.main import app
from archiver.fetch import read_page
from archiver.store import open_db

from .discuz_server import DiscuzServer, page, redirect, start_server
from .pagegen import thread_page
from .support import FIXTURES, ROOT
from .test_reliability import archiver_command, assert_sound, figure, page_folder, run_cli

runner = CliRunner()
SEED = FIXTURES / "seed-thread.html"
BASE = "http://bbs.test.example/bbs/"


def invoke(*args: str) -> Result:
    return runner.invoke(app, list(args))


def one_error_line(stderr: str) -> str:
    """The single line a refusal prints; fails on tracebacks and multi-line errors."""
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), stderr[-1500:]
    return lines[0]


# --- query cannot write -----------------------------------------------------------------


@pytest.fixture(scope="module")
def archived(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed archive of the seed thread, its WAL checkpointed away."""
    path = tmp_path_factory.mktemp("query") / "archive.db"
    db = open_db(path)
    archive_page(db, read_page(SEED))
    db.conn.close()
    return path


def state_of(path: Path) -> tuple[str, str, list[str]]:
    """The main file's hash, a dump of every row and schema, and the folder's other files."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        dump = "\n".join(conn.iterdump())
    finally:
        conn.close()
    others = sorted(
        p.name
        for p in path.parent.iterdir()
        if p != path and not (p.name.endswith(("-wal", "-shm")) and p.stat().st_size in (0, 32768))
    )
    return (
        hashlib.sha256(path.read_bytes()).hexdigest(),
        hashlib.sha256(dump.encode()).hexdigest(),
        others,
    )


WRITES = [
    "INSERT INTO posts (site, pid, tid) VALUES ('x', 1, 1)",
    "REPLACE INTO pages (id) VALUES (1)",
    "UPDATE posts SET author = 'x'",
    "DELETE FROM posts",
    "WITH gone AS (SELECT 1) DELETE FROM threads",
    "INSERT INTO posts_fts (posts_fts) VALUES ('rebuild')",
    "DROP TABLE posts",
    "DROP VIEW thread_posts",
    "CREATE TABLE t (x)",
    "CREATE TEMP TABLE t (x)",
    "CREATE INDEX i ON posts (author)",
    "CREATE VIEW v AS SELECT 1",
    "CREATE TRIGGER t AFTER INSERT ON posts BEGIN DELETE FROM posts; END",
    "ALTER TABLE posts ADD COLUMN x",
    "ALTER TABLE posts RENAME TO p",
    "PRAGMA user_version = 5",
    "PRAGMA application_id = 7",
    "PRAGMA schema_version = 1",
    "PRAGMA journal_mode = DELETE",
    "PRAGMA incremental_vacuum",
    "VACUUM",
    "REINDEX",
    "ANALYZE",
    "SELECT 1; DELETE FROM posts",
    "SELECT load_extension('./evil')",
]
HARMLESS = [  # may run: they change nothing on disk
    "SELECT count(*) FROM posts",
    "PRAGMA query_only = 0",
    "PRAGMA writable_schema = 1",
    "PRAGMA wal_checkpoint(TRUNCATE)",
    "PRAGMA optimize",
    "PRAGMA auto_vacuum = FULL",  # takes effect only at a VACUUM, which is refused
    "ATTACH ':memory:' AS scratch",
]
CREATES_FILES = [
    "ATTACH 'attached.db' AS other",
    "ATTACH 'file:attached-rwc.db?mode=rwc' AS other",
    "VACUUM INTO 'copy.db'",
]


@pytest.mark.parametrize("sql", WRITES)
def test_query_refuses_every_write_and_changes_nothing(archived: Path, sql: str) -> None:
    before = state_of(archived)
    result = invoke("query", "--db", str(archived), sql)
    several = sql.startswith("SELECT 1;")  # several statements: an SQL mistake, not a write
    assert result.exit_code == (9 if several else 8)
    one_error_line(result.stderr)
    assert state_of(archived) == before


@pytest.mark.parametrize("sql", ["VACUUM", "PRAGMA journal_mode = DELETE", "DELETE FROM posts"])
def test_a_refused_write_says_query_only_reads(archived: Path, sql: str) -> None:
    """Not `authorization denied` or `disk I/O error`, which would send the user astray."""
    result = invoke("query", "--db", str(archived), sql)
    assert result.exit_code == 8
    assert "query only reads" in one_error_line(result.stderr)


@pytest.mark.parametrize("sql", HARMLESS)
def test_query_statements_that_cannot_write_change_nothing(archived: Path, sql: str) -> None:
    before = state_of(archived)
    result = invoke("query", "--db", str(archived), sql)
    assert result.exit_code in (0, 8), result.stderr
    assert state_of(archived) == before


@pytest.mark.parametrize("sql", CREATES_FILES)
def test_query_creates_no_files(
    archived: Path, sql: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """B12: ATTACH created an empty file (exit 0); VACUUM INTO left one behind (exit 8)."""
    copy = tmp_path / archived.name
    shutil.copy(archived, copy)
    monkeypatch.chdir(tmp_path)
    before = state_of(copy)
    invoke("query", "--db", str(copy), sql)
    assert state_of(copy) == before


# --- the network edge -------------------------------------------------------------------


def desktop(tid: int, number: int = 1) -> str:
    return f"/bbs/forum.php?mod=viewthread&tid={tid}&page={number}"


@pytest.fixture
def server() -> Iterator[DiscuzServer]:
    with start_server({}) as running:
        yield running


def archive_url(server: DiscuzServer, tid: int, db: Path, *extra: str) -> Result:
    url = server.url(f"/bbs/thread-{tid}-1-1.html")
    options = ("--db", str(db), "--delay", "0", "--retries", "0", "--json", "--quiet")
    return invoke("archive", url, *options, *extra)


@functools.lru_cache(maxsize=2)
def gzip_bomb(mib: int) -> bytes:
    """`mib` MiB of zeros, gzipped (about 4.5 kB per MiB)."""
    packer = zlib.compressobj(1, zlib.DEFLATED, 31)
    zeros = bytes(2**20)
    return b"".join([packer.compress(zeros) for _ in range(mib)] + [packer.flush()])


TOO_LARGE = b"<html>" + b"x" * (20 * 2**20)  # the Fetcher's cap is 20 MiB


def network_refusal(server: DiscuzServer, case: str) -> str:
    """Set up one refusal case on the server for thread 61; return the words it must say."""
    thread = desktop(61)
    if case == "declared-too-large":
        server.route(thread, page(TOO_LARGE))
    elif case == "chunked-too-large":
        server.route(thread, page(TOO_LARGE, chunked=True))
    elif case == "gzip-bomb":
        server.route(thread, page(gzip_bomb(64), headers={"Content-Encoding": "gzip"}))
    elif case == "redirect-loop":
        server.route(thread, redirect("/bbs/elsewhere.php"))
        server.route("/bbs/elsewhere.php", redirect(thread))
        return "redirect loop"
    elif case == "too-many-redirects":
        server.route(thread, redirect("/bbs/r0"))
        for hop in range(8):
            server.route(f"/bbs/r{hop}", redirect(f"/bbs/r{hop + 1}"))
        return "more than 5 redirects"
    elif case == "redirect-to-another-host":
        server.route(thread, redirect("http://attacker.example/steal?tid=61"))
        return "another site"
    elif case == "redirect-to-another-port":
        port = server.base_url.rsplit(":", 1)[1]
        server.route(thread, redirect(f"http://127.0.0.1:{int(port) + 1}/bbs/x"))
        return "another site"
    elif case == "redirect-to-localhost":
        server.route(thread, redirect(server.base_url.replace("127.0.0.1", "localhost") + "/x"))
        return "another site"
    return "larger than 20,971,520 bytes"


NETWORK_CASES = [
    "declared-too-large", "chunked-too-large", "gzip-bomb", "redirect-loop",
    "too-many-redirects", "redirect-to-another-host", "redirect-to-another-port",
    "redirect-to-localhost",
]  # fmt: skip


@pytest.mark.parametrize("case", NETWORK_CASES)
def test_network_refusals_are_one_line_and_exit_7(
    server: DiscuzServer, tmp_path: Path, case: str
) -> None:
    words = network_refusal(server, case)
    result = archive_url(server, 61, tmp_path / "net.db")
    assert result.exit_code == 7, result.stderr
    line = one_error_line(result.stderr)
    assert words in line and server.base_url in line
    assert json.loads(result.stdout)["errors"] == 1
    conn = sqlite3.connect(tmp_path / "net.db")
    assert conn.execute("SELECT count(*) FROM pages").fetchone()[0] == 0
    conn.close()
    hosts = {h.get("host", "") for h in server.request_headers}
    assert hosts <= {server.base_url.removeprefix("http://")}  # never followed off-site


PEAK_RSS = (
    "import resource, subprocess, sys\n"
    "code = subprocess.run(sys.argv[1:]).returncode\n"
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def peak_rss_kib(command: list[str]) -> tuple[int, str, int]:
    """Run a command; its exit code, its stderr and its peak resident memory (KiB)."""
    done = subprocess.run(
        [sys.executable, "-c", PEAK_RSS, *command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    *lines, peak = done.stderr.strip().splitlines()
    return done.returncode, "\n".join(lines), int(peak)


def test_a_gzip_bomb_is_stopped_before_it_fills_memory(
    server: DiscuzServer, tmp_path: Path
) -> None:
    mib = 512
    bomb = gzip_bomb(mib)
    server.route(desktop(62), page(bomb, headers={"Content-Encoding": "gzip"}))
    url = server.url("/bbs/thread-62-1-1.html")
    args = ("--db", str(tmp_path / "bomb.db"), "--delay", "0", "--retries", "0", "--json")
    code, stderr, peak = peak_rss_kib(archiver_command("archive", url, *args))
    assert code == 7
    assert "larger than" in one_error_line(stderr)
    _, _, baseline = peak_rss_kib(archiver_command("archive", str(SEED), "--db", args[1]))
    figure(
        "boundary.gzip_bomb",
        f"{len(bomb):,} B inflating to {mib} MiB refused; peak RSS {peak // 1024} MiB "
        f"(an archive of one saved page: {baseline // 1024} MiB)",
    )
    assert peak - baseline < 256 * 1024  # KiB: far below the bomb


# --- secrets ----------------------------------------------------------------------------

SECRETS = ("CookieFlagSecret-41c9", "CookieFileSecret-7f3a", "ServerSetSecret-d20e")


def cookies_txt(path: Path, value: str, mode: int) -> Path:
    path.write_text(
        f"# Netscape HTTP Cookie File\n127.0.0.1\tFALSE\t/\tFALSE\t0\tcdb_auth\t{value}\n"
    )
    path.chmod(mode)
    return path


def test_a_cookies_file_others_can_read_is_read_with_one_warning(
    server: DiscuzServer, tmp_path: Path
) -> None:
    """Browser extensions save cookies.txt at mode 644: read it, and say to chmod 600 it."""
    server.route(desktop(63), page(thread_page(tid=63, page=1, pages=1, base=BASE)))
    cookies = cookies_txt(tmp_path / "cookies.txt", SECRETS[1], 0o644)
    result = archive_url(server, 63, tmp_path / "c.db", "--cookies", str(cookies))
    assert result.exit_code == 0, result.stderr
    [warning] = [line for line in result.stderr.splitlines() if line.startswith("warning: ")]
    assert "chmod 600" in warning and str(cookies) in warning
    assert SECRETS[1] not in result.stdout + result.stderr


def serve_secret_threads(server: DiscuzServer) -> list[str]:
    """Thread 64 (3 good pages), 65 (page 2 fails), 66 (redirects away); all set a cookie."""
    set_cookie = {"Set-Cookie": f"sid={SECRETS[2]}; path=/; HttpOnly"}
    for tid in (64, 65):
        for number in (1, 2, 3):
            body = thread_page(tid=tid, page=number, pages=3, posts_per_page=4, base=BASE)
            server.route(desktop(tid, number), page(body, headers=set_cookie))
    server.route(desktop(65, 2), page("<html>boom</html>", status=500, headers=set_cookie))
    server.route(desktop(66), redirect("http://attacker.example/?next=home"))
    return [server.url(f"/bbs/thread-{tid}-1-1.html") for tid in (64, 65, 66)]


def everything_stored(path: Path) -> bytes:
    """Every cell of every table (pages' raw content inflated) and the files' raw bytes."""
    conn = sqlite3.connect(path)
    parts = []
    for (table,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"):
        for row in conn.execute(f"SELECT * FROM [{table}]"):
            parts.append(repr(row).encode())
    for (content,) in conn.execute("SELECT content FROM pages"):
        parts.append(zlib.decompress(content))
    conn.close()
    for file in path.parent.glob(path.name + "*"):
        parts.append(file.read_bytes())
    return b"\n".join(parts)


@pytest.fixture(scope="module")
def secret_runs(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, bytes]]:
    """Two -v -v runs with marker cookies: --cookie (3 good pages), --cookies (two errors).

    Returns what each place holds: the output, the saved pages, the database, what was sent.
    """
    tmp_path = tmp_path_factory.mktemp("secrets")
    with start_server({}) as server:
        urls = serve_secret_threads(server)
        db, saved = tmp_path / "secrets.db", tmp_path / "saved"
        cookies = cookies_txt(tmp_path / "cookies.txt", SECRETS[1], 0o600)
        common = ("--db", str(db), "--delay", "0", "--retries", "0", "--save-html", str(saved))
        flag = f"cdb_auth={SECRETS[0]}"
        runs = [
            run_cli("-v", "-v", "archive", urls[0], *common, "--cookie", flag),
            run_cli("-v", "-v", "archive", *urls[1:], *common, "--cookies", str(cookies)),
        ]
        sent = " ".join(h.get("cookie", "") for h in server.request_headers)
    assert runs[0].returncode == 0, runs[0].stderr
    assert runs[1].returncode == 7, runs[1].stderr
    assert runs[1].stderr.count("error: ") == 2  # page 2 of 65 and the redirect of 66
    yield {
        "sent": sent.encode(),
        "output": "".join(r.stdout + r.stderr for r in runs).encode(),
        "saved pages": b"".join(p.read_bytes() for p in saved.rglob("*") if p.is_file()),
        "database": everything_stored(db),
    }


def test_cookies_we_send_reach_the_server_and_nothing_else(
    secret_runs: dict[str, bytes],
) -> None:
    sent = secret_runs["sent"]
    assert all(secret.encode() in sent for secret in SECRETS)
    assert b"info: " in secret_runs["output"] and secret_runs["saved pages"]
    places = ("output", "saved pages", "database")
    for secret in SECRETS[:2]:
        for place in places:
            assert secret.encode() not in secret_runs[place], f"{secret} found in the {place}"
    for place in ("saved pages", "database"):  # the server's own Set-Cookie
        assert SECRETS[2].encode() not in secret_runs[place], f"{SECRETS[2]} in the {place}"
    sizes = ", ".join(f"{place} {len(secret_runs[place]):,} B" for place in places)
    figure("boundary.secrets", f"2 planted cookies + 1 Set-Cookie searched in {sizes}: none")


def test_cookies_the_server_sets_stay_out_of_the_logs(secret_runs: dict[str, bytes]) -> None:
    """B16: httpcore's DEBUG log printed response headers, Set-Cookie values included."""
    assert SECRETS[2].encode() not in secret_runs["output"]


# --- bad options ------------------------------------------------------------------------


@pytest.mark.parametrize("offset", ["+24:00", "+99:00", "-30"])
def test_an_impossible_timezone_option_is_one_line(tmp_path: Path, offset: str) -> None:
    """B5 at the CLI: --timezone +99:00 was a ValueError traceback (exit 1)."""
    result = invoke("archive", str(SEED), "--db", str(tmp_path / "tz.db"), "--timezone", offset)
    assert result.exit_code == 2
    assert "UTC offset" in one_error_line(result.stderr)


# --- the disk ---------------------------------------------------------------------------


@contextlib.contextmanager
def tiny_filesystem(path: Path, size: str) -> Iterator[Path]:
    """A tmpfs of `size` mounted at `path`, or skip saying why it cannot be had."""
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a tiny tmpfs needs root on Linux; the read-only tests still run")
    path.mkdir()
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(path)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip() or mounted.returncode}")
    try:
        yield path
    finally:
        if subprocess.run(["umount", str(path)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(path)], capture_output=True)


@pytest.fixture(scope="module")
def disk_full(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    """Archive 40 pages into a database on a 1.5 MB tmpfs; keep a copy of what is left."""
    root = tmp_path_factory.mktemp("disk")
    expected = page_folder(root / "pages", {701: 20, 702: 20})
    with tiny_filesystem(root / "tiny", "1500k") as tiny:
        done = run_cli("archive", str(root / "pages"), "--db", str(tiny / "a.db"), "--quiet")
        copy = root / "copy"
        copy.mkdir()
        for file in tiny.glob("a.db*"):
            shutil.copy2(file, copy / file.name)
    yield {"done": done, "db": copy / "a.db", "expected": expected, "pages": root / "pages"}


def test_a_full_disk_leaves_whole_pages_and_a_rerun_finishes(disk_full: dict[str, object]) -> None:
    done = disk_full["done"]
    path = disk_full["db"]
    expected = disk_full["expected"]
    assert isinstance(done, subprocess.CompletedProcess) and isinstance(path, Path)
    assert isinstance(expected, dict)
    assert done.returncode != 0
    stored = assert_sound(path, expected)
    assert 0 < stored < len(expected), "the disk should fill mid-run; adjust the tmpfs size"
    rerun = run_cli("archive", str(disk_full["pages"]), "--db", str(path), "--quiet")
    assert rerun.returncode == 0, rerun.stderr
    assert assert_sound(path, expected) == len(expected)
    figure("boundary.disk_full", f"disk full after {stored} of {len(expected)} pages; all whole")


def test_a_full_disk_is_one_line_and_exit_8(disk_full: dict[str, object]) -> None:
    """B10: SQLite errors while saving were tracebacks (exit 1), not one line and exit 8."""
    done = disk_full["done"]
    assert isinstance(done, subprocess.CompletedProcess)
    assert done.returncode == 8
    assert "full" in one_error_line(done.stderr.replace(archived_summary(done.stderr), ""))


def archived_summary(stderr: str) -> str:
    """The `archived N page(s) …` summary line, which follows any error."""
    return next((line for line in stderr.splitlines() if line.startswith("archived ")), "")


@contextlib.contextmanager
def unwritable(path: Path) -> Iterator[None]:
    """Make a file or folder unwritable: chmod, or for root (who ignores modes) chattr +i."""
    if os.name != "posix":
        pytest.skip("POSIX permissions")
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    if shutil.which("chattr") is None:
        pytest.skip("running as root, and no chattr to make a file immutable")
    made = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True)
    if made.returncode != 0:
        pytest.skip(f"running as root and chattr +i failed: {made.stderr.strip()}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def read_only_run(tmp_path: Path, what: str) -> tuple[Result, bool]:
    """Archive the seed thread, make the file or its folder unwritable, archive another page.

    Returns the CLI's result and whether the database stayed exactly as it was.
    """
    folder = tmp_path / "ro"
    folder.mkdir()
    path = folder / "archive.db"
    db = open_db(path)
    archive_page(db, read_page(SEED))
    db.conn.close()
    before = state_of(path)
    for empty in (folder / "archive.db-wal", folder / "archive.db-shm"):  # left by state_of
        if empty.exists() and (empty.name.endswith("-shm") or empty.stat().st_size == 0):
            empty.unlink()
    with unwritable(path if what == "file" else folder):
        result = invoke("archive", str(FIXTURES / "variants" / "x35-utf8.html"), "--db", str(path))
    return result, state_of(path) == before


@pytest.mark.parametrize("what", ["file", "folder"])
def test_an_unwritable_database_changes_nothing(tmp_path: Path, what: str) -> None:
    result, unchanged = read_only_run(tmp_path, what)
    assert result.exit_code != 0
    assert unchanged


@pytest.mark.parametrize(
    "what",
    [
        "file",
        "folder",
    ],
)
def test_an_unwritable_database_is_one_line_and_exit_8(tmp_path: Path, what: str) -> None:
    """B10 for a read-only database file (the unwritable folder always gave one line)."""
    result, _ = read_only_run(tmp_path, what)
    assert result.exit_code == 8
    assert "database" in one_error_line(result.stderr.replace(archived_summary(result.stderr), ""))
