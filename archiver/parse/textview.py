"""Pure parsing: the Archiver text view of a thread (`archiver/?tid-T.html`) to a ThreadPage.

The last resort when no other rendering is readable (markup spec §8.4): each post is an author
line (`p.author`: name or Anonymous, 发表于 and the time as desktop pages print it), an `h3`
subject and the raw BBCode with its tags stripped. There are no pids, uids, quotes or
attachments, so posts come back as `TextPost`s, known by their page and place on it. The
view pages by the desktop page size; its header has no meta charset.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from selectolax.lexbor import LexborHTMLParser, LexborNode

from archiver.errors import NotAThreadPage, TruncatedPage
from archiver.model import TextPost, Thread, ThreadPage
from archiver.parse import knowledge as S
from archiver.parse.messages import raise_for_message
from archiver.parse.numbers import to_int
from archiver.parse.skeleton import (
    DEFAULT_OFFSET,
    first_floor_before,
    generator_version,
    html_ended,
    offset_label,
    page_and_pages,
    page_base,
)
from archiver.times import resolve
from archiver.urls import site_of

RENDERING = "archiver"
_TITLE = re.compile(r"<title>([^<]{0,2000})</title>", re.I)
_SPACES = re.compile(r"[ \t\xa0]+")


def looks_like_textview(html: str) -> bool:
    """True for a page whose <title> ends in `Powered by Discuz! Archiver`."""
    match = _TITLE.search(html, 0, 8192)
    return match is not None and S.ARCHIVER_TITLE.search(match.group(1)) is not None


def parse_textview(
    html: str,
    url: str | None = None,
    *,
    timezone: dt.tzinfo | None = None,
    now: dt.datetime | None = None,
) -> ThreadPage:
    """Parse one Archiver thread page.

    :param url: where it came from; the tid and page when the page's own links lack them.
    :param timezone: the site's UTC offset (the view prints none); default +08:00.
    :param now: when it was fetched, to resolve relative times without a title.
    :raises DiscuzMessage: a message page (missing thread, no permission, login).
    :raises NotAThreadPage: not an Archiver thread page, or cut short.
    """
    source = url or "<html>"
    tree = LexborHTMLParser(html)
    raise_for_message(tree, source)
    content = tree.css_first(S.ARCHIVER_CONTENT)
    if content is None or not looks_like_textview(html):
        raise NotAThreadPage("not a Discuz! Archiver thread page", source=source)
    if not html_ended(html):
        raise TruncatedPage(
            "the Archiver page is cut short (no </html>); fetch or save it again", source=source
        )
    tz = timezone or DEFAULT_OFFSET
    page, pages = _page_numbers(tree, url)
    segments = _segments(content)
    if not segments:
        words = _SPACES.sub(" ", content.text()).strip()[:80]
        raise NotAThreadPage(f"an Archiver page without posts: {words!r}", source=source)
    tid = _tid(tree, url)
    if tid is None:
        raise NotAThreadPage(
            "an Archiver page without a thread id; give its URL (archiver/?tid-T.html)",
            source=source,
        )
    before = first_floor_before(page, pages, len(segments))
    posts = [_post(segment, page, i, before, tz, now) for i, segment in enumerate(segments, 1)]
    base = _base_url(tree, url)
    if base is None:
        raise NotAThreadPage(
            "an Archiver page without a base href; archive it from its URL", source=source
        )
    thread = Thread(
        site=site_of(base),
        tid=tid,
        fid=_fid(tree),
        subject=_subject(tree),
        forum=_forum(tree),
        forum_path=[],
        views=None,
        replies=None,
        page=page,
        pages=pages,
        thread_author=posts[0].author if page == 1 else None,
        thread_author_uid=None,
        discuz_version=generator_version(tree),
        rendered_at=None,
        timezone=offset_label(tz),
        canonical_url=None,
        base_url=base,
    )
    warnings = ["the Archiver text view has no pids, uids, quotes or attachments"]
    return ThreadPage(thread, [], warnings, text_posts=posts, rendering=RENDERING)


@dataclass
class _Segment:
    """One post's stretch of `div#content`: its author line and what follows it."""

    line: LexborNode
    shown: bool = False  # the h3 is printed exactly when the message is
    subject: str | None = None
    parts: list[str] = field(default_factory=list)


def _segments(content: LexborNode) -> list[_Segment]:
    """Split `div#content` at each author line: its subject and the message text after it."""
    found: list[_Segment] = []
    for child in content.iter(include_text=True):
        tag = child.tag
        if tag == "p" and "author" in (child.attributes.get("class") or "").split():
            found.append(_Segment(child))
        elif not found:
            continue
        elif tag == "div" and "page" in (child.attributes.get("class") or "").split():
            break  # the pager ends the posts
        elif tag == "h3":
            found[-1].shown = True
            found[-1].subject = _SPACES.sub(" ", child.text()).strip() or None
        elif tag == "br":
            found[-1].parts.append("\n")
        elif tag == "-text":
            # nl2br keeps the source's line break after each <br />: only <br /> counts
            found[-1].parts.append((child.text_content or "").replace("\r", "").replace("\n", ""))
        else:
            found[-1].parts.append(child.text().replace("\n", ""))
    return found


