"""What a file is, from its first bytes: content type and, for images, width and height.

Only headers are read, never the whole picture, so a decompression bomb costs nothing here.
"""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass


@dataclass(frozen=True)
class Sniffed:
    content_type: str
    width: int | None = None
    height: int | None = None


_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"BM", "image/bmp"),
    (b"%PDF-", "application/pdf"),
    (b"PK\x03\x04", "application/zip"),
    (b"Rar!\x1a\x07", "application/vnd.rar"),
    (b"7z\xbc\xaf\x27\x1c", "application/x-7z-compressed"),
    (b"\x1f\x8b", "application/gzip"),
)
_JPEG_SOF = frozenset({0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE})


def sniff(data: bytes) -> Sniffed:
    """The content type by signature (application/octet-stream if none) and image size."""
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _webp(data)
    kind = next((name for magic, name in _SIGNATURES if data.startswith(magic)), None)
    if kind is None:
        return Sniffed(_text_or_binary(data))
    try:
        size = _SIZES[kind](data) if kind in _SIZES else None
    except (struct.error, IndexError):
        size = None  # a truncated header: the type stands, the size is unknown
    if size is None:
        return Sniffed(kind)
    return Sniffed(kind, *size)


def is_image(content_type: str) -> bool:
    return content_type.startswith("image/")


def _text_or_binary(data: bytes) -> str:
    head = data[:512].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<head", b"<script")):
        return "text/html"
    if b"\x00" in data[:512]:
        return "application/octet-stream"
    return "text/plain"


def _png(data: bytes) -> tuple[int, int] | None:
    if data[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def _gif(data: bytes) -> tuple[int, int]:
    width, height = struct.unpack("<HH", data[6:10])
    return width, height


def _bmp(data: bytes) -> tuple[int, int]:
    width, height = struct.unpack("<ii", data[18:26])
    return abs(width), abs(height)


def _jpeg(data: bytes) -> tuple[int, int] | None:
    """Walk the markers to the first start-of-frame; its header holds height then width."""
    at = 2
    while at + 4 <= len(data):
        if data[at] != 0xFF:
            return None
        marker = data[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:  # no length
            at += 2
            continue
        (length,) = struct.unpack(">H", data[at + 2 : at + 4])
        if marker in _JPEG_SOF:
            height, width = struct.unpack(">HH", data[at + 5 : at + 9])
            return width, height
        at += 2 + length
    return None


def _webp(data: bytes) -> Sniffed:
    chunk = data[12:16]
    try:
        if chunk == b"VP8X":
            width = int.from_bytes(data[24:27], "little") + 1
            height = int.from_bytes(data[27:30], "little") + 1
        elif chunk == b"VP8 ":
            width, height = (v & 0x3FFF for v in struct.unpack("<HH", data[26:30]))
        elif chunk == b"VP8L":
            bits = int.from_bytes(data[21:25], "little")
            width, height = (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
        else:
            return Sniffed("image/webp")
    except struct.error:
        return Sniffed("image/webp")
    return Sniffed("image/webp", width, height)


_SIZES = {"image/png": _png, "image/gif": _gif, "image/bmp": _bmp, "image/jpeg": _jpeg}


def web_archive_kind(head: bytes) -> str | None:
    """The kind of web archive the first bytes of a file show: warc, wacz, mhtml, singlefile,
    httrack (a mirror's page) or saved-from (a browser's "Save Page As" copy)."""
    if head.startswith(b"WARC/"):
        return "warc"
    if head.startswith(b"\x1f\x8b"):
        try:
            inflated = zlib.decompressobj(31).decompress(head, 16)
        except zlib.error:
            return None
        return "warc" if inflated.startswith(b"WARC/") else None
    if head.startswith(b"PK\x03\x04"):
        return "wacz"
    top = head[:4096].lower()
    headers = top.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    if b"mime-version:" in headers and b"multipart/related" in headers:
        return "mhtml"
    if b"page saved with singlefile" in top:
        return "singlefile"
    if b"by httrack website copier" in top:
        return "httrack"
    if b"<!-- saved from url=(" in top:
        return "saved-from"
    return None


# an anti-bot service's check page instead of the page asked for: the marks its HTML carries
# (ASCII, in the first 64 KB), by the name a user knows it by
_BOT_CHECKS = (
    ("Cloudflare", (b"/cdn-cgi/challenge-platform/", b"cf-browser-verification", b"cf_chl_opt")),
    ("云锁 (Yunsuo)", (b"YunSuoAutoJump", b"yunsuo_session_verify")),
    ("加速乐 (Jiasule)", (b"__jsl_clearance", b"__jsluid")),
    ("网站卫士 (WZWS)", (b"wzwschallenge", b"wzwsconfirm")),
    ("安全狗 (SafeDog)", (b"safedogsite", b"404.safedog.cn", b"safedog_")),
    ("宝塔 WAF (BT)", (b"btwaf", b"bt-waf")),
    ("阿里云 WAF (Aliyun)", (b"aliyun_waf_", b"_waf_bd8ce2ce37")),
)


BOT_CHECK_PAGE = "the site answered with {}'s bot check, not the page"
BOT_CHECK_ADVICE = (
    "open the thread in a browser until it shows, then give that browser's cookies "
    "(--cookies) and its User-Agent (--user-agent)"
)


def bot_check(content: bytes | str) -> str | None:
    """The anti-bot service whose check page this is (Cloudflare's 'Just a moment...', 云锁's
    JS jump), else None: a browser that passes it holds the cookies a fetch needs."""
    head = content[:65536]
    data = head.encode("utf-8", "replace") if isinstance(head, str) else head
    for name, marks in _BOT_CHECKS:
        if any(mark in data for mark in marks):
            return name
    return None
