"""What posts hold, on pages a stock X3.4 forum rendered (fixtures/content): quotes, edits,
attachments, ratings, 点评, hidden and banned posts, a deleted account, an anonymous post, a
stuck reply, code, and the archive of all three renderings in either order.

Expected values come from the forum's own rows (groundtruth.json) and the steps that wrote
them (README.md there), never from the parser. Found by the ninth blind check.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from archiver.archive.files import archive_page
from archiver.check.report import check_page
from archiver.cli import app
from archiver.decode import decode
from archiver.fetch import Page
from archiver.model import Post, ReplyCredit, ThreadPage
from archiver.parse import parse_page
from archiver.parse.reply_credit import read_reply_credit
from archiver.store import open_db

from .support import FIXTURES

CONTENT = FIXTURES / "content"
TRUTH = json.loads((CONTENT / "groundtruth.json").read_text("utf-8"))
POSTS = {p["pid"]: p for p in TRUTH["posts"]}
SAVED = dt.datetime(2026, 12, 6, 4, 50, tzinfo=dt.timezone.utc)
DESKTOP = ["desktop-p1.html", "desktop-p2.html"]
TOUCH = [f"touch-p{n}.html" for n in range(1, 5)]
API = [f"api-v4-viewthread-p{n}.json" for n in range(1, 5)]
RECYCLED = 40  # deleted into the recycle bin: no rendering shows it


def url_of(name: str) -> str:
    return Path(f"{CONTENT / name}.url.txt").read_text("utf-8").split()[0]


def parsed(name: str) -> ThreadPage:
    return parse_page(decode((CONTENT / name).read_bytes()).text, url_of(name), now=SAVED)


def posts_of(names: list[str]) -> dict[int, Post]:
    return {p.pid: p for name in names for p in parsed(name).posts if not p.is_copy}


@pytest.mark.parametrize("names", [DESKTOP, TOUCH, API], ids=["desktop", "touch", "api"])
def test_every_shown_post_is_found_once_with_its_author(names):
    found = posts_of(names)
    assert sorted(found) == sorted(pid for pid in POSTS if pid != RECYCLED)
    for pid, post in found.items():
        row = POSTS[pid]
        if row["anonymous"]:
            assert (post.author, post.uid, post.author_kind) == ("匿名", None, "anonymous")
        else:
            assert (post.author, post.uid) == (row["author"], row["authorid"])


@pytest.mark.parametrize("names", [DESKTOP, TOUCH, API], ids=["desktop", "touch", "api"])
def test_quotes_name_what_they_quote(names):
    found = posts_of(names)
    by_pid = {pid: [(q.quoted_pid, q.quoted_author, q.quoted_time_text) for q in p.quotes]
              for pid, p in found.items()}  # fmt: skip
    assert by_pid[28] == [(26, "老王_元老", "2026-11-20 09:00")]  # the desktop form's quote
    # the touch form writes no findpost link: `NAME 发表于 TIME` in grey is the byline
    assert by_pid[46] == [(None, "lisa2019", "2026-11-20 10:30")]
    assert found[46].quotes[0].text == "报价很详细，收藏了。卫生间那一路你是用的 4 平方吗？"
    # desktop and touch print a quote's inner [quote] as text; the API nests it, bylined
    inner = [(None, "老王_元老", "2026-11-20 09:00")] if names is API else []
    assert by_pid[29] == [(28, "old_driver", "2026-11-20 14:05"), *inner]


def test_a_listed_image_attachment_keeps_its_size_not_its_name():
    post = posts_of(DESKTOP)[31]
    rows = {a["aid"]: a for a in TRUTH["forum_attachment"]}
    assert [(a.aid, a.kind, a.filename, a.size_text) for a in post.attachments] == [
        (aid, "image" if row["detail"]["isimage"] else "file", row["detail"]["filename"],
         f"{round(row['detail']['filesize'] / 1024, 2)} KB, 下载次数: {row['downloads']}")
        for aid, row in sorted(rows.items())
    ]  # fmt: skip


def test_ratings_and_comments_as_the_forum_holds_them():
    desktop, api = posts_of(DESKTOP), posts_of(API)
    titles = {k: v["title"] for k, v in TRUTH["settings"]["extcredits"].items()}
    rated = sorted((r.rater, r.rater_uid, r.credit, r.score, r.reason) for r in desktop[31].ratings)
    assert rated == sorted(
        (r["username"], r["uid"], titles[str(r["extcredits"])], r["score"], r["reason"])
        for r in TRUTH["forum_ratelog"]
    )
    want = sorted((c["author"], c["authorid"], c["comment"]) for c in TRUTH["forum_postcomment"])
    for found in (desktop, api):
        assert sorted((c.author, c.uid, c.text) for c in found[28].comments) == want


def test_states_of_moderated_and_hidden_posts():
    found = posts_of(DESKTOP)
    states = {pid: (p.state, p.author_kind) for pid, p in found.items() if pid >= 34}
    assert states == {
        34: ("hidden", "member"), 35: ("hidden", "member"),  # [hide], [hide=50]
        36: ("banned", "member"), 37: ("banned", "member"),  # 禁止发言, 禁止访问
        38: ("blocked", "member"),  # 屏蔽
        39: ("banned", "deleted"),  # the account deleted: 该用户已被删除
        41: ("normal", "member"), 42: ("normal", "member"), 43: ("normal", "anonymous"),
        44: ("normal", "member"), 45: ("normal", "member"), 46: ("normal", "member"),
    }  # fmt: skip
    assert (found[32].edited_by, found[33].edited_by) == ("张小喆", "阿强超版")  # author, moderator


def archive(db, names: list[str], at: dt.datetime) -> None:
    for name in names:
        page = Page(source=name, content=(CONTENT / name).read_bytes(), fetched_at=SAVED,
                    url=url_of(name))  # fmt: skip
        archive_page(db, page, archived_at=at)


@pytest.mark.parametrize(
    "order", [DESKTOP + TOUCH + API, API + TOUCH + DESKTOP, DESKTOP + TOUCH],
    ids=["desktop-touch-api", "api-touch-desktop", "desktop-touch"],
)  # fmt: skip
def test_three_renderings_of_unedited_posts_make_no_edits(tmp_path, order):
    """The API leaves the [code] block out and nests the inner quote; touch shows no 点评 and
    no image sizes: none of that is an edit, and the desktop's body and sets stay current."""
    db = open_db(tmp_path / "a.db")
    archive(db, order, dt.datetime(2026, 12, 6, 5, 0, tzinfo=dt.timezone.utc))
    assert list(db.query("select pid from post_revisions")) == []
    [code] = db.query("select rendering, body_text from posts where pid = 26")
    assert code["rendering"] == "desktop" and 'breaker = "C20"' in code["body_text"]
    comments = db.query("select author, replaced_at from comments where pid = 28")
    assert sorted((c["author"], c["replaced_at"]) for c in comments) == sorted(
        (c["author"], None) for c in TRUTH["forum_postcomment"]
    )
    sizes = list(
        db.query("select size_text from attachments where pid = 31 and replaced_at is null")
    )
    assert [s["size_text"] for s in sizes] == ["6.15 KB, 下载次数: 0", "2.19 KB, 下载次数: 2"]
    # the stuck reply: desktop and touch show its copy on page 1 with no floor, the API with
    # its number (the forum's position); the first floor seen is its position
    [stuck] = db.query("select floor, position from posts where pid = 42")
    first_seen = POSTS[42]["position"] if order[0] in API else 16  # desktop's and touch's 16#
    assert stuck["position"] == first_seen and stuck["floor"] == 16


