"""A Discuz! X desktop thread page (forum.php?mod=viewthread, thread-T-P-1.html)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import replace
from functools import partial

from selectolax.lexbor import LexborHTMLParser, LexborNode

from archiver.errors import NotAThreadPage, TruncatedPage
from archiver.model import Post, Thread, ThreadPage
from archiver.parse import knowledge as S
from archiver.parse.dom import PageIds, by_id, first_tag, select
from archiver.parse.head import counters, forum_path, old_mobile, subject, thread_author, version
from archiver.parse.poll import read_poll
from archiver.parse.posts import PostContext, id_prefix, parse_post
from archiver.parse.reply_credit import reply_credits, reply_reward, with_credit
from archiver.parse.rush import rush_floors, rush_terms, with_rush
from archiver.parse.skeleton import (
    DEFAULT_OFFSET,
    ONLY_AUTHOR_NOTE,
    dedupe,
    fill_starter,
    html_ended,
    mark_thread_author,
    marked_starter,
    number_floors,
    offset_label,
    only_author_view,
    page_base,
    page_numbers,
    render_time,
    starter,
    time_anchor,
    unfloored,
)
from archiver.parse.sorts import desktop_labels, desktop_sort
from archiver.parse.specials import read_specials
from archiver.parse.starter import first_post_time, title_starter, view_link_marks
from archiver.parse.thread_state import desktop_state, moderation, shown_part
from archiver.sniff import BOT_CHECK_ADVICE, BOT_CHECK_PAGE, bot_check
from archiver.urls import site_of


def parse_desktop(
    tree: LexborHTMLParser,
    ids: PageIds,
    html: str,
    url: str | None = None,
    *,
    timezone: dt.tzinfo | None = None,
    now: dt.datetime | None = None,
) -> ThreadPage:
    """Parse a desktop page the dispatcher has parsed, indexed and checked for a message."""
    source = url or "<html>"
    pids = [pid for pid in _post_ids(ids.nodes) if not _copied_block(ids, pid)]
    if not pids:
        raise _no_posts(tree, html, source)
    if _is_truncated(tree, html):
        raise TruncatedPage(
            "the page is cut short (no page footer); save or fetch the whole page again",
            source=source,
        )
    canonical = tree.css_first(S.CANONICAL)
    canonical_url = canonical.attrs.get("href") if canonical is not None else None
    base = page_base(tree, url, canonical_url)
    rendered, offset, order = render_time(tree, ids, lambda: _time_texts(ids.nodes, pids))
    tz = timezone or offset or DEFAULT_OFFSET
    anchor = time_anchor(tz, rendered, now)
    rendered_at = anchor if rendered else None
    warnings: list[str] = []
    if base is None:
        warnings.append("the page has no <base href> and no URL was given; site unknown")
    page, pages = page_numbers(tree, url)
    parts = ids.parts
    blocked = _blocked_pids(html)
    context = PostContext(
        base=base, tz=tz, now=anchor, blocked=blocked, ids=ids, parts=parts,
        message_ids=any(name.startswith(S.MESSAGE_ID_PREFIX) for name in ids.nodes),
        order=order, first=pids[0] if pids else None,
    )  # fmt: skip
    rush = rush_terms(ids.nodes)
    credits, won = reply_credits(tree, parts), rush_floors(tree, rush)
    posts = dedupe([with_rush(with_credit(parse_post(p, context), credits), won) for p in pids])
    view = only_author_view(html, url, posts, debate=S.DEBATE_STAND in parts)
    posts = view_link_marks(unfloored(posts) if view else number_floors(posts, page, pages))
    fid, tid = _ids(tree, html, url, canonical)
    views, replies = counters(tree, ids)
    author, author_uid = starter(posts) or thread_author(tree, ids)  # a view has no floor 1
    if author_uid is None:
        author, author_uid = marked_starter(posts) or (author, author_uid)
    title = subject(tree, ids)
    subject_node = by_id(tree, ids, S.SUBJECT_ID)
    labels = desktop_labels(subject_node)
    first_box = _post_box(ids.nodes, pids[0])
    paid = first_box if S.LOCKED in parts else None  # 付费主题 is a div.locked
    state = desktop_state(subject_node, ids.nodes.get(S.STAMP_ID), paid)
    block = title_starter(tree, title, partial(_post_boxes, ids.nodes, pids), posts, author_uid)
    if block is not None:
        author, author_uid = block[0], block[1]
    path = forum_path(tree, ids)
    thread = Thread(
        site=site_of(base) if base else "unknown",
        tid=tid,
        fid=fid,
        subject=title,
        forum=path[-1] if path else None,
        forum_path=path,
        views=views,
        replies=replies,
        page=page,
        pages=pages,
        thread_author=author,
        thread_author_uid=author_uid,
        discuz_version=version(tree, ids),
        rendered_at=rendered_at.isoformat(timespec="seconds") if rendered_at else None,
        timezone=offset_label(tz, rendered_at),
        canonical_url=canonical_url,
        base_url=base,
        only_author=view,
        thread_type=labels.thread_type,
        thread_type_id=labels.thread_type_id,
        closed=state.closed,
        stamp=state.stamp,
        price=state.price,
    )
    posts = fill_starter(posts, author, author_uid)
    part = shown_part(ids.nodes, url)  # [page]: the first post shown in parts, one a page
    posts = [replace(p, body_part=part[1]) if part and p.pid == part[0] else p for p in posts]
    posts = first_post_time(posts, block[2] if block else None, tz, anchor)
    posts = mark_thread_author(posts, thread.thread_author_uid)
    if old_mobile(ids.nodes, pids[0]):  # it never prints a client tag: unknown, not none
        posts = [replace(p, unknown_fields=S.OLD_MOBILE_UNSHOWN) for p in posts]
    warnings += [ONLY_AUTHOR_NOTE] if view else []
    warnings += [note for post in posts if (note := missing_fields(post, floors=not view))]
    poll = read_poll(tree, html, base, anchor, ids)
    special = read_specials(tree, html, base, tz, anchor, first_box, parts)
    return ThreadPage(thread=thread, posts=posts, warnings=warnings, poll=poll,
                      reward=special.reward, activity=special.activity, debate=special.debate,
                      goods=special.goods, sort=desktop_sort(first_box, labels),
                      moderation=moderation(first_box, tz, anchor),
                      reply_reward=reply_reward(ids.nodes), rush=rush)  # fmt: skip


def _post_box(nodes: dict[str, LexborNode], pid: int) -> LexborNode | None:
    """A post's div#post_PID, else its table#pidPID."""
    box = nodes.get(id_prefix(S.POST_CONTAINER) + str(pid))
    return box if box is not None else nodes.get(id_prefix(S.POST_TABLE) + str(pid))


