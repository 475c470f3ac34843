"""Everything up to bytes: pages read from disk (and, later, fetched over HTTP)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError


@dataclass(frozen=True)
class Page:
    """Raw bytes of one page with where and when they came from."""

    source: str
    content: bytes
    fetched_at: dt.datetime
    charset: str | None = None
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    url: str | None = None


def read_page(path: Path) -> Page:
    """Read a saved page; its time is the file's modification time."""
    try:
        content = path.read_bytes()
        mtime = path.stat().st_mtime
    except OSError as e:
        raise InputError(f"cannot read the file ({e.strerror})", source=str(path)) from None
    fetched_at = dt.datetime.fromtimestamp(mtime, dt.timezone.utc)
    return Page(source=str(path), content=content, fetched_at=fetched_at)
