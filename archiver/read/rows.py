"""A special thread's rows as the export's JSON holds them: without the keys the thread
already names, SQLite's 0 / 1 flags as booleans (NULL, not shown, stays None)."""

from __future__ import annotations

from typing import Any

THREAD_KEYS = ("site", "tid")


def without_keys(row: dict[str, Any], hidden: tuple[str, ...] = THREAD_KEYS) -> dict[str, Any]:
    """The row without the thread's keys, which the export's thread object already holds."""
    return {k: v for k, v in row.items() if k not in hidden}


def flag(value: int | None) -> bool | None:
    """A 0 / 1 column as a boolean; NULL (the page did not say) stays None."""
    return None if value is None else bool(value)
