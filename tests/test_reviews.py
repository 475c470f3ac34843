"""A reply's 支持 / 反对 votes (repliesrank on): read under each reply, kept, shown.

The counts are taken here straight from the spans' text with a regular expression, apart from
the parser's way (the page's id index), so the two can disagree.
"""

from __future__ import annotations

import datetime as dt
import re

from typer.testing import CliRunner

from archiver.archive.files import archive_page
from archiver.cli import app
from archiver.decode import decode
from archiver.fetch import Page
from archiver.parse import parse_page
from archiver.store import open_db

from .support import FIXTURES

BASE = "http://bbs.feature.example/forum/"
API_URL = f"{BASE}api/mobile/index.php?version=4&module=viewthread&tid=777&page=1"
NOW = dt.datetime.fromisoformat("2025-03-15T14:20:37+08:00")
SPAN = re.compile(r'<span id="review_(support|against)_(\d+)">(\d*)</span>')


def spans(html: str) -> dict[int, dict[str, int]]:
    found: dict[int, dict[str, int]] = {}
    for side, pid, count in SPAN.findall(html):
        found.setdefault(int(pid), {})[side] = int(count or 0)
    return found


def test_desktop_reads_every_replys_votes_and_none_for_the_first_post():
    for n in (1, 2, 3):
        html = (FIXTURES / "features" / f"thread-p{n}.html").read_text(encoding="utf-8")
        want = spans(html)
        page = parse_page(html, BASE, now=NOW)
        got = {p.pid: {"support": p.support, "against": p.against} for p in page.posts}
        assert {pid: got[pid] for pid in want} == want
        if n == 1:  # page 1 has replies voted up: the counts are read, not all 0
            assert any(v["support"] > 0 for v in want.values())
        for post in page.posts:
            if post.pid not in want:  # the first post, a deleted floor: no votes shown
                assert (post.support, post.against) == (None, None), post.pid


def test_a_touch_theme_shows_them_too():
    path = FIXTURES / "zoo" / "x34-gbk" / "mobanbus_h5v1" / "touch-p1.html"
    text = decode(path.read_bytes()).text
    want = spans(text)
    got = {p.pid: p.support for p in parse_page(text, None, now=NOW).posts if p.pid in want}
    assert want and got == {pid: sides["support"] for pid, sides in want.items()}


def test_the_api_does_not_send_them_and_leaves_the_desktops(tmp_path):
    path = tmp_path / "archive.db"
    db = open_db(path)
    desktop = FIXTURES / "features" / "thread-p1.html"
    api = FIXTURES / "api" / "feature-thread-p1.json"
    archive_page(db, Page(source="d", url=BASE, content=desktop.read_bytes(), fetched_at=NOW))
    archive_page(db, Page(source="a", url=API_URL, content=api.read_bytes(), fetched_at=NOW))
    want = spans(desktop.read_text(encoding="utf-8"))
    got = db.execute("select pid, support, against, unknown_fields from posts").fetchall()
    votes = {pid: {"support": s, "against": a} for pid, s, a, _ in got if pid in want}
    assert votes == want
    assert all(unknown == "[]" for pid, _, _, unknown in got if pid in want)
    db.close()
    shown = CliRunner().invoke(app, ["show", "--db", str(path), "777"], env={"COLUMNS": "200"})
    assert "支持 25" in shown.stdout
