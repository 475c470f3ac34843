"""A WARC 1.1 file of everything one run fetched, written with warcio as the run goes.

What is written, and what is left out on purpose:
- one `warcinfo` record: the tool, its version and the run's options (never cookies);
- for every HTTP exchange, a `request` record (without `Cookie` or `Authorization`) and a
  `response` record. The response is the body as it arrived once transfer and content encodings
  are undone, scrubbed of login material as stored pages are (`archiver.redact`), without
  `Set-Cookie`, and with a `Content-Length` that matches; the record's
  `Discuz-Archiver-Redactions` field names the kinds scrubbed, so `pages.redactions` survives
  the round trip;
- each record is its own gzip member (`.warc.gz`) flushed at once, so a run killed part way
  leaves every record before the kill whole. A run never appends to an existing file: it writes
  the next free name (`run.warc.gz`, `run-1.warc.gz`, ...), so a resumed run cannot tear one.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import logging
from pathlib import Path
from typing import IO

import httpx
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archiver.errors import InputError
from archiver.redact import redact, redact_text

log = logging.getLogger(__name__)

REDACTIONS = "Discuz-Archiver-Redactions"  # which kinds of login material were scrubbed

_DROP_REQUEST = frozenset({"cookie", "authorization"})
_DROP_RESPONSE = frozenset(
    {"set-cookie", "set-cookie2", "content-encoding", "transfer-encoding", "content-length"}
)


def free_path(path: Path) -> Path:
    """`path` if no file is there yet, else the first `stem-N` + suffixes that is free."""
    if not path.exists():
        return path
    name = path.name
    suffix = next((s for s in (".warc.gz", ".warc") if name.endswith(s)), "")
    stem = name[: len(name) - len(suffix)] if suffix else name
    number = 1
    while (path.with_name(f"{stem}-{number}{suffix}")).exists():
        number += 1
    return path.with_name(f"{stem}-{number}{suffix}")


class WarcRecorder:
    """Writes the requests and responses a Fetcher makes into one new WARC file."""

    def __init__(self, path: Path, software: str, options: dict[str, object]) -> None:
        self.path = free_path(path)
        if self.path != path:
            log.warning("%s exists; writing this run's WARC to %s", path, self.path)
        try:
            self._file: IO[bytes] = self.path.open("xb")
        except OSError as e:
            raise InputError(f"cannot write the WARC file ({e.strerror})", source=str(path)) from e
        gzip = self.path.name.endswith(".gz")
        self._writer = WARCWriter(self._file, gzip=gzip, warc_version="1.1")
        safe = {k: v for k, v in options.items() if "cookie" not in k.lower()}
        info = {
            "software": software,
            "format": "WARC File Format 1.1",
            "conformsTo": "https://iipc.github.io/warc-specifications/specifications/"
            "warc-format/warc-1.1/",
            "options": json.dumps(safe, ensure_ascii=False, sort_keys=True, default=str),
        }
        self._write(self._writer.create_warcinfo_record(self.path.name, info))

    def record(
        self, request: httpx.Request, response: httpx.Response, content: bytes, when: dt.datetime
    ) -> None:
        """Write one exchange: the request, then the response it was answered with."""
        uri = redact_text(str(request.url))
        date = when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
        scrubbed = redact(content)
        body = scrubbed.content
        fields = {"WARC-Date": date}
        if scrubbed.kinds:
            fields[REDACTIONS] = ",".join(scrubbed.kinds)
        reply = self._writer.create_warc_record(
            uri,
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            warc_headers_dict=fields,
            http_headers=_response_headers(response, len(body)),
        )
        target = request.url.raw_path.decode("ascii", "replace")
        asked = [(k, v) for k, v in _pairs(request.headers) if k.lower() not in _DROP_REQUEST]
        sent = self._writer.create_warc_record(
            uri,
            "request",
            payload=io.BytesIO(b""),
            length=0,
            warc_headers_dict={
                "WARC-Date": date,
                "WARC-Concurrent-To": reply.rec_headers.get_header("WARC-Record-ID"),
            },
            http_headers=StatusAndHeaders(
                f"{request.method} {redact_text(target)}",
                asked,
                protocol=response.http_version or "HTTP/1.1",
                is_http_request=True,
            ),
        )
        self._write(sent)
        self._write(reply)

    def close(self) -> None:
        self._file.close()

    def _write(self, record: object) -> None:
        self._writer.write_record(record)
        self._file.flush()


def _response_headers(response: httpx.Response, length: int) -> StatusAndHeaders:
    kept = [(k, v) for k, v in _pairs(response.headers) if k.lower() not in _DROP_RESPONSE]
    kept.append(("Content-Length", str(length)))
    status = f"{response.status_code} {response.reason_phrase}".strip()
    return StatusAndHeaders(status, kept, protocol=response.http_version or "HTTP/1.1")


def _pairs(headers: httpx.Headers) -> list[tuple[str, str]]:
    """Header names as sent on the wire (not lowercased), in order."""
    return [(k.decode("latin-1"), v.decode("latin-1")) for k, v in headers.raw]
