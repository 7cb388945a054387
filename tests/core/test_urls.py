"""The URL scheme: WordPress-style permalinks and archive addresses; bad formats refused."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from letopis.core.urls import UrlFormatError, UrlScheme

MOMENT = datetime(2014, 5, 7, 10, 30)


@pytest.mark.parametrize(
    ("post_format", "url"),
    [
        ("{year}/{month}/{slug}/", "2014/05/my-post/"),
        ("{year}/{month}/{day}/{slug}/", "2014/05/07/my-post/"),
        ("blog/{slug}/", "blog/my-post/"),
    ],
)
def test_post_urls_follow_the_format(post_format: str, url: str) -> None:
    assert UrlScheme(post_format).post(MOMENT, "my-post") == url


def test_cyrillic_slugs_are_percent_encoded_like_mkdocs_urls() -> None:
    assert UrlScheme().post(MOMENT, "ёлка") == "2014/05/%D1%91%D0%BB%D0%BA%D0%B0/"


def test_archive_urls() -> None:
    urls = UrlScheme()
    assert urls.home == ""
    assert urls.year(2014) == "2014/"
    assert urls.month(2014, 5) == "2014/05/"
    assert urls.day(date(2014, 5, 7)) == "2014/05/07/"
    assert urls.category("prodazhi") == "category/prodazhi/"
    assert urls.tag("lidy") == "tag/lidy/"
    assert urls.page("2014/05/", 1) == "2014/05/"
    assert urls.page("2014/05/", 3) == "2014/05/page/3/"
    assert urls.page("", 2) == "page/2/"


@pytest.mark.parametrize(
    ("post_format", "message"),
    [
        ("{year}/{month}/", "должен содержать {slug}"),
        ("{year}/{title}/", "неизвестные поля title"),
        ("/{year}/{slug}/", 'должен быть относительным и кончаться на "/"'),
        ("{year}/{slug}", 'должен быть относительным и кончаться на "/"'),
        ("{year}/../{slug}/", 'есть пустая часть, "." или ".."'),
        ("{year}//{slug}/", 'есть пустая часть, "." или ".."'),
        ("{year:02d}/{slug}/", "не должно быть спецификаций формата"),
        ("{year/{slug}/", "записан с ошибкой"),
    ],
)
def test_bad_formats_are_refused_with_a_reason(post_format: str, message: str) -> None:
    with pytest.raises(UrlFormatError) as caught:
        UrlScheme(post_format)
    assert message in str(caught.value)
