"""A thread's 分类信息 for people: as the export's JSON holds it, and as the forum's lines."""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

from archiver.read.rows import flag, thread_rows


def load_sort(db: Database, site: str, tid: int) -> dict[str, Any] | None:
    """The sort with its values (title -> value) and earlier states, or None."""
    found = thread_rows(db, "thread_sorts", site, tid)
    if not found:
        return None
    revisions = thread_rows(db, "thread_sort_revisions", site, tid, "revision")
    return {**_decoded(found[0]), "revisions": [_decoded(row) for row in revisions]}


def sort_lines(sort: dict[str, Any]) -> list[str]:
    """The box as the forum draws it: the sort's name, then `标题: 值` (`-` empty, `?` hidden)."""
    lines = [sort["name"] or "?"] + ["该信息已经过期"] * bool(sort["expired"])
    for title, value in sort["options"].items():
        shown = "?" if value is None else value or "-"
        lines.append(f"{title}: {shown}")
    return lines


def _decoded(row: dict[str, Any]) -> dict[str, Any]:
    row["options"] = json.loads(row["options"])
    row["expired"] = flag(row["expired"])
    return row