def _post_boxes(nodes: dict[str, LexborNode], pids: list[int]) -> list[LexborNode]:
    return [box for pid in pids if (box := _post_box(nodes, pid)) is not None]


def _time_texts(nodes: dict[str, LexborNode], pids: list[int]) -> Iterator[str]:
    """The posts' shown times and their span titles: the dates a year-last footer is read by."""
    for pid in pids:
        node = nodes.get(id_prefix(S.POSTED_ON) + str(pid))
        if node is not None:
            yield node.text()
            span = first_tag(node, "span", "title")
            yield (span.attrs.get("title") or "") if span is not None else ""


def missing_fields(post: Post, *, floors: bool = True) -> str | None:
    """Say which of floor, author, uid and time a post lacks: recorded as missing, not guessed.

    A deleted floor's placeholder shows none of them; guests and anonymous posts have no uid;
    a 只看该作者 page shows no floor of the thread's (`floors` False).
    """
    if post.state == "deleted":
        return None
    missing = [
        name
        for name, absent in (
            ("floor", floors and post.floor is None and not post.is_copy),
            ("author", post.author is None and post.author_kind is None),
            ("uid", post.uid is None and post.author_kind == "member"),
            ("posting time", post.posted_at is None),
        )
        if absent
    ]
    return f"post {post.pid}: no {', '.join(missing)} found" if missing else None


def _lines_pattern(pattern: re.Pattern[str]) -> re.Pattern[str] | None:
    """`^…$` as `\\n…(?=\\n)`: one findall over the ids, one a line, instead of a match each."""
    text = pattern.pattern
    if not (text.startswith("^") and text.endswith("$")) or pattern.flags & re.M:
        return None
    return re.compile("\n" + text[1:-1] + "(?=\n)", pattern.flags)


_POST_ID_LINES = _lines_pattern(S.ANY_POST_ID)


