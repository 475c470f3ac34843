"""Pure parsing: a trade thread's goods (商品帖) from a desktop or touch page, or the API.

viewthread_trade.htm draws each item in the first post (`div#tradePID`): its name, 商品类型
(全新 / 二手) and 剩余时间 as label rows, the price in `strong` before 元 (and credits after
it, 附加), the original price struck through. The place, amount and seller are only in the
API's `Variables.special_trade` (the `forum_trade` rows by pid) and the item's own page.
"""

from __future__ import annotations

from selectolax.lexbor import LexborHTMLParser, LexborNode

from archiver.model import Goods
from archiver.parse import knowledge as S
from archiver.parse.api_post import mapping
from archiver.parse.labelled import box_image, label_rows, row_text
from archiver.parse.numbers import as_int
from archiver.parse.text import absolute, squeezed


def read_goods(
    tree: LexborHTMLParser, html: str, base: str | None, first_post: LexborNode | None = None
) -> list[Goods]:
    """The goods a desktop or touch page shows, in page order.

    :param first_post: a desktop page's first post, where the goods are drawn: only it is
        searched. Without it a text search of the page says whether to look.
    """
    if first_post is None and S.TRADE_MARK not in html:
        return []  # most pages: no search of the tree
    found: dict[int, Goods] = {}
    for box in (first_post or tree).css(S.TRADE_BOX):
        pid = S.TRADE_PID.match(box.attrs.get("id") or "")
        if pid is None or int(pid.group(1)) in found:
            continue
        rows: dict[str, LexborNode] = {}
        for block in box.css(S.TRADE_ROWS):
            rows.update(label_rows(block, S.TRADE_LABELS))
        kind = row_text(rows.get("quality")) or ""
        remaining = row_text(rows.get("remaining"))
        price, credit = _prices(box)
        found[int(pid.group(1))] = Goods(
            pid=int(pid.group(1)),
            name=squeezed(box.css_first(S.TRADE_NAME)) or None,
            quality=next((v for k, v in S.TRADE_QUALITY.items() if k in kind), None),
            price=price,
            cost_price=_cost(box),
            credit=credit,
            remaining_text=remaining,
            closed=None if remaining is None else any(w in remaining for w in S.TRADE_CLOSED_WORDS),
            image_url=box_image(box.css_first(S.TRADE_IMAGE), base),
        )
    return list(found.values())


def _prices(box: LexborNode) -> tuple[str | None, int | None]:
    """`<strong>1299.00</strong> 元` is the price; a `strong` followed by anything else
    (a credit's title) is what it costs in credits."""
    price = credit = None
    for strong in box.css(S.TRADE_PRICES):
        after = strong.next
        unit = squeezed(after) if after is not None and after.tag == "-text" else ""
        value = squeezed(strong)
        if unit.startswith(S.PAYMENT_UNIT):
            price = price or value or None
        elif value.isdigit():
            credit = credit if credit is not None else int(value)
    return price, credit


def _cost(box: LexborNode) -> str | None:
    """原价: the struck-through `N 元`."""
    for struck in box.css(S.TRADE_COST):
        text = squeezed(struck)
        if text.endswith(S.PAYMENT_UNIT):
            return text.removesuffix(S.PAYMENT_UNIT).strip() or None
    return None


def api_goods(block: object, base: str | None) -> list[Goods]:
    """`Variables.special_trade` (the `forum_trade` rows by pid) of a viewthread response."""
    found: list[Goods] = []
    for row in map(mapping, mapping(block).values()):
        pid = as_int(row.get("pid"))
        if pid is None:
            continue
        closed = as_int(row.get("closed"))
        attach = str(row.get("attachurl") or "")
        days, hours = as_int(row.get("expiration")), as_int(row.get("expirationhour"))
        found.append(
            Goods(
                pid=pid,
                name=str(row.get("subject") or "") or None,
                quality=S.API_QUALITY.get(str(row.get("quality") or "")),
                price=_money(row.get("price")),
                cost_price=_money(row.get("costprice")),
                credit=as_int(row.get("credit")) or None,
                # as the page prints the same two numbers: `{days}天{hours}小时`
                remaining_text=S.TRADE_REMAINING.format(days=days, hours=hours or 0)
                if days and days > 0 and not closed
                else None,
                closed=None if closed is None else bool(closed),
                amount=as_int(row.get("amount")),
                locus=str(row.get("locus") or "") or None,
                seller=str(row.get("seller") or "") or None,
                seller_uid=as_int(row.get("sellerid")),
                image_url=absolute(base, attach) if attach else None,
            )
        )
    return found


def _money(value: object) -> str | None:
    """`1299.00`; 0 (not sold for money) is None, as the page draws no price."""
    text = str(value or "").strip()
    try:
        return text if text and float(text) > 0 else None
    except ValueError:
        return None
