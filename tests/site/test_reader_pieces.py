"""The pieces a reader expects, on a real build of the archive fixture with every plugin and
the sidebar's category, tag and feed widgets: the indexes of categories and tags with counts,
breadcrumb trails with BreadcrumbList, visible feed links, the favicon set, robots.txt, the
404 page's absolute links; and the bundled site's authors index in surname order."""

from __future__ import annotations

import json
import re
import struct
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.conftest import Build, full_site_config, resolve, run_mkdocs, text_of, write_project

SITE = "https://example.org/archive/"
BASE = urlsplit(SITE).path  # "/archive/": the 404 page's links start with it
SIDEBAR = ["calendar", "categories", "tags", "feeds"]


def reader_config() -> dict:
    config = full_site_config()
    config["extra"] = {"sidebar": SIDEBAR}
    return config


@pytest.fixture(scope="module")
def site(build_fixture) -> Build:
    build = build_fixture("archive", reader_config(), key="archive-reader")
    assert build.returncode == 0, build.log
    assert "WARNING" not in build.log
    return build


def built(build: Build, url: str) -> bool:
    """Whether site-relative `url` (a page folder or a file) is in the build."""
    path = build.site / unquote(url.split("#")[0])
    return (path / "index.html").is_file() if url.endswith("/") or not url else path.is_file()


def pages_of(build: Build, folder: str) -> set[str]:
    """The site-relative URLs of the pages directly below `folder` ("category/")."""
    return {f"{folder}{p.parent.name}/" for p in (build.site / folder).glob("*/index.html")}


def entries_on(build: Build, url: str) -> int:
    """How many posts an archive page and its further pages list."""
    count, page = 0, url
    while page:
        html = build.html(page)
        count += len(html.select(".letopis-entry"))
        older = html.select_one(".letopis-pagination__older")
        page = resolve(page, older["href"]) if older else None
    return count


@pytest.mark.parametrize(("index", "folder"), [("category/", "category/"), ("tag/", "tag/")])
def test_term_indexes_list_every_term_with_its_count(site: Build, index: str,
                                                     folder: str) -> None:
    html = site.html(index)
    items = html.select(".letopis-terms__item")
    linked = {resolve(index, item.a["href"]): text_of(item.select_one(".letopis-terms__count"))
              for item in items}
    assert set(linked) == pages_of(site, folder)
    for url, count in linked.items():
        number, noun = re.fullmatch(r"(\d+) (\w+)", count).groups()
        assert int(number) == entries_on(site, url), url
        assert noun == {1: "запись", 2: "записи", 3: "записи", 4: "записи"}.get(int(number),
                                                                              "записей")
    assert text_of(html.h1) == ("Рубрики" if folder == "category/" else "Метки")


def test_sidebar_widgets_show_the_indexes_and_the_feeds(site: Build) -> None:
    categories = {resolve("category/", a["href"])
                  for a in site.html("category/").select(".letopis-terms a")}
    tags = {resolve("tag/", a["href"]) for a in site.html("tag/").select(".letopis-terms a")}
    post = next(iter(site.site.glob("2014/05/*/index.html"))).parent
    for url in ("", "2014/05/", f"2014/05/{post.name}/", "archive/"):
        html = site.html(url)
        widgets = {w["aria-label"]: w for w in html.select(".letopis-sidebar .letopis-widget")}
        assert set(widgets) == {"Рубрики", "Облако меток", "Подписка"}, url
        shown = {resolve(url, a["href"]) for a in widgets["Рубрики"].select("li a")}
        assert shown == categories, url
        assert {resolve(url, a["href"]) for a in widgets["Облако меток"].select("li a")} == tags
        title = widgets["Рубрики"].select_one(".letopis-widget__title a")
        assert resolve(url, title["href"]) == "category/"
        feeds = [resolve(url, a["href"]) for a in widgets["Подписка"].select("a")]
        assert feeds == ["rss.xml", "atom.xml"] and all(built(site, f) for f in feeds)


def test_the_tag_cloud_grows_with_the_number_of_posts(site: Build) -> None:
    counts = {resolve("tag/", item.a["href"]):
              int(text_of(item.select_one(".letopis-terms__count")).split()[0])
              for item in site.html("tag/").select(".letopis-terms__item")}
    cloud = site.html("").select(".letopis-cloud a")
    weights = {resolve("", a["href"]): int(re.search(r"--(\d)", " ".join(a["class"]))[1])
               for a in cloud}
    most = max(counts, key=counts.get)
    fewest = min(counts, key=counts.get)
    assert counts[most] > counts[fewest]
    assert weights[most] == 5 and weights[fewest] == 1


