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
from archiver.parse.posts import id_prefix
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
        # the heading's block, else the one around it (df_meizu: the name is in a sibling
        # div beside the title's), never a block that holds posts
        block = heading.parent
        for _ in range(S.TITLE_BLOCK_LEVELS):
            if block is None or any(inside(box, [block]) for box in boxes):
                return None
            for link in block.css(S.SPACE_LINKS):
                match = S.UID_IN_URL.search(link.attributes.get("href") or "")
                name = link.text().strip() or (link.attributes.get("title") or "").strip()
                if match and name and not inside(link, boxes):
                    return name, int(match.group(1)), _time_in(block, boxes)
            block = block.parent
        return None
    return None


def _time_in(block: LexborNode, boxes: list[LexborNode]) -> str | None:
    """The first time a text of the block holds (`于2026-11-24 20:04:59发表`, `4 天前`)."""
    for node in block.traverse(include_text=True):
        if node.tag != "-text":
            continue
        found = S.TIME_SHOWN.search((node.text_content or "").replace("\xa0", " "))
        if found and not inside(node, boxes) and not _another_posts_time(node, boxes):
            return found.group(0)
    return None


def _another_posts_time(node: LexborNode, boxes: list[LexborNode]) -> bool:
    """A time in `em#authorpostonN` that post N on the page shows too: df_meizu prints the
    page's last post's (the loop's `$post`) beside the title; v2_mbl20121009 the thread's time
    under that id."""
    parent = node.parent
    name = (parent.attrs.get("id") or "") if parent is not None else ""
    if not name.startswith(id_prefix(S.POSTED_ON)):
        return False
    pid = name.removeprefix(id_prefix(S.POSTED_ON))
    shown = " ".join((node.text_content or "").split())
    for box in boxes:
        match = S.ANY_POST_ID.match(box.attrs.get("id") or "")
        if match and match.group(1) == pid:
            return shown in " ".join(box.text().split())
    return False


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


def view_link_marks(posts: list[Post]) -> list[Post]:
    """Posts marked 楼主 only by a 只看楼主 view link keep the mark where those links name one
    member among others' posts (we54 so labels floor 1's); where they name several or nobody
    else posts on the page, the theme may label every post's link so (eis_y_car)."""
    linked = {p.uid for p in posts if p.found_by.get("thread_author") == S.RULE_STARTER_VIEW_LINK}
    others = {p.uid for p in posts if p.uid is not None} - linked
    if not linked or len(linked) == 1 and others:
        return posts
    return [
        replace(post, is_thread_author=post.floor == 1 and not post.is_copy,
                found_by={k: v for k, v in post.found_by.items() if k != "thread_author"})
        if post.found_by.get("thread_author") == S.RULE_STARTER_VIEW_LINK
        else post
        for post in posts
    ]  # fmt: skip
