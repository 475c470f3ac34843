"""Thread-level rules every rendering shares, written once: the site's base URL, page numbers,
floors, copies, the thread author, time offsets, post states and forum messages.

Each rendering's module finds the parts in its own markup and hands them to these.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import replace
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from archiver.errors import DiscuzMessage, LoginRequired
from archiver.model import Post
from archiver.parse import knowledge as S
from archiver.parse.dom import PageIds, under_id
from archiver.parse.numbers import to_int
from archiver.times import date_order, is_year_last, parse_absolute, parse_offset

DEFAULT_OFFSET = dt.timezone(dt.timedelta(hours=8))


def absolute_url(*candidates: str | None) -> str | None:
    """The first candidate that is an http(s) URL with a host name."""
    for url in candidates:
        if url and url.startswith(("http://", "https://")) and _has_host(url):
            return url
    return None


def _has_host(url: str) -> bool:
    try:
        return bool(urlsplit(url).hostname)
    except ValueError:  # http://[::1 and the like
        return False


def page_base(tree: LexborHTMLParser, *fallbacks: str | None) -> str | None:
    """The page's `<base href>`, else the first usable fallback (its URL, canonical link, …)."""
    node = tree.css_first(S.BASE)
    return absolute_url(node.attrs.get("href") if node is not None else None, *fallbacks)


def url_page(url: str | None) -> int | None:
    """The page number a thread URL asks for (`page=N` or `thread-T-N-1.html`)."""
    match = S.PAGE_IN_URL.search(url or "")
    return int(match.group(1) or match.group(2)) if match else None


def page_and_pages(
    current: int | None, url: str | None, total: int | None, linked: Iterable[int] = ()
) -> tuple[int, int]:
    """This page (as shown, else as asked for, else 1) and the last one (said or linked)."""
    page = current or url_page(url) or 1
    return page, max(page, total) if total is not None else max([page, *linked])


def page_numbers(tree: LexborHTMLParser, url: str | None) -> tuple[int, int]:
    """This page and the last from the `div.pg` pager (absent on a one-page thread)."""
    current = tree.css_first(S.PAGER_CURRENT)
    page = to_int(current.text()) if current is not None else None
    if page is None:
        field = tree.css_first(S.PAGE_INPUT)
        page = to_int((field.attrs.get("value") or "") if field is not None else "")
    total = tree.css_first(S.PAGER_TOTAL)
    match = S.TOTAL_PAGES.search(total.attrs.get("title") or "") if total else None
    if match:
        return page_and_pages(page, url, int(match.group(1)))
    numbers = [int(n) for a in tree.css(S.PAGER_LINKS) for n in S.NUMBER.findall(a.text())]
    return page_and_pages(page, url, None, numbers)


def render_time(
    tree: LexborHTMLParser,
    ids: PageIds | None = None,
    dates: Callable[[], Iterable[str]] = tuple,
) -> tuple[dt.datetime | None, dt.tzinfo | None, str | None]:
    """The footer's `GMT+8, 2024-3-3 20:29`: when the page was rendered, its offset, and the
    site's order of day and month where its dates put the year last (else None).

    The footer shows the site's own date format; when that puts the year last, `dates` (the
    page's post times, asked only then) tell day from month if the footer alone cannot.
    """
    footer = under_id(tree, ids, S.FOOTER_ID, S.FOOTER_TIME)
    for node in footer or tree.css(S.PAGE_FOOTER):
        match = S.FOOTER_RENDER.search(node.text().replace("\xa0", " "))
        if match:
            tz = parse_offset((match.group(1) or "").replace(" ", ""))
            shown = match.group(2)
            order = date_order([shown]) or date_order(dates()) if is_year_last(shown) else None
            found = parse_absolute(shown, dt.timezone.utc, order)
            return (found[0].replace(tzinfo=None) if found else None), tz, order
    return None, None, None


def first_floor_before(page: int, pages: int, count: int) -> int | None:
    """The floor before this page's first: 0 on page 1, None on the last page.

    A page before the last is full, so its own size tells how many floors precede it.
    """
    if page == 1:
        return 0
    return (page - 1) * count if page < pages else None


