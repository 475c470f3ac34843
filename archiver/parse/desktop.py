"""Pure parsing: the HTML of one Discuz! X desktop thread page to a ThreadPage. No I/O."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser, LexborNode

from archiver.errors import NotAThreadPage, TruncatedPage
from archiver.model import Post, Thread, ThreadPage
from archiver.parse import knowledge as S
from archiver.parse.body import node_text
from archiver.parse.dom import PageIds, by_id, index_page_ids, select, under_id
from archiver.parse.messages import raise_for_message
from archiver.parse.numbers import to_int
from archiver.parse.posts import PostContext, parse_post
from archiver.parse.skeleton import generator_version
from archiver.parse.textview import looks_like_textview, parse_textview
from archiver.times import parse_absolute, parse_offset
from archiver.urls import site_of

DEFAULT_OFFSET = dt.timezone(dt.timedelta(hours=8))
_DISCUZ_MARKERS = ("discuz_uid", "Discuz!", "discuz.net", "discuz.vip", "comsenz")
_WORD_FLOORS = {"楼主": 1, "沙发": 2, "板凳": 3, "地板": 4}


def parse_page(
    html: str,
    url: str | None = None,
    *,
    timezone: dt.tzinfo | None = None,
    now: dt.datetime | None = None,
) -> ThreadPage:
    """Parse one thread page: desktop, touch (mobile=2), Archiver text or mobile API JSON.

    :param url: where the page came from (a URL or a file name); used only when the page
        itself does not say (no <base href>, no canonical link).
    :param timezone: the site's UTC offset, overriding the footer's `GMT+8`.
    :param now: when the page was saved, to resolve relative times if the footer has no time.
    :raises DiscuzMessage: the page is a Discuz! message (missing thread, no permission, login).
    :raises NotAThreadPage: the page is not a Discuz! thread page, or is cut short.
    """
    source = url or "<html>"
    if html.lstrip()[:1] == "{":  # the mobile JSON API (spec §9)
        from archiver.parse.api import parse_api

        return parse_api(html, url, timezone=timezone, now=now)
    if looks_like_textview(html):  # the Archiver text view, the last resort (spec §8.4)
        return parse_textview(html, url, timezone=timezone, now=now)
    tree = LexborHTMLParser(html)
    ids = index_page_ids(tree)  # one pass; `#id` lookups below need no search of the page
    raise_for_message(tree, source, ids)
    if by_id(tree, ids, S.POSTLIST_ID) is None and tree.css_first(S.TOUCH_POSTS) is not None:
        from archiver.parse.touch import parse_touch  # the touch template (mobile=2, spec §8.1)

        return parse_touch(html, url, timezone=timezone, now=now)
    pids = _post_ids(ids.nodes)
    if not pids:
        raise _no_posts(tree, html, source)
    if _is_truncated(tree, html):
        raise TruncatedPage(
            "the page is cut short (no page footer); save or fetch the whole page again",
            source=source,
        )
    base = _base_url(tree, url)
    rendered, offset = render_time(tree, ids)
    tz = timezone or offset or DEFAULT_OFFSET
    rendered_at = rendered.replace(tzinfo=tz) if rendered else None
    anchor = rendered_at or (now.astimezone(tz) if now else None)
    warnings: list[str] = []
    if base is None:
        warnings.append("the page has no <base href> and no URL was given; site unknown")
    page, pages = page_numbers(tree, url)
    context = PostContext(base=base, tz=tz, now=anchor, blocked=_blocked_pids(html), ids=ids.nodes)
    posts = _dedupe([parse_post(pid, context) for pid in pids])
    posts = _number_floors(posts, page, pages)
    thread = _thread(tree, ids, html, url, base, posts, page, pages, rendered_at, tz)
    posts = _mark_thread_author(posts, thread.thread_author_uid)
    warnings += [warning for post in posts if (warning := missing_fields(post))]
    return ThreadPage(thread=thread, posts=posts, warnings=warnings)


def missing_fields(post: Post) -> str | None:
    """Say which of floor, author, uid and time a post lacks: recorded as missing, not guessed.

    A deleted floor's placeholder shows none of them; guests and anonymous posts have no uid.
    """
    if post.state == "deleted":
        return None
    missing = [
        name
        for name, absent in (
            ("floor", post.floor is None and not post.is_copy),
            ("author", post.author is None and post.author_kind is None),
            ("uid", post.uid is None and post.author_kind == "member"),
            ("posting time", post.posted_at is None),
        )
        if absent
    ]
    return f"post {post.pid}: no {', '.join(missing)} found" if missing else None


def _post_ids(ids: dict[str, LexborNode]) -> list[int]:
    """Post ids in page order from any of div#post_P, table#pidP, #postmessage_P.

    Taken from every element with an id rather than from #postlist's children, so a theme's
    wrappers or a broken tag that closes #postlist early cannot hide the posts after it.
    """
    found: dict[int, None] = {}
    for name in ids:
        if name[:1] != "p":  # all three patterns start with p; most ids on a page do not
            continue
        match = S.POST_ID.match(name) or S.PID_ID.match(name) or S.MESSAGE_ID.match(name)
        if match:
            found.setdefault(int(match.group(1)))
    return list(found)


def _no_posts(tree: LexborHTMLParser, html: str, source: str) -> NotAThreadPage:
    body = tree.css_first("body")
    body_class = (body.attributes.get("class") or "") if body is not None else ""
    is_discuz = any(marker in html for marker in _DISCUZ_MARKERS)
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
    return "</html>" not in html[-4096:].lower() and tree.css_first("#ft, #footer") is None


def _base_url(tree: LexborHTMLParser, url: str | None) -> str | None:
    node = tree.css_first(S.BASE)
    href = node.attributes.get("href") if node is not None else None
    if href and href.startswith(("http://", "https://")) and _valid(href):
        return href
    if url and url.startswith(("http://", "https://")):
        return url
    canonical = tree.css_first(S.CANONICAL)
    href = canonical.attributes.get("href") if canonical is not None else None
    return href if href and href.startswith(("http://", "https://")) else None


def _valid(url: str) -> bool:
    try:
        return bool(urlsplit(url).hostname)
    except ValueError:
        return False


def render_time(
    tree: LexborHTMLParser, ids: PageIds | None = None
) -> tuple[dt.datetime | None, dt.tzinfo | None]:
    """The footer's `GMT+8, 2024-3-3 20:29`: when the page was rendered, and the offset."""
    footer = under_id(tree, ids, S.FOOTER_ID, S.FOOTER_TIME)
    for node in footer or tree.css("#ft, #footer"):
        match = S.FOOTER_RENDER.search(node.text().replace("\xa0", " "))
        if match:
            tz = parse_offset((match.group(1) or "").replace(" ", ""))
            found = parse_absolute(match.group(2), dt.timezone.utc)
            if found:
                return found[0].replace(tzinfo=None), tz
    return None, None


