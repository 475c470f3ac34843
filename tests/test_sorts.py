"""主题分类 (a thread's type) and 分类信息 (its sort's values) from every rendering, stored.

The feature fixtures show the type `[讨论]` (typeid 23) in all three renderings; the sort's
box is spliced into them here as the templates draw it (forum/viewthread_node_body.htm,
touch/forum/viewthread.htm, the API's `threadsortshow`), with each kind of value the forum's
threadsortshow() prints: a unit, a checkbox's `&nbsp;` list, a select's `&raquo;` path, a
textarea's `<br />` lines, a protected 点击查看 link, an image, an empty option. The lab-rendered
pages of tests/test_sorts_lab.py check the same against a real forum's rows.
"""

from __future__ import annotations

import datetime as dt
import json

from archiver.archive.files import archive_page
from archiver.fetch import Page
from archiver.model import SortOption, ThreadSort
from archiver.parse import parse_page

from .support import FIXTURES

SITE = "bbs.feature.example/forum"
BASE = "http://bbs.feature.example/forum/"
API_URL = f"{BASE}api/mobile/index.php?version=4&module=viewthread&tid=777&page=1"
NOW = dt.datetime.fromisoformat("2025-03-15T14:20:37+08:00")
DESKTOP = (FIXTURES / "features" / "thread-p1.html").read_text(encoding="utf-8")
TOUCH = (FIXTURES / "touch" / "feature-thread-p1.html").read_text(encoding="utf-8")
API = json.loads((FIXTURES / "api" / "feature-thread-p1.json").read_text(encoding="utf-8"))

DESKTOP_BOX = """<div class="typeoption">
<table summary="分类信息" cellpadding="0" cellspacing="0" class="cgtl mbm">
<caption>房屋出租</caption>
<tbody>
<tr><th>小区名称:</th><td>阳光花园 </td></tr>
<tr><th>租金:</th><td>1500 元/月</td></tr>
<tr><th>配套:</th><td>空调&nbsp;洗衣机&nbsp; </td></tr>
<tr><th>区域:</th><td>海陵区 &raquo; 城东街道 </td></tr>
<tr><th>补充说明:</th><td>南北通透<br />
拎包入住 </td></tr>
<tr><th>联系电话:</th><td><span id="sortmessage_phone"><a href="###" onclick="ajaxget(\
'forum.php?mod=misc&action=protectsort&tid=777&optionid=7', 'sortmessage_phone');return false;">\
点击查看</a></span> </td></tr>
<tr><th>照片:</th><td><img src="data/attachment/forum/201503/15/room.jpg" \
onload="thumbImg(this)"  border="0"> </td></tr>
<tr><th>楼层:</th><td>-</td></tr>
</tbody>
</table>
</div>
"""
WANT = ThreadSort(
    name="房屋出租",
    sort_id=None,
    options=[
        SortOption("小区名称", "阳光花园"),
        SortOption("租金", "1500 元/月"),
        SortOption("配套", "空调 洗衣机"),
        SortOption("区域", "海陵区 » 城东街道"),
        SortOption("补充说明", "南北通透\n拎包入住"),
        SortOption("联系电话", None),
        SortOption("照片", "data/attachment/forum/201503/15/room.jpg"),
        SortOption("楼层", ""),
    ],
)
TOUCH_BOX = """<div class="box_ex2 viewsort">
<h4>房屋出租</h4>
小区名称: 阳光花园 <br />
租金: 1500 元/月<br />
配套: 空调&nbsp;洗衣机&nbsp; <br />
区域: 海陵区 &raquo; 城东街道 <br />
补充说明: 南北通透<br />
拎包入住 <br />
联系电话: 13800001111 <br />
照片: <a href="data/attachment/forum/201503/15/room.jpg" target="_blank">点击查看</a> <br />
楼层: <span class="grey">--</span><br />
</div>
"""
API_SORT = {
    "optionlist": [
        {"title": "小区名称", "type": "text", "value": "阳光花园", "optionid": "1"},
        {"title": "租金", "unit": "元/月", "type": "number", "value": "1500", "optionid": "2"},
        {"title": "配套", "type": "checkbox", "value": "空调&nbsp;洗衣机&nbsp;", "optionid": "3"},
        {"title": "区域", "type": "select", "value": "海陵区 &raquo; 城东街道", "optionid": "4"},
        {"title": "补充说明", "type": "textarea", "value": "南北通透<br />\r\n拎包入住"},
        {"title": "联系电话", "type": "text", "value": "13800001111", "optionid": "7"},
        {
            "title": "照片",
            "type": "image",
            "optionid": "8",
            "value": '<a href="data/attachment/'
            'forum/201503/15/room.jpg" target="_blank">点击查看</a>',
        },  # fmt: skip
        {"title": "楼层", "type": "number", "optionid": "9"},
        {"title": "说明", "type": "info", "value": "信息", "optionid": "10"},
    ],
    "threadsortname": "房屋出租",
}


