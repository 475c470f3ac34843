"""Where a touch post and its fields are, for themes that drop the stock touch hooks.

The stock touch template (`template/default/touch/forum/viewthread.htm`, X3.3 to X3.5) gives
each post `div.plc#pidPID` and an `ul.authi` whose first line holds the floor and the name and
whose second holds the time. Themes rename the box (`div.sxp_plc#pidPID`), drop its id, or
drop `ul.authi`. What they all keep is the post's reply anchor `href="#replybtn_PID"` on the
`div.display.pi` (or its renamed copy) that touch.js reads to open the reply button; one theme
(wxd_mobile) keeps it only inside an HTML comment. The rule names are what `Post.found_by`
records and `discuz-archiver check` prints.
"""

from __future__ import annotations

import re

from archiver.times import CLOCK_SHAPE, DATE_TIME_SHAPE

# posts: the stock box and a theme's renamed box (both id=pidPID; PID_ID checks the id)
TOUCH_POST_BOXES = "div[id^='pid']"
TOUCH_STOCK_CLASS = "plc"
# the reply anchor every touch template writes into each post, in an attribute or a comment
TOUCH_REPLY_ANCHORS = "[href^='#replybtn_']"
REPLY_ANCHOR = re.compile(r"""href\s*=\s*["']#replybtn_([0-9]{1,18})["']""")
REPLY_ANCHOR_MARK = "#replybtn_"  # more than one in a box: the box holds more than one post
ANCHOR_PID = re.compile(r"^#replybtn_([0-9]{1,18})$")
# a theme's post header without ul.authi: the elements that may hold the floor or the time
TOUCH_HEAD_PARTS = "em, span, strong, b, li"
# a whole text that is a shown time: an absolute date in one of dgmdate's shapes, or a relative form
TIME_SHOWN = re.compile(
    rf"{DATE_TIME_SHAPE}|\d{{1,9}}\s*(?:秒|分[钟鐘]|小[时時]|天)前|(?:昨天|前天|今天)\s*{CLOCK_SHAPE}"
    r"|刚刚|剛剛|半小[时時]前"
)

RULE_TOUCH_POST_ID = "stock div.plc#pidPID"
RULE_TOUCH_POST_THEMED = "fallback: div#pidPID with a theme's class"
RULE_TOUCH_POST_ANCHOR = "fallback: the post's reply anchor (href=#replybtn_PID)"
RULE_TOUCH_POST_COMMENTED = "fallback: the reply anchor in an HTML comment"
RULE_TOUCH_AUTHI = "stock ul.authi"
RULE_TOUCH_MESSAGE = "stock div.message"
RULE_TOUCH_AUTHOR_SPACE = "fallback: first named space link outside the message"
RULE_TOUCH_FLOOR_LABEL = "fallback: first element outside the message that reads as a floor"
# zds_touch: `<b><a href=space…>lisa2019</a></b> (<span>高级会员</span>)`: the group title in
# parentheses right after the name in the author line (the stock touch template shows none)
TOUCH_GROUP_AFTER_NAME = re.compile(r"\s*[(（]\s*([^()（）]{1,20}?)\s*[)）]")
# toutiao: `<span class="self">楼主</span>` beside the name of the starter's replies
TOUCH_STARTER_MARKS = "span, em, i, b"
RULE_TOUCH_STARTER_MARK = "fallback: a 楼主 badge in the author line, apart from the floor"
# mobanbus: the group in the element right after the name link; not one of these words
TOUCH_GROUP_TAGS = ("span", "em", "font")
TOUCH_NOT_GROUPS = ("只看他", "只看她", "只看楼主", "只看该作者", "楼主", "樓主", "回复", "举报")
RULE_TOUCH_GROUP = (
    "fallback: the group after the name in the author line (in parentheses, or beside it)"
)
# ul.authi whose line does not start with the floor: its em that reads as one (mobile:
# em.isnumber behind the avatar; mobanbus: em.bus_fr in the time line, the name first)
TOUCH_FLOOR_EMS = "em"
# a theme's ul.authi of one line (mobile): the time in a part of it, `<p>2026-11-26 02:02:00</p>`
TOUCH_LINE_PARTS = "p, span, em, div"
RULE_TOUCH_TIME_IN_POST = "fallback: a part of the post outside the message that reads as a time"
RULE_TOUCH_TIME_IN_LINE = "fallback: the part of the one-line ul.authi that reads as a time"
# a theme's post box without div.message (jeawy_forum: div.reply-content inside
# div.posted_content): the innermost element whose class names content
# moke8_doormobile: div.postListCon; DBEnglish: div.floorText inside div.floorContent
TOUCH_CONTENT_BLOCKS = "[class*='content'], [class*='Con'], [class*='Text']"
RULE_TOUCH_MESSAGE_CONTENT = "fallback: the innermost element whose class names content"
# a theme's header without a space link (jeawy_forum): the avatar image's uid, and the name in
# the element whose class names it (div.summary-title), a leaf outside the message
TOUCH_ANY_AVATAR = "img[src*='avatar']"
TOUCH_NAME_HOLDERS = "[class*='name'], [class*='author'], [class*='title'], [class*='user']"
RULE_TOUCH_AUTHOR_AVATAR = "fallback: the avatar's uid and the text of an element named for it"
RULE_TOUCH_TIME_SHOWN = "fallback: first element outside the message that reads as a time"
RULE_TOUCH_TIME_TEXT = "fallback: first text outside the message that reads as a time"
