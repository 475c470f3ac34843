"""What a thread page is taken apart into: plain frozen dataclasses, no behaviour."""

from __future__ import annotations

from dataclasses import dataclass, field

from archiver.model.activity import Activity
from archiver.model.debate import Debate
from archiver.model.poll import Poll
from archiver.model.reward import ReplyReward, Reward, RushTerms
from archiver.model.sort import ThreadSort
from archiver.model.trade import Goods
from archiver.vocabulary import REPLY_CREDIT_WORDS


@dataclass(frozen=True)
class Author:
    """The author panel beside a post, as the page showed it at that time."""

    uid: int | None
    name: str | None
    group_title: str | None = None
    gid: int | None = None
    rank: int | None = None
    thread_count: int | None = None
    post_count: int | None = None
    reply_count: int | None = None
    credits: int | None = None
    custom_title: str | None = None
    avatar_url: str | None = None
    medals: list[str] = field(default_factory=list)
    # every number cell and profile row as label -> text, in page order
    stats: dict[str, str] = field(default_factory=dict)
    profile: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Quote:
    """A quoted earlier post inside a message."""

    quoted_pid: int | None
    quoted_author: str | None
    quoted_time_text: str | None
    quoted_at: str | None
    text: str


@dataclass(frozen=True)
class Attachment:
    """An image or file shown with a post; aid is None for plain [img] links."""

    aid: int | None
    kind: str  # "image" | "file"
    url: str | None
    filename: str | None = None
    size_text: str | None = None
    inline: bool = True


@dataclass(frozen=True)
class Rating:
    """One rater's score in one credit (评分)."""

    rater: str | None
    rater_uid: int | None
    credit: str
    score: int
    reason: str | None


@dataclass(frozen=True)
class ReplyCredit:
    """回帖奖励: the credits one reply earned from its thread's reply reward."""

    credits: int
    name: str | None  # the credit as shown (金钱); the API does not name it

    def __str__(self) -> str:
        """回帖奖励 +5 金钱, as desktop heads the reply."""
        return " ".join(p for p in (REPLY_CREDIT_WORDS, f"+{self.credits}", self.name) if p)


@dataclass(frozen=True)
class Comment:
    """A 点评 under a post."""

    author: str | None
    uid: int | None
    text: str
    posted_text: str | None
    posted_at: str | None


@dataclass(frozen=True)
class Post:
    """One post (floor) of a thread page."""

    pid: int
    floor: int | None
    floor_label: str | None
    author: str | None
    uid: int | None
    author_kind: str | None  # member, guest, anonymous, deleted, unknown; None: no author shown
    is_thread_author: bool
    posted_at: str | None  # ISO 8601 with UTC offset
    posted_text: str | None  # as shown, nbsp folded to a space
    posted_precision: str | None  # "second" | "minute" | "hour" | "day"
    client_tag: str | None  # the label beside 发表于, else an app's tail at the message end
    body_html: str
    body_text: str
    state: str  # "normal" | "banned" | "blocked" | "pending" | "password" | "deleted" | ...
    edited_by: str | None = None
    edited_at: str | None = None
    client_suffix: str | None = None  # an app's `来自…客户端` tail, cut from the message
    is_sticky: bool = False  # a 置顶回复 copy shown on page 1
    is_hot: bool = False  # a 推荐 (hot reply) copy shown on page 1
    is_warned: bool = False  # 受到警告: a moderator's warning shown on the post
    # each [code] block's text, as body_text has it: the API leaves them out, so the store
    # compares an API body with another rendering's without them
    code_blocks: tuple[str, ...] = ()
    reply_credit: ReplyCredit | None = None  # None: no 回帖奖励 shown (touch never shows it)
    # 抢楼: True on a rewarded floor (抢中本楼), False on a rush thread's other floors; None:
    # not a rush thread, or a rendering that never shows it (touch)
    rush_floor: bool | None = None
    # the part a desktop page shows of a first post split by [page] ("1/3"); None: all of it
    body_part: str | None = None
    # 支持 / 反对 under a reply (repliesrank on): how many readers voted it up or down
    support: int | None = None
    against: int | None = None
    source: str = "desktop"  # the rendering it was read from: desktop, touch, api, archiver
    profile: Author | None = None
    quotes: list[Quote] = field(default_factory=list)
    attachments: list[Attachment] = field(default_factory=list)
    # None: the rendering never shows ratings (touch, API), so they are unknown, not absent
    ratings: list[Rating] | None = None
    comments: list[Comment] = field(default_factory=list)
    # what the rendering never shows of a post (knowledge.NEVER_SHOWN): unknown, not absent
    unknown_fields: tuple[str, ...] = ()
    # which rule found each field (floor, author, uid, time, client_tag, body, panel -> a rule
    # name of parse/knowledge/rules.py), for `check`; not stored, not compared
    found_by: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def is_copy(self) -> bool:
        """Shown out of its place (sticky or hot reply): floor and page are not its own."""
        return self.is_sticky or self.is_hot