def dedupe(posts: list[Post]) -> list[Post]:
    """Sticky and hot copies repeat a post on page 1: keep one per pid, where it first shows."""
    seen: dict[int, Post] = {}
    for post in posts:
        first = seen.get(post.pid)
        if first is None:
            seen[post.pid] = post
        elif first.floor is None and post.floor is not None:
            seen[post.pid] = replace(first, floor=post.floor, floor_label=post.floor_label)
    return list(seen.values())


def view_url(url: str | None) -> bool:
    """A 只看该作者 (authorid=N), debate side (stand=N) or 查看抢中楼层 (checkrush=1) URL: the
    API's answer says nothing else of it."""
    views = (S.AUTHORID_IN_URL, S.STAND_IN_URL, S.CHECKRUSH_IN_URL)
    return bool(url and any(view.search(url) for view in views))


def only_author_view(html: str, url: str | None, posts: list[Post], debate: bool = False) -> bool:
    """A 只看该作者 page (authorid=N), a 抢楼 thread's 查看抢中楼层 view (checkrush=1), or a
    debate's side view (stand=N) when the page shows sides, by its URL or the URL the page
    writes of itself. For authorid the page is searched only when all its posts are one
    member's, as a view's are."""
    if view_url(url) or _scroll_url(html, S.CHECKRUSH_IN_URL):
        return True
    if debate and _scroll_url(html, S.STAND_IN_URL):
        return True
    uids = {post.uid for post in posts if not post.is_copy}
    if len(uids) != 1 or None in uids:
        return False
    if _scroll_url(html, S.AUTHORID_IN_URL):
        return True
    at = html.find(S.VIEW_DESKTOP_LINK)
    while at >= 0:
        start = html.rfind("href=", max(0, at - 300), at)
        if start >= 0 and S.AUTHORID_IN_URL.search(html, start, at):
            return True
        at = html.find(S.VIEW_DESKTOP_LINK, at + 1)
    return False


def _scroll_url(html: str, pattern: re.Pattern[str]) -> bool:
    """The desktop page's keyPageScroll(e, …, 'forum.php?…') call names its own view."""
    at = html.find(S.VIEW_SCRIPT)
    end = html.find(")", at, at + 500) if at >= 0 else -1  # the call's arguments
    return end >= 0 and pattern.search(html, at, end) is not None


ONLY_AUTHOR_NOTE = (
    "a 只看该作者 (authorid=N), debate side (stand=N) or 查看抢中楼层 (checkrush=1) page: its "
    "floors, page numbers and floor 1 are that view's, so the posts are kept without them; the "
    "thread's own pages give them"
)


def unfloored(posts: list[Post]) -> list[Post]:
    """Posts of a 只看该作者 page: its floors and labels are the view's, so unknown; floor 1 is
    that author's first post, so 楼主 only where a mark said so (found_by `thread_author`)."""
    return [
        replace(
            post, floor=None, floor_label=None,
            is_thread_author="thread_author" in post.found_by,
            found_by={k: v for k, v in post.found_by.items() if k not in ("floor", "label")},
        )
        for post in posts
    ]  # fmt: skip


def number_floors(posts: list[Post], page: int, pages: int) -> list[Post]:
    """Fill floors the labels don't give (custom names) from the known ones around them."""
    own = [post for post in posts if not post.is_copy]
    previous: int | None = 0 if page == 1 else None
    if previous is None and all(post.floor is None for post in own):
        previous = first_floor_before(page, pages, len(own))
    result: list[Post] = []
    for post in posts:
        floor, rule = post.floor, post.found_by.get("floor")
        if floor is None and post.floor_label in S.WORD_FLOORS:
            floor, rule = S.WORD_FLOORS[post.floor_label], S.RULE_FLOOR_WORD
        if floor is None and previous is not None and not post.is_copy:
            floor, rule = previous + 1, S.RULE_FLOOR_ORDER
        if floor != post.floor and rule is not None:
            post = replace(post, floor=floor, found_by={**post.found_by, "floor": rule})
        if not post.is_copy and floor is not None:
            previous = floor
        result.append(post)
    return result


