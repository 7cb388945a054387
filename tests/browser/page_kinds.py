"""Every kind of page of the bundled site and of the generated site of several years, for the
browser tests that look at all of them (axe, English strings): a new kind of page gets a line
here, and every such test covers it."""

from __future__ import annotations

from playwright.sync_api import Page

# The search page is checked with results on show.
SEARCH = "search/?q=клиент"

# Each site's page kinds, by site-relative URL. A new kind of page gets a line here.
PAGES: dict[str, dict[str, str]] = {
    "bundled": {
        "home": "",
        "year": "2014/",
        "month": "2014/05/",
        "day": "2014/05/20/",
        "post with claims": "2014/05/8-vidov-klientskoi-lzhi/",
        "post": "2014/05/segmentatsiia-klientskogo-potoka/",
        "archive": "archive/",
        "category": "category/prodazhi/",
        "categories": "category/",
        "tag": "tag/klienty/",
        "tags": "tag/",
        "journal": "journal/klienting/",
        "issue": "journal/klienting/2014/2/",
        "author": "author/andrei-zhilin/",
        "authors": "author/",
        "search": SEARCH,
        "404": "404.html",
    },
    "generated": {
        "home": "",
        "page 2": "page/2/",
        "year": "2010/",
        "month": "2010/03/",
        "day": "2010/03/21/",
        "post with claims and matrix": "2006/07/kak-otvechat-na-dorogo-piat-oshibok/",
        "archive": "archive/",
        "category": "category/prodazhi/",
        "categories": "category/",
        "tag": "tag/crm/",
        "tags": "tag/",
        "journal": "journal/vestnik/",
        "issue": "journal/vestnik/2010/2/",
        "author": "author/olga-smirnova/",
        "authors": "author/",
        "search": SEARCH,
        "404": "404.html",
    },
}


SERVED = {"bundled": "served_site", "generated": "served_several_years_site"}


def settle(page: Page, url: str) -> None:
    """Open `url` and wait until it is what a reader sees: scripts run, fonts in, and on the
    search page the results (Pagefind fetches them after the page has loaded)."""
    response = page.goto(url, wait_until="load")
    assert response is not None and response.ok, f"{url}: {response and response.status}"
    if "/search/" in url:
        page.wait_for_selector(".pagefind-ui__result", timeout=10_000)
        page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready")