@dataclass(frozen=True)
class Thread:
    """What one page says about its thread; counters are None where the page omits them."""

    site: str
    tid: int
    fid: int | None
    subject: str | None
    forum: str | None
    forum_path: list[str]
    views: int | None
    replies: int | None
    page: int
    pages: int
    thread_author: str | None
    thread_author_uid: int | None
    discuz_version: str | None
    rendered_at: str | None
    timezone: str
    canonical_url: str | None
    base_url: str | None
    unknown_fields: tuple[str, ...] = ()  # what the rendering never shows of a thread
    # a 只看该作者 page (authorid=N) or a debate's side view (stand=N): its floors, pager and
    # page number count that view's posts only, so none of them is the thread's
    only_author: bool = False
    # 主题分类: the type's name as the subject's `[求助]` prefix shows it, and its typeid where
    # a link or the API gives it (None: no type shown; the API shows the id only)
    thread_type: str | None = None
    thread_type_id: int | None = None
    # the thread's own state, where this rendering shows it (None: not shown here)
    closed: bool | None = None  # 关闭: no more replies
    digest: int | None = None  # 精华 level, 0 none (the API)
    sticky: int | None = None  # 置顶 level: 1 this forum, 2 its category, 3 everywhere (the API)
    stamp: str | None = None  # 图章 as titled (精华, 热帖, 推荐, …): desktop
    price: int | None = None  # 付费主题: what reading it costs, in the site's trade credit
    readperm: int | None = None  # 阅读权限 a reader needs (the API)


@dataclass(frozen=True)
class TextPost:
    """One post of the Archiver text view (`archiver/?tid-T.html`): no pid, uid or markup.

    Kept apart from `Post`, whose key is the pid: a text post is known only by its place.
    """

    page: int
    idx: int  # its place on the page, from 1
    floor: int | None  # None when the page size is unknown (the last of several pages)
    author: str | None
    author_kind: str  # member or anonymous
    posted_at: str | None
    posted_text: str | None
    posted_precision: str | None
    subject: str | None
    body_text: str
    client_suffix: str | None
    state: str  # normal, or not_shown (banned, hidden or paid: the view prints no message)


@dataclass(frozen=True)
class Moderation:
    """The last moderation a desktop page notes under the first post: 本主题由 阿强超版 于
    2026-12-5 14:00 关闭 (X3.5 names no one: 管理团队)."""

    text: str  # as shown, spaces squeezed
    moderator: str | None
    action: str | None  # 关闭, 加入精华, 置顶, 添加图标 版主推荐, 移动, 提升, …
    moderated_at: str | None  # ISO 8601 with the site's offset
    precision: str | None = None


@dataclass(frozen=True)
class ThreadPage:
    """The parse result of one thread page, in any rendering."""

    thread: Thread
    posts: list[Post]
    warnings: list[str] = field(default_factory=list)
    text_posts: list[TextPost] = field(default_factory=list)
    rendering: str = "desktop"  # desktop, touch, api or archiver (the text view)
    poll: Poll | None = None  # a poll thread's poll, on the page that shows its first post
    reward: Reward | None = None  # a reward thread's reward, on the page of its first post
    activity: Activity | None = None  # an activity thread's activity, likewise
    debate: Debate | None = None  # a debate thread's sides (page 1) and replies' stands (any)
    goods: list[Goods] = field(default_factory=list)  # a trade thread's, on its first post's page
    sort: ThreadSort | None = None  # 分类信息, on the page of the first post
    moderation: Moderation | None = None  # the last moderation noted under the first post
    reply_reward: ReplyReward | None = None  # the thread's 回帖奖励 terms, while its pool lasts
    rush: RushTerms | None = None  # a 抢楼 thread's terms (on every desktop and API page)
