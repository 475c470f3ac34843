"""A folder read as a saved site: its other pages passed over, its board lists kept, its
thread pages and the forum's refusals of threads reported as before (archive/folders.py)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from archiver.archive.captures import page_file
from archiver.archive.folders import (
    FolderFinds,
    mirror_root,
    names_posts,
    other_address,
    sorted_walk,
)
from archiver.cli.main import app
from archiver.errors import NotAThreadPage
from archiver.parse.skeleton import ONLY_AUTHOR_NOTE

from .support import FIXTURES

ERRORS = FIXTURES / "errors"
GUIDE = FIXTURES / "states" / "guide" / "desktop-guide-new.html"  # lists 21 threads, no fid
BOARD_TIDS = [6001, 6598, 6641, 6650]  # forum-list.html's rows: one sticky, three normal
# file name in the mirror -> the fixture it copies
MIRROR = {
    "forum-list.html": ERRORS / "forum-list.html",  # a board's list: kept
    "forum.php?mod=guide&view=new.html": GUIDE,  # 导读: many boards' threads, passed over
    "home.php@mod=space&uid=3.html": ERRORS / "login-required.html",  # a profile: passed over
    "not-discuz.html": ERRORS / "not-discuz.html",  # passed over
    "thread-1-1-1.html": FIXTURES / "seed-thread.html",  # archived
    "thread-9-1-1.html": ERRORS / "missing-thread.html",  # a thread refused: an error, exit 4
    "truncated.html": ERRORS / "truncated.html",  # an error, exit 3
}


def mirror(folder: Path, files: dict[str, Path]) -> Path:
    folder.mkdir()
    for name, source in files.items():
        shutil.copyfile(source, folder / name)
    return folder


def archive(*args: str):
    return CliRunner().invoke(app, ["archive", "-q", *args])


def rows(db: Path, sql: str) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(sql).fetchall()


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_a_saved_sites_other_pages_are_passed_over_and_its_board_list_kept(tmp_path, jobs):
    folder = mirror(tmp_path / "site", MIRROR)
    db = tmp_path / "a.db"
    result = archive(str(folder), "--db", str(db), "--jobs", jobs, "--json")
    assert result.exit_code == 4, result.output  # the first error: the thread not found
    summary = json.loads(result.stdout)
    assert summary == {
        "threads": 1, "pages": 1, "pages_fetched": 0, "pages_skipped": 0, "posts_new": 4,
        "posts_changed": 0, "posts_gone": 0, "errors": 2, "board_pages": 1, "pages_passed_over": 3,
    }  # fmt: skip
    said = [line.split(": ", 2)[:2] for line in result.stderr.splitlines()]
    assert said == [
        ["error", str(folder / "thread-9-1-1.html")],
        ["error", str(folder / "truncated.html")],
    ]
    assert rows(db, "select source from pages") == [(str(folder / "thread-1-1-1.html"),)]
    assert rows(db, "select site, fid from boards") == [("bbs.errors.example", 12)]
    listed = rows(db, "select tid from board_threads order by tid")
    assert listed == [(tid,) for tid in BOARD_TIDS]


def test_verbose_names_each_page_passed_over_and_why(tmp_path):
    folder = mirror(tmp_path / "site", MIRROR)
    result = archive(str(folder), "--db", str(tmp_path / "a.db"), "-v")
    passed = [line for line in result.stderr.splitlines() if "passed over" in line]
    assert passed == [
        f"info: {folder / 'forum.php?mod=guide&view=new.html'}: passed over: a Discuz! page "
        "(pg_guide) but not a thread page: no posts found; give the thread's own page "
        "(forum.php?mod=viewthread&tid=… or thread-…-1-1.html)",
        f"info: {folder / 'home.php@mod=space&uid=3.html'}: passed over: Discuz! says "
        "「抱歉，您尚未登录，没有权限访问该版块」: log in with a browser and pass its cookies "
        "with --cookies",
        f"info: {folder / 'not-discuz.html'}: passed over: not a Discuz! page (no Discuz! markup "
        "and no posts); check the file or URL",
        "1 board list(s) saved, 3 other page(s) in folders passed over (not thread pages; "
        "-v names each)",
    ]


def test_a_folder_with_no_thread_page_is_one_error_and_writes_nothing(tmp_path):
    folder = mirror(tmp_path / "site", {k: MIRROR[k] for k in ("not-discuz.html",)})
    db = tmp_path / "a.db"
    result = archive(str(folder), "--db", str(db))
    assert result.exit_code == 3
    assert result.stderr == (
        f"error: {folder}: none of its 1 page(s) is a Discuz! thread page or board list; "
        "give the folder of the saved thread pages (-v names why each was passed over)\n"
    )
    assert rows(db, "select count(*) from pages") == [(0,)]


def test_a_page_named_on_the_command_line_is_still_an_error(tmp_path):
    result = archive(str(ERRORS / "not-discuz.html"), "--db", str(tmp_path / "a.db"))
    assert result.exit_code == 3
    assert result.stderr == (
        f"error: {ERRORS / 'not-discuz.html'}: not a Discuz! page (no Discuz! markup and no "
        "posts); check the file or URL\n"
    )


def test_a_board_list_named_on_the_command_line_is_saved(tmp_path):
    db = tmp_path / "a.db"
    result = archive(str(ERRORS / "forum-list.html"), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "1 board list(s) saved\n"
        "archived 0 page(s) of 0 thread(s): 0 new post(s), 0 changed, 0 gone; 0 error(s)\n"
    )
    listed = rows(db, "select tid from board_threads order by tid")
    assert listed == [(tid,) for tid in BOARD_TIDS]


@pytest.mark.parametrize(
    ("address", "other"),
    [
        ("http://a/forum.php?mod=post&action=reply&fid=2&tid=5", True),  # a post form
        ("/m/home.php@mod=space&uid=3.html", True),  # wget's name on Windows
        ("http://a/member.php?mod=logging&action=login", True),
        ("http://a/forum.php?mod=viewthread&tid=5", False),
        ("/m/forum.php?mod=viewthread&tid=5&extra=page%3D1.html", False),
        ("http://a/forum.php?mod=redirect&goto=findpost&ptid=5&pid=7", False),
        ("/m/forum.php?mod=redirect&tid=17&goto=lastpost.html", False),
        ("/m/forum.php?mod=redirect&goto=nextnewset&tid=15.html", True),  # 下一主题: none newer
        ("/m/forum.php?mod=viewthread&tid=1&aid=1&from=album&page=1.html", True),  # 图片模式
        ("/m/thread-5-1-1.html", False),
        ("http://a/archiver/?tid-5.html", False),
        ("saved.html", False),  # says nothing: a refusal there may be a thread's
    ],
)
def test_which_addresses_name_a_page_other_than_a_threads(address, other):
    assert other_address(address) is other


MOBILE_NAME = "forum.php?mod=viewthread&tid=88&mobile=1.html"  # as wget -m -E names it


def old_mobile(folder: Path) -> Path:
    """A mobile=1 page as wget saves it: no <base href>, and no browser's `saved from url`."""
    text = (FIXTURES / "variants" / "old-mobile.html").read_text("utf-8")
    assert text.startswith("<!-- saved from url=")
    folder.mkdir(parents=True)
    (folder / MOBILE_NAME).write_text(text.split("\n", 1)[1], "utf-8")
    return folder


