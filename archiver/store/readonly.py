"""Opening an archive only to read it: nothing can write, and a file that is not an archive
(a folder, a text file, another SQLite database) or a WAL archive in a read-only folder gets
one clear line instead of SQLite's error.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlite_utils import Database

from archiver.errors import StorageError


def open_db_readonly(path: str | Path) -> Database:
    """Open an existing archive so that no statement can write to it."""
    where = Path(path)
    if not where.exists():
        raise StorageError("no such database; archive something first", source=str(path))
    if where.is_dir():
        raise StorageError("is a folder; give the archive's database file", source=str(path))
    try:
        try:
            conn = _connect(where, immutable=False)
            tables = _tables(conn)
        except sqlite3.OperationalError:
            # a WAL archive in a read-only folder: SQLite cannot make its -shm file there.
            # Without a -wal file the main file is the whole archive, read as immutable.
            wal = where.with_name(where.name + "-wal")
            if wal.exists() and wal.stat().st_size > 0:
                raise StorageError(
                    "its folder is read-only and the archive has changes in its -wal file, "
                    "which SQLite cannot read without writing a -shm file there; copy the "
                    "archive with its -wal file to a writable folder",
                    source=str(path),
                ) from None
            conn = _connect(where, immutable=True)
            tables = _tables(conn)
        conn.execute("PRAGMA query_only=1")
        conn.execute("PRAGMA foreign_keys=ON")
        conn.set_authorizer(_deny_attach)  # ATTACH and VACUUM INTO would create files
    except sqlite3.DatabaseError as e:
        why = "not a SQLite database" if "not a database" in str(e) else f"cannot open it: {e}"
        raise StorageError(f"{why}; give the archive's file with --db", source=str(path)) from None
    if "threads" not in tables:
        raise StorageError(
            "a SQLite database, but not a discuz-archiver archive (no threads table); "
            "give the archive's file with --db",
            source=str(path),
        )
    return Database(conn)


def _connect(path: Path, *, immutable: bool) -> sqlite3.Connection:
    uri = path.resolve().as_uri() + ("?immutable=1" if immutable else "?mode=ro")
    return sqlite3.connect(uri, uri=True)


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _deny_attach(action: int, *_: object) -> int:
    return sqlite3.SQLITE_DENY if action in (sqlite3.SQLITE_ATTACH, sqlite3.SQLITE_DETACH) else 0
