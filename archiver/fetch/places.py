"""Where each media answer of the web archives read lies, kept on disk so memory stays flat.

A terabyte crawl holds millions of pictures, and which of them the archived posts show is known
only once the pages are saved. So the pages' pass notes every media record's place here (a
scratch SQLite file in the temporary folder, made when the first one is noted, removed on
close), and each wanted picture is then read back with one seek.
"""

from __future__ import annotations

import sqlite3
import tempfile
from collections.abc import Iterator, MutableMapping
from pathlib import Path
from types import TracebackType

from archiver.model import MediaPlace

_TABLE = """CREATE TABLE places (url TEXT PRIMARY KEY, path TEXT, label TEXT, inner TEXT,
    offset INTEGER, ok INTEGER) WITHOUT ROWID"""


class DiskPlaces(MutableMapping[str, MediaPlace]):
    """A URL -> MediaPlace mapping in a scratch SQLite file (not the archive database)."""

    def __init__(self) -> None:
        self._folder: tempfile.TemporaryDirectory[str] | None = None
        self._db: sqlite3.Connection | None = None

    def _conn(self) -> sqlite3.Connection:
        if self._db is None:
            self._folder = tempfile.TemporaryDirectory(prefix="discuz-archiver-places-")
            # noted by the thread reading ahead, looked up by the writer once it is done
            self._db = sqlite3.connect(
                Path(self._folder.name) / "places.db", check_same_thread=False
            )
            self._db.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + _TABLE)
        return self._db

    def __getitem__(self, url: str) -> MediaPlace:
        row = None
        if self._db is not None:
            sql = "SELECT path, label, inner, offset, ok FROM places WHERE url = ?"
            row = self._db.execute(sql, [url]).fetchone()
        if row is None:
            raise KeyError(url)
        return MediaPlace(row[0], row[1], row[2], row[3], bool(row[4]))

    def __setitem__(self, url: str, place: MediaPlace) -> None:
        values = [url, place.path, place.label, place.inner, place.offset, place.ok]
        self._conn().execute("INSERT OR REPLACE INTO places VALUES (?, ?, ?, ?, ?, ?)", values)

    def __delitem__(self, url: str) -> None:
        if (
            self._db is None
            or not self._db.execute("DELETE FROM places WHERE url = ?", [url]).rowcount
        ):
            raise KeyError(url)

    def __iter__(self) -> Iterator[str]:
        if self._db is not None:
            yield from (url for (url,) in self._db.execute("SELECT url FROM places"))

    def __len__(self) -> int:
        return (
            0 if self._db is None else self._db.execute("SELECT count(*) FROM places").fetchone()[0]
        )

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None

    def __enter__(self) -> DiskPlaces:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
