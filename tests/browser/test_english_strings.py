"""Russian everywhere a reader looks or listens: no English string of the theme, of Pagefind's
interface or of Python-Markdown in the text or in the title, aria-label, placeholder and alt of
any kind of page, as the browser shows it (scripts included); the search page counts its
results in the right Russian form.

The English strings are read from the tools themselves (Material's English language file and
templates, Pagefind's interface script, Python-Markdown's default anchor title), not from
Letopis: a string the theme adds in a later release is then looked for too.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

import material
import pytest
from babel import Locale
from markdown.extensions.toc import TocExtension
from playwright.sync_api import Browser, Page

from tests.browser.page_kinds import PAGES, SERVED, settle
from tests.conftest import Build

pytestmark = pytest.mark.browser

MATERIAL = Path(material.__file__).parent / "templates"
# Keys of Material's language file that are settings, not words.
NOT_WORDS = {"language", "direction", "search.config.lang", "search.config.pipeline",
             "search.config.separator"}


def material_strings() -> set[str]:
    """The values of Material's English language file and the English text of its templates
    («Made with», «404 - Not found»)."""
    english = (MATERIAL / "partials" / "languages" / "en.html").read_text(encoding="utf-8")
    strings = {value for key, value in re.findall(r'"([^"]+)":\s*"([^"]*)"', english)
               if key not in NOT_WORDS}
    for template in MATERIAL.rglob("*.html"):
        if "languages" in template.parts:
            continue
        text = template.read_text(encoding="utf-8")
        for pattern in (r"\{#.*?#\}", r"<script.*?</script>", r"\{%.*?%\}", r"\{\{.*?\}\}",
                        r"<[^>]*>"):
            text = re.sub(pattern, "\n", text, flags=re.DOTALL)
        strings |= {" ".join(line.split()) for line in text.splitlines()
                    if re.fullmatch(r"[\w .,'!?-]*[A-Za-z]{2,}[\w .,'!?-]*", line.strip())}
    return strings


def pagefind_strings(site: Path) -> set[str]:
    """The English strings of Pagefind's interface, from the script the site serves."""
    script = (site / "pagefind" / "pagefind-ui.js").read_text(encoding="utf-8")
    start = script.index('placeholder:"Search"')
    english = script[start:script.index("}", start)]
    return set(re.findall(r'\w+:"((?:[^"\\]|\\.)*)"', english))


@functools.cache
def english_patterns(site: Path) -> list[tuple[str, re.Pattern[str]]]:
    strings = material_strings() | pagefind_strings(site)
    strings.add(TocExtension().getConfig("permalink_title"))  # «Permanent link»
    patterns = []
    for string in sorted(strings):
        if len(string) < 3:  # «in», «en»: letters, not words a reader would notice
            continue
        # «# min read», «[COUNT] results for [SEARCH_TERM]»: placeholders match anything.
        parts = [re.escape(part) for part in re.split(r"#|\[[A-Z_]+\]", string)]
        pattern = r"\b" + r".+?".join(parts).strip() + r"(?!\w)"
        patterns.append((string, re.compile(pattern)))
    return patterns


# Everything a reader sees or hears: the visible text, the page's title, and the attributes
# that name or describe things (scripts' additions included: the page is read as it stands).
SHOWN = """() => {
  const found = [document.title, document.body.innerText];
  for (const element of document.querySelectorAll("[title], [aria-label], [placeholder], [alt]")) {
    for (const name of ["title", "aria-label", "placeholder", "alt"]) {
      const value = element.getAttribute(name);
      if (value) found.push(value);
    }
  }
  return found;
}"""


def english_on(page: Page, site: Path) -> list[str]:
    texts = page.evaluate(SHOWN)
    return sorted({f"{string!r} in {text[:80]!r}" for text in texts
                   for string, pattern in english_patterns(site) if pattern.search(text)})


def test_the_list_of_english_strings_holds_what_readers_saw() -> None:
    """The strings of the theme that issue 14 found on the site are among those looked for."""
    strings = material_strings()
    assert {"Made with", "Material for MkDocs", "404 - Not found", "Skip to content"} <= strings


@pytest.mark.parametrize("site", sorted(PAGES))
def test_no_english_string_on_any_page_kind(browser: Browser, request: pytest.FixtureRequest,
                                            site: str) -> None:
    build: Build = request.getfixturevalue({"bundled": "bundled_site",
                                            "generated": "several_years_site"}[site])
    base = request.getfixturevalue(SERVED[site])
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    found = []
    try:
        page = context.new_page()
        for kind, url in PAGES[site].items():
            settle(page, base + url)
            found += [f"{kind} ({url}): {hit}" for hit in english_on(page, build.site)]
    finally:
        context.close()
    assert not found, "\n".join(found)


# Russian counts: the form a number takes (CLDR's plural categories, from Babel).
RESULTS = {"one": "результат", "few": "результата", "many": "результатов"}


def test_search_counts_results_in_russian(browser: Browser, served_several_years_site: str
                                          ) -> None:
    context = browser.new_context()
    forms = {}
    try:
        page = context.new_page()
        # Words of the generated site found on one page, a few and many (61, 53, 7, 4, 3, 1 now).
        for words in ("клиент", "дорого", "Вестник", "Смирнова", "CRM", "обложка"):
            settle(page, f"{served_several_years_site}search/?q={words}")
            message = page.locator(".pagefind-ui__message").inner_text()
            match = re.match(r"(\d+) (\w+) по запросу: (.+)$", message)
            assert match, message
            count, noun, shown_words = int(match[1]), match[2], match[3]
            form = Locale("ru").plural_form(count)
            assert noun == RESULTS[form], message
            assert shown_words == words, message
            forms[form] = message
    finally:
        context.close()
    assert set(forms) == set(RESULTS), forms  # each of the three forms was seen
