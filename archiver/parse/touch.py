"""Pure parsing: a touch-template thread page (`mobile=2`, X3.4 and X3.5) to a ThreadPage.

Touch pages (markup spec §8.1) show no author panels, no footer render time and only relative
times without the absolute `title`, so times are resolved against `now` (the fetch or file
time). Their `page=N` counts `mobilepostperpage` floors, not the desktop page size.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from selectolax.lexbor import LexborHTMLParser, LexborNode

from archiver.errors import NotAThreadPage
from archiver.model import Post, Thread, ThreadPage
from archiver.parse import knowledge as S
from archiver.parse.dom import remove, select
from archiver.parse.messages import raise_for_message
from archiver.parse.poll import read_poll
from archiver.parse.post_extras import page_review_counts
from archiver.parse.skeleton import (
    DEFAULT_OFFSET,
    ONLY_AUTHOR_NOTE,
    dedupe,
    fill_starter,
    generator_version,
    mark_thread_author,
    number_floors,
    offset_label,
    only_author_view,
    page_base,
    page_numbers,
    starter,
    time_anchor,
    unfloored,
)
from archiver.parse.sorts import prefix_labels, touch_sort
from archiver.parse.specials import read_specials
from archiver.parse.starter import first_post_time, title_starter
from archiver.parse.text import holds_any, squeezed
from archiver.parse.thread_state import touch_price
from archiver.parse.touch_finders import find_touch_posts
from archiver.parse.touch_post import parse_touch_post
from archiver.urls import site_of


def parse_touch(
    html: str,
    url: str | None = None,
    *,
    timezone: dt.tzinfo | None = None,
    now: dt.datetime | None = None,
) -> ThreadPage:
    """Parse one touch-template thread page.

    :param url: where the page came from; used for the site and ids the page does not give.
    :param timezone: the site's UTC offset (touch pages never show it); default +08:00.
    :param now: when the page was fetched or saved: the anchor for `6 天前` and the like.
    :raises DiscuzMessage: the page is a Discuz! message (missing thread, no permission, login).
    :raises NotAThreadPage: the page is not a touch thread page.
    """
    tree = LexborHTMLParser(html)
    raise_for_message(tree, url or "<html>")
    return read_touch(tree, html, url, timezone=timezone, now=now)


def read_touch(
    tree: LexborHTMLParser,
    html: str,
    url: str | None = None,
    *,
    timezone: dt.tzinfo | None = None,
    now: dt.datetime | None = None,
) -> ThreadPage:
    """Parse a touch page the dispatcher has parsed and checked for a message."""
    source = url or "<html>"
    price = touch_price(tree, html)  # before the posts: its line is not theirs
    boxes = find_touch_posts(tree)
    if not boxes:
        raise _not_a_touch_page(tree, source)
    tz = timezone or DEFAULT_OFFSET
    anchor = time_anchor(tz, None, now)
    siteurl = S.SITEURL_VAR.search(html)  # X3.4 has no <base href>, only this script variable
    base = page_base(tree, siteurl.group(1) if siteurl else None, url)
    page, pages = page_numbers(tree, url)
    posts = dedupe([_post(pid, node, rule, base, tz, anchor) for pid, node, rule in boxes])
    reviews = page_review_counts(tree.root, html)  # X3.5 shows 支持 / 反对, X3.4 does not
    posts = [
        replace(p, support=reviews[p.pid][0], against=reviews[p.pid][1]) if p.pid in reviews else p
        for p in posts
    ]
    view = only_author_view(html, url, posts)
    named = None if view else _starter_uid(tree)  # a view's authorid links are its own
    posts = unfloored(posts) if view else number_floors(posts, page, pages)
    posts = _ordered_unless_contradicted(posts, named)
    sort = touch_sort(tree, html)
    thread = _thread(tree, url, base, posts, page, pages, tz, view=view, starter_uid=named)
    title, prefix = _subject(tree)
    labels = prefix_labels(prefix, sort.name if sort is not None else None)
    thread = replace(thread, subject=title, thread_type=labels.thread_type, price=price)
    boxed = [node for _, node, _ in boxes]
    block = title_starter(tree, thread.subject, lambda: boxed, posts, thread.thread_author_uid)
    if block is not None:
        thread = replace(thread, thread_author=block[0], thread_author_uid=block[1])
    posts = fill_starter(posts, thread.thread_author, thread.thread_author_uid)
    posts = first_post_time(posts, block[2] if block else None, tz, anchor)
    posts = mark_thread_author(posts, thread.thread_author_uid)
    warnings = ([ONLY_AUTHOR_NOTE] if view else []) + _warnings(posts, base, anchor)
    poll, special = read_poll(tree, html, base, anchor), read_specials(tree, html, base, tz, anchor)
    return ThreadPage(thread=thread, posts=posts, warnings=warnings, rendering="touch", poll=poll,
                      reward=special.reward, activity=special.activity, debate=special.debate,
                      goods=special.goods, sort=sort)  # fmt: skip


def _post(
    pid: int, node: LexborNode, rule: str, base: str | None, tz: dt.tzinfo, now: dt.datetime | None
) -> Post:
    """One post, with the rule that found its box."""
    post = parse_touch_post(pid, node, base, tz, now)
    return replace(post, found_by={"post": rule, **post.found_by})


def _not_a_touch_page(tree: LexborHTMLParser, source: str) -> NotAThreadPage:
    """Say what the page is instead, so the user knows which parser or page to use."""
    if tree.css_first(S.POSTLIST) is not None:
        return NotAThreadPage(
            "a desktop thread page, not a touch page (mobile=2); read it with parse_page",
            source=source,
        )
    return NotAThreadPage(
        "no touch-template posts (div.plc#pidN, href=#replybtn_N): "
        "not a touch thread page (mobile=2)",
        source=source,
    )


def _thread(
    tree: LexborHTMLParser,
    url: str | None,
    base: str | None,
    posts: list[Post],
    page: int,
    pages: int,
    tz: dt.tzinfo,
    *,
    view: bool,
    starter_uid: int | None,
) -> Thread:
    """What the page says about its thread; counters stay None where the template omits them.

    `view`: a 只看该作者 page; `starter_uid`: the 只看楼主 link's, when no floor 1 names him.
    """
    fid, tid = _ids(tree, url)
    views, replies = _counters(tree)
    author, author_uid = starter(posts) or (None, starter_uid)  # a view has no floor 1
    canonical = tree.css_first(S.CANONICAL)
    forum = _first_text(tree, S.TOUCH_FORUM_NAME)
    return Thread(
        site=site_of(base) if base else "unknown",
        tid=tid,
        fid=fid,
        subject=None,  # with its labels, below
        forum=forum,
        forum_path=[],  # touch pages show the forum only, no breadcrumb
        views=views,
        replies=replies,
        page=page,
        pages=pages,
        thread_author=author,
        thread_author_uid=author_uid,
        discuz_version=generator_version(tree),
        rendered_at=None,  # no footer time on touch pages
        timezone=offset_label(tz),
        canonical_url=canonical.attributes.get("href") if canonical is not None else None,
        base_url=base,
        only_author=view,
    )


def _ids(tree: LexborHTMLParser, url: str | None) -> tuple[int | None, int]:
    """fid and tid from the reply form or links (`…&fid=F&tid=T…&mobile=2`), else the URL."""
    root = tree.root
    replies = [
        n.attributes.get("action") or n.attributes.get("href") or ""
        for n in (select(root, S.TOUCH_REPLY_URLS) if root is not None else [])
    ]
    canonical = tree.css_first(S.CANONICAL)
    links = [n.attributes.get("href") or "" for n in tree.css(S.TOUCH_THREAD_LINKS)]
    hrefs = [*replies, canonical.attributes.get("href") or "" if canonical else "", url or ""]
    tids = [m.group(1) for h in [*hrefs, *links] for m in [S.TID_IN_URL.search(h)] if m]
    forums = [n.attributes.get("href") or "" for n in tree.css(S.TOUCH_FORUM_LINKS)]
    fids = [m.group(1) for h in [*replies, *forums] for m in [S.FID_IN_URL.search(h)] if m]
    if not tids:  # DBEnglish: the reply buttons' onclick holds the only reply URLs
        clicks = [n.attributes.get("onclick") or "" for n in tree.css(S.TOUCH_REPLY_ONCLICK)]
        tids = [m.group(1) for h in clicks for m in [S.TID_IN_URL.search(h)] if m]
        fids = fids or [m.group(1) for h in clicks for m in [S.FID_IN_URL.search(h)] if m]
    if not tids:
        raise NotAThreadPage(
            "touch-page posts but no thread id (no reply form, canonical or thread link); "
            "give the page's URL",
            source=url,
        )
    return (int(fids[0]) if fids else None), int(tids[0])


def _titled_heading(tree: LexborHTMLParser) -> str | None:
    """A theme's own title heading (mobanbus: div.bus_vtt > h2): the heading the <title> opens
    with, followed by ` - ` and the forum's name."""
    title = " ".join((_first_text(tree, S.TITLE) or "").split())
    for heading in tree.css(S.TITLE_HEADINGS) if title else []:
        text = " ".join(heading.text().split())
        if text and title.startswith(f"{text} - "):
            return text
    return None


