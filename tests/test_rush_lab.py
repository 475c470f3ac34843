"""抢楼 (rush-reply) threads on pages real X3.4 UTF-8, X3.5 and X3.4 GBK forums rendered
(fixtures/rush/, x35/, x34-gbk/), against
the forum's forum_threadrush and forum_post rows: the terms on every desktop and API page, the
抢中本楼 mark on each rewarded floor, nothing on touch pages, and no false revision whichever
order the renderings are archived in (the 查看抢中楼层 view among them)."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from archiver.archive.files import archive_page
from archiver.fetch import Page
from archiver.model import RushTerms
from archiver.store import open_db

from .support import FIXTURES, parsed_at, rows_of, saved_page

RUSH = FIXTURES / "rush"
VERSIONS = ("", "x35/", "x34-gbk/")  # folders under fixtures/rush: X3.4 UTF-8, X3.5, X3.4 GBK
THREADS = ("a-floors", "b-terms", "c-plain")
ALL = [version + name for version in VERSIONS for name in THREADS]
RENDERINGS = ("desktop", "touch", "api")
SAVED = dt.datetime(2026, 12, 6, 22, 33, tzinfo=dt.timezone.utc)
CST = dt.timezone(dt.timedelta(hours=8))  # the forum's timeoffset


def truth(folder: str, name: str = "groundtruth.json") -> dict[str, Any]:
    """The rows exported with the folder's pages (its version's groundtruth.json)."""
    return rows_of((RUSH / folder).parent / name)


def page_of(path: Path) -> Page:
    return saved_page(path, SAVED)


def parsed(path: Path):
    return parsed_at(path, SAVED)


def files(folder: str, rendering: str) -> list[Path]:
    pattern = {"desktop": "desktop-p*.html", "touch": "touch-p*.html"}
    return sorted((RUSH / folder).glob(pattern.get(rendering, "api-v4-viewthread-p*.json")))


def tid_of(folder: str) -> int:
    url = (RUSH / folder / "desktop-p1.html.url.txt").read_text(encoding="utf-8")
    return int(url.split("tid=")[1].split("&")[0])


def rush_row(folder: str) -> dict[str, Any] | None:
    rows = truth(folder)["forum_threadrush"]
    return next((r for r in rows if r["tid"] == tid_of(folder)), None)


def moment(stamp: int) -> str | None:
    return dt.datetime.fromtimestamp(stamp, CST).isoformat() if stamp else None


def limit_credit(folder: str) -> str:
    """What the credit limit counts: creditstransextra[11]'s credit, else the total (总积分,
    lang forum/misc credit_total: the GBK build's settings have no 11th)."""
    settings = truth(folder)["settings"]
    credit = settings["creditstransextra"].get("11")
    return settings["extcredits_titles"][credit] if credit else "总积分"


def terms(folder: str, rendering: str) -> RushTerms | None:
    """forum_threadrush's row as the rendering shows it (desktop: no times, no reply limit)."""
    row = rush_row(folder)
    if row is None or rendering == "touch":
        return None
    limit = None if row["creditlimit"] == -996 else row["creditlimit"]
    title = limit_credit(folder)
    whole = RushTerms(
        stop_floor=row["stopfloor"],
        reward_floors=row["rewardfloor"],
        credit_limit=limit,
        credit=title if limit is not None else None,
        reply_limit=row["replylimit"],
        starts_at=moment(row["starttimefrom"]),
        ends_at=moment(row["starttimeto"]),
    )
    if rendering == "desktop":
        return RushTerms(whole.stop_floor, whole.reward_floors, whole.credit_limit, whole.credit)
    return whole


def won(folder: str) -> dict[int, bool | None]:
    """Each post's mark by pid: its position among the floors the terms reward (the forum keeps
    no mark: the page matches positions as it renders); None for a thread without 抢楼."""
    row = rush_row(folder)
    posts = [p for p in truth(folder)["posts"] if p["tid"] == tid_of(folder)]
    hits = row["rewarded_positions"] if row is not None else []
    return {p["pid"]: (p["position"] in hits if row is not None else None) for p in posts}


