"""Saved pages read from disk, in the same Page shape as fetched ones."""

from __future__ import annotations

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
