"""Exports with the archive's own copies of pictures and files, so they work offline.

HTML embeds each saved picture as a data: URI (one file is the whole page); Markdown written
to a folder gets the files beside it, with relative links. A picture the archive tried and
could not keep shows a placeholder naming why and the original URL; one never tried stays a
link to the forum, as before.
"""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from archiver.store.media import blob_path, media_for

_IMG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_SRC = re.compile(r'\bsrc="([^"]*)"')
_EXTENSIONS = {
    "image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp",
    "image/bmp": "bmp", "application/pdf": "pdf", "application/zip": "zip",
}  # fmt: skip
_WHY = {
    "missing": "不存在 (missing)",
    "login-required": "需要登录 (login required)",
    "too-large": "文件过大 (too large)",
    "not-allowed": "robots.txt 不允许 (not allowed)",
    "failed": "下载失败 (failed)",
}


def thread_media(
    db: Database, site: str, tid: int, media_dir: Path | None = None
) -> dict[str, dict[str, Any]]:
    """{url: media row with its bytes} for every media the thread's posts link to."""
    urls = [
        row[0]
        for row in db.execute(
            "SELECT DISTINCT pm.url FROM post_media pm JOIN posts p ON p.site = pm.site "
            "AND p.pid = pm.pid WHERE p.site = ? AND p.tid = ?",
            [site, tid],
        ).fetchall()
    ]
    found = media_for(db, site, urls)
    for row in found.values():
        if row["sha256"] and row["content"] is None and media_dir is not None:
            path = blob_path(media_dir, row["sha256"])
            row["content"] = path.read_bytes() if path.is_file() else None
    return found


def embed_images(fragment: str, media: dict[str, dict[str, Any]]) -> str:
    """Sanitized post HTML with saved pictures inline and placeholders for the rest."""
    if not media:
        return fragment

    def swap(match: re.Match[str]) -> str:
        tag = match.group(0)
        src = _SRC.search(tag)
        row = media.get(html.unescape(src.group(1))) if src else None
        if row is None or src is None:
            return tag
        if row["status"] == "saved" and row["content"] is not None:
            return tag.replace(src.group(0), f'src="{data_uri(row)}"', 1)
        return placeholder(html.unescape(src.group(1)), row["status"])

    return _IMG.sub(swap, fragment)


def data_uri(row: dict[str, Any]) -> str:
    encoded = base64.b64encode(row["content"]).decode("ascii")
    return f"data:{row['content_type']};base64,{encoded}"


def placeholder(url: str, status: str) -> str:
    """What stands where a picture could not be kept: why, and where it was."""
    esc = html.escape(url, quote=True)
    why = html.escape(_WHY.get(status, status))
    return (
        f"<span class='media-missing' data-status='{html.escape(status)}'>[图片 {why}: "
        f"<a href='{esc}' rel='nofollow noopener noreferrer'>{esc}</a>]</span>"
    )


def file_href(url: str, media: dict[str, dict[str, Any]]) -> tuple[str, str]:
    """(href, note) for an attachment file link: its saved bytes, or why they are not here."""
    row = media.get(url)
    if row is None:
        return url, ""
    if row["status"] == "saved" and row["content"] is not None:
        return data_uri(row), f"已保存 {row['size']:,} bytes"
    return url, _WHY.get(row["status"], row["status"])


def write_beside(media: dict[str, dict[str, Any]], folder: Path, name: str) -> dict[str, str]:
    """Write each saved file into `folder/NAME_media/`; {url: path relative to folder}."""
    written: dict[str, str] = {}
    for url, row in media.items():
        if row["status"] != "saved" or row["content"] is None:
            continue
        extension = _EXTENSIONS.get(row["content_type"], "bin")
        relative = f"{name}_media/{row['sha256'][:16]}.{extension}"
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        if not target.exists():
            target.write_bytes(row["content"])
        written[url] = relative
    return written