def page_numbers(tree: LexborHTMLParser, url: str | None) -> tuple[int, int]:
    page = None
    current = tree.css_first(S.PAGER_CURRENT)
    if current is not None:
        page = to_int(current.text())
    if page is None:
        field = tree.css_first(S.PAGE_INPUT)
        value = (field.attributes.get("value") or "") if field is not None else ""
        page = to_int(value)
    if page is None and url:
        match = S.PAGE_IN_URL.search(url)
        page = int(match.group(1) or match.group(2)) if match else None
    page = page or 1
    total = tree.css_first(S.PAGER_TOTAL)
    match = S.TOTAL_PAGES.search(total.attributes.get("title") or "") if total else None
    if match:
        return page, max(page, int(match.group(1)))
    numbers = [int(n) for a in tree.css(S.PAGER_LINKS) for n in S.NUMBER.findall(a.text())]
    return page, max([page, *numbers])


def _blocked_pids(html: str) -> frozenset[int]:
    match = re.search(r"blockedPIDs\s*=\s*\[([^\]]*)\]", html)
    return frozenset(int(n) for n in S.NUMBER.findall(match.group(1))) if match else frozenset()


def _dedupe(posts: list[Post]) -> list[Post]:
    """Sticky and hot copies repeat a post on page 1: keep one per pid, where it first shows."""
    seen: dict[int, Post] = {}
    for post in posts:
        first = seen.get(post.pid)
        if first is None:
            seen[post.pid] = post
        elif first.floor is None and post.floor is not None:
            seen[post.pid] = replace(first, floor=post.floor, floor_label=post.floor_label)
    return list(seen.values())


def _number_floors(posts: list[Post], page: int, pages: int) -> list[Post]:
    """Fill floors the labels don't give (custom names) from the known ones around them.

    A page before the last is full, so with no label at all its floors follow from its size.
    """
    result: list[Post] = []
    previous: int | None = 0 if page == 1 else None
    own = [post for post in posts if not post.is_copy]
    if previous is None and page < pages and all(post.floor is None for post in own):
        previous = (page - 1) * len(own)
    for post in posts:
        floor = post.floor
        if floor is None and post.floor_label in _WORD_FLOORS:
            floor = _WORD_FLOORS[post.floor_label]
        if floor is None and previous is not None and not post.is_copy:
            floor = previous + 1
        if floor != post.floor:
            post = replace(post, floor=floor)
        if not post.is_copy and floor is not None:
            previous = floor
        result.append(post)
    return result


def _mark_thread_author(posts: list[Post], starter_uid: int | None) -> list[Post]:
    """Floor 1 is the starter's; so is every post by the starter's uid (楼主)."""
    return [
        replace(post, is_thread_author=True)
        if not post.is_thread_author
        and (post.floor == 1 and not post.is_copy or (starter_uid and post.uid == starter_uid))
        else post
        for post in posts
    ]


