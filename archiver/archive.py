"""The only place that composes fetch, decode, parse and store."""

from __future__ import annotations

import datetime as dt
import glob
import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from .decode import decode
from .errors import ArchiverError, InputError
from .fetch import Page, read_page
from .model import ThreadPage
from .parse import parse_page
from .store import SaveResult, save_page

log = logging.getLogger(__name__)

PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")


@dataclass
class Outcome:
    """What happened to one input."""

    source: str
    parsed: ThreadPage | None = None
    saved: SaveResult | None = None
    error: ArchiverError | None = None
    warnings: list[str] = field(default_factory=list)


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def expand_inputs(inputs: list[str]) -> Iterator[Path | InputError]:
    """Files as given, folders searched for *.html / *.htm, globs expanded; in order."""
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix.lower() in PAGE_SUFFIXES)
            if not found:
                yield InputError("a folder with no .html or .htm files in it", source=item)
            yield from found
        elif path.exists():
            yield path
        elif glob.has_magic(item):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                yield InputError("the pattern matches no files", source=item)
            yield from (Path(m) for m in matches)
        else:
            yield InputError("no such file or folder", source=item)


def check_bytes(page: Page) -> None:
    """Refuse what cannot be an HTML page before decoding it."""
    if not page.content.strip():
        raise InputError("the file is empty; save the thread page again", source=page.source)
    if b"\x00" in page.content[:4096]:
        raise InputError(
            "binary data, not an HTML page; give a saved .html thread page", source=page.source
        )


def archive_page(
    db: Database,
    page: Page,
    *,
    timezone: dt.tzinfo | None = None,
    archived_at: dt.datetime | None = None,
) -> Outcome:
    """Decode, parse and save one page; a bad page raises before anything is written."""
    check_bytes(page)
    decoded = decode(page.content, page.charset)
    parsed = parse_page(
        decoded.text, page.url or page.source, timezone=timezone, now=page.fetched_at
    )
    outcome = Outcome(page.source, parsed=parsed, warnings=list(parsed.warnings))
    if decoded.replacements:
        outcome.warnings.append(
            f"{decoded.replacements} bytes could not be decoded as {decoded.charset} "
            "and were replaced"
        )
    stamp = (archived_at or now_utc()).isoformat(timespec="seconds")
    outcome.saved = save_page(
        db,
        page,
        parsed,
        charset=decoded.charset,
        declared_charset=decoded.declared,
        replacements=decoded.replacements,
        archived_at=stamp,
    )
    return outcome


def archive_files(
    db: Database,
    inputs: list[str],
    *,
    timezone: dt.tzinfo | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Archive every saved page among the inputs; a bad one is reported, the rest go on."""
    outcomes: list[Outcome] = []
    for item in expand_inputs(inputs):
        if isinstance(item, InputError):
            outcome = Outcome(item.source or "", error=item)
        else:
            try:
                outcome = archive_page(db, read_page(item), timezone=timezone)
            except ArchiverError as e:
                e.source = e.source or str(item)
                outcome = Outcome(str(item), error=e)
        for warning in outcome.warnings:
            log.warning("%s: %s", outcome.source, warning)
        outcomes.append(outcome)
        if on_outcome is not None:
            on_outcome(outcome)
    return outcomes
