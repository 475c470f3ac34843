"""Every selector and pattern the parser uses, by what it finds; alternatives tried in order."""

from __future__ import annotations

import re

from archiver.errors import DiscuzMessage, LoginRequired, NoPermission, ThreadNotFound

# page level; an *_ID names the id a selector starts from (looked up, not searched for)
POSTLIST = "#postlist"
POSTLIST_ID = "postlist"
SUBJECT_ID = "thread_subject"
BREADCRUMB_LINKS = "#pt .z a"
BREADCRUMB_ID = "pt"
COUNTERS = "#postlist td.pls .hm span.xi1"
COUNTERS_BOX = "#postlist td.pls .hm"
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
GENERATOR = "meta[name='generator']"
ANY_ID = "[id]"
ID = "#{}"
BODY = "body"
PAGE_FOOTER = "#ft, #footer"
FORUM_LINKS = "#pt .z a, .pgb a"
POSTLIST_TID_LINK = "#postlist a[href*='tid=']"
THREAD_AUTHOR_LINKS = "#tath a[href*='uid']"
CANONICAL = "link[rel='canonical']"
BASE = "base[href]"
TITLE = "title"
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

# inside a post
PI = "div.pi"
PI_FLOOR = "div.pi strong a, div.pi strong"
PI_DELETED_NOTE = "em"
GUEST_LINK = "a[href^='javascript']"
STARTER_TITLE = "[title='楼主']"
HEADER_POSTED_ON = "em[id^='authorposton']"
CLIENT_ICONS = "img"
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
PANEL_MEDAL_BOX = ".md_ctrl"
PANEL_AVATAR = ".avatar img"
UC_SERVER_PATH = "uc_server/"  # UCenter under the install: the API's member_avatar gives its root
LOCKED = "div.locked"
PCB = "div.pcb"
EDIT_NOTE = "i.pstatus"
QUOTE_BLOCKS = "div.quote"
INLINE_IMAGES = "img"
_FILE_SIZE = "span[id^='attach_'] > em, span[id^='attach_'] + em"
ATTACH_ITEMS = "dl.tattl"
ATTACH_ITEM_LINK = "a[id^='aid'], span[id^='attach_'] a, p.attnm a"
ATTACH_ITEM_IMAGE = "img[aid], img[zoomfile], img[file]"
PENDING = "待审核"
HOT_LABEL = "推荐"
FILE_LINKS = "span[id^='attach_'] a, a[id^='aid']"
ATTACH_LIST = "div.pattl"
# parts most pages lack (each `tag.class` or `.class`): one page query says which are there,
# and posts search only for those
RARE_PARTS = (ATTACH_LIST, LOCKED, PANEL_MEDAL_BOX, PANEL_CUSTOM_TITLE)
IMAGE_TIPS = "div[id^='aimg_'][id$='_menu']"
_JAMMERS = "font.jammer, span[style*='display:none'], span[style*='display: none']"
TIPS = "div.tip, div[id$='_menu'], div.attach_nopermission, div.attach_tips"
CODE_COPY = "div.blockcode em"
RATING_ROWS = "tbody.ratl_l tr, tr[id^='rate_']"
RATING_HEADERS = "table.ratl th"
RATING_CELLS = "td"
RATING_HEADER_ICONS = "i"
USER_LINKS = "a[href*='uid']"
ATTACH_ITEM_NOTES = "em, p"
COMMENT_AUTHOR = "div.psta"
COMMENT_BODY = "div.psti"
COMMENT_TIME = "span.xg1"
COMMENT_ACTIONS = "a"
TITLED_SPAN = "span[title]"
# in a message (body.py)
MESSAGE_CLEANUP = f"script, style, {_JAMMERS}, {TIPS}"
TEXT_EXTRAS = f"{QUOTE_BLOCKS}, {_FILE_SIZE}"
LINKS = "a[href]"
JS_WRAPPERS = "ignore_js_op"
TIP_NAME = "strong"
TIP_SIZE = "em"

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
# div#post_P, table#pidP or #postmessage_P: an element that stands for post P
ANY_POST_ID = re.compile(r"^(?:post_|pid|postmessage_)([0-9]{1,18})$")
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
TOUCH_AUTHI_LINES = "li"
TOUCH_STICKY_ICON = "img[title*='置顶']"
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
                 "尚未登录", "您需要先登录", "没有权限", "nopermission")  # fmt: skip
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
ARCHIVER_NAME = "strong"
ARCHIVER_ANONYMOUS = "i"
ARCHIVER_PAGER_ITEMS = "a, strong"
ARCHIVER_TIME = "span[title]"
ARCHIVER_POSTED = re.compile(r"发表于\s*(.+)$", re.S)
ARCHIVER_PAGER = "div.page"
ARCHIVER_FULL_LINK = "div#end a"
ARCHIVER_NAV_FORUM = "div#nav a[href*='fid-']"
ARCHIVER_NAV = "div#nav"
ARCHIVER_FID = re.compile(r"fid-([0-9]{1,18})\.html")
ARCHIVER_TID = re.compile(r"(?:tid-|thread-|[?&]tid=)([0-9]{1,18})")
ARCHIVER_FOLDER = re.compile(r"archiver/?$")