def _post(
    segment: _Segment,
    page: int,
    idx: int,
    before: int | None,
    tz: dt.tzinfo,
    now: dt.datetime | None,
) -> TextPost:
    line = segment.line
    name = line.css_first(S.ARCHIVER_NAME)
    anonymous = name is not None and name.css_first(S.ARCHIVER_ANONYMOUS) is not None
    author = None if name is None or anonymous else (name.text().strip() or None)
    shown, posted_at, precision = _time(line, tz, now)
    text, suffix = _body("".join(segment.parts))
    floor = before + idx if before is not None else None
    return TextPost(
        page=page,
        idx=idx,
        floor=floor,
        author=author,
        author_kind="anonymous" if anonymous else "member",
        posted_at=posted_at,
        posted_text=shown,
        posted_precision=precision,
        subject=segment.subject,
        body_text=text,
        client_suffix=suffix,
        state="normal" if segment.shown else "not_shown",
    )


def _time(
    line: LexborNode, tz: dt.tzinfo, now: dt.datetime | None
) -> tuple[str | None, str | None, str | None]:
    """Shown text, ISO time and precision: the span's title when there is one (dgmdate 'u')."""
    words = line.text().replace("\xa0", " ")
    match = S.ARCHIVER_POSTED.search(words)
    shown = _SPACES.sub(" ", match.group(1)).strip() if match else None
    span = line.css_first(S.ARCHIVER_TIME)
    title = span.attributes.get("title") if span is not None else None
    if title:
        posted_at, precision = resolve(title, tz, None)
        if posted_at is not None:
            return shown, posted_at, precision
    if shown is None:
        return None, None, None
    posted_at, precision = resolve(shown, tz, now)
    return shown, posted_at, precision


def _body(text: str) -> tuple[str, str | None]:
    """Lines without the template's indentation; an app's `来自…客户端` tail cut off.

    The view writes a message's own tabs and runs of spaces as `&nbsp;`, so tabs and
    trailing blanks are the template's and go, while the spaces the author typed stay.
    """
    text = text.replace("\t", "").replace("\xa0", " ")
    lines = [line.rstrip() for line in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    body = "\n".join(lines)
    match = S.CLIENT_TAG_TAIL.search(body)
    if match is None or match.start() == 0:
        return body, None
    return body[: match.start()].rstrip(), match.group(0).strip()


def _page_numbers(tree: LexborHTMLParser, url: str | None) -> tuple[int, int]:
    """This page (the `[N]` in bold) and the last one the pager links to."""
    numbers: list[int] = []
    current = None
    pager = tree.css_first(S.ARCHIVER_PAGER)
    if pager is not None:
        for node in pager.css(S.ARCHIVER_PAGER_ITEMS):
            number = to_int(node.text().strip("[] \n"))
            if number is not None:
                numbers.append(number)
                if node.tag == "strong":
                    current = number
    return page_and_pages(current, url, None, numbers)


def _tid(tree: LexborHTMLParser, url: str | None) -> int | None:
    """From the link to the full version, else from the URL."""
    for candidate in (_full_link(tree), url):
        match = S.ARCHIVER_TID.search(candidate or "")
        if match:
            return to_int(match.group(1))
    return None


def _full_link(tree: LexborHTMLParser) -> str | None:
    node = tree.css_first(S.ARCHIVER_FULL_LINK)
    return node.attributes.get("href") if node is not None else None


def _fid(tree: LexborHTMLParser) -> int | None:
    node = tree.css_first(S.ARCHIVER_NAV_FORUM)
    match = S.ARCHIVER_FID.search((node.attributes.get("href") or "") if node else "")
    return to_int(match.group(1)) if match else None


def _forum(tree: LexborHTMLParser) -> str | None:
    node = tree.css_first(S.ARCHIVER_NAV_FORUM)
    return (node.text().strip() or None) if node is not None else None


def _subject(tree: LexborHTMLParser) -> str | None:
    """The full-version link's text, else the navigation's last part."""
    link = tree.css_first(S.ARCHIVER_FULL_LINK)
    if link is not None and link.text().strip():
        return _SPACES.sub(" ", link.text()).strip()
    nav = tree.css_first(S.ARCHIVER_NAV)
    if nav is None:
        return None
    last = nav.text().replace("\xa0", " ").split("›")[-1]
    return _SPACES.sub(" ", last).strip() or None


def _base_url(tree: LexborHTMLParser, url: str | None) -> str | None:
    """The site's URL: the base href (SITEURL + archiver/) or the URL's folder, less archiver/."""
    folder = url.split("?", 1)[0].rsplit("/", 1)[0] + "/" if url else None
    base = page_base(tree, folder)
    return S.ARCHIVER_FOLDER.sub("", base) if base else None