def test_posts_and_archive_pages_carry_a_breadcrumb_trail(site: Build) -> None:
    posts = [p.parent for p in site.site.glob("[0-9]*/[0-9]*/*/index.html")
             if not p.parent.name.isdigit()]
    assert len(posts) >= 5
    for folder in posts:
        url = folder.relative_to(site.site).as_posix() + "/"
        html = site.html(url)
        trail = html.select_one('nav[aria-label="Навигационная цепочка"]')
        assert trail is not None, url
        crumbs = trail.select("li")
        links = [resolve(url, li.a["href"]) for li in crumbs[:-1]]
        current = crumbs[-1].select_one('[aria-current="page"]')
        assert current is not None and text_of(current) == text_of(html.h1)
        archive, year, month, day = links
        assert (archive, year, month) == ("archive/", url[:5], url[:8])
        assert all(built(site, link) for link in links)
        # The day's archive lists this post.
        assert url in {resolve(day, a["href"]) for a in
                       site.html(day).select(".letopis-entry__title a")}
        data = [json.loads(s.string) for s in html.select('script[type="application/ld+json"]')]
        trail_data = next(d for d in data if d["@type"] == "BreadcrumbList")
        items = trail_data["itemListElement"]
        assert [i["position"] for i in items] == list(range(1, len(crumbs) + 1))
        assert [i["name"] for i in items] == [text_of(li) for li in crumbs]
        assert [i["item"] for i in items] == [SITE + link for link in [*links, url]]


@pytest.mark.parametrize(("url", "names"), [
    ("2014/05/07/", ["Архив", "2014", "Май", "7 мая"]),
    ("2014/05/", ["Архив", "2014", "Май"]),
    ("2014/", ["Архив", "2014"]),
    ("2013/12/31/", ["Архив", "2013", "Декабрь", "31 декабря"]),
    ("category/prodazhi/", ["Архив", "Рубрики", "Продажи"]),
    ("tag/vstrechi/", ["Архив", "Метки", "встречи"]),
    ("category/", ["Архив", "Рубрики"]),
    ("tag/", ["Архив", "Метки"]),
])
def test_archive_trails_name_the_period_in_the_right_case(site: Build, url: str,
                                                          names: list[str]) -> None:
    trail = site.html(url).select_one('nav[aria-label="Навигационная цепочка"]')
    assert [text_of(li) for li in trail.select("li")] == names
    for a in trail.select("a"):
        assert built(site, resolve(url, a["href"]))


def test_the_home_page_has_no_trail(site: Build) -> None:
    assert site.html("").select_one(".letopis-breadcrumbs") is None


def test_listings_show_links_to_their_feeds(site: Build) -> None:
    home = [resolve("", a["href"]) for a in site.html("").select(".letopis-feeds a")]
    assert home == ["rss.xml", "atom.xml"]
    category = "category/prodazhi/"
    own = [resolve(category, a["href"]) for a in site.html(category).select(".letopis-feeds a")]
    assert own == [f"{category}rss.xml", f"{category}atom.xml"]
    assert all(built(site, feed) for feed in home + own)


