"""The HTML export rendered by a real browser (headless Chromium), when one is installed."""

from __future__ import annotations

import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from archiver.archive.files import archive_files
from archiver.cli.main import app
from archiver.store import open_db

from .support import FIXTURES

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no headless Chromium here (apt-get install chromium)"
)
FLAGS = (
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync --hide-scrollbars"
).split()


def png_pixels(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and the inflated scanlines of a non-interlaced PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    chunks, position = [], 8
    while position < len(data):
        length, kind = struct.unpack(">I4s", data[position : position + 8])
        if kind == b"IDAT":
            chunks.append(data[position + 8 : position + 8 + length])
        position += 12 + length
    return width, height, zlib.decompress(b"".join(chunks))


def test_export_renders_in_chromium(tmp_path):
    db = tmp_path / "archive.db"
    archive_files(open_db(db), [str(FIXTURES / "features")])
    page = tmp_path / "thread.html"
    result = CliRunner().invoke(
        app, ["export", "777", "--db", str(db), "-f", "html", "-o", str(page)]
    )
    assert result.exit_code == 0, result.stderr
    shot = tmp_path / "shot.png"
    subprocess.run(
        [CHROMIUM, *FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1100,1400",
         f"--screenshot={shot}", page.as_uri()],
        capture_output=True, timeout=120, check=False,
    )  # fmt: skip
    assert shot.exists(), "Chromium wrote no screenshot"
    width, height, pixels = png_pixels(Path(shot).read_bytes())
    assert (width, height) == (1100, 1400)
    ink = sum(1 for byte in pixels[::7] if byte < 200) / (len(pixels) / 7)
    assert ink > 0.01, "the page rendered blank"
