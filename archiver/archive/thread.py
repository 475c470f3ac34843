"""The archive layer for URLs: fetch a thread's or a board's pages and save each one.

Composes fetch with archive.py's decode-parse-save pipeline; nothing else fetches.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from sqlite_utils import Database

from archiver.archive.files import now_utc
from archiver.archive.pages import (
    Fetched,
    PageCallback,
    PageFetch,
    archive_remote,
    count,
    warn,
    warn_page,
)
from archiver.decode import decode
from archiver.errors import (
    ArchiverError,
    DiscuzMessage,
    HTTPStatusError,
    InputError,
    NotAThreadPage,
    StorageError,
    Unreachable,
)
from archiver.fetch import Fetcher
from archiver.model import ThreadRun
from archiver.parse.api import check_answers
from archiver.store import (
    archived_pages,
    authors_without_panel,
    mark_gone,
    posts_not_read_from,
)
from archiver.urls import (
    ThreadRef,
    api_check_url,
    api_page_url,
    archiver_page_url,
    desktop_page_url,
    findpost_url,
    needs_redirect,
    parse_thread_url,
)

log = logging.getLogger(__name__)


def archive_url(
    db: Database,
    url: str,
    fetcher: Fetcher,
    *,
    full: bool = False,
    timezone: dt.tzinfo | None = None,
    save_html: Path | None = None,
    on_page: PageCallback | None = None,
    source: str = "auto",
    probes: dict[str, str] | None = None,
    with_authors: bool = False,
) -> ThreadRun:
    """Fetch and archive every page of a thread, each committed as it arrives.

    A thread already archived is fetched from page 1 and then from the last archived page
    on (`full` fetches everything); if it grows while we work, the new pages follow.
    `source` is desktop, api (the mobile JSON API), archiver (the text view) or auto: the
    API where the site's `module=check` answers (probed once per site, remembered in
    `probes`), else desktop, and the next rendering when page 1 is unreadable.
    `with_authors` fetches, after an API run, the desktop page of each author whose panel
    (group, rank, counts) the archive has never seen.
    """
    run = ThreadRun(url)
    try:
        ref = parse_thread_url(fetcher.locate(url) if needs_redirect(url) else url)
        chosen = choose_source(fetcher, ref, source, {} if probes is None else probes)
        chosen, first = _first_page(db, fetcher, ref, chosen, source, timezone, save_html)
        if chosen == "archiver":
            warn(run, f"{url}: no other rendering was readable; archived the Archiver text view")
        page_url = _PAGE_URLS[chosen]
        thread = first.thread
        run.site, run.tid = thread.site, thread.tid
        total, last = thread.pages, archived_pages(db, thread.site, thread.tid, chosen)
        count(run, first, on_page, 1, total)
        if first.split:  # desktop shows a [page]-split first post one part a page: ask for all
            whole = archive_remote(db, fetcher, f"{page_url(ref, 1)}&cp=all", timezone, save_html)
            run.pages_fetched += 1
            warn_page(run, whole)
        start = 2 if full or _shrank(first) else max(2, last)
        run.pages_skipped = start - 2
        fetch = PageFetch(db, fetcher, ref, run, page_url, on_page, timezone, save_html)
        fetch.pages(start, total, follow=True)
        if run.pages_skipped and run.floors_moved:  # a post before them went: see them all
            run.pages_skipped = 0
            fetch.pages(2, start - 1, follow=False)
        # every page seen: a pid not on them has gone (the text view shows no pids at all)
        if run.pages_skipped == 0 and run.seen:
            run.posts_gone = mark_gone(
                db, thread.site, thread.tid, run.seen, now_utc().isoformat(timespec="seconds")
            )
        if with_authors and chosen != "desktop":
            _fill_author_panels(db, fetcher, ref, run, thread.site, timezone, save_html)
            unread = posts_not_read_from(db, thread.site, thread.tid, "desktop")
            if unread:  # ratings show only on desktop pages
                text = f"{url}: ratings unknown for {unread} post(s) on desktop pages "
                warn(run, text + "--with-authors did not need; --source desktop reads them all")
    except Unreachable as e:  # name the thread, not the robots.txt or API URL that failed
        e.source = url
        run.error = e
    except ArchiverError as e:
        e.source = e.source or url
        run.error = e
    return run


def _shrank(first: Fetched) -> bool:
    """Page 1 shows fewer replies than the archive had: posts were deleted somewhere."""
    saved = first.outcome.saved
    before, now = (saved.replies_before if saved else None), first.thread.replies
    return before is not None and now is not None and now < before


def _fill_author_panels(
    db: Database,
    fetcher: Fetcher,
    ref: ThreadRef,
    run: ThreadRun,
    site: str,
    timezone: dt.tzinfo | None,
    save_html: Path | None,
) -> None:
    """One desktop page per author still without a panel; each page fills every author on it.

    A page that cannot be read ends the filling with a warning: the thread itself is safe.
    """
    tried: set[int] = set()
    while True:
        missing = [(uid, pid) for uid, pid in authors_without_panel(db, site, ref.tid)
                   if uid not in tried]  # fmt: skip
        if not missing:
            return
        uid, pid = missing[0]
        tried.add(uid)
        url = findpost_url(ref, pid)
        try:
            fetched = archive_remote(db, fetcher, url, timezone, save_html)
        except StorageError:
            raise
        except ArchiverError as e:
            e.source = e.source or url
            warn(run, f"author panels left empty: {e}")
            return
        run.pages_fetched += 1
        run.panel_pages += 1
        warn_page(run, fetched)
        if fetched.thread.site != site:  # its base href names another host
            warn(
                run,
                f"author panels: {url} calls the site {fetched.thread.site}, not {site}; "
                "its panels were saved under that name and no more pages are fetched",
            )
            return


SOURCES = ("desktop", "api", "archiver", "auto")
_PAGE_URLS = {"desktop": desktop_page_url, "api": api_page_url, "archiver": archiver_page_url}


def _first_page(
    db: Database,
    fetcher: Fetcher,
    ref: ThreadRef,
    chosen: str,
    source: str,
    timezone: dt.tzinfo | None,
    save_html: Path | None,
) -> tuple[str, Fetched]:
    """Page 1 from the chosen rendering; for auto, the next one when it is unreadable.

    auto tries the API (if chosen), then the desktop pages, then the Archiver text view. A
    forum's message (login, missing thread) on a page is an answer: it ends the thread. The
    API's own message only moves auto on to the pages, which may be open to guests when the
    API is not; if nothing else is readable, the message is the error.
    """
    order = [chosen]
    if source == "auto":
        order += [r for r in ("desktop", "archiver") if r != chosen]
    errors: list[ArchiverError] = []
    for rendering in order:
        try:
            url = _PAGE_URLS[rendering](ref, 1)
            return rendering, archive_remote(db, fetcher, url, timezone, save_html)
        except DiscuzMessage as e:
            if source != "auto" or rendering != "api":
                raise
            errors.append(e)
        except (NotAThreadPage, HTTPStatusError) as e:
            if isinstance(e, HTTPStatusError) and e.status not in (403, 404):
                raise  # the server is struggling: asking it for more would not help
            errors.append(e)
        log.info("%s: %s; trying the next rendering", ref.base, errors[-1])
    raise next((e for e in errors if isinstance(e, DiscuzMessage)), errors[0])


def choose_source(fetcher: Fetcher, ref: ThreadRef, source: str, probes: dict[str, str]) -> str:
    """desktop or api; for auto, ask the site's mobile API `check` module once."""
    if source not in SOURCES:
        raise InputError(f"use one of {', '.join(SOURCES)}", source=f"--source {source}")
    if source != "auto":
        return source
    if ref.site not in probes:
        probes[ref.site] = "api" if _api_answers(fetcher, ref) else "desktop"
    return probes[ref.site]


def _api_answers(fetcher: Fetcher, ref: ThreadRef) -> bool:
    try:
        page = fetcher.fetch(api_check_url(ref))
    except Unreachable:
        raise
    except ArchiverError:
        return False
    return page.status in (None, 200) and check_answers(decode(page.content, page.charset).text)
