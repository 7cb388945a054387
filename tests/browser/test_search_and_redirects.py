"""Russian search in Chromium: the header's box leads to the search page, whose Pagefind
results find word forms («клиентов» → «клиенты», «клиентская») and never list archive pages;
an old address lands on its post."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

LIES = "2014/05/8-vidov-klientskoi-lzhi/"
SEGMENTS = "2014/05/segmentatsiia-klientskogo-potoka/"
JOURNAL_POST = "2014/05/zhurnal-klienting-i-upravlenie-klientskim-portfelem-tretii-vtoroi/"
ISSUE = "journal/klienting/2014/2/"


def results(page: Page) -> set[str]:
    """The pages the search page lists, once Pagefind has shown them."""
    page.locator(".pagefind-ui__result-link").first.wait_for()
    page.wait_for_load_state("networkidle")
    links = page.locator(".pagefind-ui__result-link")
    found = {links.nth(i).get_attribute("href") for i in range(links.count())}
    return {href.split("#")[0].lstrip("/") for href in found}


def search(page: Page, base: str, words: str) -> set[str]:
    """Type `words` into the header's search box and return the pages found."""
    page.goto(base + "2014/05/")
    box = page.locator(".letopis-header-search__input")
    box.fill(words)
    box.press("Enter")
    page.wait_for_url("**/search/?q=*")
    return results(page)


def test_word_forms_are_found(page: Page, served_site: str) -> None:
    page.set_viewport_size({"width": 1400, "height": 900})
    found = search(page, served_site, "клиентов")
    assert {LIES, SEGMENTS, JOURNAL_POST, ISSUE} <= found
    assert found <= {LIES, SEGMENTS, JOURNAL_POST, ISSUE}  # no archive, author or tag page
    assert search(page, served_site, "сегментации") == {SEGMENTS}  # the title says «Сегментация»
    # Found by word form alone: the journal post says «клиентами», «клиентским», not «клиентов».
    page.goto(served_site + JOURNAL_POST)
    text = page.locator("article").inner_text().lower()
    assert "клиентов" not in text and "клиентами" in text


def test_a_search_in_several_bundles_finds_what_one_bundle_finds(
        page: Page, served_sharded_site: str) -> None:
    # The issue is in the first bundle, the posts in the second, merged into it in the page.
    page.goto(served_sharded_site + "search/")
    merged = page.locator("#letopis-search").get_attribute("data-merge")
    assert merged == '["../pagefind-2/"]'
    page.set_viewport_size({"width": 1400, "height": 900})
    assert search(page, served_sharded_site, "клиентов") == {LIES, SEGMENTS, JOURNAL_POST, ISSUE}
    assert search(page, served_sharded_site, "сегментации") == {SEGMENTS}


def test_search_from_a_phone(page: Page, served_site: str) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(served_site + "2014/05/")
    page.locator(".letopis-header-search__button").click()  # the field is hidden on phones
    page.wait_for_url("**/search/**")
    field = page.locator(".pagefind-ui__search-input")
    field.fill("клиентов")
    # The same pages as on a desktop: the phone's way in loses nothing.
    assert results(page) == {LIES, SEGMENTS, JOURNAL_POST, ISSUE}
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_an_old_address_lands_on_the_post(page: Page, served_full_journal_site: str) -> None:
    for old in ("old/post-1/", "archives/42.html"):
        page.goto(served_full_journal_site + old)
        page.wait_for_url(served_full_journal_site + "2012/03/zapis-so-skhemoi/")
        assert page.locator("article h1").inner_text() == "Запись со схемой"
