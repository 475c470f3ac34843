"""Discuz time strings to ISO 8601: absolute (the site's own date and clock format) and `u` forms.

No library fits: dateparser guesses formats widely and drops the precision each string shows.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from functools import lru_cache

# dgmdate's shapes: `dateformat` is the admin's own order of Y, n/m and j/d with any separators
# (Y-n-j by default; j/n/Y, n/j/Y and j.n.Y are met), `timeformat` is `H:i` or the 12-hour `h:i A`
# (admincp 时间格式: `06:32 PM`); span titles add `:s`. Non-capturing, for the knowledge patterns.
CLOCK_SHAPE = r"(?:(?:上午|下午)\s*)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?(?![A-Za-z]))?"
DATE_SHAPE = (
    r"(?:\d{4}\s*[-/.年]\s*\d{1,2}\s*[-/.月]\s*\d{1,2}(?:\s*日)?"
    r"|\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*\d{4})"
)
DATE_TIME_SHAPE = rf"{DATE_SHAPE}(?:\s+{CLOCK_SHAPE})?"
_CLOCK = r"(?:(上午|下午)\s*)?(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([AaPp])\.?[Mm]\.?(?![A-Za-z]))?"
_YEAR_FIRST = re.compile(
    rf"(\d{{4}})\s*[-/.年]\s*(\d{{1,2}})\s*[-/.月]\s*(\d{{1,2}})(?:\s*日)?(?:\s+{_CLOCK})?"
)
_YEAR_LAST = re.compile(rf"(\d{{1,2}})\s*([-/.])\s*(\d{{1,2}})\s*\2\s*(\d{{4}})(?:\s+{_CLOCK})?")
_AGO = re.compile(r"(\d+)\s*(秒|分钟|分鐘|小时|小時|天)前")
_DAY_WORD = re.compile(rf"(昨天|前天|今天)\s*{_CLOCK}")
_OFFSET = re.compile(r"^([+-])\s*(\d{1,2})(?:[:.](\d{1,2}))?$")
_UNITS = {  # zh_CN and zh_TW (lang_core `date`: 分鐘, 小時, 剛剛)
    "秒": ("seconds", "second"),
    "分钟": ("minutes", "minute"),
    "分鐘": ("minutes", "minute"),
    "小时": ("hours", "hour"),
    "小時": ("hours", "hour"),
}


def parse_offset(text: str | None) -> dt.timezone | None:
    """`+8`, `-5:30`, `+08:00`, '' (plain GMT) to a timezone."""
    if text is None:
        return None
    text = text.strip()
    if not text:
        return dt.timezone.utc
    match = _OFFSET.match(text)
    if not match:
        return None
    sign, hours, minutes = match.groups()
    if int(hours) > 14 or int(minutes or 0) > 59:  # no place on earth is further from UTC
        return None
    delta = dt.timedelta(hours=int(hours), minutes=int(minutes or 0))
    return dt.timezone(-delta if sign == "-" else delta)


def iso(moment: dt.datetime) -> str:
    """ISO 8601 with seconds and offset, e.g. 2024-10-24T18:32:07+08:00."""
    return moment.isoformat(timespec="seconds")


def parse_absolute(
    text: str, tz: dt.tzinfo, order: str | None = None
) -> tuple[dt.datetime, str] | None:
    """An absolute date[time] in the site's timezone, with its precision.

    A year-last date (`24/10/2024`) is read by its numbers when one part is over 12, else by
    `order` ("dmy" or "mdy", what the page's other dates tell): with neither, it is unknown.
    """
    match = _YEAR_FIRST.search(text)
    if match:
        year, month, day = match.group(1, 2, 3)
        clock = match.groups()[3:]
    else:
        match = _YEAR_LAST.search(text)
        if not match:
            return None
        first, second, year = match.group(1, 3, 4)
        found = _day_month(int(first), int(second), order)
        if found is None:
            return None
        day, month = (str(part) for part in found)
        clock = match.groups()[4:]
    half, hour, minute, second_, meridiem = clock
    try:
        moment = dt.datetime(
            int(year),
            int(month),
            int(day),
            _hour24(hour, half, meridiem),
            int(minute or 0),
            int(second_ or 0),
            tzinfo=tz,
        )
    except ValueError:
        return None
    precision = "second" if second_ else "minute" if minute else "day"
    return moment, precision


def _day_month(first: int, second: int, order: str | None) -> tuple[int, int] | None:
    """(day, month) of a year-last date; None when only the page's order could tell."""
    if first > 12 >= second or first == second or (order == "dmy" and max(first, second) <= 12):
        return first, second
    if second > 12 >= first or (order == "mdy" and max(first, second) <= 12):
        return second, first
    return None


def _hour24(hour: str | None, half: str | None, meridiem: str | None) -> int:
    """The hour on a 24-hour clock: `06:32 PM` and `下午 6:32` are 18:32, `12:05 AM` is 00:05."""
    value = int(hour or 0)
    afternoon = half == "下午" or (meridiem or "").lower() == "p"
    if (half or meridiem) and 1 <= value <= 12:
        return value % 12 + (12 if afternoon else 0)
    return value


def date_order(texts: Iterable[str]) -> str | None:
    """ "dmy" or "mdy": which part of the year-last dates among `texts` is the day, where a part
    over 12 tells; None when none tells or they disagree."""
    orders = set()
    for text in texts:
        for match in _YEAR_LAST.finditer(text):
            first, second = int(match.group(1)), int(match.group(3))
            if first > 12 >= second:
                orders.add("dmy")
            elif second > 12 >= first:
                orders.add("mdy")
    return orders.pop() if len(orders) == 1 else None


def is_year_last(text: str) -> bool:
    """A date with the year at the end (`j/n/Y`, `n/j/Y`), whose day and month may need the page."""
    return _YEAR_FIRST.search(text) is None and _YEAR_LAST.search(text) is not None


def parse_relative(text: str, now: dt.datetime) -> tuple[dt.datetime, str] | None:
    """Resolve 刚刚 / 半小时前 / N 分钟前 / 昨天 12:30 / N 天前 against the page's time."""
    text = text.replace("\xa0", " ").strip()
    if text in ("刚刚", "剛剛"):
        return now, "minute"
    if "半小时前" in text or "半小時前" in text:
        return now - dt.timedelta(minutes=30), "hour"
    match = _AGO.search(text)
    if match:
        amount, unit = int(match.group(1)), match.group(2)
        if unit == "天":
            day = (now - dt.timedelta(days=amount)).date()
            return dt.datetime.combine(day, dt.time(), tzinfo=now.tzinfo), "day"
        name, precision = _UNITS[unit]
        return now - dt.timedelta(**{name: amount}), precision
    match = _DAY_WORD.search(text)
    if match:
        word, half, hour, minute, second, meridiem = match.groups()
        days = {"今天": 0, "昨天": 1, "前天": 2}[word]
        day = (now - dt.timedelta(days=days)).date()
        clock = dt.time(_hour24(hour, half, meridiem), int(minute), int(second or 0))
        moment = dt.datetime.combine(day, clock, tzinfo=now.tzinfo)
        return moment, "second" if second else "minute"
    return None


def resolve(
    text: str, tz: dt.tzinfo, now: dt.datetime | None, order: str | None = None
) -> tuple[str | None, str | None]:
    """Absolute first, then relative against now; (iso, precision), Nones when unknown.

    `order` is the page's year-last date order (see `parse_absolute`).
    """
    plain = _PLAIN.fullmatch(text) if type(tz) is dt.timezone else None
    if plain is not None:  # most titles: what parse_absolute and iso give, without their cost
        year, month, day, hour, minute, second = plain.groups()
        try:
            moment = dt.datetime(
                int(year), int(month), int(day), int(hour), int(minute), int(second or 0)
            )
        except ValueError:
            return None, None
        return moment.isoformat() + _offset_suffix(tz), "second" if second else "minute"
    try:
        found = parse_absolute(text, tz, order)
        if found is None and now is not None:
            found = parse_relative(text, now.astimezone(tz))
    except (OverflowError, ValueError):  # 9999999 天前, 昨天 99:99: not a time
        return None, None
    if found is None:
        return None, None
    moment, precision = found
    return iso(moment), precision


# `Y-n-j H:i[:s]`, the default dateformat: read by _YEAR_FIRST into the same groups
_PLAIN = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2}) (\d{1,2}):(\d{2})(?::(\d{2}))?")


@lru_cache(maxsize=16)
def _offset_suffix(tz: dt.timezone) -> str:
    """`+08:00`: what isoformat appends for a fixed offset, the same on every date."""
    return iso(dt.datetime(2000, 1, 1, tzinfo=tz))[19:]


def shown_time(text: str | None, precision: str | None = None) -> str:
    """An ISO time as the forum shows it, in the site's own offset: 2024-10-24 18:32.

    Text that is not ISO (a time kept only as shown) comes back as it is.
    """
    if not text:
        return ""
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return text
    return f"{moment:%Y-%m-%d}" if precision == "day" else f"{moment:%Y-%m-%d %H:%M}"
