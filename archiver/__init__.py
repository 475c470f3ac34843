"""discuz-archiver: keep Discuz! X forum threads in a SQLite database you can query."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from archiver.model import Attachment, Author, Comment, Post, Quote, Rating, Thread, ThreadPage
from archiver.parse import parse_page

try:
    __version__ = version("discuz-archiver")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0"

__all__ = [
    "Attachment",
    "Author",
    "Comment",
    "Post",
    "Quote",
    "Rating",
    "Thread",
    "ThreadPage",
    "__version__",
    "parse_page",
]
