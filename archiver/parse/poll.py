"""Pure parsing: a poll thread's poll (投票帖) from a desktop or touch page, or the mobile API.

The poll is drawn by viewthread_poll.htm above the first post's message (desktop, touch) or
sent as `Variables.special_poll` (API). Counts a page does not show (投票后结果可见,
`visiblepoll` 1) are missing, never 0; stock X3.4 and X3.5 APIs send them all the same
(thread_poll.php counts for every viewer), so they are kept from there, unless they are all 0
while people voted (builds that blank them). Ids the page does not print (a viewer who may
not vote gets no `input value=polloptionid`) are missing too: the option is known by its number.
"""

from __future__ import annotations

import datetime as dt
import html as htmllib
import re
from dataclasses import replace
from typing import Any

from selectolax.lexbor import LexborHTMLParser, LexborNode

from archiver.model import Poll, PollOption
from archiver.parse import knowledge as S
from archiver.parse.api_post import mapping
from archiver.parse.dom import PageIds
from archiver.parse.numbers import as_int, to_int
from archiver.parse.text import absolute, squeezed
from archiver.times import iso

_TAGS = re.compile(r"<[^>]+>")


def read_poll(
    tree: LexborHTMLParser,
    html: str,
    base: str | None,
    anchor: dt.datetime | None,
    ids: PageIds | None = None,
) -> Poll | None:
    """The poll a desktop or touch page shows, else None; `anchor` dates its countdown.

    `ids`, the page's id index, says whether any element is `#poll` without a search.
    """
    if ids is not None and ids.lowercase:
        if S.POLL_FORM_ID not in ids.nodes:
            return None
    elif S.POLL_MARK not in html:  # most pages: no search of the tree
        return None
    form = tree.css_first(S.POLL_FORM)
    if form is None:
        return None
    info = squeezed(form.css_first(S.POLL_INFO))
    multiple = any(word in info for word in S.MULTIPLE_WORDS)
    if not multiple and not any(word in info for word in S.SINGLE_WORDS):
        return None  # a form#poll that is not Discuz's poll
    cells = form.css(S.POLL_IMAGE_CELLS)
    options = [_image_option(n, c, base) for n, c in enumerate(cells, 1)] if cells else []
    options = options or [_text_option(form, label) for label in form.css(S.POLL_LABELS)]
    ended, expires_at, text = _expiry(squeezed(form.css_first(S.POLL_EXPIRY)), anchor)
    most = S.POLL_MAX_CHOICES.search(info)
    voters = S.POLL_VOTERS.search(info)
    return Poll(
        multiple=multiple,
        max_choices=int(most.group(1)) if most else None if multiple else 1,
        voters=int(voters.group(1)) if voters else None,
        results_hidden=any(word in info for word in S.RESULTS_HIDDEN_WORDS)
        or all(o.votes is None for o in options),
        is_image=bool(cells),
        ended=ended,
        expires_at=expires_at,
        expires_precision="minute" if expires_at else None,
        expiry_text=text,
        options=options,
    )


def _text_option(form: LexborNode, label: LexborNode) -> PollOption:
    """`K. TEXT` in a label; the id from its input; counts after it (touch) or below (desktop)."""
    number = to_int((label.attrs.get("for") or "").removeprefix("option_")) or 0
    shown = squeezed(label)
    match = S.POLL_OPTION_NUMBER.match(shown)
    choice = form.css_first(S.POLL_CHOICE.format(number)) if number else None
    votes, percent = _results(_result_text(label, shown))
    return PollOption(
        number=int(match.group(1)) if match else number,
        polloptionid=to_int(choice.attrs.get("value")) if choice is not None else None,
        text=shown[match.end() :] if match else shown,
        votes=votes,
        percent=percent,
    )


def _result_text(label: LexborNode, shown: str) -> str:
    """Touch: the label's line after it; desktop: the next row, when it is a result bar."""
    holder = label.parent
    if holder is not None and holder.tag == "p":
        return squeezed(holder).replace(shown, "", 1)
    row = holder.parent if holder is not None else None
    after = _next_element(row) if row is not None else None
    if after is None or after.css_first(S.POLL_RESULT_BAR) is None:
        return ""
    return squeezed(after)


def _next_element(node: LexborNode) -> LexborNode | None:
    sibling = node.next
    while sibling is not None and sibling.tag in ("-text", "-comment"):
        sibling = sibling.next
    return sibling