def test_a_mirrors_host_folder_gives_the_site_a_page_does_not(tmp_path):
    folder = tmp_path / "site"
    old_mobile(folder / "bbs.old.example:8080")
    db = tmp_path / "a.db"
    result = archive(str(folder), "--db", str(db))
    assert result.exit_code == 0, result.output
    assert (
        f"{folder / 'bbs.old.example:8080' / MOBILE_NAME}: no <base href> in the page: its "
        "site taken from the mirror's folder, http://bbs.old.example:8080/ (--site wins)"
        in result.stderr
    )
    assert rows(db, "select distinct site, tid from posts") == [("bbs.old.example:8080", 88)]
    given = tmp_path / "given.db"
    result = archive(str(folder), "--db", str(given), "--site", "http://bbs.given.example/bbs/")
    assert "mirror's folder" not in result.stderr
    assert rows(given, "select distinct site, tid from posts") == [("bbs.given.example/bbs", 88)]


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.parametrize("above", ["home", "john.doe"])  # a folder above named like a host
def test_a_page_outside_a_host_folder_keeps_its_site_unknown(tmp_path, above, jobs):
    folder = old_mobile(tmp_path / above / "saves")
    db = tmp_path / "a.db"
    result = archive(str(folder), "--db", str(db), "--jobs", jobs)
    assert result.exit_code == 0, result.output
    assert "mirror's folder" not in result.stderr
    assert rows(db, "select distinct site, tid from posts") == [("unknown", 88)]


def test_the_folder_given_may_be_the_mirrors_host_folder(tmp_path):
    folder = old_mobile(tmp_path / "john.doe" / "bbs.old.example")
    db = tmp_path / "a.db"
    assert archive(str(folder), "--db", str(db)).exit_code == 0
    assert rows(db, "select distinct site, tid from posts") == [("bbs.old.example", 88)]


