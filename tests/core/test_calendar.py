"""Calendar math and the archive's month calendars: grids, linked days, nearest months."""

from __future__ import annotations

from datetime import date

import pytest

from letopis.core.archive import build_archive
from letopis.core.calendar import ArchiveCalendar, archive_grid, month_grid
from letopis.core.l10n import Localizer
from letopis.core.urls import UrlScheme
from tests.core.test_archive import make_posts

MONDAY, SUNDAY = 0, 6


def numbers(grid: list[list[date | None]]) -> list[list[int]]:
    return [[day.day if day else 0 for day in week] for week in grid]


def test_march_2015_starts_on_sunday_and_needs_six_rows_from_monday() -> None:
    grid = numbers(month_grid(2015, 3, MONDAY))
    assert len(grid) == 6
    assert grid[0] == [0, 0, 0, 0, 0, 0, 1]
    assert grid[-1] == [30, 31, 0, 0, 0, 0, 0]


def test_march_2015_from_sunday_needs_five_rows() -> None:
    grid = numbers(month_grid(2015, 3, SUNDAY))
    assert len(grid) == 5
    assert grid[0] == [1, 2, 3, 4, 5, 6, 7]


def test_february_2016_has_29_days() -> None:
    days = [day for week in month_grid(2016, 2, MONDAY) for day in week if day]
    assert [d.day for d in days] == list(range(1, 30))
    assert days[0].weekday() == 0  # 1 February 2016 was a Monday


def test_may_2014_matches_the_seed_grid() -> None:
    # The seed's sidebar: Thursday the 1st, 31 days, weeks from Monday.
    assert numbers(month_grid(2014, 5, MONDAY)) == [
        [0, 0, 0, 1, 2, 3, 4], [5, 6, 7, 8, 9, 10, 11], [12, 13, 14, 15, 16, 17, 18],
        [19, 20, 21, 22, 23, 24, 25], [26, 27, 28, 29, 30, 31, 0],
    ]


# ---- Independent expectations: a printed calendar, history, and Zeller's congruence ----------
# month_grid is built on Python's `calendar`; comparing it with `calendar` again would test
# nothing. These expectations come from elsewhere.

def zeller_weekday(year: int, month: int, day: int) -> int:
    """The weekday of a Gregorian date by Zeller's congruence, Monday = 0."""
    if month < 3:  # January and February count as months 13 and 14 of the year before
        month, year = month + 12, year - 1
    century, of_century = divmod(year, 100)
    h = (day + 13 * (month + 1) // 5 + of_century + of_century // 4 + century // 4
         + 5 * century) % 7  # 0 = Saturday, 1 = Sunday, 2 = Monday, …
    return (h + 5) % 7


def month_length(year: int, month: int) -> int:
    """Days in a month by the Gregorian rule (every 4th year leap, but not centuries, unless
    divisible by 400)."""
    if month == 2:
        leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
        return 29 if leap else 28
    return 30 if month in (4, 6, 9, 11) else 31


def expected_grid(year: int, month: int, first_week_day: int) -> list[list[int]]:
    """The grid a printed calendar shows, from Zeller's weekday of the 1st and the month's
    length: blanks (0) before the 1st, the days in order, blanks to the end of the week."""
    blanks = (zeller_weekday(year, month, 1) - first_week_day) % 7
    cells = [0] * blanks + list(range(1, month_length(year, month) + 1))
    cells += [0] * (-len(cells) % 7)
    return [cells[i:i + 7] for i in range(0, len(cells), 7)]


# Copied from printed calendars (weeks from Monday) — not from any code.
PRINTED = {
    # 1 January 2000, a Saturday; a leap year for the 400-year rule.
    (2000, 2): [[0, 1, 2, 3, 4, 5, 6], [7, 8, 9, 10, 11, 12, 13], [14, 15, 16, 17, 18, 19, 20],
                [21, 22, 23, 24, 25, 26, 27], [28, 29, 0, 0, 0, 0, 0]],
    # 1900 is not a leap year: four weeks and a day short of the fifth's end.
    (1900, 2): [[0, 0, 0, 1, 2, 3, 4], [5, 6, 7, 8, 9, 10, 11], [12, 13, 14, 15, 16, 17, 18],
                [19, 20, 21, 22, 23, 24, 25], [26, 27, 28, 0, 0, 0, 0]],
    # February 2010 began on a Monday and had 28 days: exactly four rows.
    (2010, 2): [[1, 2, 3, 4, 5, 6, 7], [8, 9, 10, 11, 12, 13, 14], [15, 16, 17, 18, 19, 20, 21],
                [22, 23, 24, 25, 26, 27, 28]],
    (2014, 12): [[1, 2, 3, 4, 5, 6, 7], [8, 9, 10, 11, 12, 13, 14],
                 [15, 16, 17, 18, 19, 20, 21], [22, 23, 24, 25, 26, 27, 28],
                 [29, 30, 31, 0, 0, 0, 0]],
}


