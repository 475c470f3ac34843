"""The media step: link each post to the pictures and files it shows, then keep them.

After a thread's pages are saved, its posts' media that the archive lacks are fetched through
the run's one Fetcher, each saved in its own transaction (a SIGKILL loses only the file in
flight). Files already saved are never asked for again; `failed` ones are, on the next run.
`offer_media` takes answers already in hand (a web archive's records) with no network.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import unquote

from sqlite_utils import Database

from archiver.decode import decode
from archiver.fetch.media import MediaAnswer, MediaFetcher
from archiver.model import MediaOffer
from archiver.parse.media import is_refusal, post_media, saved_copies
from archiver.sniff import sniff
from archiver.store.media import MediaRow, media_sources, save_links, save_media, wanted_media

log = logging.getLogger(__name__)

DEFAULT_MAX_SIZE = 50 * 2**20
RETRIED = ("failed",)  # what a later run asks for again; the other statuses are answers


@dataclass(frozen=True)
class MediaOptions:
    """What a run does about media: whether, where the bytes go, and how much at most."""

    fetch: bool = True  # URL runs: on unless --no-media; saved files: off unless --media
    media_dir: Path | None = None
    max_size: int = DEFAULT_MAX_SIZE
    budget: int | None = None  # bytes per run, over every file
    avatars: bool = False
    retry: tuple[str, ...] = RETRIED


@dataclass
class MediaStep:
    """One run's media work: its fetcher, the budget left, hosts already warned about."""

    db: Database
    fetcher: MediaFetcher | None
    options: MediaOptions
    spent: int = 0
    warned: set[str] = field(default_factory=set)

    def link(self, site: str, tid: int | None) -> str | None:
        """Record which media each post of a thread (or site) shows; the forum's base URL."""
        base = None
        links: list[tuple[int, str, str]] = []
        for row in media_sources(self.db, site, tid):
            base = base or row["base_url"]
            shown = [tuple(pair) for pair in json.loads(row["attachments"] or "[]")]
            for url, role in post_media(row["body_html"], shown, row["base_url"]):
                links.append((row["pid"], url, role))
            avatar = row["avatar_url"]
            if self.options.avatars and avatar and avatar.startswith(("http://", "https://")):
                links.append((row["pid"], avatar, "avatar"))
        save_links(self.db, site, links)
        return base

    def keep(self, site: str, tid: int | None, counts: dict[str, int]) -> None:
        """Link, then fetch every media of the thread the archive lacks; count by status."""
        forum = self.link(site, tid)
        if self.fetcher is None or not self.options.fetch:
            return
        for _, url in wanted_media(self.db, site, tid, self.options.retry):
            if not self._fetch_one(site, url, forum or f"http://{site}/", counts):
                return

    def _fetch_one(self, site: str, url: str, forum: str, counts: dict[str, int]) -> bool:
        """Fetch and save one file; False when the run's budget is spent (nothing saved)."""
        assert self.fetcher is not None
        left = None if self.options.budget is None else self.options.budget - self.spent
        if left is not None and left <= 0:
            return self._budget_spent(counts)
        answer = self.fetcher.fetch(url, forum, left)
        if answer.status == "too-large" and left is not None and left < self.fetcher.max_bytes:
            return self._budget_spent(counts)
        when = answer.fetched_at
        row = judge(site, answer, when.isoformat(timespec="seconds") if when else now())
        save_media(self.db, row, self.options.media_dir)
        self.spent += len(row.content or b"")
        counts[row.status] = counts.get(row.status, 0) + 1
        if row.status == "not-allowed" and "robots.txt" in (row.note or ""):
            self._warn_robots(url)
        return True

    def _budget_spent(self, counts: dict[str, int]) -> bool:
        if "budget" not in self.warned:
            self.warned.add("budget")
            log.warning("the run's media budget is spent; `discuz-archiver media` fetches the rest")
        counts["deferred"] = counts.get("deferred", 0) + 1
        return False

    def _warn_robots(self, url: str) -> None:
        host = url.split("/")[2] if "//" in url else url
        if host not in self.warned:
            self.warned.add(host)
            log.warning(
                "%s: robots.txt forbids media there (stock Discuz! disallows attachment "
                "links, mod=attachment); kept as not-allowed, --ignore-robots fetches them",
                host,
            )


