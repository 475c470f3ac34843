"""A thread's own state on pages real X3.4 UTF-8, X3.5 and X3.4 GBK forums rendered
(fixtures/states/, a blind helper's lab pages), against the forum's forum_thread rows: closed,
digest, displayorder (sticky), stamp, price and readperm, each where a rendering shows it.
"""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from typing import Any

import pytest

from archiver.archive.files import archive_page
from archiver.decode import decode
from archiver.errors import (
    ArchiverError,
    DiscuzMessage,
    LoginRequired,
    NoPermission,
    NotAThreadPage,
    ThreadNotFound,
)
from archiver.fetch import Page
from archiver.store import open_db

from .support import FIXTURES, parsed_at, rows_of, saved_page

STATES = FIXTURES / "states"
VERSIONS = {"x34": STATES, "x35": STATES / "x35", "x34-gbk": STATES / "x34-gbk"}
SHOWN = (  # the threads a guest is shown (readperm: a message; the stub: a redirect)
    "01-closed", "02-digest1", "03-digest3", "04-sticky1", "05-sticky3", "06-stamp-icon",
    "07-highlight", "08-recommended-hot", "09-moved", "11-paid", "12-plain", "13-bumped",
)  # fmt: skip
RENDERINGS = ("desktop-p1.html", "touch-p1.html", "api-v4-viewthread-p1.json")
SAVED = dt.datetime(2026, 12, 6, 20, 20, tzinfo=dt.timezone.utc)


def truth(version: str) -> dict[str, Any]:
    return rows_of(VERSIONS[version] / "groundtruth.json")


def page_of(path: Path) -> Page:
    return saved_page(path, SAVED)


def parsed(path: Path):
    return parsed_at(path, SAVED)


def touch_file(version: str, folder: str) -> str | None:
    """X3.4 shows a guest a paid thread's touch page only when told forcemobile=1 (saved for
    UTF-8 only): else 无手机页面, a message."""
    forced = VERSIONS[version] / folder / "touch-p1-forcemobile.html"
    if forced.exists():
        return forced.name
    return None if folder == "11-paid" and version.startswith("x34") else "touch-p1.html"


def row_of(version: str, folder: str) -> dict[str, Any]:
    url = (VERSIONS[version] / folder / "desktop-p1.html.url.txt").read_text(encoding="utf-8")
    tid = int(url.split("tid=")[1].split("&")[0])
    return next(t for t in truth(version)["threads"] if t["tid"] == tid)


def stamp_title(version: str, row: dict[str, Any]) -> str | None:
    stamps = [s for s in truth(version)["stamps"] if s["type"] == "stamp"]
    return next((s["code"] for s in stamps if s["displayorder"] == row["stamp"]), None)


def expected(version: str, folder: str, rendering: str) -> tuple:
    """(closed, digest, sticky, stamp, price, readperm) as this rendering shows them."""
    row = row_of(version, folder)
    price = row["price"] if row["special"] == 0 else None
    if rendering == "desktop":
        return row["closed"] == 1, None, None, stamp_title(version, row), price or None, None
    if rendering == "touch":
        return None, None, None, None, price or None, None
    sticky = max(row["displayorder"], 0)
    return row["closed"] == 1, row["digest"], sticky, None, price, row["readperm"]


CASES = [(v, f, r) for v in VERSIONS for f in SHOWN for r in ("desktop", "touch", "api")]


@pytest.mark.parametrize(("version", "folder", "rendering"), CASES)
def test_each_rendering_shows_its_part_of_the_state(version, folder, rendering):
    name = {"desktop": "desktop-p1.html", "api": "api-v4-viewthread-p1.json"}
    file = name.get(rendering) or touch_file(version, folder)
    if version.startswith("x34") and folder == "11-paid" and rendering == "touch":
        with pytest.raises(DiscuzMessage):  # 无手机页面: the guest is sent to the desktop
            parsed(VERSIONS[version] / folder / "touch-p1.html")
    if file is None:
        return
    t = parsed(VERSIONS[version] / folder / file).thread
    got = (t.closed, t.digest, t.sticky, t.stamp, t.price, t.readperm)
    assert got == expected(version, folder, rendering)


@pytest.mark.parametrize("version", VERSIONS)
def test_a_paid_threads_first_post_is_paid_and_its_replies_as_written(version):
    """Touch pages print `付费主题, 价格: 5 金钱 记录` before each reply: not the reply's text."""
    files = {"desktop": "desktop-p1.html", "api": "api-v4-viewthread-p1.json"}
    touch = touch_file(version, "11-paid")
    files |= {"touch": touch} if touch is not None else {}
    posts = {r: parsed(VERSIONS[version] / "11-paid" / f).posts for r, f in files.items()}
    messages = {p["pid"]: p["message"] for p in truth(version)["posts"]}
    for rendering, read in posts.items():
        assert read[0].state == "paid", rendering
        for post in read[1:]:
            assert (post.state, post.body_text) == ("normal", messages[post.pid]), rendering


