"""The calendar fixture built for real: a calendar on every page, linked days, the current day,
nearest-month links, the Sunday-first English variant and the whole-archive page."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from tests.conftest import Build, resolve, site_config, text_of


@pytest.fixture(scope="module")
def site(build_fixture) -> Build:
    build = build_fixture("calendar", site_config())
    assert build.returncode == 0, build.log
    assert "WARNING" not in build.log
    return build


def calendar_of(build: Build, url: str) -> BeautifulSoup:
    calendars = build.html(url).select("nav.calendar")
    assert len(calendars) == 1, f"{url} has {len(calendars)} calendars"
    return calendars[0]


def grid(calendar: BeautifulSoup) -> list[list[str]]:
    return [[text_of(td) for td in tr.select("td")] for tr in calendar.select("tbody tr")]


def linked_days(calendar: BeautifulSoup, page_url: str) -> dict[str, str]:
    return {text_of(a): resolve(page_url, a["href"]) for a in calendar.select("td a")}


@pytest.mark.parametrize(
    ("url", "caption"),
    [
        ("", "Февраль 2016"),  # elsewhere: the newest month with posts
        ("archive/", "Февраль 2016"),
        ("2014/", "Май 2014"),  # a year: its newest month with posts
        ("2014/05/", "Май 2014"),
        ("2014/05/07/", "Май 2014"),
        ("2015/03/pervoe-marta/", "Март 2015"),  # a post: its month
        ("2013/12/pervaia-zapis-arkhiva/", "Декабрь 2013"),
    ],
)
def test_every_page_shows_the_month_it_is_about(site: Build, url: str, caption: str) -> None:
    assert text_of(calendar_of(site, url).select_one("caption")) == caption


def test_markup_contract(site: Build) -> None:
    calendar = calendar_of(site, "2014/05/")
    tables = calendar.select("table")
    assert len(tables) == 1
    assert tables[0].find("caption") is not None
    names = [text_of(span) for span in calendar.select("thead th span[aria-hidden]")]
    assert names == ["Пн", "Вт", "Ср", "Чт", "Пт", "Сб", "Вс"]
    assert [text_of(span) for span in calendar.select("thead th .letopis-visually-hidden")][0] \
        == "понедельник"
    assert all(th["scope"] == "col" for th in calendar.select("thead th"))
    assert calendar.find("script") is None


def test_march_2015_has_six_week_rows_starting_on_sunday(site: Build) -> None:
    rows = grid(calendar_of(site, "2015/03/"))
    assert len(rows) == 6
    assert rows[0] == ["", "", "", "", "", "", "1"]
    assert rows[5] == ["30", "31", "", "", "", "", ""]


def test_february_2016_has_29_days(site: Build) -> None:
    days = [cell for row in grid(calendar_of(site, "2016/02/")) for cell in row if cell]
    assert days == [str(n) for n in range(1, 30)]


def test_days_with_posts_link_to_their_day_archive(site: Build) -> None:
    url = "2014/05/"
    calendar = calendar_of(site, url)
    assert linked_days(calendar, url) == {"7": "2014/05/07/", "20": "2014/05/20/"}
    seventh = calendar.find("a", string="7")
    assert seventh["aria-label"] == "7 мая 2014: Вечер седьмого мая; Утро седьмого мая"
    assert not seventh.has_attr("title")  # the name once (tests/browser/test_accessibility.py)
    # Days without posts are plain text.
    assert calendar.find("td", string="8").find("a") is None
    for target in linked_days(calendar, url).values():
        assert site.exists(target)


@pytest.mark.parametrize(
    ("url", "current", "kind"),
    [
        ("2014/05/07/", "7", "page"),  # the day archive itself
        ("2014/05/utro-sedmogo-maia/", "7", "date"),  # a post of that day
        ("2014/05/", None, None),
        ("", None, None),
    ],
)
def test_the_current_day_is_marked(site: Build, url: str, current: str | None,
                                   kind: str | None) -> None:
    marked = calendar_of(site, url).select("[aria-current]")
    assert [(text_of(a), a["aria-current"]) for a in marked] == \
        ([(current, kind)] if current else [])


@pytest.mark.parametrize(
    ("url", "previous", "next_"),
    [
        ("2013/12/", None, ("2014/05/", "май 2014 »")),  # the first month of the archive
        ("2014/05/", ("2013/12/", "« дек. 2013"), ("2015/03/", "март 2015 »")),
        ("2015/03/", ("2014/05/", "« май 2014"), ("2016/02/", "февр. 2016 »")),  # gaps skipped
        ("2016/02/", ("2015/03/", "« март 2015"), None),  # the last; the draft month is not next
    ],
)
def test_month_links_skip_empty_months(site: Build, url: str, previous, next_) -> None:
    calendar = calendar_of(site, url)
    prev_link = calendar.select_one("a[rel=prev]")
    next_link = calendar.select_one("a[rel=next]")
    assert ((resolve(url, prev_link["href"]), text_of(prev_link)) if prev_link else None) == \
        previous
    assert ((resolve(url, next_link["href"]), text_of(next_link)) if next_link else None) == \
        next_


def test_month_links_are_named_by_their_text_and_described_in_full(site: Build) -> None:
    link = calendar_of(site, "2015/03/").select_one("a[rel=prev]")
    # The accessible name is the visible text (WCAG 2.5.3); the full month is the description.
    assert not link.has_attr("aria-label")
    assert link["title"] == "Предыдущий месяц с записями: май 2014"


def test_calendar_links_resolve_from_pages_at_every_depth(site: Build) -> None:
    for url in ["", "archive/", "2014/", "2014/05/", "2014/05/07/", "2014/05/utro-sedmogo-maia/"]:
        calendar = calendar_of(site, url)
        links = calendar.select("a")
        assert links, url  # an empty calendar would pass the loop below
        for link in links:
            assert site.exists(resolve(url, link["href"])), (url, link["href"])


def test_the_draft_has_no_calendar_month(site: Build) -> None:
    assert not site.exists("2016/05/")
    assert "Будущий черновик" not in str(calendar_of(site, "2016/02/"))


def test_whole_archive_page(site: Build) -> None:
    page = site.html("archive/")
    assert text_of(page.select_one("article h1")) == "Архив"
    table = page.select_one(".letopis-archive-grid table")
    years = [text_of(th) for th in table.select("tbody th[scope=row]")]
    assert years == ["2016", "2015", "2014", "2013"]
    rows = {text_of(tr.select_one("th")): [text_of(td) for td in tr.select("td")]
            for tr in table.select("tbody tr")}
    assert rows["2014"] == ["0", "0", "0", "0", "3", "0", "0", "0", "0", "0", "0", "0"]
    assert rows["2015"][2] == "2"
    links = {a["aria-label"]: resolve("archive/", a["href"]) for a in table.select("td a")}
    assert links == {
        "декабрь 2013: 1 запись": "2013/12/", "май 2014: 3 записи": "2014/05/",
        "март 2015: 2 записи": "2015/03/", "февраль 2016: 1 запись": "2016/02/",
    }
    assert len(table.select("thead th")) == 13


def test_whole_archive_page_is_in_the_navigation(site: Build) -> None:
    nav = site.html("").select_one(".md-sidebar--primary")
    links = {text_of(a): resolve("", a["href"]) for a in nav.select("a.md-nav__link")}
    assert links == {"Архив": "archive/"}


@pytest.fixture(scope="module")
def english(build_fixture) -> Build:
    config = site_config(locale="en")
    config["theme"]["language"] = "en"
    build = build_fixture("calendar", config, key="calendar-en")
    assert build.returncode == 0, build.log
    return build


def test_english_calendar_starts_weeks_on_sunday(english: Build) -> None:
    calendar = calendar_of(english, "2015/03/")
    assert text_of(calendar.select_one("caption")) == "March 2015"
    names = [text_of(span) for span in calendar.select("thead th span[aria-hidden]")]
    assert names == ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    rows = grid(calendar)
    assert len(rows) == 5
    assert rows[0][0] == "1"
    assert text_of(calendar.select_one("a[rel=prev]")) == "« May 2014"
