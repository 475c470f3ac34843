"""Saved pages read from disk, in the same Page shape as fetched ones."""

from __future__ import annotations

import codecs
import datetime as dt
from pathlib import Path

from archiver.errors import InputError
from archiver.model import Page


def read_page(path: Path) -> Page:
    """Read a saved page; its time is the file's modification time."""
    try:
        content = path.read_bytes()
        mtime = path.stat().st_mtime
    except OSError as e:
        raise InputError(f"cannot read the file ({e.strerror})", source=str(path)) from None
    fetched_at = dt.datetime.fromtimestamp(mtime, dt.timezone.utc)
    return Page(source=str(path), content=content, fetched_at=fetched_at)


def check_bytes(page: Page) -> None:
    """Refuse what cannot be an HTML page before decoding it."""
    if not page.content.strip():
        raise InputError("the file is empty; save the thread page again", source=page.source)
    utf16 = page.content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    if b"\x00" in page.content[:4096] and not utf16:  # UTF-16 has NULs; decode reads its BOM
        raise InputError(
            "binary data, not an HTML page; give a saved .html thread page", source=page.source
        )