@pytest.mark.parametrize(("folder", "rendering"), list(itertools.product(ALL, RENDERINGS)))
def test_every_page_shows_the_terms_and_marks_as_the_forum_has_them(folder, rendering):
    pages = files(folder, rendering)
    assert pages
    marks = won(folder)
    seen: list[int] = []
    for path in pages:
        page = parsed(path)
        assert page.rush == terms(folder, rendering), path.name
        for post in page.posts:
            want = None if rendering == "touch" else marks[post.pid]
            assert post.rush_floor is want, (path.name, post.pid)
            seen.append(post.pid)
    assert seen == list(marks)  # every post, in the forum's order


@pytest.mark.parametrize("version", VERSIONS)
def test_the_rewarded_floors_are_those_the_terms_name(version):
    """3,5,*4 up to the 截止楼层 15: floors 3, 4, 5 and 14 (`*4`: any floor ending in 4);
    2,4 on the other: 2 and 4. The 查看抢中楼层 view lists exactly those posts."""
    floors, limited = version + "a-floors", version + "b-terms"
    rows = {r["tid"]: r["rewarded_positions"] for r in truth(floors)["forum_threadrush"]}
    assert rows == {tid_of(floors): [3, 4, 5, 14], tid_of(limited): [2, 4]}
    for folder in (floors, limited):
        view = parsed(RUSH / folder / "desktop-checkrush-p1.html")
        assert [p.pid for p in view.posts] == [pid for pid, hit in won(folder).items() if hit]
        assert all(p.rush_floor for p in view.posts)
        assert view.thread.only_author  # a view: its floors and pager are its own
        assert all(p.floor is None for p in view.posts)


def test_a_rewarded_floor_is_no_debaters_side():
    """抢中本楼 is drawn in a debate reply's label.pdbts pdbts_1 (正方): not a side."""
    for folder in ALL:
        for path in files(folder, "desktop"):
            assert parsed(path).debate is None, path.name


@pytest.mark.parametrize("version", VERSIONS)
def test_the_thread_the_stop_floor_closed_reads_closed(version):
    """The 15th floor closed the thread (forum_thread.closed 1): desktop and the API say so."""
    floors, limited = version + "a-floors", version + "b-terms"
    closed = {t["tid"]: t["closed"] for t in truth(floors)["threads"]}
    assert closed[tid_of(floors)] == 1 and closed[tid_of(limited)] == 0
    for folder in (floors, limited):
        for rendering in ("desktop", "api"):
            assert parsed(files(folder, rendering)[0]).thread.closed == bool(closed[tid_of(folder)])


ORDERS = list(itertools.permutations((*RENDERINGS, "checkrush")))


@pytest.mark.parametrize("order", ORDERS, ids="-".join)
@pytest.mark.parametrize("version", VERSIONS)
def test_every_order_of_the_renderings_gives_the_forums_rows(tmp_path, version, order):
    db = open_db(tmp_path / "a.db")
    threads = [version + name for name in THREADS]
    for rendering in order:
        for folder in threads:
            if rendering == "checkrush":
                view = RUSH / folder / "desktop-checkrush-p1.html"
                pages = [view] if view.exists() else []
            else:
                pages = files(folder, rendering)
            for path in pages:
                archive_page(db, page_of(path))
    got = db.execute(
        "select tid, stop_floor, reward_floors, credit_limit, credit, reply_limit, starts_at, "
        "ends_at, rendering from thread_rush order by tid"
    ).fetchall()
    want = []
    for folder in threads:
        whole = terms(folder, "api")
        if whole is not None:
            last = "desktop" if order.index("api") < order.index("desktop") else "api"
            last = "desktop" if order.index("checkrush") > order.index(last) else last
            want.append((tid_of(folder), *whole.__dict__.values(), last))
    assert got == want
    assert db.execute("select count(*) from thread_rush_revisions").fetchone() == (0,)
    assert db.execute("select count(*) from post_revisions").fetchone() == (0,)
    assert db.execute("select count(*) from debates").fetchone() == (0,)  # not a 辩论帖
    posts = db.execute("select pid, floor, rush_floor from posts order by pid").fetchall()
    positions = {p["pid"]: p["position"] for p in truth(threads[0])["posts"]}
    marks = {pid: hit for folder in threads for pid, hit in won(folder).items()}
    want_posts = [
        (pid, positions[pid], None if marks[pid] is None else int(marks[pid])) for pid in marks
    ]
    assert posts == sorted(want_posts)
    rows = db.execute("select tid, page_count, unknown_fields from threads order by tid")
    pages = {folder: len(files(folder, "desktop")) for folder in threads}
    assert rows.fetchall() == [(tid_of(f), pages[f], "[]") for f in threads]