@pytest.mark.parametrize(("year", "month"), sorted(PRINTED))
def test_grid_matches_a_printed_calendar(year: int, month: int) -> None:
    assert numbers(month_grid(year, month, MONDAY)) == PRINTED[year, month]
    assert expected_grid(year, month, MONDAY) == PRINTED[year, month]  # the model agrees too


@pytest.mark.parametrize(
    ("day", "weekday"),
    [
        (date(1900, 1, 1), 0),  # Monday
        (date(1941, 6, 22), 6),  # Sunday: the German invasion of the USSR
        (date(1945, 5, 9), 2),  # Wednesday: Victory Day
        (date(1961, 4, 12), 2),  # Wednesday: Gagarin's flight
        (date(1969, 7, 20), 6),  # Sunday: the Moon landing
        (date(2000, 1, 1), 5),  # Saturday
        (date(2001, 9, 11), 1),  # Tuesday
        (date(2014, 5, 1), 3),  # Thursday: the seed's sidebar calendar
    ],
)
@pytest.mark.parametrize("first", [MONDAY, SUNDAY])
def test_days_of_history_stand_under_their_weekday(day: date, weekday: int, first: int) -> None:
    grid = month_grid(day.year, day.month, first)
    column = next(week.index(day) for week in grid if day in week)
    assert (first + column) % 7 == weekday
    assert zeller_weekday(day.year, day.month, day.day) == weekday


@pytest.mark.parametrize("first", range(7))
@pytest.mark.parametrize(("year", "month"), [(1900, 2), (2000, 2), (2014, 5), (2100, 12)])
def test_grid_agrees_with_zellers_congruence(first: int, year: int, month: int) -> None:
    assert numbers(month_grid(year, month, first)) == expected_grid(year, month, first)


# Function-scoped, though cheap to share: mutation testing (make mutation) runs for a mutant
# only the tests that called the mutated function, and a shared fixture's calls count for the
# first test alone.
@pytest.fixture
def archive():
    posts = make_posts(
        "Первая | 2013-12-31",
        "Утро | 2014-05-07 10:00", "Вечер | 2014-05-07 18:00", "Двадцатое | 2014-05-20",
        "Март | 2015-03-01", "Конец марта | 2015-03-31",
        "Високосный | 2016-02-29",
        "Черновик | 2016-05-05 | draft: true",
    )
    index, _ = build_archive(posts, localizer=Localizer("ru"), urls=UrlScheme(), page_size=10,
                             include_drafts=False)
    return index


@pytest.fixture
def months(archive) -> ArchiveCalendar:
    return ArchiveCalendar(archive, Localizer("ru"), UrlScheme())


def test_only_months_with_posts_get_calendars(months: ArchiveCalendar) -> None:
    assert sorted(months.months) == [(2013, 12), (2014, 5), (2015, 3), (2016, 2)]


@pytest.mark.parametrize(
    ("month", "previous", "next_"),
    [
        ((2013, 12), None, ("2014/05/", "май 2014")),  # the first month: no previous
        ((2014, 5), ("2013/12/", "дек. 2013"), ("2015/03/", "март 2015")),
        ((2015, 3), ("2014/05/", "май 2014"), ("2016/02/", "февр. 2016")),  # gaps skipped
        ((2016, 2), ("2015/03/", "март 2015"), None),  # the last: the draft month is not next
    ],
)
def test_previous_and_next_are_the_nearest_months_with_posts(
    months: ArchiveCalendar, month, previous, next_
) -> None:
    cal = months.months[month]
    assert ((cal.previous.url, cal.previous.short) if cal.previous else None) == previous
    assert ((cal.next.url, cal.next.short) if cal.next else None) == next_


