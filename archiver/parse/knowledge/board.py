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
# what a row shows beside the subject (forumdisplay_list.htm): the type's and the sort's
# filter links, the 精华 and 置顶 icons, `- [售价 N 金钱]`, `- [阅读权限 N]`, `移动:` before a
# moved thread's stub
BOARD_LABEL_LINKS = "th a[href*='filter=typeid'], th a[href*='filter=sortid']"
# X3.4: digest_N.gif, pin_N.gif; X3.5: `span.tbox.tdigest` 精华N, `i.tpin.tpinN`
BOARD_DIGEST = "th img[src*='digest_'], th span.tdigest"
BOARD_PIN = "td.icn img[src*='pin_'], td.icn i.tpin"
BOARD_LEVEL = re.compile(r"(?:digest_|pin_|tpin|精华\s*|精華\s*)([0-9])")
BOARD_PRICE = re.compile(r"\[\s*售[价價]\s*([0-9]{1,9})")
BOARD_READPERM = re.compile(r"\[\s*[阅閱][读讀][权權]限\s*([0-9]{1,9})")
