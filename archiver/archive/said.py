"""Warnings of a bulk run, each text said once: a mirror's 300 只看该作者 pages give one line
with a count, not 300 (`-v` still names every page)."""

from __future__ import annotations

import logging
from collections import Counter

log = logging.getLogger(__name__)


class WarningTally:
    """Say a warning the first time its text comes; count the rest, and say the count last."""

    def __init__(self) -> None:
        self.counts: Counter[str] = Counter()
        self.first: dict[str, str] = {}

    def say(self, source: str, warnings: list[str]) -> None:
        for text in warnings:
            self.counts[text] += 1
            if self.counts[text] == 1:
                self.first[text] = source
                log.warning("%s: %s", source, text)
            else:
                log.info("%s: %s", source, text)

    def close(self) -> None:
        for text, count in self.counts.items():
            if count > 1:
                log.warning("%d more page(s) as %s: %s", count - 1, self.first[text], text)
