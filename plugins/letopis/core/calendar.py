"""Month calendars of the archive: the grid of a month, the days that link to their archives,
and the nearest earlier and later months that have posts. Built once per build."""

from __future__ import annotations

import bisect
import calendar
from dataclasses import dataclass
from datetime import date

from .archive import ArchiveIndex, Listing
from .l10n import Localizer
from .posts import Post
from .urls import UrlScheme


@dataclass(frozen=True)
class CalendarDay:
    day: date
    url: str | None  # its day archive, when the day has posts
    label: str  # the date and the titles of its posts, its link's name


@dataclass(frozen=True)
class MonthLink:
    url: str
    short: str  # «апр. 2014»
    full: str  # «апрель 2014»


@dataclass(frozen=True, eq=False)
class MonthCalendar:
    year: int
    month: int
    caption: str  # «Май 2014»
    url: str | None  # the month archive
    weekdays: tuple[tuple[str, str], ...]  # (abbreviated, full), from the first week day
    weeks: tuple[tuple[CalendarDay | None, ...], ...]  # None: a cell of another month
    previous: MonthLink | None  # nearest earlier month with posts
    next: MonthLink | None  # nearest later month with posts


@dataclass(frozen=True)
class CalendarView:
    """What one page shows: a month, and the day the page is about, if any.

    `current_kind` is "page" on that day's archive (the link leads to the page itself) and
    "date" on a post of that day; it becomes the link's aria-current.
    """

    month: MonthCalendar
    current: date | None = None
    current_kind: str | None = None

    @property
    def key(self) -> tuple[int, int, date | None, str | None]:
        """Pages with equal keys show identical calendars (at equal depth)."""
        return (self.month.year, self.month.month, self.current, self.current_kind)


def month_grid(year: int, month: int, first_week_day: int) -> list[list[date | None]]:
    """Weeks of the month as rows of seven dates; days of other months are None."""
    weeks = calendar.Calendar(first_week_day).monthdatescalendar(year, month)
    return [[day if day.month == month else None for day in week] for week in weeks]


class ArchiveCalendar:
    """Every month that has posts, as a ready calendar, and the month each page shows."""

    def __init__(self, index: ArchiveIndex, localizer: Localizer, urls: UrlScheme) -> None:
        self._index = index
        self._order = sorted(index.months)  # (year, month), oldest first
        weekdays = tuple(localizer.weekdays())
        links = {key: MonthLink(urls.month(*key), localizer.short_month(*key),
                                localizer.month(*key)) for key in self._order}
        self.months = {
            key: MonthCalendar(
                year=key[0], month=key[1],
                caption=localizer.caption(*key),
                url=index.months[key].url,
                weekdays=weekdays,
                weeks=self._weeks(key, localizer),
                previous=links[self._order[i - 1]] if i > 0 else None,
                next=links[self._order[i + 1]] if i + 1 < len(self._order) else None,
            )
            for i, key in enumerate(self._order)
        }

    def _weeks(self, key: tuple[int, int],
               localizer: Localizer) -> tuple[tuple[CalendarDay | None, ...], ...]:
        def cell(day: date | None) -> CalendarDay | None:
            if day is None:
                return None
            listing = self._index.days.get(day)
            if listing is None:
                return CalendarDay(day, None, localizer.day(day))
            titles = "; ".join(post.title for post in listing.posts)
            return CalendarDay(day, listing.url, localizer.ui["day_posts"].format(
                day=localizer.day(day), titles=titles))

        grid = month_grid(*key, localizer.first_week_day)
        return tuple(tuple(cell(day) for day in week) for week in grid)

    def newest(self, year: int | None = None) -> MonthCalendar | None:
        """The newest month with posts, overall or within `year`."""
        if year is None:
            return self.months[self._order[-1]] if self._order else None
        position = bisect.bisect_right(self._order, (year, 12)) - 1
        if position >= 0 and self._order[position][0] == year:
            return self.months[self._order[position]]
        return None

    def view(self, post: Post | None = None, listing: Listing | None = None) -> CalendarView | None:
        """The calendar a page shows: its post's or its period's month, else the newest."""
        if post is not None:
            return CalendarView(self.months[post.day.year, post.day.month], post.day, "date")
        if listing is not None and listing.posts and listing.kind in {"day", "month"}:
            day = listing.posts[0].day
            month = self.months[day.year, day.month]
            return CalendarView(month, day, "page") if listing.kind == "day" else \
                CalendarView(month)
        if listing is not None and listing.posts and listing.kind == "year":
            newest = self.newest(listing.posts[0].day.year)
        else:
            newest = self.newest()
        return CalendarView(newest) if newest else None


@dataclass(frozen=True)
class MonthCount:
    count: int
    url: str | None  # the month archive, when there are posts
    label: str  # «май 2014: 3 записи»


@dataclass(frozen=True)
class YearRow:
    year: int
    url: str
    months: tuple[MonthCount, ...]  # January to December
    total: str  # «12 записей»


def archive_grid(index: ArchiveIndex, localizer: Localizer, urls: UrlScheme) -> list[YearRow]:
    """The whole archive as years (newest first) × twelve months of post counts."""
    rows = []
    for year in sorted(index.years, reverse=True):
        months = []
        for month in range(1, 13):
            listing = index.months.get((year, month))
            count = len(listing.posts) if listing else 0
            months.append(MonthCount(
                count=count,
                url=listing.url if listing else None,
                label=f"{localizer.month(year, month)}: {localizer.count('posts', count)}",
            ))
        rows.append(YearRow(year, urls.year(year), tuple(months),
                            localizer.count("posts", len(index.years[year].posts))))
    return rows
