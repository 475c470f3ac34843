"""Saving one parsed page in one transaction: its raw bytes, thread, posts, children, users,
and a special thread's poll, reward, activity, debate or goods."""

from __future__ import annotations

import json
import zlib
from dataclasses import asdict

from sqlite_utils import Database

from archiver.model import BoardPage, Page, SaveResult, Thread, ThreadPage
from archiver.store import rows
from archiver.store.activities import save_activity
from archiver.store.db import sha256, writing
from archiver.store.debates import save_debate
from archiver.store.moderations import save_moderation
from archiver.store.polls import save_poll
from archiver.store.posts import save_post
from archiver.store.rewards import save_reply_reward, save_reward, save_rush
from archiver.store.sorts import save_sort
from archiver.store.text_posts import save_text_posts
from archiver.store.trades import save_goods
from archiver.store.users import save_user


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
    """Save the raw page and every row parsed from it in one transaction.

    A post missing from one page is not gone: only the composer, having fetched every page
    of the thread in one rendering, can say so (a saved or `authorid=` page shows a part).
    """
    thread = parsed.thread
    rendering = parsed.rendering
    with writing(db):
        page_id = _save_raw(
            db, page, thread, charset, declared_charset, replacements, archived_at, rendering
        )
        before = _save_thread(db, thread, archived_at, desktop=rendering == "desktop")
        seen_at = thread.rendered_at or page.fetched_at.isoformat(timespec="seconds")
        result = SaveResult(page_id, replies_before=before)
        for post in parsed.posts:
            save_post(db, thread, post, page_id, archived_at, result)
            if post.profile is not None and post.uid is not None:
                save_user(db, thread.site, post.profile, page_id, seen_at)
        _mark_starter(db, thread)
        if parsed.text_posts:
            save_text_posts(db, thread, parsed.text_posts, page_id, archived_at, result)
        if parsed.poll is not None:
            save_poll(db, thread.site, thread.tid, parsed.poll, rendering, page_id, archived_at)
        if parsed.reward is not None:
            save_reward(db, thread.site, thread.tid, parsed.reward, rendering, page_id, archived_at)
        if parsed.activity is not None:
            save_activity(
                db, thread.site, thread.tid, parsed.activity, rendering, page_id, archived_at
            )
        if parsed.debate is not None:
            save_debate(db, thread.site, thread.tid, parsed.debate, rendering, page_id, archived_at)
        if parsed.goods:
            save_goods(db, thread.site, thread.tid, parsed.goods, rendering, page_id, archived_at)
        if parsed.sort is not None:
            save_sort(db, thread.site, thread.tid, parsed.sort, rendering, page_id, archived_at)
        if parsed.moderation is not None:
            save_moderation(db, thread.site, thread.tid, parsed.moderation, page_id, archived_at)
        if parsed.reply_reward is not None:
            terms = parsed.reply_reward
            save_reply_reward(db, thread.site, thread.tid, terms, rendering, page_id, archived_at)
        if parsed.rush is not None:
            save_rush(db, thread.site, thread.tid, parsed.rush, rendering, page_id, archived_at)
    return result


def _mark_starter(db: Database, thread: Thread) -> None:
    """The thread author's posts on every page archived so far are 楼主's: a later page, a
    view or a theme may not say who started the thread, page 1 does."""
    db.execute(
        "UPDATE posts SET is_thread_author = 1 WHERE site = ? AND tid = ? AND is_thread_author = 0 "
        "AND uid = (SELECT thread_author_uid FROM threads WHERE site = ? AND tid = ?)",
        [thread.site, thread.tid, thread.site, thread.tid],
    )


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
        "page_number": None if thread.only_author else thread.page,  # a view's own pager
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
        "capture_file": page.capture.file if page.capture else None,
        "capture_record_id": page.capture.record_id if page.capture else None,
        "capture_offset": page.capture.offset if page.capture else None,
    }
    cursor = db.execute(
        f"INSERT INTO pages ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})",
        list(row.values()),
    )
    return int(cursor.lastrowid or 0)


def _save_thread(db: Database, thread: Thread, archived_at: str, *, desktop: bool) -> int | None:
    """Upsert the thread row; returns the reply count it had before (None: new or unknown)."""
    row = rows.without_none(
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
            # touch and API pages and 只看该作者 views count their pages otherwise
            "page_count": thread.pages if desktop and not thread.only_author else None,
            "thread_author": thread.thread_author,
            "thread_author_uid": thread.thread_author_uid,
            "discuz_version": thread.discuz_version,
            "timezone": thread.timezone,
            "canonical_url": thread.canonical_url,
            "base_url": thread.base_url,
            "rendered_at": thread.rendered_at,
            "thread_type": thread.thread_type,
            "thread_type_id": thread.thread_type_id,
            "closed": None if thread.closed is None else int(thread.closed),
            "digest": thread.digest,
            "sticky": thread.sticky,
            "stamp": thread.stamp,
            "price": thread.price,
            "readperm": thread.readperm,
            "last_archived_at": archived_at,
        },
        keep=(),
    )
    old = rows.existing(db, "threads", "site = ? AND tid = ?", [thread.site, thread.tid])
    unknown = (*thread.unknown_fields, *(() if desktop else ("page_count",)))
    if old is None:
        row["unknown_fields"] = json.dumps(list(unknown))
        rows.insert(db, "threads", {**row, "first_archived_at": archived_at})
        return None
    if thread.page != 1 and old["canonical_url"]:
        row.pop("canonical_url", None)  # later pages may name themselves (&page=N)
    if (thread.page != 1 or thread.only_author) and old["thread_author_uid"] is not None:
        # page 1 shows the starter's own post; a later page only names him, if it can
        row.pop("thread_author", None)
        row.pop("thread_author_uid", None)
    count = old["page_count"]
    if "page_count" in row and count is not None and thread.pages < count:
        if thread.page < count:
            row.pop("page_count")  # an older page of a thread that has grown since
    row["unknown_fields"] = json.dumps(
        [f for f in json.loads(old["unknown_fields"]) if f in unknown]
    )
    changes = rows.changed(row, old)
    if changes:
        rows.update(db, "threads", {"site": thread.site, "tid": thread.tid}, changes)
    return old["replies"] if isinstance(old["replies"], int) else None


def save_board_page(db: Database, board: BoardPage, url: str, walked_at: str) -> None:
    """Record a walked thread-list page and what it listed, in one transaction."""
    with writing(db):
        old = rows.existing(db, "boards", "site = ? AND fid = ?", [board.site, board.fid])
        row = {"site": board.site, "fid": board.fid, "name": board.name, "url": url,
               "page_count": board.pages, "last_walked_at": walked_at}  # fmt: skip
        if old is None:
            db.table("boards").insert({**row, "first_walked_at": walked_at})
        else:
            db.table("boards").update((board.site, board.fid), rows.changed(row, old))
        for item in board.threads:
            listed = asdict(item)
            listed.update(site=board.site, fid=board.fid, sticky=int(item.sticky),
                          listed_at=walked_at)  # fmt: skip
            db.table("board_threads").upsert(listed, pk=("site", "tid"))
