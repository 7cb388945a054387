"""Mutants an audit found surviving (issue 17), each killed here on a real build:
`future: true` must not publish a future post in `mkdocs build`; an ordinary page marked
`draft: true` is never published (a byte-order mark before its front matter included); the
front-matter `subtitle`, which Material prints raw into the navigation, is shown as text.
(The fourth, the WordPress importer keeping an old blog's sub-folder in addresses, is killed
by tests/site/test_wordpress_migration.py; see benchmarks/MUTATION.md.)"""

from __future__ import annotations

from datetime import datetime, timedelta
from xml.etree import ElementTree
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup

from tests.conftest import Build, full_site_config, run_mkdocs, text_of, write_project

SUBTITLE = '<img src=x onerror="window.__xss=14"> «подзаголовок» & </small>'
PAST = "---\ntitle: Уже вышла\ndate: 2014-05-20\n---\n\nТекст.\n"
DRAFT_PAGE = "---\ntitle: Черновик страницы\ndraft: true\n---\n\nПозже.\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, datetime]:
    # Dated from the moment of the build, not of the module's collection: a slow run cannot
    # bring the date past.
    soon = datetime.now(ZoneInfo("Europe/Moscow")) + timedelta(days=3)
    posts = {
        "posts/past.md": PAST,
        "posts/future.md": f"---\ntitle: Запланированная\ndate: {soon:%Y-%m-%d %H:%M}\n---\n\n"
                           "Текст.\n",
        "about.md": f"---\ntitle: О блоге\nsubtitle: '{SUBTITLE}'\n---\n\nО блоге.\n",
        "hidden.md": DRAFT_PAGE,
        # Saved by an editor whose tool writes a byte-order mark.
        "hidden-bom.md": "\ufeff" + DRAFT_PAGE.replace("страницы", "с меткой"),
    }
    config = full_site_config(future=True)  # asks for future posts in a preview, not here
    build = run_mkdocs(write_project(tmp_path_factory.mktemp("survivors"), posts, config))
    assert build.returncode == 0, build.log
    assert "WARNING" not in build.log
    return build, soon


def test_future_true_does_not_publish_a_future_post_in_a_build(
        site: tuple[Build, datetime]) -> None:
    build, soon = site
    assert build.exists("2014/05/uzhe-vyshla/")  # the control: a past post is published
    assert not build.exists(f"{soon:%Y/%m}/zaplanirovannaia/")
    assert not build.exists(f"{soon:%Y/%m}/")
    titles = [text_of(a) for a in build.html("").select(".letopis-entry__title a")]
    assert titles == ["Уже вышла"]
    assert "content/posts/future.md" in build.log  # named as waiting for its date


@pytest.mark.parametrize(("name", "title"), [("hidden", "Черновик страницы"),
                                             ("hidden-bom", "Черновик с меткой")],
                         ids=["plain", "byte-order-mark"])
def test_an_ordinary_page_marked_draft_is_not_published(site: tuple[Build, datetime],
                                                        name: str, title: str) -> None:
    build, _ = site
    assert build.exists("about/")  # the control: an ordinary page is published
    assert not build.exists(f"{name}/")
    nav = build.html("about/").select("nav.md-nav--primary a.md-nav__link")
    labels = [text_of(a) for a in nav]
    assert any("О блоге" in label for label in labels), labels
    assert title not in labels
    locations = [loc.text for loc in ElementTree.parse(build.site / "sitemap.xml").iter()
                 if loc.tag.endswith("loc")]
    assert any(loc.endswith("/about/") for loc in locations)
    assert not any(loc.endswith(f"/{name}/") for loc in locations), locations


def test_a_subtitle_shows_in_the_navigation_as_text(site: tuple[Build, datetime]) -> None:
    build, _ = site
    pages = [build.html(""), build.html("about/"), build.html("2014/05/uzhe-vyshla/")]
    for soup in pages:
        shown = soup.select("nav.md-nav--primary small")
        assert shown, "the subtitle is not in the navigation at all"
        assert [text_of(small) for small in shown] == [" ".join(SUBTITLE.split())]
        for small in shown:
            assert small.find(True) is None  # no element: no <img>, no early </small>
        assert not soup.select("nav img[onerror]")


def test_the_subtitle_page_itself_is_unharmed(site: tuple[Build, datetime]) -> None:
    build, _ = site
    page: BeautifulSoup = build.html("about/")
    assert text_of(page.select_one("article h1")) == "О блоге"
