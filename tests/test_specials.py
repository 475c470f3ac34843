"""Activity (活动帖) and debate (辩论帖) threads: read from every rendering against the database
rows of the forum that rendered them (fixtures/specials), stored, re-archived and exported.

Expected values come from each folder's groundtruth.json, never from the parser.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from archiver.archive.files import archive_page
from archiver.cli import app
from archiver.decode import decode
from archiver.fetch import Page
from archiver.model import ThreadPage
from archiver.parse import parse_page
from archiver.read.trades import load_goods
from archiver.store import open_db

from .support import FIXTURES

SPECIALS = FIXTURES / "specials"
CST = dt.timezone(dt.timedelta(hours=8))  # settings.timeoffset 8
SAVED = dt.datetime(2026, 12, 6, 4, 31, tzinfo=dt.timezone.utc)  # when the pages were saved
FIRST = dt.datetime(2026, 12, 6, 5, 0, tzinfo=dt.timezone.utc)
LATER = dt.datetime(2026, 12, 7, 5, 0, tzinfo=dt.timezone.utc)
SITE = "127.0.0.1:8080"
GENDERS = {0: "any", 1: "male", 2: "female"}
STANDS = {0: "neutral", 1: "affirm", 2: "negate"}
WINNERS = {1: "affirm", 2: "negate", 3: "draw"}
runner = CliRunner()


def truth(folder: str) -> dict:
    return json.loads((SPECIALS / folder / "groundtruth.json").read_text("utf-8"))


def minute(stamp: int) -> str:
    """A database time as the page shows it (Y-n-j H:i): to the minute, at +08:00."""
    return dt.datetime.fromtimestamp(stamp, CST).replace(second=0).isoformat()


def parsed(folder: str, name: str) -> ThreadPage:
    path = SPECIALS / folder / name
    url = Path(f"{path}.url.txt").read_text("utf-8").split()[0]
    return parse_page(decode(path.read_bytes()).text, url, now=SAVED)


def expected_activity(folder: str) -> dict:
    """What every rendering shows of the activity, from forum_activity and forum_activityapply."""
    data = truth(folder)
    [row] = data["forum_activity"]
    waiting = sum(1 for a in data["forum_activityapply"] if not a["verified"])
    return {
        "kind": row["class"],
        "starts_at": minute(row["starttimefrom"]),
        "ends_at": minute(row["starttimeto"]) if row["starttimeto"] else None,
        "place": row["place"],
        "gender": GENDERS[row["gender"]],
        "cost": row["cost"] or None,
        "applied": row["applynumber"] + waiting,  # 已报名人数 counts the waiting ones too
        "remaining": row["number"] - row["applynumber"] if row["number"] else None,
        "closes_at": minute(row["expiration"]) if row["expiration"] else None,
        "image_url": None,  # no picture was given
        "verified_count": row["applynumber"],
        "waiting_count": waiting,
    }


def applicants(folder: str, *, messages: str = "verified", waiting: bool = True) -> list[tuple]:
    """(uid, name, verified, message, payment, applied_at) as a page lists them."""
    rows = truth(folder)["forum_activityapply"]
    listed = []
    for a in sorted(rows, key=lambda a: (-a["verified"], -a["dateline"])):  # newest first
        if not a["verified"] and not waiting:
            continue
        shown = messages == "all" or messages == "verified" and a["verified"]
        payment = None if not truth(folder)["forum_activity"][0]["cost"] else (
            "自付" if a["payment"] < 0 else f"{a['payment']} 元")  # fmt: skip
        message = (a["message"] or None) if shown else None
        listed.append((a["uid"], a["username"], bool(a["verified"]), message, payment,
                       minute(a["dateline"])))  # fmt: skip
    return listed


def activity_fields(page: ThreadPage) -> dict:
    assert page.activity is not None
    found = dataclasses.asdict(page.activity)
    return {k: found[k] for k in expected_activity("activity")}


@pytest.mark.parametrize(
    "folder, name",
    [(f, n) for f in ("activity", "activity-closed")
     for n in ("desktop-p1.html", "touch-p1.html", "api-v4-viewthread-p1.json")],
)  # fmt: skip
def test_every_rendering_reads_the_activity_the_database_holds(folder, name):
    page = parsed(folder, name)
    assert page.rendering == {"d": "desktop", "t": "touch", "a": "api"}[name[0]]
    assert activity_fields(page) == expected_activity(folder)
    assert page.posts[0].floor == 1 and page.posts[0].is_thread_author  # the message is still read
    assert [post.pid for post in page.posts] == [p["pid"] for p in truth(folder)["posts"]]


def test_the_activity_shows_its_start_as_the_page_prints_it():
    assert parsed("activity", "desktop-p1.html").activity.starts_text == (
        "2026-12-19 09:00 至 2026-12-19 17:30 商定"
    )  # activity_start_between
    assert (
        parsed("activity", "api-v4-viewthread-p1.json").activity.starts_text == "2026-12-19 09:00"
    )
    assert parsed("activity-closed", "touch-p1.html").activity.closes_text == "2026-11-20 22:00"


def applicant_rows(page: ThreadPage) -> list[tuple]:
    return [(a.uid, a.name, a.verified, a.message, a.payment, a.applied_at)
            for a in page.activity.applicants]  # fmt: skip


def test_the_desktop_page_lists_both_tables_and_only_the_starter_sees_waiting_messages():
    assert applicant_rows(parsed("activity", "desktop-p1.html")) == applicants("activity")
    starter = parsed("activity", "desktop-as-uid3-p1.html")
    assert applicant_rows(starter) == applicants("activity", messages="all")
    assert applicant_rows(parsed("activity-closed", "desktop-p1.html")) == applicants(
        "activity-closed"
    )


def test_the_touch_page_lists_the_verified_without_messages():
    page = parsed("activity", "touch-p1.html")
    # touch shows 4 天前 with no title: a day, not a time; the text is kept, no time guessed
    assert applicant_rows(page) == [
        (uid, name, verified, None, payment, None)
        for uid, name, verified, _, payment, _ in applicants("activity", waiting=False)
    ]
    assert [a.applied_text for a in page.activity.applicants] == ["4 天前", "4 天前"]


X35_TOUCH = """<div class="postlist"><div class="plc cl" id="pid7"><div class="display pi">
<ul class="authi"><li class="mtit"><span class="y">楼主</span><span class="z">
<a href="home.php?mod=space&uid=2&mobile=2">organizer</a></span></li>
<li class="mtime">2026-11-1 10:00</li></ul><div class="message">
<div id="postmessage_7" class="postmessage">come along</div>
<div class="activity cl"><img src="data/attachment/forum/202611/01/a.jpg" class="vm"><dl>
<dt><span class="mtit">活动类型:</span>公益活动</dt>
<dt><span class="mtit">开始时间:</span> 2026-11-15 08:00 </dt>
<dt><span class="mtit">活动地点:</span>河滨公园</dt>
<dt><span class="mtit">性别:</span> 男 </dt>
<dt><span class="mtit">已报名人数:</span> <em>4</em> 人 </dt>
<dt><span class="mtit">剩余名额:</span> 6 人 </dt>
</dl></div>
<div class="activity cl"><dt>已通过 (3 人)</dt><table class="mbox"><tr>
<th class="ma">用户名</th><th class="mc">申请时间</th></tr><tr>
<td class="ma"><a href="home.php?mod=space&uid=5">helper</a></td>
<td class="mc">2026-11-2 09:30</td></tr></table></div>
</div></div></div></div>"""


def test_the_x35_touch_box_with_its_label_spans():
    """X3.5's touch template: `div.activity > dl > dt > span.mtit` after the message."""
    page = parse_page(X35_TOUCH, "http://bbs.example.cn/forum.php?mod=viewthread&tid=9&mobile=2")
    assert page.rendering == "touch"
    assert page.posts[0].body_text == "come along"
    activity = page.activity
    assert (activity.kind, activity.starts_at, activity.place, activity.gender) == (
        "公益活动", "2026-11-15T08:00:00+08:00", "河滨公园", "male")  # fmt: skip
    assert (activity.cost, activity.applied, activity.remaining, activity.closes_at) == (
        None, 4, 6, None)  # fmt: skip
    assert (activity.verified_count, activity.waiting_count) == (3, 1)
    assert activity.image_url == "http://bbs.example.cn/data/attachment/forum/202611/01/a.jpg"
    assert applicant_rows(page) == [(5, "helper", True, None, None, "2026-11-02T09:30:00+08:00")]


