"""Opening the archive: migrations applied, WAL, and write transactions that wait their turn."""

from __future__ import annotations

import hashlib
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlite_utils import Database

from archiver.errors import StorageError
from archiver.store.schema import migrations

_BUSY_CODES = (5, 6)  # SQLITE_BUSY, SQLITE_LOCKED (sqlite3 names them only from Python 3.11)


def open_db(path: str | Path, *, busy_timeout_ms: int = 30_000) -> Database:
    """Open (creating if need be) an archive and bring its schema up to date."""
    try:
        conn = sqlite3.connect(str(path), timeout=busy_timeout_ms / 1000)
        db = Database(conn)
        _use_wal(db, busy_timeout_ms)
        # WAL with synchronous=NORMAL: a crash never corrupts or half-writes a page; only a
        # power cut may forget the last commits, which a rerun redoes
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute(f"PRAGMA busy_timeout={int(busy_timeout_ms)}")
        _refuse_foreign(db, path)
        if migrations.pending(db):
            with writing(db):  # two processes opening a new archive must not both migrate
                migrations.apply(db)
        # after migrating: a migration that rebuilds a table must not trip the references
        db.execute("PRAGMA foreign_keys=ON")
    except sqlite3.Error as e:
        hint = _CANTOPEN_HINT if "unable to open" in str(e) else ""
        hint = _NOT_DB_HINT if "not a database" in str(e) else hint
        raise StorageError(f"cannot open the database: {e}{hint}", source=str(path)) from None
    return db


def _refuse_foreign(db: Database, path: str | Path) -> None:
    """A SQLite file of something else: never add the archive's tables to it."""
    tables = set(db.table_names())
    if tables and not tables & {"threads", "_sqlite_migrations"}:
        raise StorageError(
            "a SQLite database of something else, not an archive; give the archive's file "
            "or a new name with --db",
            source=str(path),
        )


_NOT_DB_HINT = "; it is not a SQLite file: give the archive's file with --db, or a new name"
_CANTOPEN_HINT = "; its folder must exist and be writable (SQLite keeps -wal and -shm files there)"


def _use_wal(db: Database, busy_timeout_ms: int) -> None:
    """Switch to WAL, waiting while another process switches the same new file (B18).

    Only SQLITE_BUSY and SQLITE_LOCKED are waited out; any other failure (a read-only folder
    where the -wal and -shm files cannot be made, a full disk) is raised at once.
    """
    deadline = time.monotonic() + busy_timeout_ms / 1000
    while True:
        try:
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                db.execute("PRAGMA journal_mode=WAL")
            return
        except sqlite3.OperationalError as e:
            if not _busy(e) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def _busy(error: sqlite3.Error) -> bool:
    """SQLITE_BUSY or SQLITE_LOCKED, extended codes included: another connection holds a lock."""
    code = getattr(error, "sqlite_errorcode", None)  # Python 3.11+
    if code is None:
        return "locked" in str(error)  # "database is locked", "database table is locked"
    return code & 0xFF in _BUSY_CODES


@contextmanager
def writing(db: Database) -> Iterator[Database]:
    """A write transaction that takes the write lock first (BEGIN IMMEDIATE).

    A deferred BEGIN that reads first cannot wait for another writer's commit (SQLite
    answers SQLITE_BUSY_SNAPSHOT at once); taking the lock up front lets busy_timeout wait.
    Inside a transaction it is a savepoint; any SQLite failure becomes a StorageError.
    """
    if db.conn.in_transaction:
        with db.atomic():
            yield db
        return
    try:
        db.execute("BEGIN IMMEDIATE")
    except sqlite3.Error as e:
        raise _storage_error(e) from None
    try:
        yield db
    except sqlite3.Error as e:
        db.conn.rollback()
        raise _storage_error(e) from None
    except BaseException:
        db.conn.rollback()
        raise
    try:
        db.conn.commit()
    except sqlite3.Error as e:
        db.conn.rollback()
        raise _storage_error(e) from None


def _storage_error(error: sqlite3.Error) -> StorageError:
    text = str(error)
    hint = {
        "full": "free some disk space and run the same command again",
        "readonly": "the database file or its folder is read-only; use a writable --db",
        "locked": "another program holds the database; try again when it is done",
    }
    advice = next((v for k, v in hint.items() if k in text), "the database was not changed")
    return StorageError(f"cannot write the database ({text}); {advice}")


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
