"""Post dates: parsing what editors write and placing it in the site's time zone."""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .problems import shortened, shown

DATE_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}")
DATETIME_SHAPE = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?\s*(Z|[+-]\d{2}(:?\d{2})?)?"
)
EXPECTED = "expected YYYY-MM-DD, or YYYY-MM-DD HH:MM with optional seconds and offset like +04:00"
# The years a post may carry: wide enough for any archive, narrow enough that a typo such as
# 2104 or 0214 is caught, and that every date has a calendar month and a time-zone offset.
FIRST_YEAR, LAST_YEAR = 1900, 2100


class DateError(ValueError):
    """A date an editor wrote that cannot be placed on the calendar; the message says why."""


def site_timezone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise DateError(
            f'unknown time zone "{name}" (expected an IANA name such as Europe/Moscow)'
        ) from exc


def parse_post_date(value: object, tz: ZoneInfo) -> datetime:
    """Return the moment of `value` as an aware datetime in `tz`.

    A bare date means midnight of that day in the site's time zone; a datetime without an
    offset is read in the site's time zone; one with an offset is converted to it, so that
    a post lands on the calendar day its readers saw.
    """
    if isinstance(value, datetime | date):  # from a caller that parsed YAML itself
        value = value.isoformat()
    if not isinstance(value, str):
        raise DateError(f"date must be written like 2014-05-20, not as {_describe(value)}")
    text = value.strip()
    if DATE_SHAPE.fullmatch(text):
        try:
            day = date.fromisoformat(text)
        except ValueError:
            raise DateError(
                f'date "{text}" is not a valid date (expected YYYY-MM-DD)'
            ) from None
        _check_year(day, text)
        return datetime(day.year, day.month, day.day, tzinfo=tz)
    if not DATETIME_SHAPE.fullmatch(text):
        raise DateError(f'date "{shortened(text)}" is not a date ({EXPECTED})')
    try:
        moment = datetime.fromisoformat(text.replace(" Z", "Z"))
    except ValueError:
        raise DateError(f'date "{text}" is not a valid date and time ({EXPECTED})') from None
    _check_year(moment, text)  # before converting: year 9999 would overflow
    if moment.tzinfo is None:
        return moment.replace(tzinfo=tz)
    return moment.astimezone(tz)


def _check_year(moment: date, text: str) -> None:
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise DateError(f'date "{text}" is out of range: the year must be from {FIRST_YEAR} '
                        f"to {LAST_YEAR}")


def _describe(value: object) -> str:
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a set of keys"
    if value is None:
        return "an empty value"
    return f"the {type(value).__name__} {shown(value)}"
