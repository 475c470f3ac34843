"""The command line: parse options, call the composer once, turn errors into an exit code."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from archiver import __version__
from archiver.archive import auth_path, load_auth, remove_auth, save_auth
from archiver.cli.check import check_command
from archiver.cli.console import say, setup_logging
from archiver.cli.group import ArchiverGroup
from archiver.cli.options import Verbose, fail
from archiver.cli.query import migrate_command, query_command
from archiver.cli.read import (
    datasette_metadata_command,
    export_command,
    search_command,
    show_command,
)
from archiver.cli.web import archive, archive_board_command, media_command, refresh
from archiver.errors import ArchiverError, InputError
from archiver.urls import site_of

app = typer.Typer(
    cls=ArchiverGroup,
    help="Archive Discuz! X forum threads into a SQLite database you can query.",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"discuz-archiver {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    verbose: Annotated[
        int,
        typer.Option("--verbose", "-v", count=True, metavar="", show_default=False,
                     help="More logging: -v for info, -vv for debug (also after the command)."),
    ] = 0,
    version: Annotated[
        bool,
        typer.Option("--version", callback=version_callback, is_eager=True, metavar="",
                     help="Show the version."),
    ] = False,
) -> None:  # fmt: skip
    """Archive Discuz! X forum threads into a SQLite database you can query."""
    setup_logging(verbose)


app.command()(archive)
app.command()(refresh)
app.command("archive-board")(archive_board_command)


@app.command()
def auth(
    site: Annotated[
        str | None, typer.Argument(help="The forum: a URL of it, or its host and path.")
    ] = None,
    list_: Annotated[
        bool, typer.Option("--list", metavar="", help="List the sites with a stored login.")
    ] = False,
    remove: Annotated[
        str | None, typer.Option(metavar="SITE", help="Forget the stored login for this site.")
    ] = None,
    verbose: Verbose = 0,
) -> None:
    """Store a login cookie for a site, in a file only you can read (or list, or remove)."""
    path = auth_path()
    try:
        if list_:
            for key in sorted(load_auth(path)):
                typer.echo(key)
            return
        if remove is not None:
            key = _site_key(remove)
            if not remove_auth(path, key):
                raise InputError("no login stored for this site; see auth --list", source=key)
            say(f"removed the login for {key} from {path}")
            return
        if site is None:
            raise InputError("give the forum's URL or host, or --list, or --remove SITE",
                             source="auth")  # fmt: skip
        key = _site_key(site)
        value = _ask_cookie(key)
        save_auth(path, key, value)
    except ArchiverError as e:
        raise fail(e) from None
    say(f"saved the cookie for {key} in {path} (mode 600)")


def _site_key(site: str) -> str:
    text = site.strip()
    key = site_of(text) if text.startswith(("http://", "https://")) else text.strip("/")
    if not key or any(c.isspace() for c in key):
        raise InputError("not a site; give its URL or host[/path], like bbs.example.cn",
                         source=repr(site))  # fmt: skip
    return key


def _ask_cookie(key: str) -> str:
    """Hidden on a terminal; one line from a pipe (no getpass warning)."""
    if sys.stdin.isatty():
        value = str(typer.prompt(f"Cookie header for {key} (input hidden)", hide_input=True))
    else:
        value = sys.stdin.readline()
    value = value.strip()
    if not value or any(c in value for c in "\r\n\0"):
        raise InputError("no cookie given; paste the Cookie header on one line", source=key)
    return value


app.command("search")(search_command)
app.command("show")(show_command)
app.command("export")(export_command)
app.command("datasette-metadata")(datasette_metadata_command)
app.command("media")(media_command)
app.command("query")(query_command)
app.command("check")(check_command)
app.command("migrate")(migrate_command)
