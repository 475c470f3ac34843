"""Bytes to text, once, for files and URLs alike.

Order: HTTP charset, BOM, <meta> charset, the page's `charset = '…'` script variable, strict
UTF-8, GB18030 (cp950 for a page declared Big5). Discuz pages lie about their charset in known
ways (the touch template's meta says utf-8 on GBK sites; browsers re-save GBK pages as UTF-8
but keep `charset=gbk`), so a declaration is only taken when the bytes decode strictly under it.
No library fits: charset-normalizer guesses statistically and knows no Discuz script variable.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

_HEAD_BYTES = 8192
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_-]+)""", re.I)
_SCRIPT_CHARSET = re.compile(rb"""\bcharset\s*=\s*['"]([A-Za-z0-9_-]+)['"]""")
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_-]+)""", re.I)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_GB_FAMILY = {"gbk", "gb2312", "gb18030", "cp936", "x-gbk", "euc-cn", "hz-gb-2312"}
# the TC_BIG5 builds (Taiwan, Hong Kong): Big5 as browsers read it, with the HKSCS characters;
# Windows' cp950 extensions (€, box drawing) are tried when HKSCS cannot read the bytes
_BIG5_FAMILY = {"big5", "big5-hkscs", "big5hkscs", "cn-big5", "csbig5", "x-x-big5"}
_LEGACY = ("gb18030", "big5hkscs")  # multi-byte text in these is practically never valid UTF-8


@dataclass(frozen=True)
class Decoded:
    """Text with the charset used, what the input declared, and how many bytes were bad."""

    text: str
    charset: str
    declared: str | None
    replacements: int


def normalize_charset(name: str | None) -> str | None:
    """Map a declared charset to the codec we decode with (every GB charset to GB18030)."""
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    if name in _GB_FAMILY:
        return "gb18030"
    if name in _BIG5_FAMILY:
        return "big5hkscs"
    if name in ("utf8", "utf-8"):
        return "utf-8"
    try:
        info = codecs.lookup(name)
    except LookupError:
        return None
    # base64, zlib, rot13… are codecs too, but not text encodings a page can be in; Python's
    # "undefined" codec calls itself one and raises on every byte
    text_encoding = getattr(info, "_is_text_encoding", True) and info.name != "undefined"
    return info.name if text_encoding else None


def _declarations(content: bytes, http_charset: str | None) -> list[tuple[str, str]]:
    """Every charset the input declares, as (source, codec), best first."""
    found: list[tuple[str, str | None]] = [("http", normalize_charset(http_charset))]
    for bom, codec in _BOMS:
        if content.startswith(bom):
            found.append(("bom", codec))
    head = content[:_HEAD_BYTES]
    for source, pattern in (("xml", _XML_ENCODING), ("meta", _META_CHARSET)):
        match = pattern.search(head)
        if match:
            found.append((source, normalize_charset(match.group(1).decode("ascii"))))
    match = _SCRIPT_CHARSET.search(content[: _HEAD_BYTES * 4])
    if match:
        found.append(("script", normalize_charset(match.group(1).decode("ascii"))))
    return [(source, codec) for source, codec in found if codec]


def _strict(content: bytes, codec: str) -> str | None:
    try:
        return content.decode(codec)
    except (UnicodeError, LookupError, ValueError):
        return None


def decode(content: bytes, http_charset: str | None = None) -> Decoded:
    """Decode page bytes; never raises, counts the bytes it had to replace."""
    declared = _declarations(content, http_charset)
    first = declared[0][1] if declared else None
    if content.startswith(codecs.BOM_UTF8):
        content = content[len(codecs.BOM_UTF8) :]
    # A GB or Big5 declaration in the page itself over bytes that are valid UTF-8 is a page
    # a browser re-saved as UTF-8: multi-byte GBK or Big5 text is practically never valid UTF-8.
    utf8 = _strict(content, "utf-8")
    if utf8 is not None and declared and declared[0][0] != "http" and first in _LEGACY:
        return Decoded(utf8, "utf-8", first, 0)
    # GB18030 reads almost any bytes, so a page declared Big5 is never sniffed as GB
    sniffs = [("sniff", "cp950")] if first == "big5hkscs" else [("sniff", "gb18030")]
    for _source, codec in [*declared, ("sniff", "utf-8"), *sniffs]:
        text = utf8 if codec == "utf-8" else _strict(content, codec)
        if text is not None:
            return Decoded(text, codec, first, 0)
    codec = first or "utf-8"
    text = content.decode(codec, errors="replace")
    return Decoded(text, codec, first, text.count("\ufffd"))