@pytest.mark.parametrize("names", [DESKTOP, TOUCH, API], ids=["desktop", "touch", "api"])
def test_the_warned_post_is_marked_in_every_rendering(names):
    warned = sorted(w["pid"] for w in TRUTH["forum_warning"])
    assert warned == sorted(pid for pid, row in POSTS.items() if row["status"] & 2)
    assert sorted(pid for pid, post in posts_of(names).items() if post.is_warned) == warned


def test_the_warning_is_kept_as_a_mark(tmp_path):
    db = open_db(tmp_path / "a.db")
    at = dt.datetime(2026, 12, 6, 5, 0, tzinfo=dt.timezone.utc)
    archive(db, DESKTOP, at)
    marked = db.query("select pid, warned_first_seen_at, warned_last_seen_at from posts "
                      "where warned_first_seen_at is not null")  # fmt: skip
    stamp = at.isoformat(timespec="seconds")
    assert list(marked) == [
        {"pid": w["pid"], "warned_first_seen_at": stamp, "warned_last_seen_at": stamp}
        for w in TRUTH["forum_warning"]
    ]


def test_show_and_markdown_say_the_warning(tmp_path):
    path = tmp_path / "a.db"
    db = open_db(path)
    archive(db, DESKTOP, dt.datetime(2026, 12, 6, 5, 0, tzinfo=dt.timezone.utc))
    db.close()
    runner = CliRunner()
    markdown = runner.invoke(app, ["export", "--db", str(path), "2", "-f", "markdown"]).stdout
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    warned = [h for h in headings if h.endswith("受到警告")]
    assert warned == [next(h for h in headings if h.startswith("## 15#"))]  # pid 41, 15#
    shown = runner.invoke(app, ["show", "--db", str(path), "2"]).stdout
    assert shown.count("受到警告") == 1


