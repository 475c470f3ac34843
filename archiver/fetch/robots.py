"""robots.txt as RFC 9309 reads it: `*` and `$` in paths, the longest rule wins, Allow on ties.

The standard library's parser takes `Disallow: /forum.php?mod=redirect*` literally, so the
stock Discuz! robots.txt rules with wildcards would never match; this one honours them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

_MAX_BYTES = 500 * 1024  # RFC 9309 §2.5: parse at least the first 500 KiB


@dataclass
class _Group:
    agents: list[str] = field(default_factory=list)
    rules: list[tuple[bool, str]] = field(default_factory=list)  # (allow, pattern)


@dataclass(frozen=True)
class Robots:
    """The rules that apply to one product token, ready to test URLs."""

    rules: tuple[tuple[bool, str, re.Pattern[str]], ...]

    def allows(self, url: str) -> bool:
        """True unless the most specific matching rule is a Disallow."""
        parts = urlsplit(url)
        target = _normal(parts.path or "/") + (f"?{_normal(parts.query)}" if parts.query else "")
        if target == "/robots.txt":
            return True
        best: tuple[int, bool] | None = None
        for allow, pattern, regex in self.rules:
            if regex.match(target):
                key = (len(pattern), allow)  # longer wins; on a tie, allow (True) wins
                best = key if best is None or key > best else best
        return best is None or best[1]


def parse_robots(text: str, agent: str) -> Robots:
    """The group for `agent` (case-insensitive product token), else `*`, else no rules."""
    groups = _groups(text[:_MAX_BYTES])
    token = agent.lower()
    chosen = [g for g in groups if token in g.agents] or [g for g in groups if "*" in g.agents]
    rules = [(allow, p) for g in chosen for allow, p in g.rules if p]  # empty Disallow: no rule
    return Robots(tuple((allow, p, _compile(p)) for allow, p in rules))


def _groups(text: str) -> list[_Group]:
    """User-agent lines start a group (consecutive ones share it); rules belong to it."""
    groups: list[_Group] = []
    last = ""  # the previous line's key: a user-agent after a rule starts a new group
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        key, value = (part.strip() for part in line.split(":", 1))
        key = key.lower()
        if key == "user-agent":
            if last != "user-agent":
                groups.append(_Group())
            groups[-1].agents.append(value.lower())
        elif key in ("allow", "disallow") and groups:
            groups[-1].rules.append((key == "allow", _normal(value)))
        else:
            continue  # sitemap, crawl-delay and the like neither start nor end a group
        last = key
    return groups


def _normal(path: str) -> str:
    """Percent-decoded, so `%E4%B8%AD` in a rule matches 中 in a URL and the other way round."""
    return unquote(path)


def _compile(pattern: str) -> re.Pattern[str]:
    anchored = pattern.endswith("$")
    body = pattern[:-1] if anchored else pattern
    regex = ".*".join(re.escape(piece) for piece in body.split("*"))
    return re.compile(regex + ("$" if anchored else ""), re.S)