def _subject(tree: LexborHTMLParser) -> tuple[str | None, str]:
    """The h2 / view_tit text without 只看楼主 and, where <title> confirms it, `[类型]`; and
    the bracketed labels taken off (X3.5 puts each in an `em`, with the extras)."""
    root = tree.root
    nodes = select(root, S.TOUCH_SUBJECT) if root is not None else []
    if not nodes:
        return _titled_heading(tree), ""
    copy = nodes[0].clone()
    labels = [t for e in copy.css(S.TOUCH_LABELS) if S.BRACKETED.fullmatch(t := squeezed(e))]
    remove(copy, S.TOUCH_SUBJECT_EXTRAS)
    text = copy.text().strip()
    title = _first_text(tree, S.TITLE) or ""
    at = 0  # fewest labels first: a subject may start with its own `[转载]`
    while not title.startswith(text) and (match := S.LEADING_LABEL.match(text, at)) is not None:
        at = match.end()
        if text[at:] and title.startswith(" ".join(text[at:].split())):  # <title> is squeezed
            labels.append(text[:at])
            text = text[at:]
    return text or None, " ".join(labels)


def _first_text(tree: LexborHTMLParser, selector: str) -> str | None:
    """Text of the first match of a selector list, in document order."""
    root = tree.root
    nodes = select(root, selector) if root is not None else []
    return " ".join(nodes[0].text().split()) or None if nodes else None


