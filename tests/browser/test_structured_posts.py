"""The two structured seed posts in Chromium: the matrix is a 2×2 grid on a desktop and a list
in priority order on a phone; a claim's anchor leads to it; neither post scrolls sideways at
either width."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

LIES = "2014/05/8-vidov-klientskoi-lzhi/"
SEGMENTS = "2014/05/segmentatsiia-klientskogo-potoka/"
WIDTHS = {"desktop": 1400, "phone": 375}


def group_boxes(page: Page) -> list[dict]:
    groups = page.locator(".letopis-matrix [role=listitem]")
    return [groups.nth(i).bounding_box() for i in range(groups.count())]


@pytest.mark.parametrize("screen", WIDTHS)
@pytest.mark.parametrize("url", [LIES, SEGMENTS])
def test_no_horizontal_scrolling(page: Page, served_site: str, url: str, screen: str) -> None:
    page.set_viewport_size({"width": WIDTHS[screen], "height": 900})
    page.goto(served_site + url)
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTHS[screen]


def test_matrix_is_a_grid_on_a_desktop(page: Page, served_site: str) -> None:
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(served_site + SEGMENTS)
    first, second, third, fourth = group_boxes(page)  # in priority order
    assert abs(first["y"] - second["y"]) < 1 and second["x"] > first["x"] + first["width"] - 1
    assert abs(first["x"] - third["x"]) < 1 and third["y"] > first["y"] + first["height"] - 1
    assert abs(third["y"] - fourth["y"]) < 1 and abs(second["x"] - fourth["x"]) < 1
    axes = page.locator(".letopis-matrix__axis")
    assert [axes.nth(i).is_visible() for i in range(axes.count())] == [True] * 4
    assert not page.locator(".letopis-matrix__place").first.is_visible()


def test_matrix_is_a_list_in_priority_order_on_a_phone(page: Page, served_site: str) -> None:
    page.set_viewport_size({"width": 375, "height": 900})
    page.goto(served_site + SEGMENTS)
    boxes = group_boxes(page)
    assert len({round(box["x"]) for box in boxes}) == 1  # one column
    assert [box["y"] for box in boxes] == sorted(box["y"] for box in boxes)
    place = page.locator(".letopis-matrix__place").first
    assert place.is_visible()
    assert place.inner_text() == "Быстро × Много"
    assert not page.locator(".letopis-matrix__axis").first.is_visible()


def test_a_claim_can_be_linked_by_its_anchor(page: Page, served_site: str) -> None:
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(served_site + LIES)
    page.locator(".letopis-toc a[href='#lozh-3']").click()
    assert page.url.endswith("#lozh-3")
    heading = page.locator("#lozh-3")
    assert heading.text_content().startswith("Ложь №3.")
    assert heading.is_visible()
    box = heading.bounding_box()
    assert 0 <= box["y"] < 300  # scrolled to the top of the window
