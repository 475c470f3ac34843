"""Pages out of web archives: WARC (plain or per-record gzip) and WACZ, streamed with warcio.

A record becomes a Page when its headers and first bytes say it may be a Discuz! page; the rest
are counted and passed over without reading them into memory. The record's WARC-Date is the
page's fetch time, its HTTP headers give the charset, and a `revisit` record is resolved to the
earlier response it names. MHTML and SingleFile saves are in `archiver.fetch.saved`.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from archiver.errors import DamagedWebArchive
from archiver.fetch.wacz import Opener, warc_files
from archiver.model import Capture, CaptureTally, Page, RecordPlace

HEAD = 8192  # how much of a payload is read to decide whether it may be a Discuz! page
MAX_PAGE = 20 * 2**20  # the fetcher's size cap: no thread page is larger
PAGE_MARKERS = (b"discuz", b'"variables"', b"viewthread", b"archiver")
PAGE_TYPES = ("text/html", "application/xhtml+xml", "application/json", "text/json", "text/plain")
MEDIA_TYPES = ("image/", "video/", "audio/", "application/octet-stream")
_PRIVATE = frozenset({"set-cookie", "set-cookie2", "cookie"})
_DAMAGE = (ArchiveLoadFailed, EOFError, OSError, ValueError, zipfile.BadZipFile)

REDACTIONS = "Discuz-Archiver-Redactions"  # a WARC field: the login material kinds scrubbed
OnBytes = Callable[[int, int], None]  # (bytes read, total) of the archive being read


def read_warc_pages(
    path: Path, tally: CaptureTally, on_bytes: OnBytes | None = None, name: str | None = None
) -> Iterator[Page]:
    """Every record of a WARC or WACZ that may be a thread page, in file order.

    `name` is what the pages' capture_file says (default: the path).
    :raises DamagedWebArchive: after every whole record before the damage was yielded.
    """
    label = name or str(path)
    for inner, opener, size in warc_files(path, label):
        with opener() as stream:
            where = RecordPlace(str(path), label, inner, 0, False)
            yield from _pages(stream, where, size, tally, on_bytes)


def read_warc_media(path: Path) -> Iterator[MediaCapture]:
    """Every image, video or download response of a WARC or WACZ, with no network."""
    tally = CaptureTally()
    for _ in read_warc_pages(path, tally):
        pass
    yield from read_media_at(tally.media.values())


def read_media_at(places: Iterable[RecordPlace]) -> Iterator[MediaCapture]:
    """The media answers at these places (noted while reading the pages), one seek each."""
    wanted: dict[tuple[str, str], dict[str, list[int]]] = {}
    for place in places:
        inners = wanted.setdefault((place.path, place.label), {})
        inners.setdefault(place.inner, []).append(place.offset)
    for (path, label), inners in wanted.items():
        for inner, opener in _openers(path, label):
            with opener() as stream:
                for offset in sorted(inners.get(inner, ())):
                    found = _record_at(stream, offset)
                    content = None if found is None else _media_payload(*found)
                    if found is not None and content is not None:
                        yield _media(inner, found[1], content)


def _openers(path: str, label: str) -> Iterator[tuple[str, Opener]]:
    """Each WARC of an archive read earlier in the run; none once it is gone (standard input)."""
    if Path(path).is_file():
        yield from ((inner, opener) for inner, opener, _ in warc_files(Path(path), label))


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
    where: RecordPlace,
    size: int,
    tally: CaptureTally,
    on_bytes: OnBytes | None,
) -> Iterator[Page]:
    if on_bytes is not None:
        on_bytes(0, size)
    name = where.inner
    for record, content in _records(stream, name, size):
        tally.records += 1
        if _media_like(record):
            _note_media(tally, record, where)
        if on_bytes is not None:
            on_bytes(record.offset, size)
        if record.revisit:
            content = _original(tally.originals.get(record.digest or ""))
        if content is None:
            tally.not_pages += 1
            continue
        if record.digest and not record.revisit:
            tally.originals[record.digest] = replace(where, offset=record.offset, ok=True)
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


def _records(stream: IO[bytes], name: str, size: int) -> Iterator[tuple[_Record, bytes | None]]:
    """Response, resource and revisit records: the payload when it may be a page."""
    iterator = ArchiveIterator(stream, check_digests=False)
    offset = 0
    try:
        for record in iterator:
            offset = iterator.offset  # where this record starts (read before its payload)
            if record.rec_type not in ("response", "resource", "revisit"):
                _drain(record, name, offset)
                continue
            head = _header_side(record, offset)
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


def _media_like(head: _Record) -> bool:
    """A media file's answer, or an error answer (a 404 or a login page said why it is missing)."""
    kind = head.content_type.split(";")[0].strip().lower()
    refused = head.status is not None and 400 <= head.status < 600
    return not head.revisit and (
        refused or (kind.startswith(MEDIA_TYPES) and head.status in (None, 200))
    )


def _media_payload(record: Any, head: _Record) -> bytes | None:
    return bytes(record.content_stream().read(MAX_PAGE)) if _media_like(head) else None


def _note_media(tally: CaptureTally, head: _Record, where: RecordPlace) -> None:
    """Remember where a media answer lies; a later answer for the URL replaces all but a 200."""
    known = tally.media.get(head.uri)
    if known is None or not known.ok:
        ok = head.status in (None, 200)
        tally.media[head.uri] = replace(where, offset=head.offset, ok=ok)


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


def _original(place: RecordPlace | None) -> bytes | None:
    """The payload of the response a revisit refers to (in any WARC of the run), if a page."""
    if place is None:
        return None
    for inner, opener in _openers(place.path, place.label):
        if inner == place.inner:
            with opener() as stream:
                found = _record_at(stream, place.offset)
                return None if found is None else _page_payload(*found)
    return None


def _record_at(stream: IO[bytes], offset: int) -> tuple[Any, _Record] | None:
    """The record that starts at this offset, with its header side; None past the end."""
    stream.seek(offset)
    for record in ArchiveIterator(stream, check_digests=False):
        return record, _header_side(record, offset)
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
