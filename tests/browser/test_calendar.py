"""A reader browses by calendar in Chromium: from the home page back month by month to May
2014, onto a day, its archive and a post; and the same calendar is usable on a phone.
(No screenshots: saved and never compared, they could fail nothing.)"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser


def caption(page: Page) -> str:
    return page.locator("nav.calendar caption").inner_text().strip()


def browse_back_to_may_2014(page: Page, base: str) -> None:
    page.goto(base)
    assert caption(page) == "Февраль 2016"
    visited = [caption(page)]
    while caption(page) != "Май 2014":
        page.locator("nav.calendar a[rel=prev]").click()
        page.wait_for_load_state()
        visited.append(caption(page))
        assert len(visited) < 10, visited
    # Empty months between posts are skipped.
    assert visited == ["Февраль 2016", "Март 2015", "Май 2014"]
    assert page.url == base + "2014/05/"


def test_browse_by_calendar_from_home_to_a_post(page: Page, served_calendar_site: str) -> None:
    page.set_viewport_size({"width": 1400, "height": 900})
    browse_back_to_may_2014(page, served_calendar_site)
    calendar = page.locator("nav.calendar")
    assert calendar.is_visible()
    calendar.get_by_role("link", name="7 мая 2014: Вечер седьмого мая; Утро седьмого мая").click()
    page.wait_for_url(served_calendar_site + "2014/05/07/")
    assert page.locator("article h1").inner_text() == "Архив за 7 мая 2014"
    assert page.locator("nav.calendar [aria-current=page]").inner_text() == "7"
    page.locator(".letopis-entry__title a", has_text="Утро седьмого мая").click()
    page.wait_for_url(served_calendar_site + "2014/05/utro-sedmogo-maia/")
    assert page.locator("article h1").inner_text() == "Утро седьмого мая"
    assert page.locator("nav.calendar [aria-current=date]").inner_text() == "7"


def test_calendar_is_usable_on_a_phone(page: Page, served_calendar_site: str) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    browse_back_to_may_2014(page, served_calendar_site)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    day = page.locator("nav.calendar td a", has_text="20")
    day.scroll_into_view_if_needed()
    assert day.is_visible()
    box = day.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44  # WCAG 2.5.5 target size
    day.click()
    page.wait_for_url(served_calendar_site + "2014/05/20/")
    assert page.locator("article h1").inner_text() == "Архив за 20 мая 2014"


def test_calendar_works_from_the_keyboard(page: Page, served_calendar_site: str) -> None:
    page.goto(served_calendar_site + "2015/03/")
    page.locator("nav.calendar a[rel=prev]").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(served_calendar_site + "2014/05/")
    assert caption(page) == "Май 2014"