def expected_debate(folder: str) -> dict:
    [row] = truth(folder)["forum_debate"]
    best = row["bestdebater"].split("\t")[0] or None
    return {
        "affirm_point": row["affirmpoint"],
        "negate_point": row["negapoint"],
        "affirm_votes": row["affirmvotes"],
        "negate_votes": row["negavotes"],
        "affirm_debaters": row["affirmdebaters"],
        "negate_debaters": row["negadebaters"],
        "ends_at": minute(row["endtime"]),
        "umpire": row["umpire"],
        "winner": WINNERS.get(row["winner"]),
        "best_debater": best,
        "umpire_point": row["umpirepoint"] or None,
    }


@pytest.mark.parametrize(
    "folder, name",
    [(f, n) for f in ("debate", "debate-open")
     for n in ("desktop-p1.html", "touch-p1.html", "api-v4-viewthread-p1.json")],
)  # fmt: skip
def test_every_rendering_reads_the_debate_the_database_holds(folder, name):
    page = parsed(folder, name)
    assert page.rendering == {"d": "desktop", "t": "touch", "a": "api"}[name[0]]
    assert page.debate is not None
    found = dataclasses.asdict(page.debate)
    assert {k: found[k] for k in expected_debate(folder)} == expected_debate(folder)
    assert page.posts[0].floor == 1 and page.posts[0].is_thread_author


