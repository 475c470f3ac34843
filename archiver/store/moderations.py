"""Saving the moderation a page notes under a thread's first post: one row per moderation
(moderator, action, time), so a later one does not erase the earlier."""

from __future__ import annotations

from sqlite_utils import Database

from archiver.model import Moderation
from archiver.store import rows


def save_moderation(
    db: Database, site: str, tid: int, note: Moderation, page_id: int, at: str
) -> None:
    """The same moderation seen again is only seen later; another one is a new row."""
    # to the minute: a page prints seconds in a recent note's title, none in an older one's date
    found = db.execute(
        "SELECT id FROM thread_moderations WHERE site = ? AND tid = ? AND moderator IS ? "
        "AND action IS ? AND substr(moderated_at, 1, 16) IS substr(?, 1, 16)",
        [site, tid, note.moderator, note.action, note.moderated_at],
    ).fetchone()
    if found is not None:
        rows.update(db, "thread_moderations", {"id": found[0]}, {"last_seen_at": at})
        return
    rows.insert(
        db,
        "thread_moderations",
        {
            "site": site, "tid": tid, "moderator": note.moderator, "action": note.action,
            "moderated_at": note.moderated_at, "moderated_precision": note.precision,
            "text": note.text, "page_id": page_id, "first_seen_at": at, "last_seen_at": at,
        },
    )  # fmt: skip
