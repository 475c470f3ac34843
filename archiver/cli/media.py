"""The media options every fetching command shares (cli/fetching.py adds them)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import typer

from archiver.archive import MediaOptions
from archiver.cli.options import fail
from archiver.errors import InputError

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
    media_dir: Path | None,
    max_size: str,
    budget: str | None,
    avatars: bool,
) -> MediaOptions:
    """The run's MediaOptions from the command line: on unless --no-media.

    Saved files fetch media only with an explicit --media (cli/web.py checks the switch).
    """
    return MediaOptions(
        fetch=switch is not False,
        media_dir=media_dir,
        max_size=parse_size(max_size, "--max-media-size"),
        budget=None if budget is None else parse_size(budget, "--media-budget"),
        avatars=avatars,
    )
