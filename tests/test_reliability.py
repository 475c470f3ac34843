"""Crash safety, concurrency and history: whatever happens mid-run, nothing lost, nothing let in.

- SIGKILL: `python -m archiver archive` over a folder of pagegen pages (and over a thread URL
  served by tests/discuz_server.py) is killed at random moments. After each kill the database
  passes `PRAGMA integrity_check`, holds only whole pages (each stored page has exactly its
  posts, no post without its page), a rerun completes, and the result equals an uninterrupted
  run's (every table's rows, archive-time columns left out, page ids read as page hashes).
- A first open killed at any SQL statement (pragmas, each migration, FTS setup) leaves a file
  the next run opens, migrates and archives into.
- Concurrency: two archivers writing one database at once both finish cleanly and leave what
  running them one after the other leaves; two processes creating one new archive both open it.
- History: an edited post keeps its earlier version (post_revisions), a user's panel is kept per
  page (user_snapshots), and a thread archived over ten changing versions can be rebuilt as it
  was at each one from posts + post_revisions.

Kill moments: a random number of committed pages (0 = a random moment of start-up) plus a
random 0-30 ms, drawn from random.Random(KILL_SEED) (printed with the figures). `--soak` runs
100 folder kills, 20 URL kills, a kill at every statement of a first open and 20 concurrent
pairs.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import re
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from archiver.archive.files import archive_page
from archiver.fetch import Page
from archiver.parse import parse_page
from archiver.store import open_db

from .discuz_server import DiscuzServer, page, slow, start_server
from .pagegen import expected_posts, page_posts, thread_page
from .support import FIXTURES, ROOT

KILL_SEED = 20251128
FIXTURES_SEED = FIXTURES / "seed-thread.html"
PPP = 10
SAVED = dt.datetime(2025, 3, 15, 6, 30, tzinfo=dt.timezone.utc)
T0 = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
BASE = "http://bbs.test.example/bbs/"
# Columns that record when we archived, not what the forum said.
ARCHIVE_TIME = frozenset(
    {"first_archived_at", "last_archived_at", "first_seen_at", "last_seen_at", "archived_at",
     "fetched_at", "replaced_at", "headers"}
)  # fmt: skip
# Columns that depend on which of two concurrent archivers stored a page first or last, not
# on what was archived: a page given to both records the file of whichever stored it first,
# and a thread keeps the canonical link of the page saved last (it carries &page=N).
ORDER_DEPENDENT = frozenset({("pages", "source"), ("threads", "canonical_url")})
# FTS tables mirror posts/threads; _sqlite_migrations records when migrations ran.
SKIPPED_TABLES = re.compile(r"^(_sqlite_migrations|sqlite_.*|.*_fts(_.*)?)$")


def figure(name: str, value: object) -> None:
    """Print a figure for RELIABILITY.md (shown with `pytest -rP`)."""
    print(f"FIGURE {name}: {value}")


def archiver_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "archiver", *args]


def run_cli(*args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        archiver_command(*args), cwd=ROOT, capture_output=True, text=True, timeout=timeout
    )


# --- what a database holds --------------------------------------------------------------


def connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=30)


def snapshot(
    path: Path, ignore: frozenset[tuple[str, str]] = frozenset()
) -> dict[str, list[tuple[object, ...]]]:
    """Every table's rows, sorted, without archive-time or `ignore`d (table, column) columns.

    Page ids are read as the pages' hashes, so the order pages were stored in does not matter.
    """
    conn = connect(path)
    try:
        hashes = dict(conn.execute("SELECT id, sha256 FROM pages").fetchall())
        tables = [
            r[0]
            for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            if not SKIPPED_TABLES.match(r[0])
        ]
        result: dict[str, list[tuple[object, ...]]] = {}
        for table in tables:
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info([{table}])")]
            kept = [
                c
                for c in columns
                if c not in ARCHIVE_TIME and (table, c) not in {*ignore, ("pages", "id")}
            ]
            rows = []
            for row in conn.execute(f"SELECT {', '.join(f'[{c}]' for c in kept)} FROM [{table}]"):
                values = dict(zip(kept, row, strict=True))
                if "page_id" in values:
                    values["page_id"] = hashes.get(values["page_id"], values["page_id"])
                rows.append(tuple(values.items()))
            result[table] = sorted(rows, key=repr)
        return result
    finally:
        conn.close()


def assert_sound(path: Path, expected: dict[tuple[int, int], list[int]]) -> int:
    """Integrity ok and only whole pages; returns how many pages are stored.

    `expected` maps (tid, page) to the pids that page shows.
    """
    conn = connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        if conn.execute("SELECT count(*) FROM sqlite_master").fetchone() == (0,):
            # killed during its first open: the migrations are one transaction, so nothing of
            # them was committed, and the next run migrates the empty file like a new one
            return 0
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        stored = {(t, p): i for i, t, p in conn.execute("SELECT id, tid, page_number FROM pages")}
        by_page: dict[tuple[int, int], list[int]] = {}
        for tid, number, pid, page_id in conn.execute(
            "SELECT tid, page_number, pid, page_id FROM posts ORDER BY pid"
        ):
            by_page.setdefault((tid, number), []).append(pid)
            assert stored.get((tid, number)) == page_id, f"post {pid} points at another page"
        assert by_page == {key: expected[key] for key in stored}, "a page is not whole"
        threads = {t for t, _ in stored}
        assert {r[0] for r in conn.execute("SELECT tid FROM threads")} == threads
        for table in ("quotes", "attachments", "user_snapshots"):
            column = "page_id" if table == "user_snapshots" else "pid"
            source = "SELECT id FROM pages" if column == "page_id" else "SELECT pid FROM posts"
            orphans = conn.execute(
                f"SELECT count(*) FROM {table} WHERE {column} NOT IN ({source})"
            ).fetchone()[0]
            assert orphans == 0, f"{table} rows without their {column}"
        return len(stored)
    finally:
        conn.close()


def stored_rows(path: Path, table: str = "pages") -> int:
    """Rows committed so far (0 before the database or its tables exist); never creates it."""
    try:
        conn = connect(path)
        try:
            return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.OperationalError:  # no file yet, or killed before the tables were made
        return 0


def stored_pages(path: Path) -> int:
    return stored_rows(path, "pages")


# --- kill runs --------------------------------------------------------------------------


@dataclass
class Kills:
    """What a series of kills did, for the figures."""

    tried: int = 0
    mid_run: int = 0  # killed with some but not all pages stored
    pages_at_kill: list[int] = field(default_factory=list)

    def summary(self, total: int) -> str:
        spread = sorted(set(self.pages_at_kill))
        return (
            f"{self.tried} kills (seed {KILL_SEED}), {self.mid_run} mid-run; pages stored at "
            f"the kill: {spread} of {total}; every database sound, every rerun equal"
        )


def kill_during(
    command: list[str],
    path: Path,
    target: int,
    rng: random.Random,
    count: Callable[[Path], int] = stored_pages,
) -> None:
    """Run the command in its own process group and SIGKILL the whole group mid-work.

    target 0: at a random moment of the first 0.6 s (start-up, migrations, the first page);
    else: once `count` (committed pages) reaches `target`, after a random 0-30 ms more.
    """
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # the group holds the --jobs workers too
    )
    try:
        if target == 0:
            time.sleep(rng.uniform(0.0, 0.6))
        else:
            deadline = time.monotonic() + 60
            while process.poll() is None and time.monotonic() < deadline:
                if count(path) >= target:
                    break
                time.sleep(0.005)
            time.sleep(rng.uniform(0.0, 0.03))
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)


def page_folder(folder: Path, threads: dict[int, int]) -> dict[tuple[int, int], list[int]]:
    """Write every page of each thread (tid: pages); return the pids each page shows."""
    folder.mkdir()
    expected = {}
    for tid, pages in threads.items():
        for number in range(1, pages + 1):
            content = thread_page(tid=tid, page=number, pages=pages, posts_per_page=PPP)
            (folder / f"{tid}-p{number:02d}.html").write_bytes(content)
            expected[(tid, number)] = [pid for pid, _ in expected_posts(tid, number, pages, PPP)]
    return expected


@pytest.fixture(params=[5, pytest.param(100, marks=pytest.mark.soak)], ids=["fast", "soak"])
def kill_count(request: pytest.FixtureRequest) -> int:
    return int(request.param)


def test_sigkill_while_archiving_a_folder(tmp_path: Path, kill_count: int) -> None:
    expected = page_folder(tmp_path / "pages", {201: 16, 202: 16, 203: 8})
    folder = str(tmp_path / "pages")
    reference = tmp_path / "reference.db"
    done = run_cli("archive", folder, "--db", str(reference), "--quiet")
    assert done.returncode == 0, done.stderr
    assert assert_sound(reference, expected) == len(expected)
    wanted = snapshot(reference)
    rng = random.Random(KILL_SEED)
    kills = Kills()
    for number in range(kill_count):
        path = tmp_path / f"killed-{number}.db"
        command = archiver_command("archive", folder, "--db", str(path), "--quiet")
        kill_during(command, path, rng.randrange(len(expected)), rng)
        kills.tried += 1
        at_kill = stored_pages(path)
        kills.pages_at_kill.append(at_kill)
        kills.mid_run += 0 < at_kill < len(expected)
        if path.exists():
            assert assert_sound(path, expected) == at_kill
        rerun = run_cli("archive", folder, "--db", str(path), "--quiet")
        assert rerun.returncode == 0, rerun.stderr
        assert assert_sound(path, expected) == len(expected)
        assert snapshot(path) == wanted
        for leftover in tmp_path.glob(f"killed-{number}.db*"):
            leftover.unlink()
    figure(f"kill.folder[{kill_count}]", kills.summary(len(expected)))
    assert kills.mid_run >= kill_count // 2


def desktop(tid: int, number: int) -> str:
    return f"/bbs/forum.php?mod=viewthread&tid={tid}&page={number}"


@pytest.fixture
def server() -> Iterator[DiscuzServer]:
    with start_server({}) as running:
        yield running


@pytest.mark.parametrize(
    "kill_runs", [2, pytest.param(20, marks=pytest.mark.soak)], ids=["fast", "soak"]
)
def test_sigkill_while_archiving_a_url(
    tmp_path: Path, server: DiscuzServer, kill_runs: int
) -> None:
    tid, pages = 210, 15
    expected = {}
    for number in range(1, pages + 1):
        body = thread_page(tid=tid, page=number, pages=pages, posts_per_page=PPP, base=BASE)
        server.route(desktop(tid, number), slow(0.03, then=page(body)))
        expected[(tid, number)] = [p for p, _ in expected_posts(tid, number, pages, PPP)]
    url = server.url(f"/bbs/thread-{tid}-1-1.html")
    args = ("--delay", "0", "--quiet")
    reference = tmp_path / "reference.db"
    done = run_cli("archive", url, "--db", str(reference), *args)
    assert done.returncode == 0, done.stderr
    wanted = snapshot(reference)
    rng = random.Random(KILL_SEED + 1)
    kills = Kills()
    for number in range(kill_runs):
        path = tmp_path / f"killed-{number}.db"
        command = archiver_command("archive", url, "--db", str(path), *args)
        kill_during(command, path, rng.randrange(1, pages), rng)
        kills.tried += 1
        at_kill = stored_pages(path)
        kills.pages_at_kill.append(at_kill)
        kills.mid_run += 0 < at_kill < pages
        if path.exists():
            assert assert_sound(path, expected) == at_kill
        rerun = run_cli("archive", url, "--db", str(path), *args)
        assert rerun.returncode == 0, rerun.stderr
        assert assert_sound(path, expected) == pages
        assert snapshot(path) == wanted
    figure(f"kill.url[{kill_runs}]", kills.summary(pages))
    assert kills.mid_run >= 1


KILL_AT_STATEMENT = """
import os, signal, sys
import sqlite_utils.db
from archiver.store import open_db

