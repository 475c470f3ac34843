"""Pure parsing: a touch-template thread page (`mobile=2`, X3.4 and X3.5) to a ThreadPage.

Touch pages (markup spec §8.1) show no author panels, no footer render time and only relative
times without the absolute `title`, so times are resolved against `now` (the fetch or file
time). Their `page=N` counts `mobilepostperpage` floors, not the desktop page size.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import replace

from selectolax.lexbor import LexborHTMLParser, LexborNode

from . import selectors as S
from .body import Body, absolute, node_text, parse_body
from .dom import remove, select
from .errors import NotAThreadPage
from .messages import raise_for_message
from .model import Attachment, Comment, Post, Quote, Thread, ThreadPage
from .times import resolve
from .urls import site_of

DEFAULT_OFFSET = dt.timezone(dt.timedelta(hours=8))
_WORD_FLOORS = {"楼主": 1, "沙发": 2, "板凳": 3, "地板": 4}
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
_MEMBER_DELETED = "该用户已被删除"
_QUOTE_LABEL = re.compile(r"^\s*引用\s*[:：]\s*")


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
    source = url or "<html>"
    tree = LexborHTMLParser(html)
    raise_for_message(tree, source)
    nodes = [n for n in tree.css(S.TOUCH_POST_NODES) if S.PID_ID.match(n.id or "")]
    if not nodes:
        raise _not_a_touch_page(tree, source)
    tz = timezone or DEFAULT_OFFSET
    anchor = now.astimezone(tz) if now is not None else None
    base = _base_url(tree, html, url)
    page, pages = _pages(tree, url)
    posts = _fill_floors(_dedupe([_post(node, base, tz, anchor) for node in nodes]), page)
    thread = _thread(tree, url, base, posts, page, pages, tz)
    posts = mark_thread_author(posts, thread.thread_author_uid)
    return ThreadPage(thread=thread, posts=posts, warnings=_warnings(posts, base, anchor))


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


def _not_a_touch_page(tree: LexborHTMLParser, source: str) -> NotAThreadPage:
    """Say what the page is instead, so the user knows which parser or page to use."""
    if tree.css_first(S.POSTLIST) is not None:
        return NotAThreadPage(
            "a desktop thread page, not a touch page (mobile=2); read it with parse_page",
            source=source,
        )
    return NotAThreadPage(
        "no touch-template posts (div.plc#pidN): not a touch thread page (mobile=2)",
        source=source,
    )


def _base_url(tree: LexborHTMLParser, html: str, url: str | None) -> str | None:
    """<base href> (X3.5), else the SITEURL script variable (X3.4), else the URL."""
    node = tree.css_first(S.BASE)
    href = node.attributes.get("href") if node is not None else None
    if href and href.startswith(("http://", "https://")):
        return href
    match = S.SITEURL_VAR.search(html)
    if match:
        return match.group(1)
    return url if url and url.startswith(("http://", "https://")) else None


def _post(node: LexborNode, base: str | None, tz: dt.tzinfo, now: dt.datetime | None) -> Post:
    """Read one `div.plc#pidPID`; what the page does not show stays None."""
    line, when = _authi_lines(node)
    label, floor, copy = _floor(line)
    author, uid, kind = _author(line, node)
    shown, at, precision = _time(when, tz, now)
    state, body, files = _message(node.css_first(S.TOUCH_MESSAGE), base, tz, now)
    return Post(
        pid=int((node.id or "pid0")[3:]),
        floor=floor,
        floor_label=label,
        author=author,
        uid=uid,
        author_kind=kind,
        is_thread_author=floor == 1 and not copy,
        posted_at=at,
        posted_text=shown,
        posted_precision=precision,
        client_tag=body.client_tail,  # touch pages have no header label, only a message tail
        client_suffix=body.client_tail,
        body_html=body.html,
        body_text=body.text,
        state=state,
        edited_by=body.edited_by,
        edited_at=body.edited_at,
        is_sticky=copy == "sticky",
        is_hot=copy == "hot",
        source="touch",
        quotes=body.quotes,
        attachments=body.attachments + files + _listed(node, base),
        comments=_comments(node, tz, now),
    )


def _authi_lines(node: LexborNode) -> tuple[LexborNode | None, LexborNode | None]:
    """The author line (floor + name) and the time line of `ul.authi`."""
    authi = node.css_first(S.TOUCH_AUTHI)
    # not only children: after an anonymous post's unclosed <b> the time line sits in a <b>
    items = select(authi, "li") if authi is not None else []
    return (items[0] if items else None), (items[1] if len(items) > 1 else None)


def _floor(line: LexborNode | None) -> tuple[str | None, int | None, str]:
    """Label, number and "sticky" / "hot" from the line's first element (em or span.y)."""
    holder = next(iter(line.iter()), None) if line is not None else None
    if holder is None:
        return None, None, ""
    text = "".join(holder.text().split())
    if text == S.HOT_LABEL:
        return text, None, "hot"
    match = S.STICKY_FROM.search(text)
    if match:
        return text[match.start() + 2 :], int(match.group(1)), "sticky"
    sticky = "sticky" if holder.css_first("img[title*='置顶']") is not None else ""
    digits = S.FLOOR_DIGITS.search(text)
    return text or None, int(digits.group(1)) if digits else _WORD_FLOORS.get(text), sticky


