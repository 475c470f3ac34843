"""`discuz-archiver check`: what the parser reads from a page and which rule found it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from archiver import __version__, parse_page
from archiver.check import check_page
from archiver.cli.main import app
from archiver.decode import decode
from archiver.fetch import read_page

from .discuz_server import page, start_server
from .mirrors import httrack
from .support import FIXTURES, ROOT

runner = CliRunner()
INLINE = "fixtures/variants/theme-inline-author.html"
INLINE_PAGE = ROOT / INLINE

INLINE_REPORT = f"""\
page {INLINE}
  charset utf-8 (declared utf-8)
  rendering desktop, Discuz! X3.2; bbs.inline.example tid 9034, page 1 of 1, 3 posts; views missing, replies missing
  post 770301
    floor      1  [fallback: order on the page]
    label      missing
    author     风车骑士  [fallback: named space link with the uid (avatar link has no name)]
    uid        5120  [fallback: named space link with the uid (avatar link has no name)]
    time       2024-04-18T20:31:00+08:00  [stock em#authorpostonPID]
    client tag missing
    body       这周末天气不错，想骑一段江边线，求推荐路线。  [stock td#postmessage_PID]
    panel      missing
  post 770318
    floor      2  [fallback: order on the page]
    label      missing
    author     小轮车阿杜  [fallback: named space link with the uid (avatar link has no name)]
    uid        6034  [fallback: named space link with the uid (avatar link has no name)]
    time       2024-04-19T00:00:00+08:00  [stock em#authorpostonPID]
    client tag missing
    body       滨江大道往北，到湿地公园掉头，四十公里左右。  [stock td#postmessage_PID]
    panel      missing
  post 770342
    floor      3  [fallback: order on the page]
    label      missing
    author     风车骑士  [fallback: named space link with the uid (avatar link has no name)]
    uid        5120  [fallback: named space link with the uid (avatar link has no name)]
    time       2024-04-20T09:58:12+08:00  [stock em#authorpostonPID]
    client tag missing
    body       收到，周六早上七点出发。  [stock td#postmessage_PID]
    panel      missing
--- discuz-archiver {__version__} check: 1 page(s) ---
theme-inline-author.html: desktop, Discuz! X3.2, utf-8, saved as page, 3 posts
  found: floor 3/3, label 0/3, author 3/3, uid 3/3, time 3/3, client tag 0/3, body 3/3, panel 0/3
  author <- fallback: named space link with the uid (avatar link has no name): 3
  floor <- fallback: order on the page: 3
  uid <- fallback: named space link with the uid (avatar link has no name): 3
"""  # noqa: E501


@pytest.fixture(autouse=True)
def in_repo(monkeypatch, tmp_path):
    """Paths as a user types them; an archive path that must stay untouched."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("DISCUZ_ARCHIVER_DB", str(tmp_path / "never.db"))


def test_a_template_without_the_author_column_names_the_fallback_that_found_the_author(tmp_path):
    result = runner.invoke(app, ["check", INLINE])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == INLINE_REPORT
    assert result.stderr == ""
    assert not (tmp_path / "never.db").exists()  # nothing archived, no database opened
    assert sorted(p.name for p in tmp_path.iterdir()) == []


def test_a_page_that_is_not_discuz_says_what_it_saw_and_exits_3():
    result = runner.invoke(app, ["check", "fixtures/errors/not-discuz.html"])
    assert result.exit_code == 3
    reason = "not a Discuz! page (no Discuz! markup and no posts); check the file or URL"
    title = '"在阳台种番茄的第一年：从育苗到收获 – 慢生活笔记"'
    assert result.stdout == (
        "page fixtures/errors/not-discuz.html\n"
        "  charset utf-8 (declared utf-8)\n"
        f"  not read: {reason}\n"
        f'  seen: title {title}, generator "WordPress 6.4.3", 6844 bytes\n'
        f"--- discuz-archiver {__version__} check: 1 page(s) ---\n"
        f"not-discuz.html: not read (exit 3): {reason}; title {title}, "
        'generator "WordPress 6.4.3", 6844 bytes\n'
    )
    assert result.stderr == f"error: fixtures/errors/not-discuz.html: {reason}\n"


def test_json_gives_each_field_its_rule_and_the_summary():
    result = runner.invoke(app, ["check", "--json", "fixtures/variants/theme-card.html"])
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["version"] == __version__
    [page] = data["pages"]
    assert {k: page[k] for k in ("rendering", "version", "charset", "saved_as", "views")} == {
        "rendering": "desktop", "version": "X3.4", "charset": "utf-8", "saved_as": "page",
        "views": None,
    }  # fmt: skip
    assert [(f["name"], f["value"], f["rule"]) for f in page["posts"][2]["fields"]] == [
        ("floor", "3", "fallback: the post's findpost link"),
        ("label", "3#", "fallback: the post's findpost link"),
        ("author", "番茄妈妈", "fallback: space link in the post (space-uid-N / mod=space&uid=N)"),
        ("uid", "41", "fallback: space link in the post (space-uid-N / mod=space&uid=N)"),
        ("time", "2024-06-01T00:00:00+08:00", "fallback: first em/span that is a date"),
        ("client_tag", None, None),
        ("body", "好的，今天就去打顶。", "fallback: div.message in the post"),
        ("panel", None, None),
    ]
    assert data["summary"][-1] == "  uid <- fallback: space link in the post " \
        "(space-uid-N / mod=space&uid=N): 3"  # fmt: skip


def test_a_stock_page_reads_through_stock_hooks_and_shows_short_excerpts_only():
    result = runner.invoke(app, ["check", "fixtures/seed-thread.html"])
    assert result.exit_code == 0, result.stderr
    tail = result.stdout.split("--- ")[1].splitlines()
    assert tail[1:] == [
        "seed-thread.html: desktop, Discuz! X3.4, gb18030, saved as page, 4 posts",
        "  found: floor 4/4, label 4/4, author 4/4, uid 4/4, time 4/4, client tag 2/4, body 4/4, "
        "panel 4/4",
        "  floor <- fallback: floor name (楼主 沙发 板凳 地板): 1",
    ]
    page = parse_page(decode(read_page(FIXTURES / "seed-thread.html").content).text)
    for post in page.posts:  # never more of a post's text than the excerpt
        flat = " ".join(post.body_text.split())
        assert flat[:30] in result.stdout
        assert flat[:31] not in result.stdout or len(flat) <= 30
    assert "formhash" not in result.stdout and "saltkey" not in result.stdout


def test_a_mirrored_save_says_how_it_was_saved_and_where_from(tmp_path):
    url = "https://bbs.taizhou.example/thread-3068512-1-1.html"
    mirror = tmp_path / "seed.html"
    saved = read_page(FIXTURES / "seed-thread.html")
    mirror.write_bytes(httrack(url, saved.content, saved.fetched_at, "gbk"))
    report = check_page(read_page(mirror))
    assert (report.saved_as, report.tid, len(report.posts)) == ("page", 3068512, 4)
    result = runner.invoke(app, ["check", str(mirror)])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[1:3] == ["  charset gb18030 (declared gb18030), saved as httrack", f"  url {url}"]


def test_every_path_given_is_checked_and_the_first_failure_sets_the_exit(tmp_path):
    result = runner.invoke(
        app, ["check", INLINE, str(tmp_path / "gone.html"), "fixtures/seed-thread.html"]
    )
    assert result.exit_code == 2
    assert result.stdout.count("\npage ") + result.stdout.startswith("page ") == 3
    assert (
        result.stderr
        == f"error: {tmp_path / 'gone.html'}: no such file (check takes saved pages and URLs)\n"
    )
    assert Path(tmp_path / "gone.html").exists() is False


def test_a_url_is_fetched_once_and_checked_and_nothing_is_kept(tmp_path):
    with start_server({}) as server:
        server.route("/bbs/thread-2-1-1.html", page(INLINE_PAGE.read_bytes()))
        server.route("/blog/", page((FIXTURES / "errors" / "not-discuz.html").read_bytes()))
        thread, blog = server.url("/bbs/thread-2-1-1.html"), server.url("/blog/")
        result = runner.invoke(app, ["check", thread, blog, "--json"])
        asked = [path for _, path in server.requests]
    assert result.exit_code == 3  # the blog is not a Discuz! page
    checked = json.loads(result.stdout)["pages"]
    assert [(p["source"], p["saved_as"], len(p["posts"])) for p in checked] == [
        (thread, "fetched", 3),
        (blog, "fetched", 0),
    ]
    assert checked[0]["posts"][0]["fields"][2]["value"] == "风车骑士"
    assert sorted(asked) == ["/bbs/thread-2-1-1.html", "/blog/", "/robots.txt"]
    assert not (tmp_path / "never.db").exists()


def test_a_dead_url_says_so_in_one_line():
    result = runner.invoke(app, ["check", "http://127.0.0.1:9/thread-1-1-1.html", "--timeout", "2"])
    assert result.exit_code == 7  # the network's own exit code, not a crash (1)
    assert result.stderr.count("\n") == 1 and "127.0.0.1:9" in result.stderr
    assert "Traceback" not in result.stdout + result.stderr


def test_on_a_zoo_theme_without_the_author_column_check_names_the_authors_fallback():
    """time_9th_keji (a real third-party template) leaves the replies' author column empty."""
    page = "fixtures/zoo/x34-utf8/time_9th_keji/desktop-p1.html"
    result = runner.invoke(app, ["check", page])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    post2 = lines.index("    floor      2  [fallback: floor name (楼主 沙发 板凳 地板)]")
    rule = "fallback: named space link with the uid (avatar link has no name)"
    assert lines[post2 + 2 : post2 + 4] == [
        f"    author     lisa2019  [{rule}]",
        f"    uid        3  [{rule}]",
    ]
    summary = lines[lines.index(f"--- discuz-archiver {__version__} check: 1 page(s) ---") :]
    assert summary[1:4] == [
        "desktop-p1.html: desktop, Discuz! X3.4, utf-8, saved as page, 10 posts",
        "  found: floor 10/10, label 10/10, author 10/10, uid 10/10, time 10/10, client tag 2/10, "
        "body 10/10, panel 10/10",
        f"  author <- {rule}: 9",
    ]


def test_on_a_zoo_touch_theme_without_pid_ids_check_names_how_each_post_was_found():
    """elecnation_x3touch_group (a real touch template) gives its post boxes no pid id."""
    page = "fixtures/zoo/x34-utf8/elecnation_x3touch_group/touch-p1.html"
    rule = "fallback: the post's reply anchor (href=#replybtn_PID)"
    result = runner.invoke(app, ["check", page])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert [line for line in lines if line.startswith("  post ")] == [
        *(f"  post {pid}  [{rule}]" for pid in (1, 2, 3, 4, 5)),
        f"  post <- {rule}: 5",  # the summary counts the fallback
    ]
    data = json.loads(runner.invoke(app, ["check", "--json", page]).stdout)
    assert [(p["pid"], p["rule"]) for p in data["pages"][0]["posts"]] == [
        (pid, rule) for pid in (1, 2, 3, 4, 5)
    ]


def test_a_stock_touch_post_names_its_stock_box_and_a_desktop_post_no_rule():
    touch = runner.invoke(app, ["check", "fixtures/zoo/x34-utf8/default/touch-p1.html"])
    assert "  post 1  [stock div.plc#pidPID]" in touch.stdout.splitlines()
    assert "  post <- " not in touch.stdout  # a stock box is no fallback
    desktop = check_page(read_page(INLINE_PAGE))
    assert [p.rule for p in desktop.posts] == [None, None, None]
