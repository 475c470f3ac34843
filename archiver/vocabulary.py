"""The words the layers share: renderings, post states, kinds, and what each rendering shows.

The database's CHECK constraints allow exactly these (tests/test_truth.py); a new one needs
a migration as well as a line here.
"""

from __future__ import annotations

RENDERINGS = ("desktop", "touch", "api", "archiver")  # pages.rendering; archiver: the text view
POST_RENDERINGS = ("desktop", "touch", "api")  # posts.rendering: the text view has no pids
RICHNESS = {"touch": 1, "api": 2, "desktop": 3}  # whose body_html a post keeps: the richest
# how renderings of one unedited post differ, so the store does not take them for edits:
# desktop and touch print a quote's inner [quote] tags as text where the API nests the quote
# (the API also leaves [code] blocks out: posts.code_blocks has them, from the parser)
NESTED_QUOTE_TAGS = ("[quote]", "[/quote]")
POST_STATES = (
    "normal", "hidden", "filtered", "pending", "locked", "banned", "blocked", "author_only",
    "password", "paid", "deleted", "gone",
)  # fmt: skip
TEXT_POST_STATES = ("normal", "not_shown")
AUTHOR_KINDS = ("member", "guest", "anonymous", "deleted", "unknown")
PRECISIONS = ("second", "minute", "hour", "day")
ATTACHMENT_KINDS = ("image", "file")
# media.status: saved, or why not (missing: 404/410; login-required: Discuz answered with its
# login or permission page; too-large: over --max-media-size or the run's budget; not-allowed:
# robots.txt or an unsafe redirect; failed: network or server, tried again on the next run)
MEDIA_STATUSES = ("saved", "missing", "login-required", "too-large", "not-allowed", "failed")
MEDIA_ROLES = ("image", "file", "smiley", "avatar")  # post_media.role
MEDIA_ORIGINS = ("http", "file", "offer")  # media.origin: fetched, read from disk, handed in

# What each rendering never shows (the README's rendering table marks them —): a post or
# thread read only from it has them unknown (NULL, or no rows), never guessed.
_NO_PANEL = ("ratings", "profile", "forum_path", "discuz_version", "rendered_at")
_NO_STATE = ("closed", "digest", "sticky", "stamp", "readperm")
# 抢楼: the terms (rush), 抢楼时间 and 每人回帖次数 (desktop shows neither), 抢中本楼 (rush_floor)
_NO_RUSH = ("rush", "rush_times", "rush_reply_limit", "rush_floor")
NEVER_SHOWN = {
    # 精华 and 置顶 only as a 图章, if one is set; 抢楼时间 only as a countdown
    "desktop": ("digest", "sticky", "readperm", "rush_times", "rush_reply_limit"),
    "touch": (*_NO_PANEL, "views", "replies", "reply_credit", "thread_type_id", *_NO_STATE,
              *_NO_RUSH),
    # the API sends the type's id, not its name; the stamp's id, not its title
    "api": (*_NO_PANEL, "forum", "thread_type", "stamp", "support", "against"),
    # the text view does show the Discuz! version
    "archiver": ("ratings", "profile", "forum_path", "rendered_at", "views", "replies", "pid",
                 "uid", "client_tag", "body_html", "quotes", "edited_by", "attachments",
                 "comments", "reply_credit", "thread_type", "thread_type_id", *_NO_STATE,
                 "price", "support", "against", *_NO_RUSH),
}  # fmt: skip
POST_LEVEL = (
    "ratings",
    "profile",
    "reply_credit",
    "support",
    "against",
    "rush_floor",
)  # of NEVER_SHOWN: what a post's row records as unknown
THREAD_LEVEL = (
    "views", "replies", "forum", "forum_path", "discuz_version", "rendered_at", "thread_type",
    "thread_type_id", "closed", "digest", "sticky", "stamp", "price", "readperm", "rush",
    "rush_times", "rush_reply_limit",
)  # fmt: skip

# A post's state in the words a reader of the forum knows (the forum's own placeholders,
# as parse/knowledge.py reads them); shown by `show`, the Markdown and the HTML export.
REPLY_CREDIT_WORDS = "回帖奖励"  # posts.reply_credit: what the thread's reply reward paid it
RUSH_FLOOR_WORDS = "抢中本楼"  # posts.rush_floor: a 抢楼 thread's rewarded floor
WARNED_WORDS = "受到警告"  # a post a moderator warned (posts.warned_*): warn_get
STATE_WORDS = {
    "normal": "",
    "hidden": "本帖隐藏的内容（回复后可见）",
    "filtered": "该帖已被折叠",
    "pending": "待审核",
    "locked": "该帖被锁定",
    "banned": "作者被禁止或删除 内容自动屏蔽",
    "blocked": "该帖被管理员或版主屏蔽",
    "author_only": "此帖仅作者可见",
    "password": "本帖为密码帖",
    "paid": "本帖为付费帖",
    "deleted": "无效楼层，该帖已经被删除",
    "gone": "论坛上已不再显示此帖",
    "not_shown": "该帖未显示",
}
