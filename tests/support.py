"""Paths to the project's fixtures and the shared real-page corpus; a lab set's pages and rows."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import pytest

from archiver.decode import decode
from archiver.model import Page, ThreadPage
from archiver.parse import parse_page

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "fixtures"
CORPUS = Path(os.environ.get("DISCUZ_CORPUS", ROOT.parent / "shared" / "corpus"))


def corpus_dir(name: str) -> Path:
    """A folder of the shared corpus, or skip the test saying why."""
    path = CORPUS / name
    if not path.is_dir():
        pytest.skip(
            f"shared corpus folder {path} is not here (it lives beside the repo in ../shared)"
        )
    return path


def corpus_sets() -> list[str]:
    """Corpus folders that carry a groundtruth.json (decided at collection time)."""
    if not CORPUS.is_dir():
        return ["(corpus missing)"]
    return sorted(p.parent.name for p in CORPUS.glob("*/groundtruth.json"))


def saved_page(path: Path, at: dt.datetime) -> Page:
    """A lab set's saved page, at the URL its `.url.txt` gives and the time it was saved."""
    url = path.with_name(path.name + ".url.txt").read_text(encoding="utf-8").strip()
    return Page(source=path.name, url=url, content=path.read_bytes(), fetched_at=at)


def parsed_at(path: Path, at: dt.datetime) -> ThreadPage:
    """A lab set's saved page parsed as archiving it would (relative times against `at`)."""
    page = saved_page(path, at)
    return parse_page(decode(page.content).text, page.url, now=at)


def rows_of(path: Path) -> dict[str, Any]:
    """A lab set's groundtruth JSON: the forum's own rows."""
    return json.loads(path.read_text(encoding="utf-8"))
