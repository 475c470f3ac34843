"""A URL archive in a real terminal (a pty, its screen rendered by pyte): a warning printed
while the progress display is live lands whole on its own line, and the run ends with one
finished progress line.
"""

from __future__ import annotations

import copy
import fcntl
import os
import pty
import select
import shutil
import struct
import subprocess
import sys
import termios

import pyte
import pytest

from .discuz_server import page, start_server
from .pagegen import thread_page
from .support import FIXTURES

SEED = FIXTURES / "seed-thread.html"

BASE = "/bbs/"
COLUMNS, ROWS = 160, 40
pytestmark = pytest.mark.skipif(os.name != "posix", reason="needs a POSIX pty")


def run_in_pty(
    args: list[str], cwd: str, *, keys: bytes = b"", env: dict[str, str] | None = None
) -> tuple[int, pyte.Screen]:
    """Run a command on a fresh pty of COLUMNS x ROWS; the screen as a terminal shows it.

    `keys` are typed once the command has gone quiet for a moment (to leave a pager).
    """
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(COLUMNS),
           "LINES": str(ROWS), **(env or {})}  # fmt: skip
    env.pop("NO_COLOR", None)
    process = subprocess.Popen(
        args, stdin=slave, stdout=slave, stderr=slave, cwd=cwd, env=env, close_fds=True,
        start_new_session=True,
    )  # fmt: skip
    os.close(slave)
    screen = pyte.Screen(COLUMNS, ROWS)
    stream = pyte.ByteStream(screen)
    while True:
        ready, _, _ = select.select([master], [], [], 2 if keys else 60)
        if not ready and keys:
            shown = copy.deepcopy(screen)  # what the pager shows before it is left
            os.write(master, keys)
            keys = b""
            continue
        if not ready:
            process.kill()
            raise AssertionError("the command wrote nothing for 60 s")
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the other end closed
            break
        if not data:
            break
        stream.feed(data)
    os.close(master)
    return process.wait(timeout=30), shown if "shown" in locals() else screen


def test_a_warning_prints_whole_above_the_progress_display(tmp_path):
    tid, pages = 50, 3
    routes = {}
    for number in range(1, pages + 1):
        body = thread_page(tid=tid, page=number, pages=pages, posts_per_page=5,
                           base="http://bbs.test.example/bbs/")  # fmt: skip
        path = f"{BASE}forum.php?mod=viewthread&tid={tid}&page={number}"
        # page 2 fails once, then recovers
        routes[path] = [page("busy", status=503), page(body)] if number == 2 else page(body)
    with start_server(routes) as server:
        url = server.url(f"{BASE}forum.php?mod=viewthread&tid={tid}&page=1")
        code, screen = run_in_pty(
            [sys.executable, "-m", "archiver", "archive", url, "--db", "t.db", "--delay", "0",
             "--source", "desktop", "--retries", "2"],
            cwd=str(tmp_path),
        )  # fmt: skip
    lines = [line.rstrip() for line in screen.display]
    text = "\n".join(lines)
    assert code == 0, text
    page2 = server.url(f"{BASE}forum.php?mod=viewthread&tid={tid}&page=2")
    warnings = [line for line in lines if line.startswith("warning: ")]
    assert len(warnings) == 1, text
    [warning] = warnings
    # whole, on its own line: the full URL, the reason, the retry, no bar drawn into it
    assert warning.startswith(f"warning: {page2}: HTTP 503; retry 1 of 2 in "), text
    assert warning.endswith(" s") and "━" not in warning and "tid 50" not in warning, text
    bars = [line for line in lines if line.startswith("tid 50")]
    assert len(bars) == 1, text  # no old copies of the bar left on the screen
    assert "3/3 pages" in bars[0], text
    assert lines.index(warning) < lines.index(bars[0]), text
    assert any(line.startswith("archived 3 page(s) of 1 thread(s)") for line in lines), text


def test_a_bulk_import_of_saved_pages_shows_progress(tmp_path):
    code, screen = run_in_pty(
        [sys.executable, "-m", "archiver", "archive", str(FIXTURES / "features"),
         str(FIXTURES / "seed-thread.html"), "--db", "t.db", "--jobs", "1"],
        cwd=str(tmp_path),
    )  # fmt: skip
    lines = [line.rstrip() for line in screen.display if line.strip()]
    assert code == 0, lines
    [bar] = [line for line in lines if line.startswith("files ")]
    assert "4/4 files, 19 new posts" in bar, lines


@pytest.mark.skipif(shutil.which("less") is None, reason="no less here to page through")
def test_show_pages_through_less_with_its_colours(tmp_path):
    db = str(tmp_path / "a.db")
    code, _ = run_in_pty([sys.executable, "-m", "archiver", "archive", str(SEED), "--db", db,
                          "-q"], cwd=str(tmp_path))  # fmt: skip
    assert code == 0
    code, screen = run_in_pty(
        [sys.executable, "-m", "archiver", "show", "3068512", "--db", db], cwd=str(tmp_path),
        keys=b"q", env={"PAGER": "", "LESS": "", "MANPAGER": ""},
    )  # fmt: skip
    assert code == 0
    lines = [line.rstrip() for line in screen.display]
    text = "\n".join(lines)
    assert "楼主 · 泰州日报" in text and "2024-10-24 18:32" in text, text
    assert "ESC" not in text and "[1m" not in text and "[0m" not in text, text  # no raw codes
    cells = [cell for row in screen.buffer.values() for cell in row.values()]
    assert any(cell.bold for cell in cells) and any(cell.fg == "cyan" for cell in cells), text
    assert lines[-1].startswith(":") or "(END)" in lines[-1], text  # less was paging
