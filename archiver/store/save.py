"""Saving one parsed page in one transaction: its raw bytes, thread, posts, children, users."""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterable
from dataclasses import asdict
from typing import Any

from sqlite_utils import Database

from archiver.model import (
    Author,
    BoardPage,
    Page,
    Post,
    SaveResult,
    TextPost,
    Thread,
    ThreadPage,
)
from archiver.store.db import sha256, writing
from archiver.store.queries import mark_missing

_VERSIONED = (
    "body_html", "body_text", "state", "edited_by", "edited_at", "client_tag", "client_suffix",
)  # fmt: skip
_PRECISION = {"second": 0, "minute": 1, "hour": 2, "day": 3}
_CHILDREN = ("quotes", "attachments", "ratings", "comments")
_USER_FIELDS = (
    "name", "group_title", "gid", "rank", "thread_count", "post_count", "reply_count",
    "credits", "custom_title", "avatar_url",
)  # fmt: skip


def save_page(
    db: Database,
    page: Page,
    parsed: ThreadPage,
    *,
    charset: str,
    declared_charset: str | None,
    replacements: int,
    archived_at: str,
) -> SaveResult:
    """Save the raw page and every row parsed from it in one transaction."""
    thread = parsed.thread
    rendering = parsed.rendering or (parsed.posts[0].source if parsed.posts else "desktop")
    with writing(db):
        page_id = _save_raw(
            db, page, thread, charset, declared_charset, replacements, archived_at, rendering
        )
        _save_thread(db, thread, archived_at, desktop=rendering == "desktop")
        seen_at = thread.rendered_at or page.fetched_at.isoformat(timespec="seconds")
        result = SaveResult(page_id)
        for post in parsed.posts:
            _save_post(db, thread, post, page_id, archived_at, result)
            if post.profile is not None and post.uid is not None:
                _save_user(db, thread.site, post.profile, page_id, seen_at)
        if parsed.text_posts:
            _save_text_posts(db, thread, parsed.text_posts, page_id, archived_at, result)
        if thread.pages == 1 and rendering == "desktop":  # the whole thread is on this page
            seen = {post.pid for post in parsed.posts}
            result.posts_gone = mark_missing(db, thread.site, thread.tid, seen, archived_at)
    return result


def _save_raw(
    db: Database,
    page: Page,
    thread: Thread,
    charset: str,
    declared: str | None,
    replacements: int,
    archived_at: str,
    rendering: str,
) -> int:
    digest = sha256(page.content)
    existing = db.execute("SELECT id FROM pages WHERE sha256 = ?", [digest]).fetchone()
    if existing:
        return int(existing[0])
    row = {
        "sha256": digest,
        "site": thread.site,
        "tid": thread.tid,
        "page": thread.page,
        "source": page.source,
        "url": page.url,
        "archived_at": archived_at,
        "fetched_at": page.fetched_at.isoformat(timespec="seconds"),
        "status": page.status,
        "headers": json.dumps(page.headers, ensure_ascii=False) if page.headers else None,
        "charset": charset,
        "declared_charset": declared,
        "replacements": replacements,
        "size": len(page.content),
        "compression": "zlib",
        "content": zlib.compress(page.content, 6),
        "rendering": rendering,
        "redactions": ",".join(page.redactions) or None,
    }
    cursor = db.execute(
        f"INSERT INTO pages ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
        list(row.values()),
    )
    return int(cursor.lastrowid or 0)


def _save_text_posts(
    db: Database,
    thread: Thread,
    posts: list[TextPost],
    page_id: int,
    archived_at: str,
    result: SaveResult,
) -> None:
    """Upsert by (page, place); a last page's floors come from page 1's size, either order."""
    key = [thread.site, thread.tid]
    if thread.page == 1 and thread.pages > 1:  # page 1 of several is full: the page size
        db.execute(
            "UPDATE text_posts SET floor = (page - 1) * ? + idx "
            "WHERE site = ? AND tid = ? AND page > 1 AND floor IS NULL",
            [len(posts), *key],
        )
    first = db.execute(
        "SELECT COUNT(*) FROM text_posts WHERE site = ? AND tid = ? AND page = 1", key
    ).fetchone()[0]
    for post in posts:
        row = {k: v for k, v in asdict(post).items() if k not in ("page", "idx")}
        if row["floor"] is None and first and post.page > 1:
            row["floor"] = (post.page - 1) * first + post.idx
        where = [*key, post.page, post.idx]
        old = _existing(db, "text_posts", "site = ? AND tid = ? AND page = ? AND idx = ?", where)
        if old is None:
            _insert(db, "text_posts", {"site": thread.site, "tid": thread.tid, "page": post.page,
                                       "idx": post.idx, **row, "page_id": page_id,
                                       "first_seen_at": archived_at,
                                       "last_seen_at": archived_at})  # fmt: skip
            result.posts_new += 1
            continue
        changes = _changed({**row, "page_id": page_id}, old)
        if set(changes) - {"page_id"}:
            result.posts_changed += 1
        keys = {"site": thread.site, "tid": thread.tid, "page": post.page, "idx": post.idx}
        _update(db, "text_posts", keys, {**changes, "last_seen_at": archived_at})


