"""Commands on the database itself: a read-only query, and the schema's migrations."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sqlite3
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer

from archiver.cli.options import DbOption, ReadDbOption, Verbose, fail
from archiver.errors import ArchiverError, QueryError, StorageError
from archiver.store import open_db, open_db_readonly
from archiver.store.schema import migrations, purpose


def query_command(
    sql: Annotated[str, typer.Argument(metavar="SQL", help="A read-only SQL statement.")],
    db: ReadDbOption = "archive.db",
    as_json: Annotated[bool, typer.Option("--json", help="Output JSON rows.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Output CSV.")] = False,
    verbose: Verbose = 0,
) -> None:
    """Run a read-only SQL query against the archive."""
    if as_json and as_csv:
        raise typer.BadParameter("give --json or --csv, not both", param_hint="'--json/--csv'")
    if not sql.strip() or sql.strip() == ";":
        raise fail(QueryError("empty SQL; give a statement like: select * from threads",
                              source="query"))  # fmt: skip
    try:
        database = open_db_readonly(db)
        cursor = database.execute(sql)
        columns = [d[0] for d in cursor.description or []]
        rows = cursor.fetchall()
    except (sqlite3.Error, OverflowError) as e:
        raise fail(query_error(e, db, sql)) from None
    except ArchiverError as e:
        raise fail(e) from None
    if as_json:
        records = [dict(zip(columns, map(_plain, r), strict=True)) for r in rows]
        typer.echo(json.dumps(records, ensure_ascii=False, indent=2))
    elif as_csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows([[_plain(v) for v in r] for r in rows])
    else:
        _print_table(columns, rows)


def query_error(error: Exception, db: str, sql: str = "") -> ArchiverError:
    text = str(error)
    # VACUUM and ATTACH are refused by the authorizer; a journal_mode switch on a read-only
    # connection surfaces as an I/O error
    statement = sql.lstrip().lower()
    refused = "authoriz" in text  # the authorizer: ATTACH, VACUUM, load_extension
    if refused or "disk I/O" in text and statement.startswith("pragma"):
        text = "readonly"
    if "readonly" in text or "query_only" in text or "read-only" in text:
        return StorageError(
            "query only reads; this statement would change the database "
            "(use sqlite-utils or the sqlite3 shell to change it)",
            source=db,
        )
    if "one statement at a time" in text:
        return QueryError("SQL error: several statements; give one at a time", source=db)
    if "interrupted" in text or "malformed" in text or "not a database" in text:
        return StorageError(f"cannot read the database: {text}", source=db)
    if "syntax" in text or "no such" in text or "incomplete" in text or "supplied" in text:
        return QueryError(f"SQL error: {text}; check the statement (see the README's tables)",
                          source=db)  # fmt: skip
    return QueryError(f"SQL error: {text}", source=db)  # the user's SQL, not the database


def _plain(value: Any) -> Any:
    if isinstance(value, bytes):
        return f"<{len(value)} bytes>"
    return value


def _print_table(columns: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Columns aligned by display width (CJK characters are two wide), never cut."""
    cells = [list(columns)] + [[_cell(v) for v in row] for row in rows]
    widths = [max(_width(row[i]) for row in cells) for i in range(len(columns))]
    for n, row in enumerate(cells):
        typer.echo("  ".join(_pad(v, w) for v, w in zip(row, widths, strict=False)).rstrip())
        if n == 0:
            typer.echo("  ".join("-" * w for w in widths))


def _cell(value: Any) -> str:
    return "" if value is None else str(_plain(value)).replace("\n", "\u23ce")


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


def migrate_command(
    db: DbOption = "archive.db",
    list_: Annotated[
        bool, typer.Option("--list", help="List applied and pending migrations, change nothing.")
    ] = False,
    verbose: Verbose = 0,
) -> None:
    """Bring the database schema up to date (opening it does this too)."""
    import sqlite_utils

    if list_:
        try:
            exists = Path(db).exists()
            database = open_db_readonly(db) if exists else sqlite_utils.Database(memory=True)
        except ArchiverError as e:
            raise fail(e) from None
        for applied in migrations.applied(database):
            when = applied.applied_at[:19]
            typer.echo(f"applied  {applied.name}  {when}  {purpose(applied.name)}")
        for pending in migrations.pending(database):
            typer.echo(f"pending  {pending.name}  {purpose(pending.name)}")
        return
    try:
        open_db(db)
    except ArchiverError as e:
        raise fail(e) from None
    typer.echo(f"{db}: schema up to date ({dt.datetime.now():%Y-%m-%d %H:%M})", err=True)
