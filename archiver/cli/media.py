"""The media options every fetching command shares, and the `media` command."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Annotated

import typer

from archiver.archive import MediaOptions, WebOptions, archive_media
from archiver.cli.options import DbOption, fail
from archiver.errors import ArchiverError, InputError
from archiver.store import media_targets, open_db

MediaSwitch = Annotated[
    bool | None,
    typer.Option(
        "--media/--no-media",
        help="Keep the pictures and files posts show, in the archive. Default: on for URLs, "
        "off for saved files (whose NAME_files folder is always read, with no network).",
        show_default=False,
    ),
]
MediaDir = Annotated[
    Path | None,
    typer.Option(help="Keep media as files in this folder (named by sha256), not in the DB."),
]
MaxMediaSize = Annotated[
    str, typer.Option(help="The largest file kept, e.g. 50M, 800K, 2G or bytes.")
]
MediaBudget = Annotated[
    str | None,
    typer.Option(help="At most this much media per run (e.g. 1G); the rest waits for `media`."),
]
Avatars = Annotated[bool, typer.Option("--avatars", help="Keep the authors' avatars too.")]

_SIZE = re.compile(r"^\s*([0-9]+(?:\.[0-9]+)?)\s*([kmg]?)i?b?\s*$", re.IGNORECASE)
_UNITS = {"": 1, "k": 2**10, "m": 2**20, "g": 2**30}


def parse_size(text: str, option: str) -> int:
    """Bytes from 50M, 800K, 2G, 1.5GB or a plain number."""
    match = _SIZE.match(text)
    if match is None or float(match.group(1)) <= 0:
        raise fail(InputError("give a size such as 50M, 800K or 2G", source=f"{option} {text}"))
    return int(float(match.group(1)) * _UNITS[match.group(2).lower()])


def media_options(
    switch: bool | None,
    default: bool,
    media_dir: Path | None,
    max_size: str,
    budget: str | None,
    avatars: bool,
) -> MediaOptions:
    """The run's MediaOptions from the command line."""
    return MediaOptions(
        fetch=default if switch is None else switch,
        media_dir=media_dir,
        max_size=parse_size(max_size, "--max-media-size"),
        budget=None if budget is None else parse_size(budget, "--media-budget"),
        avatars=avatars,
    )


def media_command(
    db: DbOption = "archive.db",
    site: Annotated[str | None, typer.Option(help="Only this site (host[:port][/path]).")] = None,
    tid: Annotated[int | None, typer.Option(help="Only this thread.")] = None,
    cookies: Annotated[Path | None, typer.Option(help="A Netscape cookies.txt.")] = None,
    delay: Annotated[float, typer.Option(help="Seconds between requests to one host.")] = 1.0,
    retries: Annotated[int, typer.Option(help="Retries for 429, 5xx and network errors.")] = 4,
    ignore_robots: Annotated[bool, typer.Option(help="Do not honour robots.txt.")] = False,
    retry: Annotated[
        bool, typer.Option("--retry", help="Ask again for every file not saved, not only failed.")
    ] = False,
    media_dir: MediaDir = None,
    max_media_size: MaxMediaSize = "50M",
    media_budget: MediaBudget = None,
    avatars: Avatars = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON summary.")] = False,
) -> None:
    """Fetch the pictures and files of archived posts that the archive still lacks."""
    options = media_options(True, True, media_dir, max_media_size, media_budget, avatars)
    if retry:
        options = MediaOptions(**{**options.__dict__, "retry": _NOT_SAVED})
    web = WebOptions(cookies, None, delay, retries, 30.0, ignore_robots, media=options)
    try:
        database = open_db(db)
        targets = media_targets(database, site, tid)
        if not targets:
            raise InputError("no archived thread matches", source=f"--site {site} --tid {tid}")
        counts = archive_media(database, web, targets)
    except ArchiverError as e:
        raise fail(e) from None
    if as_json:
        typer.echo(json.dumps(counts, sort_keys=True))
    else:
        text = ", ".join(f"{n} {status}" for status, n in sorted(counts.items())) or "nothing"
        typer.echo(f"media: {text}", err=True)


_NOT_SAVED = ("missing", "login-required", "too-large", "not-allowed", "failed")
