"""Media rows: one blob per distinct file (by sha256), one media row per URL of a site.

Each file is saved in its own transaction, so an interrupted run loses only the file in
flight. With a media folder the bytes are written there first (to a temporary name, then
renamed), and the row that points at them is committed after.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from archiver.store.db import writing


@dataclass(frozen=True)
class MediaRow:
    """What the composer decided about one URL; blob fields only when status is saved."""

    site: str
    url: str
    status: str
    fetched_at: str
    final_url: str | None = None
    http_status: int | None = None
    declared_type: str | None = None
    origin: str = "http"
    note: str | None = None
    content: bytes | None = None
    content_type: str | None = None
    width: int | None = None
    height: int | None = None


def blob_path(folder: Path, digest: str) -> Path:
    """Where a --media-dir keeps a file: two levels by hash, so no folder grows too large."""
    return folder / digest[:2] / digest


def save_media(db: Database, row: MediaRow, media_dir: Path | None = None) -> str | None:
    """Save one media row (and its bytes, once per hash) in one transaction; the sha256."""
    digest = None
    if row.status == "saved" and row.content is not None:
        digest = hashlib.sha256(row.content).hexdigest()
        if media_dir is not None:
            _write_blob(blob_path(media_dir, digest), row.content)
    with writing(db):
        if digest is not None and row.content is not None:
            db.execute(
                "INSERT OR IGNORE INTO media_blobs (sha256, size, content_type, width, height, "
                "content) VALUES (?, ?, ?, ?, ?, ?)",
                [digest, len(row.content), row.content_type, row.width, row.height,
                 None if media_dir is not None else row.content],
            )  # fmt: skip
        db.execute(
            "INSERT OR REPLACE INTO media (site, url, final_url, status, http_status, "
            "declared_type,"
            " sha256, fetched_at, origin, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [row.site, row.url, row.final_url, row.status, row.http_status, row.declared_type,
             digest, row.fetched_at, row.origin, row.note],
        )  # fmt: skip
    return digest


def _write_blob(path: Path, content: bytes) -> None:
    if path.exists() and path.stat().st_size == len(content):
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".part")
    with open(temporary, "wb") as f:
        f.write(content)
        f.flush()
        os.fsync(f.fileno())
    os.replace(temporary, path)


def save_links(db: Database, site: str, links: Iterable[tuple[int, str, str]]) -> int:
    """Record (pid, url, role) links of posts to their media; the number new."""
    rows = [{"site": site, "pid": pid, "url": url, "role": role} for pid, url, role in links]
    if not rows:
        return 0
    before = db.execute("SELECT total_changes()").fetchone()[0]
    with writing(db):
        db.table("post_media").insert_all(rows, ignore=True)
    return int(db.execute("SELECT total_changes()").fetchone()[0] - before)


def media_sources(db: Database, site: str, tid: int | None) -> Iterator[dict[str, Any]]:
    """Each post of a thread (or a site) with its HTML, current attachments and avatar.

    One row at a time: a whole thread's HTML at once was the run's peak memory (about 1.3 kB a
    post, 8 MB for a 6,000-post thread), and a site's would be far more.
    """
    where, args = ("p.site = ? AND p.tid = ?", [site, tid]) if tid else ("p.site = ?", [site])
    sql = f"""SELECT p.pid, p.body_html, t.base_url, u.avatar_url,
        (SELECT json_group_array(json_array(a.kind, a.url)) FROM attachments a
         WHERE a.site = p.site AND a.pid = p.pid AND a.replaced_at IS NULL) AS attachments
        FROM posts p JOIN threads t ON t.site = p.site AND t.tid = p.tid
        LEFT JOIN users u ON u.site = p.site AND u.uid = p.uid
        WHERE {where} ORDER BY p.tid, p.position, p.pid"""
    cursor = db.execute(sql, args)
    names = [d[0] for d in cursor.description]
    for row in cursor:
        yield dict(zip(names, row, strict=True))


def wanted_media(
    db: Database, site: str | None = None, tid: int | None = None, retry: Iterable[str] = ()
) -> list[tuple[str, str]]:
    """(site, url) of every linked media with no row yet, or a row whose status is in `retry`."""
    statuses = sorted(set(retry))
    marks = ", ".join("?" for _ in statuses) or "NULL"
    where = ["(m.url IS NULL OR m.status IN (" + marks + "))"]
    args: list[Any] = [*statuses]
    if site is not None:
        where.append("pm.site = ?")
        args.append(site)
    if tid is not None:
        where.append("p.tid = ?")
        args.append(tid)
    sql = f"""SELECT pm.site, pm.url, MIN(p.tid), MIN(pm.rowid) FROM post_media pm
        JOIN posts p ON p.site = pm.site AND p.pid = pm.pid
        LEFT JOIN media m ON m.site = pm.site AND m.url = pm.url
        WHERE {" AND ".join(where)} GROUP BY pm.site, pm.url ORDER BY MIN(p.tid), MIN(pm.rowid)"""
    return [(row[0], row[1]) for row in db.execute(sql, args).fetchall()]


def media_for(db: Database, site: str, urls: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The media rows (with blob columns, content included) of these URLs of a site."""
    result: dict[str, dict[str, Any]] = {}
    sql = """SELECT m.url, m.status, m.http_status, m.final_url, m.note, b.sha256,
        b.content_type, b.size, b.width, b.height, b.content FROM media m
        LEFT JOIN media_blobs b ON b.sha256 = m.sha256 WHERE m.site = ? AND m.url = ?"""
    for url in dict.fromkeys(urls):
        cursor = db.execute(sql, [site, url])
        row = cursor.fetchone()
        if row is not None:
            result[url] = dict(zip([d[0] for d in cursor.description], row, strict=True))
    return result


def media_targets(
    db: Database, site: str | None = None, tid: int | None = None
) -> list[tuple[str, int | None, str]]:
    """(site, tid, base URL) of the archived threads a `media` run covers."""
    sql = "SELECT site, tid, base_url FROM threads WHERE base_url IS NOT NULL"
    args: list[Any] = []
    if site is not None:
        sql, args = sql + " AND site = ?", [*args, site]
    if tid is not None:
        sql, args = sql + " AND tid = ?", [*args, tid]
    rows = db.execute(sql + " ORDER BY site, tid", args).fetchall()
    return [(str(r[0]), int(r[1]), str(r[2])) for r in rows]
