"""Remove login material from a page's raw bytes before any copy of it is stored or written.

A Discuz! page fetched with a login carries the member's session: the mobile API answer holds
`auth` and `saltkey` (sent back as cookies they log in as that member) and `formhash`; a
desktop or touch page holds the `formhash` (in forms, the logout link and script) and the
session id (`sid=` links, `seccode_cS<sid>`). An archive is something people share, so every
one of these values is replaced with a fixed marker, byte for byte outside the values, and
the page row records which kinds were removed.

Works on bytes with ASCII patterns, so UTF-8 and GBK pages alike are scrubbed without
decoding. Stdlib only: migration m010 scrubs older archives with the same rules.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MARK = b"REDACTED"
# the same length as the value replaced, so offsets in the page shift nowhere
_MARKERS = {"formhash": MARK, "sid": MARK[:6]}

# mobile API globals (`Variables`) that carry the viewer's login or session
_API_KEYS = {b"auth": "api_auth", b"saltkey": "api_saltkey", b"formhash": "formhash"}
_API_VALUE = re.compile(rb'"(auth|saltkey|formhash)"(\s*:\s*)"((?:[^"\\]|\\.)*)"')

# where a desktop or touch page shows its formhash (8 hex characters); each pattern runs only
# on a window around a word that names the value, so a 100 kB page costs a few finds
_FORMHASH_SEEN = (
    re.compile(rb"formhash=([0-9a-f]{8})(?![0-9A-Za-z])"),  # links, the logout link included
    re.compile(rb"""name=["']?formhash["']?[^>]{0,40}?value=["']?([0-9a-f]{8})"""),
    re.compile(rb"""value=["']?([0-9a-f]{8})["']?[^>]{0,40}?name=["']?formhash"""),
    re.compile(rb"""formhash["']?\s*[:=]\s*["']([0-9a-f]{8})["']"""),  # script variables
)
# where a page shows its session id (6 characters): links and the seccode element ids
_SID_SEEN = (
    re.compile(rb"[?&;]sid=([0-9A-Za-z]{6})(?![0-9A-Za-z])"),
    re.compile(rb"seccode_cSA?([0-9A-Za-z]{6})(?![0-9A-Za-z])"),
    re.compile(rb"""seccodehash["']?\s+value=["']SA?([0-9A-Za-z]{6})["']"""),
    re.compile(rb"""updateseccode\(\s*'cSA?([0-9A-Za-z]{6})'"""),
)
_FORMHASH_WORDS = (b"formhash",)
_SID_WORDS = (b"sid=", b"seccode")
_WINDOW = 64
# a session id may follow the seccode prefix: seccode_cS<sid>, value="S<sid>", 'cSA<sid>'
_SID_PREFIXES = (b"cSA", b"cS", b"SA", b"S", b"")
_ALNUM = frozenset(b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")


@dataclass(frozen=True)
class Redacted:
    """The bytes to store and the kinds of login material taken out of them."""

    content: bytes
    kinds: tuple[str, ...]

    @property
    def label(self) -> str | None:
        """The kinds as stored in `pages.redactions`; None when nothing was removed."""
        return ",".join(self.kinds) or None


def redact(content: bytes) -> Redacted:
    """Replace every login token and session id in `content` with REDACTED."""
    kinds: set[str] = set()
    content = _redact_api(content, kinds)
    for kind, words, patterns, prefixes in (
        ("formhash", _FORMHASH_WORDS, _FORMHASH_SEEN, (b"",)),
        ("sid", _SID_WORDS, _SID_SEEN, _SID_PREFIXES),
    ):
        values = _sightings(content, words, patterns) - {_MARKERS[kind]}
        if values:
            kinds.add(kind)
            for value in sorted(values):
                content = _replace_alone(content, value, _MARKERS[kind], prefixes)
    return Redacted(content, tuple(sorted(kinds)))


def redact_text(text: str) -> str:
    """The same for a URL or other text the archive keeps beside the page."""
    return redact(text.encode()).content.decode()


def _redact_api(content: bytes, kinds: set[str]) -> bytes:
    def scrub(match: re.Match[bytes]) -> bytes:
        key, gap, value = match.group(1), match.group(2), match.group(3)
        if not value or value == MARK:
            return match.group(0)
        kinds.add(_API_KEYS[key])
        return b'"%s"%s"%s"' % (key, gap, MARK)

    return _API_VALUE.sub(scrub, content) if b'"Variables"' in content else content


def _sightings(
    content: bytes, words: tuple[bytes, ...], patterns: tuple[re.Pattern[bytes], ...]
) -> set[bytes]:
    """The values the patterns find in a window around each occurrence of the words."""
    found: set[bytes] = set()
    for word in words:
        at = content.find(word)
        while at >= 0:
            window = content[max(0, at - _WINDOW) : at + len(word) + _WINDOW]
            found.update(m.group(1) for pattern in patterns for m in pattern.finditer(window))
            at = content.find(word, at + len(word))
    return found


def _replace_alone(
    content: bytes, value: bytes, marker: bytes, prefixes: tuple[bytes, ...]
) -> bytes:
    """Replace `value` where it stands alone, or right after one of the prefixes."""
    parts: list[bytes] = []
    done = 0
    at = content.find(value)
    while at >= 0:
        end = at + len(value)
        if _stands_alone(content, at, end, prefixes):
            parts += [content[done:at], marker]
            done = end
        at = content.find(value, end)
    return b"".join([*parts, content[done:]]) if parts else content


def _stands_alone(content: bytes, at: int, end: int, prefixes: tuple[bytes, ...]) -> bool:
    if end < len(content) and content[end] in _ALNUM:
        return False
    for prefix in prefixes:
        start = at - len(prefix)
        if start >= 0 and content.startswith(prefix, start):
            if start == 0 or content[start - 1] not in _ALNUM:
                return True
    return False
