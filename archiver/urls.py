"""Thread URLs: which Discuz! thread a URL points at, and the URL of each of its desktop pages.

Pure string work, no I/O. Forms accepted (markup spec §6, §8.4), under any install path:
`forum.php?mod=viewthread&tid=T[&page=N]…`, rewritten `thread-T-N-L.html`,
`forum.php?mod=redirect&goto=findpost&ptid=T&pid=P` (and `goto=lastpost&tid=T`) and the
archiver's `archiver/?tid-T.html[&page=N]`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import SplitResult, parse_qsl, quote, urlsplit

from archiver.errors import InputError
from archiver.replay import original_url

ACCEPTED_FORMS = (
    "http(s)://HOST[/PATH]/forum.php?mod=viewthread&tid=N[&page=P]",
    "…/thread-N-P-L.html",
    "…/forum.php?mod=redirect&goto=findpost&ptid=N&pid=ID",
    "…/forum.php?mod=redirect&goto=findpost&pid=ID (followed to its thread)",
    "…/archiver/?tid-N.html",
)

_DEFAULT_PORTS = {"http": 80, "https": 443}
_REWRITTEN = re.compile(r"thread-(\d+)-(\d+)-\d+\.html", re.IGNORECASE)
_ARCHIVER_TID = re.compile(r"(?:^|&)tid-(\d+)\.html(?:&|$)")
_ARCHIVER_PAGE = re.compile(r"(?:^|&)page=(\d+)(?:&|$)")
# `page=N` counts other floors under these: touch (mobilepostperpage), views, ordertype
_OTHER_PAGING = ("authorid", "stand", "ordertype", "mobile")
# Folders below an install's root whose pages still belong to that install.
_SUBFOLDERS = ("archiver/", "api/mobile/")


@dataclass(frozen=True)
class ThreadRef:
    """One thread of one forum install, and the desktop page a URL pointed at (1 if unknown)."""

    base: str  # scheme://host[:port]/install/path/ ending in '/'
    tid: int
    page: int = 1

    def __post_init__(self) -> None:
        if not self.base.endswith("/"):
            raise ValueError(f"ThreadRef.base must end with '/': {self.base!r}")
        if self.tid < 1 or self.page < 1:
            raise ValueError(f"ThreadRef tid and page must be positive: {self.tid}, {self.page}")

    @property
    def site(self) -> str:
        """Host[:port] plus install path, e.g. "bbs.example.cn/bbs": the key tids are unique in."""
        return site_of(self.base)


@dataclass(frozen=True)
class _Parts:
    """A URL cut where Discuz cares: install origin, folder, script or file name, query."""

    origin: str  # scheme://host[:port], lowercased, default port dropped
    netloc: str  # host[:port] as in origin
    folder: str  # path up to and including its last '/'
    name: str  # last path segment ("" for a folder)
    query: str


def parse_thread_url(url: str) -> ThreadRef:
    """Tell which thread (and desktop page) a pasted thread URL points at.

    :raises InputError: the URL is not one of `ACCEPTED_FORMS`.
    """
    parts = _split(url)
    found = _dynamic(parts) or _rewritten(parts) or _archiver(parts)
    if found is None:
        raise _not_a_thread(url)
    folder, tid, page = found
    return ThreadRef(base=parts.origin + folder, tid=tid, page=page)


def needs_redirect(url: str) -> bool:
    """A findpost link with a pid but no thread id: only the forum's redirect names the thread."""
    try:
        parts = _split(url)
    except InputError:
        return False
    if parts.name.lower() != "forum.php":
        return False
    params = dict(parse_qsl(parts.query, keep_blank_values=True))
    found = params.get("mod") == "redirect" and params.get("goto") == "findpost"
    return found and _positive(params.get("pid")) is not None and not params.get("ptid")


def desktop_page_url(ref: ThreadRef, page: int) -> str:
    """The dynamic desktop URL of a page; it works whether or not URL rewriting is on."""
    if page < 1:
        raise ValueError(f"page must be 1 or more, not {page}")
    return f"{ref.base}forum.php?mod=viewthread&tid={ref.tid}&page={page}"


