"""A thread's poll for people: as the export's JSON holds it, and as lines the forum would say."""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

from archiver.read.rows import flag, thread_rows, without_keys
from archiver.times import shown_time

_FLAGS = ("results_hidden", "is_image", "ended")


def load_poll(db: Database, site: str, tid: int) -> dict[str, Any] | None:
    """The poll with its options (shown ones first) and earlier states, or None."""
    found = list(db.query("SELECT * FROM polls WHERE site = ? AND tid = ?", [site, tid]))
    if not found:
        return None
    poll = without_keys(found[0])
    for key in _FLAGS:
        poll[key] = flag(poll[key])
    poll["options"] = [
        without_keys(row)
        for row in db.query(
            "SELECT * FROM poll_options WHERE site = ? AND tid = ? "
            "ORDER BY gone_at IS NOT NULL, number",
            [site, tid],
        )
    ]
    poll["revisions"] = [
        {**row, "ended": flag(row["ended"]), "options": json.loads(row["options"])}
        for row in thread_rows(db, "poll_revisions", site, tid, "revision")
    ]
    return poll


def poll_lines(poll: dict[str, Any]) -> list[str]:
    """The poll in the forum's words: kind, limit, voters, expiry, then each option's count."""
    head = ["多选投票" if poll["kind"] == "multiple" else "单选投票"]
    if poll["kind"] == "multiple" and poll["max_choices"]:
        head.append(f"最多可选 {poll['max_choices']} 项")
    if poll["voters"] is not None:
        head.append(f"共有 {poll['voters']} 人参与投票")
    if poll["ended"]:
        head.append("投票已经结束")
    elif poll["expires_at"]:
        head.append(f"截止 {shown_time(poll['expires_at'], poll['expires_precision'])}")
    lines = [" · ".join(head)]
    for option in poll["options"]:
        if option["gone_at"] is not None:
            continue
        count = (
            "票数未显示"
            if option["votes"] is None
            else f"{option['votes']} 票" + _percent(option["percent"])
        )
        lines.append(f"{option['number']}. {option['text']} — {count}")
    return lines


def _percent(value: float | None) -> str:
    return "" if value is None else f" ({value:.2f}%)"
