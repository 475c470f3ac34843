"""Commands that read the archive: search, show, export, datasette-metadata."""

from __future__ import annotations

import dataclasses
import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from archiver.cli.options import DbOption, fail
from archiver.errors import ArchiverError, InputError
from archiver.read.export import text_author, to_html, to_json, to_markdown
from archiver.read.media import thread_media, write_beside
from archiver.read.search import Filters, ThreadDoc, load_thread, search, thread_keys
from archiver.store import open_db_readonly

SiteOption = Annotated[
    str | None, typer.Option(help="The site (host/path) when several sites share a tid.")
]
_FORMATS = {"markdown": (to_markdown, "md"), "json": (to_json, "json"), "html": (to_html, "html")}


def search_command(
    query: Annotated[str, typer.Argument(help='Words to find; "quote a phrase".')],
    db: DbOption = "archive.db",
    site: SiteOption = None,
    tid: Annotated[int | None, typer.Option(help="Only this thread.")] = None,
    author: Annotated[str | None, typer.Option(help="Only posts by this author name.")] = None,
    since: Annotated[str | None, typer.Option(help="Posted on or after, e.g. 2024-10-01.")] = None,
    until: Annotated[str | None, typer.Option(help="Posted on or before, e.g. 2024-10-31.")] = None,
    limit: Annotated[int, typer.Option(help="At most this many hits.")] = 20,
    include_gone: Annotated[
        bool, typer.Option(help="Also posts the forum no longer shows (gone_at set).")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Output JSON.")] = False,
) -> None:
    """Search posts for Chinese (or any) words, ranked, with the hit marked in a snippet."""
    try:
        hits = search(
            open_db_readonly(db),
            query,
            Filters(site, tid, author, since, until, include_gone),
            limit=limit,
        )
    except ArchiverError as e:
        raise fail(e) from None
    if as_json:
        typer.echo(json.dumps([dataclasses.asdict(h) for h in hits], ensure_ascii=False, indent=2))
        return
    for hit in hits:
        typer.echo(
            f"{hit.subject or ''} · tid {hit.tid} · {hit.floor or '?'}楼 · {hit.author or ''} · "
            f"{hit.posted_at or ''}\n    {hit.snippet}"
        )
    typer.echo(f"{len(hits)} hit(s)", err=True)


def _load(db: str, tid: int, site: str | None) -> ThreadDoc:
    database = open_db_readonly(db)
    [(found_site, found_tid)] = thread_keys(database, tid, site)
    return load_thread(database, found_site, found_tid)


def show_command(
    tid: Annotated[int, typer.Argument(help="The thread id.")],
    db: DbOption = "archive.db",
    site: SiteOption = None,
) -> None:
    """Show a thread floor by floor in the terminal (paged when interactive)."""
    from rich.console import Console

    try:
        doc = _load(db, tid, site)
    except ArchiverError as e:
        raise fail(e) from None
    console = Console(highlight=False)
    if sys.stdout.isatty():
        with console.pager(styles=True):
            _render(console, doc)
    else:
        _render(console, doc)


def _render(console: Any, doc: ThreadDoc) -> None:
    from rich.markup import escape
    from rich.panel import Panel

    thread = doc.thread
    console.print(f"[bold]{escape(thread['subject'] or '')}[/bold]")
    console.print(f"[dim]{escape(thread['site'])} · tid {thread['tid']}[/dim]")
    for post in doc.posts:
        panel = post.get("author_panel") or {}
        head = [f"[bold]{escape(str(post['floor_label'] or post['floor'] or ''))}[/bold]",
                f"[cyan]{escape(post['author'] or '(无作者)')}[/cyan]"]  # fmt: skip
        if post["is_thread_author"] and post["floor_label"] != "楼主":
            head.append("[yellow]楼主[/yellow]")
        for key, fmt in (("group_title", "{}"), ("rank", "Rank {}")):
            if panel.get(key) is not None:
                head.append(escape(fmt.format(panel[key])))
        head.append(f"[dim]{escape(post['posted_at'] or post['posted_text'] or '')}[/dim]")
        if post["client_tag"]:
            head.append(f"[green]{escape(post['client_tag'])}[/green]")
        if post["state"] != "normal":
            head.append(f"[red]{escape(post['state'])}[/red]")
        body = [
            f"[dim]> {escape(q['quoted_author'] or '')}: {escape(q['text'] or '')}[/dim]"
            for q in post["quotes"]
        ]
        body.append(escape(post["body_text"] or ""))
        body += [f"[blue]{escape(a['kind'])}: {escape(a['url'] or '')}[/blue]"
                 for a in post["attachments"]]  # fmt: skip
        console.print(Panel("\n".join(body), title=" · ".join(head), title_align="left"))
    for post in doc.text_posts:
        head = [f"[bold]{post['floor'] or ''}[/bold]",
                f"[cyan]{escape(text_author(post))}[/cyan]",
                f"[dim]{escape(post['posted_at'] or post['posted_text'] or '')}[/dim]",
                "[dim](Archiver text view)[/dim]"]  # fmt: skip
        if post["state"] != "normal":
            head.append(f"[red]{escape(post['state'])}[/red]")
        text = escape(post["body_text"] or "")
        console.print(Panel(text, title=" · ".join(h for h in head if h), title_align="left"))


def export_command(
    tid: Annotated[int | None, typer.Argument(help="The thread id (or use --all).")] = None,
    db: DbOption = "archive.db",
    site: SiteOption = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="markdown, json or html.")
    ] = "markdown",
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="A file (a folder with --all); default stdout."),
    ] = None,
    all_threads: Annotated[bool, typer.Option("--all", help="Every thread.")] = False,
    media_dir: Annotated[
        Path | None, typer.Option(help="Where `archive --media-dir` kept the media files.")
    ] = None,
) -> None:
    """Export a thread (or all) as Markdown, JSON or one standalone HTML file."""
    if fmt not in _FORMATS:
        raise fail(InputError("use markdown, json or html", source=f"--format {fmt}"))
    if (tid is None) == (not all_threads):
        raise fail(InputError("give a thread id or --all, not both", source="export"))
    render, suffix = _FORMATS[fmt]
    try:
        database = open_db_readonly(db)
        keys = thread_keys(database) if all_threads else thread_keys(database, tid, site)
        docs = [load_thread(database, s, t) for s, t in keys]
        for doc in docs:
            doc.media = thread_media(database, doc.thread["site"], doc.thread["tid"], media_dir)
    except ArchiverError as e:
        raise fail(e) from None
    if all_threads and output is not None:
        output.mkdir(parents=True, exist_ok=True)
        for doc in docs:
            name = f"{doc.thread['site'].replace('/', '_').replace(':', '_')}-{doc.thread['tid']}"
            if fmt == "markdown":
                doc.media_paths = write_beside(doc.media, output, name)
            (output / f"{name}.{suffix}").write_text(render(doc), encoding="utf-8")
        typer.echo(f"wrote {len(docs)} file(s) to {output}", err=True)
        return
    if fmt == "markdown" and output is not None:
        for doc in docs:
            doc.media_paths = write_beside(doc.media, output.parent, output.stem)
    text = "\n".join(render(doc) for doc in docs)
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")


def datasette_metadata_command(
    name: Annotated[str, typer.Option(help="The database's name in Datasette (file stem).")] = (
        "archive"
    ),
) -> None:
    """Print Datasette metadata: titles, descriptions, search and sort settings."""
    from archiver.read.datasette import metadata

    typer.echo(json.dumps(metadata(name), ensure_ascii=False, indent=2))
