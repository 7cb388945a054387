"""Printing a page of the bundled site in Chromium gives the article alone, headed by the site's
name and the page's address: no sidebar, header, navigation, calendar or search."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

PAGES = [
    "2014/05/segmentatsiia-klientskogo-potoka/",  # a post (with a matrix block)
    "2014/05/",  # a month's archive
    "journal/klienting/2014/2/",  # an issue
]
# Reader furniture that a printout leaves out.
LEFT_OUT = [".letopis-sidebar", "nav.calendar", ".md-header", ".md-sidebar",
            "form[role=search], .letopis-header-search", ".letopis-pagination",
            ".letopis-neighbours", ".md-footer", ".letopis-breadcrumbs"]


def shown(page: Page, selector: str) -> list[bool]:
    """For each element matching `selector`: does it take up room on the page?"""
    return page.eval_on_selector_all(selector, """elements => elements.map(e => {
        const box = e.getBoundingClientRect();
        return getComputedStyle(e).visibility !== 'hidden' && box.width > 0 && box.height > 0;
    })""")


@pytest.mark.parametrize("url", PAGES)
def test_a_printout_is_the_article_with_the_site_and_the_address(page: Page, served_site: str,
                                                                 url: str) -> None:
    page.goto(served_site + url)
    site_name = page.locator(".md-header__topic").first.inner_text().strip()
    address = page.eval_on_selector("link[rel=canonical]", "link => link.href")
    assert site_name and address.endswith(url)
    on_screen = page.evaluate("document.body.innerText")
    present = [s for s in LEFT_OUT if page.locator(s).count()]
    assert {".letopis-sidebar", "nav.calendar", ".md-header"} <= set(present)

    page.emulate_media(media="print")
    for selector in present:
        assert not any(shown(page, selector)), f"{selector} is printed"
    title = page.locator("article h1").first
    assert title.is_visible()
    printed = page.evaluate("document.body.innerText")
    assert site_name in printed and address in printed
    # The article's own text is all there.
    article = page.locator("article").first.inner_text()
    assert article.strip() and article.split("\n")[-1] in printed
    # On screen the printed heading adds nothing: the header already names the site.
    assert address not in on_screen
