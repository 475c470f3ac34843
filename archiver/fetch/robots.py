"""robots.txt as RFC 9309 reads it, through protego: `*` and `$` in paths, the longest rule wins.

The standard library's parser takes `Disallow: /forum.php?mod=redirect*` literally, so the
stock Discuz! robots.txt rules with wildcards would never match; protego honours them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from protego import Protego

from archiver.errors import FetchError

_MAX_BYTES = 500 * 1024  # RFC 9309 §2.5: parse at least the first 500 KiB
# a robots.txt that could not be read (5xx, 429, the host unreachable) after its retries is not
# asked again for this long: every other URL of that origin is refused with the same error
# (RFC 9309 §2.3.1.4: unreachable means disallow), instead of one robots.txt read per picture
RETRY_FAILED_AFTER = 600.0


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


@dataclass
class RobotsCache:
    """One run's robots.txt per origin: read once; a failed read remembered for a while."""

    clock: Callable[[], float]
    rules: dict[str, Robots | None] = field(default_factory=dict)  # None: allow all
    failed: dict[str, tuple[float, FetchError]] = field(default_factory=dict)

    def get(self, origin: str, read: Callable[[], Robots | None]) -> Robots | None:
        """The origin's rules, read through `read` the first time (or once a failure is old)."""
        if origin in self.rules:
            return self.rules[origin]
        if origin in self.failed:
            when, error = self.failed[origin]
            if self.clock() - when < RETRY_FAILED_AFTER:
                raise error.with_traceback(None)
        try:
            robots = read()
        except FetchError as e:
            self.failed[origin] = (self.clock(), e)
            raise
        self.failed.pop(origin, None)
        self.rules[origin] = robots
        return robots
