"""Side-by-side timing: contenders interleaved on the same input, medians of repeats."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Generic, TypeVar

T = TypeVar("T")


def timed(function: Callable[[T], object], item: T) -> float:
    """Seconds one call takes, its result dropped (and freed) inside the timing."""
    start = time.perf_counter()
    function(item)
    return time.perf_counter() - start


@dataclass
class Race(Generic[T]):
    """Per item and contender, every timing taken."""

    names: list[str]
    samples: dict[str, list[list[float]]] = field(default_factory=dict)

    def medians(self, name: str) -> list[float]:
        return [statistics.median(times) for times in self.samples[name]]

    def total(self, name: str) -> float:
        """The sum over items of each item's median time."""
        return sum(self.medians(name))

    def ratio(self, name: str, baseline: str) -> float:
        return self.total(name) / self.total(baseline)

    def item_ratios(self, name: str, baseline: str) -> list[float]:
        return [a / b for a, b in zip(self.medians(name), self.medians(baseline), strict=True)]


def race(contenders: dict[str, Callable[[T], object]], items: Sequence[T], repeats: int) -> Race[T]:
    """Time every contender on every item, `repeats` times, rotating who goes first."""
    names = list(contenders)
    result: Race[T] = Race(names, {name: [[] for _ in items] for name in names})
    for item in items:  # warm up: imports, caches, first-touch allocations
        for name in names:
            contenders[name](item)
    for repeat in range(repeats):
        order = names[repeat % len(names) :] + names[: repeat % len(names)]
        for index, item in enumerate(items):
            for name in order:
                result.samples[name][index].append(timed(contenders[name], item))
    return result
