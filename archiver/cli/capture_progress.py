"""A progress bar by bytes for reading web archives (a multi-GB WARC takes a while)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from rich.progress import (
    BarColumn,
    DownloadColumn,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)
from rich.progress import Progress as RichProgress

OnBytes = Callable[[int, int], None]


@contextmanager
def bytes_progress(*, enabled: bool) -> Iterator[OnBytes]:
    """Give the reader's callback: bytes read of the current web archive, speed, time left."""
    if not enabled:
        yield lambda done, total: None
        return
    bar = RichProgress(
        TextColumn("web archive"),
        BarColumn(),
        DownloadColumn(),
        TransferSpeedColumn(),
        TimeRemainingColumn(),
    )
    task: list[TaskID] = []

    def update(done: int, total: int) -> None:
        if not task or done == 0:  # the first record of another archive starts a new bar
            task.append(bar.add_task("", total=total))
        bar.update(task[-1], completed=done, total=total)

    with bar:
        yield update
