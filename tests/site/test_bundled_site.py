"""The repository's own site: the seed's three posts, word for word, at their permalinks and in
the May 2014 and 2014 archives, with zero warnings under --strict."""

from __future__ import annotations

import json
import re
from urllib.parse import urljoin

import pytest

from tests.conftest import FIXTURES, Build, text_of

SEED = (FIXTURES / "seed" / "may-2014-archive.txt").read_text(encoding="utf-8")
SEED_TITLES = [
    "Журнал «Клиентинг и управление клиентским портфелем» — третий второй",
    "8 видов клиентской лжи",
    "Сегментация клиентского потока",
]
POSTS = {  # permalink → title, newest first as on the seed's page
    "2014/05/zhurnal-klienting-i-upravlenie-klientskim-portfelem-tretii-vtoroi/": SEED_TITLES[0],
    "2014/05/8-vidov-klientskoi-lzhi/": SEED_TITLES[1],
    "2014/05/segmentatsiia-klientskogo-potoka/": SEED_TITLES[2],
}


def seed_bodies() -> list[str]:
    """The text of each seed post between its title line and the next post (or the sidebar)."""
    lines = SEED.splitlines()
    starts = []
    for title in SEED_TITLES:  # the first line equal to the title after the previous start
        after = starts[-1] + 1 if starts else 0
        starts.append(next(i for i in range(after, len(lines)) if lines[i].strip() == title))
    end = next(i for i, line in enumerate(lines) if line.lstrip().startswith("•"))
    bounds = [*starts[1:], end]
    return ["\n".join(lines[start + 1:stop]) for start, stop in zip(starts, bounds, strict=True)]


