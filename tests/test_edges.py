"""Every command at its edges: a table of bad invocations, each ending in one stderr line that
names the problem, its README exit code, and no traceback.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import archiver.store.readonly as readonly
from archiver.cli.main import app

from .discuz_server import start_server
from .support import FIXTURES

SEED = str(FIXTURES / "seed-thread.html")
runner = CliRunner()


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    """Files the table refers to: an archive, a text file, a foreign SQLite file, folders."""
    root = tmp_path_factory.mktemp("edges")
    db = root / "archive.db"
    assert runner.invoke(app, ["archive", SEED, "--db", str(db), "-q"]).exit_code == 0
    (root / "text.db").write_text("not a database\n")
    other = sqlite3.connect(root / "other.db")
    other.execute("create table x (y)")
    other.commit()
    other.close()
    (root / "folder").mkdir()
    (root / "empty.txt").write_text("")
    (root / "out.md").write_text("already here")
    (root / "cookies.d").mkdir()
    dead = start_server({})
    port = dead.url("/").split(":")[2].split("/")[0]
    dead.stop()  # nothing listens there any more: connection refused
    return {
        "db": str(db), "text": str(root / "text.db"), "other": str(root / "other.db"),
        "dir": str(root / "folder"), "missing": str(root / "nope" / "a.db"),
        "empty": str(root / "empty.txt"), "file": str(root / "out.md"),
        "cookiedir": str(root / "cookies.d"), "root": str(root),
        "dead": f"http://127.0.0.1:{port}/thread-1-1-1.html",
    }  # fmt: skip


DB = ("--db", "{db}")
THREAD = "3068512"
BOARD_URL = "https://bbs.example.cn/forum-36-1.html"
URL = "https://bbs.example.cn/thread-1-1-1.html"

# (name, arguments, exit code, what the one stderr line must name)
CASES = [
    # --- named in the issue --------------------------------------------------------------
    ("non-sqlite search", ["search", "x", "--db", "{text}"], 8, "not a SQLite database"),
    ("non-sqlite show", ["show", THREAD, "--db", "{text}"], 8, "not a SQLite database"),
    ("non-sqlite export", ["export", THREAD, "--db", "{text}"], 8, "not a SQLite database"),
    ("non-sqlite migrate --list", ["migrate", "--list", "--db", "{text}"], 8, "not a SQLite"),
    ("foreign sqlite search", ["search", "x", "--db", "{other}"], 8, "not a discuz-archiver"),
    ("foreign sqlite show", ["show", THREAD, "--db", "{other}"], 8, "not a discuz-archiver"),
    ("foreign sqlite export", ["export", THREAD, "--db", "{other}"], 8, "no threads table"),
    ("foreign migrate --list", ["migrate", "--list", "--db", "{other}"], 8, "not a discuz"),
    (
        "export into a missing folder",
        ["export", THREAD, *DB, "-o", "{root}/no/t.md"],
        2,
        "does not exist",
    ),
    ("export onto a folder", ["export", THREAD, *DB, "-o", "{dir}"], 2, "is a folder"),
    ("export --all onto a file", ["export", "--all", *DB, "-o", "{file}"], 2, "is a file"),
    (
        "refresh --sql one column",
        ["refresh", *DB, "--sql", "select tid from threads"],
        9,
        "(site, tid)",
    ),
    (
        "refresh --sql wrong columns",
        ["refresh", *DB, "--sql", "select site, subject from threads"],
        9,
        "(site, tid)",
    ),
    ("--delay -1", ["archive", URL, *DB, "--delay", "-1"], 2, "'--delay'"),
    ("--retries -1", ["archive", URL, *DB, "--retries", "-1"], 2, "'--retries'"),
    ("search --since yesterday", ["search", "x", *DB, "--since", "yesterday"], 2, "'yesterday'"),
    ("search --since 2024-13-45", ["search", "x", *DB, "--since", "2024-13-45"], 2, "2024-13-45"),
    (
        "board --since lastweek",
        ["archive-board", BOARD_URL, *DB, "--since", "lastweek"],
        2,
        "'lastweek'",
    ),
    ("search --limit -1", ["search", "x", *DB, "--limit", "-1"], 2, "'--limit'"),
    ("--timeout 0", ["archive", URL, *DB, "--timeout", "0"], 2, "'--timeout'"),
    ("--jobs -3", ["archive", SEED, *DB, "--jobs", "-3"], 2, "'--jobs'"),
    ("query empty", ["query", "", *DB], 9, "empty SQL"),
    ("query syntax error", ["query", "selec 1", *DB], 9, "syntax error"),
    ("query --json --csv", ["query", "select 1", *DB, "--json", "--csv"], 2, "not both"),
    ("board URL to archive", ["archive", BOARD_URL, *DB, "-q"], 2, "archive-board"),
    (
        "unreachable host",
        ["archive", "{dead}", *DB, "-q", "--retries", "2"],
        7,
        "{dead}: could not connect",
    ),
    ("export --all html to stdout", ["export", "--all", *DB, "-f", "html"], 2, "NDJSON"),
    ("export --all markdown to stdout", ["export", "--all", *DB], 2, "give -o DIR"),
    (
        "show --site unknown",
        ["show", THREAD, *DB, "--site", "https://other.example/"],
        2,
        "of site other.example",
    ),
    (
        "--cookies a folder",
        ["archive", URL, *DB, "--cookies", "{cookiedir}", "-q"],
        2,
        "is a folder",
    ),
    ("auth empty", ["auth", ""], 2, "not a site"),
    ("auth piped nothing", ["auth", "bbs.example.cn"], 2, "no cookie given"),
    ("-v before a bad value", ["-v", "archive", URL, "--delay", "x"], 2, "'--delay'"),
    # --- our own ----------------------------------------------------------------------------
    ("archive nothing", ["archive", *DB], 2, "nothing to archive"),
    ("archive empty argument", ["archive", "", *DB], 2, "an empty argument"),
    ("archive missing file", ["archive", "{root}/nope.html", *DB], 2, "no such file"),
    ("archive non-UTF-8 name", ["archive", "{root}/\udcff\udcfe.html", *DB], 2, "no such file"),
    ("archive --db a folder", ["archive", SEED, "--db", "{dir}"], 8, "cannot open"),
    (
        "archive --db in a missing folder",
        ["archive", SEED, "--db", "{missing}"],
        8,
        "its folder must exist",
    ),
    ("archive --db a text file", ["archive", SEED, "--db", "{text}"], 8, "not a SQLite file"),
    (
        "archive --timezone banana",
        ["archive", SEED, *DB, "--timezone", "banana"],
        2,
        "not a UTC offset",
    ),
    (
        "archive --timezone +99:00",
        ["archive", SEED, *DB, "--timezone", "+99:00"],
        2,
        "not a UTC offset",
    ),
    ("archive --source bogus", ["archive", URL, *DB, "--source", "bogus"], 2, "'--source'"),
    ("archive --jobs huge", ["archive", SEED, *DB, "--jobs", "100000"], 2, "'--jobs'"),
    ("archive --delay huge", ["archive", URL, *DB, "--delay", "1e9"], 2, "'--delay'"),
    ("archive --delay nan", ["archive", URL, *DB, "--delay", "nan"], 2, "'--delay'"),
    (
        "archive --retries beyond int64",
        ["archive", URL, *DB, "--retries", "9" * 25],
        2,
        "'--retries'",
    ),
    ("archive --timeout word", ["archive", URL, *DB, "--timeout", "soon"], 2, "'--timeout'"),
    ("archive --proxy ftp", ["archive", URL, *DB, "--proxy", "ftp://x"], 2, "'--proxy'"),
    ("archive --site host", ["archive", SEED, *DB, "--site", "bbs.x.cn"], 2, "'--site'"),
    ("archive --user-agent empty", ["archive", URL, *DB, "--user-agent", ""], 2, "'--user-agent'"),
    ("archive --cookie empty", ["archive", URL, *DB, "--cookie", " "], 2, "'--cookie'"),
    (
        "archive -i missing list",
        ["archive", "-i", "{root}/list.txt", *DB],
        2,
        "cannot read the list",
    ),
    ("archive -i empty list", ["archive", "-i", "{empty}", *DB], 2, "nothing to archive"),
    (
        "archive --cookies missing",
        ["archive", URL, *DB, "--cookies", "{root}/c.txt", "-q"],
        2,
        "cannot read the cookies file",
    ),
    ("archive a bare scheme", ["archive", "http://", *DB, "-q"], 2, "a URL without a host"),
    (
        "archive a space page",
        ["archive", "https://bbs.example.cn/home.php?mod=space", *DB, "-q"],
        2,
        "not a Discuz! thread URL",
    ),
    ("board given a thread URL", ["archive-board", URL, *DB, "-q"], 2, "not a Discuz! forum URL"),
    ("board empty URL", ["archive-board", "", *DB, "-q"], 2, "not an http(s) URL"),
    ("board --limit 0", ["archive-board", BOARD_URL, *DB, "--limit", "0"], 2, "'--limit'"),
    ("board --timeout -5", ["archive-board", BOARD_URL, *DB, "--timeout", "-5"], 2, "'--timeout'"),
    ("media --delay -1", ["media", *DB, "--delay", "-1"], 2, "'--delay'"),
    ("media --tid 0", ["media", *DB, "--tid", "0"], 2, "'--tid'"),
    ("search empty words", ["search", " ", *DB], 2, "no words"),
    ("search missing db", ["search", "x", "--db", "{missing}"], 8, "no such database"),
    ("search db is a folder", ["search", "x", "--db", "{dir}"], 8, "is a folder"),
    ("search --tid 0", ["search", "x", *DB, "--tid", "0"], 2, "'--tid'"),
    ("search --until Feb 30", ["search", "x", *DB, "--until", "2024-02-30"], 2, "2024-02-30"),
    ("search --limit huge", ["search", "x", *DB, "--limit", "99999999999"], 2, "'--limit'"),
    ("search --site empty", ["search", "x", *DB, "--site", "/"], 2, "not a site"),
    ("show tid 0", ["show", "0", *DB], 2, "TID"),
    ("show a word", ["show", "abc", *DB], 2, "TID"),
    ("show beyond int64", ["show", "9" * 25, *DB], 2, "TID"),
    ("show missing thread", ["show", "42", *DB], 2, "no such thread"),
    ("export pdf", ["export", THREAD, *DB, "-f", "pdf"], 2, "'--format'"),
    ("export nothing", ["export", *DB], 2, "give a thread id or --all"),
    ("export both", ["export", THREAD, *DB, "--all"], 2, "not both"),
    ("query missing db", ["query", "select 1", "--db", "{missing}"], 8, "no such database"),
    ("query a write", ["query", "delete from posts", *DB], 8, "would change the database"),
    ("query unknown table", ["query", "select * from nosuch", *DB], 9, "no such table"),
    ("query a lone semicolon", ["query", ";", *DB], 9, "empty SQL"),
    ("migrate a folder", ["migrate", "--db", "{dir}"], 8, "cannot open"),
    ("migrate a foreign sqlite file", ["migrate", "--db", "{other}"], 8, "of something else"),
    (
        "archive into a foreign sqlite file",
        ["archive", SEED, "--db", "{other}"],
        8,
        "not an archive",
    ),
    ("datasette-metadata empty name", ["datasette-metadata", "--name", ""], 2, "empty name"),
    ("auth --remove unknown", ["auth", "--remove", "nosuch.example"], 2, "no login stored"),
    ("auth a spaced host", ["auth", "bad host"], 2, "not a site"),
    ("auth nothing", ["auth"], 2, "--list"),
    ("refresh --sql empty", ["refresh", *DB, "--sql", "  "], 2, "empty SQL"),
    ("refresh --sql typo", ["refresh", *DB, "--sql", "selec site"], 9, "syntax error"),
    ("refresh --delay -0.5", ["refresh", *DB, "--delay", "-0.5"], 2, "'--delay'"),
    ("refresh a text file", ["refresh", "--db", "{text}"], 8, "not a SQLite database"),
    ("refresh --source nope", ["refresh", *DB, "--source", "nope"], 2, "'--source'"),
    ("a misspelt command", ["archiv", SEED], 2, "No such command"),
    ("an unknown option", ["archive", SEED, *DB, "--nope"], 2, "--nope"),
    ("-v on a read command, bad tid", ["show", "-v", "x", *DB], 2, "TID"),
    ("check a missing file", ["check", "{root}/nope.html"], 2, "no such file"),
    ("check a folder", ["check", "{dir}"], 2, "no such file"),
    ("check an empty file", ["check", "{empty}"], 2, "the file is empty"),
    ("check a text file", ["check", "{text}"], 3, "not a Discuz! page"),
    ("check --site ftp", ["check", SEED, "--site", "ftp://bbs.x.cn/"], 2, "'--site'"),
]


def _fill(value: str, world: dict[str, str]) -> str:
    return value.format(**world) if "{" in value else value


@pytest.mark.parametrize(("args", "code", "names"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])  # fmt: skip
def test_bad_invocation(world, tmp_path, args, code, names):
    env = {"DISCUZ_ARCHIVER_AUTH": str(tmp_path / "auth.json"), "LESS": ""}
    result = runner.invoke(app, [_fill(a, world) for a in args], env=env, input="")
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert "Traceback" not in result.stderr + result.stdout
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ") and _fill(names, world) in lines[0], lines[0]
    assert result.exit_code == code, lines[0]


def test_the_table_is_big_enough():
    assert len(CASES) >= 33 + 30


@pytest.mark.parametrize("command", ["search", "show", "migrate", "query"])
def test_wal_archive_in_a_read_only_folder(world, tmp_path, monkeypatch, command):
    """SQLite cannot make the -shm file beside a WAL archive in a read-only folder (root ignores
    folder modes, so the refusal is simulated): with changes in -wal, one line; without,
    the main file is read as it is."""
    real = readonly._connect

    def refuse(path: Path, *, immutable: bool) -> sqlite3.Connection:
        if not immutable:
            raise sqlite3.OperationalError("attempt to write a readonly database")
        return real(path, immutable=immutable)

    monkeypatch.setattr(readonly, "_connect", refuse)
    args = {
        "search": ["search", "融合两年"],
        "show": ["show", THREAD],
        "migrate": ["migrate", "--list"],
        "query": ["query", "select count(*) from posts"],
    }
    result = runner.invoke(app, [*args[command], "--db", world["db"]])
    assert result.exit_code == 0, result.stderr  # no -wal left: read as immutable
    if command == "migrate":
        return  # migrate --list reads through the same open; one command is enough for -wal
    wal = Path(world["db"] + "-wal")
    wal.write_bytes(b"x" * 100)
    try:
        result = runner.invoke(app, [*args[command], "--db", world["db"]])
    finally:
        wal.unlink()
    assert result.exit_code == 8
    [line] = result.stderr.splitlines()
    assert "its folder is read-only" in line and "-wal" in line


@pytest.mark.parametrize(
    "command",
    ["archive", "refresh", "archive-board", "media", "auth", "search", "show", "export",
     "datasette-metadata", "query", "migrate"],
)  # fmt: skip
@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_help_of_every_command(command, flag):
    result = runner.invoke(app, [command, flag])
    assert result.exit_code == 0, result.stderr
    assert "Usage" in result.stdout and "Traceback" not in result.stdout
    for python_type in ("<str>", "<int>", "<bool>", "<float>", "<path>", "list[str]"):
        assert python_type not in result.stdout, python_type


def test_help_shows_choices():
    assert "auto|desktop|api|archiver" in runner.invoke(app, ["archive", "-h"]).stdout
    assert "markdown|json|html" in runner.invoke(app, ["export", "-h"]).stdout


def test_fetching_commands_share_their_options():
    shared = [
        "--cookies",
        "--cookie",
        "--delay",
        "--retries",
        "--timeout",
        "--save-html",
        "--quiet",
        "--json",
        "--full",
        "--source",
        "--proxy",
        "--user-agent",
        "--verbose",
        "--warc",
        "--media",
        "--media-dir",
        "--max-media-size",
    ]
    for command in ("archive", "refresh", "archive-board", "media"):
        text = runner.invoke(app, [command, "-h"]).stdout
        own = [o for o in shared if o != "--full"] if command == "media" else shared
        assert [o for o in own if o not in text] == [], command


def test_verbose_after_the_command(tmp_path):
    db = str(tmp_path / "a.db")
    result = runner.invoke(app, ["archive", SEED, "--db", db, "-vv"])
    assert result.exit_code == 0, result.stderr


def test_site_is_normalised(world):
    for site in ("bbs.taizhou.example", "bbs.taizhou.example/", "https://bbs.taizhou.example/"):
        result = runner.invoke(app, ["search", "融合两年", "--db", world["db"], "--site", site])
        assert result.exit_code == 0 and "tid 3068512" in result.stdout, site


def test_urls_from_a_list_and_stdin(tmp_path):
    listing = tmp_path / "list.txt"
    listing.write_text(f"# saved pages\n{SEED}\n\n", encoding="utf-8")
    db = str(tmp_path / "a.db")
    result = runner.invoke(app, ["archive", "-i", str(listing), "--db", db, "--json"])
    assert result.exit_code == 0 and '"pages": 1' in result.stdout, result.stderr
    result = runner.invoke(app, ["archive", "-i", "-", "--db", db, "--json"], input=SEED + "\n")
    assert result.exit_code == 0 and '"pages": 1' in result.stdout, result.stderr


def test_auth_list_and_remove(tmp_path):
    env = {"DISCUZ_ARCHIVER_AUTH": str(tmp_path / "auth.json")}
    result = runner.invoke(app, ["auth", "https://bbs.example.cn/"], input="a=1\n", env=env)
    assert result.exit_code == 0, result.stderr
    assert "Warning" not in result.stderr  # no GetPassWarning with piped input
    assert runner.invoke(app, ["auth", "--list"], env=env).stdout == "bbs.example.cn\n"
    assert runner.invoke(app, ["auth", "--remove", "bbs.example.cn"], env=env).exit_code == 0
    assert runner.invoke(app, ["auth", "--list"], env=env).stdout == ""
    assert oct(os.stat(tmp_path / "auth.json").st_mode & 0o777) == "0o600"


def test_export_all_json_is_ndjson(world):
    result = runner.invoke(app, ["export", "--all", "--db", world["db"], "-f", "json"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith('{"format": "discuz-archiver/thread"')


def test_non_utf8_argument_bytes_from_a_real_shell(tmp_path):
    """argv bytes that are not UTF-8 (a Latin-1 file name): one line with escapes, exit 2."""
    name = os.fsencode(str(tmp_path)) + b"/caf\xe9.html"
    done = subprocess.run(
        [sys.executable, "-m", "archiver", "archive", name, "--db", str(tmp_path / "a.db")],
        capture_output=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 2 and b"Traceback" not in done.stderr
    assert done.stderr.decode("utf-8").splitlines() == [
        f"error: {tmp_path}/caf\\udce9.html: no such file or folder"
    ]


def test_a_bug_of_ours_is_one_line_too(world, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr("archiver.cli.read.search", broken)
    result = runner.invoke(app, ["search", "x", "--db", world["db"]])
    assert result.exit_code == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines() == [
        "error: unexpected RuntimeError: boom; please report it (run with -vv for the traceback)"
    ]
