"""The command line: parse options, call the library, turn errors into one line and an exit code."""

from __future__ import annotations

import csv
import datetime as dt
import json
import logging
import os
import sqlite3
import sys
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer
from sqlite_utils import Database

from archiver import __version__
from archiver.archive.crawl import ThreadRun, archive_board, archive_url, refresh_targets
from archiver.archive.files import Outcome, archive_files
from archiver.cli.options import DbOption, SourceOption, WithAuthors, fail
from archiver.cli.progress import Progress
from archiver.cli.read import (
    datasette_metadata_command,
    export_command,
    search_command,
    show_command,
)
from archiver.errors import ArchiverError, InputError, StorageError
from archiver.fetch import (
    Cookies,
    Fetcher,
    load_cookies,
    make_client,
    no_cookies,
    parse_cookie_header,
)
from archiver.fetch.auth import auth_path, load_auth, save_auth
from archiver.store import open_db, open_db_readonly
from archiver.store.schema import migrations
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
        typer.Argument(help="Thread URLs, or saved thread pages: files, folders or globs."),
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
) -> None:
    """Archive Discuz! threads from their URLs (every page) or from saved pages."""
    jobs = jobs if jobs > 0 else (os.cpu_count() or 1)
    tz = _timezone(timezone)
    urls = [s for s in sources if s.startswith(("http://", "https://"))]
    files = [s for s in sources if s not in urls]
    web = WebOptions(
        cookies, cookie, delay, retries, timeout, ignore_robots, full, save_html, source,
        with_authors,
    )  # fmt: skip
    try:
        database = open_db(db)
        outcomes = archive_files(
            database, files, timezone=tz, jobs=jobs, on_outcome=_report_outcome
        )
        runs = _archive_urls(database, urls, web, tz, quiet) if urls else []
    except ArchiverError as e:
        raise fail(e) from None
    _finish(outcomes, runs, as_json)


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
    quiet: Quiet = False,
    as_json: JsonFlag = False,
    source: SourceOption = "auto",
    with_authors: WithAuthors = False,
) -> None:
    """Bring archived threads up to date from their forums (new pages and changed posts)."""
    tz = _timezone(timezone)
    web = WebOptions(
        cookies, None, delay, retries, 30.0, ignore_robots, False, None, source, with_authors
    )
    try:
        targets = refresh_targets(open_db_readonly(db), sql)
        database = open_db(db)
        runs = [ThreadRun(f"{site} tid {tid}", site, tid) for site, tid, url in targets if not url]
        for run in runs:
            run.error = InputError("no base URL known for this thread; archive it from its URL")
            _report(run.error)
        urls = [url for _, _, url in targets if url]
        runs += _archive_urls(database, urls, web, tz, quiet)
    except sqlite3.Error as e:
        raise fail(_query_error(e, db)) from None
    except ArchiverError as e:
        raise fail(e) from None
    _finish([], runs, as_json)


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
) -> None:
    """Walk a board's thread list and archive every new or changed thread."""
    tz = _timezone(timezone)
    web = WebOptions(
        cookies, None, delay, retries, 30.0, ignore_robots, full, None, source, with_authors
    )
    try:
        database = open_db(db)
        cookie_jar = _cookies_for(url, web)
    except ArchiverError as e:
        raise fail(e) from None
    with make_client(cookies=cookie_jar, timeout=web.timeout) as client:
        fetcher = Fetcher(client, delay=delay, retries=retries, ignore_robots=ignore_robots)
        board = archive_board(
            database, url, fetcher, since=since, limit=limit, full=full, timezone=tz,
            on_thread=lambda run: _report(run.error), source=source, with_authors=with_authors,
        )  # fmt: skip
    _report(board.error)
    summary = {
        "boards": 0 if board.error else 1,
        "pages_walked": board.pages_walked,
        "threads_listed": board.threads_listed,
        "threads_archived": sum(1 for r in board.runs if r.error is None),
        "threads_unchanged": board.threads_unchanged,
        "pages_fetched": sum(r.pages_fetched for r in board.runs),
        "posts_new": sum(r.posts_new for r in board.runs),
        "errors": sum(1 for r in board.runs if r.error) + (1 if board.error else 0),
    }
    if as_json:
        typer.echo(json.dumps(summary))
    else:
        typer.echo(
            "walked {pages_walked} list page(s): {threads_listed} thread(s) listed, "
            "{threads_archived} archived, {threads_unchanged} unchanged, {posts_new} new "
            "post(s); {errors} error(s)".format(**summary),
            err=True,
        )
    errors = [board.error] + [r.error for r in board.runs]
    first = next((e for e in errors if e is not None), None)
    if first is not None:
        raise typer.Exit(code=first.exit_code)


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


