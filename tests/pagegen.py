"""Synthetic Discuz! X3.4 desktop thread pages, deterministic for a given seed.

The markup follows the stock X3.4 default template (viewthread.htm, viewthread_node.htm,
discuzcode.htm, helper_page::multi) as rendered for a guest, with `postnocustom` = 楼主 (so floor 1
reads 楼主 and later floors `<em>N</em><sup>#</sup>`), `dateconvert` on, timeoffset +8.

    html = thread_page(tid=7, page=2, pages=5, charset="gbk", seed=1)
    expected_posts(7, 2, 5, 10)  # [(7010, 11), (7011, 12), ...]
    page_posts(tid=7, page=2, pages=5)  # full PostSpec per post: author, time, quote, image ...

Every page of a thread is full (posts_per_page posts). Floor f has pid first_pid + f - 1 and
is posted 40 minutes (less up to 20 minutes of jitter) after floor f - 1; the thread's last
floor is posted 10 to 30 minutes before the page's render time, so recent floors show
relative times (`3&nbsp;小时前` inside `<span title>`) and old ones plain absolute times.
"""

from __future__ import annotations

import datetime as dt
import html
import random
from dataclasses import dataclass

TZ = dt.timezone(dt.timedelta(hours=8))
FLOOR_GAP = dt.timedelta(minutes=40)
BBNAME = "测试论坛"
CATEGORY = (1, "综合交流")
FORUMS = ("数码硬件", "家居生活", "摄影器材", "汽车交流", "旅游攻略", "美食天地")
GROUPS = (  # gid, title, stars (install_data.sql defaults)
    (10, "新手上路", 1),
    (11, "注册会员", 2),
    (12, "中级会员", 3),
    (13, "高级会员", 4),
    (14, "金牌会员", 6),
    (15, "论坛元老", 8),
    (3, "版主", 7),
    (1, "管理员", 9),
)
MOBILE_TAG = "来自手机"
# All from GB2312, so every page also encodes as GBK.
_WORDS = (
    "路由器 宽带 千兆 网络 信号 电脑 手机 系统 升级 问题 价格 预算 质量 售后 师傅 小区 房子 "
    "装修 厨房 冰箱 空调 洗衣机 电视 相机 镜头 照片 天气 周末 旅行 火车 机票 酒店 景点 美食 "
    "餐厅 朋友 同事 孩子 学校 老师 公司 工资 时间 经验 建议 办法 感觉 效果 速度 配置 型号 "
    "品牌 参数 设置 软件 硬件 版本 更新 数据 文件 硬盘 内存 显卡 屏幕 键盘 鼠标 耳机 音箱"
).split()
_GLUE = ("的", "了", "也", "都", "还", "就", "在", "和", "很", "再", "又", "才", "把", "被")
_VERBS = ("觉得", "推荐", "试过", "看看", "买了", "用过", "换成", "比较", "注意", "考虑", "发现")
_ENDS = ("，", "，", "，", "。", "。", "！", "？")
_SURNAMES = ("zhang", "wang", "li", "zhao", "chen", "liu", "yang", "huang", "zhou", "wu")
_NICK_A = ("快乐的", "安静的", "爱吃鱼的", "会飞的", "不睡觉的", "路过的", "开心", "老")
_NICK_B = ("小猫", "大熊", "兔子", "司机", "农民", "码农", "书生", "少年", "阿姨", "胖子")


@dataclass(frozen=True)
class User:
    """An author as the panel beside each of their posts shows them."""

    uid: int
    name: str
    gid: int
    group_title: str
    rank: int
    threads: int
    posts: int
    credits: int


@dataclass(frozen=True)
class QuoteSpec:
    """The quote block a reply starts with."""

    pid: int
    author: str
    time_text: str  # as in the header, `Y-n-j H:i`
    text: str


@dataclass(frozen=True)
class ImageSpec:
    """An inline image attachment ([attach]AID[/attach]) at the end of the message."""

    aid: int
    path: str  # relative to <base href>
    filename: str
    size: str  # as the hidden tip shows it, e.g. "453.91 KB"
    downloads: int


@dataclass(frozen=True)
class PostSpec:
    """Everything the generator decided about one post."""

    pid: int
    floor: int
    author: User
    is_starter: bool
    posted_at: dt.datetime  # aware, +08:00
    posted_html: str  # inside em#authorposton after 发表于
    posted_text: str  # as shown, nbsp folded to a space
    client_tag: str | None
    lines: tuple[str, ...]
    quote: QuoteSpec | None = None
    image: ImageSpec | None = None

    @property
    def text(self) -> str:
        """The message text without the quote: its lines joined by newlines."""
        return "\n".join(self.lines)

    @property
    def floor_label(self) -> str:
        return "楼主" if self.floor == 1 else f"{self.floor}#"


def first_pid_of(tid: int, first_pid: int | None) -> int:
    return tid * 1000 if first_pid is None else first_pid


def expected_posts(
    tid: int, page: int, pages: int, posts_per_page: int = 10, first_pid: int | None = None
) -> list[tuple[int, int]]:
    """(pid, floor) of every post on a page, in page order."""
    _check(page, pages, posts_per_page)
    start = first_pid_of(tid, first_pid)
    floors = range((page - 1) * posts_per_page + 1, page * posts_per_page + 1)
    return [(start + floor - 1, floor) for floor in floors]


