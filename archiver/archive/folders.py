"""Pages found by searching a folder (or a glob's matches): a saved site (wget -m, HTTrack)
read as a crawl is.

A mirror holds many pages besides its threads (the index, profiles, post forms, message
pages). Those are passed over and counted, as a WARC's other records are, not reported one
error each. A forum's message (login, no permission) is passed over only where its address
names a page other than a thread's (a post form, a profile); a file the user named, a
truncated page, and any page whose address names a thread's posts stay errors. A folder
that gave no thread page and no board list at all is one error, so a wrong folder is never a
quiet success.
"""

from __future__ import annotations

import glob
import logging
import os
import re
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePath
from typing import TypeVar

from archiver.errors import ArchiverError, DiscuzMessage, NotAThreadPage, TruncatedPage
from archiver.model import Page

log = logging.getLogger(__name__)
T = TypeVar("T")

# a Discuz! script in a URL or a mirror's file name (wget writes `?` as `@` on Windows)
SCRIPT_ADDRESS = re.compile(r"(?:^|/)[a-z_]+\.php(?:[?@]|$)", re.IGNORECASE)
# ... that names a thread: its view, a post's or its last post's redirect, the Archiver view
# (not goto=nextnewset / nextoldset: 上一主题 / 下一主题, whose "no newer thread" says nothing)
THREAD_ADDRESS = re.compile(
    r"mod=viewthread|goto=(?:findpost|lastpost)|thread-\d+-|tid-\d+", re.IGNORECASE
)


# a mirror keeps a site's pages under a folder named for its host (wget -m, HTTrack)
HOST_FOLDER = re.compile(
    r"(?:[a-z0-9-]+\.)+[a-z][a-z0-9-]+(?::\d+)?|\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?", re.I
)
SCRIPT_FILE = re.compile(r"[a-z_]+\.php[?@]", re.IGNORECASE)  # as wget names `forum.php?mod=…`
MIRROR_SITE = (
    "no <base href> in the page: its site taken from the mirror's folder, {} (--site wins)"
)


def mirror_root(source: str, folder: str | None = None) -> str | None:
    """`http://HOST/PATH/` for a page saved by a mirroring tool as `…/HOST/PATH/forum.php?…`:
    a script's file name under a folder named as a host (`bbs.example.cn`, `1.2.3.4:8080`).

    Of a page found in `folder`, only that folder and those below it are searched: a folder
    above it named like a host (a home folder `john.doe`) is not the mirror's."""
    parts = source.replace("\\", "/").split("/")
    if len(parts) < 2 or not SCRIPT_FILE.match(parts[-1]):
        return None
    given = list(PurePath(folder or "").parts)
    given = given[: next((i for i, part in enumerate(given) if glob.has_magic(part)), None)]
    top = max(len(given) - 1, 0)  # a glob's folders before its first wildcard
    for index in range(len(parts) - 2, top - 1, -1):
        if HOST_FOLDER.fullmatch(parts[index]):
            return "http://" + "/".join(parts[index:-1]) + "/"
    return None


# ... a thread's picture view (图片模式, whose 楼主暂时没有上传图片 is no refusal of the thread) or
# its printable view (no pids: not read): a thread's, but not its posts
PICTURE_VIEW = re.compile(r"[?&@](?:from=album|action=printable)(?:&|\.html$|$)", re.I)


def address_of(address: str) -> str:
    """A URL as it is; of a file, its name: the folders above it say nothing of the page."""
    return address if "://" in address else address.replace("\\", "/").rsplit("/", 1)[-1]


def names_posts(address: str) -> bool:
    """The address names a thread's posts (its pages, a post's redirect, the Archiver view)."""
    name = address_of(address)
    return THREAD_ADDRESS.search(name) is not None and PICTURE_VIEW.search(name) is None


def other_address(address: str) -> bool:
    """The address names a forum page that is not a thread's (`home.php?mod=space`, a post
    form, a picture view); False for a thread's, and for a name that says nothing."""
    return SCRIPT_ADDRESS.search(address_of(address)) is not None and not names_posts(address)


