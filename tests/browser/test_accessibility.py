"""WCAG 2.2 AA by axe-core: every kind of page of the bundled site and of a generated site of
several years has no violation (best practices included), at a desktop and a phone width, in
the light and the dark scheme.

Each site and view is one test that walks every page kind (tests/browser/page_kinds.py) and
reports every violation at once. The dark scheme changes colours only: there axe's colour rules
run (contrast, links told by colour). axe is slow, so this runs in the MkDocs pass of
`make test` only: ProperDocs renders the same templates.
"""

from __future__ import annotations

import os

import pytest
from playwright.sync_api import Browser

from tests.browser.axe import COLOUR_RULES, axe_violations, describe
from tests.browser.page_kinds import PAGES, SERVED, settle

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(os.environ.get("LETOPIS_ENGINE") == "properdocs",
                       reason="the outside checkers run in the MkDocs pass of make test"),
]

# (width, height, scheme, rules): every rule in the light scheme at a desktop and a phone
# width; the dark scheme changes colours only, so there axe's colour rules run.
VIEWS = [(1280, 900, "light", None), (375, 740, "light", None),
         (1280, 900, "dark", COLOUR_RULES), (375, 740, "dark", COLOUR_RULES)]


@pytest.mark.parametrize("view", VIEWS, ids=lambda view: f"{view[0]}px-{view[2]}")
@pytest.mark.parametrize("site", sorted(PAGES))
def test_every_page_kind_has_no_axe_violations(browser: Browser, request: pytest.FixtureRequest,
                                               site: str, view: tuple) -> None:
    width, height, scheme, rules = view
    base = request.getfixturevalue(SERVED[site])
    context = browser.new_context(viewport={"width": width, "height": height},
                                  color_scheme=scheme, reduced_motion="reduce")
    found = []
    try:
        page = context.new_page()
        for kind, url in PAGES[site].items():
            settle(page, base + url)
            # The reader's system setting chooses the scheme (Material's palette media queries).
            shown = page.evaluate("document.body.dataset.mdColorScheme")
            assert shown == {"light": "default", "dark": "slate"}[scheme], (url, shown)
            violations = axe_violations(page, only_rules=rules)
            if violations:
                found.append(f"--- {kind} ({url}):\n{describe(violations)}")
    finally:
        context.close()
    assert not found, f"{site}, {width} px, {scheme}:\n" + "\n".join(found)


@pytest.mark.parametrize("site", sorted(PAGES))
def test_no_element_is_described_by_its_own_name(browser: Browser,
                                                  request: pytest.FixtureRequest,
                                                  site: str) -> None:
    """Chromium's accessibility tree, as screen readers get it: an element whose description
    repeats its name is read out twice (a link with aria-label and an equal title: «7 мая
    2014: …, ссылка, 7 мая 2014: …»). axe does not look for it."""
    base = request.getfixturevalue(SERVED[site])
    page = browser.new_page()
    found, described = [], 0
    try:
        session = page.context.new_cdp_session(page)
        for kind, url in PAGES[site].items():
            settle(page, base + url)
            for node in session.send("Accessibility.getFullAXTree")["nodes"]:
                name = node.get("name", {}).get("value", "")
                description = node.get("description", {}).get("value", "")
                described += bool(description.strip())
                if name.strip() and description.strip() == name.strip():
                    found.append(f"{kind} ({url}): {node['role']['value']} «{name}»")
    finally:
        page.close()
    # The month links of the calendar are described (their title): the tree was read.
    assert described, "no element of any page had a description"
    assert not found, f"{site}:\n" + "\n".join(found)
