"""Selectors and phrases of a thread's 主题分类 (thread type) and 分类信息 (thread sort).

Templates: forum/viewthread.htm (`h1.ts`: `[类型]` as a `filter=typeid` link when the types are
listable, else plain text, before `span#thread_subject`), forum/viewthread_node_body.htm (the
first post's `div.typeoption > table.cgtl`: `caption` the sort, `th` `标题:`, `td` `值 单位` or
`-`), touch/forum/viewthread.htm (the heading's `[类型]`; X3.5's `div.viewsort`: `h4` the sort,
then `标题: 值 单位<br />`, `--` where empty), the API's `threadsortshow` (`threadsortname`,
`optionlist` rows with title, value, unit) and `thread.typeid` / `sortid` (no type name).
Phrases are source/language/forum/lang_misc.php's (has_expired, click_view, view_noperm).
"""

from __future__ import annotations

import re

from archiver.parse.knowledge.trades import TRADE_BOX

TOUCH_SORT_MARK = "viewsort"  # a touch page without it shows no 分类信息 box
SORT_BOX = "div.typeoption"
SORT_ROWS = "tr"
SORT_CAPTION = "caption"
TOUCH_SORT_BOX = "div.viewsort"
TOUCH_SORT_NAME = "h4"
TOUCH_DRAWN_BOXES = f"{TRADE_BOX}, {TOUCH_SORT_BOX}"  # in a touch first post's message area
TOUCH_LABELS = "em"  # X3.5 touch: each label in an `em` before the subject
SORT_EMPTY = ("-", "--")  # desktop, touch: an option left empty
SORT_EXPIRED_WORDS = ("该信息已经过期", "該信息已經過期")  # has_expired: the sort's time is up
# a value the viewer is not shown: protected (点击查看 loads it by ajax) or no permission
SORT_HIDDEN_WORDS = ("隐藏内容", "隱藏內容")
SORT_CLICK_VIEW = ("点击查看", "點擊查看")  # also an image option's link on touch and the API
SORT_PROTECTED = "span[id^='sortmessage_']"  # the span a protected option's 点击查看 link fills
SORT_TITLE_CELL = "th"
SORT_VALUE_CELL = "td"
SORT_IMAGES = "img[src]"  # an image option (desktop); `<image>` parses as `img` too
SORT_LINK = "a[href]"
SORT_PROTECTED_IMAGE = "stringtopic"  # a protected option drawn as an image of its text
TITLE_SEPARATORS = (":", "：")
BRACKETED = re.compile(r"\[([^\[\]]{1,40})\]")
TYPE_ID_IN_URL = re.compile(r"[?&](?:amp;)?typeid=([0-9]{1,9})")
SORT_ID_IN_URL = re.compile(r"[?&](?:amp;)?sortid=([0-9]{1,9})")
LINKS_INSIDE = "a"  # a theme's element around a label's link (em > a)
TYPE_FILTER = "filter=typeid"
SORT_FILTER = "filter=sortid"
