"""A thread's debate for people: as the export's JSON holds it, and in the forum's words."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from archiver.read.rows import thread_rows, without_keys

_SIDE_WORDS = {"affirm": "正方", "negate": "反方", "neutral": "中立", "draw": "平局"}


def load_debate(db: Database, site: str, tid: int) -> dict[str, Any] | None:
    """The debate with its earlier states and its replies' sides, or None."""
    found = list(db.query("SELECT * FROM debates WHERE site = ? AND tid = ?", [site, tid]))
    stands = [
        without_keys(r)
        for r in db.query(
            "SELECT * FROM debate_stands WHERE site = ? AND tid = ? ORDER BY pid", [site, tid]
        )
    ]
    if not found and not stands:
        return None
    debate = without_keys(found[0]) if found else {}
    debate["revisions"] = thread_rows(db, "debate_revisions", site, tid, "revision")
    debate["stands"] = stands
    return debate


def debate_lines(debate: dict[str, Any]) -> list[str]:
    """Both sides (正方观点 (N) …), the end and umpire, the verdict, then how many took a side."""
    lines = []
    for side, label in (("affirm", "正方观点"), ("negate", "反方观点")):
        votes, point = debate.get(f"{side}_votes"), debate.get(f"{side}_point")
        if votes is not None or point:
            lines.append(f"{label} ({'?' if votes is None else votes}): {point or ''}".rstrip())
    if debate.get("ends_text"):
        umpire = f" · 裁判: {debate['umpire']}" if debate.get("umpire") else ""
        lines.append(f"结束时间: {debate['ends_text']}{umpire}")
    if debate.get("winner"):
        won = _SIDE_WORDS[debate["winner"]]
        lines.append(won if debate["winner"] == "draw" else f"{won}获胜")
    for key, label in (("umpire_point", "裁判观点"), ("best_debater", "最佳辩手")):
        if debate.get(key):
            lines.append(f"{label}: {debate[key]}")
    counts = {side: 0 for side in ("affirm", "negate", "neutral")}
    for stand in debate["stands"]:
        counts[stand["stand"]] += 1
    if debate["stands"]:
        lines.append(" · ".join(f"{_SIDE_WORDS[s]} {n}" for s, n in counts.items()) + " 楼")
    return lines
