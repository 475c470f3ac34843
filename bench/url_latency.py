"""Archive a 50-page thread from a local server that adds latency, against the latency floor.

    python bench/url_latency.py [--pages 50] [--latency 0.05] [--delay 0.1]

The floor is pages x (latency + delay): what a perfectly polite archiver must spend. The
overhead is how much longer the real run takes (goal: under 10%). Everything runs on
127.0.0.1; nothing touches the internet.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from archiver.archive import archive_url  # noqa: E402
from archiver.fetch import Fetcher, make_client  # noqa: E402
from archiver.store import open_db  # noqa: E402
from tests.discuz_server import page, slow, start_server  # noqa: E402
from tests.pagegen import thread_page  # noqa: E402

TID = 90001


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=50)
    parser.add_argument("--latency", type=float, default=0.05, help="seconds added per response")
    parser.add_argument("--delay", type=float, default=0.1, help="politeness delay in seconds")
    args = parser.parse_args()
    routes = {
        f"/bbs/forum.php?mod=viewthread&tid={TID}&page={n}": slow(
            args.latency,
            then=page(thread_page(tid=TID, page=n, pages=args.pages, posts_per_page=20,
                                  base="http://bench.example/bbs/")),
        )
        for n in range(1, args.pages + 1)
    }  # fmt: skip
    with start_server(routes) as server, tempfile.TemporaryDirectory() as folder:
        db = open_db(Path(folder) / "bench.db")
        with make_client(timeout=10) as client:
            fetcher = Fetcher(client, delay=args.delay, retries=0)
            started = time.perf_counter()
            run = archive_url(db, server.url(f"/bbs/thread-{TID}-1-1.html"), fetcher)
            wall = time.perf_counter() - started
    assert run.error is None, run.error
    floor = args.pages * (args.latency + args.delay)
    overhead = wall / floor - 1
    print(f"pages fetched      {run.pages_fetched}")
    print(f"posts archived     {run.posts_new}")
    print(f"wall time          {wall:.2f} s")
    print(f"latency floor      {floor:.2f} s  (pages x (latency + delay))")
    print(
        f"overhead           {overhead:+.1%}  (goal < 10%): {'ok' if overhead < 0.10 else 'MISSED'}"
    )


if __name__ == "__main__":
    main()