def _author(
    line: LexborNode | None, scope: LexborNode
) -> tuple[str | None, int | None, str | None]:
    """Name, uid and kind (member, guest, anonymous, deleted) as the touch template prints them."""
    if line is None:
        return None, None, None
    holders = select(line, S.TOUCH_NAME_HOLDER)
    holder = holders[0] if holders else line
    link = holder.css_first("a[href*='uid']")
    match = S.UID_IN_URL.search(link.attributes.get("href") or "") if link is not None else None
    if link is not None and match:
        return link.text().strip() or None, int(match.group(1)), "member"
    guest = holder.css_first("a[href^='javascript']")
    text = node_text(holder)
    if guest is not None or text == "游客":
        return (
            (guest.text(deep=False).strip() if guest is not None else text) or "游客",
            None,
            "guest",
        )
    if _MEMBER_DELETED in text:
        # the account is gone; its uid survives only in the avatar URL
        return text.replace(_MEMBER_DELETED, "").strip() or None, _avatar_uid(scope), "deleted"
    if "匿名" in text:
        return "匿名", None, "anonymous"
    return (text, None, "unknown") if text else (None, None, None)


def _avatar_uid(scope: LexborNode) -> int | None:
    """The uid in `avatar.php?uid=N` or in the `000/00/00/NN_avatar_` path form."""
    images = select(scope, S.TOUCH_AVATAR)
    src = (images[0].attributes.get("src") or "") if images else ""
    match = S.UID_IN_URL.search(src)
    if match:
        return int(match.group(1)) or None
    path = S.AVATAR_PATH_UID.search(src)
    return int("".join(path.groups())) or None if path else None


def _time(
    when: LexborNode | None, tz: dt.tzinfo, now: dt.datetime | None
) -> tuple[str | None, str | None, str | None]:
    """Shown text (without the line's 收藏 / counter elements), ISO time, precision."""
    line = when.clone() if when is not None else None
    if line is not None:
        remove(line, S.TOUCH_TIME_EXTRAS)
    shown = " ".join(line.text().replace("\xa0", " ").split()) if line is not None else ""
    if not shown:
        return None, None, None
    at, precision = resolve(shown, tz, now)
    return shown, at, precision


def _message(
    message: LexborNode | None, base: str | None, tz: dt.tzinfo, now: dt.datetime | None
) -> tuple[str, Body, list[Attachment]]:
    """State, body and inline file attachments, with the template's notices taken out first."""
    if message is None:
        return "normal", Body(), []
    node = message.clone()
    state = _take_notices(node)
    files = [_inline_file(box, base) for box in select(node, S.TOUCH_INLINE_FILES)]
    for img in select(node, S.TOUCH_INLINE_IMAGES):  # the aid is only in the id here
        img.attrs["aid"] = (img.id or "").removeprefix("aimg_")
    body = parse_body(node, base, tz, now)
    body.quotes = [_unlabelled(quote) for quote in body.quotes]
    if state == "normal" and body.hidden_content:
        state = "hidden"
    return state, body, files


