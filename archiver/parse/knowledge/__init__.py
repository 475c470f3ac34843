"""Every selector and pattern the parser uses, by what it finds; alternatives tried in order.

The desktop page's knowledge is here; the other renderings', forum lists', forum messages' and
the fallback rules' live in the sibling modules, re-exported so `knowledge.NAME` finds them all.
"""

from __future__ import annotations

import re

from archiver.times import CLOCK_SHAPE, DATE_SHAPE

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
TOUCH_POSTS = "div.postlist, section.postlist, div[id^='pid'], [href^='#replybtn_']"
LOGIN_FORM_MESSAGE = "#messagelogin"
FOOTER_TIME = "#flk p.xs0"
FOOTER_ID = "flk"
FOOTER_VERSION_ID = "frt"
GENERATOR = "meta[name='generator']"
ANY_ID = "[id]"
ID = "#{}"
BODY = "body"
PAGE_FOOTER = "#ft, #footer"
FORUM_LINKS = "#pt .z a, .pgb a, div.box a"  # div.box: the old mobile page (§8.2)
POSTLIST_TID_LINK = (
    "#postlist a[href*='tid='], a#thread_subject[href*='tid=']"  # a#: X2, old mobile
)
THREAD_AUTHOR_LINKS = "#tath a[href*='uid']"
THREAD_AUTHOR_CLASS_LINKS = ".tath a[href*='uid']"  # qing (X2.5): div.tath, no id
# no #tath and no author on floor 1: a theme's title strip names the thread author in a.author
THREAD_AUTHOR_NAMED = "a.author[href*='uid=']"
# a first post that shows only its message: the block around the heading with the subject
# names its author and time (parse/starter.py)
TITLE_HEADINGS = "h1, h2, h3"
TITLE_BLOCK_LEVELS = 2  # the heading's block, then the one around it (never one holding posts)
CANONICAL = "link[rel='canonical']"
BASE = "base[href]"
TITLE = "title"
THREAD_AUTHOR_ID = "tath"

# one post, formatted with pid=
POST_CONTAINER = "#post_{pid}"
POST_TABLE = "#pid{pid}"
FLOOR = "#postnum{pid}"
FLOOR_IDS = "[id^='postnum']"  # any post's floor link: which post a block belongs to
PANEL = "#favatar{pid}"
PANEL_CELL = "td.pls"
PANEL_CARD = "#userinfo{pid}"  # the hidden user card (div.p_pop), inside the stock panel
# the boxes of the profile node's 主题/回帖/积分 cells (`<th><p>N</p>主题</th>`), wherever a theme
# put them: stock div.tns, the `new` template's div.usercredits table
_NUMBER_BOXES = ("div.tns", "div.usercredits")
PANEL_NUMBERS = ", ".join(_NUMBER_BOXES)
PANEL_MARKS = "[alt^='Rank:'], [title^='Rank:'], p em a[href*='usergroup']"
# the card's rows: its 积分 (customauthorinfo) dl without class pil; a theme's list items of a
# number and its label (fxiaomi: `<li><span class="txt">0</span><span class="txt">主题</span>`)
PANEL_CARD_ROWS = "dl, li"
# number-cell and profile-row labels, per users-table column, Simplified then Traditional (the
# X3.2 TC build's 主題/積分); the first label the panel shows is read
PANEL_COUNT_LABELS = {
    "thread_count": ("主题", "主題"),
    "post_count": ("帖子",),
    "reply_count": ("回帖",),
    "credits": ("积分", "積分"),
}
# the group-upgrade tip under the group (stock div.tip_c, X1.5's div.crly): `高级会员, 积分 632,
# 距离下一级还需 368 积分`; themes that drop the panel's counters keep it (no tip for gid 1-3)
GROUP_TIP_ID = "g_up{pid}_menu"
_CREDITS_WORDS = "|".join(PANEL_COUNT_LABELS["credits"])
GROUP_TIP_CREDITS = re.compile(rf"(?:{_CREDITS_WORDS})\s*[:：]?\s*(-?[0-9]{{1,18}})")
POSTED_ON = "#authorposton{pid}"
AUTHOR_ICON = "#authicon{pid}"
MESSAGE = "#postmessage_{pid}"
RATELOG = "#ratelog_{pid}"
RATE_SLOT = "#post_rate_div_{pid}"  # the stock template's place for ratings a post lacks
COMMENTS = "#comment_{pid} .pstl"

