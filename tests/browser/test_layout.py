"""The bundled site in a real browser: readable on a 375 px phone and on a desktop, and its
post-to-post navigation works by mouse and keyboard."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

PAGES = [
    "",
    "2014/05/",
    "2014/",
    "category/prodazhi/",
    "2014/05/8-vidov-klientskoi-lzhi/",
    "2014/05/zhurnal-klienting-i-upravlenie-klientskim-portfelem-tretii-vtoroi/",
]
NEWEST = "2014/05/zhurnal-klienting-i-upravlenie-klientskim-portfelem-tretii-vtoroi/"


@pytest.mark.parametrize("url", PAGES)
def test_phone_width_needs_no_horizontal_scrolling(page: Page, served_site: str,
                                                   url: str) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(served_site + url)
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_on_a_phone_the_sidebar_follows_the_content(page: Page, served_site: str) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(served_site + "2014/05/")
    content = page.locator(".md-content").bounding_box()
    sidebar = page.locator(".letopis-sidebar").bounding_box()
    assert sidebar["y"] >= content["y"] + content["height"] - 1
    assert sidebar["width"] > 300
    assert page.locator(".letopis-slogan").first.is_visible()
    assert page.locator("nav.calendar").is_visible()


def test_on_a_desktop_the_sidebar_is_a_column_right_of_the_content(
    page: Page, served_site: str
) -> None:
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(served_site + "2014/05/")
    content = page.locator(".md-content").bounding_box()
    sidebar = page.locator(".letopis-sidebar").bounding_box()
    assert sidebar["x"] >= content["x"] + content["width"] - 1
    assert sidebar["y"] < content["y"] + 200


def test_previous_post_link_leads_to_the_older_post(page: Page, served_site: str) -> None:
    page.goto(served_site + NEWEST)
    page.locator(".letopis-neighbours a[rel=prev]").click()
    assert page.url == served_site + "2014/05/8-vidov-klientskoi-lzhi/"
    assert page.locator("article h1").inner_text() == "8 видов клиентской лжи"


def test_neighbour_links_are_reachable_by_keyboard(page: Page, served_site: str) -> None:
    page.goto(served_site + "2014/05/8-vidov-klientskoi-lzhi/")
    link = page.locator(".letopis-neighbours a[rel=next]")
    link.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(served_site + NEWEST)
    assert page.locator("article h1").inner_text().startswith("Журнал «Клиентинг")