def test_favicons_are_served(site: Build) -> None:
    ico = (site.site / "favicon.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1) and count >= 2
    for number in range(count):
        _, _, _, _, _, _, size, offset = struct.unpack(
            "<BBBBHHII", ico[6 + 16 * number:22 + 16 * number])
        assert ico[offset:offset + 8] == b"\x89PNG\r\n\x1a\n" and offset + size <= len(ico)
    for url in ("", "2014/05/07/", "category/"):
        head = site.html(url).head
        icons = {link["rel"][0] if link["rel"] != ["icon"] or not link.get("type")
                 else "icon svg": resolve(url, link["href"])
                 for link in head.select('link[rel~="icon"], link[rel~="apple-touch-icon"]')}
        assert set(icons) == {"icon", "icon svg", "apple-touch-icon"}, icons
        assert all(built(site, href) for href in icons.values())
    touch = site.site / "assets/images/apple-touch-icon.png"
    assert struct.unpack(">II", touch.read_bytes()[16:24]) == (180, 180)


def test_robots_txt_names_the_absolute_sitemap(site: Build) -> None:
    lines = (site.site / "robots.txt").read_text(encoding="utf-8").splitlines()
    assert "User-agent: *" in lines
    sitemaps = [line.split(": ", 1)[1] for line in lines if line.startswith("Sitemap:")]
    assert sitemaps == [urljoin(SITE, "sitemap.xml")]
    assert built(site, "sitemap.xml")


def test_an_editors_robots_txt_is_kept(tmp_path: Path) -> None:
    own = "User-agent: *\nDisallow: /drafts/\n"
    root = write_project(tmp_path, {"robots.txt": own, "index.md": "# Главная\n",
                                    "posts/a.md": "---\ntitle: А\ndate: 2014-05-07\n---\nТекст.\n"},
                         full_site_config())
    build = run_mkdocs(root)
    assert build.returncode == 0, build.log
    assert (build.site / "robots.txt").read_text(encoding="utf-8") == own


def test_the_404_page_links_absolutely_to_what_exists(site: Build) -> None:
    html = BeautifulSoup((site.site / "404.html").read_text(encoding="utf-8"), "lxml")
    assert text_of(html.h1) == "Страница не найдена"
    content = html.select_one(".letopis-not-found")
    assert content.select_one('form[role="search"] label') is not None
    targets = {text_of(a): a["href"] for a in content.select("a")}
    assert set(targets) >= {"Главная", "Архив", "Рубрики", "Метки"}
    assert html.select_one("nav.calendar") is not None
    for element in html.select("[href], [src], form[action]"):
        address = element.get("href") or element.get("src") or element.get("action")
        if address.startswith(("#", "https:", "http:", "data:")):
            continue
        assert address.startswith(BASE), element
        assert built(site, address.removeprefix(BASE).removesuffix(".")), element


def test_bundled_authors_are_in_surname_order(bundled_site: Build) -> None:
    names = [text_of(a) for a in bundled_site.html("author/").select(".letopis-authors li a")]
    people = [name for name in names if name != "Главный редактор журнала"]
    assert len(people) >= 5
    surnames = [name.split()[-1] for name in people]
    assert surnames == sorted(surnames, key=lambda s: s.casefold().replace("ё", "е"))


def test_wayfinding_without_calendar_feeds_or_search(tmp_path: Path) -> None:
    """With letopis/archive alone beside it: the trail starts at the year (no whole-archive
    page), the 404 page links home and to the indexes only, the sidebar widgets that have no
    data stay out; a site's own favicons named in mkdocs.yml are linked."""
    config = {"site_name": "Тест", "docs_dir": "content", "site_url": "https://example.org/",
              "theme": {**reader_config()["theme"], "favicon": "img/mine.png"},
              "extra": {"sidebar": SIDEBAR, "favicons": {"svg": "img/mine.svg",
                                                         "apple_touch_icon": "img/touch.png"}},
              "plugins": ["letopis/archive", "letopis/wayfinding"]}
    root = write_project(tmp_path, {"posts/a.md": "---\ntitle: А\ndate: 2014-05-07\n"
                                                  "categories: [Продажи]\n---\nТекст.\n"}, config)
    build = run_mkdocs(root)
    assert build.returncode == 0, build.log
    trail = build.html("2014/05/a/").select_one(".letopis-breadcrumbs")
    assert [text_of(li) for li in trail.select("li")] == ["2014", "Май", "7 мая", "А"]
    html = BeautifulSoup((build.site / "404.html").read_text(encoding="utf-8"), "lxml")
    assert [text_of(a) for a in html.select(".letopis-not-found a")] == \
        ["Главная", "Рубрики", "Метки"]
    widgets = [w["aria-label"] for w in build.html("").select(".letopis-widget")]
    assert widgets == ["Рубрики"]  # no tags, no feeds
    # A site's own icons, named in mkdocs.yml.
    icons = {link.get("type") or link["rel"][0]: link["href"]
             for link in build.html("2014/05/a/").select('link[rel~="icon"], '
                                                         'link[rel~="apple-touch-icon"]')}
    assert icons == {"icon": "../../../img/mine.png", "image/svg+xml": "../../../img/mine.svg",
                     "apple-touch-icon": "../../../img/touch.png"}
