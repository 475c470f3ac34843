"""Pages out of web archives: WARC (plain or per-record gzip) and WACZ, streamed with warcio.

A record becomes a Page when its headers and first bytes say it may be a Discuz! page; the rest
are counted and passed over without reading them into memory. The record's WARC-Date is the
page's fetch time, its HTTP headers give the charset, and a `revisit` record is resolved to the
earlier response it names. MHTML and SingleFile saves are in `archiver.fetch.saved`.
"""

from __future__ import annotations

import datetime as dt
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from archiver.errors import DamagedWebArchive
from archiver.fetch.wacz import Opener, warc_files
from archiver.model import Capture, CaptureTally, Page

HEAD = 8192  # how much of a payload is read to decide whether it may be a Discuz! page
MAX_PAGE = 20 * 2**20  # the fetcher's size cap: no thread page is larger
PAGE_MARKERS = (b"discuz", b'"variables"', b"viewthread", b"archiver")
PAGE_TYPES = ("text/html", "application/xhtml+xml", "application/json", "text/json", "text/plain")
MEDIA_TYPES = ("image/", "video/", "audio/", "application/octet-stream")
_PRIVATE = frozenset({"set-cookie", "set-cookie2", "cookie"})
_DAMAGE = (ArchiveLoadFailed, EOFError, OSError, ValueError, zipfile.BadZipFile)

REDACTIONS = "Discuz-Archiver-Redactions"  # a WARC field: the login material kinds scrubbed
OnBytes = Callable[[int, int], None]  # (bytes read, total) of the archive being read


def sniff(head: bytes) -> str | None:
    """The kind of web archive the first bytes of a file show: warc, wacz, mhtml, singlefile,
    httrack (a mirror's page) or saved-from (a browser's "Save Page As" copy)."""
    if head.startswith(b"WARC/"):
        return "warc"
    if head.startswith(b"\x1f\x8b"):
        try:
            inflated = zlib.decompressobj(31).decompress(head, 16)
        except zlib.error:
            return None
        return "warc" if inflated.startswith(b"WARC/") else None
    if head.startswith(b"PK\x03\x04"):
        return "wacz"
    top = head[:4096].lower()
    headers = top.split(b"\r\n\r\n", 1)[0].split(b"\n\n", 1)[0]
    if b"mime-version:" in headers and b"multipart/related" in headers:
        return "mhtml"
    if b"page saved with singlefile" in top:
        return "singlefile"
    if b"by httrack website copier" in top:
        return "httrack"
    if b"<!-- saved from url=(" in top:
        return "saved-from"
    return None


def read_warc_pages(
    path: Path, tally: CaptureTally, on_bytes: OnBytes | None = None, name: str | None = None
) -> Iterator[Page]:
    """Every record of a WARC or WACZ that may be a thread page, in file order.

    `name` is what the pages' capture_file says (default: the path).
    :raises DamagedWebArchive: after every whole record before the damage was yielded.
    """
    for inner, opener, size in warc_files(path, name or str(path)):
        with opener() as stream:
            yield from _pages(stream, inner, opener, size, tally, on_bytes)


def read_warc_media(path: Path) -> Iterator[MediaCapture]:
    """Every image, video or download response of a WARC or WACZ, with no network."""
    for name, opener, size in warc_files(path, str(path)):
        with opener() as stream:
            for item in _records(stream, name, size, media=True):
                if isinstance(item, MediaCapture):
                    yield item


@dataclass(frozen=True)
class MediaCapture:
    """An image or other non-page response found in a web archive, for the media tables."""

    url: str
    status: int | None
    headers: dict[str, str]
    content: bytes
    fetched_at: dt.datetime
    capture: Capture | None = None


@dataclass
class _Record:
    """A response or resource record's header side, before its payload is read."""

    uri: str
    date: dt.datetime
    status: int | None
    headers: dict[str, str]
    content_type: str
    record_id: str | None
    offset: int
    digest: str | None
    revisit: bool
    redactions: tuple[str, ...] = ()  # what our own --warc writer scrubbed from the payload


def _pages(
    stream: IO[bytes],
    name: str,
    opener: Opener,
    size: int,
    tally: CaptureTally,
    on_bytes: OnBytes | None,
) -> Iterator[Page]:
    originals: dict[str, int] = {}  # payload digest -> offset of a page-like response
    if on_bytes is not None:
        on_bytes(0, size)
    for item in _records(stream, name, size, media=False):
        if isinstance(item, MediaCapture):
            continue
        record, content = item
        tally.records += 1
        if on_bytes is not None:
            on_bytes(record.offset, size)
        if record.revisit:
            content = _original(opener, originals.get(record.digest or ""))
        if content is None:
            tally.not_pages += 1
            continue
        if record.digest and not record.revisit:
            originals[record.digest] = record.offset
        yield _page(name, record, content)
    if on_bytes is not None:
        on_bytes(size, size)


