"""One Rich console on stderr for everything the command line says: errors, warnings, logging
and the progress display, so a warning prints whole, on its own line, above a live bar.
"""

from __future__ import annotations

import logging
import sys
from typing import Any

from rich.console import Console

err = Console(stderr=True, highlight=False, soft_wrap=True, emoji=False)
_level = [logging.WARNING]


def printable(text: str) -> str:
    """Text any terminal can take: undecodable argument bytes shown as escapes, one line."""
    text = " ".join(text.splitlines())
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def say(text: str, *, style: str | None = None) -> None:
    """One line on stderr, never read as markup."""
    err.print(printable(text), markup=False, style=style)


class ConsoleHandler(logging.Handler):
    """Log records as `warning: …` lines through the console (above any progress display)."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            say(f"{record.levelname.lower()}: {self.format(record)}")
        except Exception:  # a broken stderr must not end the run
            self.handleError(record)


def setup_logging(verbose: int) -> None:
    """WARNING by default, INFO with -v, DEBUG with -vv; only ever raised within one run."""
    level = logging.WARNING if verbose <= 0 else logging.INFO if verbose == 1 else logging.DEBUG
    _level[0] = min(level, _level[0]) if verbose else logging.WARNING
    root = logging.getLogger()
    root.handlers = [h for h in root.handlers if not isinstance(h, ConsoleHandler)]
    root.addHandler(ConsoleHandler())
    root.setLevel(_level[0])
    # httpcore's DEBUG lines carry raw response headers, Set-Cookie included: never show them
    logging.getLogger("httpcore").setLevel(max(_level[0], logging.INFO))


def verbose_callback(value: Any) -> Any:
    """`-v` given after the command name: raise the level set before it."""
    if value:
        _level[0] = min(_level[0], logging.INFO if value == 1 else logging.DEBUG)
        logging.getLogger().setLevel(_level[0])
        logging.getLogger("httpcore").setLevel(max(_level[0], logging.INFO))
    return value


def is_terminal() -> bool:
    return sys.stderr.isatty()
