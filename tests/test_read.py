"""Getting things back out: Chinese search, show, export and Datasette."""

from __future__ import annotations

import asyncio
import json
import sqlite3
import warnings

import pytest
from selectolax.lexbor import LexborHTMLParser
from typer.testing import CliRunner

from archiver.archive.files import archive_files
from archiver.cli.main import app
from archiver.read.export import sanitize
from archiver.store import open_db

from .support import FIXTURES

INPUTS = [
    str(FIXTURES / "seed-thread.html"),
    str(FIXTURES / "features"),
    str(FIXTURES / "variants"),
]
runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("read") / "archive.db"
    outcomes = archive_files(open_db(path), INPUTS)
    assert [o.error for o in outcomes] == [None] * len(outcomes)
    return str(path)


def containing(db, word):
    """The posts whose clean text has the word, found without the search code."""
    conn = sqlite3.connect(db)
    rows = conn.execute("select pid, body_text from posts").fetchall()
    return sorted(pid for pid, text in rows if word in (text or ""))


def search(db, *args):
    result = runner.invoke(app, ["search", "--db", db, "--json", "--limit", "1000", *args])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.parametrize("word", ["泰州", "停车", "对焦", "医药高新区", "白鹭湾游客", "夜景"])
def test_search_finds_exactly_the_posts_that_contain_the_word(db, word):
    expected = containing(db, word)
    assert expected, f"the fixtures should contain {word}"
    hits = search(db, word)
    assert sorted(h["pid"] for h in hits) == expected
    assert all(f"[{word}]" in h["snippet"] for h in hits)


@pytest.mark.parametrize("word", ["不存在的词语", "无", "量子纠缠"])
def test_a_word_that_appears_nowhere_finds_nothing(db, word):
    assert containing(db, word) == []
    assert search(db, word) == []


def test_several_terms_and_filters(db):
    both = sorted(set(containing(db, "医药高新区")) & set(containing(db, "泰州")))
    assert sorted(h["pid"] for h in search(db, "医药高新区 泰州")) == both
    assert search(db, "泰州", "--author", "老街坊") == []
    hits = search(
        db, "泰州", "--author", "泰州日报", "--since", "2024-10-24", "--until", "2024-10-24"
    )
    assert [h["pid"] for h in hits] == [40156231]
    assert search(db, "泰州", "--since", "2024-10-25") == []
    assert search(db, "泰州", "--site", "bbs.feature.example/forum") == []


def test_search_text_output(db):
    result = runner.invoke(app, ["search", "--db", db, "融合两年"])
    assert result.exit_code == 0
    assert result.stdout.splitlines() == [
        "市委书记姜冬冬到医药高新区(高港区)调研：打造产业新高地 勇当发展排头兵 · tid 3068512 · "
        "4楼 · 高港人 · 2024-10-25 08:46",
        "    [融合两年]了,一加一大于二了吗",
    ]


def test_show(db):
    result = runner.invoke(app, ["show", "--db", db, "3068512"])
    assert result.exit_code == 0, result.stderr
    for text in ("泰州日报", "老街坊", "金牌会员", "Rank 6", "来自安卓客户端", "融合两年了"):
        assert text in result.stdout
    missing = runner.invoke(app, ["show", "--db", db, "42"])
    assert missing.exit_code == 2
    assert missing.stderr == "error: tid 42: no such thread in the archive\n"


def test_export_markdown(db):
    result = runner.invoke(app, ["export", "--db", db, "3068512", "--format", "markdown"])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[:4] == [
        "# 市委书记姜冬冬到医药高新区(高港区)调研：打造产业新高地 勇当发展排头兵",
        "",
        "bbs.taizhou.example · tid 3068512 · 泰州资讯 › 泰州新闻",
        "查看 1523 · 回复 3",
    ]
    headings = [line for line in lines if line.startswith("## ")]
    assert headings == [
        "## 楼主 · 泰州日报 · 2024-10-24 18:32",  # 楼主 once; the time as the forum shows it
        "## 2# · 老街坊 · 金牌会员 · Rank 6 · 2024-10-24 19:05",
        "## 3# · 泰州日报 · 楼主 · 2024-10-24 20:17 · 来自安卓客户端",
        "## 4# · 高港人 · 高级会员 · Rank 4 · 2024-10-25 08:46 · 来自安卓客户端",
    ]


