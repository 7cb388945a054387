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
        ("2014-02-30", 'дата "2014-02-30" — несуществующий день (нужно ГГГГ-ММ-ДД)'),
        ("2015-02-29", 'дата "2015-02-29" — несуществующий день (нужно ГГГГ-ММ-ДД)'),
        ("2014-13-01", 'дата "2014-13-01" — несуществующий день (нужно ГГГГ-ММ-ДД)'),
        ("2014-05-07 25:00", 'дата "2014-05-07 25:00" — несуществующие день или время'),
        ("7 мая 2014", 'дата "7 мая 2014" — не дата (нужно ГГГГ-ММ-ДД'),
        ("20140507", 'дата "20140507" — не дата'),
        (20140507, "дата записывается так: 2014-05-20, а не int 20140507"),
        (["2014-05-07"], "а не список"),
        (None, "а не пустое значение"),
        ("1899-12-31",
         'дата "1899-12-31" вне допустимых пределов: год должен быть от 1900 до 2100'),
        ("2104-05-07", 'дата "2104-05-07" вне допустимых пределов'),
        ("0214-05-07 10:00", 'дата "0214-05-07 10:00" вне допустимых пределов'),
        ("9999-12-31 23:00-05:00", "вне допустимых пределов"),  # would overflow when converted
        ("2014-05-07 10:30 MSK", "— не дата"),  # zone names are ambiguous; offsets are not
        ("Сегодня " * 1000, 'дата "Сегодня Сегодня '),
    ],
)
def test_bad_dates_say_what_is_expected(written: object, message: str) -> None:
    with pytest.raises(DateError) as caught:
        parse_post_date(written, MOSCOW)
    assert message in str(caught.value)
    assert len(str(caught.value)) < 200  # a paragraph pasted as a date is not repeated whole


def test_unknown_time_zone_is_named() -> None:
    with pytest.raises(DateError, match='неизвестный часовой пояс "Moscow"'):
        site_timezone("Moscow")
