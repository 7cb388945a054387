"""WCAG 2.2 AA by axe-core: every kind of page of the bundled site and of a generated site of
several years has no violation (best practices included), at a desktop and a phone width, in
the light and the dark scheme.

Each page kind is one test; within it the four views (two widths × two schemes) are checked and
every violation of every view is reported at once. axe is slow, so this runs in the MkDocs pass
of `make test` only: ProperDocs renders the same templates.
"""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import Browser, Page

from tests.browser.axe import axe_violations, describe

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(os.environ.get("LETOPIS_ENGINE") == "properdocs",
                       reason="the outside checkers run in the MkDocs pass of make test"),
]

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
        "tag": "tag/klienty/",
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
        "tag": "tag/crm/",
        "journal": "journal/vestnik/",
        "issue": "journal/vestnik/2010/2/",
        "author": "author/olga-smirnova/",
        "authors": "author/",
        "search": SEARCH,
        "404": "404.html",
    },
}

VIEWS = [(width, height, scheme) for width, height in ((1280, 900), (375, 740))
         for scheme in ("light", "dark")]


SERVED = {"bundled": "served_site", "generated": "served_several_years_site"}


def settle(page: Page, url: str) -> None:
    """Open `url` and wait until it is what a reader sees: fonts, search results, no motion."""
    response = page.goto(url, wait_until="networkidle")
    assert response is not None and response.ok, f"{url}: {response and response.status}"
    if "/search/" in url:
        page.wait_for_selector(".pagefind-ui__result", timeout=10_000)
        page.wait_for_load_state("networkidle")
    page.evaluate("document.fonts.ready")


@pytest.mark.parametrize(("site", "kind"),
                         [(site, kind) for site, kinds in PAGES.items() for kind in kinds])
def test_page_kind_has_no_axe_violations(browser: Browser, request: pytest.FixtureRequest,
                                         site: str, kind: str) -> None:
    url = request.getfixturevalue(SERVED[site]) + PAGES[site][kind]
    found = []
    for width, height, scheme in VIEWS:
        context = browser.new_context(viewport={"width": width, "height": height},
                                      color_scheme=scheme, reduced_motion="reduce")
        try:
            page = context.new_page()
            settle(page, url)
            # The reader's system setting chooses the scheme (Material's palette media queries).
            shown = page.evaluate("document.body.dataset.mdColorScheme")
            assert shown == {"light": "default", "dark": "slate"}[scheme], (url, scheme, shown)
            violations = axe_violations(page)
            if violations:
                found.append(f"--- {width} px, {scheme}:\n{describe(violations)}")
        finally:
            context.close()
    assert not found, f"{site} {kind} ({url}):\n" + "\n".join(found)
