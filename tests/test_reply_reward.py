"""A thread's own 回帖奖励 terms: the pool left and what a reply earns, while the pool lasts.

The feature fixtures have none; the box is spliced in as forum/viewthread.htm draws it (div#pl_top
before #postlist, with lang_template.php's thread_replycredit_tips1-3) and the API's thread row
as the mobile plugin sends it (`replycredit`, `replycredit_rule` = forum_replycredit's row). The
lab's content thread (fixtures/content/) spent its pool, so its pages draw no box.
"""

from __future__ import annotations

import datetime as dt
import json

from archiver.archive.files import archive_page
from archiver.fetch import Page
from archiver.model import ReplyReward
from archiver.parse import parse_page
from archiver.store import open_db

from .support import FIXTURES

BASE = "http://bbs.feature.example/forum/"
API_URL = f"{BASE}api/mobile/index.php?version=4&module=viewthread&tid=777&page=1"
NOW = dt.datetime.fromisoformat("2025-03-15T14:20:37+08:00")
DESKTOP = (FIXTURES / "features" / "thread-p1.html").read_text(encoding="utf-8")
API = json.loads((FIXTURES / "api" / "feature-thread-p1.json").read_text(encoding="utf-8"))
BOX = """<div id="pl_top">
<table cellspacing="0" cellpadding="0">
<tr class="ad"><td class="pls"></td><td class="plc"></td></tr>
<tr>
<td class="pls vm ptm">
<img src="static/image/common/thread_prize_s.png" class="hm" alt="回帖奖励" />
<strong>{pool} 金钱</strong>
</td>
<td class="plc ptm pbm xi1">
回复本帖可获得 5 金钱奖励! 每人限 1 次<span class="xg1">(中奖概率 50%)</span>
</td>
</tr>
</table>
</div>
"""


def desktop(pool: int) -> str:
    return DESKTOP.replace('<div id="postlist"', BOX.format(pool=pool) + '<div id="postlist"', 1)


def api(pool: str) -> str:
    data = json.loads(json.dumps(API))
    rule = {"tid": "777", "extcredits": "5", "extcreditstype": "2", "times": "10",
            "membertimes": "1", "random": "50", "remaining": "6"}  # fmt: skip
    data["Variables"]["thread"].update(replycredit=pool, replycredit_rule=rule)
    return json.dumps(data, ensure_ascii=False)


def test_each_rendering_reads_the_terms():
    assert parse_page(desktop(30), BASE, now=NOW).reply_reward == ReplyReward(30, "金钱", 5, 1, 50)
    assert parse_page(api("30"), API_URL).reply_reward == ReplyReward(30, None, 5, 1, 50)
    assert parse_page(DESKTOP, BASE, now=NOW).reply_reward is None  # none, or its pool spent
    assert parse_page(api("0"), API_URL).reply_reward is None


def test_a_shrinking_pool_keeps_its_earlier_states(tmp_path):
    db = open_db(tmp_path / "a.db")
    for content, url, day in (
        (desktop(30), BASE, 1),
        (api("30"), API_URL, 2),
        (desktop(25), BASE, 3),
    ):
        at = NOW + dt.timedelta(days=day)
        archive_page(db, Page(source="p", url=url, content=content.encode(), fetched_at=at))
    row = db.execute("select pool, credit, per_reply, per_member, chance from reply_rewards")
    assert row.fetchall() == [(25, "金钱", 5, 1, 50)]  # the API's unnamed credit kept its name
    kept = db.execute("select revision, pool from reply_reward_revisions order by revision")
    assert kept.fetchall() == [(1, 30)]


def test_the_exports_print_the_terms(tmp_path):
    from typer.testing import CliRunner

    from archiver.cli import app

    path = tmp_path / "a.db"
    db = open_db(path)
    archive_page(db, Page(source="p", url=BASE, content=desktop(30).encode(), fetched_at=NOW))
    db.close()
    markdown = CliRunner().invoke(app, ["export", "--db", str(path), "777", "-f", "markdown"])
    assert (
        "> 回帖奖励 30 金钱\n> 回复本帖可获得 5 · 每人限 1 次 · 中奖概率 50%\n" in markdown.stdout
    )
    data = json.loads(
        CliRunner().invoke(app, ["export", "--db", str(path), "777", "-f", "json"]).stdout
    )
    assert {k: data["reply_reward"][k] for k in ("pool", "per_reply", "chance")} == {
        "pool": 30,
        "per_reply": 5,
        "chance": 50,
    }
