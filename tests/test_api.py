"""Mobile API viewthread responses (JSON) parse to exact rows and agree with desktop pages."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from archiver.decode import decode
from archiver.errors import LoginRequired, NoPermission, NotAThreadPage, ThreadNotFound
from archiver.parse import parse_page
from archiver.parse.api import parse_api

from .support import FIXTURES, corpus_dir, corpus_sets
from .test_touch import DESKTOP, SAME, assert_expected, lines, pick, read_saved

SETS = corpus_sets()
FEATURE = FIXTURES / "api" / "feature-thread-p1.json"
EXPECTED = FIXTURES / "expected" / "api" / "feature-thread-p1.json"
CST = dt.timezone(dt.timedelta(hours=8))
KEYLOL_URL = "https://keylol.com/api/mobile/index.php?version=4&module=viewthread&tid=890404"
S1_URL = "https://bbs.saraba1st.com/2b/api/mobile/index.php?module=viewthread&tid=1814693"


def corpus_json(name: str) -> tuple[dict, str]:
    path = corpus_dir("api") / name
    text = path.read_text("utf-8")
    return json.loads(text), text


def fields_of(obj: object, want: dict) -> dict:
    return {name: getattr(obj, name) for name in want}


def local_time(stamp: str) -> str:
    return dt.datetime.fromtimestamp(int(stamp), CST).isoformat()


def test_keylol_v4_with_attachments():
    data, text = corpus_json("keylol-v4-viewthread-attachments.json")
    page = parse_api(text, KEYLOL_URL)
    rows = data["Variables"]["postlist"]
    assert [(p.pid, p.floor, p.floor_label, p.author, p.uid) for p in page.posts] == [
        (int(r["pid"]), int(r["number"]), f"{r['number']}楼", r["author"], int(r["authorid"]))
        for r in rows
    ]  # the site's postno unit is 楼 with no custom names (cache_custominfo_postno ["楼", ""])
    assert [p.posted_at for p in page.posts] == [local_time(r["dbdateline"]) for r in rows]
    assert page.posts[0].posted_at == "2023-05-22T20:25:29+08:00"
    assert page.posts[0].posted_text == "前天 20:25"  # &nbsp; unescaped
    assert {p.posted_precision for p in page.posts} == {"second"}
    # status 8 = from a phone, 1024 = short post only, 1032 = both
    tags = {r["status"]: p.client_tag for r, p in zip(rows, page.posts, strict=True)}
    assert tags == {"8": "来自手机", "1024": None, "1032": "来自手机"}
    assert all(p.client_suffix is None for p in page.posts)
    first = page.posts[0]
    assert [(a.aid, a.kind, a.url, a.filename) for a in first.attachments] == [
        (aid, "image", f"https://blob.keylol.com/forum/{path}", name)
        for aid, path, name in [
            (1922222, "202305/22/202341ujswqjmuaj6bkfbk.jpg", "IMG_20230522_195252.jpg"),
            (1922223, "202305/22/202400a21pv61elnntjten.jpg", "IMG_20230522_195503.jpg"),
            (1922224, "202305/22/202402f6rt36qcnrcc88nr.jpg", "IMG_20230522_195637.jpg"),
            (1922225, "202305/22/202404asusc6ur2s2texxs.jpg", "IMG_20230522_195820.jpg"),
            (1922226, "202305/22/202404wq84c7ejexzaejaf.jpg", "IMG_20230522_195941.jpg"),
        ]
    ]
    assert first.attachments[0].size_text == "1.54 MB, 下载次数: 1"
    assert first.body_text == "三种形态，69元还要啥自行车，包装的挺好的，感觉不错"
    assert first.is_thread_author and not any(p.is_thread_author for p in page.posts[1:])
    assert page.posts[2].body_text == ""  # a smiley only: no text, and not an attachment
    assert page.posts[2].attachments == []
    want = {"site": "keylol.com", "tid": 890404, "fid": 330, "subject": "B站石纪元西瓜景品",
            "views": 716, "replies": 11, "thread_author": "欧阳蝶析",
            "thread_author_uid": 1097865, "page": 1, "pages": 1}  # fmt: skip
    assert fields_of(page.thread, want) == want
    assert {p.source for p in page.posts} == {"api"} and page.warnings == []


def test_keylol_no_permission():
    _data, text = corpus_json("keylol-v4-viewthread-no-permission.json")
    with pytest.raises(NoPermission) as raised:
        parse_api(text, KEYLOL_URL)
    message = str(raised.value)
    assert message.startswith(KEYLOL_URL + ": Discuz! says 「浏览本版块需要初阶会员或更高等级」")
    assert "\n" not in message and raised.value.exit_code == 5


def test_saraba1st_v1_trade_thread():
    _data, text = corpus_json("saraba1st-v1-viewthread-trade.json")
    page = parse_api(text, S1_URL)
    first, reply = page.posts
    want = {"pid": 42787580, "floor": 1, "floor_label": "楼主", "author": "sonic3908",
            "uid": 137121, "posted_at": "2019-03-03T23:27:35+08:00"}  # fmt: skip
    assert fields_of(first, want) == want
    assert (first.body_text, first.body_html, first.state) == ("", "", "normal")  # no message key
    assert [a.url for a in first.attachments] == [
        "https://img.saraba1st.com/forum/201903/03/232440u27tr24xzblc1kyb.jpeg",
        "https://img.saraba1st.com/forum/201903/03/232439c7zzndb331rylnnv.jpeg",
    ]
    want = {"pid": 42787586, "floor": 2, "floor_label": "2#", "client_tag": "来自手机"}
    assert fields_of(reply, want) == want  # status 1032: from a phone, short post
    assert reply.is_thread_author and reply.body_text.startswith("for手机用户：闪迪SSD PLUS")
    want = {"site": "bbs.saraba1st.com/2b", "tid": 1814693, "fid": 115, "subject": "固态硬盘 内存"}
    assert fields_of(page.thread, want) == want
    # special_trade: the item's own post 42787581 (between the two shown), 全新 (quality 1),
    # 1.00 元, no 原价 (costprice 0.00), 3 of them, in 深圳
    [item] = page.goods
    want = {"pid": 42787581, "name": "固态硬盘 内存条", "quality": "new", "price": "1.00",
            "cost_price": None, "credit": None, "closed": False, "amount": 3, "locus": "深圳",
            "seller": "sonic3908", "seller_uid": 137121}  # fmt: skip
    assert fields_of(item, want) == want


@pytest.mark.parametrize("set_name", SETS)
@pytest.mark.parametrize(
    "name, error",
    [
        ("missing_thread_tid9999_api_v4.json", ThreadNotFound),
        ("loginrequired_thread3_api_v4.json", LoginRequired),
    ],
)
def test_local_api_errors(set_name, name, error):
    path = corpus_dir(set_name) / name
    text, url, _now = read_saved(path)
    with pytest.raises(error) as raised:
        parse_api(text, url)
    message = str(raised.value)
    assert message.startswith(url + ": Discuz! says 「抱歉，") and "\n" not in message
    assert "mobile:" not in message  # untranslated messagestr replaced by the stock text


def feature_page():
    expected = json.loads(EXPECTED.read_text("utf-8"))
    now = dt.datetime.fromisoformat(expected["now"])
    return expected, parse_api(decode(FEATURE.read_bytes()).text, expected["url"], now=now)


def test_feature_fixture_matches_expected():
    expected, page = feature_page()
    assert_expected(page, expected)
    assert page.warnings == []
    comments = page.posts[1].comments
    assert [(c.posted_text, c.posted_at) for c in comments] == [
        ("5 小时前", "2025-03-15T09:20:37+08:00"),
        ("1 小时前", "2025-03-15T13:20:37+08:00"),
    ]


def test_api_and_desktop_pages_of_one_thread_agree():
    _expected, api = feature_page()
    desktop = parse_page(decode(DESKTOP.read_bytes()).text, str(DESKTOP))
    on_desktop = {p.pid: p for p in desktop.posts}
    # ppp 5: positions 1-5, of which 5 is the deleted floor; 6# is on API page 2
    assert set(on_desktop) - {p.pid for p in api.posts} == {2339014, 2340288}
    for post in api.posts:
        other = on_desktop[post.pid]
        assert pick(post, (*SAME, "is_thread_author")) == pick(other, (*SAME, "is_thread_author"))
        assert post.posted_at == other.posted_at, post.pid
        # the API drops [attach] codes of files from the message; desktop shows their names
        names = {a.filename for a in other.attachments if a.kind == "file"}
        assert lines(post.body_text) == [s for s in lines(other.body_text) if s not in names]
    fields = ("tid", "fid", "subject", "views", "replies", "pages", "thread_author_uid")
    assert pick(api.thread, fields) == pick(desktop.thread, fields)


def envelope(*posts: dict, **variables: object) -> str:
    thread = {
        "tid": "5",
        "fid": "2",
        "subject": "a &amp; b",
        "author": "x",
        "authorid": "3",
        "replies": str(len(posts)),
    }
    body = {"thread": thread, "fid": "2", "postlist": list(posts), "ppp": "10", **variables}
    return json.dumps({"Version": "4", "Charset": "UTF-8", "Variables": body})


def row(pid: int, **fields: str) -> dict:
    return {"pid": str(pid), "tid": "5", "number": str(pid), "dbdateline": "1700000000", **fields}


TAIL = "<br />来自: Android客户端"  # the official mobile plugin's tail for mobiletype 2
BANNED = "提示: <em>作者被禁止或删除 内容自动屏蔽</em>"
BLOCKED = "提示: <em>该帖被管理员或版主屏蔽</em>"


def test_authors_states_and_client_tags():
    hidden = '<div class="locked">游客，如果您要查看本帖隐藏内容请回复</div>'
    text = envelope(
        row(1, author="x", authorid="3", username="x", status="392", message=f"正文{TAIL}"),
        row(2, author="匿名", authorid="0", username="匿名", anonymous="1", message="m"),
        row(3, author="gone", authorid="9", message=BANNED),
        row(4, author="y", authorid="4", username="y", status="1", message=BLOCKED),
        row(5, author="z", authorid="6", username="z", message=hidden),
        row(6, author="w", authorid="0", message="guest post"),
        {"pid": "7", "position": "7", "dateline": "1970-1-1 08:00"},
    )
    page = parse_api(text, "http://h.example/bbs/api/mobile/index.php?module=viewthread&tid=5")
    got = [
        (p.author, p.uid, p.author_kind, p.state, p.client_tag, p.client_suffix) for p in page.posts
    ]
    assert got == [
        ("x", 3, "member", "normal", "来自手机", "来自: Android客户端"),  # 392 = 8 + mobiletype 2
        ("匿名", None, "anonymous", "normal", None, None),
        ("gone", 9, "deleted", "banned", None, None),
        ("y", 4, "member", "blocked", None, None),
        ("z", 6, "member", "hidden", None, None),
        ("w", None, "guest", "normal", None, None),
        (None, None, None, "deleted", None, None),
    ]
    assert page.posts[0].body_text == "正文" and page.posts[2].body_text == ""
    assert page.posts[0].posted_at == "2023-11-15T06:13:20+08:00"
    want = {"site": "h.example/bbs", "subject": "a & b", "pages": 1, "thread_author_uid": 3}
    assert fields_of(page.thread, want) == want
    assert page.posts[6].posted_at is None and page.posts[6].floor == 7


def test_timezone_and_floor_labels():
    posts = row(1, author="x", authorid="3", username="x"), row(12, author="y", authorid="4")
    text = envelope(*posts, cache_custominfo_postno=["楼", "楼主"])
    utc = dt.timezone.utc
    page = parse_api(text, "http://h.example/api/mobile/index.php?tid=5&page=2", timezone=utc)
    assert [(p.floor_label, p.posted_at) for p in page.posts] == [
        ("楼主", "2023-11-14T22:13:20+00:00"),
        ("12楼", "2023-11-14T22:13:20+00:00"),
    ]
    assert (page.thread.page, page.thread.timezone) == (2, "+00:00")


def test_sticky_copies_only_on_the_first_page():
    page_two = envelope(*(row(n, author="x", authorid="3", username="x") for n in (11, 12)))
    assert [p.is_sticky for p in parse_api(page_two).posts] == [False, False]  # no URL, no page
    first = row(1, author="x", authorid="3", username="x", first="1")
    page_one = envelope(first, row(30, author="y", authorid="4", username="y"))
    assert [p.is_sticky for p in parse_api(page_one).posts] == [False, True]


def test_site_without_a_url_comes_from_an_attachment():
    attachment = {
        "aid": "8",
        "url": "http://h.example/f/data/attachment/forum/",
        "attachment": "1.png",
        "isimage": "1",
    }
    page = parse_api(
        envelope(row(1, author="x", authorid="3", username="x", attachments={"8": attachment}))
    )
    assert page.thread.site == "h.example/f"
    assert page.warnings == [
        "no URL given: site guessed from an attachment URL (http://h.example/f/)"
    ]
    assert page.posts[0].attachments[0].url == "http://h.example/f/data/attachment/forum/1.png"


@pytest.mark.parametrize(
    "text, match",
    [
        ('{"error":"mobile_is_closed"}', "mobile API .* is switched off"),
        ('{"error":"module_not_exists"}', "no such module"),
        ("<html>not json</html>", r"not JSON \(Expecting value at line 1\)"),
        ('{"Version":"4"}', "not a Discuz! mobile API response"),
    ],
)
def test_non_thread_responses_are_refused(text, match):
    with pytest.raises(NotAThreadPage, match=match) as raised:
        parse_api(text, "api.json")
    assert str(raised.value).startswith("api.json: ")