@dataclass
class FolderFinds:
    """Which folder each found page came from, and what each folder gave."""

    # page source -> the folders as given that found it (folders given nested find a page
    # twice), while the page is on its way: an entry leaves when the page is kept or passed
    # over, so a mirror of a million files holds only a window of them
    folder_of: dict[str, list[str]] = field(default_factory=dict)
    kept: dict[str, int] = field(default_factory=dict)  # folder -> thread pages and board lists
    passed: dict[str, int] = field(default_factory=dict)  # folder -> pages passed over
    # pages are found in the read-ahead thread and done with in the writer's
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def found(self, folder: str, source: str) -> None:
        with self._lock:
            self.folder_of.setdefault(source, []).append(folder)
            self.kept.setdefault(folder, 0)
            self.passed.setdefault(folder, 0)

    def folder(self, source: str) -> str | None:
        """The folder (or pattern) `source` was found in; None for a file named."""
        with self._lock:
            found = self.folder_of.get(source)
            return found[0] if found else None

    def _done(self, source: str) -> str | None:
        """The folder of the page now done with, forgotten (the page's next find stays)."""
        with self._lock:
            found = self.folder_of.get(source)
            if not found:
                return None
            folder = found.pop(0)
            if not found:
                del self.folder_of[source]
            return folder

    def keep(self, source: str) -> None:
        """A thread page or board list (or an error worth its line) came from `source`."""
        folder = self._done(source)  # a web archive's later records: its file counted already
        if folder is not None:
            self.kept[folder] += 1

    def pass_over(self, source: str, error: ArchiverError) -> bool:
        """True (and counted) when a page found in a folder is just not a thread page."""
        folder = self.folder(source)
        other = isinstance(error, DiscuzMessage | NotAThreadPage)
        if folder is None or not other or isinstance(error, TruncatedPage):
            return False
        address = error.source or source
        if names_posts(address):  # a thread's page unread (a check page, an unknown theme)
            return False
        if isinstance(error, DiscuzMessage) and not other_address(address):
            return False  # a thread, or a page unnamed, the forum refused: the user's to see
        self.passed[folder] += 1
        self._done(source)
        log.info("%s: passed over: %s", source, error.args[0] if error.args else error)
        return True

    def noting_records(self, items: Iterator[T]) -> Iterator[T]:
        """The items as they come; a web archive's record (a thread page or not, archived
        before or not: the records line counts it) keeps its file's folder from being empty."""
        for item in items:
            if isinstance(item, Page) and item.capture is not None:
                self.keep(item.capture.file)
            yield item

    @property
    def passed_over(self) -> int:
        return sum(self.passed.values())

    def empty_folders(self) -> list[ArchiverError]:
        """One error for each folder all of whose pages were passed over."""
        return [
            NotAThreadPage(
                f"none of its {count} page(s) is a Discuz! thread page or board list; "
                "give the folder of the saved thread pages (-v names why each was passed over)",
                source=folder,
            )
            for folder, count in self.passed.items()
            if count and not self.kept[folder]
        ]


def sorted_walk(folder: Path, wanted: Callable[[Path], bool]) -> Iterator[Path]:
    """`sorted(p for p in folder.rglob("*") if wanted(p))`, one folder's names at a time.

    Sorting whole paths orders them by their parts, which is a walk that takes each folder's
    entries by name and enters a folder where it sorts; a mirror of a million files is never
    one list of paths. Like rglob, symlinked folders are not entered, unreadable ones skipped.
    """
    names: list[str] = []
    folders: set[str] = set()  # the real folders among them: a few, where pages are many
    try:
        with os.scandir(folder) as listing:
            for entry in listing:
                names.append(entry.name)
                if _real_folder(entry):
                    folders.add(entry.name)
    except OSError:  # unreadable, gone, a symlink loop: skipped, as rglob skips them
        return
    names.sort(key=os.path.normcase)  # as paths sort: without regard to case on Windows
    for name in names:
        path = folder / name
        if wanted(path):
            yield path
        if name in folders:
            yield from sorted_walk(path, wanted)


def _real_folder(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir() and not entry.is_symlink()
    except OSError:
        return False
