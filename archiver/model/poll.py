"""A poll thread's poll (投票帖, special 1), as one page showed it: kept apart from its posts."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class PollOption:
    """One choice of a poll; counts are None where the page hid them (never 0 for unknown)."""

    number: int  # its place as shown (`2. 选项`), from 1
    polloptionid: int | None  # None where the page names no id (a viewer who may not vote)
    text: str
    votes: int | None = None
    percent: float | None = None  # of all votes cast, as the page rounds it (2 decimals)
    image_url: str | None = None  # an image poll's picture (the full-size one)
    image_aid: int | None = None


@dataclass(frozen=True)
class Poll:
    """The poll above the first post: kind, limits, counts and expiry as the page showed them."""

    multiple: bool  # 多选投票 (else 单选投票)
    max_choices: int | None  # single: 1; multiple: 最多可选 N 项, None where no limit is set
    voters: int | None  # 共有 N 人参与投票
    results_hidden: bool  # 投票后结果可见: this viewer saw no counts
    is_image: bool  # an image poll (a picture per option)
    ended: bool | None  # 投票已经结束; None where the page cannot tell
    expires_at: str | None  # ISO 8601 with the site's offset
    expires_precision: str | None  # "second" (API) or "minute" (距结束还有 … 分钟)
    expiry_text: str | None  # as shown: `3 天 5 小时 12 分钟`, `投票已经结束`
    options: list[PollOption] = field(default_factory=list)
