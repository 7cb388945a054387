"""Pictures of the old site that were lost (the seed shows only their file names, «mini-olen»,
«salesguru-ruka») are marked placeholders on the post's page, never words of the post: no
summary, description, structured data, feed item or search entry carries their names."""

from __future__ import annotations

import gzip
import json
import re

import feedparser
import pytest
from bs4 import BeautifulSoup

from tests.conftest import Build, text_of

LOST = ".letopis-missing-image"


@pytest.fixture(scope="module")
def site(bundled_site: Build) -> Build:
    assert bundled_site.returncode == 0, bundled_site.log
    return bundled_site


def posts_with_lost_images(build: Build) -> dict[str, list[str]]:
    """URL of each post page showing a lost picture → the names of its lost pictures."""
    found = {}
    for path in sorted(build.site.glob("20*/*/*/index.html")):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        names = [text_of(span) for span in page.select(f".letopis-post {LOST}")]
        if names:
            found[path.parent.relative_to(build.site).as_posix() + "/"] = names
    return found


@pytest.fixture(scope="module")
def lost(site: Build) -> dict[str, list[str]]:
    found = posts_with_lost_images(site)
    # The seed's two posts with lost pictures (the test is worth nothing without them).
    assert len(found) == 2, found
    return found


def test_the_page_keeps_the_marked_placeholder(site: Build, lost: dict) -> None:
    # Left out of summaries, feeds and search, never out of the page: there it is a box saying
    # that the picture was lost (its title, shown by letopis.css), its old name beneath.
    for url in lost:
        for span in site.html(url).select(f".letopis-post {LOST}"):
            assert "не сохранил" in span["title"]


def test_summaries_leave_the_names_out(site: Build, lost: dict) -> None:
    names = {name for names in lost.values() for name in names}
    listings = ["", "2014/", "2014/05/", "category/zhurnal/", "tag/klienting/"]
    summaries = [text_of(p) for url in listings
                 for p in site.html(url).select(".letopis-entry__summary")]
    assert len(summaries) >= len(listings)
    assert [s for s in summaries if any(name in s for name in names)] == []


def test_the_summary_keeps_the_text_around_the_placeholder(site: Build, lost: dict) -> None:
    # A post whose first paragraph (its summary: the seed has no «more» marker) holds one.
    opening = {url: site.html(url).select_one(".letopis-post > p:not([class])") for url in lost}
    opening = {url: p for url, p in opening.items() if p.select(LOST)}
    assert opening
    for url, paragraph in opening.items():
        for span in paragraph.select(LOST):
            span.decompose()
        words = text_of(paragraph).split()[:5]
        listing = site.html(url.rsplit("/", 2)[0] + "/")  # the month of the post
        summary = next(text_of(entry.select_one(".letopis-entry__summary"))
                       for entry in listing.select(".letopis-entry")
                       if entry.select_one(f'a[href$="{url.split("/")[-2]}/"]'))
        assert summary.startswith(" ".join(words)), summary


def test_descriptions_and_structured_data_leave_the_names_out(site: Build, lost: dict) -> None:
    for url, names in lost.items():
        page = site.html(url)
        descriptions = [meta["content"] for meta in page.select(
            'meta[name=description], meta[property="og:description"], '
            'meta[name="twitter:description"]')]
        assert len(descriptions) == 3
        data = [json.loads(s.string) for s in page.select('script[type="application/ld+json"]')]
        for text in [*descriptions, json.dumps(data, ensure_ascii=False)]:
            assert not [name for name in names if name in text], url


@pytest.mark.parametrize("feed", ["rss.xml", "atom.xml", "category/zhurnal/rss.xml"])
def test_feed_items_leave_the_names_out(site: Build, lost: dict, feed: str) -> None:
    names = {name for names in lost.values() for name in names}
    parsed = feedparser.parse((site.site / feed).read_bytes())
    assert not parsed.bozo and parsed.entries
    for entry in parsed.entries:
        texts = [entry.get("summary", "")] + [c.value for c in entry.get("content", [])]
        assert not [name for name in names for text in texts if name in text], entry.link


def test_search_leaves_the_names_out(site: Build, lost: dict) -> None:
    names = {name for names in lost.values() for name in names}
    indexed = []
    for path in (site.site / "pagefind" / "fragment").glob("*.pf_fragment"):
        data = gzip.decompress(path.read_bytes())
        indexed.append(json.loads(data[data.index(b"{"):]))
    assert {"/" + url for url in lost} <= {fragment["url"] for fragment in indexed}
    for fragment in indexed:
        words = set(re.findall(r"[\w-]+", fragment["content"]))
        assert not names & words, fragment["url"]
        assert not [name for name in names if name in fragment["content"]], fragment["url"]
