"""A real build with options other than the defaults: permalinks with the day, posts, journal
and authors registry under other names, the search page elsewhere, feeds without categories,
and a post template of the site's own theme."""

from __future__ import annotations

import shutil
from xml.etree import ElementTree

import pytest

from tests.conftest import (
    REPO,
    Build,
    copy_fixture,
    full_site_config,
    resolve,
    run_mkdocs,
    text_of,
    write_project,
)

POST = "2014/05/20/vtoroi-nomer-podpisan-v-pechat/"  # {year}/{month}/{day}/{slug}/
OWN_POST_TEMPLATE = """{% extends "letopis/post.html" %}
{% block content %}<p class="own-template">Шаблон сайта</p>{{ super() }}{% endblock %}
"""


def plugin_options(config: dict, name: str, **values: object) -> None:
    for i, entry in enumerate(config["plugins"]):
        if (entry if isinstance(entry, str) else next(iter(entry))) == name:
            old = {} if isinstance(entry, str) else entry[name]
            config["plugins"][i] = {name: {**old, **values}}
            return
    raise AssertionError(f"{name} is not in the configuration")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = copy_fixture("journal", tmp_path_factory.mktemp("options"))
    content = root / "content"
    (content / "posts").rename(content / "zapisi")
    (content / "journal").rename(content / "zhurnaly")
    (content / "authors.yml").rename(content / "lyudi.yml")
    theme = shutil.copytree(REPO / "theme", root / "theme")
    # Under letopis/, where templates autoescape (docs/theme.md).
    (theme / "letopis" / "site").mkdir()
    (theme / "letopis" / "site" / "post.html").write_text(OWN_POST_TEMPLATE, encoding="utf-8")
    config = full_site_config(post_url_format="{year}/{month}/{day}/{slug}/",
                              posts_dir="zapisi", authors_file="lyudi.yml",
                              post_template="letopis/site/post.html")
    config["theme"]["custom_dir"] = str(theme)
    plugin_options(config, "letopis/journal", journal_dir="zhurnaly")
    plugin_options(config, "letopis/search", search_url="poisk/")
    plugin_options(config, "letopis/feeds", categories=False)
    build = run_mkdocs(write_project(root, {}, config))
    assert build.returncode == 0, build.log
    assert "WARNING" not in build.log, build.log
    return build


def test_permalinks_carry_the_day(site: Build) -> None:
    assert text_of(site.html(POST).select_one("article h1")) == "Второй номер подписан в печать"
    assert not site.exists("2014/05/vtoroi-nomer-podpisan-v-pechat/")
    links = [resolve("2014/05/", a["href"])
             for a in site.html("2014/05/").select(".letopis-entry__title a")]
    assert POST in links


def test_posts_journal_and_authors_come_from_their_folders(site: Build) -> None:
    # The journal's pages take the folder's name; an issue file is no page of its own.
    assert text_of(site.html("zhurnaly/vestnik/2014/2/").select_one("article h1")) != ""
    assert not site.exists("zhurnaly/vestnik/2014-2/") and not site.exists("journal/")
    author = site.html("author/ivanova/")
    assert text_of(author.select_one("article h1")) == "Анна Иванова"
    assert POST in [resolve("author/ivanova/", a["href"]) for a in author.select("a[href]")]
    assert not (site.site / "lyudi.yml").exists()
    assert not site.exists("zapisi/anons-2/")


def test_the_search_page_lives_at_its_own_address(site: Build) -> None:
    assert site.exists("poisk/") and not site.exists("search/")
    form = site.html(POST).select_one("form[role=search], .letopis-header-search")
    assert form is not None
    action = form.get("action") or form.find("form")["action"]
    assert resolve(POST, action) == "poisk/"


def test_categories_get_no_feeds_of_their_own(site: Build) -> None:
    # The category has its archive, and only the site's own feeds exist.
    category = site.html("category/novosti/")
    assert "Запись со схемой" in [text_of(a) for a in category.select(".letopis-entry__title a")]
    feeds = sorted(p.relative_to(site.site).as_posix() for p in site.site.rglob("*.xml")
                   if p.name in {"rss.xml", "atom.xml"})
    assert feeds == ["atom.xml", "rss.xml"]
    links = category.select('link[rel~=feed]')
    assert links and all(resolve("category/novosti/", link["href"]) in feeds for link in links)
    for name in feeds:  # and the site's feeds do hold its post
        tree = ElementTree.parse(site.site / name)
        titles = [e.text for e in tree.iter() if e.tag.rsplit("}", 1)[-1] == "title"]
        assert "Запись со схемой" in titles, name


def test_posts_use_the_sites_own_template(site: Build) -> None:
    page = site.html(POST)
    assert text_of(page.select_one(".own-template")) == "Шаблон сайта"
    # The template it extends still renders, its markup as markup.
    assert page.select_one("article h1") is not None
    assert page.select_one(".letopis-post__header time[datetime]") is not None
    assert site.html("2014/05/").select_one(".own-template") is None  # listings keep theirs