target, seen = int(sys.argv[2]), 0
plain_init = sqlite_utils.db.Database.__init__


def init(self, *args, **kwargs):
    plain_init(self, *args, **kwargs)

    def trace(statement):
        global seen
        seen += 1
        if seen == target:
            os.kill(os.getpid(), signal.SIGKILL)

    self.conn.set_trace_callback(trace)


sqlite_utils.db.Database.__init__ = init
open_db(sys.argv[1])
"""


def statements_opening_a_new_database(tmp_path: Path) -> list[str]:
    """Every SQL statement open_db runs on a new file: pragmas and each migration's."""
    code = (
        "import sqlite_utils.db, sys\n"
        "from archiver.store import open_db\n"
        "plain = sqlite_utils.db.Database.__init__\n"
        "def init(self, *a, **k):\n"
        "    plain(self, *a, **k)\n"
        "    self.conn.set_trace_callback(lambda s: print(' '.join(s.split())))\n"
        "sqlite_utils.db.Database.__init__ = init\n"
        "open_db(sys.argv[1])\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "traced.db")],
        cwd=ROOT, capture_output=True, text=True, check=True,
    )  # fmt: skip
    return done.stdout.splitlines()


@pytest.mark.parametrize(
    "spread", [4, pytest.param(0, marks=pytest.mark.soak)], ids=["fast", "soak"]
)
def test_a_kill_while_creating_the_database_is_recovered(tmp_path: Path, spread: int) -> None:
    """SIGKILL at the Nth SQL statement of a first open (spread points, or 0 for every one)."""
    statements = statements_opening_a_new_database(tmp_path)
    count = len(statements)
    points = (
        range(1, count + 1)
        if spread == 0
        else [count * k // (spread + 1) for k in range(1, spread + 1)]
    )
    for point in points:
        path = tmp_path / f"kill-at-{point}.db"
        killed = subprocess.run(
            [sys.executable, "-c", KILL_AT_STATEMENT, str(path), str(point)],
            cwd=ROOT, capture_output=True, text=True,
        )  # fmt: skip
        assert killed.returncode == -signal.SIGKILL, killed.stderr
        rerun = run_cli("archive", str(FIXTURES_SEED), "--db", str(path), "--quiet")
        assert rerun.returncode == 0, f"killed at {statements[point - 1]!r}: {rerun.stderr}"
        pending = run_cli("migrate", "--db", str(path), "--list").stdout
        assert "pending" not in pending
        conn = connect(path)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM posts").fetchone()[0] == 4
        conn.close()
    shown = ", ".join(f"#{p} {statements[p - 1][:40]!r}" for p in points) if spread else "all"
    figure(f"kill.migrations[{len(points)}]", f"{len(points)} of {count} statements ({shown})")


# --- concurrency ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "rounds", [2, pytest.param(20, marks=pytest.mark.soak)], ids=["fast", "soak"]
)
def test_two_archivers_at_once_equal_one_after_the_other(tmp_path: Path, rounds: int) -> None:
    """Into an existing archive; two processes creating a new one: the race test below."""
    threads = {301: 10, 302: 10, 303: 10}
    expected = page_folder(tmp_path / "pages", threads)
    first, second = tmp_path / "first", tmp_path / "second"
    first.mkdir()
    second.mkdir()
    for path in (tmp_path / "pages").iterdir():
        tid, number = int(path.name[:3]), int(path.name[5:7])
        if tid == 301 or (tid == 302 and number <= 6):  # 302's first pages: in both
            (first / path.name).write_bytes(path.read_bytes())
        if tid in (302, 303):
            (second / path.name).write_bytes(path.read_bytes())
    sequential = tmp_path / "sequential.db"
    for folder in (first, second):
        assert run_cli("archive", str(folder), "--db", str(sequential), "--quiet").returncode == 0
    wanted = snapshot(sequential, ignore=ORDER_DEPENDENT)
    for number in range(rounds):
        path = tmp_path / f"together-{number}.db"
        assert run_cli("migrate", "--db", str(path)).returncode == 0
        processes = [
            subprocess.Popen(
                archiver_command("archive", str(folder), "--db", str(path), "--quiet"),
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.PIPE,
                text=True,
            )
            for folder in (first, second)
        ]
        results = [(p.communicate(timeout=120)[1], p.returncode) for p in processes]
        for stderr, code in results:
            assert "database is locked" not in stderr
            assert "Traceback" not in stderr, stderr[-800:]
            assert code == 0, stderr
        assert assert_sound(path, expected) == len(expected)
        assert snapshot(path, ignore=ORDER_DEPENDENT) == wanted
    figure("concurrent", f"{rounds} pairs into one archive, each equal to a sequential run")


