"""Web archives as a source beside saved files: WARC, WACZ, MHTML, SingleFile, and stdin.

Each input is recognised by its first bytes, never its name. A saved page stays a path (a
worker reads it); a web archive becomes the pages inside it, read here as a stream.
"""

from __future__ import annotations

import datetime as dt
import glob
import shutil
import tempfile
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO

from sqlite_utils import Database

from archiver.archive.folders import FolderFinds, sorted_walk
from archiver.archive.media import offer_media
from archiver.decode import decode
from archiver.errors import ArchiverError, DamagedWebArchive, InputError
from archiver.fetch import read_page
from archiver.fetch.saved import read_mhtml_media, read_saved
from archiver.fetch.webarchive import (
    MediaCapture,
    OnBytes,
    read_media_at,
    read_warc_media,
    read_warc_pages,
)
from archiver.model import BoardPage, CaptureTally, MediaOffer, Page
from archiver.parse.board import parse_board
from archiver.redact import redact, redact_text
from archiver.sniff import web_archive_kind
from archiver.store import save_board_page, sha256
from archiver.store.media import wanted_media

STDIN = "-"
WEB_ARCHIVE_SUFFIXES = (".warc", ".gz", ".wacz", ".mhtml", ".mht")
PAGE_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
FOLDER_SUFFIXES = PAGE_SUFFIXES + WEB_ARCHIVE_SUFFIXES

Item = Path | Page | ArchiverError


def expand_inputs(
    inputs: list[str], finds: FolderFinds | None = None
) -> Iterator[Path | InputError]:
    """Files as given, folders searched for pages and web archives, globs expanded; in order.

    `finds` notes which folder (or pattern) each found file came from (see folders.py).
    """
    for item in inputs:
        path = Path(item)
        if item == STDIN:
            yield path
        elif path.is_dir():
            empty = True
            for page in sorted_walk(path, page_file):
                empty = False
                if finds is not None:
                    finds.found(item, str(page))
                yield page
            if empty:
                yield InputError(
                    "a folder with no .html, .htm or web archive files in it", source=item
                )
        elif path.exists():
            yield path
        elif glob.has_magic(item):
            matches = sorted(glob.glob(item, recursive=True))
            if not matches:
                yield InputError("the pattern matches no files", source=item)
            for match in matches:  # many files the user did not name one by one: a folder's
                if finds is not None:
                    finds.found(item, match)
                yield Path(match)
        else:
            yield InputError("no such file or folder", source=item)


def page_file(path: Path) -> bool:
    """A page or web archive in a folder, by its name; a mobile API answer saved as .json.

    What sits in a "Save Page As, complete" copy's NAME_files folder (frames, scripts) is
    part of NAME.html, not a page of its own.
    """
    suffix = path.suffix.lower()
    folder = path.parent
    if folder.name.endswith("_files") and any(
        (folder.parent / f"{folder.name.removesuffix('_files')}{s}").is_file()
        for s in PAGE_SUFFIXES
    ):
        return False
    if suffix in FOLDER_SUFFIXES:
        return True
    if suffix != ".json" or not path.is_file():
        return False
    with path.open("rb") as handle:
        head = handle.read(4096)
    return b'"Variables"' in head and (b'"thread"' in head or b'"postlist"' in head)


def read_inputs(
    paths: Iterator[Path | InputError],
    tally: CaptureTally,
    on_bytes: OnBytes | None = None,
    stdin: IO[bytes] | None = None,
) -> Iterator[Item]:
    """Saved pages as paths, web archives as the pages in them; errors as values, in order."""
    for path in paths:
        if isinstance(path, InputError):
            yield path
        elif str(path) == STDIN:
            yield from _from_stdin(stdin, tally, on_bytes)
        else:
            yield from _read_one(path, str(path), tally, on_bytes)


def _read_one(
    path: Path, name: str, tally: CaptureTally, on_bytes: OnBytes | None
) -> Iterator[Item]:
    try:
        kind = web_archive_kind(_head(path, name))
        if kind in ("warc", "wacz"):
            yield from read_warc_pages(path, tally, on_bytes, name)
        elif kind is None and name == str(path):
            yield path  # a plain page: a worker reads it
        else:
            yield read_saved(replace(read_page(path), source=name))[0]
    except ArchiverError as e:
        e.source = e.source or name
        yield e


def _from_stdin(
    stdin: IO[bytes] | None, tally: CaptureTally, on_bytes: OnBytes | None
) -> Iterator[Item]:
    """Standard input, spooled to a temporary file so a WARC's revisits can be looked up."""
    if stdin is None:
        yield InputError("no standard input to read", source=STDIN)
        return
    with tempfile.TemporaryDirectory(prefix="discuz-archiver-") as folder:
        spooled = Path(folder) / "stdin"
        with spooled.open("wb") as out:
            shutil.copyfileobj(stdin, out, 2**20)
        yield from _read_one(spooled, STDIN, tally, on_bytes)