def starter(posts: list[Post]) -> tuple[str | None, int | None] | None:
    """Floor 1's author and uid, when the page shows floor 1."""
    for post in posts:
        if post.floor == 1 and not post.is_copy:
            # a theme may show floor 1 without its author: then the page's other hints say
            shown = post.author is not None or post.uid is not None
            return (post.author, post.uid) if shown else None
    return None


def marked_starter(posts: list[Post]) -> tuple[str | None, int] | None:
    """A post the page marks 楼主 (ico_lz, 楼主 in its header) is by the thread's author."""
    for post in posts:
        if post.is_thread_author and post.uid is not None and not post.is_copy:
            return post.author, post.uid
    return None


def fill_starter(posts: list[Post], name: str | None, uid: int | None) -> list[Post]:
    """Floor 1 that shows no author of its own is by the thread author the page names."""
    if uid is None:
        return posts
    found = {"author": S.RULE_AUTHOR_THREAD, "uid": S.RULE_AUTHOR_THREAD}
    return [
        replace(post, author=name, uid=uid, author_kind="member",
                found_by={**post.found_by, **found})
        if post.floor == 1 and not post.is_copy and post.state != "deleted"
        and post.author is None and post.uid is None
        else post
        for post in posts
    ]  # fmt: skip


def mark_thread_author(posts: list[Post], starter_uid: int | None) -> list[Post]:
    """Floor 1 is the starter's; so is every post by the starter's uid (楼主)."""
    return [
        replace(post, is_thread_author=True)
        if not post.is_thread_author
        and (post.floor == 1 and not post.is_copy or (starter_uid and post.uid == starter_uid))
        else post
        for post in posts
    ]


def time_anchor(
    tz: dt.tzinfo, rendered: dt.datetime | None, now: dt.datetime | None
) -> dt.datetime | None:
    """What relative times (`3 天前`) count back from: the page's render time, else `now`."""
    if rendered is not None:
        return rendered.replace(tzinfo=tz)
    return now.astimezone(tz) if now is not None else None


def offset_label(tz: dt.tzinfo, at: dt.datetime | None = None) -> str:
    """`+08:00` for a timezone (at the page's time, for one with summer time)."""
    moment = at.astimezone(tz) if at is not None else dt.datetime(2000, 1, 1, tzinfo=tz)
    offset = moment.strftime("%z")
    return f"{offset[:3]}:{offset[3:]}"


def placeholder_state(text: str) -> str | None:
    """The post state a Discuz placeholder text stands for (§3.5), else None."""
    squeezed = "".join(text.split()).replace("：", ":").replace("，", ",")
    return next(
        (state for words, state in S.PLACEHOLDER_STATES if squeezed.startswith(words)), None
    )


def locked_state(text: str) -> str:
    """The post state a desktop post's locked box names; a plain lock is "locked"."""
    return next((state for words, state in S.LOCKED_STATES if words in text), "locked")


def message_kind(
    found: str, *, api: bool = False, logged_out: bool = False
) -> tuple[type[DiscuzMessage], str] | None:
    """The error class and advice for a forum message (its text, or the API's messageval)."""
    for words, keys, error, advice in S.MESSAGE_KINDS:
        if any(word in found for word in (keys if api else words)):
            return error, advice
        if error is LoginRequired and logged_out:
            return error, advice
    return None


def generator_version(tree: LexborHTMLParser) -> str | None:
    """`X3.4` from `<meta name="generator" content="Discuz! X3.4">`, which every rendering has."""
    node = tree.css_first(S.GENERATOR)
    match = S.VERSION.search((node.attrs.get("content") or "") if node is not None else "")
    return match.group(1) if match else None


def html_ended(html: str) -> bool:
    """`</html>` in the page's last 4 kB, in any case; lower() of CJK text is slow, so the
    usual spellings are looked for first."""
    tail = html[-4096:]
    return "</html>" in tail or "</HTML>" in tail or "</html>" in tail.lower()