@pytest.mark.parametrize("folder", ["debate", "debate-open"])
def test_the_desktop_page_gives_each_reply_its_side(folder):
    stands = [
        (s.pid, s.stand, s.supporters) for s in parsed(folder, "desktop-p1.html").debate.stands
    ]
    assert stands == [
        (row["pid"], STANDS[row["stand"]], row["voters"] if row["stand"] else None)
        for row in truth(folder)["forum_debatepost"]
    ]  # a neutral reply has no 支持 link


def test_a_touch_page_after_the_first_has_no_debate():
    page = parsed("debate", "touch-p2.html")
    assert page.rendering == "touch" and page.debate is None
    assert [post.floor for post in page.posts] == [6, 7]


def test_a_debate_side_view_is_kept_without_its_floors():
    """forum.php?…&stand=2 numbers that side's replies 1, 2, 3…: not the thread's floors."""
    text = (SPECIALS / "debate" / "desktop-p1.html").read_text("utf-8")
    url = "http://127.0.0.1:8080/forum.php?mod=viewthread&tid=4&extra=&filter=debate&stand=2"
    page = parse_page(text, url, now=SAVED)
    assert page.thread.only_author and page.thread.page == 1
    assert {post.floor for post in page.posts} == {None}
    scrolled = text.replace(
        "'forum.php?mod=viewthread&tid=4", "'forum.php?mod=viewthread&tid=4&stand=2"
    )
    assert scrolled != text  # the page names its own view in keyPageScroll(…)
    assert parse_page(scrolled, None, now=SAVED).thread.only_author
    assert not parse_page(text, None, now=SAVED).thread.only_author


def test_a_trade_page_is_read_in_both_renderings():
    """The touch page's one postmessage_ id follows the goods box; the item's own post (pid 39,
    its description) is on no page, so the reply after it shows as 沙发."""
    for name in ("desktop-p1.html", "touch-p1.html"):
        page = parsed("trade", name)
        assert page.rendering == name.split("-")[0]
        assert [(p.pid, p.floor, p.author) for p in page.posts] == [
            (38, 1, "老王_元老"), (40, 2, "lisa2019")]  # fmt: skip


def goods_row(row: dict, saved: dt.datetime, *, api: bool) -> dict:
    """What a thread page (or the API) shows of one forum_trade row, saved at `saved`."""
    # `{days}天{hours}小时` left, as the page prints it and the API sends its numbers
    left = int(row["expiration"] - saved.timestamp())
    return {
        "pid": row["pid"], "name": row["subject"],
        "quality": {1: "new", 2: "used"}[row["quality"]],
        "price": row["price"], "cost_price": row["costprice"], "credit": row["credit"] or None,
        "remaining_text": f"{left // 86400}天{left % 86400 // 3600}小时",
        "closed": bool(row["closed"]),
        "amount": row["amount"] if api else None, "locus": row["locus"] if api else None,
        "seller": row["seller"] if api else None,
        "seller_uid": row["sellerid"] if api else None,
        "image_url": None,  # no picture was given
    }  # fmt: skip


@pytest.mark.parametrize("name", ["desktop-p1.html", "touch-p1.html", "api-v4-viewthread-p1.json"])
def test_every_rendering_reads_the_goods_the_database_holds(name):
    goods = [dataclasses.asdict(item) for item in parsed("trade", name).goods]
    rows = truth("trade")["forum_trade"]
    assert goods == [goods_row(row, SAVED, api=name.startswith("api")) for row in rows]


@pytest.fixture
def db(tmp_path):
    return open_db(tmp_path / "archive.db")


def archive(db, folder: str, name: str, at: dt.datetime) -> None:
    path = SPECIALS / folder / name
    url = Path(f"{path}.url.txt").read_text("utf-8").split()[0]
    archive_page(db, Page(source=name, content=path.read_bytes(), fetched_at=SAVED, url=url),
                 archived_at=at)  # fmt: skip