@dataclass(frozen=True)
class WebOptions:
    """How to reach forums: cookies and politeness."""

    cookies: Path | None
    cookie: str | None
    delay: float
    retries: int
    timeout: float
    ignore_robots: bool
    full: bool
    save_html: Path | None
    source: str = "auto"
    with_authors: bool = False


def _timezone(text: str | None) -> dt.tzinfo | None:
    if text is None:
        return None
    tz = parse_offset(text)
    if tz is None:
        raise fail(InputError("not a UTC offset; use a form like +08:00", source=text))
    return tz


def _cookies_for(url: str, web: WebOptions) -> Cookies:
    """Cookies from --cookies, --cookie, or the auth store, in that order."""
    if web.cookies is not None:
        return load_cookies(web.cookies)
    site = site_of(url)
    header = web.cookie or load_auth(auth_path()).get(site)
    return parse_cookie_header(header, site) if header else no_cookies()


def _archive_urls(
    db: Database, urls: list[str], web: WebOptions, tz: dt.tzinfo | None, quiet: bool
) -> list[ThreadRun]:
    runs: list[ThreadRun] = []
    probes: dict[str, str] = {}
    with Progress(enabled=not quiet and sys.stderr.isatty()) as progress:
        for url in urls:
            try:
                cookies = _cookies_for(url, web)
            except ArchiverError as e:
                e.source = e.source or url
                runs.append(ThreadRun(url, error=e))
                _report(e)
                continue
            with make_client(cookies=cookies, timeout=web.timeout) as client:
                fetcher = Fetcher(
                    client, delay=web.delay, retries=web.retries, ignore_robots=web.ignore_robots
                )
                run = archive_url(
                    db, url, fetcher, full=web.full, timezone=tz, save_html=web.save_html,
                    on_page=progress.update, source=web.source, probes=probes,
                    with_authors=web.with_authors,
                )  # fmt: skip
            runs.append(run)
            _report(run.error)
    return runs


def _report(error: ArchiverError | None) -> None:
    if error is not None:
        typer.echo(f"error: {error}", err=True)


def _finish(outcomes: list[Outcome], runs: list[ThreadRun], as_json: bool) -> None:
    """Print the summary and exit with the first error's code."""
    saved = [o for o in outcomes if o.saved is not None]
    threads = {o.key for o in saved if o.key is not None}
    threads |= {(r.site or "", r.tid) for r in runs if r.tid is not None and r.pages_fetched}
    summary = {
        "threads": len(threads),
        "pages": len(saved) + sum(r.pages_fetched for r in runs),
        "pages_fetched": sum(r.pages_fetched for r in runs),
        "pages_skipped": sum(r.pages_skipped for r in runs),
        "posts_new": sum(o.saved.posts_new for o in saved if o.saved)
        + sum(r.posts_new for r in runs),
        "posts_changed": sum(o.saved.posts_changed for o in saved if o.saved)
        + sum(r.posts_changed for r in runs),
        "errors": len(outcomes) - len(saved) + sum(1 for r in runs if r.error),
    }
    if as_json:
        typer.echo(json.dumps(summary))
    else:
        web = " ({pages_fetched} fetched, {pages_skipped} skipped)" if runs else ""
        typer.echo(
            ("archived {pages} page(s) of {threads} thread(s)" + web + ": {posts_new} new "
             "post(s), {posts_changed} changed; {errors} error(s)").format(**summary),
            err=True,
        )  # fmt: skip
    errors = [o.error for o in outcomes if o.error] + [r.error for r in runs if r.error]
    if errors:
        raise typer.Exit(code=errors[0].exit_code)


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
        raise fail(_query_error(e, db, sql)) from None
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


def _query_error(error: sqlite3.Error, db: str, sql: str = "") -> StorageError:
    text = str(error)
    # VACUUM and ATTACH are refused by the authorizer; a journal_mode switch on a read-only
    # connection surfaces as an I/O error
    statement = sql.lstrip().lower()
    refused = "authoriz" in text and statement.startswith(("vacuum", "attach", "detach"))
    if refused or "disk I/O" in text and statement.startswith("pragma"):
        text = "readonly"
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


def _report_outcome(outcome: Outcome) -> None:
    _report(outcome.error)
