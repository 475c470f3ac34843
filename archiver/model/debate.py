"""A debate thread's debate (辩论帖, special 5) as one page showed it, apart from its posts."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Stand:
    """The side a reply took (desktop's `label.pdbts` beside each reply of a debate)."""

    pid: int
    stand: str  # "affirm" (正方), "negate" (反方) or "neutral" (中立)
    supporters: int | None = None  # 支持 N: the votes for this reply; neutral ones have none


@dataclass(frozen=True)
class Debate:
    """The two sides and the verdict (the first post's page); the replies' stands (any page).

    A page after the first shows only stands: its box fields are None, never "no debate".
    """

    affirm_point: str | None = None  # 正方观点 (plain text)
    negate_point: str | None = None  # 反方观点
    affirm_votes: int | None = None  # 正方观点 (N)
    negate_votes: int | None = None
    affirm_debaters: int | None = None  # 辩手:N
    negate_debaters: int | None = None
    ends_text: str | None = None  # 结束时间 as shown
    ends_at: str | None = None  # ISO 8601 with the site's offset
    umpire: str | None = None  # 裁判 (a member's name)
    winner: str | None = None  # the verdict: "affirm", "negate" or "draw" (平局)
    best_debater: str | None = None  # 最佳辩手
    umpire_point: str | None = None  # 裁判观点
    stands: list[Stand] = field(default_factory=list)
