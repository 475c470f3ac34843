"""Saving a thread's 分类信息: the options as one JSON object (title -> value as shown), so
`json_extract(options, '$.租金')` reads one; a value a page hides (None) keeps the one seen
before, and a change of a shown value keeps the earlier state in `thread_sort_revisions`."""

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
    options = {
        option.title: option.value if option.value is not None else before.get(option.title)
        for option in sort.options
    }
    if sort.expired and not options:  # 该信息已经过期 shows no values: they are not gone
        options = before
    # a value shown where it was hidden fills in, no revision; a known one changed or gone is one
    changed = any(v is not None and options.get(title) != v for title, v in before.items())
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
