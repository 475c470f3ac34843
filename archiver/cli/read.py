"""Commands that read the archive: search, show, export, datasette-metadata."""

from __future__ import annotations

import dataclasses
import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from archiver.cli.options import MAX_ID, Format, ReadDbOption, Verbose, check_date, fail
from archiver.cli.show import render
from archiver.errors import ArchiverError, InputError
from archiver.read.export import to_html, to_json, to_markdown
from archiver.read.media import thread_media, write_beside
from archiver.read.search import Filters, ThreadDoc, load_thread, search, thread_keys
from archiver.store import open_db_readonly
from archiver.times import shown_time
from archiver.urls import site_of

SiteOption = Annotated[
    str | None,
    typer.Option(metavar="SITE", help="The site (host/path, or a URL of it) when several sites "
                 "share a tid."),
]  # fmt: skip
TidArgument = Annotated[
    int, typer.Argument(metavar="TID", min=1, max=MAX_ID, help="The thread id.")
]
_FORMATS = {"markdown": (to_markdown, "md"), "json": (to_json, "json"), "html": (to_html, "html")}


def search_command(
    query: Annotated[str, typer.Argument(metavar="WORDS", help='Words to find; "quote a phrase".')],
    db: ReadDbOption = "archive.db",
    site: SiteOption = None,
    tid: Annotated[
        int | None, typer.Option(min=1, max=MAX_ID, metavar="TID", help="Only this thread.")
    ] = None,
    author: Annotated[
        str | None, typer.Option(metavar="NAME", help="Only posts by this author name.")
    ] = None,
    since: Annotated[
        str | None, typer.Option(metavar="DATE", help="Posted on or after, e.g. 2024-10-01.")
    ] = None,
    until: Annotated[
        str | None, typer.Option(metavar="DATE", help="Posted on or before, e.g. 2024-10-31.")
    ] = None,
    limit: Annotated[
        int, typer.Option(min=1, max=100_000, metavar="N", help="At most this many hits.")
    ] = 20,
    include_gone: Annotated[
        bool, typer.Option("--include-gone", metavar="",
                           help="Also posts the forum no longer shows (gone_at set).")
    ] = False,
    exact: Annotated[
        bool, typer.Option("--exact", metavar="",
                           help="Words and --author as typed only: 烟花 without 煙花.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", metavar="", help="Output JSON.")] = False,
    verbose: Verbose = 0,
) -> None:  # fmt: skip
    """Search posts for Chinese (or any) words, ranked, with the hit marked in a snippet.

    Chinese words are found in either script (烟花 also finds 煙花), unless --exact.
    """
    if not query.strip():
        raise fail(InputError('no words to search for; give one, like "高新区"', source="search"))
    since, until = check_date(since, "--since"), check_date(until, "--until")
    try:
        filters = Filters(site_key(site), tid, author, since, until, include_gone, exact)
        hits = search(open_db_readonly(db), query, filters, limit=limit)
    except ArchiverError as e:
        raise fail(e) from None
    if as_json:
        typer.echo(json.dumps([dataclasses.asdict(h) for h in hits], ensure_ascii=False, indent=2))
        return
    for hit in hits:
        typer.echo(
            f"{hit.subject or ''} · tid {hit.tid} · {hit.floor or '?'}楼 · {hit.author or ''} · "
            f"{shown_time(hit.posted_at)}\n    {hit.snippet}"
        )
    typer.echo(f"{len(hits)} hit(s)", err=True)


def site_key(site: str | None) -> str | None:
    """--site as the archive keys it: host and path, from a URL or with a trailing slash."""
    if site is None:
        return None
    text = site.strip()
    key = site_of(text) if text.lower().startswith(("http://", "https://")) else text.strip("/")
    if not key:
        raise InputError("not a site; give its host and path, like bbs.example.cn",
                         source=f"--site {site!r}")  # fmt: skip
    return key


def _load(db: str, tid: int, site: str | None) -> ThreadDoc:
    database = open_db_readonly(db)
    [(found_site, found_tid)] = thread_keys(database, tid, site_key(site))
    return load_thread(database, found_site, found_tid)


def show_command(
    tid: TidArgument,
    db: ReadDbOption = "archive.db",
    site: SiteOption = None,
    verbose: Verbose = 0,
) -> None:
    """Show a thread floor by floor in the terminal (paged, in colour, when interactive)."""
    from rich.console import Console

    try:
        doc = _load(db, tid, site)
    except ArchiverError as e:
        raise fail(e) from None
    console = Console(highlight=False, emoji=False)
    if sys.stdout.isatty():
        less = os.environ.get("LESS", "")
        if "R" not in less:  # less shows colours only with -R
            os.environ["LESS"] = f"{less} -R".strip()
        with console.pager(styles=True):
            render(console, doc)
    else:
        render(console, doc)