def _without_none(row: dict[str, Any], keep: Iterable[str]) -> dict[str, Any]:
    """Drop unknown values so an upsert never overwrites what an earlier page told us."""
    keep = set(keep)
    return {k: v for k, v in row.items() if v is not None or k in keep}


def _save_thread(db: Database, thread: Thread, archived_at: str, *, desktop: bool) -> None:
    row = _without_none(
        {
            "site": thread.site,
            "tid": thread.tid,
            "fid": thread.fid,
            "subject": thread.subject,
            "forum": thread.forum,
            "forum_path": json.dumps(thread.forum_path, ensure_ascii=False)
            if thread.forum_path
            else None,
            "views": thread.views,
            "replies": thread.replies,
            "pages": thread.pages if desktop else None,  # touch/API pages count differently
            "thread_author": thread.thread_author,
            "thread_author_uid": thread.thread_author_uid,
            "discuz_version": thread.discuz_version,
            "timezone": thread.timezone,
            "canonical_url": thread.canonical_url,
            "base_url": thread.base_url,
            "rendered_at": thread.rendered_at,
            "last_archived_at": archived_at,
        },
        keep=(),
    )
    old = _existing(db, "threads", "site = ? AND tid = ?", [thread.site, thread.tid])
    if old is None:
        _insert(db, "threads", {**row, "first_archived_at": archived_at})
        return
    if thread.page != 1 and old["canonical_url"]:
        row.pop("canonical_url", None)  # later pages may name themselves (&page=N)
    if "pages" in row and old["pages"] is not None and thread.pages < old["pages"]:
        if thread.page < old["pages"]:
            row.pop("pages")  # an older page of a thread that has grown since
    changes = _changed(row, old)
    if changes:
        _update(db, "threads", {"site": thread.site, "tid": thread.tid}, changes)


def _insert(db: Database, table: str, row: dict[str, Any]) -> None:
    """Plain INSERT: sqlite-utils' insert() looks the table up in sqlite_master each time."""
    columns = ", ".join(row)
    db.execute(
        f"INSERT INTO {table} ({columns}) VALUES ({', '.join('?' * len(row))})", list(row.values())
    )


def _update(db: Database, table: str, key: dict[str, Any], changes: dict[str, Any]) -> None:
    sets = ", ".join(f"{column} = ?" for column in changes)
    where = " AND ".join(f"{column} = ?" for column in key)
    db.execute(f"UPDATE {table} SET {sets} WHERE {where}", [*changes.values(), *key.values()])


def _existing(db: Database, table: str, where: str, params: list[Any]) -> dict[str, Any] | None:
    cursor = db.execute(f"SELECT * FROM {table} WHERE {where}", params)
    row = cursor.fetchone()
    return dict(zip([d[0] for d in cursor.description], row, strict=True)) if row else None


def _changed(row: dict[str, Any], old: dict[str, Any]) -> dict[str, Any]:
    """Only the columns whose value differs: unchanged text must not churn the FTS index."""
    return {k: v for k, v in row.items() if old.get(k) != v}


def _post_row(thread: Thread, post: Post) -> dict[str, Any]:
    return {
        "site": thread.site,
        "pid": post.pid,
        "tid": thread.tid,
        "page": None if post.is_copy or post.source != "desktop" else thread.page,
        "floor": post.floor,
        "floor_label": None if post.is_copy else post.floor_label,
        "uid": post.uid,
        "author": post.author,
        "author_kind": post.author_kind,
        "is_thread_author": int(post.is_thread_author),
        "posted_at": post.posted_at,
        "posted_text": post.posted_text,
        "posted_precision": post.posted_precision,
        "client_tag": post.client_tag,
        "body_html": post.body_html,
        "body_text": post.body_text,
        "edited_by": post.edited_by,
        "edited_at": post.edited_at,
        "state": post.state,
        "client_suffix": post.client_suffix,
        "is_sticky": int(post.is_sticky),
        "is_hot": int(post.is_hot),
        "source": post.source,
    }


