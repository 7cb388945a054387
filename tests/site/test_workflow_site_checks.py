"""The built-site checks the publishing workflow runs before a content push goes live: internal
links and anchors resolve, each page has one <title> and one <h1>, no address of this machine
(localhost, 127.0.0.1) is left anywhere, the feeds and the sitemap parse.

In the workflow they check the site just built (`LETOPIS_CHECK_SITE=site`, see
.github/workflows/publish.yml and docs/publishing.md); in `make test` they check the bundled
site built here with a real address, as the workflow builds it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import feedparser
import pytest
from lxml import etree

from tests.conftest import REPO, run_mkdocs
from tests.site.test_link_integrity import SiteScan, built_site_url, check_site, report

PUBLISHED_AT = "https://example.org/letopis/"
# An address of the machine that built the site, in any text file (HTML, feeds, JSON-LD, the
# search index's metadata): a regular expression over the text is stricter than any parser.
LOCALHOST = re.compile(r"(?i)(?<![\w.-])(?:localhost|127\.0\.0\.1|0\.0\.0\.0)(?![\w-]|\.\w)"
                       r"|\[::1\]")
TEXT = {".html", ".xml", ".json", ".txt", ".js", ".css", ".webmanifest"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    given = os.environ.get("LETOPIS_CHECK_SITE")
    if given:
        return Path(given).resolve()
    build = run_mkdocs(REPO, site=tmp_path_factory.mktemp("published") / "site",
                       env={"SITE_URL": PUBLISHED_AT})
    assert build.returncode == 0, build.log
    return build.site


@pytest.fixture(scope="module")
def scan(site: Path) -> SiteScan:
    assert (site / "index.html").is_file(), f"no site at {site}"
    return check_site(site, built_site_url(site))


def test_internal_links_and_anchors_resolve(scan: SiteScan) -> None:
    assert scan.internal_links > 0
    assert not scan.broken_links, report(scan.broken_links)


def test_every_page_has_one_title_and_one_h1(scan: SiteScan) -> None:
    assert scan.pages > 0
    assert not scan.page_problems, report(scan.page_problems)


def test_no_address_of_this_machine_is_published(site: Path) -> None:
    found = []
    for path in sorted(site.rglob("*")):
        if path.suffix in TEXT and path.is_file():
            text = path.read_text(encoding="utf-8", errors="replace")
            found += [f"{path.relative_to(site)}: {m.group(0)}" for m in LOCALHOST.finditer(text)]
    assert not found, "\n".join(found[:20])


def test_the_checker_of_local_addresses_finds_them() -> None:
    for text in ("http://127.0.0.1:8000/2014/", "//localhost/x", "http://[::1]:8000/"):
        assert LOCALHOST.search(text), text
    for text in ("https://example.org/", "localhostname.example", "127.0.0.10"):
        assert not LOCALHOST.search(text), text


def test_feeds_and_sitemap_parse(site: Path) -> None:
    feeds = sorted(site.rglob("rss.xml")) + sorted(site.rglob("atom.xml"))
    assert feeds, "no feed was built"
    for path in feeds:
        feed = feedparser.parse(path.read_bytes())
        assert not feed.bozo, f"{path.relative_to(site)}: {feed.get('bozo_exception')}"
        assert feed.version, path
    sitemap = etree.parse(str(site / "sitemap.xml"))
    locations = sitemap.findall(".//{http://www.sitemaps.org/schemas/sitemap/0.9}loc")
    assert locations and all(loc.text.startswith(built_site_url(site)) for loc in locations)
