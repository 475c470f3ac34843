"""A thread's 分类信息 (thread sort, `sortid`): the named values its first post shows in a box."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class SortOption:
    """One row of the box: its title and its value as shown, unit included (`1500 元/月`).

    `value` is "" where the page prints the option empty (`-`, `--`) and None where the page
    hides it from the viewer (a protected 点击查看 link, 隐藏内容): unknown, not empty.
    """

    title: str
    value: str | None


@dataclass(frozen=True)
class ThreadSort:
    """The sort's name and values; `expired` where the forum shows only 该信息已经过期."""

    name: str | None
    sort_id: int | None = None
    options: list[SortOption] = field(default_factory=list)
    expired: bool = False
