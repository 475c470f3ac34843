"""cProfile a call and list where the time goes, shortest names first."""

from __future__ import annotations

import cProfile
import pstats
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def _name(key: tuple[str, int, str]) -> str:
    filename, line, function = key
    if filename == "~":
        return function  # a builtin or C method, e.g. {method 'css_first' of ... objects}
    path = Path(filename)
    try:
        short = str(path.relative_to(ROOT))
    except ValueError:
        short = "/".join(path.parts[-2:])
    return f"{short}:{line} {function}"


def hotspots(call: Callable[[], object], top: int = 25) -> list[dict[str, Any]]:
    """The `top` functions by own time, with their cumulative time and call counts."""
    profiler = cProfile.Profile()
    profiler.enable()
    call()
    profiler.disable()
    # {key: (primitive calls, ncalls, tottime, cumtime, callers)}
    stats: dict[Any, Any] = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    total = sum(row[2] for row in stats.values())
    rows = sorted(stats.items(), key=lambda item: item[1][2], reverse=True)[:top]
    return [
        {
            "function": _name(key),
            "ncalls": ncalls,
            "tottime_s": round(tottime, 4),
            "cumtime_s": round(cumtime, 4),
            "share": round(tottime / total, 3) if total else 0.0,
        }
        for key, (_, ncalls, tottime, cumtime, _) in rows
    ]


def cumulative(call: Callable[[], object], prefix: str = "archiver/") -> list[dict[str, Any]]:
    """Functions of `prefix` files by cumulative time: which archiver step costs what."""
    profiler = cProfile.Profile()
    profiler.enable()
    call()
    profiler.disable()
    stats: dict[Any, Any] = pstats.Stats(profiler).stats  # type: ignore[attr-defined]
    rows = [(_name(key), row) for key, row in stats.items()]
    rows = [(name, row) for name, row in rows if name.startswith(prefix)]
    rows.sort(key=lambda item: item[1][3], reverse=True)
    return [
        {
            "function": name,
            "ncalls": row[1],
            "tottime_s": round(row[2], 4),
            "cumtime_s": round(row[3], 4),
        }
        for name, row in rows[:25]
    ]
