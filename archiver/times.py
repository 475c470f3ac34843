"""Discuz time strings to ISO 8601: absolute `Y-n-j H:i[:s]` and the relative `u` forms.

No library fits: dateparser guesses formats widely and drops the precision each string shows.
"""

from __future__ import annotations

import datetime as dt
import re

_ABSOLUTE = re.compile(
    r"(\d{4})[-/年](\d{1,2})[-/月](\d{1,2})日?(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?"
)
_AGO = re.compile(r"(\d+)\s*(秒|分钟|小时|天)前")
_DAY_WORD = re.compile(r"(昨天|前天|今天)\s*(\d{1,2}):(\d{2})(?::(\d{2}))?")
_OFFSET = re.compile(r"^([+-])\s*(\d{1,2})(?:[:.](\d{1,2}))?$")
_UNITS = {"秒": ("seconds", "second"), "分钟": ("minutes", "minute"), "小时": ("hours", "hour")}


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


def parse_absolute(text: str, tz: dt.tzinfo) -> tuple[dt.datetime, str] | None:
    """An absolute date[time] in the site's timezone, with its precision."""
    match = _ABSOLUTE.search(text)
    if not match:
        return None
    year, month, day, hour, minute, second = match.groups()
    try:
        moment = dt.datetime(
            int(year),
            int(month),
            int(day),
            int(hour or 0),
            int(minute or 0),
            int(second or 0),
            tzinfo=tz,
        )
    except ValueError:
        return None
    precision = "second" if second else "minute" if minute else "day"
    return moment, precision


def parse_relative(text: str, now: dt.datetime) -> tuple[dt.datetime, str] | None:
    """Resolve 刚刚 / 半小时前 / N 分钟前 / 昨天 12:30 / N 天前 against the page's time."""
    text = text.replace("\xa0", " ").strip()
    if text == "刚刚":
        return now, "minute"
    if "半小时前" in text:
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
        word, hour, minute, second = match.groups()
        days = {"今天": 0, "昨天": 1, "前天": 2}[word]
        day = (now - dt.timedelta(days=days)).date()
        moment = dt.datetime.combine(
            day, dt.time(int(hour), int(minute), int(second or 0)), tzinfo=now.tzinfo
        )
        return moment, "second" if second else "minute"
    return None


def resolve(text: str, tz: dt.tzinfo, now: dt.datetime | None) -> tuple[str | None, str | None]:
    """Absolute first, then relative against now; (iso, precision), Nones when unknown."""
    try:
        found = parse_absolute(text, tz)
        if found is None and now is not None:
            found = parse_relative(text, now.astimezone(tz))
    except (OverflowError, ValueError):  # 9999999 天前, 昨天 99:99: not a time
        return None, None
    if found is None:
        return None, None
    moment, precision = found
    return iso(moment), precision


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