CODE_LINES = ("# 厨房回路", 'breaker = "C20"', "wire_mm2 = 4")
CODE = "\n\n".join((*CODE_LINES, 'print(f"厨房 {wire_mm2} 平方线, 空开 {breaker}")'))


@pytest.mark.parametrize("names", [DESKTOP, TOUCH, API], ids=["desktop", "touch", "api"])
def test_code_blocks_are_read_where_the_rendering_shows_them(names):
    blocks = {pid: post.code_blocks for pid, post in posts_of(names).items() if post.code_blocks}
    assert blocks == ({} if names == API else {26: (CODE,)})  # the API leaves [code] out


def test_an_api_page_that_deleted_words_beside_a_code_block_is_an_edit(tmp_path):
    """Its text is still a subsequence of the desktop's; only the code block may be missing."""
    db = open_db(tmp_path / "a.db")
    archive(db, DESKTOP, dt.datetime(2026, 12, 6, 5, 0, tzinfo=dt.timezone.utc))
    answer = json.loads((CONTENT / API[0]).read_text("utf-8"))
    [first] = [p for p in answer["Variables"]["postlist"] if p["pid"] == "26"]
    assert "，欢迎拍砖" in first["message"]
    first["message"] = first["message"].replace("，欢迎拍砖", "")
    later = Page(source="edited.json", content=json.dumps(answer).encode(), url=url_of(API[0]),
                 fetched_at=SAVED)  # fmt: skip
    archive_page(db, later, archived_at=dt.datetime(2026, 12, 7, tzinfo=dt.timezone.utc))
    [kept] = db.query("select pid, rendering, body_text from post_revisions")
    assert (kept["pid"], kept["rendering"]) == (26, "desktop") and "欢迎拍砖" in kept["body_text"]
    [now] = db.query("select rendering, body_text, code_blocks from posts where pid = 26")
    assert (now["rendering"], json.loads(now["code_blocks"])) == ("api", [])
    assert "欢迎拍砖" not in now["body_text"]


def test_the_migration_fills_the_code_blocks_of_posts_archived_before_it(tmp_path):
    db = open_db(tmp_path / "a.db")
    archive(db, DESKTOP, dt.datetime(2026, 12, 6, 5, 0, tzinfo=dt.timezone.utc))
    db.execute("ALTER TABLE posts DROP COLUMN code_blocks")
    db.execute("DELETE FROM _sqlite_migrations WHERE name = 'm023_add_post_code_blocks'")
    db.conn.commit()
    db.close()
    db = open_db(tmp_path / "a.db")
    held = {r["pid"]: json.loads(r["code_blocks"]) for r in db.query("select * from posts")}
    assert {pid: blocks for pid, blocks in held.items() if blocks} == {26: [CODE]}
    assert len(held) == len(posts_of(DESKTOP))


def credited() -> dict[int, int]:
    """forum_post.replycredit: each reply's 回帖奖励, as the forum holds it."""
    return {pid: row["replycredit"] for pid, row in POSTS.items() if row["replycredit"]}


def credit_name() -> str:
    """The credit the thread's 回帖奖励 pays, by its forum_replycredit rule: 金钱."""
    [rule] = TRUTH["forum_replycredit"]
    credit = TRUTH["settings"]["extcredits"][str(rule["extcreditstype"])]
    return credit["unit"] + credit["title"]


