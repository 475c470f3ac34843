"""Importing thread pages from a big WARC versus the same pages as saved files.

    python bench/webarchive.py            # 300 thread pages in a ~200 MB .warc.gz (a minute or two)
    python bench/webarchive.py --big      # 2,000 pages in a ~2 GB .warc.gz, the issue's size
    python bench/webarchive.py --pages 500 --filler-mb 400 --jobs 2 --rounds 3

The WARC is mostly records that are not thread pages (images, style sheets, scripts, other
HTML pages of the site), per-record gzip as crawlers write it, with the thread pages spread
evenly among them, each followed by the pictures it shows (kept as media from the WARC, so
the WARC contender does that work too). Each contender runs the CLI (`python -m archiver
archive ... --jobs J`) in a child process into a fresh database, rounds interleaved, and
reports pages per second and the child's own peak memory (VmHWM). A WARC a tenth the size is
read too, so the peak can be compared across sizes (flat memory). Reported, not asserted.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import re
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

from bench.corpus import SAVED_AT, PageSpec, bulk_specs  # noqa: E402

# (content type, size) of the filler records, in turn: what a forum crawl mostly holds
FILLER = (
    ("image/jpeg", 180_000),
    ("text/css", 40_000),
    ("image/png", 60_000),
    ("application/javascript", 90_000),
    ("text/html; charset=utf-8", 50_000),
)
STAMP = SAVED_AT.strftime("%Y-%m-%dT%H:%M:%SZ")


def write_corpus(folder: Path, pages: int, filler_mb: int) -> tuple[Path, Path, int]:
    """The pages as files (folder/pages) and inside a WARC among filler; returns sizes."""
    specs = bulk_specs(pages)
    files = folder / "pages"
    files.mkdir(parents=True)
    warc = folder / "crawl.warc.gz"
    noise = os.urandom(2**16)
    target = filler_mb * 2**20  # bytes on disk, compressed, spread evenly before the pages
    with warc.open("wb") as out:
        writer = WARCWriter(out, gzip=True, warc_version="1.1")
        writer.write_record(writer.create_warcinfo_record(warc.name, {"software": "bench"}))
        count, pictures = 0, set[str]()
        for index, spec in enumerate(specs):
            while out.tell() < target * (index + 1) / len(specs):
                kind, size = FILLER[count % len(FILLER)]
                body = _filler(kind, size, noise, count)
                _record(writer, f"{spec.base}static/{count}.bin", kind, body)
                count += 1
            content = spec.content()
            name = files / f"{index:06d}-t{spec.tid}-p{spec.page}.html"
            name.write_bytes(content)
            os.utime(name, (SAVED_AT.timestamp(), SAVED_AT.timestamp()))
            _record(writer, _url(spec), f"text/html; charset={spec.charset}", content)
            for shown in re.findall(rb'file="(data/attachment/[^"]+)"', content):
                picture = spec.base + shown.decode()  # as a crawler takes it, after its page
                if picture not in pictures:
                    pictures.add(picture)
                    _record(
                        writer, picture, "image/jpeg", _filler("image/jpeg", 90_000, noise, count)
                    )
    return files, warc, warc.stat().st_size


def _url(spec: PageSpec) -> str:
    return f"{spec.base}forum.php?mod=viewthread&tid={spec.tid}&page={spec.page}"


def _filler(kind: str, size: int, noise: bytes, count: int) -> bytes:
    if kind.startswith("text/html"):
        item = f"<li><a href='portal.php?mod=view&aid={count}'>新闻 {count}</a></li>\n".encode()
        return b"<html><body><ul>" + item * (size // len(item)) + b"</ul></body></html>"
    if kind.startswith("text/") or "javascript" in kind:
        line = f".c{count} {{ margin: 0 auto; color: #333; }} /* {kind} */\n".encode()
        return line * (size // len(line))
    return (noise * (size // len(noise) + 1))[count % 4096 : count % 4096 + size]


def _record(writer: WARCWriter, url: str, kind: str, body: bytes) -> None:
    headers = [("Content-Type", kind), ("Content-Length", str(len(body)))]
    http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
    writer.write_record(
        writer.create_warc_record(
            url, "response", payload=io.BytesIO(body), length=len(body), http_headers=http,
            warc_headers_dict={"WARC-Date": STAMP},
        )
    )  # fmt: skip


CHILD = """
import json, sys, time
from pathlib import Path
from archiver.cli.main import app
start = time.perf_counter()
try:
    app(sys.argv[1:], standalone_mode=False)