def _page(name: str, record: _Record, content: bytes) -> Page:
    return Page(
        source=record.uri,
        content=content,
        fetched_at=record.date,
        charset=_charset(record.content_type),
        status=record.status,
        headers=record.headers,
        url=record.uri,
        capture=Capture(name, record.record_id, record.offset),
        redactions=record.redactions,
    )


def _records(
    stream: IO[bytes], name: str, size: int, *, media: bool
) -> Iterator[tuple[_Record, bytes | None] | MediaCapture]:
    """Response, resource and revisit records: the payload when it may be a page (or media)."""
    iterator = ArchiveIterator(stream, check_digests=False)
    offset = 0
    try:
        for record in iterator:
            offset = iterator.offset  # where this record starts (read before its payload)
            if record.rec_type not in ("response", "resource", "revisit"):
                _drain(record, name, offset)
                continue
            head = _header_side(record, offset)
            if media:
                content = _media_payload(record, head)
                _drain(record, name, offset)
                if content is not None:
                    yield _media(name, head, content)
                continue
            content = None if head.revisit else _page_payload(record, head)
            _drain(record, name, offset)
            yield head, content
        offset = iterator.offset
    except _DAMAGE as e:  # the iterator's offset is where the record being read starts
        raise _damaged(name, max(offset, iterator.offset), e) from None
    if offset < size:
        raise _damaged(name, offset, EOFError("the file ends inside a record"))


def _header_side(record: Any, offset: int) -> _Record:
    warc = record.rec_headers
    http = record.http_headers
    status = http.get_statuscode() if http is not None else None
    headers: dict[str, str] = {}
    for key, value in http.headers if http is not None else []:
        key = key.lower()
        if key not in _PRIVATE:
            headers[key] = f"{headers[key]}, {value}" if key in headers else value
    content_type = headers.get("content-type") or warc.get_header("Content-Type") or ""
    return _Record(
        uri=warc.get_header("WARC-Target-URI") or "",
        date=_warc_date(warc.get_header("WARC-Date")),
        status=int(status) if status and str(status).isdigit() else None,
        headers=headers,
        content_type=content_type,
        record_id=warc.get_header("WARC-Record-ID"),
        offset=offset,
        digest=warc.get_header("WARC-Payload-Digest"),
        revisit=record.rec_type == "revisit",
        redactions=tuple(k for k in (warc.get_header(REDACTIONS) or "").split(",") if k),
    )


def _page_payload(record: Any, head: _Record) -> bytes | None:
    """The payload when its type and first bytes say it may be a Discuz! page, else None."""
    kind = head.content_type.split(";")[0].strip().lower()
    if kind and kind not in PAGE_TYPES:
        return None
    stream = record.content_stream()
    first = stream.read(HEAD)
    if not any(marker in first.lower() for marker in PAGE_MARKERS):
        return None
    rest = stream.read(MAX_PAGE)
    return None if stream.read(1) else bytes(first + rest)


def _media_payload(record: Any, head: _Record) -> bytes | None:
    """A media file's bytes, or an error answer's (a 404 or a login page said why it is missing)."""
    kind = head.content_type.split(";")[0].strip().lower()
    refused = head.status is not None and 400 <= head.status < 600
    if head.revisit or not (
        refused or (kind.startswith(MEDIA_TYPES) and head.status in (None, 200))
    ):
        return None
    return bytes(record.content_stream().read(MAX_PAGE))


def _media(name: str, head: _Record, content: bytes) -> MediaCapture:
    capture = Capture(name, head.record_id, head.offset)
    return MediaCapture(head.uri, head.status, head.headers, content, head.date, capture)


def _drain(record: Any, name: str, offset: int) -> None:
    """Read what is left of a record, and refuse one the file ends inside of."""
    raw = record.raw_stream
    while raw.read(2**16):
        pass
    if getattr(raw, "limit", 0) > 0:
        raise _damaged(name, offset, EOFError("the file ends inside this record"))
    if record.rec_headers.get_header("WARC-Type") is None:
        raise _damaged(name, offset, ValueError("a record without a WARC-Type"))


def _original(opener: Opener, offset: int | None) -> bytes | None:
    """The payload of the response a revisit record refers to (in the same file), if a page."""
    if offset is None:
        return None
    with opener() as stream:
        stream.seek(offset)
        for record in ArchiveIterator(stream, check_digests=False):
            return _page_payload(record, _header_side(record, offset))
    return None


def _damaged(name: str, offset: int, error: BaseException) -> DamagedWebArchive:
    reason = str(error).splitlines()[0][:120] if str(error) else type(error).__name__
    return DamagedWebArchive(
        f"the web archive is cut short or damaged at byte {offset:,} ({reason}); every whole "
        "record before it was read. Archive a complete copy to read the rest",
        source=name,
        offset=offset,
    )


def _warc_date(text: str | None) -> dt.datetime:
    """WARC-Date (ISO 8601 in UTC, seconds or finer) as an aware datetime."""
    if not text:
        return dt.datetime.fromtimestamp(0, dt.timezone.utc)
    return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))


def _charset(content_type: str) -> str | None:
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            return value.strip().strip("\"'").lower()
    return None
