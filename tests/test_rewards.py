"""Reward threads (悬赏帖): the reward read from every rendering, stored, re-archived, exported.

The fixtures' own values are checked in tests/test_parse.py (fixtures/expected/rewards/); these
tests change a fixture the way a later visit or a TC build would show it.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json

import pytest
from typer.testing import CliRunner

from archiver.archive.files import archive_page
from archiver.cli import app
from archiver.fetch import Page
from archiver.parse import parse_page
from archiver.store import open_db

from .support import FIXTURES

REWARDS = FIXTURES / "rewards"
SITE = "bbs.feature.example/forum"
API_URL = (
    "http://bbs.feature.example/forum/api/mobile/index.php?version=4&module=viewthread&tid=815"
)
CST = dt.timezone(dt.timedelta(hours=8))
SAVED = dt.datetime(2025, 3, 15, 14, 20, 37, tzinfo=CST)
FIRST = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)
LATER = dt.datetime(2026, 2, 3, 4, 5, 6, tzinfo=dt.timezone.utc)
runner = CliRunner()
BEST_TEXT = "SATA 口就选三星 870 EVO 500G，300 元以内，带缓存，老本子 ..."
# the same pages as a Traditional Chinese build prints them (its lang_template.php wording)
TRADITIONAL = {
    "desktop-solved.html": (("悬赏", "懸賞"), ("已解决", "已解決")),
    "desktop-open.html": (("悬赏", "懸賞"), ("未解决", "未解決")),
    "touch-solved.html": (("悬赏", "懸賞"), ("已解决", "已解決")),
}
SOLVED = {"amount": 50, "credit": "金钱", "solved": True, "best_pid": 2410202,
          "best_author": "硬盘小王", "best_uid": 2048, "best_text": BEST_TEXT}  # fmt: skip
OPEN = {"amount": 50, "credit": "金钱", "solved": False, "best_pid": None, "best_author": None,
        "best_uid": None, "best_text": None}  # fmt: skip


def text_of(name: str, changes: tuple[tuple[str, str], ...] = ()) -> str:
    text = (REWARDS / name).read_text("utf-8")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new)
    return text


def reward_of(text: str, url: str | None = None) -> dict | None:
    result = parse_page(text, url, now=SAVED)
    return None if result.reward is None else dataclasses.asdict(result.reward)


def api_text(thread_price: str | None = "-50", **reward: object) -> str:
    data = json.loads(text_of("api-solved.json"))
    if thread_price is None:
        del data["Variables"]["thread"]["price"]
    else:
        data["Variables"]["thread"]["price"] = thread_price
    data["Variables"]["special_reward"].update(reward)
    return json.dumps(data)


@pytest.mark.parametrize(("name", "want"), [("desktop-solved.html", SOLVED),
                                            ("desktop-open.html", OPEN),
                                            ("touch-solved.html", SOLVED)])  # fmt: skip
def test_a_traditional_chinese_build_reads_the_same(name, want):
    assert reward_of(text_of(name, TRADITIONAL[name])) == want


def test_the_words_alone_tell_the_state_where_the_class_is_gone():
    """A theme that drops rsld / rusld: 已解决 / 未解决 (either script) still say it."""
    solved = text_of("desktop-solved.html", (('"rsld z"', '"z"'), ("已解决", "已解決")))
    assert reward_of(solved) == SOLVED
    still_open = text_of("desktop-open.html", (('"rusld z"', '"z"'),))
    assert reward_of(still_open) == OPEN


def test_a_touch_reward_page_is_read_as_touch_and_its_message_stays_apart():
    """Its one `postmessage_PID` (after `div.reward`) is the touch first post's, not a desktop's."""
    result = parse_page(text_of("touch-solved.html"), None, now=SAVED)
    assert result.rendering == "touch"
    assert [post.body_text for post in result.posts][0] == (
        "2015 款笔记本，SATA 接口，预算 300 元，求推荐一块固态。"
    )


def test_an_open_touch_reward():
    """Open: the 我来回答 link before the line, 未解决, no best answer."""
    text = text_of("touch-solved.html")
    start, end = text.index('\t<div class="rwdbst">'), text.index('<div id="postmessage_2410201"')
    text = text[:start] + text[end:]
    text = text.replace(
        '<div class="reward cl">',
        '<div class="reward cl">\n\t<a href="forum.php?mod=post&action=reply&fid=9&tid=815" '
        'class="mhd pns">我来回答</a>',
    ).replace("<span>已解决</span>", "<span>未解决</span>")
    assert reward_of(text) == OPEN


def test_the_api_reward():
    assert reward_of(api_text(), API_URL) == SOLVED


def test_an_open_api_reward_has_no_best_answer():
    assert reward_of(api_text("50", bestpost=[]), API_URL) == OPEN


def test_an_api_thread_without_a_price_says_solved_only_by_its_best_answer():
    assert reward_of(api_text(None), API_URL) == SOLVED
    assert reward_of(api_text(None, bestpost=[]), API_URL) == {**OPEN, "solved": None}


def test_a_page_without_a_reward_has_none():
    assert reward_of((FIXTURES / "polls" / "desktop-hidden.html").read_text("utf-8")) is None


@pytest.fixture
def db(tmp_path):
    return open_db(tmp_path / "archive.db")


def rows(db, sql):
    return [dict(r) for r in db.query(sql)]


def archive(db, text: str, name: str, at: dt.datetime, url: str | None = None) -> None:
    archive_page(db, Page(source=name, content=text.encode("utf-8"), fetched_at=SAVED, url=url),
                 archived_at=at)  # fmt: skip


def stamp(at: dt.datetime) -> str:
    return at.isoformat(timespec="seconds")


def test_reward_rows(db):
    archive(db, text_of("desktop-solved.html"), "desktop-solved.html", FIRST)
    assert rows(db, "select * from rewards") == [
        {"site": SITE, "tid": 815, **SOLVED, "solved": 1, "rendering": "desktop", "page_id": 1,
         "first_seen_at": stamp(FIRST), "last_seen_at": stamp(FIRST)}
    ]  # fmt: skip
    assert rows(db, "select * from reward_revisions") == []


def test_rearchiving_the_same_page_changes_nothing(db):
    archive(db, text_of("desktop-solved.html"), "desktop-solved.html", FIRST)
    before = rows(db, "select * from rewards")
    archive(db, text_of("desktop-solved.html"), "desktop-solved.html", LATER)
    assert rows(db, "select * from reward_revisions") == []
    assert rows(db, "select * from rewards") == [{**before[0], "last_seen_at": stamp(LATER)}]


def test_a_reward_solved_later_keeps_its_open_state(db):
    archive(db, text_of("desktop-open.html"), "desktop-open.html", FIRST)
    archive(db, text_of("desktop-solved.html"), "desktop-solved.html", LATER)
    assert rows(db, "select solved, best_pid, best_author, page_id from rewards") == [
        {"solved": 1, "best_pid": 2410202, "best_author": "硬盘小王", "page_id": 2}
    ]
    assert rows(db, "select * from reward_revisions") == [
        {"site": SITE, "tid": 815, "revision": 1, **OPEN, "solved": 0, "rendering": "desktop",
         "page_id": 1, "last_seen_at": stamp(FIRST), "replaced_at": stamp(LATER)}
    ]  # fmt: skip


def test_an_api_answer_without_the_state_loses_nothing(db):
    archive(db, text_of("desktop-solved.html"), "desktop-solved.html", FIRST)
    archive(db, api_text(None, bestpost=[]), "api.json", LATER, API_URL)
    assert rows(db, "select solved, best_pid, best_text, rendering from rewards") == [
        {"solved": 1, "best_pid": 2410202, "best_text": BEST_TEXT, "rendering": "api"}
    ]
    assert rows(db, "select * from reward_revisions") == []


def test_the_desktop_page_and_the_api_store_the_same_reward(tmp_path):
    found = []
    for name, text, url in (("desktop-solved.html", text_of("desktop-solved.html"), None),
                            ("touch-solved.html", text_of("touch-solved.html"), None),
                            ("api-solved.json", text_of("api-solved.json"), API_URL)):  # fmt: skip
        db = open_db(tmp_path / f"{name}.db")
        archive(db, text, name, FIRST, url)
        [row] = rows(db, "select * from rewards")
        found.append({k: v for k, v in row.items() if k not in ("rendering",)})
    assert found[0] == found[1] == found[2]


def test_export_and_show_include_the_reward(tmp_path):
    path = tmp_path / "archive.db"
    db = open_db(path)
    archive(db, text_of("desktop-open.html"), "desktop-open.html", FIRST)
    archive(db, text_of("desktop-solved.html"), "desktop-solved.html", LATER)
    db.close()
    result = runner.invoke(app, ["export", "--db", str(path), "815", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    reward = json.loads(result.stdout)["reward"]
    assert {k: reward[k] for k in SOLVED} == SOLVED
    assert [(r["revision"], r["solved"], r["best_pid"]) for r in reward["revisions"]] == [
        (1, False, None)
    ]
    shown = runner.invoke(app, ["show", "--db", str(path), "815"])
    assert shown.exit_code == 0, shown.stderr
    assert "悬赏 50 金钱 · 已解决" in shown.stdout
    assert "最佳答案: 硬盘小王 (pid 2410202)" in shown.stdout
    markdown = runner.invoke(app, ["export", "--db", str(path), "815", "-f", "markdown"])
    assert "> 悬赏 50 金钱 · 已解决\n> 最佳答案: 硬盘小王 (pid 2410202)\n" in markdown.stdout
    page = runner.invoke(app, ["export", "--db", str(path), "815", "-f", "html"])
    assert (
        "<section class='reward'>悬赏 50 金钱 · 已解决<br>最佳答案: 硬盘小王 (pid 2410202)<br>"
        + BEST_TEXT + "</section>"
    ) in page.stdout  # fmt: skip


def test_check_says_what_it_read_of_the_reward():
    result = runner.invoke(app, ["check", str(REWARDS / "desktop-solved.html")])
    assert result.exit_code == 0, result.stderr
    assert "  reward 50 金钱, solved, best answer pid 2410202\n" in result.stdout
    still_open = runner.invoke(app, ["check", "--json", str(REWARDS / "desktop-open.html")])
    [page] = json.loads(still_open.stdout)["pages"]
    assert page["reward"] == "50 金钱, open"
