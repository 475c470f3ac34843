"""Web archives' replay URLs: which page of which site a Wayback Machine URL shows."""

from __future__ import annotations

import re

# a web archive's replay URL: `/web/<time>[modifier]/<original URL>` (the Wayback Machine;
# pywb and OpenWayback instances put a collection name where `web` is); the time has 4 to 14
# digits, the modifier (`id_`, `im_`, …) two letters and `_`
_REPLAY = re.compile(
    r"^https?://[^/?#]+/(?:[^/?#]+/)*?\d{4,14}(?:[a-z]{2}_)?/+(https?:/+)(.*)$", re.IGNORECASE
)


def original_url(url: str) -> str:
    """The URL a web archive's replay URL shows a capture of (itself for any other URL).

    `https://web.archive.org/web/20160315000000/http://bbs.example.com/thread-1-1-1.html` is a
    page of bbs.example.com: its site, tid and page are the original's.
    """
    match = _REPLAY.match(url.strip())
    if match is None:
        return url
    scheme = match.group(1).split(":", 1)[0].lower()
    return f"{scheme}://{match.group(2)}"
