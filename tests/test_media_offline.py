"""The HTML export of a thread with media, opened in headless Chromium with the network off.

Every picture the archive saved must show (naturalWidth > 0, read from the page itself); the
ones it could not keep show a placeholder that names the status, never a broken image.
`--update-golden` also rewrites the screenshot docs/media-export.png.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from archiver.cli.main import app

from .discuz_server import start_server
from .mediagen import CAP, MediaThread
from .support import ROOT

CHROMIUM = next(
    (p for p in ("/usr/bin/chromium", shutil.which("chromium"), shutil.which("google-chrome"))
     if p and Path(p).exists()),
    None,
)  # fmt: skip
NO_NETWORK = (
    "--proxy-server=http://127.0.0.1:9",  # nothing listens there
    "--proxy-bypass-list=<-loopback>",  # loopback goes through that dead proxy too
    "--host-resolver-rules=MAP * ~NOTFOUND",
)
HARNESS = """<!DOCTYPE html><html><body><iframe id="f" src="export.html" width="900"
height="3000"></iframe><script>
window.onload = () => {
  const doc = document.getElementById("f").contentDocument;
  const images = [...doc.images].map(i => ({
    src: i.getAttribute("src").slice(0, 40), complete: i.complete, width: i.naturalWidth}));
  const missing = [...doc.querySelectorAll(".media-missing")].map(
    s => ({status: s.dataset.status, url: s.querySelector("a").href}));
  const out = document.createElement("pre");
  out.id = "result";
  out.textContent = JSON.stringify({images, missing});
  document.body.appendChild(out);
};
</script></body></html>"""


def chromium(*args: str) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", *NO_NETWORK, *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


@pytest.mark.skipif(CHROMIUM is None, reason="no Chromium on this machine (/usr/bin/chromium)")
def test_the_html_export_shows_every_saved_picture_offline(tmp_path, update_golden):
    db = tmp_path / "a.db"
    with start_server({}) as forum, start_server({}) as cdn:
        thread = MediaThread(forum, cdn)
        runner = CliRunner()
        done = runner.invoke(app, ["archive", thread.url, "--db", str(db), "--delay", "0",
                                   "--max-media-size", CAP, "--quiet"])  # fmt: skip
        assert done.exit_code == 0, done.output
    # both servers are gone now, and Chromium has no network either
    export = runner.invoke(app, ["export", "900", "--db", str(db), "-f", "html"])
    (tmp_path / "export.html").write_text(export.stdout, encoding="utf-8")
    (tmp_path / "harness.html").write_text(HARNESS, encoding="utf-8")
    shown = chromium("--allow-file-access-from-files", "--virtual-time-budget=5000",
                     "--dump-dom", (tmp_path / "harness.html").as_uri())  # fmt: skip
    found = re.search(r'<pre id="result">(.*?)</pre>', shown.stdout, re.S)
    assert found is not None, shown.stderr[-2000:]
    result = json.loads(found.group(1).replace("&quot;", '"').replace("&amp;", "&"))
    images = result["images"]
    assert len(images) == 10  # 11 pictures shown less the 404 and the too-large one, + smiley
    assert all(i["src"].startswith("data:image/") and i["width"] > 0 for i in images), images
    assert sorted((m["status"], m["url"]) for m in result["missing"]) == sorted(
        [("missing", thread.missing), ("too-large", thread.big)]
    )
    shot = tmp_path / "shot.png"
    chromium(f"--screenshot={shot}", "--window-size=1000,1700", "--hide-scrollbars",
             (tmp_path / "export.html").as_uri())  # fmt: skip
    assert shot.read_bytes().startswith(b"\x89PNG")
    if update_golden:
        (ROOT / "docs").mkdir(exist_ok=True)
        shutil.copyfile(shot, ROOT / "docs" / "media-export.png")
