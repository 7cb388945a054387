"""axe-core on a Playwright page: every rule (WCAG 2.x A/AA and best practices), as a list of
violations, and a readable report of them for assertion messages.

axe-core comes bundled in the pinned PyPI package `axe-playwright-python` (no download at test
time); its own report lists every node, which is too long for a site-wide run, so the summary
here keeps one line per rule and the first few targets.
"""

from __future__ import annotations

from typing import Any

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page

# axe runs every rule but the experimental ones by default, best practices included; the tags
# are named so that a future axe default cannot silently narrow what is checked.
RULE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# Rules axe still calls experimental, switched on: a visible label missing from the accessible
# name (WCAG 2.5.3) is a failure for readers who speak to their browser.
EXPERIMENTAL_RULES = ["label-content-name-mismatch"]

_AXE = Axe()


# axe's rules that look at colours: what can change between a light and a dark scheme of the
# same page (WCAG 1.4.1, 1.4.3).
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def axe_violations(page: Page, *, disabled_rules: tuple[str, ...] = (),
                   only_rules: list[str] | None = None) -> list[dict[str, Any]]:
    """axe-core's violations on the page as it is now (load it and settle it first): every rule,
    or `only_rules` (e.g. COLOUR_RULES for a second colour scheme of a page checked in full)."""
    options: dict[str, Any] = {
        "runOnly": ({"type": "rule", "values": only_rules} if only_rules
                    else {"type": "tag", "values": RULE_TAGS}),
        "resultTypes": ["violations"],
    }
    rules = {rule: {"enabled": True} for rule in EXPERIMENTAL_RULES if not only_rules}
    rules.update({rule: {"enabled": False} for rule in disabled_rules})
    options["rules"] = rules
    return _AXE.run(page, options=options).response["violations"]


def describe(violations: list[dict[str, Any]], limit: int = 4) -> str:
    """One line per violated rule: id, impact, how many nodes, and the first targets with the
    first reason axe gives (e.g. the contrast ratio)."""
    lines = []
    for violation in violations:
        nodes = violation["nodes"]
        shown = []
        for node in nodes[:limit]:
            checks = node.get("any", []) + node.get("all", []) + node.get("none", [])
            reason = checks[0]["message"] if checks else ""
            shown.append(f"{' '.join(map(str, node['target']))} — {reason}")
        lines.append(f"{violation['id']} ({violation['impact']}, {len(nodes)}): "
                     + "; ".join(shown))
    return "\n".join(lines)
