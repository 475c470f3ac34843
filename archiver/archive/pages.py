"""Archiving one fetched page of a thread, and the counting and warnings each page adds."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlite_utils import Database

from archiver.archive.files import prepare_page, save_prepared
from archiver.errors import HTTPStatusError, NotAThreadPage
from archiver.fetch import Fetcher
from archiver.model import Outcome, Page, Thread, ThreadRun
from archiver.sniff import BOT_CHECK_ADVICE, BOT_CHECK_PAGE, bot_check
from archiver.urls import ThreadRef

log = logging.getLogger(__name__)

PageCallback = Callable[[ThreadRun, int, int], None]


@dataclass
class Fetched:
    thread: Thread
    outcome: Outcome
    thread_posts: list[int]
    split: bool = False  # the page shows one part of a [page]-split post (desktop `cp=N`)


def archive_remote(
    db: Database,
    fetcher: Fetcher,
    url: str,
    timezone: dt.tzinfo | None,
    save_html: Path | None,
) -> Fetched:
    page = fetcher.fetch(url)
    try:
        prepared = prepare_page(page, timezone)
    except NotAThreadPage:
        if page.status in (403, 404):
            raise status_error(page, url, "no Discuz! page; check the URL") from None
        raise
    outcome = save_prepared(db, prepared, None)
    thread = prepared.parsed.thread
    if save_html is not None:
        save_copy(save_html, thread, prepared.page)  # the page as stored: redacted
    posts = prepared.parsed.posts
    return Fetched(thread, outcome, [p.pid for p in posts], any(p.body_part for p in posts))


def status_error(page: Page, source: str, what: str) -> HTTPStatusError:
    """An error answer without the page asked for: a bot check is named, with what to do."""
    checker = bot_check(page.content)
    if checker is not None:
        what = f"{BOT_CHECK_PAGE.format(checker)}; {BOT_CHECK_ADVICE}"
    return HTTPStatusError(f"HTTP {page.status}: {what}", source=source, status=page.status or 0)


def save_copy(folder: Path, thread: Thread, page: Page) -> None:
    """Write the page as stored (login material removed), under a name `archive` reads back.

    A page fetched with the user's login is readable by its owner only: it may show what
    guests may not see.
    """
    target = folder / thread.site.replace("/", "_").replace(":", "_")
    target.mkdir(parents=True, exist_ok=True)
    path = target / f"{thread.tid}-p{thread.page}.html"
    if page.with_login:
        path.touch(mode=0o600)
        path.chmod(0o600)  # an existing file keeps its mode through touch
    path.write_bytes(page.content)


def warn(run: ThreadRun, text: str) -> None:
    run.warnings.append(text)
    log.warning("%s", text)


def warn_page(run: ThreadRun, fetched: Fetched) -> None:
    for text in fetched.outcome.warnings:
        warn(run, f"{fetched.outcome.source}: {text}")


def count(
    run: ThreadRun, fetched: Fetched, on_page: PageCallback | None, number: int, total: int
) -> None:
    saved = fetched.outcome.saved
    run.pages_fetched += 1
    warn_page(run, fetched)
    run.seen.update(fetched.thread_posts)
    if saved is not None:
        run.posts_new += saved.posts_new
        run.posts_changed += saved.posts_changed
        run.floors_moved += saved.floors_moved
    if on_page is not None:
        on_page(run, number, total)


@dataclass
class PageFetch:
    """Everything archiving one more page of this thread needs."""

    db: Database
    fetcher: Fetcher
    ref: ThreadRef
    run: ThreadRun
    page_url: Callable[[ThreadRef, int], str]
    on_page: PageCallback | None
    timezone: dt.tzinfo | None
    save_html: Path | None

    def pages(self, first: int, last: int, *, follow: bool) -> None:
        """Archive pages first..last; with `follow`, also the pages the thread gains meanwhile."""
        number = first
        while number <= last:
            url = self.page_url(self.ref, number)
            outcome = archive_remote(self.db, self.fetcher, url, self.timezone, self.save_html)
            last = max(last, outcome.thread.pages) if follow else last
            count(self.run, outcome, self.on_page, number, last)
            number += 1
