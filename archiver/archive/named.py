"""What an error of a saved file says: the file, the address it was saved from, what to try."""

from __future__ import annotations

from pathlib import Path

from archiver.errors import ArchiverError, LoginRequired, NoPermission

SAVED_REFUSED = "save the page again from a browser logged in as a member who may read it"


def named_for_file(source: str, error: ArchiverError) -> ArchiverError:
    """A saved page's error names its file, then the address it was saved from: a folder of
    pages saved from one thread's address must not give lines that all look the same. A saved
    page refused for want of a login says to save it again logged in (--cookies is for URLs)."""
    saved = Path(source).is_file()
    if error.source and error.source != source and saved:
        error.source = f"{source} (saved from {error.source})"
    if saved and isinstance(error, LoginRequired | NoPermission):  # --cookies is for URLs
        error.advise(SAVED_REFUSED)
    return error
