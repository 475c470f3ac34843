"""One command's way to the forums: one client and one fetcher for every URL it touches.

The per-host delay, the robots.txt cache and the retry budget live in the fetcher, so they
hold across every thread, page and board page of one `archive`, `refresh` or `archive-board`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path
from types import TracebackType

from sqlite_utils import Database

from archiver.archive.board import archive_board
from archiver.archive.media import MediaOptions, MediaStep
from archiver.archive.pages import PageCallback
from archiver.archive.thread import archive_url
from archiver.errors import ArchiverError, InputError
from archiver.fetch import (
    USER_AGENT,
    Cookies,
    Fetcher,
    load_cookies,
    make_client,
    no_cookies,
    parse_cookie_header,
)
from archiver.fetch.auth import auth_path, load_auth
from archiver.fetch.media import MediaFetcher
from archiver.fetch.warc_write import WarcRecorder
from archiver.model import BoardRun, ThreadRun
from archiver.store import media_targets
from archiver.urls import site_of

ErrorCallback = Callable[[ArchiverError], None]


@dataclass(frozen=True)
class WebOptions:
    """How to reach forums: login, politeness, and what to fetch."""

    cookies: Path | None = None  # a Netscape cookies.txt
    cookie: str | None = None  # a Cookie header, for every site of the run
    delay: float = 1.0
    retries: int = 4
    timeout: float = 30.0
    ignore_robots: bool = False
    full: bool = False
    save_html: Path | None = None
    source: str = "auto"
    with_authors: bool = False
    proxy: str | None = None  # http://, https:// or socks5:// URL
    user_agent: str | None = None  # instead of the tool's own name and version
    media: MediaOptions = MediaOptions()
    warc: Path | None = None  # also write every request and response into this WARC file


class Session:
    """One client and one fetcher, with the cookies of every site the run will visit."""

    def __init__(
        self,
        options: WebOptions,
        urls: Iterable[str],
    ) -> None:
        self.options = options
        jar = _cookies(options, urls)
        self.client = make_client(
            cookies=jar, timeout=options.timeout, proxy=options.proxy,
            user_agent=options.user_agent,
        )  # fmt: skip
        self.recorder = _recorder(options)
        self.fetcher = Fetcher(
            self.client,
            delay=options.delay,
            retries=options.retries,
            ignore_robots=options.ignore_robots,
            recorder=self.recorder,
        )
        self.probes: dict[str, str] = {}  # site -> the rendering auto chose, asked once
        self.media = MediaFetcher(
            self.fetcher, max_bytes=options.media.max_size, proxy=options.proxy
        )
        self._steps: dict[int, MediaStep] = {}

    def media_step(self, db: Database) -> MediaStep:
        """The run's media work on this database (one budget across every thread)."""
        if id(db) not in self._steps:
            self._steps[id(db)] = MediaStep(db, self.media, self.options.media)
        return self._steps[id(db)]

    def keep_media(self, db: Database, run: ThreadRun) -> None:
        """After a thread's pages: the pictures and files its posts show, if the run keeps them."""
        if self.options.media.fetch and run.site is not None and run.tid is not None:
            self.media_step(db).keep(run.site, run.tid, run.media)

    def thread(
        self,
        db: Database,
        url: str,
        timezone: dt.tzinfo | None,
        on_page: PageCallback | None = None,
    ) -> ThreadRun:
        """Archive one thread from its URL with this session's fetcher."""
        o = self.options
        run = archive_url(
            db, url, self.fetcher, full=o.full, timezone=timezone, save_html=o.save_html,
            on_page=on_page, source=o.source, probes=self.probes, with_authors=o.with_authors,
        )  # fmt: skip
        self.keep_media(db, run)
        return run

    def close(self) -> None:
        self.media.close()
        self.client.close()
        if self.recorder is not None:
            self.recorder.close()

    def __enter__(self) -> Session:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()