def _counters(tree: LexborHTMLParser) -> tuple[int | None, int | None]:
    """Views and replies where the template shows them (X3.5's first post), else None."""
    numbers = [n.text().strip() for n in tree.css(S.TOUCH_COUNTERS)][:2]
    if len(numbers) == 2 and all(n.isdigit() for n in numbers):
        return int(numbers[0]), int(numbers[1])
    return None, None


def _ordered_unless_contradicted(posts: list[Post], starter_uid: int | None) -> list[Post]:
    """Floors counted by order on page 1 make its first post found floor 1; when the 只看楼主
    link names another author, the first post is not among those found (jeawy_forum prints it
    without a pid): the counted floors are dropped, not guessed."""
    first = next((p for p in posts if p.floor == 1 and not p.is_copy), None)
    if first is None or first.found_by.get("floor") != S.RULE_FLOOR_ORDER:
        return posts  # floor 1 as the page labels it, or no floor 1
    if starter_uid is None or first.uid in (None, starter_uid):
        return posts
    return [
        replace(post, floor=None, found_by={k: v for k, v in post.found_by.items() if k != "floor"})
        if post.found_by.get("floor") == S.RULE_FLOOR_ORDER
        else post
        for post in posts
    ]


def _starter_uid(tree: LexborHTMLParser) -> int | None:
    """The uid in the 只看楼主 link (authorid=U): it names the starter, not his name."""
    for link in tree.css(S.TOUCH_ONLY_AUTHOR):
        if holds_any(link.text(), S.STARTER_WORDS):
            match = S.AUTHORID_IN_URL.search(link.attributes.get("href") or "")
            return int(match.group(1)) or None if match else None
    return None


def _warnings(posts: list[Post], base: str | None, now: dt.datetime | None) -> list[str]:
    """What the page could not tell, so a caller can pass the URL or the fetch time."""
    warnings = [] if base else ["the page has no <base href> or SITEURL and no URL was given"]
    if now is None and any(p.posted_text and p.posted_at is None for p in posts):
        warnings.append("relative times left unresolved: no fetch time (now) was given")
    warnings += [f"post {p.pid}: no posting time found" for p in posts if p.posted_at is None]
    return warnings


__all__ = ["parse_touch"]
