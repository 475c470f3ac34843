"""WACZ (Webrecorder, Browsertrix): a ZIP whose archive/ folder holds the WARC files."""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from archiver.errors import InputError

Opener = Callable[[], Any]


def warc_files(path: Path, label: str) -> list[tuple[str, Opener, int]]:
    """(name, opener, size) of the WARC itself, or of each WARC inside a WACZ."""
    with path.open("rb") as f:
        head = f.read(8)
    if not head.startswith(b"PK\x03\x04"):
        return [(label, lambda: path.open("rb"), path.stat().st_size)]
    try:
        with zipfile.ZipFile(path) as archive:
            names = [info.filename for info in archive.infolist()]
            sizes = {info.filename: info.file_size for info in archive.infolist()}
    except zipfile.BadZipFile:
        raise InputError("a damaged ZIP file, not a WACZ", source=label) from None
    inner = sorted(n for n in names if n.startswith("archive/") and ".warc" in n)
    if not inner:
        raise InputError("a ZIP file with no archive/*.warc in it, not a WACZ", source=label)
    return [(f"{label}#{name}", _member(path, name), sizes[name]) for name in inner]


def _member(path: Path, name: str) -> Opener:
    @contextmanager
    def opener() -> Iterator[IO[bytes]]:
        with zipfile.ZipFile(path) as archive, archive.open(name) as stream:
            yield stream

    return opener
