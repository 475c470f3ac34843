"""A thread's 分类信息 for people (as the export's JSON holds it, and as the forum's lines), its
subject as the page heads it and its state as the forum words it."""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

from archiver.read.rows import flag, without_keys


def load_sort(db: Database, site: str, tid: int) -> dict[str, Any] | None:
    """The sort with its values (title -> value) and earlier states, or None."""
    found = list(db.query("SELECT * FROM thread_sorts WHERE site = ? AND tid = ?", [site, tid]))
    if not found:
        return None
    revisions = db.query(
        "SELECT * FROM thread_sort_revisions WHERE site = ? AND tid = ? ORDER BY revision",
        [site, tid],
    )
    sort = _decoded(without_keys(found[0]))
    sort["revisions"] = [_decoded(without_keys(row)) for row in revisions]
    return sort


def load_moderations(db: Database, site: str, tid: int) -> list[dict[str, Any]]:
    """The moderations the thread's pages noted, oldest first."""
    return [
        without_keys(row)
        for row in db.query(
            "SELECT * FROM thread_moderations WHERE site = ? AND tid = ? "
            "ORDER BY moderated_at IS NULL, moderated_at, id",
            [site, tid],
        )
    ]


def moderation_lines(moderations: list[dict[str, Any]]) -> list[str]:
    """Each as the forum words it: 本主题由 阿强超版 于 2026-12-05 14:00 关闭."""
    lines = []
    for m in moderations:
        when = _minute(m["moderated_at"])
        lines.append(f"本主题由 {m['moderator'] or '?'} 于 {when} {m['action'] or ''}".rstrip())
    return lines


def _minute(at: str | None) -> str:
    return at[:16].replace("T", " ") if at else "?"


def sort_lines(sort: dict[str, Any]) -> list[str]:
    """The box as the forum draws it: the sort's name, then `标题: 值` (`-` empty, `?` hidden)."""
    lines = [sort["name"] or "?"] + ["该信息已经过期"] * bool(sort["expired"])
    for title, value in sort["options"].items():
        shown = "?" if value is None else value or "-"
        lines.append(f"{title}: {shown}")
    return lines


def shown_subject(thread: dict[str, Any]) -> str:
    """The subject as the thread's page heads it: `[类型] 标题`."""
    kind = thread.get("thread_type")
    return f"[{kind}] {thread['subject'] or ''}" if kind else thread["subject"] or ""


def thread_marks(thread: dict[str, Any]) -> str:
    """The thread's state as the forum words it, each after a ` · `: 关闭, 精华 N, 置顶 N, its
    图章, 付费主题 N, 阅读权限 N ("" for an ordinary thread)."""
    marks = ["关闭"] if thread.get("closed") else []
    marks += [f"精华 {thread['digest']}"] if thread.get("digest") else []
    marks += [f"置顶 {thread['sticky']}"] if thread.get("sticky") else []
    marks += [f"图章 {thread['stamp']}"] if thread.get("stamp") else []
    marks += [f"付费主题 {thread['price']}"] if thread.get("price") else []
    marks += [f"阅读权限 {thread['readperm']}"] if thread.get("readperm") else []
    return "".join(f" · {mark}" for mark in marks)


def _decoded(row: dict[str, Any]) -> dict[str, Any]:
    row["options"] = json.loads(row["options"])
    row["expired"] = flag(row["expired"])
    return row
