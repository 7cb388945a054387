"""The same fixture site with `locale: en`: English month names, dates and interface strings;
the whole site in English (theme, `lang`, search), or a build that says what else to set."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import (
    FIXTURES,
    Build,
    copy_fixture,
    full_site_config,
    run_mkdocs,
    site_config,
    text_of,
    write_project,
)


@pytest.fixture(scope="module")
def site(build_fixture) -> Build:
    config = site_config(page_size=3, locale="en")
    config["theme"]["language"] = "en"
    build = build_fixture("archive", config, key="archive-en")
    assert build.returncode == 0, build.log
    return build


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("2014/05/", "Archive for May 2014"),
        ("2016/", "Archive for 2016"),
        ("2016/02/29/", "Archive for February 29, 2016"),
        ("category/prodazhi/", "Category “Продажи”"),
        ("page/2/", "Latest posts — page 2"),
    ],
)
def test_headings_are_english(site: Build, url: str, heading: str) -> None:
    assert text_of(site.html(url).select_one("article h1")) == heading


def test_dates_and_interface_strings_are_english(site: Build) -> None:
    page = site.html("2014/05/pervaia-vstrecha/")
    assert text_of(page.select_one(".letopis-meta time")) == "May 7, 2014"
    older = page.select_one(".letopis-neighbours a[rel=prev] .letopis-neighbours__direction")
    assert text_of(older) == "← Previous post"
    home = site.html("")
    assert text_of(home.select_one(".letopis-pagination__position")) == "Page 1 of 3"


# `locale: en` switches the whole site, or the build says what else to set.

@pytest.fixture(scope="module")
def full_site(build_fixture) -> Build:
    """Every plugin (search, feeds, journal, authors…) in English."""
    config = full_site_config(page_size=3, locale="en")
    config["theme"]["language"] = "en"
    build = build_fixture("archive", config, key="archive-en-full")
    assert build.returncode == 0, build.log
    return build


def content_words(config: dict) -> set[str]:
    """Cyrillic words the editors wrote: the fixture's files and the site's name."""
    texts = [p.read_text(encoding="utf-8")
             for p in (FIXTURES / "archive" / "content").rglob("*.md")]
    return {w.lower() for text in [*texts, config["site_name"]] for w in CYRILLIC.findall(text)}


CYRILLIC = re.compile(r"[а-яё]+", re.IGNORECASE)


def test_only_the_editors_words_are_russian(full_site: Build) -> None:
    allowed = content_words(full_site_config())
    pages = sorted(full_site.site.rglob("*.html"))
    assert len(pages) > 20
    foreign = {}
    for path in pages:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        for hidden in page.select("script, style"):
            hidden.decompose()
        shown = [page.get_text(" ")] + [value for tag in page.find_all(True)
                                        for name, value in tag.attrs.items()
                                        if name in ("title", "aria-label", "placeholder", "alt",
                                                    "content", "data-md-component")
                                        and isinstance(value, str)]
        words = {w.lower() for text in shown for w in CYRILLIC.findall(text)} - allowed
        if words:
            foreign[path.relative_to(full_site.site).as_posix()] = sorted(words)
    assert foreign == {}


def test_language_of_pages_and_search(full_site: Build) -> None:
    for url in ["", "2014/05/", "2014/05/pervaia-vstrecha/", "search/"]:
        assert full_site.html(url).html["lang"] == "en"
    # Pagefind stems by the pages' language: English, not Russian.
    entry = json.loads((full_site.site / "pagefind" / "pagefind-entry.json").read_text())
    assert set(entry["languages"]) == {"en"}
    assert text_of(full_site.html("search/").select_one("h1")) == "Search"


@pytest.mark.parametrize(("locale", "theme_language", "to_set"),
                         [("en", "ru", "theme.language: en"), ("ru", "en", "theme.language: ru"),
                          ("en_GB", "ru", "theme.language: en")])
def test_a_site_in_two_languages_stops_the_build(tmp_path: Path, locale: str,
                                                 theme_language: str, to_set: str) -> None:
    config = site_config(locale=locale)
    config["theme"]["language"] = theme_language
    root = copy_fixture("archive", tmp_path)
    write_project(root, {}, config)
    build = run_mkdocs(root)
    assert build.returncode != 0
    assert to_set in build.log, build.log
    assert "Traceback" not in build.log
    assert not (build.site / "index.html").exists()