def _take_notices(node: LexborNode) -> str:
    """Remove placeholder and warning notices and a reply's subject line; return the state."""
    state = "normal"
    for child in list(node.iter()):  # the message's own children: notices come first
        if child.tag == "h2":  # a reply's own subject, shown above its message
            child.decompose()
        elif child.css_matches(S.TOUCH_NOTES) and child.css_first("blockquote") is None:
            state = placeholder_state(node_text(child)) or state
            child.decompose()
    return state


def _unlabelled(quote: Quote) -> Quote:
    """Touch quotes start with the template's `引用:` label, which is not quoted text."""
    return replace(quote, text=_QUOTE_LABEL.sub("", quote.text))


def _inline_file(box: LexborNode, base: str | None) -> Attachment:
    """A file attachment placed in the message: its link, name and size, then only the name."""
    match = S.AID_IN_ID.search(box.id or "")
    link = box.css_first(S.TOUCH_ATTACH_LINK)
    name = box.css_first(S.TOUCH_FILE_NAME) or link
    attachment = Attachment(
        aid=int(match.group(1)) if match else None,
        kind="file",
        url=absolute(base, link.attributes.get("href") if link is not None else None),
        filename=name.text().strip() or None if name is not None else None,
        size_text=_size_text(box),
    )
    remove(box, "em, p")  # size, download count and upload time: not message text
    return attachment


def _size_text(node: LexborNode) -> str | None:
    """`1.2 MB` or `52.31 MB, 下载次数: 96`: the first em or p that gives a size."""
    for part in select(node, "em, p"):
        text = " ".join(part.text().replace("\xa0", " ").split()).strip("() ")
        if S.SIZE_TEXT.search(text):
            return text
    return None


def _listed(node: LexborNode, base: str | None) -> list[Attachment]:
    """Attachments listed after the message (`ul.img_one`, file boxes), not placed inline."""
    rest = node.clone()
    remove(rest, S.TOUCH_OUTSIDE_LISTS)
    images = [_listed_image(img, base) for img in select(rest, S.TOUCH_LISTED_IMAGES)]
    return images + [_listed_file(link, base) for link in select(rest, S.TOUCH_LISTED_FILES)]


def _listed_image(img: LexborNode, base: str | None) -> Attachment:
    """`img#aimg_AID` in `ul.img_one`: its src is the full image, its alt the file name."""
    match = S.AID_IN_ID.search(img.id or "")
    name = img.attributes.get("alt") or img.attributes.get("title") or None
    url = absolute(base, img.attributes.get("src"))
    return Attachment(int(match.group(1)) if match else None, "image", url, name, None, False)


def _listed_file(link: LexborNode, base: str | None) -> Attachment:
    """`a#aidN`: the name is the link text (X3.4) or its span.link (X3.5); the size is near."""
    match = S.AID_IN_ID.search(link.id or "")
    name = (link.css_first(S.TOUCH_FILE_NAME) or link).text().strip() or None
    box = link.parent.parent if link.parent is not None else None  # X3.4: dd > p.attnm > a
    size = _size_text(link) or (_size_text(box) if box is not None else None)
    url = absolute(base, link.attributes.get("href"))
    return Attachment(int(match.group(1)) if match else None, "file", url, name, size, False)


def _comments(node: LexborNode, tz: dt.tzinfo, now: dt.datetime | None) -> list[Comment]:
    """点评 shown under a post (X3.5's touch template; X3.4's shows none)."""
    comments: list[Comment] = []
    for item in select(node, S.TOUCH_COMMENTS):
        line, when = _authi_lines(item)
        name, uid, _ = _author(line, item)
        shown, at, _ = _time(when, tz, now)
        shown = shown.removeprefix("发表于").strip() or None if shown else None
        text = item.css_first("li.mtxt")
        comments.append(Comment(name, uid, node_text(text) if text else "", shown, at))
    return comments


def _dedupe(posts: list[Post]) -> list[Post]:
    """One post per pid, where it first shows (sticky and hot copies repeat posts)."""
    firsts: dict[int, Post] = {}
    for post in posts:
        firsts.setdefault(post.pid, post)
    return list(firsts.values())


def _fill_floors(posts: list[Post], page: int) -> list[Post]:
    """Number floors whose label is a custom name from the known ones before them."""
    result: list[Post] = []
    previous: int | None = 0 if page == 1 else None
    for post in posts:
        if post.floor is None and previous is not None and not post.is_copy:
            post = replace(post, floor=previous + 1)
        if not post.is_copy and post.floor is not None:
            previous = post.floor
        result.append(post)
    return result


