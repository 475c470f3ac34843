"""A live progress display on the terminal (the one console's stderr); silent when not wanted.

Warnings and errors go through the same console, so they print whole above the display.
"""

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

from archiver.cli.console import err

if TYPE_CHECKING:
    from archiver.model import Outcome, ThreadRun


class Progress:
    """One line per thread (pages, new posts, time), or one for a bulk import of files."""

    def __init__(self, *, enabled: bool) -> None:
        self._bar: RichProgress | None = None
        self._task: TaskID | None = None
        self._url: str | None = None
        self._files: TaskID | None = None
        self._bytes: TaskID | None = None
        if enabled:
            self._bar = RichProgress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[unit]}, {task.fields[posts]} new posts"),
                TimeElapsedColumn(),
                TimeRemainingColumn(),
                console=err,
                transient=False,
            )

    @property
    def enabled(self) -> bool:
        return self._bar is not None

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
            if self._task is not None:  # the last thread's line stays, finished
                self._bar.update(self._task, total=self._bar.tasks[self._task].completed)
            self._url = run.url
            self._task = self._bar.add_task(f"tid {run.tid}", total=total, posts=0, unit="pages")
        self._bar.update(
            self._task, completed=run.pages_fetched + run.pages_skipped, total=total,
            posts=run.posts_new,
        )  # fmt: skip

    def saved(self, outcome: Outcome, total: int) -> None:
        """Called after each saved file of a bulk import."""
        if self._bar is None:
            return
        if self._files is None:
            self._files = self._bar.add_task("files", total=total, posts=0, unit="files")
        posts = self._bar.tasks[self._files].fields["posts"]
        posts += outcome.saved.posts_new if outcome.saved is not None else 0
        self._bar.update(self._files, advance=1, posts=posts)

    def read_bytes(self, done: int, total: int) -> None:
        """Called as a web archive is read: its bytes so far (a new archive starts at 0)."""
        if self._bar is None:
            return
        if self._bytes is None or done == 0:
            self._bytes = self._bar.add_task("web archive", total=total, posts=0, unit="bytes")
        self._bar.update(self._bytes, completed=done, total=total)
