"""Selectors and phrases of a trade thread's goods (商品帖: viewthread_trade.htm, both).

Labels are the language pack's (lang_template.php: trade_type_viewthread, trade_remaindays,
trade_new, trade_old, trade_timeout, payment_unit), Traditional inferred. Desktop draws each
item as `div.trdl#tradePID` in the first post, touch as `div.box#tradePID`: the name in `h4`,
商品类型 and 剩余时间 as label rows, the price in `strong` before 元, the original in `del`.
"""

from __future__ import annotations

import re

TRADE_MARK = 'id="trade'  # a touch page without it has no goods: no search of the tree
TRADE_BOX = "div.trdl[id^='trade'], div.box[id^='trade'], div.trade_box[id^='trade']"  # X3.5 touch
TRADE_PID = re.compile(r"^trade([0-9]{1,18})$")
TRADE_NAME = "h4"
TRADE_ROWS = "dl"
TRADE_LABELS = {"商品类型": "quality", "商品類型": "quality", "剩余时间": "remaining",
                "剩餘時間": "remaining"}  # fmt: skip
TRADE_QUALITY = {"全新": "new", "二手": "used"}  # the same in both scripts
TRADE_CLOSED_WORDS = ("成交结束", "成交結束")
TRADE_PRICES = "strong"
TRADE_COST = "del"
PAYMENT_UNIT = "元"
TRADE_IMAGE = "img"
API_QUALITY = {"1": "new", "2": "used"}
TRADE_REMAINING = "{days}天{hours}小时"  # trade_remaindays as the page prints it
