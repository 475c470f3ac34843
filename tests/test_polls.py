"""Poll threads (投票帖): the poll read from every rendering, stored, re-archived and exported.

The fixtures' own values are checked in tests/test_parse.py (fixtures/expected/polls/); these
tests change a fixture the way a later visit, another viewer or a TC build would show it.
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

POLLS = FIXTURES / "polls"
SITE = "bbs.feature.example/forum"
API_URL = (
    "http://bbs.feature.example/forum/api/mobile/index.php?version=4&module=viewthread&tid=812"
)
CST = dt.timezone(dt.timedelta(hours=8))
SAVED = dt.datetime(2025, 3, 15, 14, 20, 37, tzinfo=CST)
FIRST = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.timezone.utc)
LATER = dt.datetime(2026, 2, 3, 4, 5, 6, tzinfo=dt.timezone.utc)
LAST = dt.datetime(2026, 3, 4, 5, 6, 7, tzinfo=dt.timezone.utc)
runner = CliRunner()

# a later visit to the text poll: one more voter, who chose option 1 (16 -> 18 votes over two
# choices is what a multiple poll allows); the percents as thread_poll.php rounds them
MORE_VOTES = (
    ("共有 37 人参与投票", "共有 38 人参与投票"),
    ('39.02% <em style="color:#E92725">(16)</em>', '41.86% <em style="color:#E92725">(18)</em>'),
    ('29.27% <em style="color:#F27B21">(12)</em>', '27.91% <em style="color:#F27B21">(12)</em>'),
    ('21.95% <em style="color:#F2A61F">(9)</em>', '20.93% <em style="color:#F2A61F">(9)</em>'),
    ('9.76% <em style="color:#5AAF4A">(4)</em>', '9.30% <em style="color:#5AAF4A">(4)</em>'),
)
# the same pages as a Traditional Chinese build prints them (its lang_template.php wording)
TRADITIONAL = (
    ("多选投票", "多選投票"), ("单选投票", "單選投票"), ("最多可选 2 项", "最多可選 2 項"),
    ("人参与投票", "人參與投票"), ("距结束还有", "距結束還有"), ("小时", "小時"), ("分钟", "分鐘"),
    ("投票后结果可见", "投票後結果可見"), ("投票已经结束", "投票已經結束"),
)  # fmt: skip


def text_of(name: str, changes: tuple[tuple[str, str], ...] = ()) -> str:
    text = (POLLS / name).read_text("utf-8")
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new)
    return text


def page_of(text: str, name: str, url: str | None = None) -> Page:
    return Page(source=name, content=text.encode("utf-8"), fetched_at=SAVED, url=url)


def api_text(**poll: object) -> str:
    data = json.loads(text_of("api-text.json"))
    data["Variables"]["special_poll"].update(poll)
    return json.dumps(data)


def poll_of(text: str, url: str | None = None, now: dt.datetime | None = SAVED) -> dict:
    result = parse_page(text, url, now=now)
    assert result.poll is not None
    return dataclasses.asdict(result.poll)


PAGES = ["desktop-text.html", "desktop-hidden.html", "desktop-image-ended.html",
         "touch-image-ended.html"]  # fmt: skip


@pytest.mark.parametrize("name", PAGES)
def test_a_traditional_chinese_build_reads_the_same(name):
    before = poll_of(text_of(name))
    after = poll_of(text_of(name, tuple(p for p in TRADITIONAL if p[0] in text_of(name))))
    assert before["expiry_text"] is None or after["expiry_text"] != before["expiry_text"]
    assert {**after, "expiry_text": None} == {**before, "expiry_text": None}


def test_the_api_keeps_counts_a_page_would_hide():
    """visiblepoll 1: stock X3.4 and X3.5 still send the votes (the ninth and tenth blind
    checks saw them right); a build that blanks them to 0 while people voted keeps none."""
    poll = poll_of(api_text(visiblepoll="1"), API_URL)
    assert poll["results_hidden"] is True and poll["voters"] == 37
    assert [(o["polloptionid"], o["votes"], o["percent"]) for o in poll["options"]] == [
        (oid, votes, percent) for oid, _, _, votes, percent in OPTIONS
    ]
    data = json.loads(api_text(visiblepoll="1"))
    for row in data["Variables"]["special_poll"]["polloptions"].values():
        row.update(votes="0", percent="0.00")
    poll = poll_of(json.dumps(data), API_URL)
    assert [(o["votes"], o["percent"]) for o in poll["options"]] == [(None, None)] * 4


@pytest.mark.parametrize(
    "now, ended, expires_at",
    [
        (SAVED, True, "2025-03-10T08:00:00+08:00"),  # passed by the time it was fetched
        (None, None, None),  # no fetch time: ended or never ending cannot be told apart
    ],
)
def test_an_api_poll_without_a_countdown(now, ended, expires_at):
    stamp = str(int(dt.datetime(2025, 3, 10, 8, tzinfo=CST).timestamp()))
    poll = poll_of(api_text(remaintime=[], expirations=stamp), API_URL, now)
    assert (poll["ended"], poll["expires_at"]) == (ended, expires_at)


def test_an_api_poll_that_never_ends():
    """No expiry set: Discuz sends now + 1 day and no countdown."""
    stamp = str(int((SAVED + dt.timedelta(days=1)).timestamp()))
    poll = poll_of(
        api_text(remaintime="", expirations=stamp, multiple="1", maxchoices="0"), API_URL
    )
    assert (poll["ended"], poll["expires_at"], poll["max_choices"]) == (False, None, None)


def test_a_touch_poll_page_is_read_as_touch_and_its_message_stays_apart():
    result = parse_page(text_of("touch-image-ended.html"), now=SAVED)
    assert result.rendering == "touch"
    assert result.posts[0].body_text == "三月摄影月赛，投出你心中的第一名。"


def test_a_page_without_a_poll_has_none():
    assert parse_page((FIXTURES / "features" / "thread-p1.html").read_text("utf-8")).poll is None


@pytest.fixture
def db(tmp_path):
    return open_db(tmp_path / "archive.db")


def rows(db, sql):
    return [dict(r) for r in db.query(sql)]


def archive(db, text: str, name: str, at: dt.datetime, url: str | None = None) -> None:
    archive_page(db, page_of(text, name, url), archived_at=at)


def stamp(at: dt.datetime) -> str:
    return at.isoformat(timespec="seconds")


OPTIONS = [
    (9101, 1, "华为 Pura 80 Ultra", 16, 39.02),
    (9102, 2, "小米 15 Ultra", 12, 29.27),
    (9103, 3, "OPPO Find X8 Ultra", 9, 21.95),
    (9104, 4, "先观望，今年不换", 4, 9.76),
]


def option_rows(db):
    return [
        (r["polloptionid"], r["number"], r["text"], r["votes"], r["percent"])
        for r in rows(db, "select * from poll_options order by number")
    ]


def test_poll_rows(db):
    archive(db, text_of("desktop-text.html"), "desktop-text.html", FIRST)
    assert rows(db, "select * from polls") == [
        {
            "site": SITE, "tid": 812, "kind": "multiple", "max_choices": 2, "voters": 37,
            "results_hidden": 0, "is_image": 0, "ended": 0,
            "expires_at": "2025-03-18T19:32:00+08:00", "expires_precision": "minute",
            "expiry_text": "3 天 5 小时 12 分钟", "rendering": "desktop", "page_id": 1,
            "first_seen_at": stamp(FIRST), "last_seen_at": stamp(FIRST),
        }
    ]  # fmt: skip
    assert rows(db, "select * from poll_options order by number") == [
        {
            "site": SITE, "tid": 812, "polloptionid": oid, "number": number, "text": text,
            "votes": votes, "percent": percent, "image_url": None, "image_aid": None,
            "first_seen_at": stamp(FIRST), "last_seen_at": stamp(FIRST), "gone_at": None,
        }
        for oid, number, text, votes, percent in OPTIONS
    ]  # fmt: skip
    assert rows(db, "select * from poll_revisions") == []


def test_rearchiving_the_same_page_changes_nothing(db):
    archive(db, text_of("desktop-text.html"), "desktop-text.html", FIRST)
    before = rows(db, "select * from poll_options")
    archive(db, text_of("desktop-text.html"), "desktop-text.html", LATER)
    assert rows(db, "select * from poll_revisions") == []
    assert rows(db, "select * from poll_options") == [{**r, "last_seen_at": stamp(LATER)}
                                                       for r in before]  # fmt: skip


def test_new_votes_update_the_counts_and_keep_the_earlier_ones(db):
    archive(db, text_of("desktop-text.html"), "desktop-text.html", FIRST)
    archive(db, text_of("desktop-text.html", MORE_VOTES), "desktop-text.html", LATER)
    assert rows(db, "select voters, page_id, last_seen_at from polls") == [
        {"voters": 38, "page_id": 2, "last_seen_at": stamp(LATER)}
    ]
    assert option_rows(db) == [
        (9101, 1, "华为 Pura 80 Ultra", 18, 41.86),
        (9102, 2, "小米 15 Ultra", 12, 27.91),
        (9103, 3, "OPPO Find X8 Ultra", 9, 20.93),
        (9104, 4, "先观望，今年不换", 4, 9.3),
    ]
    [revision] = rows(db, "select * from poll_revisions")
    assert json.loads(revision.pop("options")) == [
        {"number": n, "polloptionid": oid, "text": t, "votes": v, "percent": p}
        for oid, n, t, v, p in OPTIONS
    ]
    assert revision == {
        "site": SITE, "tid": 812, "revision": 1, "kind": "multiple", "max_choices": 2,
        "voters": 37, "ended": 0, "expires_at": "2025-03-18T19:32:00+08:00",
        "rendering": "desktop", "page_id": 1, "last_seen_at": stamp(FIRST),
        "replaced_at": stamp(LATER),
    }  # fmt: skip


def test_hidden_results_never_erase_known_counts(db):
    archive(db, text_of("desktop-text.html"), "desktop-text.html", FIRST)
    archive(db, api_text(visiblepoll="1"), "api-text.json", LATER, API_URL)
    assert option_rows(db) == [(oid, n, t, v, p) for oid, n, t, v, p in OPTIONS]
    assert rows(db, "select * from poll_revisions") == []
    [poll] = rows(db, "select results_hidden, rendering, expires_at, expires_precision from polls")
    # the API's exact expiry replaces the one worked out to the minute, and stays
    exact = {"expires_at": "2025-03-18T19:33:10+08:00", "expires_precision": "second"}
    assert poll == {"results_hidden": 1, "rendering": "api", **exact}
    archive(db, text_of("desktop-text.html", MORE_VOTES), "desktop-text.html", LAST)
    assert rows(db, "select expires_at, expires_precision from polls") == [exact]


IMAGE_OPTIONS = [
    (9201, 1, "蓝色海湾", 8, 42.11, "101500aa11bb22cc33dd.jpg", 40011),
    (9202, 2, "灯塔夜景", 11, 57.89, "101512ee44ff55gg66hh.jpg", 40012),
    (9203, 3, "老街清晨", 0, 0.0, None, None),
]


def image_rows(db):
    return [
        (r["polloptionid"], r["number"], r["text"], r["votes"], r["percent"],
         r["image_url"].rsplit("/", 1)[1] if r["image_url"] else None, r["image_aid"])
        for r in rows(db, "select * from poll_options order by number")
    ]  # fmt: skip


def test_options_first_known_by_number_take_their_ids_later(db):
    """The touch page shows no ids: its options are kept by number, then the desktop page's
    polloptionids and pictures are added to those rows, not beside them."""
    archive(db, text_of("touch-image-ended.html"), "touch-image-ended.html", FIRST)
    assert [r[:5] for r in image_rows(db)] == [(None, *r[1:5]) for r in IMAGE_OPTIONS]
    archive(db, text_of("desktop-image-ended.html"), "desktop-image-ended.html", LATER)
    assert image_rows(db) == IMAGE_OPTIONS
    assert rows(db, "select is_image, ended, rendering from polls") == [
        {"is_image": 1, "ended": 1, "rendering": "desktop"}
    ]
    assert rows(db, "select * from poll_revisions") == []


def test_a_touch_page_after_the_desktop_one_loses_nothing(db):
    archive(db, text_of("desktop-image-ended.html"), "desktop-image-ended.html", FIRST)
    archive(db, text_of("touch-image-ended.html"), "touch-image-ended.html", LATER)
    assert image_rows(db) == IMAGE_OPTIONS
    assert rows(db, "select is_image, rendering, last_seen_at from polls") == [
        {"is_image": 1, "rendering": "touch", "last_seen_at": stamp(LATER)}
    ]
    assert rows(db, "select count(*) as n from poll_revisions") == [{"n": 0}]


def test_an_option_the_poll_no_longer_lists_is_kept_as_gone(db):
    archive(db, text_of("desktop-text.html"), "desktop-text.html", FIRST)
    fewer = api_text(polloptions={"1": {"polloptionid": "9101", "polloption": "华为 Pura 80 Ultra",
                                        "votes": "16", "percent": "100.00"}})  # fmt: skip
    archive(db, fewer, "api-text.json", LATER, API_URL)
    gone = rows(db, "select polloptionid, gone_at from poll_options order by number")
    assert gone == [{"polloptionid": 9101, "gone_at": None}] + [
        {"polloptionid": oid, "gone_at": stamp(LATER)} for oid in (9102, 9103, 9104)
    ]
    [revision] = rows(db, "select options from poll_revisions")
    assert len(json.loads(revision["options"])) == 4


def test_export_and_show_include_the_poll(tmp_path):
    path = tmp_path / "archive.db"
    db = open_db(path)
    archive(db, text_of("desktop-text.html"), "desktop-text.html", FIRST)
    archive(db, text_of("desktop-text.html", MORE_VOTES), "desktop-text.html", LATER)
    db.close()
    result = runner.invoke(app, ["export", "--db", str(path), "812", "-f", "json"])
    assert result.exit_code == 0, result.stderr
    poll = json.loads(result.stdout)["poll"]
    assert (poll["kind"], poll["voters"], poll["ended"], poll["results_hidden"]) == (
        "multiple", 38, False, False,
    )  # fmt: skip
    assert [(o["number"], o["text"], o["votes"]) for o in poll["options"]] == [
        (1, "华为 Pura 80 Ultra", 18), (2, "小米 15 Ultra", 12), (3, "OPPO Find X8 Ultra", 9),
        (4, "先观望，今年不换", 4),
    ]  # fmt: skip
    assert [r["voters"] for r in poll["revisions"]] == [37]
    assert poll["revisions"][0]["options"][0]["votes"] == 16
    shown = runner.invoke(app, ["show", "--db", str(path), "812"])
    assert shown.exit_code == 0, shown.stderr
    assert "多选投票 · 最多可选 2 项 · 共有 38 人参与投票 · 截止 2025-03-18 19:32" in shown.stdout
    assert "1. 华为 Pura 80 Ultra — 18 票 (41.86%)" in shown.stdout
    markdown = runner.invoke(app, ["export", "--db", str(path), "812", "-f", "markdown"])
    assert "> 4\\. 先观望，今年不换 — 4 票 (9.30%)" in markdown.stdout
    page = runner.invoke(app, ["export", "--db", str(path), "812", "-f", "html"])
    assert "<section class='poll'>多选投票 · 最多可选 2 项 · 共有 38 人参与投票" in page.stdout


X35_TOUCH = """<div class="message"><div id="postmessage_7" class="postmessage">哪天去？</div>
<div class="poll cl"><form id="poll" name="poll" method="post"
 action="forum.php?mod=misc&action=votepoll&fid=2&tid=9&pollsubmit=yes&quickforward=yes&mobile=2">
