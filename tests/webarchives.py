"""Web-archive fixtures built from fixture pages, with the real formats' structure.

- `write_warc`: WARC 1.1 via warcio (request + response pairs, optional revisits and filler);
- `write_wacz`: a WACZ 1.1.1 zip (archive/data.warc.gz, indexes/index.cdxj, pages/pages.jsonl,
  datapackage.json with sha256 digests), the layout Webrecorder and Browsertrix write;
- `mhtml`: what Chrome's "Save as MHTML" writes (a multipart/related message, quoted-printable
  page, base64 images, Snapshot-Content-Location);
- `singlefile`: the SingleFile extension's comment block after the doctype.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import io
import json
import quopri
import zipfile
from dataclasses import dataclass
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


@dataclass(frozen=True)
class Capture:
    url: str
    body: bytes
    date: dt.datetime
    content_type: str = "text/html; charset=utf-8"
    status: int = 200


def warc_date(when: dt.datetime) -> str:
    return when.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def write_warc(
    path: Path,
    captures: list[Capture],
    *,
    revisit_of: int | None = None,
    revisits: tuple[Capture, ...] = (),
) -> None:
    """Each capture as a request and response pair; `revisit_of`: add a revisit of that one;
    `revisits`: add a revisit of each of these (captured in another file of the crawl)."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=path.name.endswith(".gz"), warc_version="1.1")
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        for capture in captures:
            _exchange(writer, capture)
        later_ones = (*revisits, *([captures[revisit_of]] if revisit_of is not None else []))
        for original in later_ones:
            later = original.date + dt.timedelta(days=1)
            digest = "sha1:" + base64.b32encode(hashlib.sha1(original.body).digest()).decode()
            writer.write_record(
                writer.create_revisit_record(
                    original.url, digest, original.url, warc_date(original.date),
                    http_headers=_http(original),
                    warc_headers_dict={"WARC-Date": warc_date(later)},
                )
            )  # fmt: skip


def _http(capture: Capture) -> StatusAndHeaders:
    reason = {200: "OK", 404: "Not Found"}.get(capture.status, "OK")
    headers = [("Content-Type", capture.content_type), ("Content-Length", str(len(capture.body)))]
    return StatusAndHeaders(f"{capture.status} {reason}", headers, protocol="HTTP/1.1")


def _exchange(writer: WARCWriter, capture: Capture) -> None:
    date = warc_date(capture.date)
    response = writer.create_warc_record(
        capture.url, "response", payload=io.BytesIO(capture.body), length=len(capture.body),
        http_headers=_http(capture), warc_headers_dict={"WARC-Date": date},
    )  # fmt: skip
    path = "/" + capture.url.split("/", 3)[3]
    request = writer.create_warc_record(
        capture.url, "request", payload=io.BytesIO(b""), length=0,
        http_headers=StatusAndHeaders(f"GET {path}", [("Host", "bbs.example")],
                                      protocol="HTTP/1.1", is_http_request=True),
        warc_headers_dict={"WARC-Date": date,
                           "WARC-Concurrent-To": response.rec_headers.get_header("WARC-Record-ID")},
    )  # fmt: skip
    writer.write_record(request)
    writer.write_record(response)


def write_wacz(path: Path, captures: list[Capture], *, then: Path | None = None) -> None:
    """A WACZ: the WARC, a CDXJ index, the page list and a datapackage with digests;
    `then`: a second WARC of the crawl, stored after the first (archive/data2.warc.gz)."""
    warc = path.with_suffix(".tmp.warc.gz")
    write_warc(warc, captures)
    data = warc.read_bytes()
    warc.unlink()
    cdxj = []
    for record in ArchiveIterator(io.BytesIO(data)):
        if record.rec_type == "response":
            url = record.rec_headers.get_header("WARC-Target-URI")
            stamp = record.rec_headers.get_header("WARC-Date")[:19].replace("-", "")
            stamp = stamp.replace(":", "").replace("T", "")
            cdxj.append(f'{url} {stamp} {{"url": "{url}", "filename": "data.warc.gz"}}')
    pages = ['{"format": "json-pages-1.0", "id": "pages", "title": "All Pages"}'] + [
        json.dumps({"url": c.url, "ts": c.date.isoformat(), "title": c.url}) for c in captures
    ]
    files = {
        "archive/data.warc.gz": data,
        **({"archive/data2.warc.gz": then.read_bytes()} if then is not None else {}),
        "indexes/index.cdxj": ("\n".join(cdxj) + "\n").encode(),
        "pages/pages.jsonl": ("\n".join(pages) + "\n").encode(),
    }
    package = {
        "profile": "data-package", "wacz_version": "1.1.1", "software": "tests",
        "resources": [{"name": name.rsplit("/", 1)[1], "path": name,
                       "hash": "sha256:" + hashlib.sha256(body).hexdigest(), "bytes": len(body)}
                      for name, body in files.items()],
    }  # fmt: skip
    with zipfile.ZipFile(path, "w") as archive:
        for name, body in files.items():
            archive.writestr(name, body, compress_type=zipfile.ZIP_STORED)
        archive.writestr("datapackage.json", json.dumps(package, indent=2))


def mhtml(url: str, html: bytes, date: dt.datetime, *, image_url: str | None = None) -> bytes:
    """Chrome's MHTML: headers, then the page (quoted-printable) and its images (base64)."""
    boundary = "----MultipartBoundary--Qx3kYt8GmPz1Lw0Ue5RrVb2nJcHdSfA7oTiE9pKy----"
    stamp = date.strftime("%a, %d %b %Y %H:%M:%S %z")
    head = (
        "From: <Saved by Blink>\r\n"
        f"Snapshot-Content-Location: {url}\r\n"
        "Subject: =?utf-8?Q?thread?=\r\n"
        f"Date: {stamp}\r\n"
        "MIME-Version: 1.0\r\n"
        f'Content-Type: multipart/related;\r\n\ttype="text/html";\r\n\tboundary="{boundary}"\r\n'
        "\r\n\r\n"
    )
    parts = [
        head.encode(),
        f"--{boundary}\r\nContent-Type: text/html\r\nContent-ID: <frame-1@mhtml.blink>\r\n"
        f"Content-Transfer-Encoding: quoted-printable\r\nContent-Location: {url}\r\n\r\n".encode(),
        quopri.encodestring(html).replace(b"\n", b"\r\n"),
        b"\r\n",
    ]
    if image_url:
        parts += [
            f"--{boundary}\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n"
            f"Content-Location: {image_url}\r\n\r\n".encode(),
            base64.encodebytes(PNG).replace(b"\n", b"\r\n"),
            b"\r\n",
        ]
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts)


def singlefile(url: str, html: bytes, date: dt.datetime) -> bytes:
    """SingleFile's save: its comment between the doctype and the page."""
    stamp = date.strftime("%a %b %d %Y %H:%M:%S GMT%z")
    comment = (
        f"<!--\n Page saved with SingleFile \n url: {url} \n saved date: {stamp} (China Standard"
        " Time)\n-->"
    ).encode()
    doctype, sep, rest = html.partition(b">")
    return doctype + sep + comment + rest
