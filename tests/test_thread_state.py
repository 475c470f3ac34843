"""A thread's own state: 关闭, 图章 and 付费主题 from the desktop page, the API's levels, stored.

The feature fixtures are an open, unstamped, free thread; the states are spliced in as the
templates draw them (forum/viewthread.htm's slot beside the subject, viewthread_node.htm's
div#threadstamp, viewthread_node_body.htm's 付费主题 box) and as the API's thread row sends them.
Lab-rendered pages with the forum's rows: tests/test_states_lab.py.
"""

from __future__ import annotations

import datetime as dt
import json

from archiver.archive.files import archive_page
from archiver.fetch import Page
from archiver.parse import parse_page
from archiver.store import open_db

from .support import FIXTURES

BASE = "http://bbs.feature.example/forum/"
API_URL = f"{BASE}api/mobile/index.php?version=4&module=viewthread&tid=777&page=1"
NOW = dt.datetime.fromisoformat("2025-03-15T14:20:37+08:00")
DESKTOP = (FIXTURES / "features" / "thread-p1.html").read_text(encoding="utf-8")
API = json.loads((FIXTURES / "api" / "feature-thread-p1.json").read_text(encoding="utf-8"))
COPY_LINK = '<a href="forum.php?mod=viewthread&amp;tid=777" onclick="return copyThreadUrl('
X34_LOCK = '&nbsp;<img src="static/image/common/locked.gif" alt="关闭" title="关闭" class="vm" />'
X35_LOCK = '&nbsp;<i class="fico-lock fc-s" title="关闭"></i>'
STAMP = '<div id="threadstamp"><img src="static/image/stamp/002.small.gif" title="热帖" /></div>'
PAID = (
    '<div class="locked"><em class="y"><a href="forum.php?mod=misc&action=viewpayments&tid=777" '
    "onclick=\"showWindow('pay', this.href)\">记录</a></em>付费主题, 价格: <strong>5 金钱 "
    "</strong></div>"
)


UNPAID = (  # viewthread_pay.htm: what a reader who has not paid sees instead of the message
    '<div class="locked"><a href="forum.php?mod=misc&amp;action=pay&amp;tid=777&amp;pid=2310517" '
    'class="y viewpay" title="购买主题">购买主题</a><em class="right"></em>'
    "本主题需向作者支付 <strong>5 金钱</strong> 才能浏览</div>"
)


def desktop(lock: str = "", stamp: str = "", paid: str = "") -> str:
    html = DESKTOP.replace(COPY_LINK, f"{lock}\n{COPY_LINK}", 1)
    html = html.replace('<div id="post_2310517" >', f'<div id="post_2310517" >{stamp}', 1)
    return html.replace('<div class="pcb">', f'<div class="pcb">{paid}', 1)


def api(**row: str) -> str:
    data = json.loads(json.dumps(API))
    data["Variables"]["thread"].update(row)
    return json.dumps(data, ensure_ascii=False)


def state(page) -> tuple:
    t = page.thread
    return t.closed, t.digest, t.sticky, t.stamp, t.price, t.readperm


def test_the_desktop_shows_closed_its_stamp_and_its_price():
    assert state(parse_page(DESKTOP, BASE, now=NOW)) == (False, None, None, None, None, None)
    for lock, paid in ((X34_LOCK, PAID), (X35_LOCK, UNPAID)):
        page = parse_page(desktop(lock, STAMP, paid), BASE, now=NOW)
        assert state(page) == (True, None, None, "热帖", 5, None)
    assert {"digest", "sticky", "readperm"} <= set(page.thread.unknown_fields)


def test_a_theme_without_the_stock_slot_says_nothing_of_closed():
    themed = DESKTOP.replace("copyThreadUrl", "copyUrl")
    assert parse_page(themed, BASE, now=NOW).thread.closed is None


