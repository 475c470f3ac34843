"""The commands that archive: saved pages and thread URLs, refresh, and a whole board.

They share one set of fetching options (cli/fetching.py), and print through one console.
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer

from archiver.archive import (
    archive_board_url,
    archive_files,
    archive_media,
    archive_media_of,
    archive_urls,
    refresh_threads,
)
from archiver.archive.captures import expand_inputs
from archiver.cli.console import is_terminal, say
from archiver.cli.fetching import Fetching, fetching
from archiver.cli.options import (
    MAX_ID,
    MAX_JOBS,
    DbOption,
    Full,
    SiteOption,
    check_date,
    fail,
)
from archiver.cli.progress import Progress
from archiver.cli.query import query_error
from archiver.cli.read import site_key
from archiver.cli.summary import finish, finish_board, report
from archiver.errors import ArchiverError, InputError
from archiver.model import CaptureTally, Outcome, ThreadRun
from archiver.store import media_targets, open_db, open_db_readonly, refresh_targets
from archiver.vocabulary import MEDIA_STATUSES

InputList = Annotated[
    Path | None,
    typer.Option("--input-file", "-i", metavar="FILE",
                 help="Read URLs or paths from this file, one a line (- for standard input)."),
]  # fmt: skip


@fetching
def archive(
    sources: Annotated[
        list[str] | None,
        typer.Argument(metavar="URL|PATH",
                       help="Thread URLs, or saved thread pages and web archives (WARC, WACZ, "
                       "MHTML, SingleFile): files, folders or globs; - reads one page or web "
                       "archive from standard input (-i - reads a list)."),
    ] = None,
    input_file: InputList = None,
    db: DbOption = "archive.db",
    full: Full = False,
    jobs: Annotated[
        int | None,
        typer.Option(min=1, max=MAX_JOBS, metavar="N", show_default="all cores",
                     help="Worker processes that parse saved pages."),
    ] = None,
    site: SiteOption = None,
    *,
    fetch: Fetching,
) -> None:  # fmt: skip
    """Archive Discuz! threads from their URLs (every page), saved pages or web archives."""
    items = _inputs(sources or [], input_file)
    urls = [s for s in items if s.startswith(("http://", "https://"))]
    files = [s for s in items if s not in urls]
    runs: list[ThreadRun] = []
    tally = CaptureTally()
    stdin = typer.get_binary_stream("stdin") if "-" in files else None
    try:
        tz, database = fetch.tz(), open_db(db)
        with _progress(fetch.quiet) as progress:
            total = sum(1 for _ in expand_inputs(files)) if files and progress.enabled else 0

            def done(outcome: Outcome) -> None:
                report(outcome.error)
                progress.saved(outcome, total)

            outcomes = archive_files(
                database, files, timezone=tz, jobs=jobs or os.cpu_count() or 1,
                on_outcome=done, tally=tally, on_bytes=progress.read_bytes, stdin=stdin,
                site=site,
            )  # fmt: skip
            if fetch.media:  # saved files touch the network only when asked to
                keys = (o.key for o in outcomes if o.key is not None and o.saved is not None)
                archive_media_of(database, fetch.web(full=full), keys)
            if urls:
                runs = archive_urls(
                    database, urls, fetch.web(full=full), timezone=tz, on_page=progress.update,
                    on_error=report,
                )  # fmt: skip
    except ArchiverError as e:
        raise fail(e) from None
    finish(outcomes, runs, fetch.as_json, tally)


@fetching
def refresh(
    db: DbOption = "archive.db",
    sql: Annotated[
        str | None,
        typer.Option(metavar="SQL",
                     help="A query giving (site, tid) of the threads to refresh; default all."),
    ] = None,
    full: Annotated[
        bool,
        typer.Option("--full", metavar="",
                     help="Fetch every page. Without it, page 1 and the pages from the last "
                     "archived one on, and every page when the reply count went down or floors "
                     "moved."),
    ] = False,
    *,
    fetch: Fetching,
) -> None:  # fmt: skip
    """Bring archived threads up to date from their forums (new pages, changed and gone posts)."""
    if sql is not None and not sql.strip():
        raise fail(InputError("empty SQL; give a query like: select site, tid from threads",
                              source="--sql"))  # fmt: skip
    try:
        tz = fetch.tz()
        targets = refresh_targets(open_db_readonly(db), sql)  # the user's SQL only reads
        database = open_db(db)
        with _progress(fetch.quiet) as progress:
            runs = refresh_threads(
                database, targets, fetch.web(full=full), timezone=tz, on_page=progress.update,
                on_error=report,
            )  # fmt: skip
    except sqlite3.Error as e:
        raise fail(query_error(e, db, sql or "")) from None
    except ArchiverError as e:
        raise fail(e) from None
    finish([], runs, fetch.as_json)


@fetching
def media_command(
    db: DbOption = "archive.db",
    site: Annotated[
        str | None, typer.Option(metavar="SITE", help="Only this site (host/path, or a URL).")
    ] = None,
    tid: Annotated[
        int | None, typer.Option(min=1, max=MAX_ID, metavar="TID", help="Only this thread.")
    ] = None,
    retry: Annotated[
        bool, typer.Option("--retry", metavar="",
                           help="Ask again for every file not saved, not only failed ones.")
    ] = False,
    *,
    fetch: Fetching,
) -> None:  # fmt: skip
    """Fetch the pictures and files of archived posts that the archive still lacks."""
    web = fetch.web(full=False)
    if retry:
        web = replace(web, media=replace(web.media, retry=NOT_SAVED))
    try:
        key = site_key(site)
        database = open_db(db)
        targets = media_targets(database, key, tid)
        if not targets:
            asked = [f"--site {key}" if key else "", f"--tid {tid}" if tid else ""]
            raise InputError("no archived thread matches; archive it first, or check the filter",
                             source=" ".join(a for a in asked if a) or str(db))  # fmt: skip
        counts = archive_media(database, web, targets)
    except ArchiverError as e:
        raise fail(e) from None
    if fetch.as_json:
        typer.echo(json.dumps(counts, sort_keys=True))
    else:
        say("media: " + (", ".join(f"{n} {s}" for s, n in sorted(counts.items())) or "nothing"))


@fetching
def archive_board_command(
    url: Annotated[str, typer.Argument(metavar="URL",
                                       help="A forum-FID-PAGE.html or forumdisplay&fid= URL.")],
    db: DbOption = "archive.db",
    since: Annotated[
        str | None,
        typer.Option(metavar="DATE", help="Only threads with a post on or after, e.g. 2024-10-01."),
    ] = None,
    limit: Annotated[
        int | None, typer.Option(min=1, metavar="N", help="At most this many threads.")
    ] = None,
    full: Annotated[
        bool,
        typer.Option("--full", metavar="", help="Archive every listed thread, changed or not."),
    ] = False,
    *,
    fetch: Fetching,
) -> None:  # fmt: skip
    """Walk a board's thread list and archive every new or changed thread."""
    since = check_date(since, "--since")
    try:
        tz, database = fetch.tz(), open_db(db)
        with _progress(fetch.quiet) as progress:
            board = archive_board_url(
                database, url, fetch.web(full=full), since=since, limit=limit, timezone=tz,
                on_thread=lambda run: report(run.error), on_page=progress.update,
            )  # fmt: skip
    except ArchiverError as e:
        raise fail(e) from None
    finish_board(board, fetch.as_json)


def _inputs(sources: list[str], input_file: Path | None) -> list[str]:
    """Arguments, then the lines of -i FILE; `-` (either way) reads standard input."""
    lines: list[str] = []
    if input_file is not None:
        try:
            text = sys.stdin.read() if str(input_file) == "-" else input_file.read_text("utf-8")
        except (OSError, UnicodeDecodeError) as e:
            why = e.strerror if isinstance(e, OSError) else "not UTF-8 text"
            error = InputError(f"cannot read the list ({why})", source=str(input_file))
            raise fail(error) from None
        lines = [line.strip() for line in text.splitlines()]
        lines = [line for line in lines if line and not line.startswith("#")]
    items: list[str] = []
    for item in sources:
        if not item.strip():
            raise fail(InputError("an empty argument; give a thread URL or a saved page",
                                  source="archive"))  # fmt: skip
        else:
            items.append(item)
    items += lines
    if not items:
        raise fail(InputError("nothing to archive; give thread URLs or saved pages, or -i FILE",
                              source="archive"))  # fmt: skip
    return items


NOT_SAVED = tuple(status for status in MEDIA_STATUSES if status != "saved")  # media --retry


def _progress(quiet: bool) -> Progress:
    return Progress(enabled=not quiet and is_terminal())
