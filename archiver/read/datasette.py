"""Datasette metadata for an archive: what each table and column means, search and sorting."""

from __future__ import annotations

from typing import Any

_TABLES: dict[str, dict[str, Any]] = {
    "threads": {
        "description": "One row per thread (site + tid); counters come from the thread's page 1.",
        "sort_desc": "last_archived_at",
        "fts_table": "threads_fts",
        "fts_pk": "rowid",
        "columns": {
            "site": "the forum: host plus install path",
            "tid": "the forum's thread id",
            "subject": "full subject, unescaped",
            "forum_path": "JSON list of the breadcrumb forums",
            "views": "查看 on page 1",
            "replies": "回复 on page 1 (replies plus 点评)",
            "rendered_at": "when the forum rendered the latest archived page (site time)",
            "page_count": "pages of the thread as the desktop pages number them",
            "thread_type": "主题分类: the [类型] before the subject, without brackets",
            "thread_type_id": "the type's typeid (a desktop link or the API)",
            "closed": "1: 关闭 (no more replies)",
            "digest": "精华 level, 0 none (from the API)",
            "sticky": "置顶 level: 1 this forum, 2 its category, 3 the whole site (from the API)",
            "stamp": "the 图章 above the first post, by its title",
            "price": "付费主题: what reading it costs",
            "readperm": "阅读权限 a reader needs (from the API)",
            "unknown_fields": "JSON list: what no rendering read so far could show (an API "
            "run: forum, forum_path, …)",
        },
    },
    "posts": {
        "description": "One row per post (site + pid), its latest archived version.",
        "sort": "floor",
        "fts_table": "posts_fts",
        "fts_pk": "rowid",
        "columns": {
            "floor": "floor number (1 = the thread's first post)",
            "floor_label": "the label as shown: 楼主, 沙发, 5#, 5楼",
            "is_thread_author": "1 when written by the thread starter (楼主)",
            "posted_at": "ISO 8601 with the site's UTC offset",
            "posted_text": "the time as the page showed it",
            "posted_precision": "second, minute, hour or day: how exact posted_at is",
            "client_tag": "来自手机 and the like",
            "client_suffix": "an app's 来自…客户端 tail cut from the message",
            "body_text": "clean text: no jammer text, edit note, quotes or client tail",
            "code_blocks": "JSON list: each [code] block's text as body_text has it "
            "(the API leaves them out)",
            "reply_credit": "回帖奖励: the credits the reply earned from the thread's reply reward "
            "(NULL: none shown; touch pages never show it)",
            "reply_credit_name": "the credit's name as desktop shows it (金钱)",
            "rush_floor": "抢楼: 1 on a rush thread's rewarded floor (抢中本楼), 0 on its other "
            "floors; NULL: not a rush thread, or seen only on touch pages (they never show it)",
            "position": "the floor when first seen: never changes, unique among live posts",
            "page_number": "the desktop page it was last seen on (NULL: seen only as a copy, "
            "or only on touch pages or the API)",
            "state": "normal, banned, blocked, pending, password, paid, hidden, filtered, "
            "locked, author_only, deleted, gone",
            "rendering": "whose body_html this is: desktop, touch or api (the richest read)",
            "unknown_fields": "JSON list: ratings, profile when no rendering read could show them",
            "pinned_first_seen_at": "first seen pinned (置顶) on page 1; _last_seen_at: last",
            "recommended_first_seen_at": "first seen recommended (推荐); _last_seen_at: last",
            "warned_first_seen_at": "first seen with a moderator's 受到警告; _last_seen_at: last",
            "gone_at": "when a complete fetch of the thread no longer showed it",
        },
    },
    "users": {
        "description": "Authors' latest known panel values (see user_snapshots for history).",
        "sort_desc": "credits",
        "columns": {
            "group_title": "用户组 title, e.g. 金牌会员",
            "rank": "the Rank: N of the star images",
            "post_count": "帖子 (threads + 回帖 on builds that show 回帖)",
            "reply_count": "回帖, where the page shows it",
            "credits": "积分",
        },
    },
    "user_snapshots": {
        "description": "Author panel values each time an archived page showed them.",
        "sort_desc": "seen_at",
    },
    "post_revisions": {
        "description": "Earlier versions of posts whose text, state or edit note changed, "
        "with the rendering each was read from."
    },
    "text_posts": {
        "description": "Posts read from the Archiver text view (archiver/?tid-N.html), the last "
        "resort: no pid or uid, known by page and place.",
        "sort": "floor",
        "fts_table": "text_posts_fts",
        "fts_pk": "rowid",
        "columns": {
            "idx": "its place on the Archiver page, from 1",
            "state": "normal, or not_shown (the view printed no message: banned, hidden, paid)",
        },
    },
    "quotes": {
        "description": "Quoted posts inside messages: quoted pid, author and time. Every set a "
        "post has shown is kept (version); replaced_at is empty for the current one."
    },
    "attachments": {"description": "Images and files shown with posts; versioned like quotes."},
    "ratings": {"description": "评分: rater, credit, score and reason; versioned like quotes."},
    "comments": {"description": "点评 under posts; versioned like quotes."},
    "polls": {
        "description": "A poll thread's poll (投票帖), one per thread: its latest counts; earlier "
        "ones in poll_revisions.",
        "columns": {
            "kind": "single (单选) or multiple (多选)",
            "max_choices": "最多可选 N 项 (single: 1; NULL: no limit set)",
            "voters": "共有 N 人参与投票",
            "results_hidden": "1 when the latest page hid the counts (投票后结果可见)",
            "ended": "1 once a page said 投票已经结束; 0 while it counts down or never ends",
            "expires_precision": "second (the API) or minute (距结束还有 … 分钟)",
        },
    },
    "poll_options": {
        "description": "A poll's options, by polloptionid (or by number while no page showed "
        "the id); votes and percent NULL where only pages that hid the results showed them.",
        "sort": "number",
        "columns": {"gone_at": "when a page of the poll no longer listed it (the poll edited)"},
    },
    "poll_revisions": {
        "description": "Earlier states of polls whose counts, limit or options changed; options "
        "as JSON."
    },
    "rewards": {
        "description": "A reward thread's reward (悬赏帖), one per thread: its latest state; "
        "earlier ones in reward_revisions.",
        "columns": {
            "amount": "悬赏 N: the credits offered",
            "credit": "the credit's title as the site names it (金钱)",
            "solved": "1 once a page said 已解决; 0 while 未解决",
            "best_pid": "the reply chosen as 最佳答案",
            "best_author": "as the best-answer box names it (the stored name, even if anonymous)",
            "best_text": "the start of the best answer as the box quotes it",
        },
    },
    "reward_revisions": {
        "description": "Earlier states of rewards whose amount, state or best answer changed."
    },
    "activities": {
        "description": "An activity thread's activity (活动帖), one per thread: its latest state; "
        "earlier ones in activity_revisions, its members in activity_applicants.",
        "columns": {
            "kind": "活动类型, the class the starter chose",
            "starts_text": "开始时间 as shown (one time, or FROM 至 TO 商定)",
            "ends_at": "the end of a FROM 至 TO range",
            "gender": "性别: male, female or any (不限)",
            "cost": "每人花销 in 元; NULL where the page draws no cost",
            "applied": "已报名人数: verified and waiting together",
            "remaining": "剩余名额, where the activity has a limit",
            "closes_text": "报名截止 as shown",
        },
    },
    "activity_revisions": {
        "description": "Earlier states of activities whose rows or counts changed."
    },
    "activity_applicants": {
        "description": "Members an activity's 已通过 (verified = 1) or 暂未通过 list showed; one "
        "no longer listed stays, with its last_seen_at.",
        "columns": {"message": "留言 (the waiting list's only the starter sees)"},
    },
    "debates": {
        "description": "A debate thread's debate (辩论帖), one per thread: its latest state; "
        "earlier ones in debate_revisions, the replies' sides in debate_stands.",
        "columns": {
            "affirm_votes": "正方观点 (N): the votes for the affirmative",
            "affirm_debaters": "辩手:N on the affirmative side",
            "ends_text": "结束时间 as shown",
            "winner": "the umpire's verdict: affirm (正方获胜), negate (反方获胜) or draw (平局)",
        },
    },
    "debate_revisions": {
        "description": "Earlier states of debates whose votes or verdict changed."
    },
    "debate_stands": {
        "description": "The side each reply of a debate took: affirm (正方), negate (反方) or "
        "neutral (中立), with its 支持 count.",
    },
    "trade_goods": {
        "description": "A trade thread's items on sale (商品帖), by the item's own post (one no "
        "page shows as a post); earlier states in trade_goods_revisions.",
        "columns": {
            "quality": "商品类型: new (全新) or used (二手)",
            "price": "in 元 as shown (1299.00)",
            "cost_price": "原价, in 元",
            "credit": "what it costs in credits (附加, or instead of money)",
            "remaining_text": "剩余时间 as the thread page shows it",
            "amount": "商品数量 (from the API)",
            "locus": "地点 (from the API)",
        },
    },
    "trade_goods_revisions": {
        "description": "Earlier states of items whose price or rows changed."
    },
    "thread_sorts": {
        "description": "A thread's 分类信息 (its sort's named values), one per thread: its "
        "latest state; earlier ones in thread_sort_revisions.",
        "columns": {
            "options": 'JSON object: each title and its value as shown, unit included; "" '
            "where empty, null where the viewer was not shown it (json_extract(options, '$.租金'))",
            "expired": "1 where the forum showed only 该信息已经过期",
        },
    },
    "thread_sort_revisions": {"description": "Earlier states of sorts whose values changed."},
    "reply_rewards": {
        "description": "A thread's own 回帖奖励 terms while its pool lasts: credits left (pool), "
        "per reply, per member, 中奖概率; each shrink of the pool in reply_reward_revisions.",
    },
    "thread_rush": {
        "description": "A 抢楼 (rush-reply) thread's terms, as desktop (every page) and the "
        "API show them: 截止楼层, 奖励楼层, the credit limit, 每人回帖次数, 抢楼时间; earlier "
        "states in thread_rush_revisions. Which floors won: posts.rush_floor.",
        "columns": {
            "stop_floor": "截止楼层: the thread closes at this floor; 0: none",
            "reward_floors": "奖励楼层 as the starter set it (3,5,*4: * is any digits); '': none",
            "credit_limit": "members with more than this of `credit` may reply; NULL: none",
            "reply_limit": "每人回帖次数 (0: any); NULL: seen only on desktop pages",
            "starts_at": "抢楼时间 from, ISO 8601; NULL: not set, or seen only on desktop pages",
            "ends_at": "抢楼时间 to; the same",
        },
    },
    "thread_rush_revisions": {"description": "Earlier 抢楼 terms (an edit of the first post)."},
    "thread_moderations": {
        "description": "Each moderation a thread's desktop page noted under its first post "
        "(本主题由 … 于 … 关闭): one row per moderator, action and time.",
        "sort_desc": "moderated_at",
    },
    "pages": {
        "description": "Raw archived pages (zlib), so rows can be rebuilt offline.",
        "sort_desc": "archived_at",
        "columns": {
            "redactions": "login material replaced with REDACTED before storing: "
            "api_auth, api_saltkey, formhash, sid",
            "sha256": "digest of the bytes as stored",
        },
    },
    "media": {
        "description": "One row per media URL of a site: saved, or why not (missing, "
        "login-required, too-large, not-allowed, failed). Bytes: media_blobs by sha256.",
        "sort_desc": "fetched_at",
        "columns": {
            "url": "the URL as the post shows it (zoomfile / file of an attachment image)",
            "final_url": "where it was fetched from after redirects",
            "declared_type": "the server's Content-Type, kept but never trusted",
            "origin": "http (fetched), file (a saved page's NAME_files folder), offer",
        },
    },
    "media_blobs": {
        "description": "Each distinct file once. Open /DB/media_blobs/SHA256.blob"
        "?_blob_column=content for its bytes (content is empty when kept in --media-dir).",
        "columns": {"content_type": "sniffed from the bytes", "width": "from the header"},
    },
    "post_media": {"description": "Which post shows which media URL, and as what (role)."},
    "media_items": {"description": "Posts' media with status, type and size, one row each."},
    "thread_posts": {
        "description": "Posts with their thread subject and author group, in floor order.",
        "sort": "floor",
    },
    "author_activity": {
        "description": "Per author: posts, threads, client posts, first and last post.",
        "sort_desc": "posts",
    },
}

_HIDDEN = ("posts_fts", "threads_fts", "text_posts_fts", "_sqlite_migrations")


def metadata(database: str = "archive") -> dict[str, Any]:
    """Metadata for `datasette archive.db --metadata metadata.json`."""
    tables = {name: dict(spec) for name, spec in _TABLES.items()}
    for name in _HIDDEN:
        tables[name] = {"hidden": True}
    return {
        "title": "Discuz! forum archive",
        "description": "Threads, posts and author panels archived by discuz-archiver.",
        "source": "discuz-archiver",
        "databases": {database: {"tables": tables}},
    }