RACE_TO_CREATE = """
import multiprocessing, os, sys
from archiver.errors import StorageError
from archiver.store import open_db


def opener(path, barrier, results):
    barrier.wait()
    try:
        open_db(path).conn.close()
        results.put("")
    except StorageError as e:
        results.put(str(e))


if __name__ == "__main__":
    fork = multiprocessing.get_context("fork")
    folder, trials = sys.argv[1], int(sys.argv[2])
    for trial in range(trials):
        path = os.path.join(folder, f"race-{trial}.db")
        barrier, results = fork.Barrier(2), fork.Queue()
        both = [fork.Process(target=opener, args=(path, barrier, results)) for _ in range(2)]
        for process in both:
            process.start()
        for process in both:
            process.join()
        errors = [e for e in (results.get(), results.get()) if e]
        if errors:
            sys.exit(f"trial {trial + 1}: {errors[0]}")
    print(f"{trials} races, no error")
"""


@pytest.mark.skipif(sys.platform != "linux", reason="forks the two openers")
@pytest.mark.parametrize(
    "trials", [60, pytest.param(1000, marks=pytest.mark.soak)], ids=["fast", "soak"]
)
def test_two_processes_creating_one_archive_at_once(tmp_path: Path, trials: int) -> None:
    raced = subprocess.run(
        [sys.executable, "-c", RACE_TO_CREATE, str(tmp_path), str(trials)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert raced.returncode == 0, raced.stderr[-500:]
    figure(f"concurrent.create[{trials}]", raced.stdout.strip())


def test_a_commit_between_read_and_write_does_not_fail_the_other_writer(tmp_path: Path) -> None:
    """B9: a deferred BEGIN that read first failed at once (SQLITE_BUSY_SNAPSHOT) when another
    connection committed before its first write; fixed with BEGIN IMMEDIATE in 659ab8e."""
    path = tmp_path / "two.db"
    open_db(path)
    mine = Page("a.html", thread_page(tid=401, page=1, pages=1, posts_per_page=3), SAVED)
    theirs = Page("b.html", thread_page(tid=402, page=1, pages=1, posts_per_page=3), SAVED)
    errors: list[BaseException] = []

    def other_writer() -> None:
        try:
            archive_page(open_db(path), theirs)
        except BaseException as e:  # reported below
            errors.append(e)

    writer = threading.Thread(target=other_writer)
    db = open_db(path)
    execute = db.execute

    def execute_then_let_the_other_commit(*args: object, **kwargs: object) -> sqlite3.Cursor:
        cursor = execute(*args, **kwargs)  # type: ignore[arg-type]
        if db.conn.in_transaction and not writer.is_alive() and not writer.ident:
            writer.start()
            writer.join(timeout=2)  # with a write lock held (BEGIN IMMEDIATE) it waits for us
        return cursor

    db.execute = execute_then_let_the_other_commit  # type: ignore[method-assign]
    try:
        archive_page(db, mine)
    finally:
        writer.join(timeout=60)
    assert errors == []
    conn = connect(path)
    assert sorted(r[0] for r in conn.execute("SELECT tid FROM threads")) == [401, 402]


# --- history ----------------------------------------------------------------------------


def at(hours: int) -> dt.datetime:
    return T0 + dt.timedelta(hours=hours)


def stamp(hours: int) -> str:
    return at(hours).isoformat(timespec="seconds")


def archive_version(db_path: Path, content: bytes, hours: int) -> None:
    archive_page(open_db(db_path), Page("thread.html", content, SAVED), archived_at=at(hours))


def edit_line(content: bytes, pid: int, old: str, new: str) -> bytes:
    """Replace a line of one post's message (the first occurrence after its message cell)."""
    start = content.index(f'id="postmessage_{pid}"'.encode())
    where = content.index(old.encode(), start)
    return content[:where] + new.encode() + content[where + len(old.encode()) :]


def test_an_edited_post_keeps_both_versions(tmp_path: Path) -> None:
    path = tmp_path / "history.db"
    posts = page_posts(tid=501, page=1, pages=1, posts_per_page=5)
    original = thread_page(tid=501, page=1, pages=1, posts_per_page=5)
    target = posts[2]
    edited = edit_line(original, target.pid, target.lines[0], "编辑后的新内容，原来的说法不对。")
    archive_version(path, original, 1)
    archive_version(path, edited, 2)
    db = open_db(path)
    now = db.execute("SELECT body_text FROM posts WHERE pid = ?", [target.pid]).fetchone()[0]
    assert now.startswith("编辑后的新内容")
    revisions = db.execute(
        "SELECT pid, revision, body_text, replaced_at FROM post_revisions"
    ).fetchall()
    assert revisions == [(target.pid, 1, target.text, stamp(2))]


def test_a_users_panel_is_kept_per_snapshot(tmp_path: Path) -> None:
    path = tmp_path / "users.db"
    posts = page_posts(tid=502, page=1, pages=1, posts_per_page=5)
    author = posts[1].author
    content = thread_page(tid=502, page=1, pages=1, posts_per_page=5)
    richer = author.credits + 1234
    grown = content
    for block in re.finditer(rb'<div id="favatar(\d+)".*?<ul class="xl', content, re.S):
        if f"uid={author.uid}&".encode() in block.group(0):
            panel = re.sub(rb"(?<!\d)%d(?!\d)" % author.credits, b"%d" % richer, block.group(0))
            grown = grown.replace(block.group(0), panel)
    mine = [p for p in parse_page(grown.decode()).posts if p.uid == author.uid]
    shown = {p.profile.credits if p.profile else None for p in mine}
    assert mine and shown == {richer}  # the edit did what it should
    archive_version(path, content, 1)
    archive_version(path, grown, 2)
    db = open_db(path)
    snapshots = db.execute(
        "SELECT p.archived_at, s.credits FROM user_snapshots s JOIN pages p ON p.id = s.page_id "
        "WHERE s.uid = ? ORDER BY p.archived_at",
        [author.uid],
    ).fetchall()
    assert snapshots == [(stamp(1), author.credits), (stamp(2), richer)]
    latest = db.execute("SELECT credits FROM users WHERE uid = ?", [author.uid]).fetchone()
    assert latest == (richer,)
    others = db.execute(
        "SELECT count(DISTINCT credits) = 1 FROM user_snapshots WHERE uid != ? GROUP BY uid",
        [author.uid],
    ).fetchall()
    assert others and all(same for (same,) in others)


VERSIONED = (
    "body_html", "body_text", "state", "edited_by", "edited_at", "client_tag", "client_suffix",
)  # fmt: skip


def versions_of_a_thread(count: int) -> list[bytes]:
    """A thread that grows and whose posts get edited, edits kept in later versions."""
    rng = random.Random(KILL_SEED)
    edits: dict[int, tuple[str, str]] = {}
    versions = []
    for number in range(count):
        size = 4 + number // 2
        specs = page_posts(tid=503, page=1, pages=1, posts_per_page=size, body_chars=120)
        for spec in rng.sample(specs, k=min(len(specs), rng.randint(0, 2))):
            edits[spec.pid] = (spec.lines[0], f"第{number}版改写：{rng.randint(0, 10**6)}。")
        content = thread_page(tid=503, page=1, pages=1, posts_per_page=size, body_chars=120)
        for pid, (old, new) in edits.items():
            if pid in {s.pid for s in specs}:
                content = edit_line(content, pid, old, new)
        versions.append(content)
    return versions


def rebuild(db_path: Path, moment: str) -> dict[int, tuple[object, ...]]:
    """Each post as it read at `moment`, from posts and post_revisions only."""
    conn = connect(db_path)
    columns = ", ".join(VERSIONED)
    posts = {
        r[0]: (r[1], r[2:])
        for r in conn.execute(f"SELECT pid, first_seen_at, {columns} FROM posts")
    }
    revisions: dict[int, list[tuple[str, tuple[object, ...]]]] = {}
    for row in conn.execute(
        f"SELECT pid, replaced_at, {columns} FROM post_revisions ORDER BY pid, revision"
    ):
        revisions.setdefault(row[0], []).append((row[1], row[2:]))
    result = {}
    for pid, (first_seen, current) in posts.items():
        if first_seen > moment:
            continue
        later = [values for replaced, values in revisions.get(pid, []) if replaced > moment]
        result[pid] = later[0] if later else current
    return result


def test_ten_versions_of_a_thread_can_be_rebuilt(tmp_path: Path) -> None:
    path = tmp_path / "versions.db"
    versions = versions_of_a_thread(10)
    for number, content in enumerate(versions):
        archive_version(path, content, number + 1)
    changes = 0
    previous: dict[int, tuple[object, ...]] = {}
    for number, content in enumerate(versions):
        shown = {
            p.pid: tuple(getattr(p, c) for c in VERSIONED)
            for p in parse_page(content.decode(), now=SAVED).posts
        }
        assert rebuild(path, stamp(number + 1)) == shown, f"version {number + 1}"
        changes += sum(1 for pid, v in shown.items() if pid in previous and previous[pid] != v)
        previous = shown
    revisions = connect(path).execute("SELECT count(*) FROM post_revisions").fetchone()[0]
    assert revisions == changes > 0
    figure("history.versions", f"10 versions, {len(previous)} posts, {revisions} revisions")


def test_a_post_missing_from_a_resaved_page_is_not_called_gone(tmp_path: Path) -> None:
    """B13 then issue 17: a saved page shows a part only; its missing post keeps last_seen_at.

    Only a complete fetch of the thread (tests/test_archive_url.py) marks a post gone.
    """
    path = tmp_path / "gone.db"
    content = thread_page(tid=504, page=1, pages=1, posts_per_page=5)
    gone = page_posts(tid=504, page=1, pages=1, posts_per_page=5)[2].pid
    start = content.index(f'<div id="post_{gone}"'.encode())
    end = content.index(b'<div id="post_', start + 1)
    archive_version(path, content, 1)
    archive_version(path, content[:start] + content[end:], 2)
    rows = connect(path).execute("SELECT pid, last_seen_at, gone_at, state FROM posts").fetchall()
    assert {pid: (seen, gone_at, state) for pid, seen, gone_at, state in rows} == {
        pid: (stamp(1) if pid == gone else stamp(2), None, "normal")
        for pid, _ in expected_posts(504, 1, 1, 5)
    }
