"""A progress bar on the terminal for thread archiving; silent when not wanted."""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING

from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.progress import Progress as RichProgress

if TYPE_CHECKING:
    from archiver.model import ThreadRun


class Progress:
    """Pages of the current thread, posts so far, rate and time left (rich, on stderr)."""

    def __init__(self, *, enabled: bool) -> None:
        self._bar: RichProgress | None = None
        self._task: TaskID | None = None
        self._url: str | None = None
        if enabled:
            self._bar = RichProgress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("pages, {task.fields[posts]} new posts"),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                transient=False,
            )

    def __enter__(self) -> Progress:
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

    def update(self, run: ThreadRun, page: int, total: int) -> None:
        """Called by the archiver after each page it saved."""
        if self._bar is None:
            return
        if self._task is None or self._url != run.url:
            self._url = run.url
            self._task = self._bar.add_task(f"tid {run.tid}", total=total, posts=0)
        self._bar.update(
            self._task, completed=run.pages_fetched + run.pages_skipped, total=total,
            posts=run.posts_new,
        )  # fmt: skip
