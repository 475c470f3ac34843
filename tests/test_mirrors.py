"""Mirrored saves (HTTrack, SingleFile, "Save Page As, complete") archive to the rows of the
page they copy; only where and how the copy was made differs (source, URL, capture, bytes)."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

import pytest

from archiver import parse_page
from archiver.archive.captures import read_inputs
from archiver.check.report import check_pages
from archiver.decode import decode
from archiver.fetch import read_page
from archiver.fetch.saved import read_saved
from archiver.model import CaptureTally
from archiver.sniff import web_archive_kind

from .mirrors import httrack, save_complete, singlefile_inlined
from .support import FIXTURES
from .test_webarchive import ORIGIN, SAVED, archive, pinned, rows, same  # noqa: F401
from .webarchives import Capture, mhtml, write_warc

# (fixture, its URL, its charset)
Page = tuple[Path, str, str]
PAGES: list[Page] = [
    (FIXTURES / "seed-thread.html", "https://bbs.taizhou.example/thread-3068512-1-1.html", "gbk"),
    (
        FIXTURES / "features" / "thread-p2.html",
        "http://bbs.feature.example/forum/forum.php?mod=viewthread&tid=777&page=2",
        "utf-8",
    ),
]
ZOO = FIXTURES / "zoo"


def zoo(page: Path, charset: str) -> list[Page]:
    """A page a stock install rendered, with the URL it was saved from."""
    return [(page, page.with_name(page.name + ".url.txt").read_text().strip(), charset)]


# the hand-made pages, then real ones: a GBK desktop page (X3.4) and a UTF-8 one (X3.5)
SETS = {
    "fixtures": PAGES,
    "zoo-x34-gbk": zoo(ZOO / "x34-gbk" / "default" / "desktop-p1.html", "gbk"),
    "zoo-x35": zoo(ZOO / "x35" / "default" / "desktop-p1.html", "utf-8"),
}
# the copy's own bytes; SingleFile re-encodes the page as UTF-8
COPY = (*ORIGIN, "sha256", "size", "content")
REENCODED = (*COPY, "charset", "declared_charset")


def saved(folder: Path, path: Path) -> Path:
    """A file with the save time as its modification time, as a browser leaves it."""
    os.utime(path, (SAVED.timestamp(), SAVED.timestamp()))
    return folder


def originals(tmp_path: Path, pages: list[Page] = PAGES) -> Path:
    folder = tmp_path / "original"
    folder.mkdir()
    for n, (path, _url, _charset) in enumerate(pages):
        copy = folder / f"p{n}.html"
        copy.write_bytes(path.read_bytes())
        saved(folder, copy)
    db = tmp_path / "original.db"
    assert archive(str(folder), "--db", str(db)).exit_code == 0
    return db


def mirrored(tmp_path: Path, kind: str, pages: list[Page] = PAGES) -> Path:
    folder = tmp_path / kind
    folder.mkdir()
    for n, (path, url, charset) in enumerate(pages):
        html = path.read_bytes()
        if kind == "httrack":
            copy = folder / f"p{n}.html"
            copy.write_bytes(httrack(url, html, SAVED, charset))
        elif kind == "singlefile":
            copy = folder / f"p{n}.html"
            copy.write_bytes(singlefile_inlined(url, html, SAVED, charset))
        else:
            copy = save_complete(folder, f"p{n}", url, html)
        saved(folder, copy)
    return folder


@pytest.mark.parametrize("pages", SETS)
@pytest.mark.parametrize("kind", ["httrack", "singlefile", "complete"])
def test_mirrored_saves_archive_to_the_rows_of_the_original(tmp_path, pinned, kind, pages):  # noqa: F811
    pages = SETS[pages]
    folder = mirrored(tmp_path, kind, pages)
    db = tmp_path / f"{kind}.db"
    result = archive(str(folder), "--db", str(db), "--json")
    assert result.exit_code == 0, result.stderr
    drop = REENCODED if kind == "singlefile" else COPY
    assert same(rows(db, drop=drop), rows(originals(tmp_path, pages), drop=drop))
    conn = sqlite3.connect(db)
    got = [tuple(r) for r in conn.execute("select url, fetched_at from pages order by id")]
    when = SAVED.astimezone(dt.timezone.utc).isoformat(timespec="seconds")
    assert got == [(url, when) for _path, url, _charset in pages]
    # the frame a "complete" save keeps in p0_files/ is part of p0.html, not a page
    assert conn.execute("select count(*) from pages").fetchone() == (len(pages),)


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("httrack", "httrack"), ("singlefile", "singlefile"), ("complete", "saved-from")],
)
def test_each_mirror_is_recognised_by_its_first_bytes(tmp_path, kind, expected):
    folder = mirrored(tmp_path, kind)
    assert web_archive_kind((folder / "p0.html").read_bytes()[:4096]) == expected


def test_httrack_meta_that_contradicts_the_bytes_does_not_garble_the_page():
    """HTTrack writes the server's charset into its own meta, before the page's: a GBK page
    served as utf-8 still decodes as GBK (the declaration is taken only when the bytes fit)."""
    seed, url, _charset = PAGES[0]
    copy = httrack(url, seed.read_bytes(), SAVED, "utf-8")
    assert copy.index(b"charset=utf-8") < copy.index(b"charset=gbk")
    decoded = decode(copy)
    assert (decoded.charset, decoded.declared, decoded.replacements) == ("gb18030", "utf-8", 0)
    original = parse_page(decode(seed.read_bytes()).text)
    assert parse_page(decoded.text).posts == original.posts


@pytest.mark.parametrize("pages", ["zoo-x34-gbk", "zoo-x35"])
def test_a_complete_save_of_a_zoo_page_holds_what_a_browser_writes(tmp_path, pages):
    (path, url, _charset) = SETS[pages][0]
    folder = mirrored(tmp_path, "complete", SETS[pages])
    page = (folder / "p0.html").read_bytes()
    assert f"<!-- saved from url=({len(url):04d}){url} -->".encode() in page
    assert b'src="static/image/common/' not in page
    kept = {p.name for p in (folder / "p0_files").iterdir()}
    assert {"userinfo.gif", "online_member.gif", "common.js"} <= kept
    assert all(f"./p0_files/{n}".encode() in page for n in kept - {"saved_resource.html"})


@pytest.mark.parametrize(
    ("kind", "expected"),
    [("httrack", "httrack"), ("singlefile", "singlefile"), ("complete", "saved-from"),
     ("mhtml", "mhtml"), ("plain", "page")],
)  # fmt: skip
def test_check_and_archive_read_a_save_through_the_one_reader(tmp_path, kind, expected):
    """`read_saved` picks the reader; check and archive give the same page from the file."""
    path, url, _charset = PAGES[1]
    if kind == "mhtml":
        copy = tmp_path / "p0.mht"
        copy.write_bytes(mhtml(url, path.read_bytes(), SAVED))
    elif kind == "plain":
        copy, url = tmp_path / "p0.html", None
        copy.write_bytes(path.read_bytes())
    else:
        copy = mirrored(tmp_path, kind, [PAGES[1]]) / "p0.html"
    page, saved_as = read_saved(read_page(copy))
    assert (saved_as, page.url, page.source) == (expected, url, str(copy))
    checked = next(check_pages([str(copy)]))
    assert (checked.saved_as, checked.url, checked.tid) == (expected, url, 777)
    [item] = read_inputs(iter([copy]), CaptureTally())
    assert item == (copy if kind == "plain" else page)


def test_the_one_reader_hands_a_web_archive_back_unread(tmp_path):
    path = tmp_path / "a.warc"
    write_warc(path, [Capture(PAGES[1][1], PAGES[1][0].read_bytes(), SAVED)])
    file = read_page(path)
    assert read_saved(file) == (file, "warc")
    assert next(check_pages([str(path)])).error == "a web archive; check takes saved pages"