def desktop_page(box: str = DESKTOP_BOX, html: str = DESKTOP) -> str:
    """The first post's box goes where the template draws it: in div.pcb, before div.t_fsz."""
    return html.replace('<div class="pcb">', f'<div class="pcb">{box}', 1)


def touch_page(box: str = TOUCH_BOX) -> str:
    """In the first post's div.message, before the message itself."""
    return TOUCH.replace('<div class="message">', f'<div class="message">{box}', 1)


def api_page(sort: dict | None = None, **thread: str) -> str:
    data = json.loads(json.dumps(API))
    data["Variables"]["threadsortshow"] = API_SORT if sort is None else sort
    data["Variables"]["thread"].update({"sortid": "4", **thread})
    return json.dumps(data, ensure_ascii=False)


def test_the_desktop_box_is_read_value_by_value():
    page = parse_page(desktop_page(), BASE, now=NOW)
    assert page.sort == WANT
    assert (page.thread.thread_type, page.thread.thread_type_id) == ("讨论", 23)


def test_the_touch_box_is_read_and_left_out_of_the_first_posts_text():
    plain = parse_page(TOUCH, BASE, now=NOW)
    page = parse_page(touch_page(), BASE, now=NOW)
    differs = {"联系电话": "13800001111", "楼层": None}  # protected on desktop only; `--` is 0 too
    want = [SortOption(o.title, differs.get(o.title, o.value)) for o in WANT.options]
    assert page.sort == ThreadSort("房屋出租", None, want)
    assert page.posts[0].body_text == plain.posts[0].body_text
    assert page.thread.thread_type == "讨论"


def test_the_api_sends_the_values_the_type_id_and_the_sort_id():
    page = parse_page(api_page(), API_URL, now=NOW)
    sent = {"联系电话": "13800001111"}  # protected on desktop only
    want = [SortOption(o.title, sent.get(o.title, o.value)) for o in WANT.options]
    assert page.sort == ThreadSort("房屋出租", 4, want)
    assert (page.thread.thread_type, page.thread.thread_type_id) == (None, 23)
    assert "thread_type" in page.thread.unknown_fields  # the API names no type


def test_an_expired_sort_shows_no_values():
    box = '<div class="typeoption">\n该信息已经过期\n</div>'
    assert parse_page(desktop_page(box), BASE, now=NOW).sort == ThreadSort(None, expired=True)
    api = parse_page(api_page({"optionlist": "expire"}), API_URL, now=NOW)
    assert api.sort == ThreadSort(None, 4, [], expired=True)


def test_a_plain_type_a_sort_link_and_a_subject_of_its_own_brackets():
    """Types not listable print `[类型]` as text; the subject's own `[转载]` stays its own."""
    plain = DESKTOP.replace(
        '<a href="forum.php?mod=forumdisplay&amp;fid=9&amp;filter=typeid&amp;typeid=23">[讨论]</a>',
        '[讨论]\n<a href="forum.php?mod=forumdisplay&amp;fid=9&amp;filter=sortid&amp;sortid=4">'
        "[房屋出租]</a>",
    ).replace('<span id="thread_subject">2025', '<span id="thread_subject">[转载] 2025')
    page = parse_page(plain, BASE, now=NOW)
    assert (page.thread.thread_type, page.thread.thread_type_id) == ("讨论", None)
    assert page.thread.subject.startswith("[转载] 2025 年")
    boxed = parse_page(desktop_page(DESKTOP_BOX.replace("<caption>房屋出租</caption>", ""), plain))
    assert (boxed.sort.name, boxed.sort.sort_id) == ("房屋出租", 4)  # from the h1's link
    touch = TOUCH.replace("2025 年手机厂商", "[转载] 2025 年手机厂商")  # h2 and <title>
    read = parse_page(touch, BASE, now=NOW).thread
    assert (read.thread_type, read.subject[:9]) == ("讨论", "[转载] 2025")


def test_x35_touch_puts_each_label_in_an_em():
    x35 = TOUCH.replace("[讨论]", "<em>[讨论]</em><em>[房屋出租]</em>")
    page = parse_page(touch_page().replace("[讨论]", "<em>[讨论]</em><em>[房屋出租]</em>"), BASE)
    assert page.thread.thread_type == "讨论"
    assert parse_page(x35, BASE).thread.thread_type == "讨论"  # no box: the first label
    assert page.thread.subject == "2025 年手机厂商 R&D 投入盘点：谁家影像进步最大？"


def sort_rows(db) -> tuple[list, list]:
    current = db.execute(
        "select sort_id, name, options, expired, rendering from thread_sorts where site = ?",
        [SITE],
    ).fetchall()
    earlier = db.execute(
        "select revision, options, rendering from thread_sort_revisions order by revision"
    ).fetchall()
    return current, earlier


def archive(db, content: str, url: str, at: dt.datetime = NOW) -> None:
    page = Page(source="page", url=url, content=content.encode("utf-8"), fetched_at=at)
    archive_page(db, page)


