"""Mirrored saves (HTTrack, SingleFile, "Save Page As, complete") archive to the rows of the
page they copy; only where and how the copy was made differs (source, URL, capture, bytes)."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path

import pytest

from archiver import parse_page
from archiver.decode import decode
from archiver.sniff import web_archive_kind

from .mirrors import httrack, save_complete, singlefile_inlined
from .support import FIXTURES
from .test_webarchive import ORIGIN, SAVED, archive, pinned, rows, same  # noqa: F401

# (fixture, its URL, its charset)
PAGES = [
    (FIXTURES / "seed-thread.html", "https://bbs.taizhou.example/thread-3068512-1-1.html", "gbk"),
    (
        FIXTURES / "features" / "thread-p2.html",
        "http://bbs.feature.example/forum/forum.php?mod=viewthread&tid=777&page=2",
        "utf-8",
    ),
]
# the copy's own bytes; SingleFile re-encodes the page as UTF-8
COPY = (*ORIGIN, "sha256", "size", "content")
REENCODED = (*COPY, "charset", "declared_charset")


def saved(folder: Path, path: Path) -> Path:
    """A file with the save time as its modification time, as a browser leaves it."""
    os.utime(path, (SAVED.timestamp(), SAVED.timestamp()))
    return folder


def originals(tmp_path: Path) -> Path:
    folder = tmp_path / "original"
    folder.mkdir()
    for n, (path, _url, _charset) in enumerate(PAGES):
        copy = folder / f"p{n}.html"
        copy.write_bytes(path.read_bytes())
        saved(folder, copy)
    db = tmp_path / "original.db"
    assert archive(str(folder), "--db", str(db)).exit_code == 0
    return db


def mirrored(tmp_path: Path, kind: str) -> Path:
    folder = tmp_path / kind
    folder.mkdir()
    for n, (path, url, charset) in enumerate(PAGES):
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


@pytest.mark.parametrize("kind", ["httrack", "singlefile", "complete"])
def test_mirrored_saves_archive_to_the_rows_of_the_original(tmp_path, pinned, kind):  # noqa: F811
    folder = mirrored(tmp_path, kind)
    db = tmp_path / f"{kind}.db"
    result = archive(str(folder), "--db", str(db), "--json")
    assert result.exit_code == 0, result.stderr
    drop = REENCODED if kind == "singlefile" else COPY
    assert same(rows(db, drop=drop), rows(originals(tmp_path), drop=drop))
    conn = sqlite3.connect(db)
    got = [tuple(r) for r in conn.execute("select url, fetched_at from pages order by id")]
    when = SAVED.astimezone(dt.timezone.utc).isoformat(timespec="seconds")
    assert got == [(url, when) for _path, url, _charset in PAGES]
    # the frame a "complete" save keeps in p0_files/ is part of p0.html, not a page
    assert conn.execute("select count(*) from pages").fetchone() == (len(PAGES),)


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
