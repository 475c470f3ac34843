"""Every CSS selector and pattern the parser uses, named after what it finds.

Post-level selectors are formatted with the post id. Where Discuz versions and themes differ
there are several, tried in order (see discuz-markup.md §11).
"""

from __future__ import annotations

import re

# page level; an *_ID names the id a selector starts from (looked up, not searched for)
POSTLIST = "#postlist"
POSTLIST_ID = "postlist"
POST_CONTAINERS = "#postlist > div[id^='post_']"
ANY_POST_TABLE = "table[id^='pid']"
ANY_POST_MESSAGE = "[id^='postmessage_']"
SUBJECT = "#thread_subject"
SUBJECT_ID = "thread_subject"
SUBJECT_HEADING = "h1.ts"
BREADCRUMB_LINKS = "#pt .z a"
BREADCRUMB_ID = "pt"
COUNTERS = "#postlist td.pls .hm span.xi1"
COUNTERS_BOX = "#postlist td.pls .hm"
PAGER = ".pg"
PAGER_CURRENT = ".pg strong"
PAGER_TOTAL = ".pg span[title]"
PAGER_LINKS = ".pg a"
PAGE_INPUT = "#modactions input[name='page']"
MESSAGE_TEXT = "#messagetext, div.jump_c"
MESSAGE_FIRST_LINE = "p"
TOUCH_POSTS = "div.postlist, div.plc[id^='pid']"
LOGIN_FORM_MESSAGE = "#messagelogin"
FOOTER_TIME = "#flk p.xs0"
FOOTER_ID = "flk"
FOOTER_VERSION_ID = "frt"
FOOTER_VERSION = "#frt em"
GENERATOR = "meta[name='generator']"
CANONICAL = "link[rel='canonical']"
BASE = "base[href]"
TITLE = "title"
THREAD_AUTHOR_BOX = "#tath"
THREAD_AUTHOR_ID = "tath"

# one post, formatted with pid=
POST_CONTAINER = "#post_{pid}"
POST_TABLE = "#pid{pid}"
FLOOR = "#postnum{pid}"
PANEL = "#favatar{pid}"
PANEL_CELL = "td.pls"
POSTED_ON = "#authorposton{pid}"
AUTHOR_ICON = "#authicon{pid}"
MESSAGE = "#postmessage_{pid}"
RATELOG = "#ratelog_{pid}"
COMMENTS = "#comment_{pid} .pstl"
USER_CARD = "#userinfo{pid}"
STAR_TIP = "#g_up{pid}_menu"

# inside a post
HEADER_AUTHI = "div.pi div.authi"
PANEL_NAME_LINKS = ("div.authi a.xw1", "div.pi a[href*='uid']", ".authi a[href*='uid']")
ONLY_AUTHOR_LINK = ".authi a[href*='authorid=']"
SPACE_LINKS = "a[href*='uid='], a[href*='space-uid-']"
FINDPOST_LINKS = "a[href*='findpost']"
POSTED_ON_ANY = "em, span"
COMMENT_BOX = "#comment_{pid}"
HEADER_NAME_LINK = ".authi a[href*='uid']"
PANEL_NUMBER_CELLS = "div.tns th, div.tns td"
PANEL_GROUP_LINK = "p em a[href*='usergroup']"
PANEL_GROUP_EM = "p em"
PANEL_RANK = "[alt^='Rank:'], [title^='Rank:']"
PANEL_CUSTOM_TITLE = "p.xg1"
PANEL_PROFILE_ROWS = "dl.pil"
PANEL_MEDALS = ".md_ctrl img[alt]"
PANEL_AVATAR = ".avatar img"
PANEL_QQ = "a[href*='wpa.qq.com']"
PANEL_MOBILE_BADGE = "div[class*='mobile-type-']"
LOCKED = "div.locked"
PCB = "div.pcb"
EDIT_NOTE = "i.pstatus"
QUOTE_BLOCKS = "div.quote"
QUOTE_LINK = "a[href*='findpost']"
INLINE_IMAGES = "img"
FILE_SIZE = "span[id^='attach_'] > em, span[id^='attach_'] + em"
ATTACH_ITEMS = "dl.tattl"
ATTACH_ITEM_LINK = "a[id^='aid'], span[id^='attach_'] a, p.attnm a"
ATTACH_ITEM_IMAGE = "img[aid], img[zoomfile], img[file]"
PENDING = "待审核"
HOT_LABEL = "推荐"
FILE_LINKS = "span[id^='attach_'] a, a[id^='aid']"
ATTACH_LIST = "div.pattl"
IMAGE_TIPS = "div[id^='aimg_'][id$='_menu']"
JAMMERS = "font.jammer, span[style*='display:none'], span[style*='display: none']"
TIPS = "div.tip, div[id$='_menu'], div.attach_nopermission, div.attach_tips"
CODE_COPY = "div.blockcode em"
RATING_ROWS = "tbody.ratl_l tr, tr[id^='rate_']"
RATING_HEADERS = "table.ratl th"

