"""Saving a poll thread's poll: the latest counts current, every earlier state a revision.

Like a thread's counters, what a page does not show (counts hidden until one votes, an
expiry the touch page leaves out) never overwrites what an earlier page showed; like a
post's text, counts that did change keep the earlier state in `poll_revisions`.
"""

from __future__ import annotations

import json
from typing import Any

from sqlite_utils import Database

from archiver.model import Poll, PollOption
from archiver.store import rows

_VERSIONED = ("kind", "max_choices", "voters", "ended")
_KEPT = (*_VERSIONED, "expires_at", "rendering", "page_id", "last_seen_at")  # in a revision
_PRECISION = {"second": 0, "minute": 1}
_KEY = "site = ? AND tid = ?"


def save_poll(
    db: Database, site: str, tid: int, poll: Poll, rendering: str, page_id: int, at: str
) -> None:
    """Upsert the poll and its options; an earlier state that differs becomes a revision."""
    old = rows.existing(db, "polls", _KEY, [site, tid])
    row = _poll_row(poll, rendering, page_id)
    if old is None:
        rows.insert(db, "polls", {"site": site, "tid": tid, **row, "first_seen_at": at,
                                  "last_seen_at": at})  # fmt: skip
        for option in poll.options:
            _insert_option(db, site, tid, option, at)
        return
    before = _options(db, site, tid)
    update = _merged(row, old)
    _save_options(db, site, tid, poll.options, before, at)
    after = _options(db, site, tid)
    if _changed(_state(old, before), _state({**old, **update}, after)):
        _save_revision(db, site, tid, old, before, at)
    changes = rows.changed({**update, "last_seen_at": at}, old)
    if changes:
        rows.update(db, "polls", {"site": site, "tid": tid}, changes)


def _poll_row(poll: Poll, rendering: str, page_id: int) -> dict[str, Any]:
    return {
        "kind": "multiple" if poll.multiple else "single",
        "max_choices": poll.max_choices,
        "voters": poll.voters,
        "results_hidden": int(poll.results_hidden),
        "is_image": int(poll.is_image),
        "ended": None if poll.ended is None else int(poll.ended),
        "expires_at": poll.expires_at,
        "expires_precision": poll.expires_precision,
        "expiry_text": poll.expiry_text,
        "rendering": rendering,
        "page_id": page_id,
    }


def _merged(row: dict[str, Any], old: dict[str, Any]) -> dict[str, Any]:
    """The row to write: nothing known is replaced by the unknown, nor an exact expiry by an
    approximate one; a picture once seen keeps the poll an image poll (touch shows none)."""
    update = rows.without_none(row, keep=("max_choices",))  # None there: no limit set
    if _precision(row["expires_precision"]) > _precision(old["expires_precision"]):
        update.pop("expires_at", None)
        update.pop("expires_precision", None)
    update["is_image"] = int(bool(row["is_image"] or old["is_image"]))
    return update


def _precision(name: str | None) -> int:
    return _PRECISION.get(name or "", len(_PRECISION))


def _options(db: Database, site: str, tid: int) -> list[dict[str, Any]]:
    """Every option row of the poll, shown ones first, in the order the page shows them."""
    cursor = db.execute(
        f"SELECT rowid AS row_id, * FROM poll_options WHERE {_KEY} "
        "ORDER BY gone_at IS NOT NULL, number",
        [site, tid],
    )
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def _save_options(
    db: Database,
    site: str,
    tid: int,
    options: list[PollOption],
    known: list[dict[str, Any]],
    at: str,
) -> None:
    """Each shown option onto its row (by polloptionid, else by number); the rest are gone."""
    seen: set[int] = set()
    for option in options:
        old = _match(option, known, seen)
        if old is None:
            _insert_option(db, site, tid, option, at)
            continue
        seen.add(old["row_id"])
        new = rows.without_none(_option_row(option), keep=())
        changes = rows.changed({**new, "last_seen_at": at, "gone_at": None}, old)
        if not changes:
            continue
        db.execute(
            f"UPDATE poll_options SET {', '.join(f'{k} = ?' for k in changes)} WHERE rowid = ?",
            [*changes.values(), old["row_id"]],
        )
    for old in known:
        if old["row_id"] not in seen and old["gone_at"] is None:
            db.execute("UPDATE poll_options SET gone_at = ? WHERE rowid = ?", [at, old["row_id"]])


def _match(
    option: PollOption, known: list[dict[str, Any]], taken: set[int]
) -> dict[str, Any] | None:
    """The row an option is: its polloptionid's, else the row at its number that has no id."""
    free = [row for row in known if row["row_id"] not in taken]
    if option.polloptionid is not None:
        same = [row for row in free if row["polloptionid"] == option.polloptionid]
        free = [row for row in free if row["polloptionid"] is None]
    else:
        same = []
    at_number = [row for row in free if row["number"] == option.number]
    found = same or at_number
    return found[0] if found else None


def _option_row(option: PollOption) -> dict[str, Any]:
    return {
        "polloptionid": option.polloptionid,
        "number": option.number,
        "text": option.text,
        "votes": option.votes,
        "percent": option.percent,
        "image_url": option.image_url,
        "image_aid": option.image_aid,
    }


def _insert_option(db: Database, site: str, tid: int, option: PollOption, at: str) -> None:
    row = {"site": site, "tid": tid, **_option_row(option)}
    rows.insert(db, "poll_options", {**row, "first_seen_at": at, "last_seen_at": at})


def _state(poll: dict[str, Any], options: list[dict[str, Any]]) -> tuple[Any, ...]:
    """What a change of is kept: kind, limit, voters, ended, and each shown option's text and
    votes (not its id: learning an option's id changes nothing about the poll)."""
    shown = [(o["number"], o["text"], o["votes"]) for o in options if o["gone_at"] is None]
    return (*(poll[k] for k in _VERSIONED), shown)


def _changed(before: tuple[Any, ...], after: tuple[Any, ...]) -> bool:
    """A known value that is now another: counts a page hid and the API then sent (None, then
    a number) fill in what was unknown, and change nothing."""
    *fields, options = before
    *new_fields, new_options = after
    if rows.known_changed(zip(fields, new_fields, strict=True)):
        return True
    if [(n, t) for n, t, _ in options] != [(n, t) for n, t, _ in new_options]:
        return True
    pairs = zip(options, new_options, strict=True)
    return rows.known_changed((v, w) for (_, _, v), (_, _, w) in pairs)


def _save_revision(
    db: Database,
    site: str,
    tid: int,
    old: dict[str, Any],
    options: list[dict[str, Any]],
    replaced_at: str,
) -> None:
    number = db.execute(
        f"SELECT COALESCE(MAX(revision), 0) + 1 FROM poll_revisions WHERE {_KEY}", [site, tid]
    ).fetchone()[0]
    shown = [
        {k: o[k] for k in ("number", "polloptionid", "text", "votes", "percent")}
        for o in options
        if o["gone_at"] is None
    ]
    rows.insert(
        db,
        "poll_revisions",
        {"site": site, "tid": tid, "revision": number, **{k: old[k] for k in _KEPT},
         "options": json.dumps(shown, ensure_ascii=False), "replaced_at": replaced_at},
    )  # fmt: skip
