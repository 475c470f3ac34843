"""Saves from a browser or a mirroring tool: MHTML (Chrome, Edge), SingleFile HTML, HTTrack
mirrors and "Save Page As, complete" pages.

The saved-from URL and the save time come from the file's own headers (MHTML) or the comment
the tool writes at the top (SingleFile's `url:` / `saved date:`, HTTrack's `Mirrored from … by
HTTrack Website Copier/3.x […], DATE`, the browsers' `saved from url=(LEN)URL` mark of the
web, which has no time: the file's own is taken); the standard `email` package reads MHTML.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from email import policy
from email.message import EmailMessage, MIMEPart
from email.parser import BytesParser
from email.utils import parsedate_to_datetime

from archiver.errors import InputError
from archiver.fetch.webarchive import MediaCapture
from archiver.model import Capture, Page
from archiver.sniff import web_archive_kind

_SINGLEFILE_URL = re.compile(rb"^\s*url:\s*(\S+)", re.MULTILINE)
# `<!-- Mirrored from HOST/PATH by HTTrack Website Copier/3.x [XR&CO'2014], RFC 1123 date -->`
_HTTRACK = re.compile(
    rb"<!--\s*Mirrored from\s+(\S+)\s+by HTTrack Website Copier[^,]*,\s*([^>]*?)\s*-->"
)
# the mark of the web a browser writes into a saved page: `<!-- saved from url=(0042)URL -->`
_SAVED_FROM = re.compile(rb"<!--\s*saved from url=\(\d{1,4}\)(\S+?)\s*-->")
_SINGLEFILE_DATE = re.compile(
    rb"^\s*saved date:\s*\w{3} (\w{3} \d{1,2} \d{4} \d{2}:\d{2}:\d{2}) GMT([+-]\d{4})",
    re.MULTILINE,
)


def read_mhtml(path: str, content: bytes, modified: dt.datetime) -> Page:
    """The page an MHTML file (named `path`) saved: its HTML part, URL and Date header."""
    message = _message(path, content)
    root = _root(path, message)
    body = root.get_payload(decode=True)
    if not isinstance(body, bytes):
        raise InputError("an MHTML file whose page part is empty", source=path)
    # MIME text travels with CRLF line ends (RFC 2045); HTML reads CRLF as LF, so keep LF
    body = body.replace(b"\r\n", b"\n")
    url = root.get("Content-Location") or message.get("Snapshot-Content-Location")
    return Page(
        source=path,
        content=body,
        fetched_at=_mail_date(message.get("Date")) or modified,
        charset=root.get_content_charset(),
        url=str(url) if url else None,
        capture=Capture(path, _str(root.get("Content-ID"))),
    )


def read_mhtml_media(path: str, content: bytes, modified: dt.datetime) -> Iterator[MediaCapture]:
    """The images and other resources an MHTML file saved with its page."""
    message = _message(path, content)
    saved = _mail_date(message.get("Date")) or modified
    for part in message.iter_parts():
        kind = part.get_content_type()
        body = part.get_payload(decode=True)
        url = part.get("Content-Location")
        if kind.startswith(("image/", "video/", "audio/")) and isinstance(body, bytes) and url:
            headers = {"content-type": str(part.get("Content-Type"))}
            capture = Capture(path, _str(part.get("Content-ID")))
            yield MediaCapture(str(url), None, headers, body, saved, capture)


def read_singlefile(path: str, content: bytes, modified: dt.datetime) -> Page:
    """A SingleFile save: the page as saved, with the URL and time from its top comment."""
    top = content[:4096]
    url = _SINGLEFILE_URL.search(top)
    return Page(
        source=path,
        content=content,
        fetched_at=_singlefile_date(top) or modified,
        url=url.group(1).decode("utf-8", "replace") if url else None,
        capture=Capture(path),
    )


def read_httrack(path: str, content: bytes, modified: dt.datetime) -> Page:
    """An HTTrack mirror's page: the URL (HTTrack leaves out the scheme) and time it names."""
    found = _HTTRACK.search(content[:4096])
    url = found.group(1).decode("utf-8", "replace") if found else None
    if url and "://" not in url:  # https when the page's own links say so (its <base href>)
        host = url.split("/", 1)[0].encode()
        url = f"{'https' if b'https://' + host in content[:16384] else 'http'}://{url}"
    when = _mail_date(found.group(2).decode("ascii", "replace")) if found else None
    return Page(path, content, when or modified, url=url, capture=Capture(path))


def read_saved_from(path: str, content: bytes, modified: dt.datetime) -> Page:
    """A browser's "Save Page As" copy: the URL of its mark of the web, the file's own time."""
    found = _SAVED_FROM.search(content[:4096])
    url = found.group(1).decode("utf-8", "replace") if found else None
    return Page(path, content, modified, url=url, capture=Capture(path))


def _message(path: str, content: bytes) -> EmailMessage:
    message = BytesParser(policy=policy.default).parsebytes(content)
    if not isinstance(message, EmailMessage) or not message.is_multipart():
        raise InputError("an MHTML file without its parts; save the page again", source=path)
    return message


def _root(path: str, message: EmailMessage) -> MIMEPart:
    """The saved page: the part `start` names, else the first HTML part."""
    start = message.get_param("start")
    parts = list(message.iter_parts())
    for part in parts:
        if isinstance(start, str) and part.get("Content-ID") == start:
            return part
    for part in parts:
        if part.get_content_type() in ("text/html", "application/xhtml+xml"):
            return part
    raise InputError("an MHTML file with no HTML page in it", source=path)


def _mail_date(text: object) -> dt.datetime | None:
    try:
        when = parsedate_to_datetime(str(text)) if text else None
    except (TypeError, ValueError):
        return None
    return when.astimezone(dt.timezone.utc) if when and when.tzinfo else when


def _singlefile_date(top: bytes) -> dt.datetime | None:
    """`saved date: Sat Dec 05 2026 13:00:00 GMT+0800 (China Standard Time)`."""
    match = _SINGLEFILE_DATE.search(top)
    if match is None:
        return None
    stamp = f"{match.group(1).decode()} {match.group(2).decode()}"
    try:
        return dt.datetime.strptime(stamp, "%b %d %Y %H:%M:%S %z").astimezone(dt.timezone.utc)
    except ValueError:
        return None


def _str(value: object) -> str | None:
    return str(value) if value else None


# the saves whose file says where (and mostly when) they were made: the reader for each kind
# `webarchive.sniff` names
SAVED_READERS: dict[str, Callable[[str, bytes, dt.datetime], Page]] = {
    "mhtml": read_mhtml,
    "singlefile": read_singlefile,
    "httrack": read_httrack,
    "saved-from": read_saved_from,
}


def read_saved(file: Page) -> tuple[Page, str]:
    """The page a file's bytes hold and what saved it: the one place a save picks its reader.

    `file` is the file as read (its source the name to give the page). A plain page comes back
    as it is, kind `page`; a web archive (`warc`, `wacz`) holds many pages and comes back
    unread, with its kind, for the caller to stream or refuse.
    """
    kind = web_archive_kind(file.content[:4096])
    if kind is None:
        return file, "page"
    reader = SAVED_READERS.get(kind)
    if reader is None:
        return file, kind
    return reader(file.source, file.content, file.fetched_at), kind
