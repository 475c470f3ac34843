"""The command line: parse options, call the composer once, turn errors into an exit code."""

from __future__ import annotations

import datetime as dt
import logging
import os
import sqlite3
import sys
from pathlib import Path
from typing import Annotated

import typer

from archiver import __version__
from archiver.archive import (
    WebOptions,
    archive_board_url,
    archive_files,
    archive_urls,
    auth_path,
    refresh_threads,
    save_auth,
)
from archiver.cli.capture_progress import bytes_progress
from archiver.cli.options import DbOption, SourceOption, WarcOption, WithAuthors, fail
from archiver.cli.progress import Progress
from archiver.cli.query import migrate_command, query_command, query_error
from archiver.cli.read import (
    datasette_metadata_command,
    export_command,
    search_command,
    show_command,
)
from archiver.cli.summary import finish, finish_board, report
from archiver.errors import ArchiverError, InputError
from archiver.model import CaptureTally, Outcome
from archiver.store import open_db, open_db_readonly, refresh_targets
from archiver.times import parse_offset
from archiver.urls import site_of

app = typer.Typer(
    help="Archive Discuz! X forum threads into a SQLite database you can query.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"discuz-archiver {__version__}")
        raise typer.Exit()


app.command("search")(search_command)
app.command("show")(show_command)
app.command("export")(export_command)
app.command("datasette-metadata")(datasette_metadata_command)


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
    # httpcore's DEBUG lines carry raw response headers, Set-Cookie included: never show them
    logging.getLogger("httpcore").setLevel(max(level, logging.INFO))


Timezone = Annotated[
    str | None,
    typer.Option(help="The site's UTC offset, e.g. +08:00, when the pages' footer is wrong."),
]
JsonFlag = Annotated[bool, typer.Option("--json", help="Print a JSON summary on stdout.")]
Delay = Annotated[float, typer.Option(help="Seconds between requests to one host.")]
Retries = Annotated[int, typer.Option(help="Retries for 429, 5xx and network errors.")]
IgnoreRobots = Annotated[bool, typer.Option(help="Do not honour robots.txt.")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]
CookiesFile = Annotated[
    Path | None, typer.Option(help="A Netscape cookies.txt exported from your browser.")
]


@app.command()
def archive(
    sources: Annotated[
        list[str],
        typer.Argument(
            help="Thread URLs, or saved thread pages and web archives (WARC, WACZ, MHTML, "
            "SingleFile): files, folders or globs; - reads one from standard input."
        ),
    ],
    db: DbOption = "archive.db",
    timezone: Timezone = None,
    cookies: CookiesFile = None,
    cookie: Annotated[
        str | None, typer.Option(help='A cookie header, "name=value; name2=value2".')
    ] = None,
    delay: Delay = 1.0,
    retries: Retries = 4,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for a response.")] = 30.0,
    ignore_robots: IgnoreRobots = False,
    full: Annotated[bool, typer.Option(help="Fetch every page, not only new ones.")] = False,
    save_html: Annotated[
        Path | None, typer.Option(help="Also write each fetched page into this folder.")
    ] = None,
    quiet: Quiet = False,
    as_json: JsonFlag = False,
    jobs: Annotated[
        int, typer.Option(help="Worker processes that parse saved pages (default: all cores).")
    ] = 0,
    source: SourceOption = "auto",
    with_authors: WithAuthors = False,
    warc: WarcOption = None,
) -> None:
    """Archive Discuz! threads from their URLs (every page), saved pages or web archives."""
    jobs = jobs if jobs > 0 else (os.cpu_count() or 1)
    tz = _timezone(timezone)
    urls = [s for s in sources if s.startswith(("http://", "https://"))]
    files = [s for s in sources if s not in urls]
    web = WebOptions(
        cookies, cookie, delay, retries, timeout, ignore_robots, full, save_html, source,
        with_authors, warc,
    )  # fmt: skip
    tally = CaptureTally()
    stdin = typer.get_binary_stream("stdin") if "-" in files else None
    try:
        database = open_db(db)
        with bytes_progress(enabled=not quiet and sys.stderr.isatty()) as on_bytes:
            outcomes = archive_files(
                database, files, timezone=tz, jobs=jobs, on_outcome=_report_outcome,
                tally=tally, on_bytes=on_bytes, stdin=stdin,
            )  # fmt: skip
        runs = []
        if urls:
            with _progress(quiet) as progress:
                runs = archive_urls(
                    database, urls, web, timezone=tz, on_page=progress.update, on_error=report
                )
    except ArchiverError as e:
        raise fail(e) from None
    finish(outcomes, runs, as_json, tally)


@app.command()
def refresh(
    db: DbOption = "archive.db",
    sql: Annotated[
        str | None,
        typer.Option(help="A query giving (site, tid) of the threads to refresh; default all."),
    ] = None,
    timezone: Timezone = None,
    cookies: CookiesFile = None,
    delay: Delay = 1.0,
    retries: Retries = 4,
    ignore_robots: IgnoreRobots = False,
    full: Annotated[
        bool,
        typer.Option(
            help="Fetch every page. Without it, page 1 and the pages from the last archived "
            "one on, and every page when the reply count went down or floors moved."
        ),
    ] = False,
    quiet: Quiet = False,
    as_json: JsonFlag = False,
    source: SourceOption = "auto",
    with_authors: WithAuthors = False,
    warc: WarcOption = None,
) -> None:
    """Bring archived threads up to date from their forums (new pages, changed and gone posts)."""
    tz = _timezone(timezone)
    web = WebOptions(
        cookies, None, delay, retries, 30.0, ignore_robots, full, None, source, with_authors,
        warc,
    )  # fmt: skip
    try:
        targets = refresh_targets(open_db_readonly(db), sql)  # the user's SQL only reads
        database = open_db(db)
        with _progress(quiet) as progress:
            runs = refresh_threads(
                database, targets, web, timezone=tz, on_page=progress.update, on_error=report
            )
    except sqlite3.Error as e:
        raise fail(query_error(e, db)) from None
    except ArchiverError as e:
        raise fail(e) from None
    finish([], runs, as_json)


@app.command("archive-board")
def archive_board_command(
    url: Annotated[str, typer.Argument(help="A forum-FID-PAGE.html or forumdisplay&fid= URL.")],
    db: DbOption = "archive.db",
    since: Annotated[
        str | None, typer.Option(help="Only threads with a post on or after, e.g. 2024-10-01.")
    ] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many threads.")] = None,
    full: Annotated[
        bool, typer.Option(help="Archive every listed thread, changed or not.")
    ] = False,
    timezone: Timezone = None,
    cookies: CookiesFile = None,
    delay: Delay = 1.0,
    retries: Retries = 4,
    ignore_robots: IgnoreRobots = False,
    as_json: JsonFlag = False,
    source: SourceOption = "auto",
    with_authors: WithAuthors = False,
    warc: WarcOption = None,
) -> None:
    """Walk a board's thread list and archive every new or changed thread."""
    tz = _timezone(timezone)
    web = WebOptions(
        cookies, None, delay, retries, 30.0, ignore_robots, full, None, source, with_authors,
        warc,
    )  # fmt: skip
    try:
        database = open_db(db)
        board = archive_board_url(
            database, url, web, since=since, limit=limit, timezone=tz,
            on_thread=lambda run: report(run.error),
        )  # fmt: skip
    except ArchiverError as e:
        raise fail(e) from None
    finish_board(board, as_json)


@app.command()
def auth(
    site: Annotated[str, typer.Argument(help="The forum: a URL of it or its host[/path].")],
) -> None:
    """Store a login cookie for a site, in a file only you can read."""
    key = site_of(site) if site.startswith(("http://", "https://")) else site.strip("/")
    value = typer.prompt(f"Cookie header for {key} (input hidden)", hide_input=True)
    path = auth_path()
    try:
        save_auth(path, key, value.strip())
    except ArchiverError as e:
        raise fail(e) from None
    typer.echo(f"saved the cookie for {key} in {path} (mode 600)", err=True)


def _timezone(text: str | None) -> dt.tzinfo | None:
    if text is None:
        return None
    tz = parse_offset(text)
    if tz is None:
        raise fail(InputError("not a UTC offset; use a form like +08:00", source=text))
    return tz


def _progress(quiet: bool) -> Progress:
    return Progress(enabled=not quiet and sys.stderr.isatty())


def _report_outcome(outcome: Outcome) -> None:
    report(outcome.error)


# registered last, so --help lists them after the archiving commands, as before
app.command("query")(query_command)
app.command("migrate")(migrate_command)
