"""A progress bar by bytes for reading web archives (a multi-GB WARC takes a while)."""

from __future__ import annotations

from types import TracebackType

from rich.progress import (
    BarColumn,
    DownloadColumn,
    TaskID,
    TextColumn,
    TimeRemainingColumn,
    TransferSpeedColumn,
)
from rich.progress import Progress as RichProgress


class BytesProgress:
    """Bytes of the current web archive read, speed and time left (rich, on stderr)."""

    def __init__(self, *, enabled: bool) -> None:
        self._bar: RichProgress | None = None
        self._task: TaskID | None = None
        self._total: int | None = None
        if enabled:
            self._bar = RichProgress(
                TextColumn("web archive"),
                BarColumn(),
                DownloadColumn(),
                TransferSpeedColumn(),
                TimeRemainingColumn(),
            )

    def __enter__(self) -> BytesProgress:
        if self._bar is not None:
            self._bar.start()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.stop()

    def update(self, done: int, total: int) -> None:
        """Called by the reader after each record, with the bytes read of this archive."""
        if self._bar is None:
            return
        if self._task is None or (total != self._total and done == 0):
            self._task = self._bar.add_task("", total=total)
            self._total = total
        self._bar.update(self._task, completed=done, total=total)