def site_of(url: str) -> str:
    """The site key (host[:port] plus install path) of any page URL of an install; a web
    archive's replay URL is the original's site (`original_url`).

    :raises InputError: not an http(s) URL with a host.
    """
    parts = _split(original_url(url))
    folder = parts.folder
    if parts.name and "." not in parts.name:  # ".../bbs" names the folder, not a file
        folder += parts.name + "/"
    for sub in _SUBFOLDERS:
        if folder.endswith("/" + sub):
            folder = folder[: -len(sub)]
            break
    return parts.netloc + folder.rstrip("/")


def site_root(url: str) -> str:
    """The root URL (ending in '/') of the install a URL names: what --site gives.

    :raises InputError: not an http(s) URL with a host.
    """
    parts = _split(original_url(url))
    return f"{parts.origin}{site_of(url).removeprefix(parts.netloc)}/"


def saved_under(root: str, source: str) -> str:
    """A saved file's name as a URL in the site's root: it keeps what tid and page it gives."""
    return root + quote(source.replace("\\", "/").rsplit("/", 1)[-1], safe="?&=")


def _split(url: str) -> _Parts:
    """Normalise scheme and host and cut the path into folder and name."""
    text = url.strip()
    while "&amp;" in text:  # pasted from page source
        text = text.replace("&amp;", "&")
    try:
        split = urlsplit(text)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        raise _not_a_thread(url, "not a valid URL") from None
    if split.scheme not in _DEFAULT_PORTS:
        raise _not_a_thread(url, "not an http(s) URL")
    if not split.hostname:
        raise _not_a_thread(url, "a URL without a host")
    netloc = _netloc(split, url)
    folder, _, name = (split.path or "/").rpartition("/")
    return _Parts(f"{split.scheme}://{netloc}", netloc, folder + "/", name, split.query)


def _netloc(split: SplitResult, url: str) -> str:
    """Host[:port] with the host lowercased and the scheme's default port left out."""
    host = split.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    try:
        port = split.port
    except ValueError:
        raise _not_a_thread(url, "the port is not a number") from None
    return host if port in (None, _DEFAULT_PORTS[split.scheme]) else f"{host}:{port}"


def _dynamic(parts: _Parts) -> tuple[str, int, int] | None:
    """`forum.php?mod=viewthread…` and `forum.php?mod=redirect…` links."""
    if parts.name.lower() != "forum.php":
        return None
    params = dict(reversed(parse_qsl(parts.query, keep_blank_values=True)))  # first value wins
    mod, goto = params.get("mod"), params.get("goto")
    if mod == "viewthread":
        tid = _positive(params.get("tid"))
        return None if tid is None else (parts.folder, tid, _desktop_page(params))
    if mod == "redirect" and goto in ("findpost", "lastpost"):
        tid = _positive(params.get("ptid" if goto == "findpost" else "tid"))
        return None if tid is None else (parts.folder, tid, 1)  # the page is the server's secret
    return None


def _desktop_page(params: dict[str, str]) -> int:
    """The `page` parameter, when it numbers the same floors as the plain desktop view."""
    if any(params.get(name, "no") not in ("", "no") for name in _OTHER_PAGING):
        return 1
    return _positive(params.get("page")) or 1


def _rewritten(parts: _Parts) -> tuple[str, int, int] | None:
    """`thread-T-N-L.html`: the third number is the forum list page to go back to."""
    match = _REWRITTEN.fullmatch(parts.name)
    if match is None:
        return None
    tid = _positive(match.group(1))
    return None if tid is None else (parts.folder, tid, _positive(match.group(2)) or 1)


def _archiver(parts: _Parts) -> tuple[str, int, int] | None:
    """`archiver/?tid-T.html&page=N`; its pages hold the same floors as desktop pages."""
    folder = parts.folder
    if parts.name.lower() == "archiver":
        folder += "archiver/"
    elif parts.name.lower() not in ("", "index.php"):
        return None
    if not folder.lower().endswith("/archiver/"):
        return None
    tid_match = _ARCHIVER_TID.search(parts.query)
    tid = _positive(tid_match.group(1)) if tid_match else None
    if tid is None:
        return None
    page_match = _ARCHIVER_PAGE.search(parts.query)
    page = _positive(page_match.group(1)) if page_match else None
    return folder[: -len("archiver/")], tid, page or 1


