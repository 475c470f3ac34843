"""Saving a thread's 分类信息: the options as one JSON object (title -> value as shown), so
`json_extract(options, '$.租金')` reads one; a value a page hides or leaves out keeps the one
seen before, and a change of a shown value keeps the earlier state in `thread_sort_revisions`."""

from __future__ import annotations

import json

from sqlite_utils import Database

from archiver.model import ThreadSort
from archiver.store import rows
from archiver.store.versioned import save_versioned

_VERSIONED = ("sort_id", "name", "options", "expired")


def save_sort(
    db: Database, site: str, tid: int, sort: ThreadSort, rendering: str, page_id: int, at: str
) -> None:
    """Upsert the sort; an earlier state that differs becomes a revision."""
    key = {"site": site, "tid": tid}
    old = rows.existing(db, "thread_sorts", "site = ? AND tid = ?", [site, tid])
    before = json.loads(old["options"]) if old is not None else {}
    # what a page does not show (a hidden value, a title its theme dropped, an expired sort's
    # values) is not gone: only a known value shown otherwise is a change, and a revision
    shown = {option.title: option.value for option in sort.options}
    options = {title: before.get(title) if v is None else v for title, v in shown.items()}
    options.update({title: v for title, v in before.items() if title not in options})
    changed = any(v is not None and options[title] != v for title, v in before.items())
    row = {
        "sort_id": sort.sort_id,
        "name": sort.name,
        "options": json.dumps(options, ensure_ascii=False),
        "expired": int(sort.expired),
        "rendering": rendering,
        "page_id": page_id,
    }
    versioned = _VERSIONED if changed else tuple(c for c in _VERSIONED if c != "options")
    save_versioned(db, "thread_sorts", "thread_sort_revisions", versioned, key, row, at)
