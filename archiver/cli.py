"""The command line: parse options, call the library, turn errors into one line and an exit code."""

from __future__ import annotations

import csv
import datetime as dt
import json
import logging
import sqlite3
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Annotated, Any

import typer

from . import __version__
from .archive import Outcome, archive_files
from .errors import ArchiverError, InputError, StorageError
from .schema import migrations
from .store import open_db, open_db_readonly
from .times import parse_offset

app = typer.Typer(
    help="Archive Discuz! X forum threads into a SQLite database you can query.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DbOption = Annotated[
    str,
    typer.Option(
        "--db",
        envvar="DISCUZ_ARCHIVER_DB",
        help="The SQLite database file (created if missing).",
        show_default=True,
    ),
]


def fail(error: ArchiverError) -> typer.Exit:
    """Print an error as one line on stderr and give the exit to raise."""
    typer.echo(f"error: {error}", err=True)
    return typer.Exit(code=error.exit_code)


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"discuz-archiver {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True, help="More logging.")] = 0,
    version: Annotated[
        bool,
        typer.Option("--version", callback=version_callback, is_eager=True, help="Show version."),
    ] = False,
) -> None:
    """Archive Discuz! X forum threads into a SQLite database you can query."""
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(level=level, format="%(levelname)s: %(message)s", stream=sys.stderr)


@app.command()
def archive(
    sources: Annotated[
        list[str], typer.Argument(help="Saved thread pages: files, folders or glob patterns.")
    ],
    db: DbOption = "archive.db",
    timezone: Annotated[
        str | None,
        typer.Option(help="The site's UTC offset, e.g. +08:00, if the pages' footer is wrong."),
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON summary.")] = False,
) -> None:
    """Archive saved Discuz! thread pages into the database."""
    tz = None
    if timezone is not None:
        tz = parse_offset(timezone)
        if tz is None:
            raise fail(InputError("not a UTC offset; use a form like +08:00", source=timezone))
    try:
        database = open_db(db)
        outcomes = archive_files(database, sources, timezone=tz, on_outcome=_report)
    except ArchiverError as e:
        raise fail(e) from None
    _summary(outcomes, as_json)
    errors = [o.error for o in outcomes if o.error is not None]
    if errors:
        raise typer.Exit(code=errors[0].exit_code)


def _report(outcome: Outcome) -> None:
    if outcome.error is not None:
        typer.echo(f"error: {outcome.error}", err=True)


def _summary(outcomes: list[Outcome], as_json: bool) -> None:
    saved = [o for o in outcomes if o.saved is not None and o.parsed is not None]
    summary = {
        "pages": len(saved),
        "threads": len({(o.parsed.thread.site, o.parsed.thread.tid) for o in saved if o.parsed}),
        "posts_new": sum(o.saved.posts_new for o in saved if o.saved),
        "posts_changed": sum(o.saved.posts_changed for o in saved if o.saved),
        "posts_unchanged": sum(o.saved.posts_unchanged for o in saved if o.saved),
        "errors": len(outcomes) - len(saved),
    }
    if as_json:
        typer.echo(json.dumps(summary))
        return
    typer.echo(
        "archived {pages} page(s) of {threads} thread(s): {posts_new} new post(s), "
        "{posts_changed} changed, {posts_unchanged} unchanged; {errors} error(s)".format(**summary),
        err=True,
    )


@app.command()
def query(
    sql: Annotated[str, typer.Argument(help="A read-only SQL statement.")],
    db: DbOption = "archive.db",
    as_json: Annotated[bool, typer.Option("--json", help="Output JSON rows.")] = False,
    as_csv: Annotated[bool, typer.Option("--csv", help="Output CSV.")] = False,
) -> None:
    """Run a read-only SQL query against the archive."""
    try:
        database = open_db_readonly(db)
        cursor = database.execute(sql)
    except sqlite3.Error as e:
        raise fail(_query_error(e, db)) from None
    except ArchiverError as e:
        raise fail(e) from None
    columns = [d[0] for d in cursor.description or []]
    rows = cursor.fetchall()
    if as_json:
        records = [dict(zip(columns, map(_plain, r), strict=True)) for r in rows]
        typer.echo(json.dumps(records, ensure_ascii=False, indent=2))
    elif as_csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows([[_plain(v) for v in r] for r in rows])
    else:
        _print_table(columns, rows)


def _query_error(error: sqlite3.Error, db: str) -> StorageError:
    text = str(error)
    if "readonly" in text or "query_only" in text or "read-only" in text:
        return StorageError(
            "query only reads; this statement would change the database "
            "(use sqlite-utils or the sqlite3 shell to change it)",
            source=db,
        )
    return StorageError(f"SQL error: {text}", source=db)


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


@app.command()
def migrate(
    db: DbOption = "archive.db",
    list_: Annotated[
        bool, typer.Option("--list", help="List applied and pending migrations, change nothing.")
    ] = False,
) -> None:
    """Bring the database schema up to date (opening it does this too)."""
    import sqlite_utils

    if list_:
        exists = Path(db).exists()
        database = open_db_readonly(db) if exists else sqlite_utils.Database(memory=True)
        for applied in migrations.applied(database):
            typer.echo(f"applied  {applied.name}  {applied.applied_at}")
        for pending in migrations.pending(database):
            typer.echo(f"pending  {pending.name}")
        return
    try:
        open_db(db)
    except ArchiverError as e:
        raise fail(e) from None
    typer.echo(f"{db}: schema up to date ({dt.datetime.now():%Y-%m-%d %H:%M})", err=True)