def without_spaces(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module")
def site(bundled_site: Build) -> Build:
    assert bundled_site.returncode == 0, bundled_site.log
    return bundled_site


def test_strict_build_has_zero_warnings(site: Build) -> None:
    assert "WARNING" not in site.log
    assert "ERROR" not in site.log


@pytest.mark.parametrize("url", ["2014/05/", "2014/"])
def test_may_and_2014_archives_list_exactly_the_three_seed_posts(site: Build, url: str) -> None:
    titles = [text_of(a) for a in site.html(url).select(".letopis-entry__title a")]
    assert titles == SEED_TITLES


def words(text: str) -> list[str]:
    """Words and numbers; a change of alphabet splits (the seed glues «mini-olenИтак»)."""
    return re.findall(r"[A-Za-z]+|[А-Яа-яЁё]+|\d+", text)


def unmatched(seed: list[str], page: list[str]) -> list[str] | None:
    """The page's words left over once the seed's words are found in it in order;
    None when some seed word is missing (or out of order)."""
    leftover, position = [], 0
    for word in seed:
        while position < len(page) and page[position] != word:
            leftover.append(page[position])
            position += 1
        if position == len(page):
            return None
        position += 1
    return leftover + page[position:]


# What structured blocks add to the seed's words: the matrix's axis labels (the values the
# groups' names use) and priority badges. The claims list adds nothing: «Ложь №3.» is the
# seed's own wording, made by the block's title.
BLOCK_WORDS = {"Много", "Мало", "Быстро", "Долго", "Приоритет", "1", "2", "3", "4"}


@pytest.mark.parametrize(("url", "body"), list(zip(POSTS, seed_bodies(), strict=True)))
def test_each_post_is_the_seed_text_word_for_word(site: Build, url: str, body: str) -> None:
    page = site.html(url)
    assert text_of(page.select_one(".letopis-post h1")) == POSTS[url]
    content = page.select_one(".letopis-post")
    for removed in content.select("header, footer, a.headerlink"):
        removed.decompose()
    leftover = unmatched(words(body), words(content.get_text()))
    assert leftover is not None, "a word of the seed is missing or out of order"
    assert set(leftover) <= BLOCK_WORDS, leftover


def test_prev_next_links_walk_the_three_posts(site: Build) -> None:
    urls = list(POSTS)  # newest first
    for position, url in enumerate(urls):
        page = site.html(url)
        older = page.select_one(".letopis-neighbours a[rel=prev]")
        newer = page.select_one(".letopis-neighbours a[rel=next]")
        expected_older = urls[position + 1] if position + 1 < len(urls) else None
        expected_newer = urls[position - 1] if position > 0 else None
        assert (urljoin("/" + url, older["href"])[1:] if older else None) == expected_older
        assert (urljoin("/" + url, newer["href"])[1:] if newer else None) == expected_newer


def test_category_and_tag_pages_list_the_seed_posts(site: Build) -> None:
    sales = [text_of(a) for a in site.html("category/prodazhi/").select(".letopis-entry__title a")]
    assert sales == SEED_TITLES[1:]
    clients = [text_of(a) for a in site.html("tag/klienty/").select(".letopis-entry__title a")]
    assert clients == SEED_TITLES[1:]


def test_site_name_copyright_slogans_and_language(site: Build) -> None:
    page = site.html("")
    assert page.html["lang"] == "ru"
    assert "Ремесло Управления Продажами" in text_of(page.select_one("header"))
    copyright_line = text_of(page.select_one(".md-copyright"))
    assert "Copyright © 1996-2018 Ремесло Управления Продажами. All rights reserved." in \
        copyright_line
    assert [text_of(p) for p in page.select(".letopis-sidebar .letopis-slogan")] == [
        "Создай своё уникальное предложение!",
        "Пойми уникальноcть запроса клиента!",
        "Найди баланс между процессами продажи и закупки!",
        "Учись у лучших!",
    ]


def test_navigation_holds_only_its_configured_entries(site: Build) -> None:
    nav = site.html("2014/05/8-vidov-klientskoi-lzhi/").select_one(".md-sidebar--primary")
    entries = [text_of(a) for a in nav.select("a.md-nav__link")]
    assert entries == ["Главная", "Архив", "Журнал", "Авторы"]


def test_search_indexes_the_posts_and_the_issue_only(site: Build) -> None:
    # Pagefind indexes pages marked data-pagefind-body: posts and issues, not the lists.
    entry = json.loads((site.site / "pagefind" / "pagefind-entry.json").read_text())
    assert entry["languages"]["ru"]["page_count"] == len(POSTS) + 1
    marked = sorted(str(path.relative_to(site.site).parent) for path in site.site.rglob(
        "index.html") if "data-pagefind-body" in path.read_text(encoding="utf-8"))
    assert marked == sorted([url.rstrip("/") for url in POSTS] + ["journal/klienting/2014/2"])


def seed_calendar() -> tuple[str, list[str], list[str]]:
    """Caption, day names and week rows of the seed's sidebar calendar, as the seed prints
    them: a row's day numbers run together ("567891011")."""
    lines = [line.strip(" •") for line in SEED.splitlines()]
    start = lines.index("Май 2014")
    rows = [line.strip() for line in lines[start + 2:start + 7]]
    return lines[start], lines[start + 1].split(), rows


def test_may_2014_calendar_matches_the_seed_grid(site: Build) -> None:
    caption, names, rows = seed_calendar()
    for url in ["2014/05/", *POSTS, ""]:
        calendar = site.html(url).select_one("nav.calendar")
        assert text_of(calendar.select_one("caption")) == caption
        assert [text_of(s) for s in calendar.select("thead th span[aria-hidden]")] == names
        assert ["".join(text_of(td) for td in tr.select("td")) for tr in
                calendar.select("tbody tr")] == rows
        days = {text_of(a): urljoin("/" + url, a["href"])[1:] for a in calendar.select("td a")}
        assert days == {"12": "2014/05/12/", "16": "2014/05/16/", "20": "2014/05/20/"}


def test_calendar_sits_between_the_seed_slogans(site: Build) -> None:
    sidebar = site.html("2014/05/").select_one(".letopis-sidebar")
    order = [("calendar" if "calendar" in (child.get("class") or []) else
              child.get("aria-label") if "letopis-widget" in (child.get("class") or []) else
              text_of(child))
             for child in sidebar.find_all(recursive=False)]
    # The seed's sidebar as it was, then the widgets a reader expects (issue 14).
    assert order == ["Создай своё уникальное предложение!", "Пойми уникальноcть запроса клиента!",
                     "calendar", "Найди баланс между процессами продажи и закупки!",
                     "Учись у лучших!", "Рубрики", "Облако меток", "Подписка"]


ISSUE = "journal/klienting/2014/2/"
NINE_AUTHORS = ["Татьяна Савская", "Алексей Кутейников", "Дмитрий Засухин", "Сергей Гордейко",
                "Андрей Комаровский", "Кирилл Шафаренко", "Андрей Жилин", "Дарья Ядерная",
                "Константин Харский"]


def test_the_announcement_post_and_its_issue_link_each_other(site: Build) -> None:
    post = list(POSTS)[0]
    link = site.html(post).select_one(".letopis-post__issue a")
    assert urljoin("/" + post, link["href"])[1:] == ISSUE
    back = site.html(ISSUE).select_one(".letopis-issue__announcement a")
    assert urljoin("/" + ISSUE, back["href"])[1:] == post


def test_issue_holds_the_editors_article_with_the_seeds_abstract(site: Build) -> None:
    page = site.html(ISSUE)
    assert text_of(page.select_one("article h1")) == \
        "«Клиентинг и управление клиентским портфелем», № 2, 2014"
    (article,) = page.select("article.letopis-article")
    title = "Дизайн-мышление в управлении клиентским портфелем и клиентскими отношениями"
    assert text_of(article.select_one(".letopis-article__title")) == title
    assert f"предлагаю мою статью «{title}»" in " ".join(SEED.split())
    # The abstract is the seed's sentences about the article, word for word.
    seed = " ".join(SEED.split())
    start = seed.index("Эта статья представляет собой")
    end = seed.index("Trendwatching.com.") + len("Trendwatching.com.")
    abstract = article.select_one(".letopis-article__abstract").get_text()
    assert without_spaces(abstract) == without_spaces(seed[start:end])
    assert [text_of(a) for a in article.select("a[rel=author]")] == ["Главный редактор журнала"]


def test_issue_names_the_nine_other_authors_of_the_seed(site: Build) -> None:
    others = site.html(ISSUE).select_one(".letopis-issue__others")
    assert [text_of(a) for a in others.select("a")] == NINE_AUTHORS
    for link in others.select("a"):
        assert site.exists(urljoin("/" + ISSUE, link["href"])[1:])


def test_every_author_has_a_page_in_the_index(site: Build) -> None:
    index = site.html("author/")
    names = sorted(text_of(a) for a in index.select(".letopis-authors li > a"))
    assert names == sorted([*NINE_AUTHORS, "Главный редактор журнала"])


LIES = "2014/05/8-vidov-klientskoi-lzhi/"
SEGMENTS = "2014/05/segmentatsiia-klientskogo-potoka/"


def test_the_eight_lies_are_a_claims_list_with_anchors_in_the_contents(site: Build) -> None:
    page = site.html(LIES)
    claims = page.select(".letopis-claims [role=listitem]")
    ids = [claim.select_one("h2")["id"] for claim in claims]
    assert ids == [f"lozh-{n}" for n in range(1, 9)]
    seed_lines = [line for line in SEED.splitlines() if line.startswith("Ложь №")]
    headings = [" ".join(h.get_text().replace("¶", "").split())
                for h in page.select(".letopis-claims h2")]
    assert headings == seed_lines
    for claim in claims:
        quote = claim.select_one("q.letopis-claims__quote")
        assert quote.get_text().startswith("«")
        assert claim.select_one(".letopis-claims__answer p") is not None
    contents = [a["href"] for a in page.select(".letopis-toc a")]
    assert contents == [f"#lozh-{n}" for n in range(1, 9)]


def test_segmentation_is_a_two_by_two_matrix_in_priority_order(site: Build) -> None:
    page = site.html(SEGMENTS)
    groups = page.select(".letopis-matrix [role=list] > [role=listitem]")
    placed = []
    for group in groups:
        classes = " ".join(group["class"])
        row = re.search(r"--row-(\d)", classes).group(1)
        column = re.search(r"--column-(\d)", classes).group(1)
        priority = group.select_one(".letopis-matrix__priority").get_text().split()[-1]
        name = " ".join(group.select_one(".letopis-matrix__name").get_text().split()[2:])
        placed.append((priority, row, column, name))
    assert placed == [
        ("1", "1", "1", "Первая группа заявок: «Быстро, много»"),
        ("2", "1", "2", "Вторая группа заявок: «Быстро, мало»"),
        ("3", "2", "1", "Третья группа заявок: «Долго, много»"),
        ("4", "2", "2", "Четвертая группа заявок: «Долго, мало»"),
    ]
    axes = [text_of(a) for a in page.select(".letopis-matrix__axis")]
    assert sorted(axes) == sorted(["Много", "Мало", "Быстро", "Долго"])
