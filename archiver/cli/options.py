"""Options and error handling shared by every command."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from archiver.errors import ArchiverError

DbOption = Annotated[
    str,
    typer.Option(
        "--db",
        envvar="DISCUZ_ARCHIVER_DB",
        help="The SQLite database file (created if missing).",
        show_default=True,
    ),
]

SourceOption = Annotated[
    str,
    typer.Option(
        "--source",
        help="auto: the mobile JSON API where the site's module=check answers (exact times, no "
        "author panels), else the desktop pages, and the Archiver text view when nothing else "
        "is readable; or force desktop, api or archiver.",
        show_default=True,
    ),
]
WithAuthors = Annotated[
    bool,
    typer.Option(
        "--with-authors",
        help="When the API was used, fetch one desktop page per author to fill in their panel "
        "(group, rank, counts).",
    ),
]


def fail(error: ArchiverError) -> typer.Exit:
    """Print an error as one line on stderr and give the exit to raise."""
    typer.echo(f"error: {error}", err=True)
    return typer.Exit(code=error.exit_code)


WarcOption = Annotated[
    Path | None,
    typer.Option(
        "--warc",
        help="Also write every request and response as WARC 1.1 records into this file "
        "(.warc.gz: gzip per record). Cookies are left out and pages scrubbed as stored; an "
        "existing file is never appended to: the run writes NAME-1.warc.gz and so on.",
    ),
]
