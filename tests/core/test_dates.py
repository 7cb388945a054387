"""Parsing post dates and placing them in the site's time zone."""

from __future__ import annotations

from datetime import date

import pytest

from letopis.core.dates import DateError, parse_post_date, site_timezone

MOSCOW = site_timezone("Europe/Moscow")


@pytest.mark.parametrize(
    ("written", "moment"),
    [
        ("2014-05-07", "2014-05-07T00:00:00+04:00"),
        ("2014-05-07 10:30", "2014-05-07T10:30:00+04:00"),  # YAML leaves this one a string
        ("2014-05-07T10:30:15", "2014-05-07T10:30:15+04:00"),
        ("2014-05-31T22:30:00+00:00", "2014-06-01T02:30:00+04:00"),  # next month in Moscow
        ("2014-05-31T22:30:00Z", "2014-06-01T02:30:00+04:00"),
        ("2014-12-31T22:30:00+00:00", "2015-01-01T01:30:00+03:00"),  # UTC+3 since Oct 2014
        ("2016-02-29", "2016-02-29T00:00:00+03:00"),
        ("  2014-05-07  ", "2014-05-07T00:00:00+04:00"),
        (date(2014, 5, 7), "2014-05-07T00:00:00+04:00"),
        ("1900-01-01", "1900-01-01T00:00:00+02:30:17"),  # Moscow's local mean time then
        ("2100-12-31 23:59", "2100-12-31T23:59:00+03:00"),
        # Naive: read as the site's wall clock. Aware: converted, the same instant.
        ("2014-05-07 10:30+04:00", "2014-05-07T10:30:00+04:00"),
        ("2014-05-07 10:30-05:00", "2014-05-07T19:30:00+04:00"),
    ],
)
def test_dates_land_in_the_site_time_zone(written: object, moment: str) -> None:
    assert parse_post_date(written, MOSCOW).isoformat() == moment


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("2014-02-30", 'date "2014-02-30" is not a valid date (expected YYYY-MM-DD)'),
        ("2015-02-29", 'date "2015-02-29" is not a valid date (expected YYYY-MM-DD)'),
        ("2014-13-01", 'date "2014-13-01" is not a valid date (expected YYYY-MM-DD)'),
        ("2014-05-07 25:00", 'date "2014-05-07 25:00" is not a valid date and time'),
        ("7 мая 2014", 'date "7 мая 2014" is not a date (expected YYYY-MM-DD'),
        ("20140507", 'date "20140507" is not a date'),
        (20140507, "date must be written like 2014-05-20, not as the int 20140507"),
        (["2014-05-07"], "not as a list"),
        (None, "not as an empty value"),
        ("1899-12-31", 'date "1899-12-31" is out of range: the year must be from 1900 to 2100'),
        ("2104-05-07", 'date "2104-05-07" is out of range'),
        ("0214-05-07 10:00", 'date "0214-05-07 10:00" is out of range'),
        ("9999-12-31 23:00-05:00", "is out of range"),  # would overflow when converted
        ("2014-05-07 10:30 MSK", "is not a date"),  # zone names are ambiguous; offsets are not
        ("Сегодня " * 1000, 'date "Сегодня Сегодня '),
    ],
)
def test_bad_dates_say_what_is_expected(written: object, message: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_post_date(written, MOSCOW)
    assert message in str(caught.value)
    assert len(str(caught.value)) < 200  # a paragraph pasted as a date is not repeated whole


def test_unknown_time_zone_is_named() -> None:
    with pytest.raises(DateError, match='unknown time zone "Moscow"'):
        site_timezone("Moscow")