def _post_ids(ids: dict[str, LexborNode]) -> list[int]:
    """Post ids in page order from any of div#post_P, table#pidP, #postmessage_P.

    Taken from every element with an id rather than from #postlist's children, so a theme's
    wrappers or a broken tag that closes #postlist early cannot hide the posts after it.
    """
    joined = "\n" + "\n".join(ids) + "\n"
    if _POST_ID_LINES is not None and joined.count("\n") == len(ids) + 1:  # no id holds a \n
        return list(dict.fromkeys(map(int, _POST_ID_LINES.findall(joined))))
    found: dict[int, None] = {}
    for name in ids:
        if name[:1] != "p":  # all three patterns start with p; most ids on a page do not
            continue
        match = S.ANY_POST_ID.match(name)
        if match:
            found.setdefault(int(match.group(1)))
    return list(found)


def _copied_block(ids: PageIds, pid: int) -> bool:
    """A theme's block that hard-codes a `pidN` id into every post (travel_linzi: pid7561541,
    from its author's demo site): no `post_N` or message of its own, and its id repeated or its
    floor link another post's."""
    key = str(pid)
    if id_prefix(S.POST_CONTAINER) + key in ids.nodes or id_prefix(S.MESSAGE) + key in ids.nodes:
        return False
    node = ids.nodes.get(id_prefix(S.POST_TABLE) + key)
    if node is None:
        return False
    if id_prefix(S.POST_TABLE) + key in ids.repeated:
        return True
    floor = node.css_first(S.FLOOR_IDS)
    return floor is not None and floor.id != id_prefix(S.FLOOR) + key


def _no_posts(tree: LexborHTMLParser, html: str, source: str) -> NotAThreadPage:
    body = tree.css_first(S.BODY)
    body_class = (body.attrs.get("class") or "") if body is not None else ""
    is_discuz = any(marker in html for marker in S.DISCUZ_MARKERS)
    checker = bot_check(html) if not is_discuz else None
    if checker is not None:
        return NotAThreadPage(
            f"{BOT_CHECK_PAGE.format(checker)}; {BOT_CHECK_ADVICE}", source=source
        )
    if is_discuz and _is_truncated(tree, html):
        return TruncatedPage(
            "a Discuz! page cut short before its posts; save or fetch the whole page again",
            source=source,
        )
    if is_discuz:
        kind = f" ({body_class})" if body_class else ""
        return NotAThreadPage(
            f"a Discuz! page{kind} but not a thread page: no posts found; "
            "give the thread's own page (forum.php?mod=viewthread&tid=… or thread-…-1-1.html)",
            source=source,
        )
    return NotAThreadPage(
        "not a Discuz! page (no Discuz! markup and no posts); check the file or URL",
        source=source,
    )


def _is_truncated(tree: LexborHTMLParser, html: str) -> bool:
    return not html_ended(html) and tree.css_first(S.PAGE_FOOTER) is None


def _blocked_pids(html: str) -> frozenset[int]:
    if "blockedPIDs" not in html:  # a plain find is about twice as fast as the regex's scan
        return frozenset()
    match = re.search(r"blockedPIDs\s*=\s*\[([^\]]*)\]", html)
    return frozenset(int(n) for n in S.NUMBER.findall(match.group(1))) if match else frozenset()


def _ids(
    tree: LexborHTMLParser, html: str, url: str | None, canonical: LexborNode | None
) -> tuple[int | None, int]:
    match = S.FID_TID.search(html)
    if match:
        return int(match.group(1)), int(match.group(2))
    fid = None
    root = tree.root
    for link in select(root, S.FORUM_LINKS) if root is not None else []:
        found = S.FID_IN_URL.search(link.attrs.get("href") or "")
        fid = int(found.group(1)) if found else fid
    candidates = [m.group(1) for m in [S.TID_ONLY.search(html)] if m]
    for node in (canonical, tree.css_first(S.POSTLIST_TID_LINK)):
        href = node.attrs.get("href") if node is not None else None
        found = S.TID_IN_URL.search(href or "")
        if found:
            candidates.append(found.group(1))
    found = S.TID_IN_URL.search(url or "")
    if found:
        candidates.append(found.group(1))
    if not candidates:
        raise NotAThreadPage(
            "thread posts found but no thread id (no tid script, canonical link or tid link)",
            source=url,
        )
    return fid, int(candidates[0])
