"""Pure parsing: an activity thread's activity (活动帖) from a desktop or touch page, or the API.

viewthread_activity.htm draws the activity as label/value pairs (desktop `div.act > div.spi`
before the first post's message, touch `div.activity > dl` after it) and the applicants as
tables headed 已通过 (N 人) and, on desktop, 暂未通过 (N 人). Fields are read by their labels, so
a row a site leaves out (no cost, no limit) is None, not shifted. The API sends
`Variables.special_activity`: the `forum_activity` row with its times formatted, and
`allapplynum`; it lists no applicants.
"""

from __future__ import annotations

import datetime as dt

from selectolax.lexbor import LexborHTMLParser, LexborNode

from archiver.model import Activity, Applicant
from archiver.parse import knowledge as S
from archiver.parse.api_post import mapping
from archiver.parse.labelled import box_image, label_rows, row_number, row_text
from archiver.parse.numbers import as_int
from archiver.parse.text import absolute, squeezed
from archiver.times import resolve


def read_activity(
    tree: LexborHTMLParser,
    html: str,
    base: str | None,
    tz: dt.tzinfo,
    anchor: dt.datetime | None,
    first_post: LexborNode | None = None,
) -> Activity | None:
    """The activity a desktop or touch page shows, else None.

    :param first_post: a desktop page's first post, where the activity is drawn: only it is
        searched. Without it a text search of the page says whether to look.
    """
    if first_post is None and not any(mark in html for mark in S.ACTIVITY_MARKS):
        return None  # most pages: no search of the tree
    scope = first_post or tree
    rows: dict[str, LexborNode] = {}
    holder: LexborNode | None = None  # the box around the rows: its picture, not another's
    for box in scope.css(S.ACTIVITY_BOX):
        found = label_rows(box, S.ACTIVITY_LABELS)
        holder = holder or (_activity_box(box) if found else None)
        rows.update(found)
    if not rows:
        return None
    times = _Times(tz, anchor)
    starts_text = row_text(rows.get("starts"))
    starts_at, ends_at = times.range(rows.get("starts"), starts_text)
    closes_text = row_text(rows.get("closes"))
    verified, waiting, applicants = _applicants(scope, times)
    applied = row_number(rows.get("applied"))  # 已报名人数: verified and waiting (allapplynum)
    if waiting is None and applied is not None and verified is not None and applied >= verified:
        waiting = applied - verified  # the page lists no waiting table (touch, or none waiting)
    return Activity(
        kind=row_text(rows.get("kind")),
        starts_text=starts_text,
        starts_at=starts_at,
        ends_at=ends_at,
        place=row_text(rows.get("place")),
        gender=S.ACTIVITY_GENDERS.get(row_text(rows.get("gender")) or ""),
        cost=row_number(rows.get("cost")),
        applied=applied,
        remaining=row_number(rows.get("remaining")),
        closes_text=closes_text,
        closes_at=times.one(rows.get("closes"), closes_text),
        image_url=box_image(holder.css_first(S.ACTIVITY_IMAGE), base) if holder else None,
        verified_count=verified,
        waiting_count=waiting,
        applicants=applicants,
    )


def _activity_box(rows: LexborNode) -> LexborNode | None:
    """The element holding the rows and the picture: desktop's div.act (around div.spi),
    touch's div.mbn or div.activity (around the dl)."""
    parent = rows.parent
    if parent is not None and parent.tag == "div" and parent.css_first(S.ACTIVITY_IMAGE) is None:
        parent = parent.parent  # desktop: dl in div.spi in div.act
    return parent


class _Times:
    """The page's times: a span's title (dgmdate's `u` format) before its words."""

    def __init__(self, tz: dt.tzinfo, anchor: dt.datetime | None) -> None:
        self.tz, self.anchor = tz, anchor

    def iso(self, text: str | None) -> str | None:
        """ISO 8601 where the text gives the minute; `3 天前` gives only a day: None (the
        shown text is kept beside it)."""
        found, precision = resolve(text, self.tz, self.anchor) if text else (None, None)
        return found if precision in ("minute", "second") else None

    def one(self, node: LexborNode | None, shown: str | None) -> str | None:
        """One time: the span's exact title where the page gives one, else the words shown."""
        titled = node.css_first(S.TITLED_SPAN) if node is not None else None
        return self.iso(titled.attrs.get("title") if titled is not None else shown)

    def range(self, node: LexborNode | None, shown: str | None) -> tuple[str | None, str | None]:
        """`FROM 至 TO 商定` (activity_start_between), or one time."""
        match = S.ACTIVITY_RANGE.match(shown or "")
        if match is None:
            return self.one(node, shown), None
        titled = node.css_first(S.TITLED_SPAN) if node is not None else None
        start = titled.attrs.get("title") if titled is not None else match.group(1)
        return self.iso(start), self.iso(match.group(2))


