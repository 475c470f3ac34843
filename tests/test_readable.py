"""What people read: times as the forum shows them, states in its words, Markdown that cannot
turn a post into markup, [code] kept as code; and two edges of archiving (a board that answers
404, saved API answers in a folder).
"""

from __future__ import annotations

import shutil

import pytest
from typer.testing import CliRunner

from archiver.cli.main import app
from archiver.read.export import to_html, to_markdown
from archiver.read.search import ThreadDoc

from .discuz_server import page, start_server
from .support import FIXTURES

runner = CliRunner()


@pytest.fixture(scope="module")
def features(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("readable") / "a.db")
    assert runner.invoke(app, ["archive", str(FIXTURES / "features"), "--db", db]).exit_code == 0
    return db


def export(db: str, fmt: str) -> str:
    result = runner.invoke(app, ["export", "777", "--db", db, "-f", fmt])
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_markdown_headings_read_like_the_forum(features):
    headings = [line for line in export(features, "markdown").splitlines() if line[:3] == "## "]
    assert headings[:6] == [
        "## 楼主 · 数码老K · 论坛元老 · Rank 8 · 2024-12-01 09:05 · "
        "数码老K 编辑于 2025-03-14 22:10",
        "## 沙发 · 像素控 · 中级会员 · Rank 3 · 2024-12-03 21:09",
        "## 板凳 · 老法师 · 版主 · Rank 7 · 2025-03-08 11:30 · 来自手机 · 支持 12",
        "## 地板 · 匿名 · 2025-03-12 08:15 · 支持 3 · 反对 5",  # the replies' 支持 / 反对
        "## 5# · (无作者) · 无效楼层，该帖已经被删除",
        "## 6# · cam\\_fan88 · 2025-03-13 21:47 · 作者被禁止或删除 内容自动屏蔽",
    ]


def test_states_in_the_forums_words_where_the_text_would_be(features):
    markdown = export(features, "markdown")
    assert "\n*作者被禁止或删除 内容自动屏蔽*\n" in markdown
    assert "\n*本帖为密码帖*\n" in markdown
    html = export(features, "html")
    assert "<p class='placeholder'>作者被禁止或删除 内容自动屏蔽</p>" in html
    assert ">banned<" not in html and ">deleted<" not in html


def test_code_stays_code(features):
    lines = export(features, "markdown").splitlines()
    start = lines.index("```")
    assert lines[start : start + 4] == [
        "```",
        "exiftool -csv -Model -LensModel -FNumber -ExposureTime -ISO ./samples > exif.csv",
        "exiftool -s -s -s -DateTimeOriginal IMG_0412.JPG",
        "```",
    ]
    html = export(features, "html")
    assert (
        "<pre><code>exiftool -csv -Model -LensModel -FNumber -ExposureTime -ISO ./samples"
        " &gt; exif.csv\nexiftool -s -s -s -DateTimeOriginal IMG_0412.JPG</code></pre>" in html
    )
    assert "<ol><li>exiftool" not in html


def test_html_time_keeps_the_iso_time_one_hover_away(features):
    assert (
        "<time datetime='2024-12-01T09:05:03+08:00' title='2024-12-01T09:05:03+08:00'>"
        "2024-12-01 09:05</time>"
    ) in export(features, "html")


def test_show_reads_like_the_forum(features):
    result = runner.invoke(app, ["show", "777", "--db", features])
    assert result.exit_code == 0, result.stderr
    assert "2024-12-01 09:05" in result.stdout and "T09:05:03" not in result.stdout
    assert "作者被禁止或删除 内容自动屏蔽" in result.stdout and " banned" not in result.stdout


def _post(**fields):
    post = {
        "pid": 1, "floor": 2, "floor_label": "2#", "author": "x", "is_thread_author": 0,
        "author_panel": None, "posted_at": None, "posted_text": None, "posted_precision": None,
        "client_tag": None, "state": "normal", "quotes": [], "attachments": [],
        "body_text": "", "body_html": "",
    }  # fmt: skip
    return {**post, **fields}


def test_markdown_escapes_post_text():
    hostile = "<script>alert(1)</script>\n# heading\n[x](javascript:alert(1))\n1. list\n- item"
    doc = ThreadDoc(
        {"site": "s", "tid": 1, "subject": "*bold* <b>", "forum_path": None},
        [_post(body_text=hostile, attachments=[
            {"kind": "image", "filename": "a](javascript:x)", "url": "javascript:alert(1)"}])],
    )  # fmt: skip
    lines = to_markdown(doc).splitlines()
    assert lines[0] == "# \\*bold\\* \\<b\\>"
    assert lines[-6:] == [
        "\\<script\\>alert(1)\\</script\\>",
        "\\# heading",
        "\\[x\\](javascript:alert(1))",
        "1\\. list",
        "\\- item",
        "![a\\](javascript:x)](<>)",  # only http(s) targets survive
    ]


def test_html_state_words_and_no_english_state():
    doc = ThreadDoc({"site": "s", "tid": 1, "subject": "t"}, [_post(state="blocked")])
    page_html = to_html(doc)
    assert "该帖被管理员或版主屏蔽" in page_html and ">blocked<" not in page_html


def test_a_board_that_answers_404_says_so(tmp_path):
    with start_server({"/forum.php?mod=forumdisplay&fid=9&page=1": page("nope", status=404)}) as s:
        result = runner.invoke(
            app, ["archive-board", s.url("/forum-9-1.html"), "--db", str(tmp_path / "a.db"),
                  "--delay", "0", "-q"],
        )  # fmt: skip
    [line] = result.stderr.splitlines()
    assert result.exit_code == 7 and "HTTP 404: the forum has no such board here" in line


def test_saved_api_answers_in_a_folder_are_archived_with_their_site(tmp_path):
    folder = tmp_path / "saved"
    folder.mkdir()
    shutil.copy(FIXTURES / "api" / "feature-thread-p1.json", folder / "t.json")
    (folder / "notes.json").write_text('{"not": "an API answer"}')
    db = str(tmp_path / "a.db")
    result = runner.invoke(app, ["archive", str(folder), "--db", db, "--json"])
    assert result.exit_code == 0, result.stderr
    assert "site guessed from the avatar URL (http://bbs.feature.example/forum/)" in result.stderr
    sites = runner.invoke(app, ["query", "--db", db, "--csv", "select site from threads"])
    assert sites.stdout.splitlines() == ["site", "bbs.feature.example/forum"]
