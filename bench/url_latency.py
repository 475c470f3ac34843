"""Archive a 50-page thread from a local server that adds latency, against the latency floor.

    python bench/url_latency.py [--pages 50] [--latency 0.05] [--delay 0.1]
    python bench/url_latency.py --memory [--pages 1000]


The floor is pages x (latency + delay): what a perfectly polite archiver must spend. The
overhead is how much longer the real run takes (goal: under 10%). Everything runs on
127.0.0.1; nothing touches the internet.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from archiver.archive import archive_url  # noqa: E402
from archiver.fetch import Fetcher, make_client  # noqa: E402
from archiver.store import open_db  # noqa: E402
from tests.discuz_server import page, slow, start_server  # noqa: E402
from tests.pagegen import thread_page  # noqa: E402

TID = 90001


# Runs the CLI (`python -m archiver …`) and writes the process's own peak RSS (VmHWM) to the
# file named first. Not ru_maxrss of the child: Linux carries the high-water mark of the
# process that forks over the exec, so a child of this benchmark, whose test server holds
# every page in memory, would report this process's size (which grows with --pages).
_CHILD = """
import atexit, runpy, sys
out = sys.argv.pop(1)
def report():
    with open("/proc/self/status") as status, open(out, "w") as target:
        target.write(next(line.split()[1] for line in status if line.startswith("VmHWM:")))
atexit.register(report)
sys.argv[0] = "discuz-archiver"
runpy.run_module("archiver", run_name="__main__", alter_sys=True)
"""


def peak_rss_mb(server_url: str, pages: int, folder: str) -> float:
    """Peak RSS of `discuz-archiver archive URL` in a child process archiving `pages` pages."""
    report = Path(folder) / f"peak-{pages}.txt"
    subprocess.run(
        [sys.executable, "-c", _CHILD, str(report), "archive", server_url, "--db",
         f"{folder}/m{pages}.db", "--delay", "0", "--quiet"],
        check=True, cwd=Path(__file__).resolve().parent.parent, capture_output=True,
    )  # fmt: skip
    return int(report.read_text()) / 1024


def memory_figures(pages: int) -> dict[int, float]:
    """Peak RSS (MB) archiving a thread of pages // 10 and of `pages` pages from the server."""
    figures = {}
    for count in (pages // 10, pages):
        tid = TID + count
        routes = {
            f"/bbs/forum.php?mod=viewthread&tid={tid}&page={n}": page(
                thread_page(tid=tid, page=n, pages=count, posts_per_page=20,
                            base="http://bench.example/bbs/")
            )
            for n in range(1, count + 1)
        }  # fmt: skip
        with start_server(routes) as server, tempfile.TemporaryDirectory() as folder:
            figures[count] = peak_rss_mb(server.url(f"/bbs/thread-{tid}-1-1.html"), count, folder)
    return figures


def memory(pages: int) -> None:
    """Peak memory archiving a thread from the local server: flat in the number of pages?"""
    figures = memory_figures(pages)
    small, large = pages // 10, pages
    ratio = figures[large] / figures[small]
    print(f"peak RSS from the local server, {small} pages   {figures[small]:.0f} MB")
    print(f"peak RSS from the local server, {large} pages   {figures[large]:.0f} MB")
    verdict = "ok" if figures[large] < 150 and ratio <= 1.10 else "MISSED"
    print(f"ratio {ratio:.2f} (goal: under 150 MB and flat, <= 1.10): {verdict}")


@dataclass(frozen=True)
class Latency:
    """One timed run against the floor a perfectly polite archiver must spend."""

    pages: int
    posts: int
    wall: float
    floor: float

    @property
    def overhead(self) -> float:
        return self.wall / self.floor - 1


def latency_run(pages: int, latency: float, delay: float) -> Latency:
    """Archive a `pages`-page thread whose every response takes `latency` seconds."""
    routes = {
        f"/bbs/forum.php?mod=viewthread&tid={TID}&page={n}": slow(
            latency,
            then=page(thread_page(tid=TID, page=n, pages=pages, posts_per_page=20,
                                  base="http://bench.example/bbs/")),
        )
        for n in range(1, pages + 1)
    }  # fmt: skip
    with start_server(routes) as server, tempfile.TemporaryDirectory() as folder:
        db = open_db(Path(folder) / "bench.db")
        with make_client(timeout=10) as client:
            fetcher = Fetcher(client, delay=delay, retries=0)
            started = time.perf_counter()
            run = archive_url(
                db, server.url(f"/bbs/thread-{TID}-1-1.html"), fetcher, source="desktop"
            )
            wall = time.perf_counter() - started
    assert run.error is None, run.error
    return Latency(run.pages_fetched, run.posts_new, wall, pages * (latency + delay))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--latency", type=float, default=0.05, help="seconds added per response")
    parser.add_argument("--delay", type=float, default=0.1, help="politeness delay in seconds")
    parser.add_argument("--memory", action="store_true", help="measure peak memory instead")
    args = parser.parse_args()
    if args.memory:
        memory(args.pages if args.pages != 50 else 1000)
        return
    result = latency_run(args.pages, args.latency, args.delay)
    print(f"pages fetched      {result.pages}")
    print(f"posts archived     {result.posts}")
    print(f"wall time          {result.wall:.2f} s")
    print(f"latency floor      {result.floor:.2f} s  (pages x (latency + delay))")
    verdict = "ok" if result.overhead < 0.10 else "MISSED"
    print(f"overhead           {result.overhead:+.1%}  (goal < 10%): {verdict}")


if __name__ == "__main__":
    main()
