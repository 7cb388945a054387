"""In Chromium, editors' text never runs as script: the hostile fixture's fields would set
`window.__xss` (or open a dialog) if any of them were taken for HTML — on the post, the
listings, the calendar, the journal pages and in the search results."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import serving
from tests.conftest import Build

pytestmark = pytest.mark.browser

POST = "2015/03/img-src-x-onerror-window-xss-1-script-title-kavychki-javascript-alert-1/"
PAGES = ["", POST, "2015/03/", "2015/03/10/", "author/zloi/", "journal/vestnik/",
         "journal/vestnik/2015/1/", "pages/stranitsa/", "old/zloi/"]


@pytest.fixture(scope="module")
def served_hostile_site(hostile_site: Build) -> Iterator[str]:
    with serving(hostile_site) as url:
        yield url


@pytest.fixture
def watched(page: Page) -> Iterator[tuple[Page, list[str]]]:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    yield page, dialogs


@pytest.mark.parametrize("url", PAGES)
def test_no_field_runs_as_script(watched: tuple[Page, list[str]], served_hostile_site: str,
                                 url: str) -> None:
    page, dialogs = watched
    page.goto(served_hostile_site + url)
    page.wait_for_load_state("load")
    if url == "old/zloi/":
        page.wait_for_url("**/" + POST)  # the redirect page sends the reader on
    # A handler that waits for the mouse (onmouseover) must find nothing to run either.
    page.evaluate("document.querySelectorAll('body *').forEach("
                  "e => e.dispatchEvent(new MouseEvent('mouseover', {bubbles: true})))")
    assert page.evaluate("window.__xss") is None
    assert dialogs == []


def test_search_results_show_titles_as_text(watched: tuple[Page, list[str]],
                                            served_hostile_site: str) -> None:
    page, dialogs = watched
    page.goto(served_hostile_site + "search/?q=кавычки")
    result = page.locator(".pagefind-ui__result-link").first
    result.wait_for()
    page.wait_for_load_state("networkidle")
    titles = page.locator(".pagefind-ui__result-link").all_inner_texts()
    assert any("<img src=x onerror=" in title for title in titles), titles
    assert page.locator(".pagefind-ui__results img, .pagefind-ui__results svg[onload]").count() \
        == 0
    assert page.evaluate("window.__xss") is None
    assert dialogs == []