def _positive(value: str | None) -> int | None:
    """The value as a positive integer, or None."""
    if value is None or not value.isascii() or not value.isdigit():
        return None
    number = int(value)
    return number if number > 0 else None


def _not_a_thread(url: str, why: str = "not a Discuz! thread URL") -> InputError:
    """A one-line error naming the URL and the forms that are accepted."""
    shown = " ".join(url.split()) or repr(url)
    try:
        if why != "not a Discuz! thread URL":  # not even a URL: no board either
            raise InputError(why)
        parse_board_url(url)
    except InputError:
        return InputError(f"{why}; expected {', '.join(ACCEPTED_FORMS)}", source=shown)
    return InputError(
        "not a Discuz! thread URL but a board's thread list; archive it with: "
        "discuz-archiver archive-board URL",
        source=shown,
    )


_BOARD_REWRITTEN = re.compile(r"forum-(\d+)-(\d+)\.html", re.IGNORECASE)
BOARD_FORMS = (
    "http(s)://HOST[/PATH]/forum.php?mod=forumdisplay&fid=N[&page=P]",
    "…/forum-N-P.html",
)


@dataclass(frozen=True)
class BoardRef:
    """One forum (board) of one install, and the list page a URL pointed at."""

    base: str
    fid: int
    page: int = 1

    @property
    def site(self) -> str:
        return site_of(self.base)


def parse_board_url(url: str) -> BoardRef:
    """Tell which forum a `forum-FID-PAGE.html` or `forumdisplay&fid=` URL points at.

    :raises InputError: the URL is neither form.
    """
    parts = _split(url)
    match = _BOARD_REWRITTEN.fullmatch(parts.name)
    if match and _positive(match.group(1)):
        return BoardRef(parts.origin + parts.folder, int(match.group(1)), int(match.group(2)) or 1)
    if parts.name.lower() == "forum.php":
        params = dict(reversed(parse_qsl(parts.query, keep_blank_values=True)))
        fid = _positive(params.get("fid"))
        if params.get("mod") == "forumdisplay" and fid:
            return BoardRef(parts.origin + parts.folder, fid, _positive(params.get("page")) or 1)
    shown = " ".join(url.split()) or repr(url)
    raise InputError(f"not a Discuz! forum URL; expected {', '.join(BOARD_FORMS)}", source=shown)


def board_page_url(ref: BoardRef, page: int) -> str:
    """The dynamic URL of a forum's thread list page (newest activity first)."""
    return f"{ref.base}forum.php?mod=forumdisplay&fid={ref.fid}&page={page}"


def thread_url(base: str, tid: int) -> str:
    """The dynamic desktop URL of a thread's first page."""
    return f"{base}forum.php?mod=viewthread&tid={tid}"


def api_page_url(ref: ThreadRef, page: int) -> str:
    """The mobile API (version 4) URL of a thread page; it pages by the site's mobile size."""
    return f"{ref.base}api/mobile/index.php?version=4&module=viewthread&tid={ref.tid}&page={page}"


def api_check_url(ref: ThreadRef) -> str:
    """The mobile API's `check` module: answers JSON when the mobile plugin is on."""
    return f"{ref.base}api/mobile/index.php?version=4&module=check"


def findpost_url(ref: ThreadRef, pid: int) -> str:
    """Discuz's own redirect to the desktop page that holds a post."""
    return f"{ref.base}forum.php?mod=redirect&goto=findpost&ptid={ref.tid}&pid={pid}"


def archiver_page_url(ref: ThreadRef, page: int) -> str:
    """The plain-text Archiver view of a thread page (`archiver/?tid-T.html&page=N`)."""
    suffix = "" if page == 1 else f"&page={page}"
    return f"{ref.base}archiver/?tid-{ref.tid}.html{suffix}"
