"""Breadcrumb trails of posts and archive pages, the BreadcrumbList made of them, and the
indexes of categories and tags (counts, dictionary order, cloud weights)."""

from __future__ import annotations

from datetime import date

import pytest

from letopis.core.archive import build_archive
from letopis.core.breadcrumbs import Crumb, Trails
from letopis.core.l10n import Localizer
from letopis.core.structured_data import breadcrumb_list
from letopis.core.terms import cloud_weight, term_indexes
from letopis.core.urls import UrlScheme
from tests.core.test_archive import RU, make_posts

POSTS = make_posts(
    "Сегментация | 2014-05-20 10:00 | categories: [Продажи]; tags: [клиенты, ёлки]",
    "Лиды | 2014-05-20 12:00 | categories: [Продажи, Журнал]; tags: [ели]",
    "Итоги | 2013-12-31 | categories: [Журнал]; tags: [клиенты, ежи]",
    "Февраль | 2016-02-29 | categories: [Продажи]; tags: [клиенты]",
)


def archive(page_size: int = 10, localizer: Localizer = RU):
    index, problems = build_archive(POSTS, localizer=localizer, urls=UrlScheme(),
                                    page_size=page_size, include_drafts=False)
    assert not problems
    return index


def trail(crumbs: tuple[Crumb, ...]) -> list[tuple[str, str]]:
    return [(c.name, c.url) for c in crumbs]


def test_a_posts_trail_runs_from_the_archive_through_its_day() -> None:
    post = next(p for p in POSTS if p.title == "Сегментация")
    assert trail(Trails(RU, UrlScheme(), "archive/").post(post)) == [
        ("Архив", "archive/"), ("2014", "2014/"), ("Май", "2014/05/"),
        ("20 мая", "2014/05/20/"), ("Сегментация", post.url),
    ]


@pytest.mark.parametrize(("kind", "key", "expected"), [
    ("years", 2013, [("Архив", "archive/"), ("2013", "2013/")]),
    ("months", (2013, 12), [("Архив", "archive/"), ("2013", "2013/"),
                            ("Декабрь", "2013/12/")]),
    ("days", date(2016, 2, 29), [("Архив", "archive/"), ("2016", "2016/"),
                                 ("Февраль", "2016/02/"), ("29 февраля", "2016/02/29/")]),
    ("categories", "prodazhi", [("Архив", "archive/"), ("Рубрики", "category/"),
                                ("Продажи", "category/prodazhi/")]),
    ("tags", "klienty", [("Архив", "archive/"), ("Метки", "tag/"),
                         ("клиенты", "tag/klienty/")]),
])
def test_archive_pages_trails(kind: str, key: object, expected: list) -> None:
    listing = getattr(archive(), kind)[key]
    assert trail(Trails(RU, UrlScheme(), "archive/").listing(listing.pages[0])) == expected


@pytest.mark.parametrize(("kind", "expected"), [
    ("category", [("Архив", "archive/"), ("Рубрики", "category/")]),
    ("tag", [("Архив", "archive/"), ("Метки", "tag/")]),
])
def test_the_indexes_of_terms_have_a_trail(kind: str, expected: list) -> None:
    assert trail(Trails(RU, UrlScheme(), "archive/").term_index(kind)) == expected


def test_the_home_page_has_no_trail() -> None:
    assert Trails(RU, UrlScheme(), "archive/").listing(archive().home.pages[0]) == ()


def test_a_further_page_ends_the_trail() -> None:
    listing = archive(page_size=1).categories["prodazhi"]
    assert len(listing.pages) == 3
    crumbs = trail(Trails(RU, UrlScheme(), "archive/").listing(listing.pages[1]))
    assert crumbs[-2:] == [("Продажи", "category/prodazhi/"),
                           ("Страница 2 из 3", "category/prodazhi/page/2/")]


def test_without_a_whole_archive_page_the_trail_starts_at_the_year() -> None:
    post = next(p for p in POSTS if p.title == "Итоги")
    assert [c.name for c in Trails(RU, UrlScheme(), None).post(post)] == \
        ["2013", "Декабрь", "31 декабря", "Итоги"]


def test_an_english_site_names_months_in_english() -> None:
    en = Localizer("en")
    listing = archive(localizer=en).days[date(2014, 5, 20)]
    assert [c.name for c in Trails(en, UrlScheme(), "archive/").listing(listing.pages[0])] == \
        ["Archive", "2014", "May", "May 20"]


def test_breadcrumb_list_numbers_the_crumbs_with_absolute_addresses() -> None:
    crumbs = (Crumb("Архив", "archive/"), Crumb("2014", "2014/"))
    data = breadcrumb_list(crumbs, lambda url: "https://example.org/site/" + url)
    assert data == {
        "@context": "https://schema.org", "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": 1, "name": "Архив",
             "item": "https://example.org/site/archive/"},
            {"@type": "ListItem", "position": 2, "name": "2014",
             "item": "https://example.org/site/2014/"},
        ],
    }
    assert breadcrumb_list((), lambda url: url) is None


def test_term_indexes_count_posts_in_dictionary_order() -> None:
    indexes = term_indexes(archive(), "category/", "tag/")
    categories = indexes["category"]
    assert (categories.kind, categories.url) == ("category", "category/")
    assert [(e.name, e.url, e.count) for e in categories.entries] == [
        ("Журнал", "category/zhurnal/", 2), ("Продажи", "category/prodazhi/", 3)]
    # «ё» sorts with «е»: ежи, ели, ёлки (not ежи, ели, клиенты, ёлки as code points have it).
    assert [e.name for e in indexes["tag"].entries] == ["ежи", "ели", "ёлки", "клиенты"]
    assert [e.count for e in indexes["tag"].entries] == [1, 1, 1, 3]


@pytest.mark.parametrize(("count", "most", "weight"), [
    (1, 1, 1), (1, 100, 1), (100, 100, 5), (10, 100, 3), (2, 3, 4), (3, 3, 5),
])
def test_cloud_weights_grow_with_the_logarithm_of_the_count(count: int, most: int,
                                                            weight: int) -> None:
    assert cloud_weight(count, most) == weight
