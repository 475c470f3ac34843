"""One run, one fetcher: the delay and robots.txt hold across every URL of a command."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from archiver.cli import app

from .discuz_server import DiscuzServer, page, start_server
from .pagegen import thread_page

DELAY = 1.0
ROBOTS = "User-agent: *\nDisallow: /bbs/admin.php\n"


def serve(server: DiscuzServer, tids: tuple[int, ...], pages: int = 2) -> None:
    server.route("/robots.txt", page(ROBOTS, content_type="text/plain"))
    base = server.url("/bbs/")
    for tid in tids:
        for number in range(1, pages + 1):
            html = thread_page(tid=tid, page=number, pages=pages, posts_per_page=5, base=base)
            server.route(f"/bbs/forum.php?mod=viewthread&tid={tid}&page={number}", page(html))


def gaps(times: list[float]) -> list[float]:
    return [later - earlier for earlier, later in zip(times, times[1:], strict=False)]


def run(*args: str) -> dict:
    options = ["--delay", str(DELAY), "--source", "desktop", "--json"]
    result = CliRunner().invoke(app, [*args, *options])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_two_threads_of_one_host_share_the_delay_and_one_robots_txt(tmp_path):
    db = str(tmp_path / "archive.db")
    with start_server({}) as server:
        serve(server, (91, 92))
        urls = [server.url(f"/bbs/thread-{tid}-1-1.html") for tid in (91, 92)]
        summary = run("archive", *urls, "--db", db)
        assert (summary["threads"], summary["pages_fetched"]) == (2, 4)
        assert server.count("/robots.txt") == 1
        pages = [p for _, p in server.requests if "/data/attachment/" not in p]
        assert len(pages) == 5  # robots.txt, then two pages of each thread (and their pictures)
        assert min(gaps(server.request_times)) >= DELAY, gaps(server.request_times)
        # a refresh of both threads: one more fetcher, again one robots.txt and the delay
        first = len(server.requests)
        summary = run("refresh", "--db", db)
        assert summary["errors"] == 0 and summary["pages_fetched"] == 4
        assert server.count("/robots.txt") == 2
        later = server.request_times[first:]
        assert len(later) == 5  # pictures answered in the first run are not asked for again
        assert min(gaps(later)) >= DELAY, gaps(later)
