"""The archive layer for saved pages: read, redact, decode, parse and save, a transaction a page.

thread.py and board.py add fetching on top; the archive package is the only place composing
the layers.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from sqlite_utils import Database

from archiver.archive.ahead import read_ahead
from archiver.archive.captures import (
    BoardCapture,
    Item,
    count_other,
    expand_inputs,
    from_record,
    offer_captured_media,
    read_board,
    read_inputs,
    redact_page,
    unseen,
)
from archiver.archive.folders import MIRROR_SITE, FolderFinds, mirror_root
from archiver.archive.media import link_media, take_saved_copies
from archiver.archive.named import named_for_file
from archiver.archive.said import WarningTally
from archiver.decode import Decoded, decode
from archiver.errors import ArchiverError, DiscuzMessage, NotAThreadPage, StorageError
from archiver.fetch import Page, read_page
from archiver.fetch.files import check_bytes
from archiver.fetch.places import DiskPlaces
from archiver.fetch.webarchive import OnBytes
from archiver.model import CaptureTally, Outcome, ThreadPage
from archiver.parse import parse_page
from archiver.store import save_page
from archiver.urls import saved_under, site_root

log = logging.getLogger(__name__)


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


@dataclass
class Prepared:
    """A page decoded and parsed, ready to save (made in a worker process with --jobs)."""

    page: Page
    decoded: Decoded
    parsed: ThreadPage


def prepare_page(
    page: Page,
    timezone: dt.tzinfo | None = None,
    site: str | None = None,
    folder: str | None = None,
) -> Prepared:
    """Check, redact, decode and parse; raises ArchiverError for anything not a thread page.

    `site`: the root URL (`urls.site_root`) of the install a page belongs to when the page
    itself does not say (site unknown); the page's own base or URL wins. `folder`: the
    folder given that the page was found in, searched for a mirror's host folder."""
    check_bytes(page)
    page = redact_page(page)
    decoded = decode(page.content, page.charset)
    parsed = parse_page(decoded.text, page.url or page.source, timezone=timezone, now=page.shown_at)
    root = site or mirror_root(page.source, folder)  # a wget or HTTrack mirror's host folder
    if root is not None and parsed.thread.site == "unknown":
        url = saved_under(root, page.source)
        parsed = parse_page(decoded.text, url, timezone=timezone, now=page.shown_at)
        parsed.warnings.extend([] if site else [MIRROR_SITE.format(root)])
    return Prepared(page, decoded, parsed)


def save_prepared(db: Database, prepared: Prepared, archived_at: dt.datetime | None) -> Outcome:
    """Save one prepared page in one transaction."""
    page, decoded, parsed = prepared.page, prepared.decoded, prepared.parsed
    outcome = Outcome(page.source, parsed=parsed, page=page, warnings=list(parsed.warnings))
    outcome.key = (parsed.thread.site, parsed.thread.tid)
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


def archive_page(
    db: Database,
    page: Page,
    *,
    timezone: dt.tzinfo | None = None,
    archived_at: dt.datetime | None = None,
) -> Outcome:
    """Decode, parse and save one page; a bad page raises before anything is written."""
    return save_prepared(db, prepare_page(page, timezone), archived_at)


# None: a web archive record that is neither a thread page nor a board's thread list
Result = Prepared | BoardCapture | ArchiverError | None


def _prepare_item(
    item: Path | Page, timezone: dt.tzinfo | None, site: str | None, folder: str | None
) -> Result:
    """Worker side of --jobs: read and parse one file or page; errors come back as values.

    A page that is not a thread may be a board's thread list, saved as a walked one."""
    page = item if isinstance(item, Page) else None
    try:
        page = read_page(item) if isinstance(item, Path) else item
        return prepare_page(page, timezone, site, folder)
    except (NotAThreadPage, DiscuzMessage) as e:
        record = isinstance(item, Page) and from_record(item)
        board = read_board(page, timezone, file=not record) if page is not None else None
        if board is not None or record:
            return board  # a crawl holds many other pages: not errors
        e.source = e.source or _source(item)
        return e
    except ArchiverError as e:
        e.source = e.source or _source(item)
        return e


def _source(item: Item) -> str:
    if isinstance(item, ArchiverError):
        return item.source or ""
    return str(item) if isinstance(item, Path) else item.source


def _prepared_in_order(
    items: Iterator[Item],
    timezone: dt.tzinfo | None,
    site: str | None,
    jobs: int,
    finds: FolderFinds,
) -> Iterator[tuple[str, Result]]:
    """Parse in `jobs` worker processes, a bounded window ahead of the single writer."""
    if jobs <= 1:
        for item in items:
            folder = finds.folder(source := _source(item))
            yield (
                source,
                item
                if isinstance(item, ArchiverError)
                else _prepare_item(item, timezone, site, folder),
            )
        return
    window: deque[tuple[str, Future[Result] | ArchiverError]] = deque()
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for item in items:
            if isinstance(item, ArchiverError):
                window.append((_source(item), item))
            else:
                folder = finds.folder(source := _source(item))
                window.append((source, pool.submit(_prepare_item, item, timezone, site, folder)))
            while len(window) > jobs * 4:
                yield _settle(window.popleft())
        while window:
            yield _settle(window.popleft())


