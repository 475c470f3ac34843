"""The thread's first post by the block that holds the thread's title, for themes whose first
post shows only its message: that block names its author and time (wanpin123's
`<h1>subject</h1><div><a href=space uid>name</a> 于2026-11-24 20:04:59发表`, mobanbus' touch
`div.bus_vtt`); every rendering uses it where floor 1 shows no author."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import replace

from selectolax.lexbor import LexborHTMLParser, LexborNode

from archiver.model import Post
from archiver.parse import knowledge as S
from archiver.parse.dom import inside
from archiver.times import resolve


def title_starter(
    tree: LexborHTMLParser,
    subject: str | None,
    boxes: Callable[[], list[LexborNode]],
    posts: list[Post],
    uid: int | None,
) -> tuple[str, int, str | None] | None:
    """Where the page shows floor 1 without its author (a 只看该作者 view shows no floor 1):
    the title block's name, uid and time, unless another uid is known already. `boxes`: the
    posts' boxes, asked for only then."""
    if not _unnamed_first(posts):
        return None
    block = title_block(tree, subject, boxes())
    return block if block is not None and uid in (None, block[1]) else None


def _unnamed_first(posts: list[Post]) -> bool:
    """The page shows floor 1, but not its author (a theme that prints only its message)."""
    return any(
        post.floor == 1 and not post.is_copy and post.state != "deleted"
        and post.author is None and post.uid is None
        for post in posts
    )  # fmt: skip


def title_block(
    tree: LexborHTMLParser, subject: str | None, boxes: list[LexborNode]
) -> tuple[str, int, str | None] | None:
    """The name, uid and shown time in the block around the heading that holds the subject,
    outside the posts' boxes (whose links and times are the posts' own)."""
    if not subject:
        return None
    for heading in tree.css(S.TITLE_HEADINGS):
        if subject not in " ".join(heading.text().split()) or inside(heading, boxes):
            continue
        block = heading.parent
        if block is None:
            return None
        for link in block.css(S.SPACE_LINKS):
            match = S.UID_IN_URL.search(link.attributes.get("href") or "")
            name = link.text().strip() or (link.attributes.get("title") or "").strip()
            if match and name and not inside(link, boxes):
                return name, int(match.group(1)), _time_in(block, boxes)
        return None
    return None


def _time_in(block: LexborNode, boxes: list[LexborNode]) -> str | None:
    """The first time a text of the block holds (`于2026-11-24 20:04:59发表`, `4 天前`)."""
    for node in block.traverse(include_text=True):
        if node.tag != "-text":
            continue
        found = S.TIME_SHOWN.search((node.text_content or "").replace("\xa0", " "))
        if found and not inside(node, boxes):
            return found.group(0)
    return None


def first_post_time(
    posts: list[Post], shown: str | None, tz: dt.tzinfo, now: dt.datetime | None
) -> list[Post]:
    """Floor 1 without a time of its own takes the one the title block shows."""
    if shown is None:
        return posts
    at, precision = resolve(shown, tz, now)
    found = {"time": S.RULE_TIME_TITLE_BLOCK} if at else {}
    return [
        replace(post, posted_text=shown, posted_at=at, posted_precision=precision,
                found_by={**post.found_by, **found})
        if post.floor == 1 and not post.is_copy and post.posted_at is None
        and post.state != "deleted"
        else post
        for post in posts
    ]  # fmt: skip