def rows(db, sql: str) -> list[dict]:
    return [dict(r) for r in db.query(sql)]


def test_activity_rows_keep_what_one_page_hides(db):
    archive(db, "activity", "desktop-as-uid3-p1.html", FIRST)
    archive(db, "activity", "desktop-p1.html", LATER)  # a guest's: no waiting message
    [row] = rows(db, "select * from activities")
    assert {k: row[k] for k in expected_activity("activity")} == expected_activity("activity")
    assert (row["page_id"], row["first_seen_at"], row["last_seen_at"]) == (
        2, FIRST.isoformat(), LATER.isoformat())  # fmt: skip
    assert rows(db, "select * from activity_revisions") == []
    listed = rows(
        db,
        "select uid, name, verified, message, payment, applied_at, last_seen_at "
        "from activity_applicants order by verified desc, applied_at desc",
    )
    assert [tuple(r.values())[:6] for r in listed] == [
        (uid, name, int(v), message, payment, at)
        for uid, name, v, message, payment, at in applicants("activity", messages="all")
    ]
    assert {r["last_seen_at"] for r in listed} == {LATER.isoformat()}


def test_an_activity_that_changed_keeps_its_earlier_state(db):
    archive(db, "activity", "desktop-p1.html", FIRST)
    path = SPECIALS / "activity" / "desktop-p1.html"
    text = path.read_text("utf-8").replace("<em>3</em>", "<em>4</em>")
    archive_page(db, Page(source="later.html", content=text.encode(), fetched_at=SAVED,
                          url="http://127.0.0.1:8080/forum.php?mod=viewthread&tid=3"),
                 archived_at=LATER)  # fmt: skip
    assert rows(db, "select applied from activities") == [{"applied": 4}]
    assert rows(
        db, "select revision, applied, waiting_count, replaced_at from activity_revisions"
    ) == [{"revision": 1, "applied": 3, "waiting_count": 1, "replaced_at": LATER.isoformat()}]


def test_renderings_of_one_activity_make_no_revision(db):
    """The API prints only the start of the desktop's `FROM 至 TO 商定`: the times are the same."""
    for name in ("desktop-p1.html", "touch-p1.html", "api-v4-viewthread-p1.json"):
        archive(db, "activity", name, FIRST)
    archive(db, "activity", "desktop-p1.html", LATER)
    assert rows(db, "select * from activity_revisions") == []
    [row] = rows(db, "select starts_text, starts_at, ends_at from activities")
    assert row == {"starts_text": "2026-12-19 09:00 至 2026-12-19 17:30 商定",
                   "starts_at": expected_activity("activity")["starts_at"],
                   "ends_at": expected_activity("activity")["ends_at"]}  # fmt: skip


def test_debate_rows_and_sides(db):
    archive(db, "debate", "touch-p2.html", FIRST)  # a later page first: no debate row from it
    assert rows(db, "select * from debates") == []
    archive(db, "debate", "desktop-p1.html", FIRST)
    [row] = rows(db, "select * from debates")
    assert {k: row[k] for k in expected_debate("debate")} == expected_debate("debate")
    assert rows(db, "select pid, stand, supporters from debate_stands order by pid") == [
        {
            "pid": r["pid"],
            "stand": STANDS[r["stand"]],
            "supporters": r["voters"] if r["stand"] else None,
        }
        for r in truth("debate")["forum_debatepost"]
    ]
    archive(db, "debate", "api-v4-viewthread-p1.json", LATER)  # the same debate: no revision
    assert rows(db, "select * from debate_revisions") == []
    assert rows(db, "select rendering from debates") == [{"rendering": "api"}]


