"""Selectors and patterns of forum thread lists (forumdisplay, parse/board.py)."""

from __future__ import annotations

import re

# forum thread lists (forumdisplay, board.py)
BOARD_TABLE = "#threadlisttableid"
BOARD_ROWS = "tbody[id^='normalthread_'], tbody[id^='stickthread_']"
BOARD_ROW_ID = re.compile(r"^(normal|stick)thread_(\d+)$")
BOARD_FID = re.compile(r"\bfid\s*=\s*parseInt\('(\d+)'\)")
# a thread's link; not the 分类信息 link before it (`filter=sortid&sortid=1` holds `tid=`)
BOARD_TITLE = "a.xst, th a[href*='tid=']:not([href*='filter=']), th a[href*='thread-']"
BOARD_BY_CELLS = "td.by"
BOARD_COUNTS = "td.num"
BOARD_REPLIES = "a"
BOARD_VIEWS = "em"
BOARD_CITE = "cite"
BOARD_CITE_LINK = "a"
BOARD_TIME = "em"
