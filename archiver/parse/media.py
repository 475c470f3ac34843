"""Which pictures and files a post shows, and whether a media answer is Discuz refusing.

Pure: stored post HTML and attachment rows in, URLs with their role out. The attachment
images' real URLs (zoomfile / file over the none.gif placeholder) were already put in place
by the post reader, so here a post's media is its attachment rows plus its smilies.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from selectolax.lexbor import LexborHTMLParser

from archiver.parse import knowledge as S
from archiver.parse.text import absolute

_LAZY = ("zoomfile", "file", "data-original", "data-src")
_LAZY_PLACEHOLDER = "/none.gif"  # static/image/common/none.gif, shown until the page loads it
_SAVED_FOLDER = re.compile(r"^(?:\./)?[^/?#]+_files/[^?#]+$")


def browser_copy(src: str) -> bool:
    """Whether an `img` src is a browser's copy of the picture (a "Save Page As, complete"
    `NAME_files/…` path, a SingleFile `data:` URI), not an address the forum gave."""
    return src.startswith("data:") or _SAVED_FOLDER.match(src) is not None


def post_media(
    body_html: str | None,
    attachments: Iterable[tuple[str, str | None]],
    base: str | None,
) -> list[tuple[str, str]]:
    """(url, role) for each picture or file a post shows, each URL once, in order.

    `attachments` are (kind, url) rows: kind image gives role image, file gives file.
    """
    found: dict[str, str] = {}
    for kind, url in attachments:
        if url and url.startswith(("http://", "https://")) and url not in found:
            found[url] = "image" if kind == "image" else "file"
    if body_html and ("smiley" in body_html or "smilieid" in body_html):
        for img in LexborHTMLParser(body_html).css(S.SMILEY_IMAGES):
            url = absolute(base, img.attributes.get("src"))
            if url and url.startswith(("http://", "https://")) and url not in found:
                found[url] = "smiley"
    return list(found.items())


def is_refusal(text: str) -> bool:
    """A Discuz page saying log in first or no permission, where a file was expected."""
    lowered = text.lower()
    discuz = any(mark in lowered for mark in S.DISCUZ_MESSAGE_MARKS)
    return discuz and any(mark in lowered for mark in S.REFUSAL_MARKS)


def saved_copies(html: str, base: str | None) -> list[tuple[str, str]]:
    """(original URL, local path) of each image a "Save Page As, complete" copy holds.

    Browsers rewrite `src` to `NAME_files/…` and leave `zoomfile` / `file` as the forum had
    them, so the original URL comes from those; an image without them is left out.
    """
    pairs: list[tuple[str, str]] = []
    for img in LexborHTMLParser(html).css(S.SAVED_COPY_IMAGES):
        src = img.attributes.get("src") or ""
        if not _SAVED_FOLDER.match(src) or src.endswith(_LAZY_PLACEHOLDER):
            continue  # the lazy-load placeholder the browser saved, not the picture
        original = next((img.attributes.get(a) for a in _LAZY if img.attributes.get(a)), None)
        url = absolute(base, original)
        if url and url.startswith(("http://", "https://")):
            pairs.append((url, src))
    return pairs