# patterns
FID_TID = re.compile(
    r"fid\s*=\s*parseInt\('([0-9]{1,18})'\)\s*,\s*tid\s*=\s*parseInt\('([0-9]{1,18})'\)"
)
TID_ONLY = re.compile(r"\btid\s*=\s*parseInt\('([0-9]{1,18})'\)")
TID_IN_URL = re.compile(r"(?:[?&](?:amp;)?(?:p?tid)=|thread-)([0-9]{1,18})")
FID_IN_URL = re.compile(r"(?:[?&](?:amp;)?fid=|forum-)([0-9]{1,18})")
UID_IN_URL = re.compile(r"(?:[?&](?:amp;)?uid=|space-uid-)([0-9]{1,18})")
AUTHORID_IN_URL = re.compile(r"[?&](?:amp;)?authorid=([0-9]{1,18})")
GID_IN_URL = re.compile(r"[?&](?:amp;)?gid=([0-9]{1,18})")
AID_IN_TIP = re.compile(r"^aimg_([0-9]{1,18})_menu$")
PID_IN_URL = re.compile(r"[?&](?:amp;)?pid=([0-9]{1,18})")
AID_IN_ID = re.compile(r"(?:aimg_|attach_|aid)([0-9]{1,18})$")
PAGE_IN_URL = re.compile(r"(?:[?&](?:amp;)?page=([0-9]{1,18})|thread-\d+-([0-9]{1,18})-\d+\.html)")
POST_ID = re.compile(r"^post_([0-9]{1,18})$")
PID_ID = re.compile(r"^pid([0-9]{1,18})$")
MESSAGE_ID = re.compile(r"^postmessage_([0-9]{1,18})$")
TOTAL_PAGES = re.compile(r"共\s*([0-9]{1,18})\s*页")
COUNTERS_TEXT = re.compile(r"查看\s*[:：]?\s*([0-9]{1,18})\s*\|?\s*回复\s*[:：]?\s*([0-9]{1,18})")
RANK = re.compile(r"Rank:\s*([0-9]{1,18})")
FOOTER_RENDER = re.compile(
    r"GMT\s*([+-]\s*\d+(?:[:.]\d+)?)?\s*,\s*(\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?)"
)
VERSION = re.compile(r"Discuz!\s*(X?\d[\w.]*)", re.I)
EDITED = re.compile(
    r"本帖最后由\s*(.+?)\s*于\s*(\d{4}-\d{1,2}-\d{1,2}\s+\d{1,2}:\d{2}(?::\d{2})?)\s*编辑"
)
QUOTE_HEADER = re.compile(r"^\s*(.+?)\s+发表于\s+(.+?)\s*$")
FLOOR_DIGITS = re.compile(r"([0-9]{1,18})")
FLOOR_LABEL = re.compile(r"[0-9]{1,18}[#楼]?|楼主|沙发|板凳|地板")
STICKY_FROM = re.compile(r"来自\s*([0-9]{1,18})\s*[#楼]")
GUEST_IP = re.compile(r"\d{1,3}\.\d{1,3}\.[\dx*]+\.[\dx*]+")
TEN_THOUSANDS = re.compile(r"^([\d.]+)\s*万$")
CLIENT_TAG_TAIL = re.compile(
    r"((?:来自\s*[:：]?\s*[^\s<>]{0,24}?(?:客户端|手机版?|移动端|iPhone|iPad|Android|安卓|苹果|"
    r"微信|WindowsPhone|APP|App|app)[^\s<>]{0,8}?)\s*)+$"
)
NUMBER = re.compile(r"[0-9]{1,18}")
SCORE = re.compile(r"[+-]?[0-9]{1,18}")
REPEATED = re.compile(r"^(.+?)\1+$", re.S)

# touch pages (mobile=2: X3.4's template and X3.5's newer one, markup spec §8.1)
TOUCH_POST_NODES = "div.plc[id^='pid']"
TOUCH_AUTHI = "ul.authi"
TOUCH_NAME_HOLDER = "b, span.z"
TOUCH_MESSAGE = "div.message"
TOUCH_NOTES = "div.quote, span.quote"
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
TOUCH_FORUM_NAME = "header.header span.name, div.header h2"
TOUCH_REPLY_URLS = "form[action*='action=reply'], a[href*='action=reply']"
TOUCH_THREAD_LINKS = "a[href*='mod=viewthread'][href*='tid=']"
TOUCH_FORUM_LINKS = "a[href*='forumdisplay']"
TOUCH_ONLY_AUTHOR = "a[href*='authorid=']"
TOUCH_COUNTERS = "li.mtime span.y em"
SITEURL_VAR = re.compile(r"\bSITEURL\s*=\s*'(https?://[^']+)'")
AVATAR_PATH_UID = re.compile(r"avatar/(\d{3})/(\d{2})/(\d{2})/(\d{2})_avatar_")
TYPE_PREFIX = re.compile(r"^(?:\[[^\]]{1,20}\]\s*)+")
SIZE_TEXT = re.compile(r"\d[\d.]*\s*(?:[KMGT]B|Bytes?)\b", re.I)

# mobile API (api/mobile/index.php, markup spec §9): its own discuzcode (plugin mobile)
API_QUOTES = "div.reply_wrap"

# the Archiver text view (archiver/?tid-T.html, markup spec §8.4; source/archiver/forum/)
ARCHIVER_TITLE = re.compile(r"Powered by Discuz! Archiver\s*$")
ARCHIVER_CONTENT = "div#content"
ARCHIVER_AUTHOR = "p.author"
ARCHIVER_NAME = "strong"
ARCHIVER_TIME = "span[title]"
ARCHIVER_POSTED = re.compile(r"发表于\s*(.+)$", re.S)
ARCHIVER_PAGER = "div.page"
ARCHIVER_FULL_LINK = "div#end a"
ARCHIVER_NAV_FORUM = "div#nav a[href*='fid-']"
ARCHIVER_NAV = "div#nav"
ARCHIVER_FID = re.compile(r"fid-([0-9]{1,18})\.html")
ARCHIVER_TID = re.compile(r"(?:tid-|thread-|[?&]tid=)([0-9]{1,18})")
ARCHIVER_PAGE = re.compile(r"[?&]page=([0-9]{1,9})")
ARCHIVER_FOLDER = re.compile(r"archiver/?$")