def parse_render_time(rendered_at: str) -> dt.datetime:
    """The footer's `Y-n-j H:i` as an aware datetime in +08:00."""
    day, clock = rendered_at.split()
    year, month, date = (int(n) for n in day.split("-"))
    hour, minute = (int(n) for n in clock.split(":"))
    return dt.datetime(year, month, date, hour, minute, tzinfo=TZ)


def thread_starter(tid: int, seed: int = 0) -> User:
    rng = random.Random(f"{seed}/starter/{tid}")
    return user(rng.randrange(1, 200_000), seed)


def user(uid: int, seed: int = 0) -> User:
    """The same uid always gets the same name, group and counts (for a seed)."""
    rng = random.Random(f"{seed}/user/{uid}")
    if rng.random() < 0.5:
        name = f"{rng.choice(_SURNAMES)}_{rng.randrange(10, 2000)}"
    else:
        name = rng.choice(_NICK_A) + rng.choice(_NICK_B) + str(rng.randrange(1, 100))
    gid, title, stars = GROUPS[min(int(rng.expovariate(0.6)), len(GROUPS) - 1)]
    threads = rng.randrange(0, 400)
    posts = threads + rng.randrange(0, 30_000)
    credits = posts * rng.randrange(1, 4) + rng.randrange(0, 500)
    return User(uid, name, gid, title, stars, threads, posts, credits)


def page_posts(
    *,
    tid: int,
    page: int,
    pages: int,
    posts_per_page: int = 10,
    first_pid: int | None = None,
    seed: int = 0,
    body_chars: int = 300,
    rendered_at: str = "2025-3-15 14:20",
) -> list[PostSpec]:
    """What thread_page() renders for each post of that page, in page order."""
    now = parse_render_time(rendered_at)
    total = pages * posts_per_page
    return [
        post_spec(tid, floor, pid, total, now, seed, body_chars)
        for pid, floor in expected_posts(tid, page, pages, posts_per_page, first_pid)
    ]


def post_spec(
    tid: int, floor: int, pid: int, total: int, now: dt.datetime, seed: int, body_chars: int
) -> PostSpec:
    rng = random.Random(f"{seed}/{tid}/{floor}")
    starter = thread_starter(tid, seed)
    if floor == 1 or rng.random() < 0.1:
        author = starter
    else:
        author = user(_poster_uid(tid, seed, rng), seed)
    posted = _posted_at(floor, total, now, rng)
    html, shown = dgmdate_u(posted, now)
    quote = image = None
    if floor > 1 and rng.random() < 0.15:
        quote = _quote(tid, floor - 1, pid - 1, total, now, seed)
    if rng.random() < 0.1:
        image = _image(pid, posted)
    return PostSpec(
        pid=pid,
        floor=floor,
        author=author,
        is_starter=author.uid == starter.uid,
        posted_at=posted,
        posted_html=html,
        posted_text=shown,
        client_tag=MOBILE_TAG if rng.random() < 0.2 else None,
        lines=tuple(chinese_lines(rng, body_chars)),
        quote=quote,
        image=image,
    )


def _poster_uid(tid: int, seed: int, rng: random.Random) -> int:
    """Repliers come from a pool of 30 regulars per thread."""
    pool = random.Random(f"{seed}/pool/{tid}")
    regulars = [pool.randrange(1, 200_000) for _ in range(30)]
    return rng.choice(regulars)


def _posted_at(floor: int, total: int, now: dt.datetime, rng: random.Random) -> dt.datetime:
    jitter = dt.timedelta(seconds=rng.randrange(0, 1200))
    return now - (total - floor) * FLOOR_GAP - dt.timedelta(minutes=10) - jitter


def _quote(tid: int, floor: int, pid: int, total: int, now: dt.datetime, seed: int) -> QuoteSpec:
    quoted = post_spec(tid, floor, pid, total, now, seed, 60)
    return QuoteSpec(pid, quoted.author.name, ymd_hi(quoted.posted_at), quoted.lines[0][:40])


def _image(pid: int, posted: dt.datetime) -> ImageSpec:
    aid = pid * 2 + 1
    stamp = posted.strftime("%Y%m/%d/%H%M%S")
    path = f"data/attachment/forum/{stamp}a{aid:x}.jpg"
    size = f"{aid % 900 + 40}.{aid % 97:02d} KB"
    return ImageSpec(aid, path, f"IMG_{aid}.jpg", size, aid % 31)


def chinese_lines(rng: random.Random, chars: int) -> list[str]:
    """Lines of plausible Chinese forum text, about `chars` characters in all."""
    lines: list[str] = []
    size = 0
    while size < chars:
        target = min(rng.randrange(20, 90), max(8, chars - size))
        parts: list[str] = []
        length = 0
        while length < target:
            piece = rng.choice(_WORDS) + rng.choice(_GLUE)
            if rng.random() < 0.3:
                piece += rng.choice(_VERBS)
            if rng.random() < 0.04:
                piece += f" {rng.randrange(2, 3000)} "
            piece += rng.choice(_ENDS) if rng.random() < 0.25 else ""
            parts.append(piece)
            length += len(piece)
        line = "".join(parts).strip().rstrip("，。！？") + "。"
        lines.append(line)
        size += len(line)
    return lines


