"""The floor under archive_page: the work storing a page cannot avoid, timed beside it.

bench_whole times these steps in its interleaved loop, on the same fresh pages as archive_page:

- a bare `LexborHTMLParser(text)` parse (bench_whole's `lexbor`, the unit of every ratio);
- `floor_rows`: plain INSERTs of the rows archive_page writes for the page (the raw page with its
  compressed bytes, the thread, the posts, their quotes / attachments / ratings / comments, a
  user and a user snapshot for each author with a panel), into rowid tables with no index or
  trigger, one transaction per page;
- `floor_fts`: the posts' body text into a trigram FTS5 table (contentless, automerge 16 as the
  archive's posts_fts), one transaction per page;
- `floor_zlib`: `zlib.compress(page_bytes, 6)`, as the raw page is stored.

The rows are flattened from `parse_page` output before the timing starts; every value is
computed then, so the timed steps only write.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import zlib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from archiver.parse import parse_page
from bench.corpus import Sample

STAMP = "2025-03-15T06:30:00+00:00"  # archived_at / seen_at of every row, as a string
_POST_NESTED = ("profile", "quotes", "attachments", "ratings", "comments")
_CHILDREN = ("quotes", "attachments", "ratings", "comments")
STEPS = ("floor_rows", "floor_fts", "floor_zlib")  # bench_whole times them beside the parse


@dataclass(frozen=True)
class PageWork:
    """One page's input to each floor step, made before the timing."""

    content: bytes
    tables: dict[str, tuple[tuple[str, ...], list[tuple[Any, ...]]]]  # table: columns, rows
    texts: list[tuple[str]]  # one body_text per post, for the FTS table

    @property
    def row_count(self) -> int:
        return sum(len(rows) for _, rows in self.tables.values())


def flat(item: Any, skip: tuple[str, ...] = (), **extra: Any) -> dict[str, Any]:
    """A dataclass as one table row: booleans as 0/1, lists, tuples and dicts as JSON (or NULL)."""
    row = dict(extra)
    for f in fields(item):
        if f.name in skip:
            continue
        value = getattr(item, f.name)
        if isinstance(value, bool):
            value = int(value)
        elif isinstance(value, (list, tuple, dict)):
            value = json.dumps(value, ensure_ascii=False) if value else None
        row[f.name] = value
    return row


def page_work(sample: Sample, page_id: int = 1) -> PageWork:
    """The rows and text archive_page stores for a fresh page, from parse_page's output."""
    page = sample.page()
    parsed = parse_page(sample.text, page.url or page.source, now=page.fetched_at)
    thread = parsed.thread
    site, seen = thread.site, {"first_seen_at": STAMP, "last_seen_at": STAMP}
    rows: dict[str, list[dict[str, Any]]] = {
        "pages": [
            {
                "sha256": hashlib.sha256(page.content).hexdigest(),
                "site": site,
                "tid": thread.tid,
                "page": thread.page,
                "source": page.source,
                "url": page.url,
                "archived_at": STAMP,
                "fetched_at": page.fetched_at.isoformat(timespec="seconds"),
                "status": page.status,
                "headers": None,
                "charset": sample.spec.charset,
                "declared_charset": sample.spec.charset,
                "replacements": 0,
                "size": len(page.content),
                "compression": "zlib",
                "content": zlib.compress(page.content, 6),
                "rendering": "desktop",
                "redactions": None,
            }
        ],
        "threads": [flat(thread, first_archived_at=STAMP, last_archived_at=STAMP)],
        "posts": [],
        **{table: [] for table in _CHILDREN},
        "users": [],
        "user_snapshots": [],
        "text_posts": [],
    }
    snapshots: dict[int, dict[str, Any]] = {}  # INSERT OR IGNORE: the first panel of a uid
    users: dict[int, dict[str, Any]] = {}  # upserted: the last panel of a uid
    for post in parsed.posts:
        extra = {"site": site, "tid": thread.tid, "page": thread.page, "page_id": page_id}
        rows["posts"].append(flat(post, _POST_NESTED, **extra, **seen))
        for table in _CHILDREN:
            for idx, child in enumerate(getattr(post, table)):
                rows[table].append(flat(child, site=site, pid=post.pid, idx=idx))
        if post.profile is not None and post.uid is not None:
            panel = flat(post.profile, site=site, seen_at=STAMP)
            snapshots.setdefault(post.uid, {**panel, "page_id": page_id})
            users[post.uid] = panel
    rows["users"] = list(users.values())
    rows["user_snapshots"] = list(snapshots.values())
    for text_post in parsed.text_posts:
        rows["text_posts"].append(flat(text_post, site=site, tid=thread.tid, **seen))
    return PageWork(
        content=page.content,
        tables={
            table: (tuple(items[0]), [tuple(item.values()) for item in items])
            for table, items in rows.items()
            if items
        },
        texts=[(post.body_text,) for post in parsed.posts],
    )


class Floor:
    """A file database in WAL, as the archive's, with plain tables and a trigram FTS5 table."""

    def __init__(self, path: Path) -> None:
        self.conn = sqlite3.connect(path, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")  # as archiver.store.open_db
        self.conn.execute(
            "CREATE VIRTUAL TABLE text_fts USING fts5(body_text, content='', tokenize='trigram')"
        )
        self.conn.execute("INSERT INTO text_fts (text_fts, rank) VALUES ('automerge', 16)")
        self._inserts: dict[str, str] = {}

    def prepare(self, work: PageWork) -> None:
        """Create the tables this page's rows need (outside the timing)."""
        for table, (columns, _) in work.tables.items():
            if table not in self._inserts:
                self.conn.execute(f"CREATE TABLE {table} ({', '.join(columns)})")
                names, marks = ", ".join(columns), ", ".join("?" * len(columns))
                self._inserts[table] = f"INSERT INTO {table} ({names}) VALUES ({marks})"

    def rows(self, work: PageWork) -> None:
        """Every row of the page, plain INSERTs in one transaction."""
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        for table, (_, rows) in work.tables.items():
            conn.executemany(self._inserts[table], rows)
        conn.execute("COMMIT")

    def fts(self, work: PageWork) -> None:
        """The posts' body text into the trigram index, in one transaction."""
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany("INSERT INTO text_fts (body_text) VALUES (?)", work.texts)
        conn.execute("COMMIT")

    def close(self) -> None:
        self.conn.close()


def compress(work: PageWork) -> None:
    zlib.compress(work.content, 6)