def link_media(db: Database, keys: Iterable[tuple[str, int]]) -> None:
    """Record which media each post of these threads shows (post_media), fetching nothing."""
    step = MediaStep(db, None, MediaOptions(fetch=False))
    for site, tid in sorted(set(keys)):
        step.link(site, tid)


def now() -> str:
    return dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")


def judge(site: str, answer: MediaAnswer, fetched_at: str, origin: str = "http") -> MediaRow:
    """The row for an answer: bytes are sniffed; a Discuz login page is login-required."""
    base = MediaRow(
        site, answer.url, answer.status or "failed", fetched_at, answer.final_url,
        answer.http_status, answer.declared_type, origin, answer.note,
    )  # fmt: skip
    if answer.status is not None or answer.content is None:
        return base
    found = sniff(answer.content)
    if found.content_type == "text/html" or (answer.http_status or 200) >= 400:
        text = decode(answer.content, None).text
        if is_refusal(text):
            note = "Discuz answered with a login or permission page"
            return replace(base, status="login-required", note=note)
        return replace(base, note=f"HTTP {answer.http_status}: a web page, not a file")
    return replace(
        base, status="saved", content=answer.content, content_type=found.content_type,
        width=found.width, height=found.height,
    )  # fmt: skip


def offer_media(
    db: Database, offers: Iterable[MediaOffer], media_dir: Path | None = None
) -> dict[str, str]:
    """Save media answers already in hand, with no network; {url: status} of each offer.

    A URL already saved for its site is left as it is. The web-archive reader calls this
    with each record's URL, HTTP status, headers and bytes.
    """
    statuses: dict[str, str] = {}
    for offer in offers:
        known = db.execute(
            "SELECT status FROM media WHERE site = ? AND url = ?", [offer.site, offer.url]
        ).fetchone()
        if known is not None and known[0] == "saved":
            statuses[offer.url] = "saved"
            continue
        row = judge(offer.site, _answer(offer), offer.fetched_at or now(), origin="offer")
        save_media(db, row, media_dir)
        statuses[offer.url] = row.status
    return statuses


def _answer(offer: MediaOffer) -> MediaAnswer:
    headers = {k.lower(): v for k, v in offer.headers.items()}
    status = offer.http_status
    missing = status in (404, 410)
    failed = status is not None and not missing and status >= 400 and status not in (401, 403)
    word = "missing" if missing else "failed" if failed or offer.content is None else None
    return MediaAnswer(
        offer.url, word, offer.final_url or offer.url, status,
        None if word else offer.content, headers.get("content-type"),
    )  # fmt: skip


def take_saved_copies(db: Database, page_path: Path, html: str, site: str, tid: int) -> int:
    """Images of a "Save Page As, complete" copy, read from its `NAME_files` folder; how many.

    No network: each image the folder holds is saved under the URL the forum showed it at.
    """
    saved = 0
    if not (page_path.parent / f"{page_path.stem}_files").is_dir():
        return saved
    base = MediaStep(db, None, MediaOptions(fetch=False)).link(site, tid)
    for url, local in saved_copies(html, base):
        path = page_path.parent / unquote(local)
        if not path.is_file():
            continue
        known = db.execute("SELECT status FROM media WHERE site = ? AND url = ?", [site, url])
        if (known.fetchone() or ("",))[0] == "saved":
            continue
        answer = MediaAnswer(url, None, url, None, path.read_bytes())
        row = judge(site, answer, now(), origin="file")
        if row.status == "saved":
            save_media(db, row)
            saved += 1
    return saved
