"""Missing addresses and failing requests, as a reader meets them on GitHub Pages.

GitHub Pages answers a missing path with the site's 404.html (status 404), at any depth and
under the project's sub-folder; the server here does the same. Every page kind is opened in
Chromium and every request it makes is recorded: none may answer an error (Material once read
the feeds' <link rel=alternate> as language versions and fetched
`category/<slug>/sitemap.xml`). The 404 page itself must keep its styles, calendar, search
and links at any depth."""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, Response

from tests.browser.conftest import serving
from tests.conftest import Build
from tests.site.test_reader_pieces import SITE, reader_config

pytestmark = pytest.mark.browser


class _PagesHandler(SimpleHTTPRequestHandler):
    """A static server like GitHub Pages: the site lives under `prefix`, and a missing path
    answers 404 with the site's own 404.html."""

    prefix = "/"

    def log_message(self, format: str, *args: object) -> None:
        pass

    def translate_path(self, path: str) -> str:
        path = urlsplit(path).path
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "no such file")
        return super().translate_path("/" + path.removeprefix(self.prefix))

    def send_head(self):  # type: ignore[no-untyped-def]
        target = Path(self.translate_path(self.path))
        if target.is_dir():
            target = target / "index.html"
        if target.exists():
            return super().send_head()
        body = (Path(self.directory) / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def pages_server(build: Build, prefix: str) -> Iterator[str]:
    """`build` served like GitHub Pages under `prefix` ("/" or "/project/"); yields its URL."""
    with serving(build, type("Handler", (_PagesHandler,), {"prefix": prefix}), prefix) as url:
        yield url


def page_kinds(build: Build) -> dict[str, str]:
    """One address of every kind of page the build has, found in the build itself."""
    site = build.site

    def first(pattern: str) -> str:
        found = sorted(p.parent.relative_to(site).as_posix() + "/"
                       for p in site.glob(pattern + "/index.html"))
        assert found, f"the build has no page like {pattern}"
        return found[0]

    posts = [p for p in site.glob("[0-9][0-9][0-9][0-9]/[0-9][0-9]/*/index.html")
             if not p.parent.name.isdigit()]
    assert posts
    post = sorted(posts)[0].parent.relative_to(site).as_posix() + "/"
    return {
        "home": "",
        "year": first("[0-9][0-9][0-9][0-9]"),
        "month": first("[0-9][0-9][0-9][0-9]/[0-9][0-9]"),
        "day": first("[0-9][0-9][0-9][0-9]/[0-9][0-9]/[0-9][0-9]"),
        "post": post,
        "archive": "archive/",
        "categories": "category/",
        "category": first("category/*"),
        "tags": "tag/",
        "tag": first("tag/*"),
        "journal": first("journal/*"),
        "issue": first("journal/*/[0-9][0-9][0-9][0-9]/*"),
        "authors": "author/",
        "author": first("author/*"),
        "search": "search/?q=клиент",
        "missing": "2014/05/no-such-post/",
    }


@pytest.fixture(scope="module")
def bundled_pages(bundled_site: Build) -> Iterator[str]:
    with pages_server(bundled_site, "/") as url:
        yield url


def failing_requests(page: Page, url: str) -> list[str]:
    """Open `url` and wait until the network is quiet; the requests that answered an error
    (the page's own address excepted) or failed on the site's own server."""
    bad: list[str] = []
    origin = urlsplit(url)._replace(path="", query="", fragment="").geturl()

    def on_response(response: Response) -> None:
        if response.status >= 400 and response.url != url:
            bad.append(f"{response.status} {response.url}")

    def on_failed(request) -> None:  # type: ignore[no-untyped-def]
        # A request cut short by the next navigation (the favicon, often) is no failure.
        if request.url.startswith(origin) and request.failure != "net::ERR_ABORTED":
            bad.append(f"failed {request.url}")

    page.on("response", on_response)
    page.on("requestfailed", on_failed)
    try:
        page.goto(url, wait_until="networkidle")
    finally:
        page.remove_listener("response", on_response)
        page.remove_listener("requestfailed", on_failed)
    return bad


def test_no_page_kind_makes_a_request_that_fails(page: Page, bundled_site: Build,
                                                 bundled_pages: str) -> None:
    problems = {kind: bad for kind, address in page_kinds(bundled_site).items()
                if (bad := failing_requests(page, bundled_pages + address))}
    assert not problems


def test_category_pages_do_not_take_feeds_for_language_versions(
        page: Page, bundled_site: Build, bundled_pages: str) -> None:
    """The defect itself, named: no sitemap.xml is asked for below the site's root."""
    sitemaps: list[str] = []
    page.on("request", lambda request: sitemaps.append(request.url)
            if request.url.endswith("sitemap.xml") else None)
    page.goto(bundled_pages + page_kinds(bundled_site)["category"], wait_until="networkidle")
    assert set(sitemaps) <= {bundled_pages + "sitemap.xml"}


def test_the_bundled_site_answers_favicon_ico(page: Page, bundled_pages: str) -> None:
    response = page.request.get(bundled_pages + "favicon.ico")
    assert response.status == 200
    assert response.body()[:4] == b"\x00\x00\x01\x00"  # an ICO file


@pytest.fixture(scope="module")
def project_pages(build_fixture) -> Iterator[str]:
    """The archive fixture with every plugin, published like a GitHub Pages project site:
    under site_url's folder (/archive/), the 404 page answering every missing path."""
    build = build_fixture("archive", reader_config(), key="archive-reader")
    with pages_server(build, urlsplit(SITE).path) as url:
        yield url


@pytest.mark.parametrize("missing", ["nothing/", "2014/05/no-such-post/",
                                     "2014/05/07/a/b/c/page.html"])
def test_the_404_page_works_at_any_depth(page: Page, project_pages: str, missing: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    response = page.goto(project_pages + missing)
    assert response is not None and response.status == 404
    assert failing_requests(page, project_pages + missing) == []
    assert page.locator("h1").inner_text() == "Страница не найдена"
    # Styles are loaded and applied: Material's header is coloured, Letopis' sidebar laid out.
    sheets = page.evaluate("""[...document.querySelectorAll('link[rel=stylesheet]')]
        .filter(l => l.href.startsWith(location.origin)).map(l => l.sheet.cssRules.length)""")
    assert sheets and all(rules > 0 for rules in sheets)
    header = page.evaluate("getComputedStyle(document.querySelector('.md-header'))"
                           ".backgroundColor")
    assert header not in ("rgba(0, 0, 0, 0)", "transparent")
    assert page.locator("nav.calendar").is_visible()
    # Every way back leads somewhere that exists.
    links = page.locator(".letopis-not-found a, nav.calendar a, .md-header a")
    hrefs = {links.nth(i).evaluate("a => a.href") for i in range(links.count())}
    assert len(hrefs) >= 5
    for href in hrefs:
        assert href.startswith(project_pages), href
        assert page.request.get(href).status == 200, href
    # The search form leads to the search page with the words.
    page.get_by_label("Что найти").fill("встреча")
    page.locator(".letopis-not-found__button").click()
    page.wait_for_url(project_pages + "search/?q=*")
    assert page.locator("h1").inner_text() == "Поиск"