def _pages(tree: LexborHTMLParser, url: str | None) -> tuple[int, int]:
    """Current and total page from `div.pg` (absent on a one-page thread), else the URL."""
    current = tree.css_first(S.PAGER_CURRENT)
    text = current.text().strip() if current is not None else ""
    match = S.PAGE_IN_URL.search(url or "") if not text.isdigit() else None
    page = int(text) if text.isdigit() else int(match.group(1) or match.group(2)) if match else 1
    total = tree.css_first(S.PAGER_TOTAL)
    found = S.TOTAL_PAGES.search(total.attributes.get("title") or "") if total else None
    numbers = [int(n) for a in tree.css(S.PAGER_LINKS) for n in re.findall(r"\d+", a.text())]
    return page, max([page, int(found.group(1))] if found else [page, *numbers])


def _thread(
    tree: LexborHTMLParser,
    url: str | None,
    base: str | None,
    posts: list[Post],
    page: int,
    pages: int,
    tz: dt.tzinfo,
) -> Thread:
    """What the page says about its thread; counters stay None where the template omits them."""
    fid, tid = _ids(tree, url)
    views, replies = _counters(tree)
    author, author_uid = _starter(tree, posts)
    canonical = tree.css_first(S.CANONICAL)
    generator = tree.css_first(S.GENERATOR)
    version = S.VERSION.search(generator.attributes.get("content") or "") if generator else None
    forum = _first_text(tree, S.TOUCH_FORUM_NAME)
    return Thread(
        site=site_of(base) if base else "unknown",
        tid=tid,
        fid=fid,
        subject=_subject(tree),
        forum=forum,
        forum_path=[],  # touch pages show the forum only, no breadcrumb
        views=views,
        replies=replies,
        page=page,
        pages=pages,
        thread_author=author,
        thread_author_uid=author_uid,
        discuz_version=version.group(1) if version else None,
        rendered_at=None,  # no footer time on touch pages
        timezone=offset_label(tz),
        canonical_url=canonical.attributes.get("href") if canonical is not None else None,
        base_url=base,
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
    if not tids:
        raise NotAThreadPage(
            "touch-page posts but no thread id (no reply form, canonical or thread link); "
            "give the page's URL",
            source=url,
        )
    return (int(fids[0]) if fids else None), int(tids[0])


def _subject(tree: LexborHTMLParser) -> str | None:
    """The h2 / view_tit text without 只看楼主 and, where <title> confirms it, `[类型]`."""
    root = tree.root
    nodes = select(root, S.TOUCH_SUBJECT) if root is not None else []
    if not nodes:
        return None
    copy = nodes[0].clone()
    remove(copy, S.TOUCH_SUBJECT_EXTRAS)
    text = copy.text().strip()
    title = _first_text(tree, S.TITLE) or ""
    bare = S.TYPE_PREFIX.sub("", text)
    if bare != text and title.startswith(bare) and not title.startswith(text):
        text = bare
    return text or None


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


def _starter(tree: LexborHTMLParser, posts: list[Post]) -> tuple[str | None, int | None]:
    """Floor 1's author, else the uid in the 只看楼主 link (authorid=U) without a name."""
    for post in posts:
        if post.floor == 1 and not post.is_copy:
            return post.author, post.uid
    link = tree.css_first(S.TOUCH_ONLY_AUTHOR)
    match = S.AUTHORID_IN_URL.search(link.attributes.get("href") or "") if link else None
    return None, int(match.group(1)) or None if match else None


def _warnings(posts: list[Post], base: str | None, now: dt.datetime | None) -> list[str]:
    """What the page could not tell, so a caller can pass the URL or the fetch time."""
    warnings = [] if base else ["the page has no <base href> or SITEURL and no URL was given"]
    if now is None and any(p.posted_text and p.posted_at is None for p in posts):
        warnings.append("relative times left unresolved: no fetch time (now) was given")
    warnings += [f"post {p.pid}: no posting time found" for p in posts if p.posted_at is None]
    return warnings


__all__ = ["parse_touch", "placeholder_state", "offset_label", "mark_thread_author"]