@pytest.mark.parametrize("version", VERSIONS)
def test_what_a_guest_is_not_shown_is_an_error_that_names_it(version):
    """阅读权限: the desktop's message page asks a guest to log in, the API says no permission,
    touch redirects (an empty answer); a moved thread's stub redirects too, but on X3.4 GBK,
    which answers 没有找到帖子."""
    stub = ThreadNotFound if version == "x34-gbk" else NotAThreadPage
    expected = {
        ("10-readperm", "desktop-p1.html"): LoginRequired,
        ("10-readperm", "touch-p1.html"): NotAThreadPage,
        ("10-readperm", "api-v4-viewthread-p1.json"): NoPermission,
        **{("09-moved-stub", file): stub for file in RENDERINGS},
    }
    for (folder, file), error in expected.items():
        with pytest.raises(ArchiverError) as raised:
            parsed(VERSIONS[version] / folder / file)
        said = str(raised.value)
        assert type(raised.value) is error, (folder, file, said)
        assert said.startswith("http://") and "\n" not in said, said


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("order", list(itertools.permutations(("desktop", "touch", "api"))))
def test_every_order_of_the_renderings_gives_the_forums_state(tmp_path, version, order):
    db = open_db(tmp_path / "a.db")
    for rendering in order:
        for folder in SHOWN:
            file = {"desktop": "desktop-p1.html", "api": "api-v4-viewthread-p1.json"}.get(
                rendering
            ) or touch_file(version, folder)
            if file is not None:
                archive_page(db, page_of(VERSIONS[version] / folder / file))
    got = db.execute(
        "select tid, closed, digest, sticky, stamp, price, readperm, unknown_fields from threads"
    ).fetchall()
    want = []
    for folder in SHOWN:
        row = row_of(version, folder)
        price = row["price"] if row["special"] == 0 else None
        state = (row["closed"], row["digest"], max(row["displayorder"], 0))
        want.append((row["tid"], *state, stamp_title(version, row), price, row["readperm"], "[]"))
    assert sorted(got) == sorted(want)


ACTIONS = {"CLS": "关闭", "DIG": "加入精华", "STK": "置顶", "HLT": "设置高亮", "MOV": "移动"}
ACTIONS |= {"BMP": "提升", "L16": "添加图标 版主推荐"}  # L + the icon's id: 添加图标 NAME


@pytest.mark.parametrize("version", VERSIONS)
def test_the_last_moderation_under_the_first_post_is_the_forums_last(tmp_path, version):
    """本主题由 NAME 于 TIME ACTION: forum_threadmod's newest row (X3.5 names 管理团队)."""
    db = open_db(tmp_path / "a.db")
    cst = dt.timezone(dt.timedelta(hours=8))
    for folder in SHOWN:
        row = row_of(version, folder)
        logged = [m for m in truth(version)["forum_threadmod"] if m["tid"] == row["tid"]]
        desktop = VERSIONS[version] / folder / "desktop-p1.html"
        note = parsed(desktop).moderation
        for file in (touch_file(version, folder), RENDERINGS[2]):  # they do not show it
            if file is not None:
                assert parsed(VERSIONS[version] / folder / file).moderation is None
        if not logged:
            assert note is None, folder
            continue
        last = max(logged, key=lambda m: m["dateline"])
        at = dt.datetime.fromtimestamp(last["dateline"], cst).isoformat()
        who = "管理团队" if version == "x35" else last["username"]
        assert note is not None, folder
        got = (note.moderator, note.action, note.moderated_at[:16], note.precision)
        assert got == (who, ACTIONS[last["action"]], at[:16], "minute"), folder
        archive_page(db, page_of(desktop))
        archive_page(db, page_of(desktop))  # seen again: the same moderation
    kept = db.execute("select tid, moderator, action from thread_moderations order by tid")
    want = []
    for folder in SHOWN:
        row = row_of(version, folder)
        logged = [m for m in truth(version)["forum_threadmod"] if m["tid"] == row["tid"]]
        if logged:
            last = max(logged, key=lambda m: m["dateline"])
            who = "管理团队" if version == "x35" else last["username"]
            want.append((row["tid"], who, ACTIONS[last["action"]]))
    assert kept.fetchall() == sorted(want)


def test_a_boards_list_shows_what_the_forum_set(tmp_path):
    """精华 and 置顶 levels by their icons (X3.4's digest_N.gif and pin_N.gif, X3.5's 精华N box
    and tpinN), 售价 and 阅读权限 in brackets, a moved thread's stub linking its new tid, as
    forum_thread holds them, on all three installs."""
    from archiver.parse.board import parse_board
    from archiver.store.save import save_board_page

    for version in VERSIONS:
        rows = {t["tid"]: t for t in truth(version)["threads"]}
        fid = row_of(version, "01-closed")["fid"]
        page = page_of(VERSIONS[version] / "forumdisplay" / f"desktop-fid{fid}.html")
        db = open_db(tmp_path / f"{version}.db")
        board = parse_board(decode(page.content).text, page.url)
        save_board_page(db, board, page.url or "", SAVED.isoformat())
        listed = db.execute(
            "select tid, digest, sticky, sticky_level, price, readperm, moved_to "
            "from board_threads where fid = ?",
            [fid],
        ).fetchall()
        assert len(listed) == len([t for t in rows.values() if t["fid"] == fid])
        for tid, digest, sticky, level, price, readperm, moved in listed:
            row = rows[tid]
            assert digest == (row["digest"] or None), tid
            assert (sticky, level) == (int(row["displayorder"] > 0), row["displayorder"] or None)
            assert (price, readperm) == (row["price"] or None, row["readperm"] or None), tid
            assert moved == (row["closed"] if row["closed"] > 1 else None), tid
