"""Every request a page of the bundled site makes in Chromium stays on the site's own origin
(no font service, no CDN: privacy, and the site works offline or where those are blocked), and
none is answered with an error."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

PAGE_KINDS = {
    "home": "",
    "year": "2014/",
    "month": "2014/05/",
    "day": "2014/05/20/",
    "post": "2014/05/segmentatsiia-klientskogo-potoka/",
    "archive": "archive/",
    "category": "category/prodazhi/",
    "tag": "tag/klienty/",
    "journal": "journal/klienting/",
    "issue": "journal/klienting/2014/2/",
    "author": "author/glavnyi-redaktor/",
    "authors": "author/",
    "search with results": "search/?q=клиентов",
    # The page GitHub Pages answers a missing address with (this test server answers bare).
    "not found": "404.html",
}


def record(page: Page, url: str) -> tuple[list[str], list[tuple[int, str]]]:
    """Every URL the page requests while it loads and settles, and the answers >= 400."""
    requested: list[str] = []
    failed: list[tuple[int, str]] = []
    page.on("request", lambda request: requested.append(request.url))
    page.on("response", lambda response: failed.append((response.status, response.url))
            if response.status >= 400 else None)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    if "search/" in url:  # Pagefind's index and fragments are fetched for the results
        page.locator(".pagefind-ui__result-link").first.wait_for()
        page.wait_for_load_state("networkidle")
    return requested, failed


@pytest.mark.parametrize("path", list(PAGE_KINDS.values()), ids=list(PAGE_KINDS))
def test_every_request_stays_on_the_site_and_succeeds(page: Page, served_site: str,
                                                      path: str) -> None:
    origin = urlsplit(served_site)
    requested, failed = record(page, served_site + path)
    assert len(requested) > 3  # the page, its styles and scripts at least
    elsewhere = [url for url in requested if not url.startswith(("data:", "blob:"))
                 and urlsplit(url)[:2] != origin[:2]]
    assert elsewhere == []
    assert failed == []


def test_the_site_face_is_its_own(page: Page, served_site: str) -> None:
    """The text is set in the self-hosted face, loaded from the site (not a fallback)."""
    requested, _ = record(page, served_site + "2014/05/segmentatsiia-klientskogo-potoka/")
    fonts = [url for url in requested if url.endswith(".woff2")]
    assert fonts and all(url.startswith(served_site) for url in fonts)
    family = page.evaluate("getComputedStyle(document.querySelector('.md-typeset p'))"
                           ".fontFamily")
    first = family.split(",")[0].strip().strip('"')
    assert page.evaluate(f"document.fonts.check('16px \"{first}\"', 'Ж')")
    assert page.evaluate(
        "[...document.fonts].some(f => f.status === 'loaded' && "
        f"f.family.replace(/\"/g, '') === '{first}')")