def test_export_show_and_check_include_activity_and_debate(tmp_path):
    path = tmp_path / "archive.db"
    db = open_db(path)
    archive(db, "activity", "desktop-p1.html", FIRST)
    archive(db, "debate", "desktop-p1.html", FIRST)
    db.close()
    exported = runner.invoke(app, ["export", "--db", str(path), "3", "-f", "json"])
    assert exported.exit_code == 0, exported.stderr
    activity = json.loads(exported.stdout)["activity"]
    assert [(a["name"], a["verified"]) for a in activity["applicants"]] == [
        ("小白同学", True), ("old_driver", True), ("喆哥说数码", False)]  # fmt: skip
    shown = runner.invoke(app, ["show", "--db", str(path), "3"])
    assert "活动地点: 北京香山公园东门" in shown.stdout
    assert "已通过: 小白同学、old_driver (我带两根登山杖，需要的朋友可以借。)" in shown.stdout
    markdown = runner.invoke(app, ["export", "--db", str(path), "4", "-f", "markdown"])
    assert "> 反方获胜\n> 裁判观点: 双方都有道理。" in markdown.stdout
    assert "> 正方 3 · 反方 2 · 中立 1 楼\n" in markdown.stdout
    goods = runner.invoke(app, ["check", str(SPECIALS / "trade" / "touch-p1.html")])
    assert "  goods pid 39: 索尼 WH-1000XM4 头戴式降噪耳机（黑色）, 1299.00 元\n" in goods.stdout
    checked = runner.invoke(app, ["check", str(SPECIALS / "debate" / "desktop-p1.html")])
    assert "  debate votes 2 : 3, won by negate; 6 replies with a side\n" in checked.stdout
    checked = runner.invoke(app, ["check", str(SPECIALS / "activity" / "touch-p1.html")])
    summary = "朋友聚会, 2026-12-19T09:00:00+08:00, 北京香山公园东门; 2 verified, 0 waiting listed"
    assert f"  activity {summary}\n" in checked.stdout


def test_goods_rows_keep_their_earlier_price(db):
    archive(db, "trade", "desktop-p1.html", FIRST)
    archive(db, "trade", "api-v4-viewthread-p1.json", FIRST)  # adds the place and amount
    path = SPECIALS / "trade" / "desktop-p1.html"
    text = path.read_text("utf-8").replace("<strong>1299.00</strong>", "<strong>1199.00</strong>")
    archive_page(db, Page(source="later.html", content=text.encode(), fetched_at=SAVED,
                          url="http://127.0.0.1:8080/forum.php?mod=viewthread&tid=5"),
                 archived_at=LATER)  # fmt: skip
    [row] = rows(
        db, "select pid, tid, price, cost_price, locus, amount, rendering from trade_goods"
    )
    assert row == {"pid": 39, "tid": 5, "price": "1199.00", "cost_price": "1999.00",
                   "locus": "上海 徐汇区", "amount": 1, "rendering": "desktop"}  # fmt: skip
    assert rows(db, "select revision, price, locus, replaced_at from trade_goods_revisions") == [
        {
            "revision": 1,
            "price": "1299.00",
            "locus": "上海 徐汇区",
            "replaced_at": LATER.isoformat(),
        }
    ]


def test_a_later_countdown_of_an_item_is_no_revision(db):
    """剩余时间 counts down: a page a day later shows another, of the same item."""
    archive(db, "trade", "desktop-p1.html", FIRST)
    text = (SPECIALS / "trade" / "desktop-p1.html").read_text("utf-8")
    assert "55天11小时" in text
    archive_page(db, Page(source="later.html", content=text.replace("55天11小时", "54天11小时")
                          .encode(), fetched_at=LATER,
                          url="http://127.0.0.1:8080/forum.php?mod=viewthread&tid=5"),
                 archived_at=LATER)  # fmt: skip
    assert rows(db, "select remaining_text from trade_goods") == [{"remaining_text": "54天11小时"}]
    assert rows(db, "select * from trade_goods_revisions") == []


def test_an_items_earlier_states_export_closed_as_a_boolean(db):
    """成交结束 is a flag in the item and in each revision alike (the revisions kept 0 / 1)."""
    archive(db, "trade", "desktop-p1.html", FIRST)
    text = (SPECIALS / "trade" / "desktop-p1.html").read_text("utf-8")
    archive_page(db, Page(source="later.html", content=text.replace("<strong>1299.00</strong>",
                          "<strong>1199.00</strong>").encode(), fetched_at=LATER,
                          url="http://127.0.0.1:8080/forum.php?mod=viewthread&tid=5"),
                 archived_at=LATER)  # fmt: skip
    [item] = load_goods(db, SITE, 5)
    closed = bool(truth("trade")["forum_trade"][0]["closed"])
    # as JSON: 0 == False in Python, `0` != `false` in the export
    found = json.dumps([item["closed"], [r["closed"] for r in item["revisions"]]])
    assert found == json.dumps([closed, [closed]])


def test_the_activity_picture_is_the_boxs_own():
    """An earlier `div.mbn > img` of the page (a theme's banner) is not the activity's."""
    banner = '<div class="mbn"><img src="static/banner.jpg"></div>'
    url = "http://bbs.example.cn/forum.php?mod=viewthread&tid=9&mobile=2"
    page = parse_page(banner + X35_TOUCH, url)
    assert page.activity.image_url == "http://bbs.example.cn/data/attachment/forum/202611/01/a.jpg"