def _save_post(
    db: Database,
    thread: Thread,
    post: Post,
    page_id: int,
    archived_at: str,
    result: SaveResult,
) -> None:
    row = _post_row(thread, post)
    old = _existing(db, "posts", "site = ? AND pid = ?", [thread.site, post.pid])
    if old is None:
        first_label = row["floor_label"] or post.floor_label
        seen = {"first_seen_at": archived_at, "last_seen_at": archived_at}
        _insert(db, "posts", {**row, "floor_label": first_label, "page_id": page_id, **seen})
        result.posts_new += 1
    else:
        if any(old[k] != row[k] for k in _VERSIONED):
            kept = (*_VERSIONED, "first_seen_at", "last_seen_at", "page_id")
            _save_revision(db, thread.site, post.pid, {k: old[k] for k in kept}, archived_at)
            result.posts_changed += 1
        else:
            result.posts_unchanged += 1
        update = _without_none(row, keep=_VERSIONED)
        if _precision(post.posted_precision) > _precision(old["posted_precision"]):
            for key in ("posted_at", "posted_text", "posted_precision"):
                update.pop(key, None)  # never replace an exact time with an approximate one
        update.update(last_seen_at=archived_at, page_id=page_id, gone_at=None)
        if post.is_copy:
            for key in ("page", "is_sticky", "is_hot"):
                update.pop(key, None)
        changes = _changed(update, old)
        if changes:
            _update(db, "posts", {"site": thread.site, "pid": post.pid}, changes)
    _replace_children(db, thread.site, post, existed=old is not None)


def _precision(name: str | None) -> int:
    """Smaller is finer: second < minute < hour < day < unknown."""
    return _PRECISION.get(name or "", len(_PRECISION))


def _save_revision(
    db: Database, site: str, pid: int, previous: dict[str, Any], replaced_at: str
) -> None:
    number = db.execute(
        "SELECT COALESCE(MAX(revision), 0) + 1 FROM post_revisions WHERE site = ? AND pid = ?",
        [site, pid],
    ).fetchone()[0]
    _insert(
        db,
        "post_revisions",
        {"site": site, "pid": pid, "revision": number, **previous, "replaced_at": replaced_at},
    )


def _replace_children(db: Database, site: str, post: Post, *, existed: bool) -> None:
    """Quotes, attachments, ratings and comments mirror the post's current version."""
    for table in _CHILDREN:
        items = getattr(post, table)
        if existed:
            db.execute(f"DELETE FROM {table} WHERE site = ? AND pid = ?", [site, post.pid])
        for i, item in enumerate(items):
            _insert(db, table, {"site": site, "pid": post.pid, "idx": i, **asdict(item)})


def _user_row(author: Author) -> dict[str, Any]:
    row: dict[str, Any] = {k: getattr(author, k) for k in _USER_FIELDS}
    for key in ("medals", "stats", "profile"):
        value = getattr(author, key)
        row[key] = json.dumps(value, ensure_ascii=False) if value else None
    return row


def _save_user(db: Database, site: str, author: Author, page_id: int, seen_at: str) -> None:
    assert author.uid is not None
    row = _user_row(author)
    db.execute(
        f"INSERT OR IGNORE INTO user_snapshots (site, uid, page_id, seen_at, {', '.join(row)}) "
        f"VALUES (?, ?, ?, ?, {', '.join('?' * len(row))})",
        [site, author.uid, page_id, seen_at, *row.values()],
    )
    latest = db.execute(
        "SELECT seen_at FROM users WHERE site = ? AND uid = ?", [site, author.uid]
    ).fetchone()
    if latest is None:
        _insert(db, "users", {"site": site, "uid": author.uid, **row, "seen_at": seen_at})
    elif (latest[0] or "") <= seen_at:
        _update(db, "users", {"site": site, "uid": author.uid}, {**row, "seen_at": seen_at})


def save_board_page(db: Database, board: BoardPage, url: str, walked_at: str) -> None:
    """Record a walked thread-list page and what it listed, in one transaction."""
    with writing(db):
        old = _existing(db, "boards", "site = ? AND fid = ?", [board.site, board.fid])
        row = {"site": board.site, "fid": board.fid, "name": board.name, "url": url,
               "pages": board.pages, "last_walked_at": walked_at}  # fmt: skip
        if old is None:
            db.table("boards").insert({**row, "first_walked_at": walked_at})
        else:
            db.table("boards").update((board.site, board.fid), _changed(row, old))
        for item in board.threads:
            listed = asdict(item)
            listed.update(site=board.site, fid=board.fid, sticky=int(item.sticky),
                          listed_at=walked_at)  # fmt: skip
            db.table("board_threads").upsert(listed, pk=("site", "tid"))