def _thread(
    tree: LexborHTMLParser,
    ids: PageIds,
    html: str,
    url: str | None,
    base: str | None,
    posts: list[Post],
    page: int,
    pages: int,
    rendered_at: dt.datetime | None,
    tz: dt.tzinfo,
) -> Thread:
    fid, tid = _ids(tree, html, url)
    path = _forum_path(tree, ids)
    views, replies = _counters(tree, ids)
    author, author_uid = _thread_author(tree, ids, posts)
    canonical = tree.css_first(S.CANONICAL)
    offset = dt.datetime.now(tz).strftime("%z")
    return Thread(
        site=site_of(base) if base else "unknown",
        tid=tid,
        fid=fid,
        subject=_subject(tree, ids),
        forum=path[-1] if path else None,
        forum_path=path,
        views=views,
        replies=replies,
        page=page,
        pages=pages,
        thread_author=author,
        thread_author_uid=author_uid,
        discuz_version=_version(tree, ids),
        rendered_at=rendered_at.isoformat(timespec="seconds") if rendered_at else None,
        timezone=f"{offset[:3]}:{offset[3:]}",
        canonical_url=canonical.attributes.get("href") if canonical is not None else None,
        base_url=base,
    )


def _ids(tree: LexborHTMLParser, html: str, url: str | None) -> tuple[int | None, int]:
    match = S.FID_TID.search(html)
    if match:
        return int(match.group(1)), int(match.group(2))
    fid = None
    root = tree.root
    for link in select(root, "#pt .z a, .pgb a") if root is not None else []:
        found = S.FID_IN_URL.search(link.attributes.get("href") or "")
        fid = int(found.group(1)) if found else fid
    candidates = [m.group(1) for m in [S.TID_ONLY.search(html)] if m]
    for node in (tree.css_first(S.CANONICAL), tree.css_first("#postlist a[href*='tid=']")):
        href = node.attributes.get("href") if node is not None else None
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


def _subject(tree: LexborHTMLParser, ids: PageIds) -> str | None:
    node = by_id(tree, ids, S.SUBJECT_ID)
    if node is not None and node.text().strip():
        return node.text().strip()
    title = tree.css_first(S.TITLE)
    text = title.text() if title is not None else ""
    return text.split(" - ")[0].strip() or None


def _forum_path(tree: LexborHTMLParser, ids: PageIds) -> list[str]:
    """Breadcrumb names between 论坛 and the thread itself."""
    path: list[str] = []
    for link in under_id(tree, ids, S.BREADCRUMB_ID, S.BREADCRUMB_LINKS):
        href = link.attributes.get("href") or ""
        if "gid=" in href or "forumdisplay" in href or re.search(r"forum-\d+-\d+", href):
            path.append(node_text(link))
    return path


def _counters(tree: LexborHTMLParser, ids: PageIds) -> tuple[int | None, int | None]:
    spans = [to_int(s.text()) for s in under_id(tree, ids, S.POSTLIST_ID, S.COUNTERS)]
    if len(spans) >= 2 and spans[0] is not None and spans[1] is not None:
        return spans[0], spans[1]
    boxes = under_id(tree, ids, S.POSTLIST_ID, S.COUNTERS_BOX)
    box = boxes[0] if boxes else None
    match = S.COUNTERS_TEXT.search(box.text()) if box is not None else None
    if match is None:  # a theme's own thread head: the text before the first post
        match = S.COUNTERS_TEXT.search(_postlist_head(tree, ids))
    return (int(match.group(1)), int(match.group(2))) if match else (None, None)


def _postlist_head(tree: LexborHTMLParser, ids: PageIds) -> str:
    """#postlist's text up to its first post, where themes print 查看 | 回复."""
    postlist = by_id(tree, ids, S.POSTLIST_ID)
    parts: list[str] = []
    for child in postlist.iter() if postlist is not None else ():
        if S.POST_ID.match(child.id or ""):
            break
        parts.append(child.text())
    return " ".join(parts)


def _thread_author(
    tree: LexborHTMLParser, ids: PageIds, posts: list[Post]
) -> tuple[str | None, int | None]:
    for post in posts:
        if post.floor == 1 and not post.is_copy:
            return post.author, post.uid
    uid = None
    # the avatar link, then the name link
    for link in under_id(tree, ids, S.THREAD_AUTHOR_ID, f"{S.THREAD_AUTHOR_BOX} a[href*='uid']"):
        match = S.UID_IN_URL.search(link.attributes.get("href") or "")
        uid = uid or (int(match.group(1)) if match else None)
        name = link.text().strip() or link.attributes.get("title")
        if name:
            return name.strip(), uid
    return None, uid


def _version(tree: LexborHTMLParser, ids: PageIds) -> str | None:
    """The generator meta, else the footer's `Powered by Discuz! X3.4`."""
    found = generator_version(tree)
    footer = by_id(tree, ids, S.FOOTER_VERSION_ID) if found is None else None
    match = S.VERSION.search(footer.text()) if footer is not None else None
    return match.group(1) if match else found


__all__ = ["parse_page"]