def test_export_json_is_one_documented_document(db, tmp_path):
    out = tmp_path / "t.json"
    result = runner.invoke(app, ["export", "--db", db, "777", "-f", "json", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    doc = json.loads(out.read_text("utf-8"))
    assert (doc["format"], doc["version"]) == ("discuz-archiver/thread", 1)
    assert doc["thread"]["tid"] == 777 and doc["thread"]["page_count"] == 3
    floors = [p["floor"] for p in doc["posts"]]
    assert floors == sorted(f for f in floors if f is not None) + [None] * floors.count(None)
    keys = {"pid", "floor", "author", "posted_at", "body_text", "body_html", "author_panel",
            "quotes", "attachments", "ratings", "comments", "client_tag", "state"}  # fmt: skip
    assert all(keys <= set(p) for p in doc["posts"])
    rated = [p for p in doc["posts"] if p["ratings"]]
    assert rated and all({"rater", "credit", "score"} <= set(r) for r in rated[0]["ratings"])


def active_content(html: str) -> list[str]:
    tree = LexborHTMLParser(html)
    found = [n.tag for n in tree.css("script, iframe, object, embed, frame, form, svg")]
    for node in tree.css("*"):
        for name, value in node.attributes.items():
            if name.lower().startswith("on"):
                found.append(f"{node.tag}[{name}]")
            if name in ("href", "src") and (value or "").strip().lower().startswith(
                ("javascript:", "vbscript:", "data:text")
            ):
                found.append(f"{node.tag}[{name}={value}]")
    return found


def test_export_html_has_no_active_content(db, tmp_path):
    out = tmp_path / "all"
    result = runner.invoke(app, ["export", "--db", db, "--all", "-f", "html", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    files = sorted(out.iterdir())
    assert len(files) == 15  # every fixture thread: seed, features, thirteen variants
    for path in files:
        html = path.read_text("utf-8")
        assert active_content(html) == [], path.name
        assert "<article" in html
    page = (out / "bbs.feature.example_forum-777.html").read_text("utf-8")
    posts = sqlite3.connect(db).execute("select count(*) from posts where tid = 777").fetchone()
    assert page.count("<article") == posts[0] == 15
    assert "<blockquote>" in page


def test_sanitize_removes_everything_that_could_run():
    hostile = (
        '<p onclick="x()">hi<script>alert(1)</script><iframe src="http://e"></iframe>'
        '<img src="javascript:alert(1)" onerror="alert(2)"><a href="JaVaScRiPt:alert(3)">a</a>'
        '<a href="http://ok.example/">ok</a><svg><script>1</script></svg>'
        '<object data="x"></object><style>body{}</style><form><input></form>'
        '<img src="https://img.example/a.jpg" alt="a"></p>'
    )
    clean = sanitize(hostile)
    assert active_content(f"<html><body>{clean}</body></html>") == []
    assert "alert" not in clean
    assert '<a href="http://ok.example/" rel="nofollow noopener noreferrer">ok</a>' in clean
    assert '<img src="https://img.example/a.jpg" alt="a">' in clean


@pytest.mark.parametrize(
    "fragment, kept",
    [
        ("first</div>second", "firstsecond"),  # a stray end tag cuts nothing off
        ("<b>first</b></p></td>second", "<b>first</b><p></p>second"),
        ("<marquee>moving</marquee>", "moving"),  # unknown tags unwrap, their text stays
        ('<a href="forum.php?mod=viewthread&amp;tid=1">t</a>',
         '<a href="forum.php?mod=viewthread&amp;tid=1" rel="nofollow noopener noreferrer">t</a>'),
    ],
)  # fmt: skip
def test_sanitize_keeps_the_text_of_broken_markup(fragment, kept):
    assert sanitize(fragment) == kept


def test_datasette_metadata_command():
    result = runner.invoke(app, ["datasette-metadata"])
    meta = json.loads(result.stdout)
    tables = meta["databases"]["archive"]["tables"]
    assert tables["posts"]["fts_table"] == "posts_fts"
    assert tables["posts_fts"] == {"hidden": True}


def test_datasette_serves_the_archive(db):
    datasette = pytest.importorskip("datasette.app", reason="datasette extra not installed")
    from archiver.read.datasette import metadata

    async def fetch():
        ds = datasette.Datasette([db], metadata=metadata("archive"))
        tables = await ds.client.get("/archive.json")
        found = await ds.client.get("/archive/posts.json?_search=医药高新区&_shape=array")
        view = await ds.client.get("/archive/thread_posts.json?_shape=array&tid=3068512")
        return tables, found, view

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        tables, found, view = asyncio.run(fetch())
    assert tables.status_code == 200
    names = {t["name"] for t in tables.json()["tables"]}
    assert {"threads", "posts", "users", "pages"} <= names
    assert [row["pid"] for row in found.json()] == containing(db, "医药高新区")
    assert [row["floor"] for row in view.json()] == [1, 2, 3, 4]


def test_a_word_is_found_in_both_scripts(db):
    """烟花 (simplified) and 煙花 (traditional): the dm and tz0 sites write one, the hk site the
    other; --exact keeps to the script typed. One character (no trigram) goes the same way."""
    simplified, traditional = containing(db, "烟花"), containing(db, "煙花")
    assert (len(simplified), len(traditional)) == (2, 1)
    for word in ("烟花", "煙花", "烟", "煙"):
        hits = search(db, word)
        assert sorted(h["pid"] for h in hits) == sorted(simplified + traditional), word
        assert all("[烟" in h["snippet"] or "[煙" in h["snippet"] for h in hits)
    assert sorted(h["pid"] for h in search(db, "烟花", "--exact")) == simplified
    assert sorted(h["pid"] for h in search(db, "煙花", "--exact")) == traditional
    # every term in any script: both words in one post of the hk thread
    assert [h["pid"] for h in search(db, "烟花 排队")] == containing(db, "排隊排了")


def test_spellings():
    from archiver.read.scripts import spellings

    assert spellings("烟花") == ["烟花", "煙花"]
    assert spellings("發表於") == ["發表於", "发表于"]
    assert spellings("Happy") == ["Happy"]


def test_the_edit_note_is_shown_where_the_text_lost_it(db):
    """本帖最後由 Tea_Time 於 2025-1-2 09:15 編輯 left the body for edited_by / edited_at:
    Markdown, HTML and show give it back beside the post's time."""
    args = ["--db", db, "2201", "--site", "www.hk.example/forum"]
    markdown = runner.invoke(app, ["export", *args, "--format", "markdown"])
    assert markdown.exit_code == 0, markdown.stderr
    headings = [line for line in markdown.stdout.splitlines() if line.startswith("## ")]
    assert headings[1] == (
        "## 2# · Tea\\_Time · 新手上路 · Rank 1 · 2025-01-01 00:00 · 來自手機 · "
        "Tea\\_Time 编辑于 2025-01-02 09:15"  # Markdown escapes the underscore
    )
    html = runner.invoke(app, ["export", *args, "--format", "html"])
    assert "<span class='edited'>Tea_Time 编辑于 2025-01-02 09:15</span>" in html.stdout
    shown = runner.invoke(app, ["show", *args])
    assert "Tea_Time 编辑于 2025-01-02 09:15" in shown.stdout


def test_starter_badge_is_not_said_twice():
    from archiver.read.shown import starter_badge

    post = {"is_thread_author": True}
    assert [starter_badge(post, label) for label in ("1#", "楼主", "樓主")] == [True, False, False]
    assert starter_badge({"is_thread_author": False}, "3#") is False


def test_an_author_name_in_either_script(db):
    assert [h["pid"] for h in search(db, "煙花", "--author", "维港雾")] == containing(db, "煙花")
    assert search(db, "煙花", "--author", "维港雾", "--exact") == []