def test_the_api_sends_the_levels():
    page = parse_page(
        api(closed="1", digest="2", displayorder="3", price="5", readperm="50"), API_URL
    )
    assert state(page) == (True, 2, 3, None, 5, 50)
    assert "stamp" in page.thread.unknown_fields  # the API sends the stamp's id only
    reward = parse_page(api(special="3", price="-20", displayorder="-2"), API_URL)
    assert (reward.thread.price, reward.thread.sticky) == (None, 0)  # a reward's, not a price
    assert parse_page(api(closed="9"), API_URL).thread.closed is False  # a moved stub's tid


def test_each_page_says_what_it_shows_and_leaves_the_rest(tmp_path):
    db = open_db(tmp_path / "a.db")

    def archive(content: str, url: str) -> None:
        archive_page(db, Page(source="p", url=url, content=content.encode(), fetched_at=NOW))

    columns = "closed, digest, sticky, stamp, price, readperm, unknown_fields"
    archive(api(closed="1", digest="1", displayorder="1", readperm="20"), API_URL)
    archive(desktop(X34_LOCK, STAMP), BASE)
    row = db.execute(f"select {columns} from threads").fetchone()
    assert row == (1, 1, 1, "热帖", 0, 20, "[]")
    archive(DESKTOP, BASE)  # opened again, its stamp gone from the page
    row = db.execute(f"select {columns} from threads").fetchone()
    assert row == (0, 1, 1, "热帖", 0, 20, "[]")  # a stamp not shown is not known gone


def test_odd_numbers_in_the_api_are_unknown_not_a_crash():
    page = parse_page(api(closed="--1", digest="²", displayorder="-2", readperm="①"), API_URL)
    assert (page.thread.closed, page.thread.digest, page.thread.sticky) == (None, None, 0)
    assert page.thread.readperm is None


def test_an_older_moderation_note_prints_its_date_bare():
    """dgmdate(…, 'u') titles a note's time only within a week; later the date stands alone."""
    note = (
        '<div class="modact"><a href="forum.php?mod=misc&amp;action=viewthreadmod&amp;tid=777">'
        "本主题由 老法师 于 2025-3-1 14:05 加入精华</a></div>"
    )
    html = DESKTOP.replace('<div class="pcb">', f'<div class="pcb">{note}', 1)
    got = parse_page(html, BASE, now=NOW).moderation
    assert (got.moderator, got.action, got.moderated_at) == (
        "老法师",
        "加入精华",
        "2025-03-01T14:05:00+08:00",
    )


def test_a_boards_subject_of_its_own_brackets_is_no_price():
    from archiver.parse.board import parse_board

    board = (FIXTURES / "states" / "forumdisplay" / "desktop-fid37.html").read_text("utf-8")
    board = board.replace("整理好的数码产品选购清单（付费）</a>", "[售价 100 金钱] 清单</a>")
    board = board.replace("新手第一次自己装电脑，点亮了！</a>", "[售价 100 金钱] 装电脑</a>")
    rows = {t.tid: t.price for t in parse_board(board, "http://127.0.0.1:8080/").threads}
    assert (rows[18], rows[15]) == (5, None)  # the list's own `- [售价 5 金钱]`, not the subject's


def test_a_browsers_mhtml_slot_without_onclick_is_the_stock_slot_only_by_its_words():
    # Chrome's MHTML keeps no on* attribute: the [复制链接] link is still the slot; a theme's
    # span of links to the thread (a page number) is not, so closed stays unknown there
    bare = '<a href="forum.php?mod=viewthread&amp;tid=777" >[复制链接]</a>'
    slot = DESKTOP.replace(COPY_LINK + "this, '示例数码社区')\" >[复制链接]</a>", bare, 1)
    assert bare in slot
    assert parse_page(slot, BASE, now=NOW).thread.closed is False
    pager = slot.replace(bare, '<a href="thread-777-2-1.html">2</a>', 1)
    assert parse_page(pager, BASE, now=NOW).thread.closed is None
