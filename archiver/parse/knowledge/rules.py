"""Where a desktop post's fields are found: the stock hooks first, then named fallbacks.

Each rule has a name that `Post.found_by` records and `discuz-archiver check` prints, so a user
meeting a new theme sees which rule read a field (or that none did). Stock hooks are those of
`template/default/forum/viewthread_node.htm` (X2.5 to X3.5, codersclub/DiscuzX history): the
floor link `a#postnumPID`, the time `em#authorpostonPID`, the panel `div#favatarPID` in
`td.pls`, the message `td.t_f#postmessage_PID` inside `div.t_fsz`.
"""

from __future__ import annotations

import re

from archiver.times import DATE_TIME_SHAPE

# a post's message where a theme dropped the `postmessage_PID` id, looked for inside the post's
# own container (div#post_PID, table#pidPID), in order: the stock cell, its box, a card body
MESSAGE_FALLBACKS = ("td.t_f", "div.t_fsz", "div.message")
MESSAGE_ID_PREFIX = "postmessage_"  # pages whose messages have ids need no fallback
# a time shown without 发表于 (a theme's own header): the whole text is a date in one of dgmdate's
# shapes, with or without the time (`2024-3-5 12:30`, `2024/03/05 12:30`, `5/3/2024 06:32 PM`)
DATE_SHOWN = re.compile(rf"\s*{DATE_TIME_SHAPE}\s*")
# no panel: the group link a theme shows beside the name; `LV4` is the star rank (x520_coocaa's
# a.mlv: the group title for groups 1, 2, 3 and 19, LV<stars> for the rest)
HEADER_GROUP_LINKS = "a[href*='ac=usergroup']"
LEVEL_TEXT = re.compile(r"LV\.?\s*([0-9]{1,3})", re.I)
# a date in an attribute of the post's own box (about's first post: div#pidPID data-pubtime)
POST_TIME_ATTRIBUTES = ("data-pubtime",)
ATTRIBUTE_TIME_HOLDER = "span"  # the element such a time is handed on in, as a shown time
# no em or span holds the time: a text node of the post that is one between separators (`new`:
# `</div>2026-11-25 17:10:00<span class="pipe">|</span>`, its first post `</a>, 2026-11-24
# 20:05:00`; strong_g's touch `<div class="s_viewbottom">7&nbsp;天前`), outside the message, its
# 点评 and ratings, and the panel (whose rows may be dates: 注册时间, 最后登录)
TIME_TEXT_SEPARATORS = " \t\n\r\f\xa0,，|·"
# the client tag as bare text later in the time's line, past its separators and links (`new`:
# `<span class="pipe">|</span>来自手机`): 来自 (來自) and the client's name
CLIENT_SHOWN = re.compile(r"(?:来自|來自)\S{1,24}")
# the post's header line is the stock `div.pti > div.authi` that holds its time
# (`em#authorpostonPID`); where the time sits elsewhere (a theme's second div.authi), the
# search by POST_HEADER_AUTHI finds the line
HEADER_LINE_CLASS = "authi"
HEADER_HOLDER_CLASS = "pti"
# the floor mark at the start of a floor link's text: X2 sites print `<em>5</em>#分享本帖地址`
# (a `$postnostick` of `#` plus a site's own words); the label is `5#`, never the whole text
FLOOR_MARK = re.compile(r"[0-9]{1,18}\s*(?:#|楼|樓)?")
# no floor link at all (X2's mobile=yes UI, template/default/mobile/forum/viewthread.htm): the
# post's header div.bm_user starts with the floor, as bare text (`楼主`) or as
# `<em>5</em><sup>#</sup>`, before the name link; those leading text nodes and inline tags are
# the label
FLOOR_HEADS = "div.bm_user"
FLOOR_HEAD_INLINE = ("-text", "em", "sup", "strong", "b")