def _applicants(
    scope: LexborNode | LexborHTMLParser, times: _Times
) -> tuple[int | None, int | None, list[Applicant]]:
    """The 已通过 and 暂未通过 tables: their counts and rows."""
    counts: dict[bool, int | None] = {True: None, False: None}
    found: list[Applicant] = []
    for table in scope.css(S.APPLICANT_TABLES):
        heading = _heading(table)
        if any(word in heading for word in S.WAITING_WORDS):
            verified = False
        elif any(word in heading for word in S.VERIFIED_WORDS):
            verified = True
        else:
            continue
        count = S.HEADING_COUNT.search(heading)
        counts[verified] = int(count.group(1)) if count else None
        found.extend(_table_rows(table, verified, times))
    return counts[True], counts[False], found


def _heading(table: LexborNode) -> str:
    """The text of the heading just before the table (h2 on desktop, dt on touch)."""
    node = table.prev
    while node is not None:
        if node.tag in S.APPLICANT_HEADINGS:
            return squeezed(node)
        if node.tag not in ("-text", "#text", "br"):
            return ""
        node = node.prev
    return ""


def _table_rows(table: LexborNode, verified: bool, times: _Times) -> list[Applicant]:
    """One applicant a row, its cells read by the column headings (a site may drop one)."""
    columns: list[str | None] = []
    found: list[Applicant] = []
    for row in table.css(S.APPLICANT_ROWS):
        heads = row.css(S.APPLICANT_HEADS)
        if heads:
            columns = [S.APPLICANT_COLUMNS.get(squeezed(th)) for th in heads]
            continue
        cells = row.css(S.APPLICANT_CELLS)
        if not cells:
            continue
        named = [a for a in cells[0].css(S.APPLICANT_LINK) if squeezed(a)]
        link = named[-1] if named else None
        uid = S.UID_IN_URL.search(link.attrs.get("href") or "") if link is not None else None
        values = {
            name: cell for name, cell in zip(columns, cells, strict=False) if name is not None
        }
        applied = squeezed(values.get("applied")) or None
        found.append(
            Applicant(
                uid=int(uid.group(1)) if uid else None,
                name=squeezed(link) or None,
                verified=verified,
                message=squeezed(values.get("message")) or None,
                payment=squeezed(values.get("payment")) or None,
                applied_text=applied,
                applied_at=times.one(values.get("applied"), applied),
            )
        )
    return found


def api_activity(
    block: object, base: str | None, tz: dt.tzinfo, anchor: dt.datetime | None
) -> Activity | None:
    """`Variables.special_activity` of a viewthread response, else None."""
    row = mapping(block)
    if not row:
        return None
    times = _Times(tz, anchor)
    start, end = (_api_time(row.get(k)) for k in ("starttimefrom", "starttimeto"))
    closes = _api_time(row.get("expiration"))
    number, verified = as_int(row.get("number")), as_int(row.get("applynumber"))
    applied = as_int(row.get("allapplynum"))
    attach = str(row.get("attachurl") or "")
    return Activity(
        kind=str(row.get("class") or "") or None,
        starts_text=start,
        starts_at=times.iso(start),
        ends_at=times.iso(end),
        place=str(row.get("place") or "") or None,
        gender=S.API_GENDERS.get(str(row.get("gender") or "0")),
        cost=as_int(row.get("cost")) or None,
        applied=applied,
        remaining=max(number - (verified or 0), 0) if number else None,  # as the page counts
        closes_text=closes,
        closes_at=times.iso(closes),
        image_url=absolute(base, attach) if attach else None,
        verified_count=verified,
        waiting_count=applied - verified if applied is not None and verified is not None else None,
    )


def _api_time(value: object) -> str | None:
    """A dgmdate() string (its `u` form may be a `<span title>`), else None (0: not set)."""
    text = str(value or "").strip()
    if not text or text == "0":
        return None
    if "<" in text:
        tree = LexborHTMLParser(text)
        node = tree.css_first(S.TITLED_SPAN)
        return node.attrs.get("title") if node is not None else squeezed(tree.body)
    return text