# forum thread lists (forumdisplay, board.py)
BOARD_TABLE = "#threadlisttableid"
BOARD_ROWS = "tbody[id^='normalthread_'], tbody[id^='stickthread_']"
BOARD_ROW_ID = re.compile(r"^(normal|stick)thread_(\d+)$")
BOARD_FID = re.compile(r"\bfid\s*=\s*parseInt\('(\d+)'\)")
BOARD_TITLE = "a.xst, th a[href*='tid='], th a[href*='thread-']"
BOARD_BY_CELLS = "td.by"
BOARD_COUNTS = "td.num"
BOARD_REPLIES = "a"
BOARD_VIEWS = "em"
BOARD_CITE = "cite"
BOARD_CITE_LINK = "a"
BOARD_TIME = "em"

# labels and phrases pages print
DISCUZ_MARKERS = ("discuz_uid", "Discuz!", "discuz.net", "discuz.vip", "comsenz")
WORD_FLOORS = {"楼主": 1, "沙发": 2, "板凳": 3, "地板": 4}
DELETED_FLOOR = "无效楼层"
MEMBER_DELETED = "该用户已被删除"
GUEST = "游客"
ANONYMOUS = "匿名"
STARTER = "楼主"
STICKY = "置顶"
POSTED = "发表于"
FROM_MOBILE = "来自手机"
# a desktop post's div.locked box: words in its text -> post state, else "locked"
LOCKED_STATES = (
    ("作者被禁止或删除", "banned"),
    ("管理员或版主屏蔽", "blocked"),
    ("仅作者可见", "author_only"),
    ("密码", "password"),
    ("支付", "paid"),
    ("购买", "paid"),
)
# placeholder texts shown instead of a message (lang message_banned, message_single_banned, …),
# spaces removed; the moderators' variants only append to them, so a prefix match covers both
PLACEHOLDER_STATES = (
    ("提示:作者被禁止或删除", "banned"),
    ("提示:该帖被管理员或版主屏蔽", "blocked"),
    ("此帖仅作者可见", "author_only"),
    ("该帖仅作者可见", "author_only"),  # the mobile API's own wording
    ("本帖为密码帖", "password"),
    ("付费主题,价格", "paid"),
)
# forum messages (showmessage): (words in a page's message, words in the API's messageval,
# error class, what to try), checked in order
MESSAGE_KINDS: tuple[tuple[tuple[str, ...], tuple[str, ...], type[DiscuzMessage], str], ...] = (
    (
        ("不存在", "已被删除", "正在被审核", "没有找到帖子"),
        ("nonexistence", "not_found"),
        ThreadNotFound,
        "check the tid; the thread may be deleted or awaiting moderation",
    ),
    (
        ("尚未登录", "登录", "login"),
        ("login",),
        LoginRequired,
        "log in with a browser and pass its cookies with --cookies",
    ),
    (
        ("权限", "无法进行此操作", "需要满足以下条件", "升级", "禁用", "不在允许范围"),
        ("nopermission", "permforum", "disallow", "banned"),
        NoPermission,
        "this account may not read it; use the cookies of an account that can",
    ),
)
# the mobile API's own errors (`{"error": KEY}`), and the stock zh_CN texts of messagestr
# when it arrives untranslated (`mobile:KEY`, markup spec §7)
API_ERRORS = {
    "mobile_is_closed": "the forum's mobile API (the 掌上论坛 plugin) is switched off; "
    "archive the desktop pages instead",
    "module_not_exists": "the mobile API has no such module; ask for module=viewthread",
}
API_MESSAGE_TEXTS = {
    "thread_nonexistence": "抱歉，指定的主题不存在或已被删除或正在被审核",
    "viewperm_login_nopermission": "抱歉，您尚未登录，没有权限访问该版块",
    "viewperm_none_nopermission": "抱歉，您没有权限访问该版块",
    "forum_nonexistence": "抱歉，指定的版块不存在",
    "to_login": "您需要先登录才能继续本操作",
}