# the names of the rules (stock: the template's own hook; fallback: what a theme left).
# Without the author column (X3.5's own `$close_leftinfo` in viewthread_node.htm, and themes
# that copy it) div.authi holds the avatar link `a.avt` (a space link without text) before the
# name link: the uid comes from the first, the name from the named link with the same uid.
RULE_FLOOR_ID = "stock a#postnumPID"
RULE_FLOOR_PLACEHOLDER = "stock div.pi strong (deleted floor)"
RULE_FLOOR_FINDPOST = "fallback: the post's findpost link"
RULE_FLOOR_HEAD = "fallback: the leading text of the post's header (div.bm_user, mobile=1 pages)"
RULE_FLOOR_WORD = "fallback: floor name (楼主 沙发 板凳 地板)"
RULE_FLOOR_ORDER = "fallback: order on the page"
RULE_STARTER_MARK = "stock 楼主 mark (img ico_lz, em.authicn title=楼主, 楼主 in the header)"
# we54 labels the starter's 只看该作者 link 只看楼主; eis_y_car labels every post's so: a mark
# only where the page's such links name one member (parse/starter.py)
RULE_STARTER_VIEW_LINK = "fallback: 只看楼主 view link in the header, one member's on the page"
RULE_AUTHOR_PANEL = "stock author panel (div#favatarPID / td.pls)"
RULE_AUTHOR_HEADER = "fallback: header name link (div.authi a[uid])"
RULE_AUTHOR_SPACE = "fallback: space link in the post (space-uid-N / mod=space&uid=N)"
RULE_AUTHOR_NAMED_SPACE = "fallback: named space link with the uid (avatar link has no name)"
RULE_AUTHOR_ONLY_AUTHOR = "fallback: 只看该作者 link (authorid=N)"
RULE_AUTHOR_THREAD = "fallback: floor 1 is by the thread author the page names"
RULE_AUTHOR_GUEST = "stock guest link (javascript:, masked IP)"
RULE_AUTHOR_ANONYMOUS = "stock 匿名 text"
RULE_AUTHOR_DELETED = "stock 该用户已被删除 note"
RULE_AUTHOR_TEXT = "fallback: header text"
RULE_TIME_ID = "stock em#authorpostonPID"
RULE_TIME_POSTED = "fallback: first em/span reading 发表于"
RULE_TIME_DATE = "fallback: first em/span that is a date"
RULE_TIME_TITLED = "fallback: span whose title is the date (a relative time shown)"
RULE_TIME_ATTRIBUTE = "fallback: the post's {} attribute"
RULE_TIME_TITLE_BLOCK = "fallback: the time in the block of the thread's title (floor 1)"
RULE_TIME_TEXT = "fallback: first text outside the message and panel that is a time"
RULE_CLIENT_HEADER = "stock span.xg1 after the time"
RULE_CLIENT_TEXT = "fallback: a 来自… text after the time in its line"
RULE_CLIENT_TAIL = "stock client tail at the message end"
RULE_BODY_ID = "stock td#postmessage_PID"
RULE_BODY_FALLBACK = "fallback: {} in the post"
RULE_RATINGS_LOG = "stock dl#ratelog_PID"
RULE_RATINGS_SLOT = "stock empty div#post_rate_div_PID (no ratings)"
RULE_PANEL_ID = "stock div#favatarPID"
RULE_PANEL_CELL = "stock td.pls (X2 has no favatar id)"
# themes that empty td.pls or move the profile node out of it (about: div.c-author >
# div.diyinfo; time_9th_keji: the panel on the first post only, the user card on every post)
RULE_PANEL_MOVED = (
    "fallback: the box around the number cells (div.tns, div.usercredits) with the group or rank"
    " (a moved profile)"
)
RULE_PANEL_LEVEL = "fallback: header group link reading LV<stars>"
RULE_PANEL_GROUP_LINK = "fallback: header group link with the group's title"
RULE_PANEL_CARD = "fallback: the hidden user card div#userinfoPID (its dl rows and number items)"
RULE_CREDITS_TIP = "fallback: the group-upgrade tip div#g_upPID_menu (积分 N)"
