"""The media step reads a thread's posts one at a time: its peak memory stays flat."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

from archiver.archive import archive_files
from archiver.archive.media import link_media
from archiver.store import open_db

from .pagegen import thread_page

BASE = "http://forum.example/bbs/"


def archived(folder: Path, tid: int, pages: int) -> tuple[str, int]:
    """A `pages`-page thread of 20 posts a page archived from files; its (site, tid)."""
    folder.mkdir()
    paths = []
    for n in range(1, pages + 1):
        path = folder / f"{tid}-p{n}.html"
        path.write_bytes(thread_page(tid=tid, page=n, pages=pages, posts_per_page=20, base=BASE))
        paths.append(str(path))
    db = open_db(folder / "a.db")
    outcomes = archive_files(db, paths)
    assert [o.error for o in outcomes] == [None] * pages
    key = outcomes[0].key
    assert key is not None
    return key


def linking_peak(folder: Path, key: tuple[str, int]) -> tuple[int, int]:
    """Peak Python memory (bytes) of linking one thread's media, and the links it made."""
    db = open_db(folder / "a.db")
    tracing = tracemalloc.is_tracing()
    if not tracing:
        tracemalloc.start()
    try:
        tracemalloc.reset_peak()
        before = tracemalloc.get_traced_memory()[0]
        link_media(db, [key])
        peak = tracemalloc.get_traced_memory()[1] - before
    finally:
        if not tracing:
            tracemalloc.stop()
    links = db.execute("SELECT count(*) FROM post_media").fetchone()[0]
    return peak, links


def test_linking_a_long_threads_media_takes_no_more_memory_than_a_short_ones(tmp_path):
    short = archived(tmp_path / "short", 90005, 5)
    long = archived(tmp_path / "long", 90050, 50)
    short_peak, short_links = linking_peak(tmp_path / "short", short)
    long_peak, long_links = linking_peak(tmp_path / "long", long)
    assert (short_links, long_links) == (12, 106)  # the pictures pagegen's posts show
    # 11 kB and 46 kB (the links themselves); every post's HTML at once was 132 kB and 1.3 MB
    assert short_peak < 50_000
    assert long_peak < 200_000
