"""`parse_page`: recognise which rendering a page is and hand it to that rendering's module."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from selectolax.lexbor import LexborHTMLParser, LexborNode

from archiver.model import ThreadPage
from archiver.parse import knowledge as S
from archiver.parse.api import parse_api
from archiver.parse.desktop import parse_desktop
from archiver.parse.dom import PageIds, by_id, index_page_ids
from archiver.parse.messages import raise_for_message
from archiver.parse.textview import looks_like_textview, parse_textview
from archiver.parse.touch import read_touch
from archiver.vocabulary import NEVER_SHOWN, POST_LEVEL, THREAD_LEVEL


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
    return _with_unknown_fields(_parse(html, url, timezone, now))


def _parse(
    html: str, url: str | None, timezone: dt.tzinfo | None, now: dt.datetime | None
) -> ThreadPage:
    if html.lstrip()[:1] == "{":  # the mobile JSON API (spec §9)
        return parse_api(html, url, timezone=timezone, now=now)
    if looks_like_textview(html):  # the Archiver text view, the last resort (spec §8.4)
        return parse_textview(html, url, timezone=timezone, now=now)
    tree = LexborHTMLParser(html)
    ids = index_page_ids(tree, S.RARE_PARTS)  # one pass: `#id` lookups need no search
    raise_for_message(tree, url or "<html>", ids)
    if (
        by_id(tree, ids, S.POSTLIST_ID) is None
        and not _has_desktop_messages(ids)
        and tree.css_first(S.TOUCH_POSTS) is not None
    ):  # messages with postmessage_PID ids (desktop, old mobile=1) are the desktop's
        return read_touch(tree, html, url, timezone=timezone, now=now)  # spec §8.1
    return parse_desktop(tree, ids, html, url, timezone=timezone, now=now)


def _has_desktop_messages(ids: PageIds) -> bool:
    """postmessage_PID ids mark desktop and old mobile pages; a touch special's one does not."""
    names = [name for name in ids.nodes if name.startswith(S.MESSAGE_ID_PREFIX)]
    form = ids.nodes.get(S.POLL_FORM_ID)
    action = (form.attrs.get("action") or "") if form is not None else ""
    if len(names) != 1:
        return bool(names)
    return not (S.TOUCH_POLL_ACTION in action or _touch_special_message(ids.nodes[names[0]]))


def _touch_special_message(node: LexborNode) -> bool:
    """The one `postmessage_PID` of a touch special's page: a div in a touch post's
    `div.message` (X3.4 GBK's reward, X3.5's debate and goods), or beside the special's box
    (desktop's is td.t_f; old mobile's sits in div.mes)."""
    if node.tag != "div":
        return False
    parent = node.parent
    for _ in range(3):
        if parent is None:
            break
        if _has_class(parent, (S.TOUCH_MESSAGE_CLASS,)):
            return True
        parent = parent.parent
    before, after = node.prev, node.next
    while before is not None or after is not None:
        if _has_class(before, S.TOUCH_SPECIAL_BOXES) or _has_class(after, S.TOUCH_SPECIAL_BOXES):
            return True
        before = before.prev if before is not None else None
        after = after.next if after is not None else None
    return False


def _has_class(node: LexborNode | None, classes: tuple[str, ...]) -> bool:
    """A div with one of the classes: the special boxes are divs, never the text between."""
    if node is None or node.tag != "div":
        return False
    return any(name in classes for name in (node.attrs.get("class") or "").split())


def _with_unknown_fields(page: ThreadPage) -> ThreadPage:
    """Mark what this rendering never shows, so the store records it unknown, not absent."""
    never = NEVER_SHOWN[page.rendering]
    if not never:
        return page
    post_level = tuple(f for f in never if f in POST_LEVEL)
    thread_level = tuple(f for f in never if f in THREAD_LEVEL)
    posts = (
        [
            replace(post, unknown_fields=tuple(dict.fromkeys((*post_level, *post.unknown_fields))))
            for post in page.posts
        ]
        if post_level
        else None
    )
    return replace(
        page, thread=replace(page.thread, unknown_fields=thread_level), posts=posts or page.posts
    )
