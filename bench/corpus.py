"""Synthetic page sets for the benchmarks: mixed GBK / UTF-8, 50-300 kB, two sites."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from archiver.decode import decode
from archiver.fetch import Page
from tests.pagegen import thread_page

SITES = {"utf-8": "http://bbs-a.example.com/", "gbk": "http://bbs-b.example.com/forum/"}
# (posts per page, body characters): about 55, 75, 130, 200 and 290 kB a page
SHAPES = ((7, 300), (10, 300), (20, 250), (30, 300), (45, 300))
CONFIGS = tuple((ppp, chars, charset) for ppp, chars in SHAPES for charset in SITES)
SAVED_AT = dt.datetime(2025, 3, 15, 6, 30, tzinfo=dt.timezone.utc)


@dataclass(frozen=True)
class PageSpec:
    """One generated page: which thread, page and shape."""

    tid: int
    page: int
    pages: int
    posts_per_page: int
    body_chars: int
    charset: str

    @property
    def base(self) -> str:
        return SITES[self.charset]

    def content(self) -> bytes:
        return thread_page(
            tid=self.tid,
            page=self.page,
            pages=self.pages,
            posts_per_page=self.posts_per_page,
            first_pid=self.tid * 10_000,
            base=self.base,
            charset=self.charset,
            seed=self.tid,
            body_chars=self.body_chars,
        )

    def label(self) -> str:
        return f"{self.posts_per_page} posts {self.charset}"


@dataclass(frozen=True)
class Sample:
    """A page ready for every contender: bytes, the decoded text and an archiver Page."""

    spec: PageSpec
    content: bytes
    text: str

    @property
    def kb(self) -> float:
        return len(self.content) / 1000

    def page(self) -> Page:
        name = f"{self.spec.tid}-p{self.spec.page}.html"
        return Page(source=name, content=self.content, fetched_at=SAVED_AT)


def sample(spec: PageSpec) -> Sample:
    content = spec.content()
    return Sample(spec, content, decode(content).text)


def mixed_samples(first_tid: int, *, page: int = 2, pages: int = 3) -> list[Sample]:
    """One page of every shape and charset (10 pages, 50-300 kB), each of its own thread."""
    return [
        sample(PageSpec(first_tid + i, page, pages, ppp, chars, charset))
        for i, (ppp, chars, charset) in enumerate(CONFIGS)
    ]


def bulk_specs(total: int, first_tid: int = 1) -> list[PageSpec]:
    """`total` pages as whole threads, the shapes cycling so every tenth has the same mix."""
    per_thread = max(1, total // (10 * len(CONFIGS)))
    specs: list[PageSpec] = []
    tid = first_tid
    while len(specs) < total:
        ppp, chars, charset = CONFIGS[(tid - first_tid) % len(CONFIGS)]
        for number in range(1, per_thread + 1):
            specs.append(PageSpec(tid, number, per_thread, ppp, chars, charset))
        tid += 1
    return specs[:total]


def write_pages(folder: Path, specs: list[PageSpec]) -> int:
    """Write pages under names that sort in archiving order; return the bytes written."""
    folder.mkdir(parents=True, exist_ok=True)
    written = 0
    for index, spec in enumerate(specs):
        content = spec.content()
        (folder / f"{index:06d}-t{spec.tid}-p{spec.page}.html").write_bytes(content)
        written += len(content)
    return written