def _head(path: Path, name: str) -> bytes:
    try:
        with path.open("rb") as f:
            return f.read(4096)
    except OSError as e:
        raise InputError(f"cannot read the file ({e.strerror})", source=name) from None


def media_captures(path: Path) -> Iterator[MediaCapture]:
    """Images and other media saved in a web archive (WARC, WACZ, MHTML), with no network.

    For the media tables: `offer_media` can take these as the answers it would have fetched.
    """
    kind = web_archive_kind(_head(path, str(path)))
    if kind in ("warc", "wacz"):
        yield from read_warc_media(path)
    elif kind == "mhtml":
        saved = read_page(path)
        yield from read_mhtml_media(str(path), saved.content, saved.fetched_at)


@dataclass(frozen=True)
class BoardCapture:
    """A board's thread list found in a web archive or saved as a file, and its URL."""

    board: BoardPage
    url: str
    file: bool = False  # a saved file, not a web archive's record


def read_board(
    page: Page, timezone: dt.tzinfo | None, *, file: bool = False
) -> BoardCapture | None:
    """A page that is not a thread may be a board's thread list; None if not."""
    url = page.url or page.source
    try:
        text = decode(page.content, page.charset).text
        board = parse_board(text, url, timezone=timezone, now=page.shown_at)
    except ArchiverError:
        return None
    # 导读 (forum.php?mod=guide) lists threads of many boards: no fid, no board to keep them in
    return BoardCapture(board, url, file) if board.threads and board.fid is not None else None


def count_other(
    db: Database, other: BoardCapture | None, tally: CaptureTally, walked_at: str
) -> None:
    """A board list is saved as a walked one; anything else is counted as no page."""
    if other is None:
        tally.not_pages += 1
    else:
        save_board_page(db, other.board, other.url, walked_at)
        tally.boards += 1


def from_record(page: Page) -> bool:
    """A page read from a WARC record: one of many in a crawl, not a file the user chose."""
    return page.capture is not None and page.capture.offset is not None


def offer_captured_media(
    db: Database, keys: set[tuple[str, int]], file: str | None, tally: CaptureTally
) -> dict[str, str]:
    """The media a web archive holds for the threads just archived from it: no network.

    `file` None stands for the WARC and WACZ records read, whose media answers the pages' pass
    noted in the tally (each read with one seek); a file is an MHTML save, read again.
    The posts are linked to what they show already; each wanted URL found there is offered.
    """
    wanted: dict[str, str] = {}
    for site, tid in sorted(keys):
        wanted.update((url, s) for s, url in wanted_media(db, site, tid))
    if not wanted:  # nothing to look for: do not read the archive again
        return {}
    if file is None:
        captures = read_media_at(tally.media[url] for url in wanted if url in tally.media)
    elif file != STDIN and Path(file).is_file():  # standard input was read once, and is gone
        captures = media_captures(Path(file))
    else:
        return {}
    offers = (
        MediaOffer(wanted[c.url], c.url, c.status, c.headers, c.content,
                   fetched_at=c.fetched_at.isoformat(timespec="seconds"))
        for c in _until_damage(captures)
        if c.url in wanted
    )  # fmt: skip
    return offer_media(db, offers)


def _until_damage(captures: Iterator[MediaCapture]) -> Iterator[MediaCapture]:
    """The captures before any damage: the pages' pass has reported it already."""
    try:
        yield from captures
    except DamagedWebArchive:
        return


def redact_page(page: Page) -> Page:
    """The page with every login token and session id replaced, and the kinds recorded."""
    cleaned = redact(page.content)
    url = redact_text(page.url) if page.url else page.url
    if not cleaned.kinds and url == page.url:
        return page
    kinds = tuple(sorted({*page.redactions, *cleaned.kinds}))
    return replace(page, content=cleaned.content, url=url, redactions=kinds)


def unseen(db: Database, items: Iterator[Item], tally: CaptureTally) -> Iterator[Item]:
    """Web archive pages whose bytes (as stored) are archived already are skipped unparsed.

    The last pages handed on are remembered too: with --jobs they may not be saved yet.
    """
    recent: deque[str] = deque(maxlen=1024)
    for item in items:
        if isinstance(item, Page) and item.capture is not None:
            item = redact_page(item)
            digest = sha256(item.content)
            known = db.execute("SELECT 1 FROM pages WHERE sha256 = ?", [digest]).fetchone()
            if known or digest in recent:
                tally.known += 1
                continue
            recent.append(digest)
        yield item