except SystemExit:
    pass
seconds = time.perf_counter() - start
peak = next(int(l.split()[1]) / 1024 for l in Path("/proc/self/status").read_text().splitlines()
            if l.startswith("VmHWM:"))
print(json.dumps({"seconds": seconds, "peak_mb": peak}))
"""


def run_child(source: Path, db: Path, jobs: int) -> dict[str, float]:
    """Archive `source` with the CLI in a fresh process; its time and peak memory."""
    args = ["archive", str(source), "--db", str(db), "--jobs", str(jobs), "-q", "--json"]
    done = subprocess.run(
        [sys.executable, "-c", CHILD, *args], capture_output=True, text=True, cwd=ROOT
    )
    lines = done.stdout.strip().splitlines()
    if len(lines) < 2:
        raise RuntimeError(f"the child failed: {done.stderr[-2000:]}")
    summary, measured = json.loads(lines[-2]), json.loads(lines[-1])
    with sqlite3.connect(db) as conn:  # pictures kept from the WARC (files runs fetch none)
        media = conn.execute("select count(*) from media where status = 'saved'").fetchone()[0]
    return {**measured, "pages": summary["pages"], "errors": summary["errors"], "media": media}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big", action="store_true", help="2,000 pages in a ~2 GB WARC")
    parser.add_argument("--pages", type=int, default=None)
    parser.add_argument("--filler-mb", type=int, default=None)
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--json", type=Path, default=None, help="also write the figures here")
    options = parser.parse_args()
    pages = options.pages or (2_000 if options.big else 300)
    filler = options.filler_mb if options.filler_mb is not None else (2_000 if options.big else 200)
    with tempfile.TemporaryDirectory(prefix="bench-warc-") as tmp:
        folder = Path(tmp)
        began = time.perf_counter()
        files, warc, size = write_corpus(folder / "big", pages, filler)
        _, small, small_size = write_corpus(folder / "small", max(1, pages // 10), filler // 10)
        print(f"wrote {size / 2**20:,.0f} MB WARC with {pages} thread pages "
              f"in {time.perf_counter() - began:.0f} s", file=sys.stderr)  # fmt: skip
        runs: dict[str, list[dict[str, float]]] = {"files": [], "warc": [], "small warc": []}
        for round_ in range(options.rounds):
            order = [("files", files), ("warc", warc)]
            for name, source in order if round_ % 2 == 0 else order[::-1]:
                runs[name].append(run_child(source, folder / f"{name}-{round_}.db", options.jobs))
            runs["small warc"].append(run_child(small, folder / f"small-{round_}.db", options.jobs))
    report(runs, pages, size, small_size, options)


def _median(runs: list[dict[str, float]], key: str) -> float:
    return statistics.median(r[key] for r in runs)


def report(runs: dict[str, list[dict[str, float]]], pages: int, size: int, small: int,
           options: argparse.Namespace) -> None:  # fmt: skip
    def rate(name: str) -> float:
        return statistics.median(r["pages"] / r["seconds"] for r in runs[name])

    def peak(name: str) -> float:
        return max(r["peak_mb"] for r in runs[name])

    figures = {
        "pages": pages,
        "warc_mb": round(size / 2**20),
        "small_warc_mb": round(small / 2**20),
        "jobs": options.jobs,
        "files_pages_per_s": round(rate("files"), 1),
        "warc_pages_per_s": round(rate("warc"), 1),
        "warc_over_files": round(rate("warc") / rate("files"), 2),
        "warc_mb_per_s": round(size / 2**20 / _median(runs["warc"], "seconds"), 1),
        "peak_mb_files": round(peak("files"), 1),
        "peak_mb_warc": round(peak("warc"), 1),
        "peak_mb_small_warc": round(peak("small warc"), 1),
        "peak_warc_over_small": round(peak("warc") / peak("small warc"), 2),
        "warc_media_saved": min(r["media"] for r in runs["warc"]),
        "errors": sum(r["errors"] for rs in runs.values() for r in rs),
    }  # fmt: skip
    for key, value in figures.items():
        print(f"{key:24} {value}")
    print("goals (reported, not asserted): warc_over_files >= 0.80, peak_mb_warc < 150, "
          "peak_warc_over_small <= 1.10")  # fmt: skip
    if options.json is not None:
        options.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
