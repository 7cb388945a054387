"""In Chromium, editors' text never runs as script: the hostile fixture's fields would set
`window.__xss` (or open a dialog) if any of them were taken for HTML — on the post, the
listings, the calendar, the journal pages and in the search results.

Every element of a page is hovered, clicked, focused and typed into (so that `onclick`,
`onfocus` and `javascript:` links would fire too), and a positive control proves that the
harness notices each kind of payload that does run."""

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

# Any write to window.__xss is reported to the test, even from a page that then navigates.
WATCH = """Object.defineProperty(window, "__xss", {
  configurable: true,
  get() { return undefined; },
  set(value) { window.letopisFired(String(value)); },
});"""

# What a reader can do to an element: each event a hostile attribute could wait for.
PROVOKE = """() => {
  // Links other than javascript: ones, and forms, go nowhere: the page under test stays.
  // (Done in the page: intercepting the navigations with Playwright's routing could leave a
  // request pending forever in Chromium 150.) The element's own handlers still run.
  window.addEventListener("click", (event) => {
    const link = event.target.closest ? event.target.closest("a[href]") : null;
    if (link && !link.href.startsWith("javascript:")) event.preventDefault();
  }, true);
  window.addEventListener("submit", (event) => event.preventDefault(), true);
  const kinds = [
    ["mouseover", MouseEvent], ["mouseenter", MouseEvent], ["mousedown", MouseEvent],
    ["mouseup", MouseEvent], ["click", MouseEvent], ["dblclick", MouseEvent],
    ["focus", FocusEvent], ["focusin", FocusEvent], ["blur", FocusEvent],
    ["keydown", KeyboardEvent], ["input", Event], ["change", Event],
  ];
  const elements = [...document.querySelectorAll("body *")];
  for (const element of elements) {
    if (typeof element.focus === "function") element.focus();
    for (const [type, Kind] of kinds) {
      element.dispatchEvent(new Kind(type, {bubbles: true, cancelable: true}));
    }
  }
  return elements.length;
}"""

# One payload per page, each of a kind the harness must notice: (name, body, what it reports).
CONTROLS = [
    ("onmouseover", '<span onmouseover="window.__xss=\'onmouseover\'">наведите</span>',
     "onmouseover"),
    ("onclick", '<b onclick="window.__xss=\'onclick\'">нажмите</b>', "onclick"),
    ("javascript-link", '<a href="javascript:void(window.__xss=\'javascript:\')">ссылка</a>',
     "javascript:"),
    ("javascript-alert", "<a href=\"javascript:alert('тег')\">тег</a>", "dialog: тег"),
    ("onfocus", '<input aria-label="поле" onfocus="window.__xss=\'onfocus\'">', "onfocus"),
    ("onerror", '<img alt="" src="nowhere.png" onerror="window.__xss=\'onerror\'">',
     "onerror"),
    ("script", "<p>текст</p><script>window.__xss='script'</script>", "script"),
]


@pytest.fixture(scope="module")
def served_hostile_site(hostile_site: Build) -> Iterator[str]:
    with serving(hostile_site) as url:
        yield url


@pytest.fixture(scope="module")
def served_controls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Pages whose payload must run: the harness is worth only what it can see."""
    site = tmp_path_factory.mktemp("controls")
    for name, body, _ in CONTROLS:
        (site / name).mkdir()
        (site / name / "index.html").write_text(
            f'<!doctype html><html lang="ru"><head><meta charset="utf-8"><title>{name}</title>'
            f"</head><body><main>{body}</main></body></html>", encoding="utf-8")
    with serving(Build(site, 0, "")) as url:
        yield url


@pytest.fixture
def watched(page: Page) -> Iterator[tuple[Page, list[str]]]:
    fired: list[str] = []
    page.expose_function("letopisFired", lambda value: fired.append(value))
    page.add_init_script(WATCH)
    page.on("dialog", lambda dialog: (fired.append("dialog: " + dialog.message),
                                      dialog.dismiss()))
    yield page, fired


def provoke(page: Page, url: str, *, redirects_to: str | None = None) -> None:
    """Load `url`, then hover, click, focus and type into every element of it. Links clicked
    go nowhere (the page under test stays), but a `javascript:` link runs as a reader's
    click would run it."""
    page.goto(url)
    page.wait_for_load_state("load")
    if redirects_to:
        page.wait_for_url("**/" + redirects_to)  # the redirect page sends the reader on
    assert page.evaluate(PROVOKE) > 0  # something was there to provoke
    # Handlers and javascript: links run after the events; their reports cross to Python.
    page.wait_for_timeout(300)


@pytest.mark.parametrize("url", PAGES)
def test_no_field_runs_as_script(watched: tuple[Page, list[str]], served_hostile_site: str,
                                 url: str) -> None:
    page, fired = watched
    provoke(page, served_hostile_site + url, redirects_to=POST if url == "old/zloi/" else None)
    assert fired == []


@pytest.mark.parametrize(("name", "expected"), [(name, expected)
                                                for name, _, expected in CONTROLS],
                         ids=[name for name, _, _ in CONTROLS])
def test_the_harness_notices_a_payload_that_runs(watched: tuple[Page, list[str]],
                                                 served_controls: str, name: str,
                                                 expected: str) -> None:
    page, fired = watched
    provoke(page, f"{served_controls}{name}/")
    assert expected in fired, fired


def test_search_results_show_titles_as_text(watched: tuple[Page, list[str]],
                                            served_hostile_site: str) -> None:
    page, fired = watched
    page.goto(served_hostile_site + "search/?q=кавычки")
    result = page.locator(".pagefind-ui__result-link").first
    result.wait_for()
    page.wait_for_load_state("networkidle")
    titles = page.locator(".pagefind-ui__result-link").all_inner_texts()
    assert any("<img src=x onerror=" in title for title in titles), titles
    assert page.locator(".pagefind-ui__results img, .pagefind-ui__results svg[onload]").count() \
        == 0
    page.wait_for_timeout(300)
    assert fired == []