def test_show_and_the_exports_print_the_terms_and_the_marks(tmp_path):
    from typer.testing import CliRunner

    from archiver.cli import app

    path = tmp_path / "a.db"
    db = open_db(path)
    for rendering in ("desktop", "api"):
        for folder in ("a-floors", "b-terms"):
            for page in files(folder, rendering):
                archive_page(db, page_of(page))
    db.close()
    tid = str(tid_of("b-terms"))
    markdown = CliRunner().invoke(app, ["export", "--db", str(path), tid, "-f", "markdown"])
    assert (
        "> 本帖为抢楼帖\n> 抢楼时间: 2026-12-05T13:30:00+08:00 \\~ 2026-12-20T22:00:00+08:00 · "
        "奖励楼层: 2,4 · 金钱大于 100 可以抢楼 · 每人回帖次数 1\n" in markdown.stdout
    )
    assert markdown.stdout.count("抢中本楼") == 2
    shown = CliRunner().invoke(app, ["show", "--db", str(path), str(tid_of("a-floors"))])
    assert "截止楼层：15 · 奖励楼层: 3,5,*4" in shown.stdout
    assert shown.stdout.count("抢中本楼") == 4
    data = json.loads(
        CliRunner().invoke(app, ["export", "--db", str(path), tid, "-f", "json"]).stdout
    )
    assert (data["rush"]["credit_limit"], data["rush"]["reply_limit"]) == (100, 1)
    assert [p["rush_floor"] for p in data["posts"]] == [0, 1, 0, 1, 0]


def edited_terms(version: str) -> dict[str, Any]:
    """forum_threadrush's row of b-terms after its starter edited the terms (edit_rush.py)."""
    return truth(version + "b-terms", "groundtruth-after-edit.json")["forum_threadrush"][0]


@pytest.mark.parametrize("version", VERSIONS)
def test_the_edited_terms_read_as_the_forum_has_them(version):
    row, edited = edited_terms(version), RUSH / version / "b-terms-edited"
    limit = row["creditlimit"]
    assert (row["stopfloor"], row["rewardfloor"], row["replylimit"]) == (8, "2,4,6", 2)
    api = parsed(edited / "api-v4-viewthread-p1.json").rush
    desktop = parsed(edited / "desktop-p1.html").rush
    assert api is not None and desktop is not None
    assert (api.stop_floor, api.reward_floors, api.reply_limit) == (8, "2,4,6", 2)
    assert (api.credit_limit, api.starts_at) == (limit, moment(row["starttimefrom"]))
    assert desktop == RushTerms(8, "2,4,6", limit, limit_credit(version + "b-terms"))
    assert parsed(edited / "touch-p1.html").rush is None


@pytest.mark.parametrize("order", list(itertools.permutations(RENDERINGS)), ids="-".join)
@pytest.mark.parametrize("version", VERSIONS)
def test_an_edit_of_the_terms_keeps_the_old_ones_once(tmp_path, version, order):
    """Whichever rendering shows the edit first, one revision holds the terms before it: what
    desktop cannot show is unknown after desktop shows an edit, not the old value."""
    db = open_db(tmp_path / "a.db")
    later = SAVED + dt.timedelta(minutes=15)
    for folder, at in (("b-terms", SAVED), ("b-terms-edited", later)):
        for rendering in order:
            for path in files(version + folder, rendering):
                page = page_of(path)
                archive_page(db, replace(page, fetched_at=at))
    columns = "stop_floor, reward_floors, credit_limit, credit, reply_limit, starts_at, ends_at"
    now = db.execute(f"select {columns} from thread_rush").fetchall()
    kept = db.execute(f"select revision, {columns} from thread_rush_revisions").fetchall()
    before, after = terms(version + "b-terms", "api"), edited_terms(version)
    assert before is not None
    times = (moment(after["starttimefrom"]), moment(after["starttimeto"]))
    credit = limit_credit(version + "b-terms")
    assert now == [(8, "2,4,6", after["creditlimit"], credit, 2, *times)]
    assert kept == [(1, *before.__dict__.values())]


def test_check_names_the_rewarded_floors():
    from typer.testing import CliRunner

    from archiver.cli import app

    page = RUSH / "b-terms" / "desktop-p1.html"
    said = CliRunner().invoke(app, ["check", str(page)])
    assert said.exit_code == 0 and said.stdout.count("抢中本楼") == 2
