"""A fixture site built for real: permalinks, period archives, categories, tags, pagination,
drafts, time zones, localized headings."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from tests.conftest import Build, resolve, site_config, text_of

PAGE_SIZE = 3


@pytest.fixture(scope="module")
def site(build_fixture) -> Build:
    build = build_fixture("archive", site_config(page_size=PAGE_SIZE))
    assert build.returncode == 0, build.log
    return build


def listed_titles(build: Build, url: str) -> list[str]:
    page = build.html(url)
    return [text_of(a) for a in page.select(".letopis-entry__title a")]


def heading(build: Build, url: str) -> str:
    return text_of(build.html(url).select_one("article h1"))


def test_build_is_clean_under_strict(site: Build) -> None:
    assert "WARNING" not in site.log


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("2013/12/itogi-goda/", "Итоги года"),
        ("2014/04/aprelskaia-zapis/", "Апрельская запись"),
        ("2014/05/pervaia-vstrecha/", "Первая встреча"),
        # Quotes and the dash vanish; the words are transliterated.
        ("2014/05/vtoraia-vstrecha-s-klientom/", "Вторая «встреча» — с клиентом"),
        ("2014/05/tretya-zapis/", "Третья запись дня"),  # explicit slug
        # 22:30 UTC on 31 May is 1 June in Moscow: the June folder, not May.
        ("2014/06/polnoch-v-moskve/", "Полночь в Москве"),
        ("2016/02/visokosnyi-den/", "Високосный день"),
    ],
)
def test_each_post_is_at_its_permalink(site: Build, url: str, title: str) -> None:
    assert heading(site, url) == title


def test_month_archive_lists_its_posts_newest_first(site: Build) -> None:
    assert heading(site, "2014/05/") == "Архив за май 2014"
    assert listed_titles(site, "2014/05/") == [
        "Первая встреча", "Третья запись дня", "Вторая «встреча» — с клиентом",
    ]


def test_post_with_offset_is_filed_under_the_moscow_month_and_day(site: Build) -> None:
    assert listed_titles(site, "2014/06/") == ["Полночь в Москве"]
    assert listed_titles(site, "2014/06/01/") == ["Полночь в Москве"]
    assert not site.exists("2014/05/31/")
    time = site.html("2014/06/polnoch-v-moskve/").select_one(".letopis-meta time")
    assert time["datetime"] == "2014-06-01T02:30:00+04:00"
    assert text_of(time) == "1 июня 2014 г."


def test_day_archive_holds_several_posts_of_one_day(site: Build) -> None:
    assert heading(site, "2014/05/07/") == "Архив за 7 мая 2014"
    assert listed_titles(site, "2014/05/07/") == [
        "Первая встреча", "Третья запись дня", "Вторая «встреча» — с клиентом",
    ]


def test_year_archives_and_29_february(site: Build) -> None:
    assert heading(site, "2016/") == "Архив за 2016 год"
    assert listed_titles(site, "2016/02/29/") == ["Високосный день"]
    assert heading(site, "2016/02/29/") == "Архив за 29 февраля 2016"
    assert heading(site, "2016/02/") == "Архив за февраль 2016"
    assert listed_titles(site, "2013/") == ["Итоги года"]
    assert not site.exists("2015/")


def test_listing_shows_date_categories_and_summary(site: Build) -> None:
    page = site.html("2014/05/07/")
    entries = {text_of(e.select_one(".letopis-entry__title")): e
               for e in page.select(".letopis-entry")}
    second = entries["Вторая «встреча» — с клиентом"]
    assert text_of(second.select_one("time")) == "7 мая 2014 г."
    assert [text_of(a) for a in second.select(".letopis-meta__categories a")] == ["Продажи"]
    # The text before <!-- more -->, paragraph by paragraph, without markup.
    assert [text_of(p) for p in second.select(".letopis-entry__summary")] == [
        "Вступление второй встречи, со ссылкой.", "Продолжение вступления.",
    ]
    third = entries["Третья запись дня"]
    assert [text_of(p) for p in third.select(".letopis-entry__summary")] == [
        "Краткое содержание из front matter.",
    ]
    first = entries["Первая встреча"]
    assert [text_of(p) for p in first.select(".letopis-entry__summary")] == [
        "Текст первой встречи.",
    ]
    # Without a marker: only the first paragraph.
    itogi = site.html("2013/12/").select(".letopis-entry__summary")
    assert [text_of(p) for p in itogi] == ["Первый абзац итогов."]


def test_category_and_tag_pages_list_their_posts(site: Build) -> None:
    assert heading(site, "category/prodazhi/") == "Рубрика «Продажи»"
    assert listed_titles(site, "category/prodazhi/") == [
        "Первая встреча", "Третья запись дня", "Вторая «встреча» — с клиентом",
    ]
    assert listed_titles(site, "tag/vstrechi/") == [
        "Первая встреча", "Вторая «встреча» — с клиентом",
    ]
    assert heading(site, "tag/vstrechi/") == "Записи с меткой «встречи»"


def test_category_links_of_a_post_lead_to_category_pages(site: Build) -> None:
    url = "2014/05/pervaia-vstrecha/"
    page = site.html(url)
    links = {text_of(a): resolve(url, a["href"]) for a in
             page.select(".letopis-post__header .letopis-meta__categories a")}
    assert links == {"Продажи": "category/prodazhi/", "Клиенты": "category/klienty/"}
    tags = {text_of(a): resolve(url, a["href"]) for a in page.select(".letopis-tag")}
    assert tags == {"встречи": "tag/vstrechi/"}
    for target in [*links.values(), *tags.values()]:
        assert site.exists(target)


@pytest.mark.parametrize(
    ("url", "older", "newer"),
    [
        ("2016/02/visokosnyi-den/", "2014/06/polnoch-v-moskve/", None),
        ("2014/05/pervaia-vstrecha/", "2014/05/tretya-zapis/", "2014/06/polnoch-v-moskve/"),
        ("2013/12/itogi-goda/", None, "2014/04/aprelskaia-zapis/"),
    ],
)
def test_previous_and_next_posts_are_chronological(
    site: Build, url: str, older: str | None, newer: str | None
) -> None:
    page = site.html(url)
    prev_link = page.select_one(".letopis-neighbours a[rel=prev]")
    next_link = page.select_one(".letopis-neighbours a[rel=next]")
    assert (resolve(url, prev_link["href"]) if prev_link else None) == older
    assert (resolve(url, next_link["href"]) if next_link else None) == newer


def test_home_is_paginated_at_page_size(site: Build) -> None:
    assert listed_titles(site, "") == ["Високосный день", "Полночь в Москве", "Первая встреча"]
    assert listed_titles(site, "page/2/") == [
        "Третья запись дня", "Вторая «встреча» — с клиентом", "Апрельская запись",
    ]
    assert listed_titles(site, "page/3/") == ["Итоги года"]
    assert not site.exists("page/4/")
    assert not site.exists("page/1/")  # page 1 is the home page itself


def test_pagination_links_chain_the_pages(site: Build) -> None:
    chain = {"": (None, "page/2/"), "page/2/": ("", "page/3/"), "page/3/": ("page/2/", None)}
    for url, (newer, older) in chain.items():
        page = site.html(url)
        newer_link = page.select_one(".letopis-pagination a[rel=prev]")
        older_link = page.select_one(".letopis-pagination a[rel=next]")
        assert (resolve(url, newer_link["href"]) if newer_link else None) == newer
        assert (resolve(url, older_link["href"]) if older_link else None) == older
    assert text_of(site.html("page/2/").select_one(".letopis-pagination__position")) == \
        "Страница 2 из 3"
    assert heading(site, "page/2/") == "Последние записи — страница 2"


def test_a_listing_of_exactly_page_size_posts_has_one_page(site: Build) -> None:
    assert len(listed_titles(site, "category/prodazhi/")) == PAGE_SIZE
    assert not site.exists("category/prodazhi/page/2/")
    assert site.html("category/prodazhi/").select_one(".letopis-pagination") is None
    # One more post spills onto page 2.
    assert len(listed_titles(site, "category/klienty/")) == PAGE_SIZE
    assert listed_titles(site, "category/klienty/page/2/") == ["Итоги года"]


def test_draft_is_not_published(site: Build) -> None:
    assert not site.exists("2014/05/chernovik-o-peregovorakh/")
    assert not site.exists("2014/05/20/")
    for page in site.site.rglob("*.html"):
        assert "Черновик о переговорах" not in page.read_text(encoding="utf-8"), page


def test_links_between_posts_follow_permalinks(site: Build) -> None:
    url = "2014/05/vtoraia-vstrecha-s-klientom/"
    link = site.html(url).find("a", string="со ссылкой")
    assert resolve(url, link["href"]) == "2014/05/pervaia-vstrecha/"


def test_posts_and_archives_stay_out_of_the_automatic_navigation(site: Build) -> None:
    # The fixture has no `nav:`, so MkDocs builds one from every page it may show: of Letopis'
    # pages only the whole-archive page belongs there.
    page = site.html("2014/05/pervaia-vstrecha/")
    links = [text_of(a) for a in page.select(".md-sidebar--primary a.md-nav__link")]
    assert links == ["Архив"]
