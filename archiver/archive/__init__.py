"""The one composer: read or fetch bytes, redact, decode, parse and store, a transaction a page.

Nothing else in the package composes those layers; the command line calls what is here.
"""

from archiver.archive.board import archive_board
from archiver.archive.files import archive_files, archive_page
from archiver.archive.media import MediaOptions, offer_media
from archiver.archive.session import (
    Session,
    WebOptions,
    archive_board_url,
    archive_media,
    archive_media_of,
    archive_urls,
    refresh_threads,
)
from archiver.archive.thread import SOURCES, archive_url
from archiver.fetch.auth import auth_path, load_auth, remove_auth, save_auth

__all__ = [
    "MediaOptions",
    "SOURCES",
    "Session",
    "WebOptions",
    "archive_board",
    "archive_board_url",
    "archive_files",
    "archive_media",
    "archive_media_of",
    "archive_page",
    "archive_url",
    "archive_urls",
    "auth_path",
    "load_auth",
    "offer_media",
    "refresh_threads",
    "remove_auth",
    "save_auth",
]