<div class="poll_txt">多选投票: ( 最多可选 2 项 ), 共有 5 人参与投票</div>
<div class="poll_txt">距结束还有: 2 天 30 分钟</div>
<div class="poll_box">
<p><input type="checkbox" id="option_1" name="pollanswers[]" value="71" />
<label for="option_1">1.周六</label> <em style="color:#E92725" class="y">62.50% (5票)</em></p>
<hr class="l">
<p><input type="checkbox" id="option_2" name="pollanswers[]" value="72" />
<label for="option_2">2.周日</label> <em style="color:#F27B21" class="y">37.50% (3票)</em></p>
<hr class="l">
</div></form></div></div>"""


def test_the_x35_touch_poll():
    """X3.5's touch template: div.poll_txt lines, and the unit 票 inside the brackets."""
    from selectolax.lexbor import LexborHTMLParser

    from archiver.parse.poll import read_poll

    poll = read_poll(LexborHTMLParser(X35_TOUCH), X35_TOUCH, None, SAVED)
    assert poll is not None
    assert (poll.multiple, poll.max_choices, poll.voters, poll.expiry_text, poll.expires_at) == (
        True, 2, 5, "2 天 30 分钟", "2025-03-17T14:50:37+08:00",
    )  # fmt: skip
    assert [(o.number, o.polloptionid, o.text, o.votes, o.percent) for o in poll.options] == [
        (1, 71, "周六", 5, 62.5), (2, 72, "周日", 3, 37.5),
    ]  # fmt: skip


def test_check_says_what_it_read_of_the_poll():
    result = runner.invoke(app, ["check", str(POLLS / "desktop-hidden.html")])
    assert result.exit_code == 0, result.stderr
    assert "  poll single, voters 9, 3 options (ids 3/3, counts 0/3), expires " in result.stdout
    image = runner.invoke(app, ["check", "--json", str(POLLS / "desktop-image-ended.html")])
    [page] = json.loads(image.stdout)["pages"]
    assert page["poll"] == "single, image, voters 19, 3 options (ids 3/3, counts 3/3), ended"


def test_the_desktop_page_and_the_api_store_the_same_poll(tmp_path):
    """tid 812 at one moment: the same options, ids and counts; the API's expiry is exact."""
    stored = {}
    for name, url in (("desktop-text.html", None), ("api-text.json", API_URL)):
        db = open_db(tmp_path / f"{name}.db")
        archive(db, text_of(name), name, FIRST, url)
        stored[name] = (option_rows(db), rows(db, "select kind, max_choices, voters from polls"))
    assert stored["desktop-text.html"] == stored["api-text.json"]
    assert stored["api-text.json"][0] == [(oid, n, t, v, p) for oid, n, t, v, p in OPTIONS]
