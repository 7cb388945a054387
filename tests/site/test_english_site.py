"""The same fixture site with `locale: en`: English month names, dates and interface strings."""

from __future__ import annotations

import pytest

from tests.conftest import Build, site_config, text_of


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
