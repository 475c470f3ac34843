"""回帖奖励 on pages real X3.4 UTF-8, X3.5 and X3.4 GBK forums rendered while the pool was partly
spent (fixtures/rush/d-reply-credit/, x35/, x34-gbk/), against the forum's
forum_replycredit, forum_thread and forum_post rows: the thread's terms on desktop and the API,
each reply's credits, touch showing neither, and no false revision whichever order the
renderings are archived in."""

from __future__ import annotations

import datetime as dt
import itertools
from pathlib import Path
from typing import Any

import pytest

from archiver.archive.files import archive_page
from archiver.fetch import Page
from archiver.model import ReplyCredit, ReplyReward
from archiver.store import open_db

from .support import FIXTURES, parsed_at, rows_of, saved_page

RUSH = FIXTURES / "rush"
VERSIONS = {"x34": RUSH, "x35": RUSH / "x35", "x34-gbk": RUSH / "x34-gbk"}
FILES = {
    "desktop": "desktop-p1.html",
    "touch": "touch-p1.html",
    "api": "api-v4-viewthread-p1.json",
}
SAVED = dt.datetime(2026, 12, 6, 22, 33, tzinfo=dt.timezone.utc)


def truth(version: str) -> dict[str, Any]:
    return rows_of(VERSIONS[version] / "groundtruth.json")


def page_of(path: Path) -> Page:
    return saved_page(path, SAVED)


def folder(version: str) -> Path:
    return VERSIONS[version] / "d-reply-credit"


def parsed(version: str, rendering: str):
    return parsed_at(folder(version) / FILES[rendering], SAVED)


def tid(version: str) -> int:
    url = (folder(version) / "desktop-p1.html.url.txt").read_text(encoding="utf-8")
    return int(url.split("tid=")[1].split("&")[0])


def rows(version: str) -> tuple[dict[str, Any], dict[str, Any], list[dict[str, Any]], str]:
    """forum_thread's row, forum_replycredit's, the posts, and the credit's title."""
    data, number = truth(version), tid(version)
    thread = next(t for t in data["threads"] if t["tid"] == number)
    rule = next(r for r in data["forum_replycredit"] if r["tid"] == number)
    posts = [p for p in data["posts"] if p["tid"] == number]
    title = data["settings"]["extcredits_titles"][str(rule["extcreditstype"])]
    return thread, rule, posts, title


@pytest.mark.parametrize("version", VERSIONS)
def test_the_forums_rows_are_a_partly_spent_pool(version):
    """5 times 2 金钱 (the starter paid 12 with the 20% tax); two members took 2 each, the
    second reply of one of them and the starter's own reply nothing: 6 left."""
    thread, rule, posts, _ = rows(version)
    taken = [log for log in truth(version)["credit_log"] if log["operation"] == "RCA"]
    paid = [log for log in truth(version)["credit_log"] if log["operation"] == "RCT"]
    assert (rule["extcredits"], rule["times"], rule["membertimes"], rule["random"]) == (2, 5, 1, 0)
    assert thread["replycredit"] == rule["extcredits"] * rule["times"] - 2 * len(taken) == 6
    assert [log["extcredits2"] for log in paid] == [-12]
    assert [p["replycredit"] for p in posts] == [0, 2, 2, 0, 0]


@pytest.mark.parametrize("rendering", FILES)
@pytest.mark.parametrize("version", VERSIONS)
def test_each_rendering_reads_the_terms_and_each_replys_credits(version, rendering):
    thread, rule, posts, title = rows(version)
    page = parsed(version, rendering)
    want = ReplyReward(
        thread["replycredit"],
        title if rendering == "desktop" else None,  # the API names no credit
        rule["extcredits"],
        rule["membertimes"],
        rule["random"] or None,  # 0: no 中奖概率 shown
    )
    assert page.reply_reward == (None if rendering == "touch" else want)
    named = title if rendering == "desktop" else None
    credits = {
        p["pid"]: ReplyCredit(p["replycredit"], named)
        if p["replycredit"] and rendering != "touch"
        else None
        for p in posts
    }
    assert {post.pid: post.reply_credit for post in page.posts} == credits


@pytest.mark.parametrize("order", list(itertools.permutations(FILES)), ids="-".join)
@pytest.mark.parametrize("version", VERSIONS)
def test_every_order_of_the_renderings_stores_the_forums_rows(tmp_path, version, order):
    db = open_db(tmp_path / "a.db")
    for rendering in order:
        archive_page(db, page_of(folder(version) / FILES[rendering]))
    thread, rule, posts, title = rows(version)
    stored = db.execute(
        "select tid, pool, credit, per_reply, per_member, chance from reply_rewards"
    ).fetchall()
    want = (thread["tid"], thread["replycredit"], title, rule["extcredits"], rule["membertimes"])
    assert stored == [(*want, rule["random"] or None)]
    assert db.execute("select count(*) from reply_reward_revisions").fetchone() == (0,)
    assert db.execute("select count(*) from post_revisions").fetchone() == (0,)
    got = db.execute("select pid, reply_credit, reply_credit_name from posts order by pid")
    assert got.fetchall() == [
        (p["pid"], p["replycredit"] or None, title if p["replycredit"] else None) for p in posts
    ]


def test_show_prints_the_terms_and_the_credits(tmp_path):
    from typer.testing import CliRunner

    from archiver.cli import app

    path = tmp_path / "a.db"
    db = open_db(path)
    for rendering in FILES:
        archive_page(db, page_of(folder("x34") / FILES[rendering]))
    db.close()
    shown = CliRunner().invoke(app, ["show", "--db", str(path), str(tid("x34"))]).stdout
    assert "回帖奖励 6 金钱" in shown and "回复本帖可获得 2 · 每人限 1 次" in shown
    assert shown.count("回帖奖励 +2 金钱") == 2
