"""Post dates: parsing what editors write and placing it in the site's time zone."""

from __future__ import annotations

import re
from datetime import date, datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .messages import say
from .problems import shortened, shown

DATE_SHAPE = re.compile(r"\d{4}-\d{2}-\d{2}")
DATETIME_SHAPE = re.compile(
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?\s*(Z|[+-]\d{2}(:?\d{2})?)?"
)
# The years a post may carry: wide enough for any archive, narrow enough that a typo such as
# 2104 or 0214 is caught, and that every date has a calendar month and a time-zone offset.
FIRST_YEAR, LAST_YEAR = 1900, 2100


class DateError(ValueError):
    """A date an editor wrote that cannot be placed on the calendar; the message says why."""


def site_timezone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise DateError(say("unknown_timezone", name=name)) from exc


def parse_post_date(value: object, tz: ZoneInfo) -> datetime:
    """Return the moment of `value` as an aware datetime in `tz`.

    A bare date means midnight of that day in the site's time zone; a datetime without an
    offset is read in the site's time zone; one with an offset is converted to it, so that
    a post lands on the calendar day its readers saw.
    """
    if isinstance(value, datetime | date):  # from a caller that parsed YAML itself
        value = value.isoformat()
    if not isinstance(value, str):
        raise DateError(say("date_not_text", value=_describe(value)))
    text = value.strip()
    if DATE_SHAPE.fullmatch(text):
        try:
            day = date.fromisoformat(text)
        except ValueError:
            raise DateError(say("date_invalid_day", text=text)) from None
        _check_year(day, text)
        return datetime(day.year, day.month, day.day, tzinfo=tz)
    if not DATETIME_SHAPE.fullmatch(text):
        raise DateError(say("date_not_date", text=shortened(text),
                            expected=say("date_expected")))
    try:
        moment = datetime.fromisoformat(text.replace(" Z", "Z"))
    except ValueError:
        raise DateError(say("date_invalid_moment", text=text,
                            expected=say("date_expected"))) from None
    _check_year(moment, text)  # before converting: year 9999 would overflow
    if moment.tzinfo is None:
        return moment.replace(tzinfo=tz)
    return moment.astimezone(tz)


def _check_year(moment: date, text: str) -> None:
    if not FIRST_YEAR <= moment.year <= LAST_YEAR:
        raise DateError(say("date_out_of_range", text=text, first=FIRST_YEAR, last=LAST_YEAR))


def _describe(value: object) -> str:
    if isinstance(value, list):
        return say("a_list")
    if isinstance(value, dict):
        return say("a_set_of_keys")
    if value is None:
        return say("an_empty_value")
    return say("the_typed_value", type=type(value).__name__, value=shown(value))
