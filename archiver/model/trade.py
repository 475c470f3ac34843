"""A trade thread's goods (商品帖, special 2) as one page showed them, apart from its posts."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Goods:
    """One item on sale (`div#tradePID`): the item's own post is one no page shows as a post."""

    pid: int  # the item's post
    name: str | None
    quality: str | None  # "new" (全新) or "used" (二手)
    price: str | None  # in 元, as shown (`1299.00`); None where it sells for credits only
    cost_price: str | None = None  # 原价, in 元
    credit: int | None = None  # the credits it costs too (附加) or instead
    remaining_text: str | None = None  # 剩余时间 as shown: `55天11小时`
    closed: bool | None = None  # 成交结束 shown (None: the page does not say)
    amount: int | None = None  # 商品数量 (the API's)
    locus: str | None = None  # 地点 (the API's)
    seller: str | None = None  # the API's
    seller_uid: int | None = None
    image_url: str | None = None  # its picture (the full-size attachment)
