"""A thread's activity for people: as the export's JSON holds it, and in the forum's words."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from archiver.read.rows import thread_rows, without_keys

_GENDER_WORDS = {"male": "男", "female": "女", "any": "不限"}


def load_activity(db: Database, site: str, tid: int) -> dict[str, Any] | None:
    """The activity with its applicants (verified first) and earlier states, or None."""
    found = list(db.query("SELECT * FROM activities WHERE site = ? AND tid = ?", [site, tid]))
    if not found:
        return None
    activity = without_keys(found[0])
    activity["applicants"] = [
        {**(row := without_keys(r)), "verified": bool(row["verified"])}
        for r in db.query(
            "SELECT * FROM activity_applicants WHERE site = ? AND tid = ? "
            "ORDER BY verified DESC, applied_at DESC, uid",
            [site, tid],
        )
    ]
    activity["revisions"] = thread_rows(db, "activity_revisions", site, tid, "revision")
    return activity


def activity_lines(activity: dict[str, Any]) -> list[str]:
    """The activity in the forum's words (活动类型, 开始时间 …), then who applied."""
    rows = (
        ("活动类型", activity["kind"]),
        ("开始时间", activity["starts_text"]),
        ("活动地点", activity["place"]),
        ("性别", _GENDER_WORDS.get(activity["gender"] or "")),
        ("每人花销", None if activity["cost"] is None else f"{activity['cost']} 元"),
        ("已报名人数", None if activity["applied"] is None else f"{activity['applied']} 人"),
        ("剩余名额", None if activity["remaining"] is None else f"{activity['remaining']} 人"),
        ("报名截止", activity["closes_text"]),
    )
    lines = [f"{label}: {value}" for label, value in rows if value is not None]
    for verified, heading in ((True, "已通过"), (False, "暂未通过")):
        names = [a for a in activity["applicants"] if a["verified"] is verified]
        if names:
            lines.append(f"{heading}: " + "、".join(_applicant(a) for a in names))
    return lines


def _applicant(applicant: dict[str, Any]) -> str:
    name = applicant["name"] or f"uid {applicant['uid']}"
    return f"{name} ({applicant['message']})" if applicant["message"] else name
