"""What crosses the layers around a page: fetched bytes, captures, saves and runs."""

from __future__ import annotations

import datetime as dt
import email.utils
from collections.abc import MutableMapping
from dataclasses import dataclass, field

from archiver.errors import ArchiverError
from archiver.model.thread import ThreadPage


@dataclass(frozen=True)
class Page:
    """Raw bytes of one page with where and when they came from."""

    source: str
    content: bytes
    fetched_at: dt.datetime
    charset: str | None = None
    status: int | None = None
    headers: dict[str, str] = field(default_factory=dict)
    url: str | None = None
    with_login: bool = False  # the request carried the user's cookies
    redactions: tuple[str, ...] = ()  # kinds of login material removed (archiver.redact)
    capture: Capture | None = None  # where in a web archive (WARC, WACZ, MHTML) it was read

    @property
    def shown_at(self) -> dt.datetime:
        """When the page was as it shows: a web archive's capture time (its Memento-Datetime
        header, as the Wayback Machine sends), else when it was fetched; relative times
        (3 天前) count from it."""
        memento = next((v for k, v in self.headers.items() if k.lower() == "memento-datetime"), "")
        try:
            when = email.utils.parsedate_to_datetime(memento) if memento else None
        except (TypeError, ValueError):
            when = None
        return when if when is not None and when.tzinfo is not None else self.fetched_at


@dataclass(frozen=True)
class Capture:
    """A page's place in a web archive: the file, its record's id and byte offset."""

    file: str
    record_id: str | None = None
    offset: int | None = None


@dataclass
class CaptureTally:
    """What reading web archives met besides the pages it archived."""

    records: int = 0  # response, resource and revisit records (MHTML parts) read
    not_pages: int = 0  # not a Discuz! thread page: skipped from headers and first bytes
    known: int = 0  # the same bytes are already archived: skipped without parsing
    boards: int = 0  # board thread lists saved (boards, board_threads), from files too
    passed_over: int = 0  # pages found in folders that are not thread pages (archive/folders.py)
    # where each media answer lies, by URL, and each page-like response, by payload digest (for
    # revisits in any file of the run); archive_files keeps both on disk (fetch/places.py)
    media: MutableMapping[str, RecordPlace] = field(default_factory=dict, repr=False)
    originals: MutableMapping[str, RecordPlace] = field(default_factory=dict, repr=False)


@dataclass(frozen=True)
class RecordPlace:
    """Where a web archive holds a record, so it is read again with one seek, not a second pass."""

    path: str  # the file to open again
    label: str  # what the run called it (its name in capture_file)
    inner: str  # the WARC it is in: the label, or label#member inside a WACZ
    offset: int
    ok: bool  # a 200 answer (a media answer kept over an error answer for the same URL)


@dataclass(frozen=True)
class BoardThread:
    """One row of the thread list."""

    tid: int
    subject: str
    author: str | None
    uid: int | None
    replies: int | None
    views: int | None
    last_poster: str | None
    last_post_text: str | None
    last_post_at: str | None
    sticky: bool
    # what the list shows beside the subject (None: not shown there)
    thread_type: str | None = None  # 主题分类, with its typeid
    thread_type_id: int | None = None
    sort_name: str | None = None  # 分类信息, with its sortid
    sort_id: int | None = None
    digest: int | None = None  # 精华 level (its icon)
    sticky_level: int | None = None  # 置顶 1 this forum, 2 its category, 3 the site (pin icon)
    price: int | None = None  # 售价 N: a paid thread
    readperm: int | None = None  # 阅读权限 N
    moved_to: int | None = None  # 移动: a moved thread's stub row links the thread's new tid


@dataclass(frozen=True)
class BoardPage:
    """One page of a forum's thread list."""

    site: str
    fid: int | None
    name: str | None
    page: int
    pages: int
    threads: list[BoardThread]


# What a run did: the composer reports these to the command line.


@dataclass
class SaveResult:
    """What saving one page changed."""

    page_id: int
    posts_new: int = 0
    posts_changed: int = 0
    posts_unchanged: int = 0
    replies_before: int | None = None  # the thread's reply count before this page 1 was saved
    floors_moved: int = 0  # posts archived before whose shown floor is now another


@dataclass
class Outcome:
    """What happened to one input."""

    source: str
    parsed: ThreadPage | None = None
    page: Page | None = None  # the page as stored: login material removed
    key: tuple[str, int] | None = None  # (site, tid) of the page saved
    saved: SaveResult | None = None
    error: ArchiverError | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class ThreadRun:
    """What archiving one thread from its URL did."""

    url: str
    site: str | None = None
    tid: int | None = None
    pages_fetched: int = 0
    pages_skipped: int = 0
    posts_new: int = 0
    posts_changed: int = 0
    posts_gone: int = 0
    floors_moved: int = 0  # archived posts now shown at another floor
    panel_pages: int = 0  # desktop pages fetched for --with-authors
    seen: set[int] = field(default_factory=set)  # pids on the pages fetched
    error: ArchiverError | None = None
    warnings: list[str] = field(default_factory=list)
    media: dict[str, int] = field(default_factory=dict)  # media status -> files this run


@dataclass(frozen=True)
class MediaOffer:
    """A media answer already in hand (a web archive's record): no network is used for it."""

    site: str  # the forum whose posts show it (threads.site)
    url: str  # as the post shows it
    http_status: int | None
    headers: dict[str, str]
    content: bytes | None
    final_url: str | None = None
    fetched_at: str | None = None


@dataclass
class BoardRun:
    """What walking one board and archiving its threads did."""

    url: str
    site: str | None = None
    fid: int | None = None
    pages_walked: int = 0
    threads_listed: int = 0
    threads_unchanged: int = 0
    runs: list[ThreadRun] = field(default_factory=list)
    error: ArchiverError | None = None
