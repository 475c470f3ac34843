"""A thread's head for people: its subject as the page heads it, its state and its
moderations as the forum words them."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from archiver.read.rows import thread_rows


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


def load_moderations(db: Database, site: str, tid: int) -> list[dict[str, Any]]:
    """The moderations the thread's pages noted, oldest first."""
    return thread_rows(
        db, "thread_moderations", site, tid, "moderated_at IS NULL, moderated_at, id"
    )


def moderation_lines(moderations: list[dict[str, Any]]) -> list[str]:
    """Each as the forum words it: 本主题由 阿强超版 于 2026-12-05 14:00 关闭."""
    lines = []
    for m in moderations:
        when = _minute(m["moderated_at"])
        lines.append(f"本主题由 {m['moderator'] or '?'} 于 {when} {m['action'] or ''}".rstrip())
    return lines


def _minute(at: str | None) -> str:
    return at[:16].replace("T", " ") if at else "?"
