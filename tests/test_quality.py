"""The lint and type checks the project promises, run as part of the suite when available."""

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(args, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_ruff_check():
    result = run(sys.executable, "-m", "ruff", "check", "archiver", "tests", "migrations", "bench")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format():
    result = run(
        sys.executable,
        "-m",
        "ruff",
        "format",
        "--check",
        "archiver",
        "tests",
        "migrations",
        "bench",
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_strict():
    pytest.importorskip("mypy")
    result = run(sys.executable, "-m", "mypy", "archiver")
    assert result.returncode == 0, result.stdout + result.stderr


def test_httpx_is_used_only_in_the_fetch_layer():
    """Layers (style.md): bytes come in through archiver/fetch/ and nowhere else."""
    importing = sorted(
        path.relative_to(ROOT).parent.as_posix()
        for path in (ROOT / "archiver").rglob("*.py")
        if any(
            line.startswith(("import httpx", "from httpx"))
            for line in path.read_text("utf-8").splitlines()
        )
    )
    assert set(importing) == {"archiver/fetch"}