def test_days_with_posts_link_their_archive_and_name_their_posts(
    months: ArchiveCalendar,
) -> None:
    may = months.months[2014, 5]
    assert may.caption == "Май 2014"
    assert [short for short, _ in may.weekdays] == ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"]
    cells = {cell.day.day: cell for week in may.weeks for cell in week if cell}
    assert len(cells) == 31
    linked = {day: cell.url for day, cell in cells.items() if cell.url}
    assert linked == {7: "2014/05/07/", 20: "2014/05/20/"}
    assert cells[7].label == "7 мая 2014: Вечер; Утро"  # newest first, as in the day archive
    assert cells[8].url is None


def test_each_page_shows_its_month(months: ArchiveCalendar, archive) -> None:
    post = archive.days[date(2014, 5, 7)].posts[0]
    on_post = months.view(post=post)
    assert (on_post.month.month, on_post.current, on_post.current_kind) == \
        (5, date(2014, 5, 7), "date")
    on_day = months.view(listing=archive.days[date(2014, 5, 20)])
    assert (on_day.month.month, on_day.current, on_day.current_kind) == \
        (5, date(2014, 5, 20), "page")
    on_month = months.view(listing=archive.months[2015, 3])
    assert (on_month.month.year, on_month.month.month, on_month.current) == (2015, 3, None)
    on_year = months.view(listing=archive.years[2014])  # the newest month of that year
    assert (on_year.month.year, on_year.month.month) == (2014, 5)
    for elsewhere in (months.view(), months.view(listing=archive.home)):
        assert (elsewhere.month.year, elsewhere.month.month) == (2016, 2)


def test_english_weeks_start_on_sunday(archive) -> None:
    march = ArchiveCalendar(archive, Localizer("en"), UrlScheme()).months[2015, 3]
    assert march.caption == "March 2015"
    assert [short for short, _ in march.weekdays][:2] == ["Sun", "Mon"]
    assert len(march.weeks) == 5
    assert march.weeks[0][0].day == date(2015, 3, 1)


def test_an_empty_archive_has_no_calendar() -> None:
    index, _ = build_archive([], localizer=Localizer("ru"), urls=UrlScheme(), page_size=10,
                             include_drafts=False)
    assert ArchiveCalendar(index, Localizer("ru"), UrlScheme()).view() is None


def test_archive_grid_counts_every_month_of_every_year(archive) -> None:
    rows = archive_grid(archive, Localizer("ru"), UrlScheme())
    assert [row.year for row in rows] == [2016, 2015, 2014, 2013]
    counts = {row.year: [m.count for m in row.months] for row in rows}
    assert counts[2014] == [0, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0, 0]
    assert counts[2016] == [0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]  # the draft is not counted
    may = rows[2].months[4]
    assert (may.url, may.label) == ("2014/05/", "май 2014: 3 записи")
    assert rows[2].months[0].url is None
    assert rows[2].total == "3 записи"
    assert rows[0].months[1].label == "февраль 2016: 1 запись"
    assert rows[0].months[0].label == "январь 2016: 0 записей"


def test_the_newest_month_of_a_year(months: ArchiveCalendar, archive) -> None:
    assert (months.newest(2014).year, months.newest(2014).month) == (2014, 5)
    assert (months.newest(2013).year, months.newest(2013).month) == (2013, 12)  # the first
    assert months.newest(2012) is None  # before every post
    assert months.newest(2017) is None  # after every post: not the last month of 2016
    assert months.newest(2015).url == "2015/03/"
    # A year of one post shows its month.
    on_2013 = months.view(listing=archive.years[2013])
    assert (on_2013.month.year, on_2013.month.month) == (2013, 12)


def test_month_links_and_days_name_themselves_in_full(months: ArchiveCalendar) -> None:
    march = months.months[2015, 3]
    assert (march.previous.full, march.next.full) == ("май 2014", "февраль 2016")
    cells = {cell.day.day: cell for week in march.weeks for cell in week if cell}
    assert cells[2].label == "2 марта 2015"  # a day without posts still says its date
    assert cells[2].url is None


def test_archive_grid_rows_link_their_years(archive) -> None:
    rows = archive_grid(archive, Localizer("ru"), UrlScheme())
    assert [row.url for row in rows] == ["2016/", "2015/", "2014/", "2013/"]
