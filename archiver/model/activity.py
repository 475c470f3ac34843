"""An activity thread's activity (活动帖, special 4) as one page showed it, apart from its posts."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Applicant:
    """One member in the activity's 已通过 (verified) or 暂未通过 (waiting) list."""

    uid: int | None
    name: str | None
    verified: bool  # 已通过; False: 暂未通过, awaiting the starter
    message: str | None = None  # 留言, where the page shows it (the waiting list: the starter only)
    payment: str | None = None  # 每人花销 column as shown: `30 元`, 自付
    applied_text: str | None = None  # 申请时间 as shown (`2026-12-1 10:00`, `3 天前`)
    applied_at: str | None = None  # ISO 8601 with the site's offset, where shown to the minute


@dataclass(frozen=True)
class Activity:
    """The box above (desktop) or below (touch) the first post; None where the page omits it."""

    kind: str | None  # 活动类型 (the class the starter chose: 聚会, 出游 …)
    starts_text: str | None  # 开始时间 as shown: one time, or `FROM 至 TO 商定`
    starts_at: str | None  # ISO 8601 with the site's offset, where shown to the minute
    ends_at: str | None  # the end of a `FROM 至 TO` range
    place: str | None  # 活动地点
    gender: str | None  # 性别: "male", "female" or "any" (不限)
    cost: int | None  # 每人花销 N 元; None where the activity is free (the row is not drawn)
    applied: int | None  # 已报名人数 / 已参加人数: verified and waiting together
    remaining: int | None  # 剩余名额, where the activity has a limit
    closes_text: str | None  # 报名截止 as shown
    closes_at: str | None
    image_url: str | None = None  # the activity's picture (its full-size attachment)
    verified_count: int | None = None  # 已通过 (N 人)
    waiting_count: int | None = None  # 暂未通过 (N 人)
    applicants: list[Applicant] = field(default_factory=list)
