"""A posts table of many rows (through the real schema) and the queries people run on it."""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from archiver.store import open_db
from tests.pagegen import chinese_lines

RARE = "高新区"  # planted in 1 post of 1000; none of its characters is in the generator's words
COMMON = "路由器"  # one of the generator's words: in a large share of posts
RARE_EVERY = 1000
POSTS_PER_THREAD = 100
SITES = ("bbs-a.example.com", "bbs-b.example.com/forum")

# the README's search example, as a user would type it
FTS_QUERY = (
    "select p.floor, p.author, snippet(posts_fts, 0, '[', ']', '…', 10) as hit "
    "from posts_fts join posts p on p.rowid = posts_fts.rowid where posts_fts match ?"
)
QUERIES: dict[str, tuple[str, str]] = {
    "fts_rare_all": (FTS_QUERY, "every hit with a snippet, word in 0.1% of posts"),
    "fts_common_first20": (FTS_QUERY + " limit 20", "first 20 hits, word in many posts"),
    "fts_common_count": (
        "select count(*) from posts_fts where posts_fts match ?",
        "count the hits of the common word (grows with the hits)",
    ),
    "thread_posts": (
        "select pid, floor, author, posted_at, body_text from posts "
        "where site = ? and tid = ? order by floor",
        "one thread's posts in floor order (100 posts)",
    ),
}


def _rows(total: int) -> Iterator[tuple[Any, ...]]:
    for index in range(total):
        rng = random.Random(index)
        tid = index // POSTS_PER_THREAD + 1
        lines = chinese_lines(rng, rng.randrange(80, 400))
        if index % RARE_EVERY == RARE_EVERY // 2:
            lines.insert(rng.randrange(len(lines) + 1), f"听说{RARE}那边新开了一家店。")
        yield (
            SITES[tid % 2],
            index + 1,
            tid,
            1 + tid // 40,
            index % POSTS_PER_THREAD + 1,
            rng.randrange(1, 200_000),
            f"user_{rng.randrange(1, 5000)}",
            f"2024-{1 + index % 12:02d}-{1 + index % 28:02d}T12:00:00+08:00",
            "\n".join(lines),
        )


def build(path: Path, total: int, chunk: int = 10_000) -> None:
    """Posts straight into the archiver's schema; the FTS triggers index them."""
    db = open_db(path)
    conn: sqlite3.Connection = db.conn
    sql = (
        "insert into posts (site, pid, tid, page_number, floor, uid, author, posted_at, body_text, "
        "author_kind, state) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'member', 'normal')"
    )
    rows = _rows(total)
    while True:
        batch = [row for _, row in zip(range(chunk), rows, strict=False)]
        if not batch:
            break
        with conn:  # each post's thread first: posts refer to threads (foreign keys are on)
            threads = "insert or ignore into threads (site, tid) values (?, ?)"
            conn.executemany(threads, sorted({(row[0], row[2]) for row in batch}))
            conn.executemany(sql, batch)
    conn.execute("pragma optimize")
    conn.close()


def parameters(name: str, total: int) -> tuple[Any, ...]:
    if name == "thread_posts":
        tid = max(1, total // POSTS_PER_THREAD // 2)
        return (SITES[tid % 2], tid)
    return (RARE,) if "rare" in name else (COMMON,)


def run(conn: sqlite3.Connection, name: str, total: int) -> int:
    """Run one query to the end; the number of rows it gave (for a count, the count)."""
    sql, _ = QUERIES[name]
    rows = conn.execute(sql, parameters(name, total)).fetchall()
    return int(rows[0][0]) if name.endswith("_count") else len(rows)