# inside a post
PI = "div.pi"
PI_FLOOR = "div.pi strong a, div.pi strong"
PI_DELETED_NOTE = "em"
GUEST_LINK = "a[href^='javascript']"
STARTER_TITLE = "[title='楼主'], [title='樓主']"
HEADER_POSTED_ON = "em[id^='authorposton']"
CLIENT_ICONS = "img"
# the header's own links: a theme may wrap them in the client tag's span.xg1 (xiaoyu_newmi)
HEADER_ACTION_WORDS = ("只看该作者", "只看該作者", "倒序浏览", "倒序瀏覽", "只看大图", "只看大圖")
HEADER_AUTHI = "div.pi div.authi"
# the post's header itself, not the panel's div.pi div.authi before it (rabbit_occ: 楼主 text)
POST_HEADER_AUTHI = "div.pti div.authi, td.plc div.authi"
# a post header's 只看该作者 link (we54: 只看楼主 on the starter's posts; eis_y_car: on all)
HEADER_VIEW_LINKS = "a[href*='authorid=']"
PANEL_NAME_LINKS = ("div.authi a.xw1", "div.pi a[href*='uid']", ".authi a[href*='uid']")
ONLY_AUTHOR_LINK = ".authi a[href*='authorid=']"
SPACE_LINKS = "a[href*='uid=']:not(.cp_pls a), a[href*='space-uid-']:not(.cp_pls a)"
FINDPOST_LINKS = "a[href*='findpost']"
POSTED_ON_ANY = "em, span"
COMMENT_BOX = "#comment_{pid}"
HEADER_NAME_LINK = ".authi a[href*='uid']"
PANEL_NUMBER_CELLS = ", ".join(f"{box} {cell}" for box in _NUMBER_BOXES for cell in ("th", "td"))
PANEL_GROUP_LINK = "p em a[href*='usergroup']"
PANEL_GROUP_EM = "p em"
PANEL_ANY_GROUP_LINK = "a[href*='ac=usergroup']"
PANEL_RANK = "[alt^='Rank:'], [title^='Rank:']"
PANEL_CUSTOM_TITLE = "p.xg1"
# dl.pil, else (asked only when the panel has none) the hidden user card's rows: X2's stock
# customauthorinfo shows its counters (帖子, 精华, 积分) in the card only ("menu"), none in the
# panel ("left"): td.pls has no dl.pil
PANEL_PROFILE_ROWS = "dl.pil"
PANEL_CARD_ONLY_ROWS = "td.pls:not(:has(dl.pil)) div.p_pop dl"
PANEL_MEDALS = ".md_ctrl img[alt]"
PANEL_MEDAL_BOX = ".md_ctrl"
PANEL_AVATAR = ".avatar img"
UC_SERVER_PATH = "uc_server/"  # UCenter under the install: the API's member_avatar gives its root
LOCKED = "div.locked"
PCB = "div.pcb"
EDIT_NOTE = "i.pstatus"
QUOTE_BLOCKS = "div[class*='quote']"  # stock div.quote; toutiao's div.bz_quote_show
INLINE_IMAGES = "img"
_FILE_SIZE = "span[id^='attach_'] > em, span[id^='attach_'] + em"
ATTACH_ITEMS = "dl.tattl"
ATTACH_ITEM_LINK = "a[id^='aid'], span[id^='attach_'] a, p.attnm a"
ATTACH_ITEM_IMAGE = "img[aid], img[zoomfile], img[file]"
HOT_LABEL = "推荐"
FILE_LINKS = "span[id^='attach_'] a, a[id^='aid']"
ATTACH_LIST = "div.pattl"
# parts most pages lack (each `tag.class` or `.class`): one page query says which are there,
# and posts search only for those
STARTER_BADGE = "em.authicn"  # X3.5's 楼主 badge (em title=楼主); X3.4's authicn is an img
# 受到警告 (warn_get): desktop's `a[href*=action=viewwarning]` before the floor link in div.pi,
# touch's `span.quote` at the top of div.message, the API's status bit 2
WARNING_ACTION = "action=viewwarning"
WARNED_WORDS = ("受到警告",)  # the same in both scripts
TOUCH_WARNING = "div.message > span.quote"
# what a desktop page's first post draws of a special thread: reward, activity, debate, goods
SPECIAL_BOXES = "div.rwd, div.act, div.ds, div.trdl"
DEBATE_STAND = "label.pdbts"  # a debate reply's side (pdbts_N, parse/debate.py)
REPLY_CREDIT = "h3.psth"  # 回帖奖励 +5 金钱 (knowledge/rewards.py: REPLY_CREDIT_TEXT)
RARE_PARTS = (ATTACH_LIST, LOCKED, PANEL_MEDAL_BOX, STARTER_BADGE, DEBATE_STAND, REPLY_CREDIT)
IMAGE_TIPS = "div[id^='aimg_'][id$='_menu']"
_JAMMERS = "font.jammer, span[style*='display:none'], span[style*='display: none']"
TIPS = "div.tip, div[id$='_menu'], div.attach_nopermission, div.attach_tips"
CODE_COPY = "div.blockcode em"
CODE_BLOCKS = "div.blockcode"  # [code]: the API leaves them out, so the store compares without
RATING_ROWS = "tbody.ratl_l tr, tr[id^='rate_']"
RATING_HEADERS = "table.ratl th"
RATING_CELLS = "td"
# no header row (travel_linzi): the 总评分 line's `CREDIT + N` items give the columns' credits
RATING_TOTALS = "p.rate_title"
RATING_TOTAL_ITEMS = "span.xi1"
SCORE_SUFFIX = re.compile(r"\s*[+-]\s*[0-9]+\s*$")
CREDIT_TOTAL = re.compile(r"\S.*?\s*[+-]\s*[0-9]+")
RATING_HEADER_ICONS = "i"
USER_LINKS = "a[href*='uid']"
ATTACH_ITEM_SIZES = "em"  # `(6.15 KB, 下载次数: 0)`
ATTACH_ITEM_NOTES = "p"  # themes without the em
DOWNLOAD_COUNT_WORDS = ("下载次数", "下載次數")
DOWNLOAD_LINK_WORDS = ("下载附件", "下載附件")
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
# a debate's 只看正方 / 只看反方 / 只看中立 view (stand=N) numbers its posts the same way
STAND_IN_URL = re.compile(r"[?&](?:amp;)?stand=[0-2](?![0-9])")
# a 只看该作者 view (authorid=N) numbers that author's posts 1, 2, 3…; the view's own URL says
# which it is: the page's URL, the desktop page's keyPageScroll(e, …, 'forum.php?…&authorid=N')
# call, the touch page's 电脑版 link (the same URL with mobile=no). Not its posts' 显示全部楼层
# links: a robot's user agent gets those on every page
VIEW_SCRIPT = "keyPageScroll("
VIEW_DESKTOP_LINK = "mobile=no"
GID_IN_URL = re.compile(r"[?&](?:amp;)?gid=([0-9]{1,18})")
AID_IN_TIP = re.compile(r"^aimg_([0-9]{1,18})_menu$")
PID_IN_URL = re.compile(r"[?&](?:amp;)?pid=([0-9]{1,18})")
AID_IN_ID = re.compile(r"(?:aimg_|attach_|aid)([0-9]{1,18})$")
PAGE_IN_URL = re.compile(r"(?:[?&](?:amp;)?page=([0-9]{1,18})|thread-\d+-([0-9]{1,18})-\d+\.html)")
POST_ID = re.compile(r"^post_([0-9]{1,18})$")
PID_ID = re.compile(r"^pid([0-9]{1,18})$")
# div#post_P, table#pidP or #postmessage_P: an element that stands for post P
ANY_POST_ID = re.compile(r"^(?:post_|pid|postmessage_)([0-9]{1,18})$")
TOTAL_PAGES = re.compile(r"共\s*([0-9]{1,18})\s*[页頁]")
# views then replies, as the stock box (查看 | 回复) and themes' heads word them (浏览, 阅读,
# 人气; 回帖, 评论), in either script, with or without a colon or bar between
COUNTERS_TEXT = re.compile(
    r"(?:查看|浏览|瀏覽|阅读|閱讀|人气|人氣)\s*[:：]?\s*([0-9]{1,18})\s*[|｜/,，]?\s*"
    r"(?:回[复復]|回帖|评论|評論)\s*[:：]?\s*([0-9]{1,18})"
)
RANK = re.compile(r"Rank:\s*([0-9]{1,18})")
FOOTER_RENDER = re.compile(rf"GMT\s*([+-]\s*\d+(?:[:.]\d+)?)?\s*,\s*({DATE_SHAPE}\s+{CLOCK_SHAPE})")
VERSION = re.compile(r"Discuz!\s*(X?\d[\w.]*)", re.I)
# (Simplified, or Traditional as the TC builds write them: 本帖最後由 … 於 … 編輯, 發表於)
EDITED = re.compile(
    rf"本帖最[后後]由\s*(.+?)\s*[于於]\s*({DATE_SHAPE}\s+{CLOCK_SHAPE})\s*[编編][辑輯]"
)
QUOTE_LABELS = ("引用:", "引用：")  # touch and the API label a quote so
QUOTE_HEADER = re.compile(r"^\s*(.+?)\s+(?:发表于|發表於)\s+(.+?)\s*$")
FLOOR_DIGITS = re.compile(r"([0-9]{1,18})")
# no floor is 0 (mobanbus: a hidden 顶 counter `<span style="display:none">0</span>`)
FLOOR_LABEL = re.compile(r"[1-9][0-9]{0,17}[#楼樓]?|楼主|樓主|沙发|沙發|板凳|地板")
STICKY_FROM = re.compile(r"[来來]自\s*([0-9]{1,18})\s*[#楼樓]")
GUEST_IP = re.compile(r"\d{1,3}\.\d{1,3}\.[\dx*]+\.[\dx*]+")
CLIENT_TAG_TAIL = re.compile(
    r"((?:[来來]自\s*[:：]?\s*[^\s<>]{0,24}?(?:客[户戶]端|手[机機]版?|移[动動]端|iPhone|iPad|Android|"
    r"安卓|[苹蘋]果|微信|WindowsPhone|APP|App|app)[^\s<>]{0,8}?)\s*)+$"
)
NUMBER = re.compile(r"[0-9]{1,18}")
SCORE = re.compile(r"[+-]?[0-9]{1,18}")
REPEATED = re.compile(r"^(.+?)\1+$", re.S)

