"""What a published archive gives readers and search engines, on the journal fixture built
with every plugin: feeds, link previews, the sitemap, redirects from old addresses."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from urllib.parse import urljoin

import feedparser
import pytest
from bs4 import BeautifulSoup

from tests.conftest import Build, full_site_config, run_mkdocs, site_config, write_project

SITE = "https://example.org/archive/"
PUBLISHED = [  # newest first: (title, URL)
    ("Второй номер подписан в печать", "2014/05/vtoroi-nomer-podpisan-v-pechat/"),
    ("Вышел первый номер", "2014/01/vyshel-pervyi-nomer/"),
    ("Заголовок </script><b>жирный</b> & \"кавычки\" 'апостроф'", "2013/11/opasnyi-zagolovok/"),
    ("Запись со схемой", "2012/03/zapis-so-skhemoi/"),
]
WITH_IMAGE = "2012/03/zapis-so-skhemoi/"


@pytest.fixture(scope="module")
def site(build_fixture) -> Build:
    build = build_fixture("journal", full_site_config(), key="journal-full")
    assert build.returncode == 0, build.log
    assert "WARNING" not in build.log
    return build


def parse_feed(build: Build, name: str) -> feedparser.FeedParserDict:
    feed = feedparser.parse((build.site / name).read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    return feed


@pytest.mark.parametrize("name", ["rss.xml", "atom.xml"])
def test_site_feeds_are_valid_and_newest_first(site: Build, name: str) -> None:
    feed = parse_feed(site, name)
    assert [(e.title, e.link) for e in feed.entries] == [(t, SITE + u) for t, u in PUBLISHED]
    # The feed's own date is its newest post's, not the build's.
    assert feed.feed.updated_parsed[:3] == (2014, 5, 19)  # 20 May 00:00 in Moscow, in UTC


def test_rss_dates_carry_the_site_time_zone(site: Build) -> None:
    rss = (site.site / "rss.xml").read_text(encoding="utf-8")
    assert "<pubDate>Tue, 20 May 2014 00:00:00 +0400</pubDate>" in rss
    assert "<lastBuildDate>Tue, 20 May 2014 00:00:00 +0400</lastBuildDate>" in rss
    atom = parse_feed(site, "atom.xml")
    assert atom.entries[0].published == "2014-05-20T00:00:00+04:00"
    assert atom.entries[-1].published == "2012-03-10T14:00:00+04:00"


def test_a_title_with_markup_characters_survives_as_text(site: Build) -> None:
    for name in ("rss.xml", "atom.xml"):
        titles = [entry.title for entry in parse_feed(site, name).entries]
        assert PUBLISHED[2][0] in titles


def test_feed_content_is_the_full_post_with_absolute_addresses(site: Build) -> None:
    entry = next(e for e in parse_feed(site, "atom.xml").entries if e.link == SITE + WITH_IMAGE)
    content = BeautifulSoup(entry.content[0].value, "lxml")
    assert content.find("img")["src"] == SITE + "images/scheme.png"
    assert content.find("a", string="ссылка на анонс")["href"] == \
        SITE + "2014/01/vyshel-pervyi-nomer/"
    assert "Текст раздела." in content.get_text()
    assert "¶" not in content.get_text()
    image = site.site / content.find("img")["src"].removeprefix(SITE)
    assert image.is_file()


def test_each_category_has_its_own_feeds(site: Build) -> None:
    for name in ("rss.xml", "atom.xml"):
        feed = parse_feed(site, f"category/novosti/{name}")
        assert [e.title for e in feed.entries] == ["Запись со схемой"]


def test_every_page_advertises_the_feeds(site: Build) -> None:
    pages = [p for p in site.site.rglob("*.html") if not _is_redirect(p)]
    assert len(pages) > 20
    for path in pages:
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")
        links = {(link["type"], urljoin(f"{SITE}{path.relative_to(site.site).parent}/",
                                        link["href"]))
                 for link in page.select('link[rel~="alternate"]')
                 if "xml" in link.get("type", "")}
        assert ("application/rss+xml", SITE + "rss.xml") in links, path
        assert ("application/atom+xml", SITE + "atom.xml") in links, path
    category = site.html("category/novosti/").select('link[rel~="alternate"]')
    assert [link["href"] for link in category][:2] == ["rss.xml", "atom.xml"]


def _is_redirect(path: Path) -> bool:
    return 'http-equiv="refresh"' in path.read_text(encoding="utf-8")


def test_feed_length_is_configurable(tmp_path: Path) -> None:
    posts = {f"posts/p{n}.md": f"---\ntitle: Запись {n}\ndate: 2014-05-{n:02d}\n---\n\nТекст.\n"
             for n in range(1, 6)}
    config = site_config()
    config["site_url"] = SITE
    config["plugins"].append({"letopis/feeds": {"length": 2}})
    build = run_mkdocs(write_project(tmp_path, posts, config))
    assert build.returncode == 0, build.log
    titles = [e.title for e in parse_feed(build, "rss.xml").entries]
    assert titles == ["Запись 5", "Запись 4"]


def test_link_previews_of_a_post(site: Build) -> None:
    page = site.html(WITH_IMAGE)

    def meta(attribute: str, name: str) -> str:
        return page.find("meta", attrs={attribute: name})["content"]

    assert meta("property", "og:type") == "article"
    assert meta("property", "og:title") == "Запись со схемой"
    assert meta("property", "og:url") == SITE + WITH_IMAGE
    assert meta("property", "og:description").startswith("Первый абзац записи со схемой")
    assert meta("property", "og:image").startswith(SITE) and \
        meta("property", "og:image").endswith("scheme.png")
    assert meta("name", "twitter:card") == "summary_large_image"
    assert meta("property", "article:published_time") == "2012-03-10T14:00:00+04:00"
    assert page.find("link", rel="canonical")["href"] == SITE + WITH_IMAGE


def test_link_previews_escape_the_title(site: Build) -> None:
    page = site.html("2013/11/opasnyi-zagolovok/")
    assert page.find("meta", property="og:title")["content"] == PUBLISHED[2][0]
    assert page.find("meta", attrs={"name": "twitter:card"})["content"] == "summary"


def test_link_previews_of_a_listing(site: Build) -> None:
    page = site.html("2014/05/")
    assert page.find("meta", property="og:type")["content"] == "website"
    assert page.find("meta", property="og:title")["content"] == "Архив за май 2014"


def sitemap(build: Build) -> dict[str, str | None]:
    xml = BeautifulSoup((build.site / "sitemap.xml").read_text(encoding="utf-8"), "xml")
    return {url.loc.text: (url.lastmod.text if url.lastmod else None)
            for url in xml.find_all("url")}


def test_sitemap_lists_every_page_with_content_dates(site: Build) -> None:
    urls = sitemap(site)
    for address, lastmod in [
        ("", "2014-05-20"), ("2014/", "2014-05-20"), ("2014/05/", "2014-05-20"),
        ("2014/05/20/", "2014-05-20"), ("2013/11/", "2013-11-01"),
        ("category/novosti/", "2012-03-10"), (WITH_IMAGE, "2012-03-10"),
        ("journal/vestnik/2014/1/", "2014-01-15"), ("journal/vestnik/", "2014-05-20"),
        ("archive/", None), ("author/", None), ("author/ivanova/", None),
    ]:
        assert urls[SITE + address] == lastmod, address
    assert SITE + "search/" not in urls  # results pages are not content
    assert date.today().isoformat() not in urls.values()
    folders = (p.relative_to(site.site).parent.as_posix() for p in site.site.rglob("index.html")
               if not _is_redirect(p))
    built = {SITE + ("" if folder == "." else folder + "/") for folder in folders}
    assert built - set(urls) == {SITE + "search/"}


@pytest.mark.parametrize("alias", ["old/post-1/index.html", "archives/42.html"])
def test_old_addresses_redirect_to_the_post(site: Build, alias: str) -> None:
    html = (site.site / alias).read_text(encoding="utf-8")
    page = BeautifulSoup(html, "lxml")
    refresh = page.find("meta", attrs={"http-equiv": "refresh"})["content"]
    target = re.fullmatch(r"0; url=(.+)", refresh).group(1)
    landing = urljoin(SITE + alias, target)
    assert landing == SITE + WITH_IMAGE
    assert page.find("link", rel="canonical")["href"] == SITE + WITH_IMAGE
    assert page.find("a")["href"] == target
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"


@pytest.mark.parametrize(
    ("aliases", "message"),
    [
        ("[/2014/05/]", "один из старых адресов этой страницы — адрес 2014/05/index.md"),
        ('["/old/?p=1"]', 'в старом адресе "/old/?p=1" есть запрос или фрагмент'),
        ("[https://old.example/x/]", 'старый адрес "https://old.example/x/" должен быть путём на этом сайте'),
        ("[/../etc/]", 'старый адрес "/../etc/" должен быть путём от корня сайта'),
        ("[/2014/05/b/]", 'старый адрес "/2014/05/b/" совпадает с адресом самой страницы'),
    ],
)
def test_bad_aliases_are_errors(tmp_path: Path, aliases: str, message: str) -> None:
    posts = {"posts/a.md": "---\ntitle: A\ndate: 2014-05-01\n---\n\nТекст.\n",
             "posts/b.md": f"---\ntitle: B\ndate: 2014-05-02\naliases: {aliases}\n---\n\nТ.\n"}
    config = site_config()
    config["plugins"].append("letopis/redirects")
    build = run_mkdocs(write_project(tmp_path, posts, config))
    assert build.returncode != 0
    assert f"content/posts/b.md:4: {message}" in build.log, build.log


def test_an_alias_used_twice_names_the_other_post(tmp_path: Path) -> None:
    posts = {"posts/a.md": "---\ntitle: A\ndate: 2014-05-01\naliases: [/old/]\n---\n\nТ.\n",
             "posts/b.md": "---\ntitle: B\ndate: 2014-05-02\naliases: [/old/]\n---\n\nТ.\n"}
    config = site_config()
    config["plugins"].append("letopis/redirects")
    build = run_mkdocs(write_project(tmp_path, posts, config))
    assert build.returncode != 0
    assert 'content/posts/b.md:4: старый адрес "/old/" уже указан в aliases у content/posts/a.md' in \
        build.log