@pytest.mark.parametrize("names", [DESKTOP, TOUCH, API], ids=["desktop", "touch", "api"])
def test_reply_credits_as_the_forum_holds_them(names):
    shown = {pid: post.reply_credit for pid, post in posts_of(names).items() if post.reply_credit}
    name = {"desktop": credit_name(), "api": None}  # the API gives the amount only
    expected = {} if names == TOUCH else {
        pid: ReplyCredit(credits, name["desktop" if names == DESKTOP else "api"])
        for pid, credits in credited().items()
    }  # fmt: skip
    assert len(credited()) == 10 and shown == expected  # touch never shows them


@pytest.mark.parametrize(
    "order", [TOUCH + API + DESKTOP, DESKTOP + API + TOUCH], ids=["tad", "dat"]
)
def test_reply_credits_are_kept_from_whichever_rendering_shows_them(tmp_path, order):
    db = open_db(tmp_path / "a.db")
    archive(db, order, dt.datetime(2026, 12, 6, 5, 0, tzinfo=dt.timezone.utc))
    rows = db.query("select pid, reply_credit, reply_credit_name, unknown_fields from posts "
                    "where reply_credit is not null")  # fmt: skip
    assert {
        r["pid"]: (r["reply_credit"], r["reply_credit_name"], r["unknown_fields"]) for r in rows
    } == {pid: (credits, credit_name(), "[]") for pid, credits in credited().items()}
    assert list(db.query("select pid from post_revisions")) == []


def test_a_reply_credit_heading_is_read_in_both_scripts():
    assert read_reply_credit("回帖奖励 +5 金钱") == ReplyCredit(5, "金钱")
    assert read_reply_credit("回帖獎勵 +12 枚金幣") == ReplyCredit(12, "枚金幣")
    assert read_reply_credit("评分") is None and read_reply_credit("点评") is None


def test_show_and_markdown_say_each_reply_credit(tmp_path):
    path = tmp_path / "a.db"
    db = open_db(path)
    archive(db, DESKTOP, dt.datetime(2026, 12, 6, 5, 0, tzinfo=dt.timezone.utc))
    labels = {r["pid"]: r["floor_label"] for r in db.query("select pid, floor_label from posts")}
    db.close()
    runner = CliRunner()
    markdown = runner.invoke(app, ["export", "--db", str(path), "2", "-f", "markdown"]).stdout
    headings = [line for line in markdown.splitlines() if line.startswith("## ")]
    said = [h.split(" ")[1] for h in headings if h.endswith(f"回帖奖励 +5 {credit_name()}")]
    assert said == [labels[pid] for pid in sorted(credited(), key=lambda p: POSTS[p]["position"])]
    wide = {"COLUMNS": "200"}  # show draws each post's head in its panel's top border
    shown = runner.invoke(app, ["show", "--db", str(path), "2"], env=wide).stdout
    assert shown.count(f"回帖奖励 +5 {credit_name()}") == len(credited())
    page = runner.invoke(app, ["export", "--db", str(path), "2", "-f", "html"]).stdout
    articles = re.findall(r"<article id='pid(\d+)'>.*?</article>", page, re.S)
    credit = f"<span class='badge'>回帖奖励 +5 {credit_name()}</span>"
    marked = [int(m.group(1)) for m in re.finditer(r"<article id='pid(\d+)'>(?:(?!</article>).)*"
              + re.escape(credit), page, re.S)]  # fmt: skip
    assert len(articles) == len(labels) and sorted(marked) == sorted(credited())
    warned = {w["pid"] for w in TRUTH["forum_warning"]}
    says = [int(m.group(1)) for m in re.finditer(r"<article id='pid(\d+)'>(?:(?!</article>).)*"
            "<span class='badge'>受到警告</span>", page, re.S)]  # fmt: skip
    assert sorted(says) == sorted(warned)


def test_check_names_each_post_s_marks():
    """`check` shows a warning and a reply's 回帖奖励 where the page showed them."""
    warned = {w["pid"] for w in TRUTH["forum_warning"]}
    marks: dict[int, list[str]] = {}
    for name in DESKTOP:
        content = (CONTENT / name).read_bytes()
        page = Page(source=name, content=content, fetched_at=SAVED, url=url_of(name))
        marks.update({post.pid: post.marks for post in check_page(page).posts})
    credit = {pid: [f"回帖奖励 +{n} {credit_name()}"] for pid, n in credited().items()}
    assert warned <= set(marks)
    assert marks == {pid: ["受到警告"] * (pid in warned) + credit.get(pid, []) for pid in marks}