@pytest.mark.parametrize(
    ("source", "root"),
    [
        (
            "/m/127.0.0.1:8080/forum.php?mod=viewthread&tid=1&mobile=1.html",
            "http://127.0.0.1:8080/",
        ),
        ("/m/bbs.example.cn/bbs/forum.php?mod=viewthread&tid=1.html", "http://bbs.example.cn/bbs/"),
        ("C:\\m\\bbs.example.cn\\forum.php?mod=viewthread&tid=1.html", "http://bbs.example.cn/"),
        ("/m/bbs.example.cn/forum.php@mod=viewthread&tid=1.html", "http://bbs.example.cn/"),
        ("/m/bbs.example.cn/thread-1-1-1.html", None),  # a rewritten page says its own base
        ("/m/saves/forum.php?mod=viewthread&tid=1.html", None),  # no host folder
        ("forum.php?mod=viewthread&tid=1.html", None),
    ],
)
def test_which_paths_are_a_mirrors(source, root):
    assert mirror_root(source) == root


@pytest.mark.parametrize(
    ("folder", "root"),
    [
        ("/home/john.doe/m", "http://bbs.example.cn/bbs/"),
        ("/home/john.doe/m/bbs.example.cn", "http://bbs.example.cn/bbs/"),  # the host folder
        ("/home/john.doe/m/bbs.example.cn/bbs", None),  # below it: the host is not searched
    ],
)
def test_only_the_folder_given_and_below_are_searched_for_a_host(folder, root):
    source = "/home/john.doe/m/bbs.example.cn/bbs/forum.php?mod=viewthread&tid=1&mobile=1.html"
    assert mirror_root(source, folder) == root
    assert mirror_root(source.replace("bbs.example.cn/", ""), folder.split("/bbs")[0]) is None


def test_a_warning_many_pages_give_is_said_once_with_their_count(tmp_path):
    views = sorted((FIXTURES / "views").glob("*.html"))  # three 只看该作者 pages
    folder = mirror(tmp_path / "views", {page.name: page for page in views})
    result = archive(str(folder), "--db", str(tmp_path / "a.db"))
    assert result.exit_code == 0, result.output
    note = ONLY_AUTHOR_NOTE
    assert [line for line in result.stderr.splitlines() if line.startswith("warning")] == [
        f"warning: {folder / views[0].name}: {note}",
        f"warning: 2 more page(s) as {folder / views[0].name}: {note}",
    ]
    verbose = archive(str(folder), "--db", str(tmp_path / "b.db"), "-v").stderr.splitlines()
    assert [f"info: {folder / page.name}: {note}" for page in views[1:]] == [
        line for line in verbose if line.startswith("info") and note in line
    ]


def test_a_folder_whose_web_archive_gave_its_threads_is_not_empty(tmp_path):
    """A crawl's WARC beside an index page: its records are the folder's, archived before too."""
    from .webarchives import Capture, write_warc

    folder = mirror(tmp_path / "crawl", {"index.html": ERRORS / "not-discuz.html"})
    when = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    body = (FIXTURES / "seed-thread.html").read_bytes()
    write_warc(
        folder / "crawl.warc", [Capture("http://bbs.example.cn/thread-1-1-1.html", body, when)]
    )
    db = tmp_path / "a.db"
    for records_known in (0, 1):  # the second run: the record is archived already, skipped
        result = archive(str(folder), "--db", str(db), "--json")
        assert (result.exit_code, result.stderr) == (0, "")
        summary = json.loads(result.stdout)
        assert (summary["records_known"], summary["pages_passed_over"]) == (records_known, 1)
        assert summary["errors"] == 0
    said = archive(str(folder), "--db", str(tmp_path / "b.db")).stderr.splitlines()
    assert said[:2] == [  # the board count once, on the records' line
        "read 1 web archive record(s): 0 already archived, 0 board list(s) saved, 0 neither",
        "1 other page(s) in folders passed over (not thread pages; -v names each)",
    ]


def test_a_threads_page_found_unreadable_stays_an_error(tmp_path):
    """A check page or an unknown theme saved under a thread's name is not a page to pass over."""
    name = "forum.php?mod=viewthread&tid=5.html"
    folder = mirror(tmp_path / "site", {**MIRROR, name: ERRORS / "not-discuz.html"})
    result = archive(str(folder), "--db", str(tmp_path / "a.db"), "--json")
    assert json.loads(result.stdout)["pages_passed_over"] == 3  # as before: not this one
    assert f"error: {folder / name}: not a Discuz! page" in result.stderr


def test_only_a_pages_own_name_tells_what_it_is(tmp_path):
    """A folder named like a thread (thread-2024-…) does not make a profile's refusal an error."""
    folder = mirror(tmp_path / "thread-2024-05-saves", {k: MIRROR[k] for k in MIRROR})
    result = archive(str(folder), "--db", str(tmp_path / "a.db"), "--json")
    assert json.loads(result.stdout)["pages_passed_over"] == 3


