"""Every request a page makes in Chromium stays on the site's own origin
(no font service, no CDN: privacy, and the site works offline or where those are blocked), and
none is answered with an error."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

from tests.browser.page_kinds import PAGES, SERVED

pytestmark = pytest.mark.browser

# Every page kind of the bundled site and of the generated site of several years (the list the
# other whole-site browser tests share).
VISITS = [(site, kind, path) for site, kinds in PAGES.items() for kind, path in kinds.items()]


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


@pytest.mark.parametrize(("site", "path"), [(site, path) for site, _, path in VISITS],
                         ids=[f"{site}: {kind}" for site, kind, _ in VISITS])
def test_every_request_stays_on_the_site_and_succeeds(page: Page, site: str, path: str,
                                                      request: pytest.FixtureRequest) -> None:
    served = request.getfixturevalue(SERVED[site])
    origin = urlsplit(served)
    requested, failed = record(page, served + path)
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
