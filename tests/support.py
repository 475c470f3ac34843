"""Paths to the project's fixtures and to the shared real-page corpus."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

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