@pytest.mark.parametrize(
    ("address", "posts"),
    [
        ("/m/forum.php?mod=viewthread&tid=5&page=2.html", True),
        ("/m/forum.php@mod=viewthread&tid=5.html", True),  # wget on Windows
        ("http://a/forum.php?mod=viewthread&tid=5&action=printable", False),  # not read
        ("/m/forum.php?mod=viewthread&tid=1&aid=1&from=album&page=1.html", False),
        ("/m/thread-2024-saves/home.php?mod=space&uid=3.html", False),  # the folder says nothing
        ("/m/archiver/index.html?tid-17.html", True),
    ],
)
def test_which_addresses_name_a_threads_posts(address, posts):
    assert names_posts(address) is posts


def test_a_globs_matches_are_read_as_a_folders(tmp_path):
    folder = mirror(tmp_path / "site", MIRROR)
    old_mobile(folder / "bbs.old.example:8080")
    pattern = str(folder / "**" / "*.html")
    db = tmp_path / "a.db"
    result = archive(pattern, "--db", str(db), "--json")
    summary = json.loads(result.stdout)
    counts = (summary["errors"], summary["board_pages"], summary["pages_passed_over"])
    assert counts == (2, 1, 3)  # as the folder gives them
    sites = rows(db, "select distinct site from posts order by site")
    assert sites == [("bbs.old.example:8080",), ("bbs.taizhou.example",)]  # the host folder's
    nothing = archive(str(folder / "not-*.html"), "--db", str(tmp_path / "b.db"))
    assert nothing.stderr.startswith(f"error: {folder / 'not-*.html'}: none of its 1 page(s)")


def test_a_folder_is_walked_in_the_order_sorting_its_whole_paths_gives(tmp_path):
    # folders and files named alike, a folder named like a page, a symlinked folder (not
    # entered, as rglob does not), a "Save page, complete" NAME_files folder, other files
    for name in ("b.html", "a.html", "a/x.html", "a/b/y.htm", "a.b/z.html", "A.html",
                 "page.html", "page_files/frame.html", "t.json", "notes.txt", "c.html/d.html",
                 "m/thread-1-1-1.html", "m/thread-1-10-1.html", "m/thread-1-2-1.html"):  # fmt: skip
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists():
            path.write_text("{}" if name.endswith(".json") else "<html></html>")
    (tmp_path / "linked").symlink_to(tmp_path / "a", target_is_directory=True)
    expected = sorted(p for p in tmp_path.rglob("*") if page_file(p))
    assert list(sorted_walk(tmp_path, page_file)) == expected
    assert tmp_path / "c.html" in expected  # a folder named like a page is listed, as before
    assert tmp_path / "linked" / "x.html" not in expected


def test_a_page_found_in_a_folder_is_noted_only_until_it_is_done():
    finds = FolderFinds()
    finds.found("saves", "saves/a.html")
    finds.found("saves", "saves/b.html")
    assert finds.folder("saves/a.html") == "saves"
    assert finds.folder("elsewhere.html") is None  # a file named on the command line
    finds.keep("saves/a.html")
    assert finds.pass_over("saves/b.html", NotAThreadPage("not a thread page", source="x"))
    assert finds.folder_of == {}  # a mirror of a million pages holds only those on their way
    assert (finds.kept, finds.passed) == ({"saves": 1}, {"saves": 1})


def test_a_folder_with_a_symlink_loop_is_read_as_before(tmp_path):
    folder = tmp_path / "m"
    folder.mkdir()
    (folder / "a.html").write_text("<html><body>hello</body></html>")
    (folder / "loop").symlink_to(folder / "loop")  # is_dir() raises ELOOP
    result = CliRunner().invoke(app, ["archive", str(folder), "--db", str(tmp_path / "a.db")])
    assert result.exit_code == 3, result.output
    assert "none of its 1 page(s)" in result.output


def test_a_file_named_beside_the_folder_dot_stays_an_error(tmp_path, monkeypatch):
    (tmp_path / "m").mkdir()
    (tmp_path / "else").mkdir()
    (tmp_path / "m" / "a.html").write_text("<html><body>hello</body></html>")
    (tmp_path / "else" / "notes.html").write_text("<html><body>notes</body></html>")
    monkeypatch.chdir(tmp_path / "m")
    result = CliRunner().invoke(app, ["archive", ".", "../else/notes.html", "--db", "../a.db"])
    assert "../else/notes.html: not a Discuz! page" in result.output, result.output
    assert "none of its 1 page(s)" in result.output


def test_each_folder_given_answers_for_the_pages_its_own_walk_found(tmp_path, monkeypatch):
    for name in ("a/x.html", "a/b/y.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("<html><body>not a thread</body></html>")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(app, ["archive", "a", "a/b", "--db", "a.db"])
    assert "a: none of its 2 page(s)" in result.output, result.output
    assert "a/b: none of its 1 page(s)" in result.output
