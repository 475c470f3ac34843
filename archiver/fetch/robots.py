"""robots.txt as RFC 9309 reads it, through protego: `*` and `$` in paths, the longest rule wins.

The standard library's parser takes `Disallow: /forum.php?mod=redirect*` literally, so the
stock Discuz! robots.txt rules with wildcards would never match; protego honours them.
"""

from __future__ import annotations

from dataclasses import dataclass

from protego import Protego

_MAX_BYTES = 500 * 1024  # RFC 9309 §2.5: parse at least the first 500 KiB


@dataclass(frozen=True)
class Robots:
    """The parsed rules and the product token they are read for, ready to test URLs."""

    rules: Protego
    agent: str

    def allows(self, url: str) -> bool:
        """True unless the most specific matching rule for our agent is a Disallow."""
        return self.rules.can_fetch(url, self.agent)


def parse_robots(text: str, agent: str) -> Robots:
    """Rules for `agent` (case-insensitive product token), else for `*`, else none."""
    return Robots(Protego.parse(text[:_MAX_BYTES]), agent)