def test_renderings_fill_in_what_another_hid_and_make_no_revision(tmp_path):
    from archiver.store import open_db

    db = open_db(tmp_path / "a.db")
    archive(db, desktop_page(), BASE)
    archive(db, touch_page(), f"{BASE}forum.php?mod=viewthread&tid=777&mobile=2")
    archive(db, api_page(), API_URL)
    archive(db, desktop_page(), BASE)  # hides the phone again: it stays known
    current, earlier = sort_rows(db)
    values = {o.title: o.value for o in WANT.options} | {"联系电话": "13800001111"}
    assert current == [(4, "房屋出租", json.dumps(values, ensure_ascii=False), 0, "desktop")]
    assert earlier == []
    row = db.execute("select thread_type, thread_type_id, unknown_fields from threads").fetchone()
    assert row == ("讨论", 23, "[]")


def test_a_changed_value_keeps_the_earlier_state(tmp_path):
    from archiver.store import open_db

    db = open_db(tmp_path / "a.db")
    archive(db, desktop_page(), BASE)
    later = NOW + dt.timedelta(days=3)
    archive(db, desktop_page(DESKTOP_BOX.replace("1500 元/月", "1300 元/月")), BASE, later)
    current, earlier = sort_rows(db)
    assert json.loads(current[0][2])["租金"] == "1300 元/月"
    assert [(n, json.loads(options)["租金"], r) for n, options, r in earlier] == [
        (1, "1500 元/月", "desktop")
    ]


def test_show_and_the_exports_print_the_type_and_the_values(tmp_path):
    from typer.testing import CliRunner

    from archiver.cli import app
    from archiver.store import open_db

    path = tmp_path / "archive.db"
    db = open_db(path)
    archive(db, desktop_page(), BASE)
    archive(db, api_page(), API_URL)
    db.close()
    runner = CliRunner()
    exported = runner.invoke(app, ["export", "--db", str(path), "777", "-f", "json"])
    assert exported.exit_code == 0, exported.stderr
    data = json.loads(exported.stdout)
    assert (data["thread"]["thread_type"], data["thread"]["thread_type_id"]) == ("讨论", 23)
    assert data["sort"]["options"]["联系电话"] == "13800001111"
    assert (data["sort"]["name"], data["sort"]["sort_id"], data["sort"]["revisions"]) == (
        "房屋出租",
        4,
        [],
    )
    box = ["房屋出租", "小区名称: 阳光花园", "租金: 1500 元/月", "配套: 空调 洗衣机"]
    markdown = runner.invoke(app, ["export", "--db", str(path), "777", "-f", "markdown"]).stdout
    assert markdown.startswith("# \\[讨论\\] 2025 年手机厂商")  # brackets escaped
    assert "\n".join(f"> {line}" for line in box) in markdown
    assert "> 楼层: -" in markdown
    shown = runner.invoke(app, ["show", "--db", str(path), "777"], env={"COLUMNS": "200"}).stdout
    assert "[讨论] 2025 年手机厂商" in shown and "分类信息" in shown and "租金: 1500 元/月" in shown
    page = runner.invoke(app, ["export", "--db", str(path), "777", "-f", "html"]).stdout
    assert "<title>[讨论] 2025 年手机厂商" in page and "租金: 1500 元/月" in page


def test_a_page_that_shows_fewer_values_or_none_erases_nothing(tmp_path):
    """A theme that wraps the touch lines in a <p> reads no values, another prints 标题：值 with a
    full-width colon: what a page does not show is not gone, and makes no revision."""
    from archiver.store import open_db

    db = open_db(tmp_path / "a.db")
    archive(db, desktop_page(), BASE)
    wrapped = TOUCH_BOX.replace("<h4>房屋出租</h4>", "<h4>房屋出租</h4><p>").replace(
        "</div>", "</p></div>"
    )
    archive(db, touch_page(wrapped), f"{BASE}forum.php?mod=viewthread&tid=777&mobile=2")
    current, earlier = sort_rows(db)
    assert json.loads(current[0][2]) == {o.title: o.value for o in WANT.options}
    assert earlier == []
    wide = TOUCH_BOX.replace("租金: 1500", "租金：1500")
    assert SortOption("租金", "1500 元/月") in parse_page(touch_page(wide), BASE).sort.options


def test_a_theme_that_wraps_the_type_link_keeps_its_id():
    wrapped = DESKTOP.replace(
        '<a href="forum.php?mod=forumdisplay&amp;fid=9&amp;filter=typeid&amp;typeid=23">[讨论]</a>',
        '<em><a href="forum.php?mod=forumdisplay&amp;fid=9&amp;filter=typeid&amp;typeid=23">'
        "[讨论]</a></em>",
    )
    thread = parse_page(wrapped, BASE, now=NOW).thread
    assert (thread.thread_type, thread.thread_type_id) == ("讨论", 23)
