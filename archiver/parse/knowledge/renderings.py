"""Selectors and patterns of the other renderings: touch, media, mobile API, Archiver text."""

from __future__ import annotations

import re

from archiver.parse.knowledge.sorts import BRACKETED

# touch pages (mobile=2: X3.4's template and X3.5's newer one, markup spec §8.1)
TOUCH_AUTHI = "ul.authi"
TOUCH_AUTHI_LINES = "li"
TOUCH_STICKY_ICON = "img[title*='置顶'], img[title*='置頂']"
TOUCH_FILE_NOTES = "em, p"
TOUCH_COMMENT_TEXT = "li.mtxt"
TOUCH_NAME_HOLDER = "b, span.z"
TOUCH_MESSAGE = "div.message"
TOUCH_NOTES = "div.quote, span.quote"
TOUCH_QUOTED = "blockquote"  # a real quote, not a notice
TOUCH_INLINE_FILES = "div[id^='attach_'], ul[id^='attach_']"
TOUCH_INLINE_IMAGES = "img[id^='aimg_']:not([aid])"
TOUCH_TIME_EXTRAS = "em, span.y, div, a, i, img"
TOUCH_FILE_NAME = "span.link"
TOUCH_ATTACH_LINK = "a[href*='mod=attachment'], a[href*='attachpay']"
TOUCH_OUTSIDE_LISTS = "div.message, div[id^='comment_']"
TOUCH_LISTED_IMAGES = "ul.img_one img, ul.img_list img"
TOUCH_LISTED_FILES = "a[id^='aid']"
TOUCH_COMMENTS = "div[id^='commentdetail_']"
TOUCH_AVATAR = "span.avatar img, div.avatar img"
TOUCH_SUBJECT = "div.postlist > h2, div.view_tit"
TOUCH_SUBJECT_EXTRAS = "a, span, em"
# media (parse/media.py): smilies, a "complete" copy's pictures, a login page instead of a file
SMILEY_IMAGES = "img[smilieid], img[src*='/smiley/']"
SAVED_COPY_IMAGES = "img[src*='_files/']"
DISCUZ_MESSAGE_MARKS = ("discuz", "messagetext", "main_message", "提示信息")
REFUSAL_MARKS = ("messagelogin", "mod=logging&amp;action=login", "mod=logging&action=login",
                 "尚未登录", "尚未登錄", "您需要先登录", "您需要先登錄", "没有权限", "沒有權限",
                 "nopermission")  # fmt: skip
TOUCH_FORUM_NAME = "header.header span.name, div.header h2"
TOUCH_REPLY_ONCLICK = "[onclick*='action=reply']"
TOUCH_REPLY_URLS = "form[action*='action=reply'], a[href*='action=reply']"
TOUCH_THREAD_LINKS = "a[href*='mod=viewthread'][href*='tid=']"
TOUCH_FORUM_LINKS = "a[href*='forumdisplay']"
# the header's 只看楼主 link (authorid = the starter); a theme's per-post 只看他 link names that
# post's own author, so only a link whose text holds STARTER_WORDS counts
TOUCH_ONLY_AUTHOR = "a[href*='authorid=']"
TOUCH_COUNTERS = "li.mtime span.y em"
SITEURL_VAR = re.compile(r"\bSITEURL\s*=\s*'(https?://[^']+)'")
AVATAR_PATH_UID = re.compile(r"avatar/(\d{3})/(\d{2})/(\d{2})/(\d{2})_avatar_")
LEADING_LABEL = re.compile(BRACKETED.pattern + r"\s*")  # one `[类型]` before a touch subject
SIZE_TEXT = re.compile(r"\d[\d.]*\s*(?:[KMGT]B|Bytes?)\b", re.I)

# the old mobile pages (mobile=1, template/default/mobile, markup spec §8.2): the desktop ids
# (div#post_PID, div.bm_user#pidPID, em#authorpostonPID, div#postmessage_PID), so the desktop
# parser reads them; only the thread head differs
OLD_MOBILE_BREADCRUMB = "div.box a"
OLD_MOBILE_COUNTERS = "div.bm_inf"
OLD_MOBILE_FOOTER = "div.ft"  # `Powered by Discuz! <em>X3.4</em>`
# its notes in place of a message (屏蔽, 禁止发言) are a div.xi1, desktop's a div.locked
LOCKED_BOXES = "div.locked, div.mes > div.xi1"
OLD_MOBILE_NOTE_BOX = "div.pbody > div.mes"  # in the bare div after a post's div#post_PID
# what it never prints of a post (template/default/mobile/forum/viewthread.htm): no 来自手机, no
# author panel, rate log, 回帖奖励, 支持 / 反对 or 抢中本楼: unknown there, not none
OLD_MOBILE_UNSHOWN = (
    "client_tag", "profile", "ratings", "reply_credit", "support", "against", "rush_floor",
)  # fmt: skip
OLD_MOBILE_HEAD = "div.bm_user"  # its posts' head in div#post_PID (desktop's is table#pidPID)
# its quotes start with the template's <p>引用:</p> (not quoted text; desktop has none)
QUOTE_LABEL_LINES = "div.quote > blockquote > p:first-child"

# mobile API (api/mobile/index.php, markup spec §9): its own discuzcode (plugin mobile)
API_QUOTES = "div.reply_wrap"

# the Archiver text view (archiver/?tid-T.html, markup spec §8.4; source/archiver/forum/)
ARCHIVER_TITLE = re.compile(r"Powered by Discuz! Archiver\s*$")
ARCHIVER_CONTENT = "div#content"
ARCHIVER_NAME = "strong"
ARCHIVER_ANONYMOUS = "i"
ARCHIVER_PAGER_ITEMS = "a, strong"
ARCHIVER_TIME = "span[title]"
ARCHIVER_POSTED = re.compile(r"(?:发表于|發表於)\s*(.+)$", re.S)
ARCHIVER_PAGER = "div.page"
ARCHIVER_FULL_LINK = "div#end a"
ARCHIVER_NAV_FORUM = "div#nav a[href*='fid-']"
ARCHIVER_NAV = "div#nav"
ARCHIVER_FID = re.compile(r"fid-([0-9]{1,18})\.html")
ARCHIVER_TID = re.compile(r"(?:tid-|thread-|[?&]tid=)([0-9]{1,18})")
ARCHIVER_FOLDER = re.compile(r"archiver/?$")

# A touch special thread's page gives only its first post's message a `postmessage_PID` id,
# beside the special's box: `div.reward` before it, an activity's `div.mbn` (X3.4) before or
# `div.activity` (X3.5) after it, a debate's `div.mbn` after it, a trade's goods `div.box`
# before its `postmessage_PID` (the counter's description). Such a page is a touch page, not a
# desktop or old mobile one (where every message has that id; #postlist is asked first)
# a touch post shows an app's tail at its message end, never the header's label (来自手机 for a
# post sent from a phone): without a tail, the tag is unknown, not none
TOUCH_UNSHOWN_TAG = ("client_tag",)
TOUCH_SPECIAL_BOXES = ("reward", "activity", "mbn", "box")
TOUCH_MESSAGE_CLASS = "message"  # the touch post's div.message, around that id
