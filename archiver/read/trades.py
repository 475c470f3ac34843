"""A thread's goods for people: as the export's JSON holds them, and in the forum's words."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from archiver.read.rows import flag, without_keys

_QUALITY_WORDS = {"new": "全新", "used": "二手"}


def load_goods(db: Database, site: str, tid: int) -> list[dict[str, Any]]:
    """The thread's items on sale, each with its earlier states."""
    goods = []
    for row in db.query(
        "SELECT * FROM trade_goods WHERE site = ? AND tid = ? ORDER BY pid", [site, tid]
    ):
        item = {**(kept := without_keys(row)), "closed": flag(kept["closed"])}
        item["revisions"] = [  # a revision's keys are the item's: (site, pid)
            {**(old := without_keys(r, ("site", "pid"))), "closed": flag(old["closed"])}
            for r in db.query(
                "SELECT * FROM trade_goods_revisions WHERE site = ? AND pid = ? ORDER BY revision",
                [site, row["pid"]],
            )
        ]
        goods.append(item)
    return goods


def goods_lines(goods: list[dict[str, Any]]) -> list[str]:
    """Each item in the forum's words: name, 商品类型, price and 原价, place, 剩余时间."""
    lines = []
    for item in goods:
        parts = [item["name"] or f"pid {item['pid']}"]
        if item["quality"]:
            parts.append(f"{_QUALITY_WORDS[item['quality']]}商品")
        if item["price"]:
            parts.append(f"{item['price']} 元" + (f" (原价 {item['cost_price']} 元)"
                                                 if item["cost_price"] else ""))  # fmt: skip
        if item["credit"]:
            parts.append(f"{item['credit']} 积分")
        parts += [f"地点: {item['locus']}"] if item["locus"] else []
        parts += ["成交结束"] if item["closed"] else []
        parts += [f"剩余时间: {item['remaining_text']}"] if item["remaining_text"] else []
        lines.append(" · ".join(parts))
    return lines
