"""Pure parsing of a forum's thread list (forumdisplay) page. No I/O."""

from __future__ import annotations

import datetime as dt
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from archiver.errors import NotAThreadPage
from archiver.model import BoardPage, BoardThread
from archiver.parse import knowledge as S
from archiver.parse.dom import select
from archiver.parse.messages import raise_for_message
from archiver.parse.numbers import to_int
from archiver.parse.skeleton import (
    DEFAULT_OFFSET,
    page_base,
    page_numbers,
    render_time,
    time_anchor,
)
from archiver.parse.sorts import label_link
from archiver.times import resolve
from archiver.urls import site_of


def parse_board(
    html: str,
    url: str | None = None,
    *,
    timezone: dt.tzinfo | None = None,
    now: dt.datetime | None = None,
) -> BoardPage:
    """Parse a forumdisplay page; message pages raise the same errors as thread pages."""
    source = url or "<html>"
    tree = LexborHTMLParser(html)
    raise_for_message(tree, source)
    rows = select(tree.root, S.BOARD_ROWS) if tree.root is not None else []
    if not rows and tree.css_first(S.BOARD_TABLE) is None:
        raise NotAThreadPage(
            "not a Discuz! forum thread list (no #threadlisttableid); "
            "give a forum-FID-1.html or forum.php?mod=forumdisplay&fid=… URL",
            source=source,
        )
    rendered, offset, order = render_time(tree)
    tz = timezone or offset or DEFAULT_OFFSET
    anchor = time_anchor(tz, rendered, now)
    base = page_base(tree, url)
    match = S.BOARD_FID.search(html)
    page, pages = page_numbers(tree, url)
    name_link = select(tree.root, S.BREADCRUMB_LINKS)[-1:] if tree.root is not None else []
    return BoardPage(
        site=site_of(base) if base else "unknown",
        fid=int(match.group(1)) if match else None,
        name=name_link[0].text().strip() if name_link else None,
        page=page,
        pages=pages,
        threads=[t for t in (_row(row, tz, anchor, order) for row in rows) if t is not None],
    )


def _row(
    row: LexborNode, tz: dt.tzinfo, now: dt.datetime | None, order: str | None
) -> BoardThread | None:
    match = S.BOARD_ROW_ID.match(row.id or "")
    title = row.css_first(S.BOARD_TITLE)
    if match is None or title is None:
        return None
    cells = row.css(S.BOARD_BY_CELLS)
    starter = cells[0] if cells else None
    last = cells[1] if len(cells) > 1 else None
    author, uid = _cite(starter)
    last_poster, _ = _cite(last)
    shown, at = _when(last, tz, now, order)
    counts = row.css_first(S.BOARD_COUNTS)
    replies = counts.css_first(S.BOARD_REPLIES) if counts is not None else None
    views = counts.css_first(S.BOARD_VIEWS) if counts is not None else None
    return BoardThread(
        tid=int(match.group(2)),
        subject=title.text().strip(),
        author=author,
        uid=uid,
        replies=_number(replies),
        views=_number(views),
        last_poster=last_poster,
        last_post_text=shown,
        last_post_at=at,
        sticky=match.group(1) == "stick",
        **_marks(row, title, int(match.group(2))),
    )


def _marks(row: LexborNode, title: LexborNode, tid: int) -> dict[str, Any]:
    """The type, sort, 精华, 置顶, 售价, 阅读权限 and 移动 a row shows beside its subject."""
    marks: dict[str, Any] = {}
    for kind, name, number in filter(None, map(label_link, row.css(S.BOARD_LABEL_LINKS))):
        if kind == "sort":
            marks.update(sort_name=name, sort_id=number)
        else:
            marks.update(thread_type=name, thread_type_id=number)
    for key, selector in (("digest", S.BOARD_DIGEST), ("sticky_level", S.BOARD_PIN)):
        icon = row.css_first(selector)
        said = f"{icon.attrs.get('src')} {icon.attrs.get('class')} {icon.text()}" if icon else ""
        level = S.BOARD_LEVEL.search(said)
        marks[key] = int(level.group(1)) if level else None
    after, heading = title.next, ""  # after the subject: its own words may hold [售价 N]
    while after is not None:
        heading, after = heading + (after.text() or ""), after.next
    for key, pattern in (("price", S.BOARD_PRICE), ("readperm", S.BOARD_READPERM)):
        found = pattern.search(heading)
        marks[key] = int(found.group(1)) if found else None
    linked = S.TID_IN_URL.search(title.attrs.get("href") or "")
    marks["moved_to"] = int(linked.group(1)) if linked and int(linked.group(1)) != tid else None
    return marks


def _cite(cell: LexborNode | None) -> tuple[str | None, int | None]:
    """The name (and uid) in a td.by cell's <cite>."""
    cite = cell.css_first(S.BOARD_CITE) if cell is not None else None
    if cite is None:
        return None, None
    link = cite.css_first(S.BOARD_CITE_LINK)
    if link is None:
        return cite.text().strip() or None, None
    found = S.UID_IN_URL.search(link.attributes.get("href") or "")
    return link.text().strip() or None, int(found.group(1)) if found else None


def _when(
    cell: LexborNode | None, tz: dt.tzinfo, now: dt.datetime | None, order: str | None
) -> tuple[str | None, str | None]:
    em = cell.css_first(S.BOARD_TIME) if cell is not None else None
    if em is None:
        return None, None
    shown = " ".join(em.text().replace("\xa0", " ").split()) or None
    span = em.css_first(S.TITLED_SPAN)
    title = span.attributes.get("title") if span is not None else None
    at, _ = resolve(title or shown or "", tz, now, order)
    return shown, at


def _number(node: LexborNode | None) -> int | None:
    text = node.text().strip().replace(",", "") if node is not None else ""
    return to_int(text)
