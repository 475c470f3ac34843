"""Saving a page's posts: new, changed (the old version kept as a revision) or unchanged,
with their quotes, attachments, ratings and comments."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from sqlite_utils import Database

from archiver.model import Post, SaveResult, Thread
from archiver.store import rows
from archiver.store.compare import VERSIONED, compared, richer

_KEPT = (*VERSIONED, "first_seen_at", "last_seen_at", "page_id")  # in a revision
_PRECISION = {"second": 0, "minute": 1, "hour": 2, "day": 3}
_CHILDREN = ("quotes", "attachments", "ratings", "comments")
_CHILD_KEYS = ("site", "pid", "idx", "version", "replaced_at")  # the columns no item carries


def _post_row(thread: Thread, post: Post) -> dict[str, Any]:
    return {
        "site": thread.site,
        "pid": post.pid,
        "tid": thread.tid,
        # a copy, a touch or API page or a 只看该作者 view numbers its pages otherwise
        "page_number": None
        if post.is_copy or post.source != "desktop" or thread.only_author
        else thread.page,
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
        "code_blocks": json.dumps(list(post.code_blocks), ensure_ascii=False),
        "reply_credit": post.reply_credit.credits if post.reply_credit else None,
        "reply_credit_name": post.reply_credit.name if post.reply_credit else None,
        "rush_floor": None if post.rush_floor is None else int(post.rush_floor),
        "body_part": post.body_part,
        "support": post.support,
        "against": post.against,
        "edited_by": post.edited_by,
        "edited_at": post.edited_at,
        "state": post.state,
        "client_suffix": post.client_suffix,
        "rendering": post.source,
        "unknown_fields": json.dumps(list(post.unknown_fields)),
    }


def save_post(
    db: Database,
    thread: Thread,
    post: Post,
    page_id: int,
    archived_at: str,
    result: SaveResult,
) -> None:
    row = _post_row(thread, post)
    old = rows.existing(db, "posts", "site = ? AND pid = ?", [thread.site, post.pid])
    marks = _marks(post, old, archived_at)
    # compared once (across renderings the whole body text is squashed and searched); lesser:
    # a lesser rendering of the unedited post
    edited, lesser = compared(old, row, post) if old is not None else (False, False)
    if old is None:
        first_label = row["floor_label"] or post.floor_label
        seen = {"first_seen_at": archived_at, "last_seen_at": archived_at}
        position = _free_position(db, thread, post.floor)
        rows.insert(
            db,
            "posts",
            {**row, **marks, "floor_label": first_label, "page_id": page_id, "position": position,
             **seen},
        )  # fmt: skip
        texts = rows.floor_archived(db, "text_posts", thread.site, thread.tid, post.floor)
        result.posts_new += 0 if texts and not post.is_copy else 1  # once, from either view
    else:
        update = _merged(row, old, post, edited=edited, lesser=lesser)
        if edited:
            _save_revision(db, thread.site, post.pid, _kept(old), archived_at)
            result.posts_changed += 1
        else:
            result.posts_unchanged += 1
        update.update(marks, last_seen_at=archived_at, page_id=page_id, gone_at=None)
        if old["position"] is None and not post.is_copy:  # first seen as a sticky copy
            update["position"] = _free_position(db, thread, post.floor)
        _note_floor_change(db, thread.site, post, old, row, archived_at, result)
        changes = rows.changed(update, old)
        if changes:
            rows.update(db, "posts", {"site": thread.site, "pid": post.pid}, changes)
    # a lesser rendering (touch, then the API) of an unedited post shows its children its own
    # way or not at all (touch: no 点评, no image sizes): the richer one's sets stay current
    _save_children(db, thread.site, post, archived_at, existed=old is not None, keep=lesser)


# what a lesser rendering of an unedited post never replaces (touch under API under desktop)
_RICHEST_ONLY = ("body_html", "body_text", "code_blocks", "rendering", "client_tag", "body_part")


def _merged(
    row: dict[str, Any], old: dict[str, Any], post: Post, *, edited: bool, lesser: bool
) -> dict[str, Any]:
    """The row to write over an archived post: nothing known is replaced by the unknown.

    An exact time is never replaced by an approximate one; a lesser rendering's body (touch
    under API under desktop) replaces a richer one only when the content really changed;
    a field is unknown only while no rendering read so far could show it.
    """
    update = rows.without_none(row, keep=("edited_by", "edited_at", "client_suffix", "body_part"))
    for key in ("edited_by", "edited_at", "client_suffix"):
        if row[key] is None and old[key] is not None and not edited:
            update.pop(key)  # a rendering that does not show the note; the post is the same
    if _precision(post.posted_precision) > _precision(old["posted_precision"]):
        for key in ("posted_at", "posted_text", "posted_precision"):
            update.pop(key, None)
    for key in _RICHEST_ONLY if lesser else ():
        update.pop(key, None)
    if post.author_kind == "guest" and old["author"] is not None and not richer(row, old):
        update.pop("author", None)  # a label (desktop: 匿名, touch: 游客): the richest's stays
    unknown = json.loads(old["unknown_fields"] or "[]")
    kept = _RICHEST_ONLY if lesser else ()  # not taken from a lesser rendering: still unknown
    update["unknown_fields"] = json.dumps(
        [f for f in unknown if f in post.unknown_fields or f in kept]
    )
    if post.is_copy:
        update.pop("page_number", None)
    return update


def _kept(old: dict[str, Any]) -> dict[str, Any]:
    """The version being replaced, as a revision keeps it."""
    return {**{k: old[k] for k in _KEPT}, "rendering": old["rendering"]}


def _marks(post: Post, old: dict[str, Any] | None, at: str) -> dict[str, str]:
    """Pinned (置顶), recommended (推荐) and warned (受到警告): when first and last seen so,
    never forgotten."""
    marks = ("pinned",) if post.is_sticky else ("recommended",) if post.is_hot else ()
    found: dict[str, str] = {}
    for mark in (*marks, *(("warned",) if post.is_warned else ())):
        first = old[f"{mark}_first_seen_at"] if old is not None else None
        found.update({f"{mark}_first_seen_at": first or at, f"{mark}_last_seen_at": at})
    return found


def _note_floor_change(
    db: Database,
    site: str,
    post: Post,
    old: dict[str, Any],
    row: dict[str, Any],
    at: str,
    result: SaveResult,
) -> None:
    """The forum renumbered the post's floor: the floor it left becomes a floor_changes row."""
    moved = None not in (old["floor"], row["floor"]) and old["floor"] != row["floor"]
    if moved and not post.is_copy:
        result.floors_moved += 1
        db.execute(
            "INSERT OR IGNORE INTO floor_changes (site, pid, changed_at, floor, floor_label) "
            "VALUES (?, ?, ?, ?, ?)",
            [site, post.pid, at, old["floor"], old["floor_label"]],
        )


