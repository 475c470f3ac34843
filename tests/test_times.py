import datetime as dt

import pytest

from archiver.times import parse_offset, resolve

CST = dt.timezone(dt.timedelta(hours=8))
NOW = dt.datetime(2025, 3, 15, 14, 20, tzinfo=CST)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2024-10-24 18:32:07", ("2024-10-24T18:32:07+08:00", "second")),
        ("2019-2-6 09:05", ("2019-02-06T09:05:00+08:00", "minute")),
        ("2024-03-02 08:32:16", ("2024-03-02T08:32:16+08:00", "second")),
        ("2024-3-2", ("2024-03-02T00:00:00+08:00", "day")),
        ("刚刚", ("2025-03-15T14:20:00+08:00", "minute")),
        ("45\xa0秒前", ("2025-03-15T14:19:15+08:00", "second")),
        ("12 分钟前", ("2025-03-15T14:08:00+08:00", "minute")),
        ("半小时前", ("2025-03-15T13:50:00+08:00", "hour")),
        ("3\xa0小时前", ("2025-03-15T11:20:00+08:00", "hour")),
        ("昨天\xa012:30", ("2025-03-14T12:30:00+08:00", "minute")),
        ("前天 20:25", ("2025-03-13T20:25:00+08:00", "minute")),
        ("5\xa0天前", ("2025-03-10T00:00:00+08:00", "day")),
        ("某个时间", (None, None)),
    ],
)
def test_resolve(text, expected):
    assert resolve(text, CST, NOW) == expected


def test_relative_without_an_anchor_is_unknown():
    assert resolve("3 小时前", CST, None) == (None, None)


@pytest.mark.parametrize(
    "text, hours",
    [("+8", 8), ("-5", -5), ("+08:00", 8), ("+5:30", 5.5), ("", 0)],
)
def test_parse_offset(text, hours):
    tz = parse_offset(text)
    assert tz is not None
    assert tz.utcoffset(None) == dt.timedelta(hours=hours)


def test_parse_offset_rejects_junk():
    assert parse_offset("eight") is None