def export_command(
    tid: Annotated[
        int | None,
        typer.Argument(metavar="TID", min=1, max=MAX_ID, help="The thread id (or use --all)."),
    ] = None,
    db: ReadDbOption = "archive.db",
    site: SiteOption = None,
    fmt: Annotated[Format, typer.Option("--format", "-f", help="The output format.")] = "markdown",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="PATH",
                     help="A file (a folder with --all); default standard output."),
    ] = None,
    all_threads: Annotated[bool, typer.Option("--all", metavar="", help="Every thread.")] = False,
    media_dir: Annotated[
        Path | None, typer.Option(metavar="DIR",
                                  help="Where `archive --media-dir` kept the media files.")
    ] = None,
    verbose: Verbose = 0,
) -> None:  # fmt: skip
    """Export a thread (or all) as Markdown, JSON or one standalone HTML file."""
    if (tid is None) == (not all_threads):
        raise fail(InputError("give a thread id or --all, not both", source="export"))
    if all_threads and output is None and fmt != "json":
        raise fail(
            InputError(
                f"--all writes one {fmt} document per thread, which cannot share standard output; "
                "give -o DIR, or use -f json for NDJSON (one thread a line)",
                source="export --all",
            )
        )
    render_doc, suffix = _FORMATS[fmt]
    try:
        _check_output(output, all_threads)
        database = open_db_readonly(db)
        keys = thread_keys(database) if all_threads else thread_keys(database, tid, site_key(site))
        docs = (load_thread(database, s, t) for s, t in keys)
        if all_threads and output is None:  # NDJSON: one thread a line, read one at a time
            for doc in docs:
                typer.echo(json.dumps(json.loads(to_json(doc)), ensure_ascii=False))
            return
        if fmt != "json":  # HTML embeds the saved pictures, Markdown links or explains them
            docs = (_with_media(database, doc, media_dir) for doc in docs)
        _write(docs, render_doc, suffix, output, all_threads, beside=fmt == "markdown")
    except ArchiverError as e:
        raise fail(e) from None


def _with_media(database: Any, doc: ThreadDoc, media_dir: Path | None) -> ThreadDoc:
    doc.media = thread_media(database, doc.thread["site"], doc.thread["tid"], media_dir)
    return doc


def _check_output(output: Path | None, all_threads: bool) -> None:
    if output is None:
        return
    if all_threads and output.exists() and not output.is_dir():
        raise InputError("is a file; --all writes one file per thread into a folder",
                         source=str(output))  # fmt: skip
    if not all_threads and output.is_dir():
        raise InputError("is a folder; give a file name, like thread.md", source=str(output))
    parent = output if all_threads else output.parent
    if not all_threads and not parent.is_dir():
        raise InputError(f"the folder {parent} does not exist; create it first",
                         source=str(output))  # fmt: skip


def _write(
    docs: Any, render_doc: Any, suffix: str, output: Path | None, many: bool, beside: bool
) -> None:
    """Write the export; Markdown written to a file gets its media files beside it."""
    try:
        if many and output is not None:
            output.mkdir(parents=True, exist_ok=True)
            count = 0
            for doc in docs:
                name = f"{doc.thread['site'].replace('/', '_').replace(':', '_')}"
                name = f"{name}-{doc.thread['tid']}"
                if beside:
                    doc.media_paths = write_beside(doc.media, output, name)
                (output / f"{name}.{suffix}").write_text(render_doc(doc), encoding="utf-8")
                count += 1
            typer.echo(f"wrote {count} file(s) to {output}", err=True)
            return
        docs = list(docs)
        if beside and output is not None:
            for doc in docs:
                doc.media_paths = write_beside(doc.media, output.parent, output.stem)
        text = "".join(render_doc(doc) for doc in docs)
        if output is None:
            typer.echo(text, nl=False)
        else:
            output.write_text(text, encoding="utf-8")
    except OSError as e:
        raise InputError(f"cannot write the export ({e.strerror}); choose another -o",
                         source=str(output or e.filename)) from None  # fmt: skip


def datasette_metadata_command(
    db: Annotated[
        str | None, typer.Option(metavar="FILE", help="The archive Datasette will serve; its "
                                 "file name (without .db) is its name there.")
    ] = None,
    name: Annotated[
        str | None, typer.Option(metavar="NAME", help="The database's name in Datasette, if "
                                 "not the file's stem (default: archive).")
    ] = None,
    verbose: Verbose = 0,
) -> None:  # fmt: skip
    """Print Datasette metadata: titles, descriptions, search and sort settings."""
    from archiver.read.datasette import metadata

    key = name if name is not None else (Path(db).stem if db else "archive")
    if not key.strip():
        raise fail(InputError("an empty name; give the database's name in Datasette",
                              source="--name"))  # fmt: skip
    typer.echo(json.dumps(metadata(key), ensure_ascii=False, indent=2))
