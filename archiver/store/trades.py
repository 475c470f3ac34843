"""Saving a trade thread's goods: each item by its post's pid, kept like a reward
(store.versioned): a new price or amount keeps the earlier state as a revision."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from sqlite_utils import Database

from archiver.model import Goods
from archiver.store.versioned import save_versioned

_VERSIONED = (
    "name", "quality", "price", "cost_price", "credit", "closed", "amount", "locus", "seller",
    "seller_uid", "image_url",
)  # fmt: skip
# 剩余时间 counts down: every later page shows another, which is no new state of the item
_SHOWN = ("remaining_text",)


def save_goods(
    db: Database, site: str, tid: int, goods: list[Goods], rendering: str, page_id: int, at: str
) -> None:
    """Upsert every item the page shows."""
    for item in goods:
        fields = asdict(item)
        row: dict[str, Any] = {"tid": tid, **{k: fields[k] for k in (*_VERSIONED, *_SHOWN)}}
        row["closed"] = None if item.closed is None else int(item.closed)
        row.update(rendering=rendering, page_id=page_id)
        key = {"site": site, "pid": item.pid}
        save_versioned(db, "trade_goods", "trade_goods_revisions", _VERSIONED, key, row, at, _SHOWN)
