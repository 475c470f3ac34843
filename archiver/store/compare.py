"""How two renderings of one post compare: an edit, or a lesser rendering of the same post.

Renderings differ in layout, never in content: the same post shown by desktop, touch and the
API must make no revision (tests/test_renderings.py, test_content.py, the lab sets' tests).
"""

from __future__ import annotations

import json
from typing import Any

from archiver.model import Post
from archiver.vocabulary import NESTED_QUOTE_TAGS, RICHNESS

VERSIONED = (
    "body_html", "body_text", "state", "edited_by", "edited_at", "client_tag", "client_suffix",
)  # fmt: skip


def compared(old: dict[str, Any], row: dict[str, Any], post: Post) -> tuple[bool, bool]:
    """(edited, lesser): a change of content keeps a revision; a lesser rendering (touch under
    API under desktop, or one part of a [page]-split post) never replaces a richer body."""
    part, old_part = row.get("body_part"), old.get("body_part")
    if part is not None and part != old_part:  # a part never replaces the whole or another
        return False, True
    if part is None and old_part is not None:  # the whole after a part: an edit only if the
        names = [a.filename for a in post.attachments if a.filename]  # part is not in it (less
        shown = _squashed(old["body_text"], names)  # its code blocks, which the API leaves out)
        for block in json.loads(old["code_blocks"] or "[]") if row["rendering"] == "api" else []:
            shown = shown.replace(_squashed(block, names), "", 1)
        return shown not in _squashed(row["body_text"], names) or old["state"] != row[
            "state"
        ], False
    edited = _edited(old, row, post)
    return edited, not edited and _lesser(old, row)


def _lesser(old: dict[str, Any], row: dict[str, Any]) -> bool:
    """A lesser rendering than the one archived (touch under API under desktop)."""
    return RICHNESS[row["rendering"]] < RICHNESS.get(old["rendering"], 0)


def richer(row: dict[str, Any], old: dict[str, Any]) -> bool:
    """A richer rendering than the one archived: what only it labels its way replaces."""
    return RICHNESS[row["rendering"]] > RICHNESS.get(old["rendering"], 0)


def _edited(old: dict[str, Any], row: dict[str, Any], post: Post) -> bool:
    """A change of content, whichever renderings showed the two versions.

    Renderings lay the same message out differently (blank lines, attachment boxes, quote
    labels; the API leaves file names out), so text is compared without whitespace or the
    post's file names; an edit note counts when both show one; the client tag and the markup
    are the rendering's, not the post's. Within one rendering any difference is a change.
    """
    if old["rendering"] == row["rendering"]:  # but what this page never shows (old mobile)
        unknown = [
            *json.loads(row["unknown_fields"] or "[]"),
            *json.loads(old["unknown_fields"] or "[]"),
        ]
        return any(old[k] != row[k] for k in VERSIONED if k not in unknown)
    names = [a.filename for a in post.attachments if a.filename]
    before, now = _squashed(old["body_text"], names), _squashed(row["body_text"], names)
    if before != now and not _api_without_code(old, row, before, now, names):
        return True
    if old["state"] != row["state"]:
        return True
    return any(
        row[key] is not None and old[key] is not None and row[key] != old[key]
        for key in ("edited_by", "edited_at")
    )


def _squashed(text: str | None, names: list[str]) -> str:
    """Without whitespace, the post's file names, or the `[quote]` tags desktop and touch
    print as text for a quote inside a quote (the API nests it)."""
    for name in (*names, *NESTED_QUOTE_TAGS):
        text = (text or "").replace(name, "")
    return "".join((text or "").split())


def _api_without_code(
    old: dict[str, Any], row: dict[str, Any], before: str, now: str, names: list[str]
) -> bool:
    """The API leaves [code] blocks out: its text is the other rendering's without them."""
    if "api" not in (old["rendering"], row["rendering"]):
        return False
    api, full, other = (before, now, row) if old["rendering"] == "api" else (now, before, old)
    for block in json.loads(other["code_blocks"] or "[]"):
        full = full.replace(_squashed(block, names), "", 1)
    return api == full
