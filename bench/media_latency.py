"""Keep the media of a thread from local servers that add latency, against the latency floor.

    python bench/media_latency.py [--pictures 50] [--latency 0.05] [--delay 0.1]

The thread is tests/mediagen.py's (every kind of media, on two loopback servers) plus
`--pictures` more attachment images. Its page is archived first with --no-media; then the
media step alone is timed (`archive_media`, what `discuz-archiver media` runs). The floor is
what a perfectly polite fetcher must spend: every request the step made after its first
(robots.txt and redirects included, read from the servers' own logs) x delay, plus latency
for each answer that had it. Overhead is how much longer the real step takes (goal: under 10%).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from archiver.archive import MediaOptions, WebOptions, archive_media, archive_urls  # noqa: E402
from archiver.store import media_targets, open_db  # noqa: E402
from tests.discuz_server import start_server  # noqa: E402
from tests.mediagen import MediaThread  # noqa: E402


@dataclass(frozen=True)
class MediaLatency:
    files: int
    requests: int
    saved: int
    wall: float
    floor: float

    @property
    def overhead(self) -> float:
        return self.wall / self.floor - 1


def media_run(pictures: int, latency: float, delay: float) -> MediaLatency:
    """Time the media step over a thread of 8 + `pictures` media posts."""
    with start_server({}) as forum, start_server({}) as cdn, tempfile.TemporaryDirectory() as d:
        thread = MediaThread(forum, cdn, extra=pictures, wait=latency)
        db = open_db(Path(d) / "bench.db")
        page_only = WebOptions(delay=0, media=MediaOptions(fetch=False))
        assert archive_urls(db, [thread.url], page_only)[0].error is None
        before = (len(forum.requests), len(cdn.requests))
        web = WebOptions(delay=delay, retries=0, media=MediaOptions())
        started = time.perf_counter()
        counts = archive_media(db, web, media_targets(db))
        wall = time.perf_counter() - started
        slowed = {"/" + u.split("/", 3)[3] for u, _ in thread.bytes.items()} - {
            "/" + thread.moved.split("/", 3)[3]
        }
        asked = forum.requests[before[0] :] + cdn.requests[before[1] :]
        requests = len(asked)
        waited = sum(1 for _, path in asked if path in slowed)
    floor = (requests - 1) * delay + waited * latency  # a new fetcher: the first waits not
    return MediaLatency(sum(counts.values()), requests, counts.get("saved", 0), wall, floor)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pictures", type=int, default=50)
    parser.add_argument("--latency", type=float, default=0.05, help="seconds added per answer")
    parser.add_argument("--delay", type=float, default=0.1, help="politeness delay in seconds")
    args = parser.parse_args()
    result = media_run(args.pictures, args.latency, args.delay)
    print(f"media files        {result.files} ({result.saved} saved)")
    print(f"requests           {result.requests}")
    print(f"wall time          {result.wall:.2f} s")
    print(f"latency floor      {result.floor:.2f} s  (requests x delay + answers x latency)")
    verdict = "ok" if result.overhead < 0.10 else "MISSED"
    print(f"overhead           {result.overhead:+.1%}  (goal < 10%): {verdict}")


if __name__ == "__main__":
    main()
