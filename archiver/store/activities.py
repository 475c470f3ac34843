"""Saving an activity thread's activity and its applicants.

The activity is one row kept like a reward (store.versioned). Applicants are kept by uid: a
member once listed stays when a later page no longer lists him (withdrawn, or past the list's
length), and a message the page hides (the waiting list's, to all but the starter) never
blanks one seen before.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from sqlite_utils import Database

from archiver.model import Activity
from archiver.store import rows
from archiver.store.versioned import save_versioned

_VERSIONED = (
    "kind", "starts_at", "ends_at", "place", "gender", "cost", "applied", "remaining",
    "closes_at", "image_url", "verified_count", "waiting_count",
)  # fmt: skip
# as shown: the API prints only the start of a `FROM 至 TO 商定` range, so the text differs
# between renderings of one activity; a change of time changes starts_at / closes_at
_SHOWN = ("starts_text", "closes_text")
_KEY = "site = ? AND tid = ? AND uid = ?"


def save_activity(
    db: Database, site: str, tid: int, activity: Activity, rendering: str, page_id: int, at: str
) -> None:
    """Upsert the activity (an earlier state that differs becomes a revision), then its
    applicants."""
    fields = asdict(activity)
    row: dict[str, Any] = {k: fields[k] for k in (*_VERSIONED, *_SHOWN)}
    row.update(rendering=rendering, page_id=page_id)
    key = {"site": site, "tid": tid}
    save_versioned(db, "activities", "activity_revisions", _VERSIONED, key, row, at, _SHOWN)
    for applicant in activity.applicants:
        if applicant.uid is None:
            continue  # the key is the member's uid; a list without links names nobody for sure
        seen = {
            "name": applicant.name,
            "verified": int(applicant.verified),
            "message": applicant.message,
            "payment": applicant.payment,
            "applied_text": applicant.applied_text,
            "applied_at": applicant.applied_at,
            "page_id": page_id,
        }
        key = {"site": site, "tid": tid, "uid": applicant.uid}
        old = rows.existing(db, "activity_applicants", _KEY, list(key.values()))
        if old is None:
            new = {**key, **seen, "first_seen_at": at, "last_seen_at": at}
            rows.insert(db, "activity_applicants", new)
            continue
        changes = rows.changed({**rows.without_none(seen, keep=()), "last_seen_at": at}, old)
        if changes:
            rows.update(db, "activity_applicants", key, changes)
