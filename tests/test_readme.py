"""Every discuz-archiver command the README shows runs, in README order, and succeeds.

Forum URLs (bbs.example.cn) are answered by a local server (tests/discuz_server.py); saved
pages are the fixtures; each command runs in-process with typer's CliRunner in a scratch folder.
The SQL examples run through `query` as well.
"""

from __future__ import annotations

import datetime as dt
import re
import shlex
import shutil

import pytest
from typer.testing import CliRunner

from archiver.cli.main import app

from .boardgen import Row, board_page
from .discuz_server import page, start_server
from .pagegen import thread_page
from .support import FIXTURES, ROOT
from .webarchives import Capture, mhtml, write_wacz, write_warc

README = (ROOT / "README.md").read_text(encoding="utf-8")
FORUM = "https://bbs.example.cn/"


def readme_commands() -> list[tuple[str, str]]:
    """(section, command line) of every discuz-archiver command in a sh block."""
    found = []
    for section, body in re.findall(r"^## (.+?)\n(.*?)(?=^## |\Z)", README, re.M | re.S):
        for block in re.findall(r"```sh\n(.*?)```", body, re.S):
            for line in block.splitlines():
                for part in line.split("&&"):
                    if part.strip().startswith("discuz-archiver "):
                        found.append((section, part.strip()))
    return found


def readme_sql() -> list[str]:
    statements = []
    for block in re.findall(r"```sql\n(.*?)```", README, re.S):
        text = "\n".join(line for line in block.splitlines() if not line.startswith("--"))
        statements += [s.strip() for s in text.split(";") if s.strip()]
    return statements


def serve_forum(server) -> None:
    base = server.url("/")
    for tid in (123456, 901, 902):
        body = thread_page(tid=tid, page=1, pages=1, posts_per_page=3, base=base, replies=2)
        server.route(f"/forum.php?mod=viewthread&tid={tid}&page=1", page(body))
    rows = [Row(901, "版块主题一", "作者甲", 11, 2, 50, "回帖人", "2025-3-15 10:00"),
            Row(902, "版块主题二", "作者乙", 12, 2, 40, "回帖人", "2025-3-14 09:00")]  # fmt: skip
    board = board_page(fid=36, name="测试版块", page=1, pages=1, rows=rows, base=base)
    server.route("/forum.php?mod=forumdisplay&fid=36&page=1", page(board))


def test_the_readme_shows_commands():
    commands = readme_commands()
    assert len(commands) >= 20
    assert {c.split()[1] for _, c in commands} >= {
        "archive", "query", "migrate", "auth", "refresh", "archive-board", "search", "show",
        "export", "datasette-metadata",
    }  # fmt: skip


def test_every_readme_command_runs(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    shutil.copytree(FIXTURES, tmp_path / "fixtures")  # the Quick start names fixtures/…
    saved = tmp_path / "saved"
    saved.mkdir()
    for n in (1, 2):
        shutil.copy(FIXTURES / "features" / f"thread-p{n}.html", saved / f"thread-p{n}.html")
    (tmp_path / "pages.txt").write_text("# saved pages\nfixtures/seed-thread.html\n")
    # the web archives the README names, made from the feature pages
    when = dt.datetime(2025, 1, 2, 13, 4, 5, tzinfo=dt.timezone.utc)
    url = "http://bbs.feature.example/forum/forum.php?mod=viewthread&tid=777&page={}"
    body = [(FIXTURES / "features" / f"thread-p{n}.html").read_bytes() for n in (1, 2, 3)]
    write_warc(tmp_path / "crawl.warc.gz", [Capture(url.format(1), body[0], when)])
    write_wacz(tmp_path / "capture.wacz", [Capture(url.format(2), body[1], when)])
    (tmp_path / "page.mhtml").write_bytes(mhtml(url.format(3), body[2], when))
    runner = CliRunner()
    with start_server({}) as server:
        serve_forum(server)
        local = server.url("/")
        (tmp_path / "cookies.txt").write_text(
            "127.0.0.1\tFALSE\t/\tFALSE\t0\tsession\tvalue\n", encoding="utf-8"
        )
        env = {"DISCUZ_ARCHIVER_AUTH": str(tmp_path / "auth.json")}
        for section, line in readme_commands():
            args = shlex.split(line.replace(FORUM, local), comments=True)[1:]
            if ">" in args:  # a shell redirect: keep the output ourselves
                args = args[: args.index(">")]
            web = "URL" in section or "board" in section
            # commands that fetch write their own archive: refresh must not reach real forums
            run_env = {**env, "DISCUZ_ARCHIVER_DB": "web.db"} if web else env
            result = runner.invoke(app, args, env=run_env, input="name=value\n")
            assert result.exit_code == 0, f"{section}: {line}\n{result.stderr}"
    for statement in readme_sql():
        result = runner.invoke(app, ["query", statement])
        assert result.exit_code == 0, f"{statement}\n{result.stderr}"


@pytest.mark.parametrize("number", [1, 2])
def test_quick_start_has_two_blocks(number):
    section = re.search(r"^## Quick start\s*$(.*?)(?=^## )", README, re.M | re.S).group(1)
    blocks = re.findall(r"```sh\n(.*?)```", section, re.S)
    assert len(blocks) == 2
    if number == 1:  # a virtual environment first: Debian's Python is externally managed
        assert blocks[0].startswith("python3 -m venv .venv && . .venv/bin/activate && ")
        assert "discuz-archiver archive fixtures/seed-thread.html" in blocks[0]
    else:
        assert blocks[1].strip() == 'python3 -m pip install ".[test]" && python3 -m pytest'