def _results(text: str) -> tuple[int | None, float | None]:
    match = S.POLL_RESULT.search(text)
    return (int(match.group(2)), float(match.group(1))) if match else (None, None)


def _image_option(number: int, cell: LexborNode, base: str | None) -> PollOption:
    """An image poll's cell: id, text, picture, and `N票` / `P%` where results are shown."""
    found = S.POLL_IMAGE_CELL_ID.match(cell.attrs.get("id") or "")
    votes = S.POLL_VOTES.search(squeezed(cell.css_first(S.POLL_IMAGE_VOTES)))
    percent = S.POLL_PERCENT.search(squeezed(cell.css_first(S.POLL_IMAGE_PERCENT)))
    image = cell.css_first(S.POLL_IMAGE)
    url = image.attrs.get("zoomfile") or image.attrs.get("src") if image is not None else None
    return PollOption(
        number=number,
        polloptionid=int(found.group(1)) if found else None,
        text=squeezed(cell.css_first(S.POLL_IMAGE_TEXT)),
        votes=int(votes.group(1)) if votes else None,
        percent=float(percent.group(1)) if percent and votes else None,
        image_url=absolute(base, url),
        image_aid=to_int(image.attrs.get("aid")) if image is not None else None,
    )


def _expiry(text: str, anchor: dt.datetime | None) -> tuple[bool, str | None, str | None]:
    """Ended, the expiry (anchor + 距结束还有 …, to the minute) and the text as shown.

    No line at all: the poll has no expiry (the template prints one whenever it has).
    """
    if any(word in text for word in S.POLL_ENDED_WORDS):
        return True, None, text
    countdown = S.POLL_COUNTDOWN.search(text)
    if countdown is None:
        return False, None, None
    left = countdown.group(1)
    parts = S.POLL_REMAINING.match(left)
    if parts is None or anchor is None:
        return False, None, left
    days, hours, minutes = (int(p or 0) for p in parts.groups())
    moment = anchor.replace(microsecond=0) + dt.timedelta(days=days, hours=hours, minutes=minutes)
    return False, iso(moment), left


def api_poll(
    block: object, base: str | None, tz: dt.tzinfo, now: dt.datetime | None
) -> Poll | None:
    """`Variables.special_poll` of a viewthread response, else None.

    `expirations` is the expiry when `remaintime` counts down to it or it has passed by `now`;
    a poll without one gets `now + 1 day` there, so a later one with no countdown means none.
    """
    poll = mapping(block)
    rows = poll.get("polloptions")  # PHP sends its 1-based array as an object
    items = list(rows.values()) if isinstance(rows, dict) else rows
    items = items if isinstance(items, list) else []
    if not items:
        return None
    hidden = poll.get("visiblepoll") not in (None, "0", 0, False, "")
    options = [_api_option(n, mapping(row), base) for n, row in enumerate(items, 1)]
    voters = as_int(poll.get("voterscount"))
    if hidden and voters and not any(o.votes for o in options):  # blanked, not counted
        options = [replace(o, votes=None, percent=None) for o in options]
    multiple = poll.get("multiple") not in (None, "0", 0, False, "")
    most = as_int(poll.get("maxchoices"))
    stamp = as_int(poll.get("expirations"))
    counting = bool(poll.get("remaintime"))
    at = dt.datetime.fromtimestamp(stamp, tz) if stamp else None
    ended = None if now is None or at is None else not counting and at <= now
    known = counting or bool(ended)
    return Poll(
        multiple=multiple,
        max_choices=(most or None) if multiple else 1,
        voters=voters,
        results_hidden=hidden,
        is_image=any(o.image_url for o in options),
        ended=ended if not counting else False,
        expires_at=iso(at) if at is not None and known else None,
        expires_precision="second" if at is not None and known else None,
        expiry_text=None,
        options=options,
    )


def _api_option(number: int, row: dict[str, Any], base: str | None) -> PollOption:
    """One `polloptions` entry, with its counts even where a page would hide them."""
    image = mapping(row.get("imginfo"))
    percent = str(row.get("percent") or "").strip()
    text = htmllib.unescape(_TAGS.sub("", str(row.get("polloption") or "")))
    return PollOption(
        number=number,
        polloptionid=as_int(row.get("polloptionid")),
        text=" ".join(text.split()),
        votes=as_int(row.get("votes")),
        percent=float(percent) if S.POLL_PERCENT.match(percent + "%") else None,
        image_url=absolute(base, str(image.get("big") or image.get("small") or "")) or None,
        image_aid=as_int(image.get("aid")),
    )
