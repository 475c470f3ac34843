"""SIGKILL during a media-heavy run, then a rerun: every media row whole, the end state equal.

The run is `python -m archiver archive URL` against a thread of 8 + EXTRA pictures whose
answers each take 20 ms; it is killed once a random number of media rows is committed, after
a random 0-30 ms more (inside the next file's fetch or transaction). After each kill the
database passes integrity_check and every saved row has its whole blob (sha256 and size
match the bytes); the rerun completes, and every table equals an uninterrupted run's
(archive-time columns left out). `--soak` kills 20 times over a thread of 60 pictures.
"""

from __future__ import annotations

import hashlib
import random
import sqlite3
from pathlib import Path

import pytest

from .discuz_server import start_server
from .mediagen import CAP, MediaThread
from .test_reliability import (
    KILL_SEED,
    archiver_command,
    figure,
    kill_during,
    run_cli,
    snapshot,
    stored_rows,
)


def media_count(path: Path) -> int:
    return stored_rows(path, "media")


def assert_whole(path: Path) -> None:
    """integrity_check passes and every saved media row points at its complete bytes."""
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        rows = conn.execute(
            "SELECT m.status, m.sha256, b.size, b.content FROM media m "
            "LEFT JOIN media_blobs b ON b.sha256 = m.sha256"
        ).fetchall()
        for status, digest, size, content in rows:
            if status == "saved":
                assert content is not None and len(content) == size
                assert hashlib.sha256(content).hexdigest() == digest
            else:
                assert digest is None
    finally:
        conn.close()


@pytest.mark.parametrize(
    "kills, extra", [(3, 12), pytest.param(20, 60, marks=pytest.mark.soak)], ids=["fast", "soak"]
)
def test_sigkill_during_a_media_heavy_run_then_a_rerun(tmp_path, kills, extra):
    with start_server({}) as forum, start_server({}) as cdn:
        thread = MediaThread(forum, cdn, extra=extra, wait=0.02)
        args = ("--delay", "0", "--max-media-size", CAP, "--quiet")
        reference = tmp_path / "reference.db"
        done = run_cli("archive", thread.url, "--db", str(reference), *args)
        assert done.returncode == 0, done.stderr
        wanted = snapshot(reference)
        total = media_count(reference)
        assert total == 10 + extra
        rng = random.Random(KILL_SEED + 13)
        at_kill = []
        for number in range(kills):
            path = tmp_path / f"killed-{number}.db"
            command = archiver_command("archive", thread.url, "--db", str(path), *args)
            kill_during(command, path, rng.randrange(1, total), rng, count=media_count)
            at_kill.append(media_count(path))
            if path.exists():
                assert_whole(path)
            rerun = run_cli("archive", thread.url, "--db", str(path), *args)
            assert rerun.returncode == 0, rerun.stderr
            assert_whole(path)
            assert snapshot(path) == wanted
    figure(f"kill.media[{kills}]", f"media rows at each kill: {at_kill} of {total}")
    assert any(0 < n < total for n in at_kill)