# labels and phrases pages print, in the simplified (zh_CN) and traditional (zh_TW: the TC_UTF8 and
# TC_BIG5 builds, words from their language packs) wordings; where only one is named, both agree
DISCUZ_MARKERS = ("discuz_uid", "Discuz!", "discuz.net", "discuz.vip", "comsenz")
WORD_FLOORS = {"楼主": 1, "沙发": 2, "板凳": 3, "地板": 4, "樓主": 1, "沙發": 2}
DELETED_FLOOR_WORDS = ("无效楼层", "無效樓層")
MEMBER_DELETED_WORDS = ("该用户已被删除", "該用戶已被刪除")
GUEST = "游客"  # the name a guest post gets where the page shows none
GUEST_WORDS = (GUEST, "遊客")
ANONYMOUS = "匿名"
STARTER_WORDS = ("楼主", "樓主")
STICKY_WORDS = ("置顶", "置頂")
POSTED_WORDS = ("发表于", "發表於")
PENDING_WORDS = ("待审核", "待審核")
HOT_LABEL = "推荐"  # the mobile API's hot reply (number -1) has no label of its own
HOT_LABELS = (HOT_LABEL, "推薦")
CODE_COPY_WORDS = ("复制代码", "複製代碼")
FROM_MOBILE = "来自手机"
# a desktop post's div.locked box: words in its text -> post state, else "locked"
LOCKED_STATES = (
    ("作者被禁止或删除", "banned"),
    ("作者被禁止或刪除", "banned"),
    ("管理员或版主屏蔽", "blocked"),
    ("管理員或版主屏蔽", "blocked"),
    ("仅作者可见", "author_only"),
    ("僅作者可見", "author_only"),
    ("密码", "password"),
    ("密碼", "password"),
    ("支付", "paid"),
    ("购买", "paid"),
    ("購買", "paid"),
)
# placeholder texts shown instead of a message (lang message_banned, message_single_banned, …),
# spaces removed; the moderators' variants only append to them, so a prefix match covers both
PLACEHOLDER_STATES = (
    ("提示:作者被禁止或删除", "banned"),
    ("提示:作者被禁止或刪除", "banned"),
    ("提示:该帖被管理员或版主屏蔽", "blocked"),
    ("提示:該帖被管理員或版主屏蔽", "blocked"),
    ("此帖仅作者可见", "author_only"),
    ("此帖僅作者可見", "author_only"),
    ("该帖仅作者可见", "author_only"),  # the mobile API's own wording
    ("該帖僅作者可見", "author_only"),
    ("本帖为密码帖", "password"),
    ("本帖為密碼帖", "password"),
    ("付费主题,价格", "paid"),
    ("付費主題,價格", "paid"),
)

from archiver.parse.knowledge.activities import *  # noqa: E402, F403  (siblings: one name space)
from archiver.parse.knowledge.board import *  # noqa: E402, F403
from archiver.parse.knowledge.content import *  # noqa: E402, F403
from archiver.parse.knowledge.debates import *  # noqa: E402, F403
from archiver.parse.knowledge.messages import *  # noqa: E402, F403
from archiver.parse.knowledge.polls import *  # noqa: E402, F403
from archiver.parse.knowledge.renderings import *  # noqa: E402, F403
from archiver.parse.knowledge.rewards import *  # noqa: E402, F403
from archiver.parse.knowledge.rules import *  # noqa: E402, F403  (where a post's fields are found)
from archiver.parse.knowledge.sorts import *  # noqa: E402, F403
from archiver.parse.knowledge.thread_states import *  # noqa: E402, F403
from archiver.parse.knowledge.touch_rules import *  # noqa: E402, F403
from archiver.parse.knowledge.trades import *  # noqa: E402, F403
