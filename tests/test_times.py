import datetime as dt

import pytest

from archiver.times import date_order, parse_offset, resolve

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


@pytest.mark.parametrize(
    "text, expected",
    [
        # timeformat `h:i A` (admincp 时间格式 12 小时): the clock of dt-format times and 昨天/前天
        ("2024-10-24 06:32 PM", ("2024-10-24T18:32:00+08:00", "minute")),
        ("2024-10-24 12:05 AM", ("2024-10-24T00:05:00+08:00", "minute")),
        ("2024-10-24 12:05 PM", ("2024-10-24T12:05:00+08:00", "minute")),
        ("2024-10-24 下午 6:32", ("2024-10-24T18:32:00+08:00", "minute")),
        ("昨天\xa006:32 PM", ("2025-03-14T18:32:00+08:00", "minute")),
        ("前天 上午 9:05", ("2025-03-13T09:05:00+08:00", "minute")),
        # dateformat with the year last or dots: read by its numbers where one part is over 12
        ("24/10/2024 18:32:07", ("2024-10-24T18:32:07+08:00", "second")),
        ("10/24/2024 06:32 PM", ("2024-10-24T18:32:00+08:00", "minute")),
        ("24.10.2024", ("2024-10-24T00:00:00+08:00", "day")),
        ("2024.10.24 18:32", ("2024-10-24T18:32:00+08:00", "minute")),
        ("1/1/2025 00:00:12", ("2025-01-01T00:00:12+08:00", "second")),
        # 9 October or 10 September: only the page's other dates can tell, so not guessed
        ("9/10/2024 20:15", (None, None)),
    ],
)
def test_resolve_the_sites_own_formats(text, expected):
    assert resolve(text, CST, NOW) == expected


def test_a_year_last_date_is_read_in_the_pages_order():
    assert resolve("9/10/2024 20:15", CST, NOW, "dmy") == ("2024-10-09T20:15:00+08:00", "minute")
    assert resolve("9/10/2024 20:15", CST, NOW, "mdy") == ("2024-09-10T20:15:00+08:00", "minute")
    # the numbers win over an order they contradict
    assert resolve("24/10/2024", CST, NOW, "mdy") == ("2024-10-24T00:00:00+08:00", "day")


@pytest.mark.parametrize(
    "texts, order",
    [
        (["GMT+8, 28/10/2024 02:05 PM"], "dmy"),
        (["2/1/2025", "31/12/2024 23:58:40"], "dmy"),
        (["10/28/2024 18:32"], "mdy"),
        (["2/1/2025", "1/1/2025"], None),  # nothing tells
        (["28/10/2024", "10/28/2024"], None),  # they disagree
        (["2024-10-28 18:32"], None),  # the year first: no order needed
    ],
)
def test_date_order(texts, order):
    assert date_order(texts) == order


@pytest.mark.parametrize(
    "text, expected",
    [  # the TC builds' lang_core `date` words: 小時, 分鐘, 剛剛
        ("3\xa0小時前", ("2025-03-15T11:20:00+08:00", "hour")),
        ("12 分鐘前", ("2025-03-15T14:08:00+08:00", "minute")),
        ("半小時前", ("2025-03-15T13:50:00+08:00", "hour")),
        ("剛剛", ("2025-03-15T14:20:00+08:00", "minute")),
    ],
)
def test_resolve_traditional_chinese_words(text, expected):
    assert resolve(text, CST, NOW) == expected