def _settle(entry: tuple[str, Future[Result] | ArchiverError]) -> tuple[str, Result]:
    source, pending = entry
    return source, pending if isinstance(pending, ArchiverError) else pending.result()


def archive_files(
    db: Database,
    inputs: list[str],
    *,
    timezone: dt.tzinfo | None = None,
    jobs: int = 1,
    on_outcome: Callable[[Outcome], None] | None = None,
    tally: CaptureTally | None = None,
    on_bytes: OnBytes | None = None,
    stdin: IO[bytes] | None = None,
    site: str | None = None,
) -> list[Outcome]:
    """Archive every saved page and web archive among the inputs; a bad one is reported.

    With jobs > 1, pages are parsed in worker processes while this process saves them in
    input order, one transaction per page. Outcomes keep no parse results (memory stays flat).
    What web archives held besides thread pages is counted in `tally`. `site`: a URL of the
    install the pages belong to, for those that do not say (a mobile API answer saved alone).
    :raises InputError: `site` is not an http(s) URL.
    """
    root = site_root(site) if site is not None else None
    tally = tally if tally is not None else CaptureTally()
    # where the web archives' pictures and pages lie: on disk, not in memory
    with DiskPlaces() as places, DiskPlaces() as originals:
        tally.media, tally.originals = places, originals
        try:
            return _archive_all(
                db, inputs, timezone, root, jobs, on_outcome, tally, on_bytes, stdin
            )
        finally:
            tally.media, tally.originals = {}, {}


def _archive_all(
    db: Database,
    inputs: list[str],
    timezone: dt.tzinfo | None,
    site: str | None,
    jobs: int,
    on_outcome: Callable[[Outcome], None] | None,
    tally: CaptureTally,
    on_bytes: OnBytes | None,
    stdin: IO[bytes] | None,
) -> list[Outcome]:
    outcomes: list[Outcome] = []
    finds, said = FolderFinds(), WarningTally()
    items = read_ahead(read_inputs(expand_inputs(inputs, finds), tally, on_bytes, stdin))
    captured: dict[str | None, set[tuple[str, int]]] = {}  # web archive (None: WARC records)
    for source, prepared in _prepared_in_order(
        unseen(db, finds.noting_records(items), tally), timezone, site, jobs, finds
    ):
        passed = isinstance(prepared, ArchiverError) and finds.pass_over(source, prepared)
        if (passed or isinstance(prepared, BoardCapture) and prepared.file) and on_outcome:
            on_outcome(Outcome(source))  # a file gone by without a thread page: progress
        if passed:
            continue
        finds.keep(source)
        if prepared is None or isinstance(prepared, BoardCapture):
            count_other(db, prepared, tally, now_utc().isoformat(timespec="seconds"))
            continue
        if isinstance(prepared, ArchiverError):
            outcome = Outcome(source, error=named_for_file(source, prepared))
        else:
            try:
                outcome = save_prepared(db, prepared, None)
                thread = prepared.parsed.thread  # a "Save Page As, complete" copy's images
                take_saved_copies(db, Path(source), prepared.decoded.text, thread.site, thread.tid)
                if (capture := prepared.page.capture) is not None and outcome.key is not None:
                    file = None if from_record(prepared.page) else capture.file
                    captured.setdefault(file, set()).add(outcome.key)
            except ArchiverError as e:
                e.source = e.source or source
                outcome = Outcome(source, error=e)
        said.say(outcome.source, outcome.warnings)
        outcome.parsed = outcome.page = None
        outcomes.append(outcome)
        if on_outcome is not None:
            on_outcome(outcome)
        if isinstance(outcome.error, StorageError):
            break  # a full disk or read-only file fails every page after it too
    said.close()
    stopped = bool(outcomes) and isinstance(outcomes[-1].error, StorageError)
    tally.passed_over = finds.passed_over
    for error in [] if stopped else finds.empty_folders():
        outcomes.append(Outcome(error.source or "", error=error))
        if on_outcome is not None:
            on_outcome(outcomes[-1])
    try:
        link_media(db, (o.key for o in outcomes if o.key is not None and o.saved is not None))
        for file, keys in captured.items():
            offer_captured_media(db, keys, file, tally)
    except StorageError:
        if not stopped:
            raise
        # the same full disk or read-only file, already reported once with the page it hit
    return outcomes
