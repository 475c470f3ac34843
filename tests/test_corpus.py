"""Pages rendered by stock Discuz! installs archive to exactly the rows behind them."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from archiver.archive.files import archive_files
from archiver.decode import decode
from archiver.errors import LoginRequired, NotAThreadPage, ThreadNotFound
from archiver.model import CaptureTally
from archiver.parse import parse_page
from archiver.store import open_db

from .support import corpus_dir, corpus_sets

SETS = corpus_sets()


def groundtruth(folder: Path) -> dict:
    return json.loads((folder / "groundtruth.json").read_text(encoding="utf-8"))


def local_time(timestamp: int, offset_hours: str) -> str:
    tz = dt.timezone(dt.timedelta(hours=float(offset_hours)))
    return dt.datetime.fromtimestamp(timestamp, tz).isoformat(timespec="seconds")


@pytest.fixture(params=SETS)
def archived(request, tmp_path):
    folder = corpus_dir(request.param)
    db = open_db(tmp_path / "archive.db")
    outcomes = archive_files(db, [str(folder / "thread2_page1.html")])
    assert [o.error for o in outcomes] == [None]
    return folder, groundtruth(folder), db


def test_posts_match_groundtruth(archived):
    folder, truth, db = archived
    settings = truth["settings"]
    names = settings["postnocustom"]
    site = json.loads(json.dumps(db.execute("select distinct site from posts").fetchall()))
    expected = [
        {
            "site": site[0][0],
            "pid": p["pid"],
            "tid": p["tid"],
            "floor": p["position"],
            "floor_label": names[p["position"] - 1],
            "author": p["author"],
            "uid": p["authorid"],
            "author_kind": "member",
            "is_thread_author": p["first"],
            "posted_at": local_time(p["dateline"], settings["timeoffset"]),
            "body_text": p["message"],
            "state": "normal",
            "client_tag": None,
        }
        for p in truth["posts"]
        if p["tid"] == 2
    ]
    columns = ", ".join(expected[0])
    rows = list(db.query(f"select {columns} from posts order by floor"))
    assert rows == expected
    assert site[0][0].startswith("127.0.0.1:")


def test_authors_match_groundtruth(archived):
    folder, truth, db = archived
    post_authors = {p["authorid"] for p in truth["posts"] if p["tid"] == 2}
    expected = [
        {
            "uid": u["uid"],
            "name": u["username"],
            "group_title": u["group_title"],
            "gid": u["groupid"],
            "rank": u["stars"],
            "thread_count": u["threads"],
            "post_count": u["posts"],
            "credits": u["credits"],
        }
        for u in truth["users"]
        if u["uid"] in post_authors
    ]
    rows = list(db.query(f"select {', '.join(expected[0])} from users order by uid"))
    assert rows == expected
    # the second number cell is 回帖 (posts minus threads) on the 2023 builds
    cells = {r["uid"]: json.loads(r["stats"]) for r in db.query("select uid, stats from users")}
    for user in truth["users"]:
        if user["uid"] in cells:
            shown = cells[user["uid"]]
            second = shown.get("帖子") or shown.get("回帖")
            expect = user["posts"] if "帖子" in shown else user["posts"] - user["threads"]
            assert int(second) == expect


def test_thread_matches_groundtruth(archived):
    folder, truth, db = archived
    thread = next(t for t in truth["threads"] if t["tid"] == 2)
    row = db.execute(
        "select tid, fid, subject, forum, replies, page_count, thread_author, thread_author_uid, "
        "views from threads"
    ).fetchone()
    assert row[:8] == (2, 2, thread["subject"], thread["forum_name"], thread["replies"], 1,
                       thread["author"], thread["authorid"])  # fmt: skip
    assert 0 < row[8] <= thread["views"]  # groundtruth was exported after the page was fetched


@pytest.mark.parametrize("set_name", SETS)
@pytest.mark.parametrize(
    "name, error",
    [
        ("missing_thread_tid9999.html", ThreadNotFound),
        ("missing_thread_tid9999_touch.html", ThreadNotFound),
        ("loginrequired_thread3.html", LoginRequired),
    ],
)
def test_message_pages_give_clear_errors(set_name, name, error, tmp_path):
    folder = corpus_dir(set_name)
    db = open_db(tmp_path / "archive.db")
    archive_files(db, [str(folder / "thread2_page1.html")])
    before = {t: db.table(t).count for t in ("pages", "threads", "posts", "users")}
    [outcome] = archive_files(db, [str(folder / name)])
    assert type(outcome.error) is error
    message = str(outcome.error)
    assert message.startswith(str(folder / name) + ": ")
    assert "\n" not in message
    assert {t: db.table(t).count for t in before} == before


@pytest.mark.parametrize("set_name", SETS)
def test_a_board_list_named_is_kept_as_one_not_a_thread(set_name, tmp_path):
    """`parse_page` says it is not a thread page; `archive` keeps its rows in board_threads."""
    folder = corpus_dir(set_name)
    page = folder / "forumdisplay_fid2.html"
    with pytest.raises(NotAThreadPage):
        parse_page(decode(page.read_bytes()).text, str(page))
    db = open_db(tmp_path / "archive.db")
    archive_files(db, [str(folder / "thread2_page1.html")])
    before = {t: db.table(t).count for t in ("pages", "threads", "posts", "users")}
    tally = CaptureTally()
    assert archive_files(db, [str(page)], tally=tally) == []
    assert (tally.boards, tally.passed_over) == (1, 0)
    assert {t: db.table(t).count for t in before} == before
    listed = [row["tid"] for row in db.query("select tid from board_threads order by tid")]
    assert listed == [1, 2]  # the install's own first thread, and thread 2
    assert {t["tid"] for t in groundtruth(folder)["threads"] if t["fid"] == 2} <= set(listed)
