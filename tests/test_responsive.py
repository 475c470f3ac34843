"""The HTML export at 1200 and 400 CSS pixels in headless Chromium: nothing runs past the
right edge at 400 px (widths measured in the page, not eyeballed), and the screenshots in
docs/ are these renders (`pytest tests/test_responsive.py --update-golden` rewrites them).

Headless Chromium will not make a window narrower than 500 px, so the export is laid out in
an iframe of the exact width (srcdoc, so the export keeps its own CSP and the measuring script
runs in the wrapper), and the screenshot is cropped to that width.
"""

from __future__ import annotations

import html
import json
import re
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from archiver.archive.files import archive_files
from archiver.cli.main import app
from archiver.store import open_db

from .support import FIXTURES, ROOT
from .test_browser import CHROMIUM, FLAGS, png_pixels

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no headless Chromium here (apt-get install chromium)"
)
HEIGHT = 1800
# For every element of the export: its box, unless an ancestor scrolls or clips it sideways
# (a wide code block scrolls inside its own box; that is not the page overflowing).
MEASURE = """
const frame = document.getElementById('f');
frame.addEventListener('load', () => {
  const doc = frame.contentDocument, width = doc.documentElement.clientWidth;
  const clipped = e => { for (let a = e.parentElement; a; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX; if (o !== 'visible') return true; } return false; };
  const over = [];
  for (const e of doc.body.querySelectorAll('*')) {
    const r = e.getBoundingClientRect();
    if (r.width > 0 && (r.right > width + 0.5 || r.left < -0.5) && !clipped(e))
      over.push(`${e.tagName}.${e.className} ${Math.round(r.left)}..${Math.round(r.right)}`);
  }
  const widths = sel => [...doc.querySelectorAll(sel)]
    .map(e => Math.round(e.getBoundingClientRect().width));
  const out = document.createElement('pre');
  out.id = 'measure';
  out.textContent = JSON.stringify({width, scrollWidth: doc.documentElement.scrollWidth, over,
    article: widths('article'), aside: widths('aside'), post: widths('.post')});
  document.body.appendChild(out);
});
"""


def wrapper(page: str, width: int) -> str:
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><style>body{margin:0}</style></head>"
        f"<body><iframe id='f' style='width:{width}px;height:{HEIGHT}px;border:0;display:block' "
        f'srcdoc="{html.escape(page, quote=True)}"></iframe><script>{MEASURE}</script>'
        "</body></html>"
    )


def chromium(tmp_path: Path, page: Path, width: int, *args: str) -> str:
    window = f"--window-size={max(width, 500)},{HEIGHT}"
    done = subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", window, *args,
         page.as_uri()],
        capture_output=True, timeout=120, check=False, text=True,
    )  # fmt: skip
    return done.stdout


def crop_png(data: bytes, width: int) -> bytes:
    """The left `width` pixels of an 8-bit RGB(A) PNG, re-encoded unfiltered."""
    full, height, raw = png_pixels(data)
    depth, kind = data[24], data[25]
    assert depth == 8 and kind in (2, 6), (depth, kind)
    size = 3 if kind == 2 else 4
    stride = full * size
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind_of = raw[y * (stride + 1)]
        row = bytearray(raw[y * (stride + 1) + 1 : (y + 1) * (stride + 1)])
        for i in range(stride):
            left = row[i - size] if i >= size else 0
            up, corner = previous[i], previous[i - size] if i >= size else 0
            if kind_of == 1:
                row[i] = (row[i] + left) & 255
            elif kind_of == 2:
                row[i] = (row[i] + up) & 255
            elif kind_of == 3:
                row[i] = (row[i] + (left + up) // 2) & 255
            elif kind_of == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                guess = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                row[i] = (row[i] + guess) & 255
        rows.append(b"\0" + bytes(row[: width * size]))
        previous = row

    def chunk(name: bytes, body: bytes) -> bytes:
        return (
            struct.pack(">I", len(body)) + name + body + struct.pack(">I", zlib.crc32(name + body))
        )

    header = struct.pack(">IIBBBBB", width, height, 8, kind, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"".join(rows), 9)) + chunk(b"IEND", b""))  # fmt: skip


@pytest.fixture(scope="module")
def export(tmp_path_factory) -> str:
    root = tmp_path_factory.mktemp("responsive")
    db = root / "archive.db"
    archive_files(open_db(db), [str(FIXTURES / "features")])
    out = root / "thread.html"
    result = CliRunner().invoke(app, ["export", "777", "--db", str(db), "-f", "html", "-o",
                                      str(out)])  # fmt: skip
    assert result.exit_code == 0, result.stderr
    return out.read_text(encoding="utf-8")


@pytest.mark.parametrize("width", [1200, 400])
def test_export_fits_the_width(export, tmp_path, width, update_golden):
    page = tmp_path / "wrapper.html"
    page.write_text(wrapper(export, width), encoding="utf-8")
    dom = chromium(tmp_path, page, width, "--dump-dom")
    found = re.search(r'<pre id="measure">(.*?)</pre>', dom, re.S)
    assert found, "Chromium did not run the measuring script"
    measured = json.loads(html.unescape(found.group(1)))
    assert measured["width"] == width
    assert measured["scrollWidth"] == width, measured  # no sideways scrolling
    assert measured["over"] == [], measured  # no element past either edge
    if width == 400:  # one column on a phone: the author panel above the post, full width
        assert all(a >= width * 0.8 for a in measured["aside"]), measured
        assert all(p >= width * 0.8 for p in measured["post"]), measured
    else:  # beside the post on a desktop
        assert all(a < 200 for a in measured["aside"]), measured
    shot = tmp_path / "shot.png"
    chromium(tmp_path, page, width, f"--screenshot={shot}")
    assert shot.exists(), "Chromium wrote no screenshot"
    png = crop_png(shot.read_bytes(), width)
    assert struct.unpack(">II", png[16:24]) == (width, HEIGHT)
    docs = ROOT / "docs" / f"export-{width}px.png"
    if update_golden or not docs.exists():
        docs.write_bytes(png)
