"""What the parsers of every rendering share: the default offset, placeholder texts, 楼主."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from selectolax.lexbor import LexborHTMLParser

from archiver.model import Post
from archiver.parse import knowledge as S

DEFAULT_OFFSET = dt.timezone(dt.timedelta(hours=8))
# Discuz's placeholder texts (lang message_banned, message_single_banned, …), spaces removed;
# the moderators' variants only append to them, so a prefix match covers both
_PLACEHOLDERS = (
    ("提示:作者被禁止或删除", "banned"),
    ("提示:该帖被管理员或版主屏蔽", "blocked"),
    ("此帖仅作者可见", "author_only"),
    ("该帖仅作者可见", "author_only"),  # the mobile API's own wording
    ("本帖为密码帖", "password"),
    ("付费主题,价格", "paid"),
)


def placeholder_state(text: str) -> str | None:
    """The post state a Discuz placeholder text stands for (§3.5), else None."""
    squeezed = "".join(text.split()).replace("：", ":").replace("，", ",")
    return next((state for words, state in _PLACEHOLDERS if squeezed.startswith(words)), None)


def offset_label(tz: dt.tzinfo) -> str:
    """`+08:00` for a timezone, as Thread.timezone records it."""
    offset = dt.datetime.now(tz).strftime("%z")
    return f"{offset[:3]}:{offset[3:]}"


def mark_thread_author(posts: list[Post], starter_uid: int | None) -> list[Post]:
    """Floor 1 is the starter's; so is every post by the starter's uid (no 楼主 badge here)."""
    return [
        replace(post, is_thread_author=True)
        if not post.is_thread_author and starter_uid and post.uid == starter_uid
        else post
        for post in posts
    ]


def generator_version(tree: LexborHTMLParser) -> str | None:
    """`X3.4` from `<meta name="generator" content="Discuz! X3.4">`, which every rendering has."""
    node = tree.css_first(S.GENERATOR)
    match = S.VERSION.search((node.attributes.get("content") or "") if node is not None else "")
    return match.group(1) if match else None