def _free_position(db: Database, thread: Thread, floor: int | None) -> int | None:
    """The floor a new post is first seen at, unless a live post of the thread holds it."""
    if floor is None:
        return None
    taken = db.execute(
        "SELECT 1 FROM posts WHERE site = ? AND tid = ? AND position = ? AND gone_at IS NULL",
        [thread.site, thread.tid, floor],
    ).fetchone()
    return None if taken else floor


def _precision(name: str | None) -> int:
    """Smaller is finer: second < minute < hour < day < unknown."""
    return _PRECISION.get(name or "", len(_PRECISION))


def keep_revision(db: Database, site: str, pid: int, replaced_at: str) -> None:
    """The post's current version as a revision, before something replaces it."""
    old = rows.existing(db, "posts", "site = ? AND pid = ?", [site, pid])
    if old is not None:
        _save_revision(db, site, pid, _kept(old), replaced_at)


def _save_revision(
    db: Database, site: str, pid: int, previous: dict[str, Any], replaced_at: str
) -> None:
    number = db.execute(
        "SELECT COALESCE(MAX(revision), 0) + 1 FROM post_revisions WHERE site = ? AND pid = ?",
        [site, pid],
    ).fetchone()[0]
    rows.insert(
        db,
        "post_revisions",
        {"site": site, "pid": pid, "revision": number, **previous, "replaced_at": replaced_at},
    )


def _save_children(
    db: Database, site: str, post: Post, at: str, *, existed: bool, keep: bool = False
) -> None:
    """Quotes, attachments, ratings and comments: a new set when they change, never deleted.

    The set the post showed before stays, its rows marked `replaced_at`; a moderator who
    hides a post, or an edit that drops a quote, leaves the earlier rows in the archive.
    With `keep` (a lesser rendering of the same post) a set is only added where none is known.
    """
    for table in _CHILDREN:
        shown = getattr(post, table)
        if shown is None:  # this rendering cannot show them: what is known stays current
            continue
        items = [_plain(asdict(item)) for item in shown]
        current = _current_children(db, table, site, post.pid) if existed else []
        if existed and (current == items or keep and current):
            continue
        version = 1
        if existed:
            version += _last_version(db, table, site, post.pid)
            db.execute(
                f"UPDATE {table} SET replaced_at = ? "
                "WHERE site = ? AND pid = ? AND replaced_at IS NULL",
                [at, site, post.pid],
            )
        for i, item in enumerate(items):
            row = {"site": site, "pid": post.pid, "idx": i, **item, "version": version}
            rows.insert(db, table, row)


def _current_children(db: Database, table: str, site: str, pid: int) -> list[dict[str, Any]]:
    cursor = db.execute(
        f"SELECT * FROM {table} WHERE site = ? AND pid = ? AND replaced_at IS NULL ORDER BY idx",
        [site, pid],
    )
    names = [d[0] for d in cursor.description]
    return [
        {k: v for k, v in zip(names, row, strict=True) if k not in _CHILD_KEYS}
        for row in cursor.fetchall()
    ]


def _last_version(db: Database, table: str, site: str, pid: int) -> int:
    sql = f"SELECT COALESCE(MAX(version), 0) FROM {table} WHERE site = ? AND pid = ?"
    return int(db.execute(sql, [site, pid]).fetchone()[0])


def _plain(item: dict[str, Any]) -> dict[str, Any]:
    """Values as SQLite gives them back: booleans are integers."""
    return {k: int(v) if isinstance(v, bool) else v for k, v in item.items()}
