"""Walking a board's thread list and archiving each thread that is new or changed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from sqlite_utils import Database

from archiver.archive.files import now_utc
from archiver.archive.pages import PageCallback, status_error
from archiver.archive.thread import archive_url
from archiver.decode import decode
from archiver.errors import ArchiverError, NotAThreadPage
from archiver.fetch import Fetcher
from archiver.fetch.files import check_bytes
from archiver.model import BoardRun, BoardThread, ThreadRun
from archiver.parse.board import parse_board
from archiver.store import (
    board_thread_changed,
    finish_board_walk,
    mark_board_thread_archived,
    save_board_page,
)
from archiver.urls import BoardRef, board_page_url, parse_board_url, thread_url


def archive_board(
    db: Database,
    url: str,
    fetcher: Fetcher,
    *,
    since: str | None = None,
    limit: int | None = None,
    full: bool = False,
    timezone: dt.tzinfo | None = None,
    save_html: Path | None = None,
    on_thread: Callable[[ThreadRun], None] | None = None,
    source: str = "auto",
    probes: dict[str, str] | None = None,
    with_authors: bool = False,
    on_page: PageCallback | None = None,
) -> BoardRun:
    """Walk a board's thread list and archive each thread that is new or has changed.

    The list is ordered by last post, so with `since` the walk stops at the first page whose
    threads are all older. A thread whose reply count and last post match what was archived
    last time is skipped (`full` archives every listed thread again).
    """
    board_run = BoardRun(url)
    try:
        ref = parse_board_url(url)
        listed = _walk_board(db, ref, fetcher, board_run, since, limit, timezone)
    except ArchiverError as e:
        e.source = e.source or url
        board_run.error = e
        return board_run
    site = board_run.site or ref.site
    probes = {} if probes is None else probes
    for item in listed:
        if not full and not board_thread_changed(db, site, item):
            board_run.threads_unchanged += 1
            continue
        run = archive_url(
            db, thread_url(ref.base, item.tid), fetcher, full=full, timezone=timezone,
            save_html=save_html, source=source, probes=probes, with_authors=with_authors,
            on_page=on_page,
        )  # fmt: skip
        if run.error is None:
            mark_board_thread_archived(db, site, item, now_utc().isoformat(timespec="seconds"))
        board_run.runs.append(run)
        if on_thread is not None:
            on_thread(run)
    return board_run


def _walk_board(
    db: Database,
    ref: BoardRef,
    fetcher: Fetcher,
    board_run: BoardRun,
    since: str | None,
    limit: int | None,
    timezone: dt.tzinfo | None,
) -> list[BoardThread]:
    """Fetch list pages until the end, the `since` horizon or the `limit`; record each."""
    listed: dict[int, BoardThread] = {}
    number, total = 1, 1
    while number <= total:
        page = fetcher.fetch(board_page_url(ref, number))
        check_bytes(page)
        try:
            board = parse_board(
                decode(page.content, page.charset).text, page.url or page.source,
                timezone=timezone, now=page.shown_at,
            )  # fmt: skip
        except NotAThreadPage:
            if page.status is None or page.status < 400:
                raise
            what = "the forum has no such board here; check the URL's fid"
            raise status_error(page, page.url or page.source, what) from None
        save_board_page(db, board, page.url or page.source, now_utc().isoformat(timespec="seconds"))
        board_run.site, board_run.fid = board.site, board.fid
        board_run.pages_walked += 1
        total = board.pages
        fresh = [t for t in board.threads if since is None or (t.last_post_at or "") >= since]
        for item in fresh:
            listed.setdefault(item.tid, item)
        if since is not None and not any(not t.sticky for t in fresh):
            break  # the list is ordered by last post: everything further on is older
        if limit is not None and len(listed) >= limit:
            break
        number += 1
    items = list(listed.values())[:limit] if limit is not None else list(listed.values())
    board_run.threads_listed = len(items)
    if board_run.site is not None and board_run.fid is not None:
        finish_board_walk(db, board_run.site, board_run.fid, board_run.pages_walked, len(items))
    return items