def _recorder(options: WebOptions) -> WarcRecorder | None:
    """The --warc writer; its warcinfo record lists the options, never the cookies."""
    if options.warc is None:
        return None
    settings = {k: v for k, v in asdict(options).items() if k not in ("cookie", "cookies")}
    return WarcRecorder(options.warc, USER_AGENT, settings)


def _cookies(options: WebOptions, urls: Iterable[str]) -> Cookies:
    """Cookies from --cookies, else --cookie or the auth store for each site, in that order."""
    if options.cookies is not None:
        return load_cookies(options.cookies)
    jar = no_cookies()
    stored: dict[str, str] | None = None
    for site in sorted({site_of(url) for url in urls}):
        if options.cookie is None and stored is None:
            stored = load_auth(auth_path())
        header = options.cookie or (stored or {}).get(site)
        if header:
            for cookie in parse_cookie_header(header, site).jar:
                jar.jar.set_cookie(cookie)
    return jar


def archive_urls(
    db: Database,
    urls: list[str],
    options: WebOptions,
    *,
    timezone: dt.tzinfo | None = None,
    on_page: PageCallback | None = None,
    on_error: ErrorCallback | None = None,
) -> list[ThreadRun]:
    """Archive every thread URL through one session; a failed thread does not stop the rest."""
    runs: list[ThreadRun] = []
    with Session(options, urls) as session:
        for url in urls:
            run = session.thread(db, url, timezone, on_page)
            runs.append(run)
            if run.error is not None and on_error is not None:
                on_error(run.error)
    return runs


def refresh_threads(
    db: Database,
    targets: list[tuple[str, int, str | None]],
    options: WebOptions,
    *,
    timezone: dt.tzinfo | None = None,
    on_page: PageCallback | None = None,
    on_error: ErrorCallback | None = None,
) -> list[ThreadRun]:
    """Bring archived threads up to date: (site, tid, URL) from `store.refresh_targets`."""
    runs = [ThreadRun(f"{site} tid {tid}", site, tid) for site, tid, url in targets if not url]
    for run in runs:
        run.error = InputError("no base URL known for this thread; archive it from its URL")
        if on_error is not None:
            on_error(run.error)
    urls = [url for _, _, url in targets if url]
    if urls:
        runs += archive_urls(
            db, urls, options, timezone=timezone, on_page=on_page, on_error=on_error
        )
    return runs


def archive_board_url(
    db: Database,
    url: str,
    options: WebOptions,
    *,
    since: str | None = None,
    limit: int | None = None,
    timezone: dt.tzinfo | None = None,
    on_thread: Callable[[ThreadRun], None] | None = None,
    on_page: PageCallback | None = None,
) -> BoardRun:
    """Walk a board and archive its new or changed threads through one session."""
    with Session(options, [url]) as session:

        def thread_done(run: ThreadRun) -> None:
            session.keep_media(db, run)
            if on_thread is not None:
                on_thread(run)

        o = options
        return archive_board(
            db, url, session.fetcher, since=since, limit=limit, full=o.full, timezone=timezone,
            save_html=o.save_html, on_thread=thread_done, source=o.source, probes=session.probes,
            with_authors=o.with_authors, on_page=on_page,
        )  # fmt: skip


def archive_media(
    db: Database, options: WebOptions, targets: list[tuple[str, int | None, str]]
) -> dict[str, int]:
    """Fetch what the archive lacks for (site, tid or None, base URL) targets; counts by status."""
    counts: dict[str, int] = {}
    with Session(options, [url for _, _, url in targets]) as session:
        step = session.media_step(db)
        for site, tid, _ in targets:
            step.keep(site, tid, counts)
    return counts


def archive_media_of(
    db: Database, options: WebOptions, keys: Iterable[tuple[str, int]]
) -> dict[str, int]:
    """Fetch what the archive lacks for these threads (saved files archived with --media)."""
    wanted = set(keys)
    targets = [t for t in media_targets(db) if (t[0], t[1]) in wanted]
    return archive_media(db, options, targets) if targets else {}
