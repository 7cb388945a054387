"""The archive index: grouping by period and term, neighbours, pagination, URL clashes."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from letopis.core.archive import build_archive
from letopis.core.content import SourceFile, load_posts
from letopis.core.dates import site_timezone
from letopis.core.l10n import Localizer
from letopis.core.posts import Post, PostContext
from letopis.core.urls import UrlScheme

RU = Localizer("ru")


def make_posts(*specs: str, url_format: str = "{year}/{month}/{slug}/") -> list[Post]:
    """Posts from "title | date | extra front matter line; …" specs."""
    context = PostContext(site_timezone("Europe/Moscow"), UrlScheme(url_format), RU)
    files = []
    for number, spec in enumerate(specs):
        title, when, *extra = (part.strip() for part in spec.split("|"))
        lines = [f"title: {title}", f"date: {when}", *(e for x in extra for e in x.split(";"))]
        text = "---\n" + "\n".join(line.strip() for line in lines) + "\n---\nТекст.\n"
        files.append(SourceFile(f"posts/{number}.md", f"content/posts/{number}.md",
                                text.encode()))
    posts, problems = load_posts(files, context)
    assert not problems, problems.items
    return posts


def index_of(posts: list[Post], page_size: int = 10, drafts: bool = False):
    return build_archive(posts, localizer=RU, urls=UrlScheme(), page_size=page_size,
                         include_drafts=drafts)


def titles(posts) -> list[str]:
    return [p.title for p in posts]


def test_posts_are_grouped_by_year_month_and_day_newest_first() -> None:
    index, problems = index_of(make_posts(
        "Старая | 2013-12-31", "Утро | 2014-05-07 09:00", "Вечер | 2014-05-07 21:00",
        "Июнь | 2014-06-01",
    ))
    assert not problems
    assert titles(index.posts) == ["Июнь", "Вечер", "Утро", "Старая"]
    assert sorted(index.years) == [2013, 2014]
    assert titles(index.years[2014].posts) == ["Июнь", "Вечер", "Утро"]
    assert sorted(index.months) == [(2013, 12), (2014, 5), (2014, 6)]
    assert titles(index.days[date(2014, 5, 7)].posts) == ["Вечер", "Утро"]
    assert index.months[2014, 5].heading == "Архив за май 2014"
    assert index.months[2014, 5].url == "2014/05/"


def test_same_moment_posts_have_a_stable_order() -> None:
    posts = make_posts("Б | 2014-05-07", "А | 2014-05-07")
    first, _ = index_of(posts)
    second, _ = index_of(list(reversed(posts)))
    assert titles(first.posts) == titles(second.posts)


def test_neighbours_are_the_chronologically_adjacent_posts() -> None:
    index, _ = index_of(make_posts("Один | 2014-01-01", "Два | 2014-02-01", "Три | 2014-03-01"))
    one, two, three = sorted(index.posts, key=lambda p: p.published)
    assert (index.older(two), index.newer(two)) == (one, three)
    assert (index.older(one), index.newer(three)) == (None, None)


@pytest.mark.parametrize(
    ("count", "page_sizes"),
    [(0, [0]), (1, [1]), (3, [3]), (4, [3, 1]), (7, [3, 3, 1])],
)
def test_pagination_boundaries(count: int, page_sizes: list[int]) -> None:
    posts = make_posts(*(f"Запись {n} | 2014-05-{n + 1:02d}" for n in range(count)))
    index, _ = index_of(posts, page_size=3)
    pages = index.home.pages
    assert [len(page.posts) for page in pages] == page_sizes
    assert [page.url for page in pages] == ["", *(f"page/{n}/" for n in range(2, len(pages) + 1))]
    assert [page.newer_url for page in pages] == [None, *(p.url for p in pages[:-1])]
    assert [page.older_url for page in pages] == [*(p.url for p in pages[1:]), None]
    assert {page.count for page in pages} == {len(page_sizes)}


def test_drafts_are_left_out_unless_previewing() -> None:
    posts = make_posts("Готово | 2014-05-07", "Черновик | 2014-05-20 | draft: true")
    published, _ = index_of(posts)
    assert titles(published.posts) == ["Готово"]
    assert date(2014, 5, 20) not in published.days
    preview, _ = index_of(posts, drafts=True)
    assert titles(preview.posts) == ["Черновик", "Готово"]


def test_posts_dated_after_the_build_wait_for_their_date() -> None:
    posts = make_posts("Вчера | 2014-05-19 23:59", "Ровно сейчас | 2014-05-20 12:00",
                       "Через минуту | 2014-05-20 12:01", "В июне | 2014-06-01")
    now = datetime(2014, 5, 20, 12, 0, tzinfo=site_timezone("Europe/Moscow"))
    index, problems = build_archive(posts, localizer=RU, urls=UrlScheme(), page_size=10,
                                    include_drafts=False, published_by=now)
    assert not problems
    assert titles(index.posts) == ["Ровно сейчас", "Вчера"]
    assert set(index.months) == {(2014, 5)}  # June has nothing published yet
    assert titles(index.days[date(2014, 5, 20)].posts) == ["Ровно сейчас"]
    assert index.newer(index.posts[0]) is None
    # An aware "now" elsewhere is the same instant: 09:00 UTC is 13:00 in Moscow.
    utc = datetime(2014, 5, 20, 9, 0, tzinfo=UTC)
    later, _ = build_archive(posts, localizer=RU, urls=UrlScheme(), page_size=10,
                             include_drafts=False, published_by=utc)
    assert titles(later.posts) == ["Через минуту", "Ровно сейчас", "Вчера"]


def test_categories_and_tags_collect_their_posts() -> None:
    index, _ = index_of(make_posts(
        "А | 2014-05-01 | categories: [Продажи]; tags: [лиды]",
        "Б | 2014-05-02 | categories: [Продажи, Клиенты]",
    ))
    assert sorted(index.categories) == ["klienty", "prodazhi"]
    assert titles(index.categories["prodazhi"].posts) == ["Б", "А"]
    assert index.categories["prodazhi"].heading == "Рубрика «Продажи»"
    assert titles(index.tags["lidy"].posts) == ["А"]


def test_two_spellings_of_one_category_share_a_page_with_a_warning() -> None:
    index, problems = index_of(make_posts(
        "А | 2014-05-01 | categories: [Продажи]", "Б | 2014-05-02 | categories: [продажи]",
    ))
    assert index.categories["prodazhi"].heading == "Рубрика «Продажи»"  # the first spelling
    (warning,) = problems.warnings
    assert warning.path == "content/posts/1.md"
    assert 'рубрика "продажи" получает тот же адрес category/prodazhi/, что и "Продажи"' in \
        warning.message


def test_two_posts_with_one_url_is_an_error_naming_both_files() -> None:
    _, problems = index_of(make_posts("Дубль | 2014-05-01", "Дубль | 2014-05-20"))
    (error,) = problems.errors
    assert str(error) == ("content/posts/1.md:2: адрес 2014/05/dubl/ уже занят "
                          "content/posts/0.md; дайте этой записи другой slug")


def test_a_draft_clashing_with_a_post_is_an_error_even_when_not_published() -> None:
    _, problems = index_of(make_posts("Дубль | 2014-05-01", "Дубль | 2014-05-02 | draft: true"))
    assert len(problems.errors) == 1


def test_a_post_may_not_take_an_archive_address() -> None:
    posts = make_posts("Пост | 2014-05-07 | slug: '05'", url_format="{year}/{slug}/")
    _, problems = index_of(posts)
    (error,) = problems.errors
    assert "адрес 2014/05/ уже занят страницей «Архив за май 2014»" in error.message