def ymd_hms(moment: dt.datetime) -> str:
    """Discuz `Y-n-j H:i:s`: month and day not zero-padded."""
    return f"{moment.year}-{moment.month}-{moment.day} {moment:%H:%M:%S}"


def ymd_hi(moment: dt.datetime) -> str:
    return f"{moment.year}-{moment.month}-{moment.day} {moment:%H:%M}"


def dgmdate_u(moment: dt.datetime, now: dt.datetime) -> tuple[str, str]:
    """Discuz dgmdate(..., 'u'): (HTML after 发表于, the text a reader sees)."""
    absolute = ymd_hms(moment)
    seconds = int((now - moment).total_seconds())
    today = now.replace(hour=0, minute=0, second=0, microsecond=0)
    if moment >= today:
        if seconds > 3600:
            shown = f"{seconds // 3600}&nbsp;小时前"
        elif seconds > 1800:
            shown = "半小时前"
        elif seconds > 60:
            shown = f"{seconds // 60}&nbsp;分钟前"
        elif seconds > 0:
            shown = f"{seconds}&nbsp;秒前"
        elif seconds == 0:
            shown = "刚刚"
        else:
            return absolute, absolute
    else:
        days = int((today - moment).total_seconds() // 86400)
        if days == 0:
            shown = f"昨天&nbsp;{moment:%H:%M}"
        elif days == 1:
            shown = f"前天&nbsp;{moment:%H:%M}"
        elif days < 7:
            shown = f"{days + 1}&nbsp;天前"
        else:
            return absolute, absolute
    return f'<span title="{absolute}">{shown}</span>', shown.replace("&nbsp;", " ")


def forum_of(tid: int) -> tuple[int, str]:
    index = tid % len(FORUMS)
    return 2 + index, FORUMS[index]


def default_subject(tid: int, seed: int = 0) -> str:
    rng = random.Random(f"{seed}/subject/{tid}")
    return f"{rng.choice(_WORDS)}{rng.choice(_VERBS)}{rng.choice(_WORDS)}的问题，大家怎么看？"


def default_replies(pages: int, posts_per_page: int) -> int:
    return pages * posts_per_page - 1


def thread_page(
    *,
    tid: int,
    page: int,
    pages: int,
    posts_per_page: int = 10,
    first_pid: int | None = None,
    base: str = "http://127.0.0.1:8080/",
    charset: str = "utf-8",
    seed: int = 0,
    body_chars: int = 300,
    rendered_at: str = "2025-3-15 14:20",
    subject: str | None = None,
    views: int = 1000,
    replies: int | None = None,
) -> bytes:
    """One complete desktop thread page, encoded in `charset` ("utf-8" or "gbk")."""
    _check(page, pages, posts_per_page)
    if charset not in ("utf-8", "gbk"):
        raise ValueError(f"charset must be 'utf-8' or 'gbk', not {charset!r}")
    posts = page_posts(
        tid=tid,
        page=page,
        pages=pages,
        posts_per_page=posts_per_page,
        first_pid=first_pid,
        seed=seed,
        body_chars=body_chars,
        rendered_at=rendered_at,
    )
    if replies is None:
        replies = default_replies(pages, posts_per_page)
    ctx = _Ctx(
        tid=tid,
        fid=forum_of(tid)[0],
        forum=forum_of(tid)[1],
        page=page,
        pages=pages,
        base=base,
        charset=charset,
        subject=subject if subject is not None else default_subject(tid, seed),
        views=max(views, replies),
        replies=replies,
        starter=thread_starter(tid, seed),
        rendered_at=rendered_at,
    )
    parts = [_head(ctx), _top(ctx), _postlist_head(ctx)]
    parts.extend(_post(ctx, post) for post in posts)
    parts.append(_bottom(ctx, [p.pid for p in posts]))
    return "".join(parts).encode(charset)


@dataclass(frozen=True)
class _Ctx:
    tid: int
    fid: int
    forum: str
    page: int
    pages: int
    base: str
    charset: str
    subject: str
    views: int
    replies: int
    starter: User
    rendered_at: str

    @property
    def title(self) -> str:
        """The subject as Discuz stores and prints it: HTML-escaped."""
        return html.escape(self.subject)

    def page_url(self, number: int) -> str:
        return f"forum.php?mod=viewthread&amp;tid={self.tid}&amp;extra=&amp;page={number}"


def _check(page: int, pages: int, posts_per_page: int) -> None:
    if not 1 <= page <= pages:
        raise ValueError(f"page must be between 1 and pages ({pages}), not {page}")
    if posts_per_page < 1:
        raise ValueError("posts_per_page must be at least 1")


def _head(ctx: _Ctx) -> str:
    title_page = f" - 第{ctx.page}页" if ctx.page > 1 else ""
    canonical = f"{ctx.base}forum.php?mod=viewthread&tid={ctx.tid}"
    if ctx.page > 1:
        canonical += f"&page={ctx.page}"
    return f"""\
<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" \
"http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml">
<head>
<meta http-equiv="Content-Type" content="text/html; charset={ctx.charset}" />
<title>{ctx.title}{title_page} - {ctx.forum} -  {BBNAME} -  Powered by Discuz!</title>
<link href="{canonical}" rel="canonical" />
<meta name="keywords" content="{ctx.title}" />
<meta name="description" content="{ctx.title} ,{BBNAME}" />
<meta name="generator" content="Discuz! X3.4" />
<meta name="author" content="Discuz! Team and Comsenz UI Team" />
<meta name="copyright" content="2001-2017 Comsenz Inc." />
<meta name="MSSmartTagsPreventParsing" content="True" />
<meta http-equiv="MSThemeCompatible" content="Yes" />
<base href="{ctx.base}" /><link rel="stylesheet" type="text/css" \
href="data/cache/style_1_common.css?Lei" /><link rel="stylesheet" type="text/css" \
href="data/cache/style_1_forum_viewthread.css?Lei" /><script type="text/javascript">\
var STYLEID = '1', STATICURL = 'static/', IMGDIR = 'static/image/common', VERHASH = 'Lei', \
charset = '{ctx.charset}', discuz_uid = '0', cookiepre = 'PcSe_2132_', cookiedomain = '', \
cookiepath = '/', showusercard = '1', attackevasive = '0', disallowfloat = 'newthread', \
creditnotice = '1|威望|,2|金钱|,3|贡献|', defaultstyle = '', REPORTURL = '', \
SITEURL = '{ctx.base}', JSPATH = 'static/js/', CSSPATH = 'data/cache/style_', \
DYNAMICURL = '';</script>
<script src="static/js/common.js?Lei" type="text/javascript"></script>
<meta name="application-name" content="{BBNAME}" />
<meta name="msapplication-tooltip" content="{BBNAME}" />
<link rel="archives" title="{BBNAME}" href="{ctx.base}archiver/" />
<script src="static/js/forum.js?Lei" type="text/javascript"></script>
</head>

<body id="nv_forum" class="pg_viewthread" onkeydown="if(event.keyCode==27) return false;">
<div id="append_parent"></div><div id="ajaxwaitid"></div>
"""


def _top(ctx: _Ctx) -> str:
    gid, category = CATEGORY
    crumb = ctx.subject if len(ctx.subject) <= 26 else ctx.subject[:24] + " ..."
    crumb = html.escape(crumb)
    return f"""\
<div id="toptb" class="cl">
<div class="wp">
<div class="z"><a href="javascript:;"  onclick="setHomepage('{ctx.base}');">设为首页</a>\
<a href="{ctx.base}"  onclick="addFavorite(this.href, '{BBNAME}');return false;">收藏本站</a></div>
<div class="y">
<a id="switchblind" href="javascript:;" onclick="toggleBlind(this)" title="开启辅助访问" \
class="switchblind"></a>
</div>
</div>
</div>
<div id="hd">
<div class="wp">
<div class="hdc cl"><h2><a href="./" title="{BBNAME}"><img src="static/image/common/logo.png" \
alt="{BBNAME}" border="0" /></a></h2>
<form method="post" autocomplete="off" id="lsform" action="member.php?mod=logging&amp;\
action=login&amp;loginsubmit=yes&amp;infloat=yes&amp;lssubmit=yes" onsubmit="return lsSubmit();">
<div class="fastlg cl">
<div class="y pns">
<table cellspacing="0" cellpadding="0">
<tr>
<td><input type="text" name="username" id="ls_username" autocomplete="off" class="px vm" \
tabindex="901" /></td>
<td class="fastlg_l"><label for="ls_cookietime"><input type="checkbox" name="cookietime" \
id="ls_cookietime" class="pc" value="2592000" tabindex="903" />自动登录</label></td>
<td>&nbsp;<a href="javascript:;" onclick="showWindow('login', \
'member.php?mod=logging&action=login&viewlostpw=1')">找回密码</a></td>
</tr>
<tr>
<td><input type="password" name="password" id="ls_password" class="px vm" autocomplete="off" \
tabindex="902" /></td>
<td class="fastlg_l"><button type="submit" class="pn vm" tabindex="904" style="width: 75px;">\
<em>登录</em></button></td>
<td>&nbsp;<a href="member.php?mod=register" class="xi2 xw1">立即注册</a></td>
</tr>
</table>
<input type="hidden" name="formhash" value="c9e3f267" />
<input type="hidden" name="quickforward" value="yes" />
<input type="hidden" name="handlekey" value="ls" />
</div>
</div>
</form>
</div>
<div id="nv">
<a href="javascript:;" id="qmenu">快捷导航</a>
<ul><li class="a" id="mn_forum" ><a href="forum.php" hidefocus="true" title="BBS"  >论坛\
<span>BBS</span></a></li></ul>
</div>
<div id="scbar" class="cl">
<form id="scbar_form" method="post" autocomplete="off" action="search.php?searchsubmit=yes" \
target="_blank">
<input type="hidden" name="mod" id="scbar_mod" value="search" />
<input type="hidden" name="formhash" value="c9e3f267" />
<input type="hidden" name="srhfid" value="{ctx.fid}" />
<input type="text" name="srchtxt" id="scbar_txt" value="请输入搜索内容" autocomplete="off" />
<button type="submit" name="searchsubmit" id="scbar_btn" sc="1" class="pn pnc" value="true">\
<strong class="xi2">搜索</strong></button>
</form>
</div>
</div>
</div>

<div id="wp" class="wp">
<script type="text/javascript">var fid = parseInt('{ctx.fid}'), tid = parseInt('{ctx.tid}');\
</script>

<script src="static/js/forum_viewthread.js?Lei" type="text/javascript"></script>
<script type="text/javascript">zoomstatus = parseInt(1);var imagemaxwidth = '600';\
var aimgcount = new Array();</script>

<div id="pt" class="bm cl">
<div class="z">
<a href="./" class="nvhm" title="首页">{BBNAME}</a><em>&raquo;</em><a href="forum.php">论坛</a> \
<em>&rsaquo;</em> <a href="forum.php?gid={gid}">{category}</a> <em>&rsaquo;</em> \
<a href="forum.php?mod=forumdisplay&amp;fid={ctx.fid}">{ctx.forum}</a> <em>&rsaquo;</em> \
<a href="forum.php?mod=viewthread&amp;tid={ctx.tid}">{crumb}</a>
</div>
</div>

<div id="ct" class="wp cl">
<div id="pgt" class="pgs mbm cl ">
<div class="pgt">{_pager(ctx)}</div>
<span class="y pgb"><a href="forum.php?mod=forumdisplay&amp;fid={ctx.fid}">返回列表</a></span>
<a id="newspecial" onclick="showWindow('newthread', \
'forum.php?mod=post&action=newthread&fid={ctx.fid}')" href="javascript:;" title="发新帖">\
<img src="static/image/common/pn_post.png" alt="发新帖" /></a></div>

"""


def _pager(ctx: _Ctx) -> str:
    """helper_page::multi with 10 page links; empty when the thread has one page."""
    if ctx.pages <= 1:
        return ""
    cur, total, width = ctx.page, ctx.pages, 10
    start = cur - width // 2
    end = start + width - 1
    if start < 1:
        start, end = 1, min(total, cur + 1 - start)
    if end > total:
        start, end = max(1, total - width + 1), total
    links: list[str] = []
    if cur - width // 2 > 1 and total > width:
        links.append(f'<a href="{ctx.page_url(1)}" class="first">1 ...</a>')
    if cur > 1:
        links.append(f'<a href="{ctx.page_url(cur - 1)}" class="prev">&nbsp;&nbsp;</a>')
    for number in range(start, end + 1):
        if number == cur:
            links.append(f"<strong>{number}</strong>")
        else:
            links.append(f'<a href="{ctx.page_url(number)}">{number}</a>')
    if end < total:
        links.append(f'<a href="{ctx.page_url(total)}" class="last">... {total}</a>')
    links.append(
        f'<label><input type="text" name="custompage" class="px" size="2" '
        f'title="输入页码，按回车快速跳转" value="{cur}" onkeydown="if(event.keyCode==13) '
        f"{{window.location='forum.php?mod=viewthread&tid={ctx.tid}&amp;extra=&amp;page="
        f"'+this.value;; doane(event);}}\" />"
        f'<span title="共 {total} 页"> / {total} 页</span></label>'
    )
    if cur < total:
        links.append(f'<a href="{ctx.page_url(cur + 1)}" class="nxt">下一页</a>')
    return '<div class="pg">' + "".join(links) + "</div>"


def _postlist_head(ctx: _Ctx) -> str:
    if ctx.page == 1:
        left = (
            '<div class="hm ptn">\n<span class="xg1">查看:</span> '
            f'<span class="xi1">{ctx.views}</span><span class="pipe">|</span>'
            f'<span class="xg1">回复:</span> <span class="xi1">{ctx.replies}</span>\n</div>'
        )
    else:
        s = ctx.starter
        left = (
            f'<div id="tath" class="cl">\n<a href="home.php?mod=space&amp;uid={s.uid}" '
            f'title="{s.name}"><img src="{ctx.base}uc_server/avatar.php?uid={s.uid}&size=small" '
            f'/></a>\n楼主: <a href="home.php?mod=space&amp;uid={s.uid}" title="{s.name}">'
            f"{s.name}</a>\n</div>"
        )
    return f"""\
<div id="postlist" class="pl bm">
<table cellspacing="0" cellpadding="0">
<tr>
<td class="pls ptn pbn">
{left}
</td>
<td class="plc ptm pbn vwthd">
<div class="y">
<a href="forum.php?mod=viewthread&amp;action=printable&amp;tid={ctx.tid}" title="打印" \
target="_blank"><img src="static/image/common/print.png" alt="打印" class="vm" /></a>
<a href="forum.php?mod=redirect&amp;goto=nextoldset&amp;tid={ctx.tid}" title="上一主题">\
<img src="static/image/common/thread-prev.png" alt="上一主题" class="vm" /></a>
<a href="forum.php?mod=redirect&amp;goto=nextnewset&amp;tid={ctx.tid}" title="下一主题">\
<img src="static/image/common/thread-next.png" alt="下一主题" class="vm" /></a>
</div>
<h1 class="ts">
<span id="thread_subject">{ctx.title}</span>
</h1>
<span class="xg1">
<a href="forum.php?mod=viewthread&amp;tid={ctx.tid}" \
onclick="return copyThreadUrl(this, '{BBNAME}')" >[复制链接]</a>
</span>
</td>
</tr>
</table>


<table cellspacing="0" cellpadding="0" class="ad">
<tr>
<td class="pls">
</td>
<td class="plc">
</td>
</tr>
</table>"""


def _number(value: int) -> str:
    """dnumber(): 10000 and above as `N万` with the exact value in a title."""
    return f'<span title="{value}">{value // 10000}万</span>' if value >= 10000 else str(value)


def _stars(u: User) -> str:
    images = (
        ["star_level3.gif"] * (u.rank // 4)
        + ["star_level2.gif"] * (u.rank % 4 // 2)
        + ["star_level1.gif"] * (u.rank % 2)
    )
    return "".join(
        f'<img src="static/image/common/{name}" alt="Rank: {u.rank}" />' for name in images
    )


def _panel(ctx: _Ctx, post: PostSpec) -> str:
    u, pid = post.author, post.pid
    space = f"home.php?mod=space&uid={u.uid}"
    tip = (
        f'<div id="g_up{pid}_menu" class="tip tip_4" style="display: none;">'
        f'<div class="tip_horn"></div><div class="tip_c">{u.group_title}, 积分 {u.credits}, '
        f"距离下一级还需 {1000 + u.credits % 997} 积分</div></div>"
    )
    return f"""\
<div id="favatar{pid}" class="pls cl favatar">
<div class="pi">
<div class="authi"><a href="home.php?mod=space&amp;uid={u.uid}" target="_blank" class="xw1">\
{u.name}</a>
</div>
</div>
<div class="p_pop blk bui card_gender_0" id="userinfo{pid}" \
style="display: none; margin-top: -11px;">
<div class="m z">
<div id="userinfo{pid}_ma"></div>
</div>
<div class="i y">
<div>
<strong><a href="home.php?mod=space&amp;uid={u.uid}" target="_blank" class="xi2">{u.name}</a>\
</strong>
<em>当前离线</em>
</div><dl class="cl">
<dt>积分</dt><dd><a href="{space}&do=profile" target="_blank" class="xi2">{u.credits}</a></dd>
</dl><div class="imicn">
<a href="home.php?mod=space&amp;uid={u.uid}&amp;do=profile" target="_blank" title="查看详细资料">\
<img src="static/image/common/userinfo.gif" alt="查看详细资料" /></a>
</div>
<div id="avatarfeed"><span id="threadsortswait"></span></div>
</div>
</div>
<div>
<div class="avatar" onmouseover="showauthor(this, 'userinfo{pid}')">\
<a href="home.php?mod=space&amp;uid={u.uid}" class="avtm" target="_blank">\
<img src="{ctx.base}uc_server/avatar.php?uid={u.uid}&size=middle" /></a></div>
</div>
<div class="tns xg2"><table cellspacing="0" cellpadding="0"><th><p>\
<a href="{space}&do=thread&type=thread&view=me&from=space" class="xi2">{_number(u.threads)}</a>\
</p>主题</th><th><p><a href="{space}&do=thread&type=reply&view=me&from=space" class="xi2">\
{_number(u.posts)}</a></p>帖子</th><td><p><a href="{space}&do=profile" class="xi2">\
{_number(u.credits)}</a></p>积分</td></table></div>

<p><em><a href="home.php?mod=spacecp&amp;ac=usergroup&amp;gid={u.gid}" target="_blank">\
{u.group_title}</a></em></p>


<p><span id="g_up{pid}" onmouseover="showMenu({{'ctrlid':this.id, 'pos':'12!'}});">\
{_stars(u)}</span></p>
{tip}


<p><span class="pbg2"  id="upgradeprogress_{pid}" onmouseover="showMenu({{'ctrlid':this.id, \
'pos':'12!', 'menuid':'g_up{pid}_menu'}});"><span class="pbr2" \
style="width:{u.credits % 100}%;"></span></span></p>
{tip}

<dl class="pil cl">
\t<dt>积分</dt><dd><a href="{space}&do=profile" target="_blank" class="xi2">{u.credits}</a></dd>
</dl>

<dl class="pil cl"></dl><ul class="xl xl2 o cl">
<li class="pm2"><a href="home.php?mod=spacecp&amp;ac=pm&amp;op=showmsg&amp;\
handlekey=showmsg_{u.uid}&amp;touid={u.uid}&amp;pmid=0&amp;daterange=2&amp;pid={pid}&amp;\
tid={ctx.tid}" onclick="showWindow('sendpm', this.href);" title="发消息" class="xi2">发消息</a></li>
</ul>
</div>"""


def _floor_link(ctx: _Ctx, post: PostSpec) -> str:
    if post.floor == 1:
        return f"""\
<div id="fj" class="y">
<label class="z">电梯直达</label>
<input type="text" class="px p_fre z" size="2" onkeyup="$('fj_btn').href=\
'forum.php?mod=redirect&ptid={ctx.tid}&authorid=0&postno='+this.value" \
onkeydown="if(event.keyCode==13) {{window.location=$('fj_btn').href;return false;}}" \
title="跳转到指定楼层" />
<a href="javascript:;" id="fj_btn" class="z" title="跳转到指定楼层">\
<img src="static/image/common/fj_btn.png" alt="跳转到指定楼层" class="vm" /></a>
</div>
<strong>
<a href="forum.php?mod=viewthread&tid={ctx.tid}"   id="postnum{post.pid}" \
onclick="setCopy(this.href, '帖子地址复制成功');return false;">
楼主</a>
</strong>"""
    return f"""\
<strong>
<a href="forum.php?mod=redirect&goto=findpost&ptid={ctx.tid}&pid={post.pid}"   \
id="postnum{post.pid}" onclick="setCopy(this.href, '帖子地址复制成功');return false;">
<em>{post.floor}</em><sup>#</sup></a>
</strong>"""


def _authi(ctx: _Ctx, post: PostSpec) -> str:
    starter_reply = post.is_starter and post.floor > 1
    icon = "ico_lz.png" if starter_reply else "online_member.gif"
    marker = '&nbsp;楼主<span class="pipe">|</span>\n' if starter_reply else ""
    client = f'<span class="xg1">{post.client_tag}</span>\n' if post.client_tag else ""
    return f"""\
<div class="authi">
<img class="authicn vm" id="authicon{post.pid}" src="static/image/common/{icon}" />
{marker}<em id="authorposton{post.pid}">发表于 {post.posted_html}</em>
{client}<span class="pipe">|</span>
<a href="forum.php?mod=viewthread&amp;tid={ctx.tid}&amp;page={ctx.page}&amp;\
authorid={post.author.uid}" rel="nofollow">只看该作者</a>
</div>"""


def _quote_html(ctx: _Ctx, quote: QuoteSpec) -> str:
    return (
        '<div class="quote"><blockquote><font size="2"><a href="forum.php?mod=redirect&amp;'
        f'goto=findpost&amp;pid={quote.pid}&amp;ptid={ctx.tid}" target="_blank">'
        f'<font color="#999999">{quote.author} 发表于 {quote.time_text}</font></a></font><br />\n'
        f"{quote.text}</blockquote></div><br />\n"
    )


def _image_html(image: ImageSpec, posted: dt.datetime) -> str:
    aid = image.aid
    return f"""<br />
<ignore_js_op>

<img id="aimg_{aid}" aid="{aid}" src="static/image/common/none.gif" zoomfile="{image.path}" \
file="{image.path}" class="zoom" onclick="zoom(this, this.src, 0, 0, 0)" width="600" \
inpost="1" onmouseover="showMenu({{'ctrlid':this.id,'pos':'12'}})" alt="{image.filename}" \
title="{image.filename}" />

<div class="tip tip_4 aimg_tip" id="aimg_{aid}_menu" style="position: absolute; display: none" \
disautofocus="true">
<div class="xs0">
<p><strong>{image.filename}</strong> <em class="xg1">({image.size}, \
下载次数: {image.downloads})</em></p>
<p>
<a href="forum.php?mod=attachment&amp;aid=QUlEe{aid}&amp;nothumb=yes" target="_blank">下载附件</a>

</p>

<p class="xg1 y">{ymd_hi(posted)} 上传</p>

</div>
<div class="tip_horn"></div>
</div>

</ignore_js_op>"""


def _message(ctx: _Ctx, post: PostSpec) -> str:
    quote = _quote_html(ctx, post.quote) if post.quote else ""
    image = _image_html(post.image, post.posted_at) if post.image else ""
    text = "<br />\n".join(post.lines)
    return f'<td class="t_f" id="postmessage_{post.pid}">\n{quote}{text}{image}</td>'


def _post(ctx: _Ctx, post: PostSpec) -> str:
    pid = post.pid
    images = ""
    if post.image is not None:
        images = (
            f'<script type="text/javascript" reload="1">aimgcount[{pid}] = '
            f"['{post.image.aid}'];attachimggroup({pid});var aimgfid = 0;</script>\n"
        )
    return f"""<div id="post_{pid}" ><table id="pid{pid}" class="plhin" summary="pid{pid}" \
cellspacing="0" cellpadding="0">
<tr>
 <td class="pls" rowspan="2">
{_panel(ctx, post)}
</td>
<td class="plc">
<div class="pi">
{_floor_link(ctx, post)}
<div class="pti">
<div class="pdbt">
</div>
{_authi(ctx, post)}
</div>
</div><div class="pct"><div class="pcb">
<div class="t_fsz">
<table cellspacing="0" cellpadding="0"><tr>{_message(ctx, post)}</tr></table>


</div>
<div id="comment_{pid}" class="cm">
</div>

<div id="post_rate_div_{pid}"></div>
</div>
</div>

</td></tr>
<tr><td class="plc plm">
</td>
</tr>
<tr id="_postposition{pid}"></tr>
<tr>
<td class="pls"></td>
<td class="plc" style="overflow:visible;">
<div class="po hin">
<div class="pob cl">
<em>
<a class="fastre" href="forum.php?mod=post&amp;action=reply&amp;fid={ctx.fid}&amp;\
tid={ctx.tid}&amp;repquote={pid}&amp;extra=&amp;page={ctx.page}" \
onclick="showWindow('reply', this.href)">回复</a>
</em>

<p>
<a href="javascript:;" id="mgc_post_{pid}" onmouseover="showMenu(this.id)" class="showmenu">\
使用道具</a>
<a href="javascript:;" onclick="showWindow('miscreport{pid}', \
'misc.php?mod=report&rtype=post&rid={pid}&tid={ctx.tid}&fid={ctx.fid}', 'get', -1);\
return false;">举报</a>
</p>

<ul id="mgc_post_{pid}_menu" class="p_pop mgcmn" style="display: none;">
</ul>
<script type="text/javascript" reload="1">checkmgcmn('post_{pid}')</script>
</div>
</div>
</td>
</tr>
<tr class="ad">
<td class="pls">
</td>
<td class="plc">
</td>
</tr>
</table>
{images}</div>"""


def _bottom(ctx: _Ctx, pids: list[int]) -> str:
    next_button = ""
    if ctx.page < ctx.pages:
        next_button = (
            f'<div class="pgbtn"><a href="{ctx.page_url(ctx.page + 1)}" hidefocus="true" '
            'class="bm_h">下一页 &raquo;</a></div>\n'
        )
    pid_list = ",".join(str(pid) for pid in pids)
    return f"""\
<div id="postlistreply" class="pl"><div id="post_new" class="viewthread_table" \
style="display: none"></div></div>
</div>


<form method="post" autocomplete="off" name="modactions" id="modactions">
<input type="hidden" name="formhash" value="c9e3f267" />
<input type="hidden" name="optgroup" />
<input type="hidden" name="operation" />
<input type="hidden" name="listextra" value="" />
<input type="hidden" name="page" value="{ctx.page}" />
</form>

{next_button}
<div class="pgs mtm mbm cl">
{_pager(ctx)}
<span class="pgb y"><a href="forum.php?mod=forumdisplay&amp;fid={ctx.fid}">返回列表</a></span>
</div>

<div id="f_pst" class="pl bm bmw">
<form method="post" autocomplete="off" id="fastpostform" action="forum.php?mod=post&amp;\
action=reply&amp;fid={ctx.fid}&amp;tid={ctx.tid}&amp;extra=&amp;replysubmit=yes&amp;\
infloat=yes&amp;handlekey=fastpost" onSubmit="return fastpostvalidate(this)">
<table cellspacing="0" cellpadding="0">
<tr>
<td class="pls">
</td>
<td class="plc">
<div class="pt hm">
您需要登录后才可以回帖 <a href="member.php?mod=logging&amp;action=login" \
onclick="showWindow('login', this.href)" class="xi2">登录</a> | \
<a href="member.php?mod=register" class="xi2">立即注册</a>
</div>
<input type="hidden" name="formhash" value="c9e3f267" />
<p class="ptm pnpost">
<button type="button" name="replysubmit" id="fastpostsubmit" class="pn pnc vm" \
value="replysubmit" tabindex="5"><strong>发表回复</strong></button>
</p>
</td>
</tr>
</table>
</form>
</div>

<script type="text/javascript">document.onkeyup = function(e){{keyPageScroll(e, \
{int(ctx.page > 1)}, {int(ctx.page < ctx.pages)}, \
'forum.php?mod=viewthread&tid={ctx.tid}&amp;extra=', {ctx.page});}}</script>
</div>

<script type="text/javascript">
fixed_avatar([{pid_list}], 1);
</script>	</div>
<div id="ft" class="wp cl">
<div id="flk" class="y">
<p>
<a href="archiver/" >Archiver</a><span class="pipe">|</span><a href="forum.php?mobile=yes" >\
手机版</a><span class="pipe">|</span><a href="forum.php?mod=misc&action=showdarkroom" >小黑屋</a>\
<span class="pipe">|</span><strong><a href="{ctx.base}" target="_blank">{BBNAME}</a></strong>
</p>
<p class="xs0">
GMT+8, {ctx.rendered_at}<span id="debuginfo">
, Processed in 0.031337 second(s), 24 queries
.
</span>
</p>
</div>
<div id="frt">
<p>Powered by <strong><a href="http://www.discuz.net" target="_blank">Discuz!</a></strong> \
<em>X3.4</em></p>
<p class="xs0">&copy; 2001-2017 <a href="http://www.comsenz.com" target="_blank">\
Comsenz Inc.</a></p>
</div></div>

<div id="scrolltop">
<span hidefocus="true"><a title="返回顶部" onclick="window.scrollTo('0','0')" \
class="scrolltopa" ><b>返回顶部</b></a></span>
</div>
<script type="text/javascript">_attachEvent(window, 'scroll', function () {{ showTopLink(); }});\
checkBlind();</script>
</body>
</html>
"""
