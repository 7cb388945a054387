"""The journal fixture built for real: journal, issue and author pages, the links between
announcing posts and issues, and schema.org JSON-LD that no title can break out of."""

from __future__ import annotations

import json
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from tests.conftest import Build, journal_site_config, resolve, text_of

JOURNAL = "journal/vestnik/"
ISSUE_2014_1 = "journal/vestnik/2014/1/"
ISSUE_2014_2 = "journal/vestnik/2014/2/"
HOSTILE_ARTICLE = "Статья </script><script>alert(1)</script> & «кавычки»"
HOSTILE_POST = "Заголовок </script><b>жирный</b> & \"кавычки\" 'апостроф'"


@pytest.fixture(scope="module")
def site(build_fixture) -> Build:
    build = build_fixture("journal", journal_site_config())
    assert build.returncode == 0, build.log
    assert "WARNING" not in build.log
    return build


def structured_data(page: BeautifulSoup) -> list[dict]:
    return [json.loads(script.string) for script in
            page.select('script[type="application/ld+json"]')]


def test_journal_page_groups_issues_by_year_newest_first(site: Build) -> None:
    page = site.html(JOURNAL)
    assert text_of(page.select_one("article h1")) == "Вестник продаж"
    years = page.select(".letopis-journal__years > dt")
    assert [text_of(dt) for dt in years] == ["2014", "2013"]
    issues = [[text_of(a) for a in dt.find_next_sibling("dd").select("a")] for dt in years]
    assert issues == [["№ 2, 2014", "№ 1, 2014"], ["№ 4, 2013"]]
    links = [resolve(JOURNAL, a["href"]) for a in page.select(".letopis-journal__years a")]
    assert links == [ISSUE_2014_2, ISSUE_2014_1, "journal/vestnik/2013/4/"]
    assert "Вступление на именной странице журнала." in text_of(page)
    assert "Издательство «Тест»" in text_of(page)


def test_journal_page_announces_the_articles_of_its_newest_issues(site: Build) -> None:
    page = site.html(JOURNAL)
    heading = page.find("h2", string="Анонсы статей")
    assert heading is not None
    announced = [text_of(a) for a in page.select(".letopis-journal__announced h3 a")]
    assert announced == ["№ 2, 2014", "№ 1, 2014"]  # announced_issues: 2
    titles = [text_of(h) for h in page.select(".letopis-journal__announced .letopis-article "
                                              ".letopis-article__title")]
    assert titles == [HOSTILE_ARTICLE, "Портфель клиентов", "Сегменты и приоритеты"]
    assert "Старая статья" not in text_of(page)


def test_issue_page_shows_status_release_and_articles(site: Build) -> None:
    page = site.html(ISSUE_2014_1)
    assert text_of(page.select_one("article h1")) == "«Вестник продаж», № 1, 2014"
    facts = dict(zip([text_of(dt) for dt in page.select(".letopis-issue__facts dt")],
                     [text_of(dd) for dd in page.select(".letopis-issue__facts dd")],
                     strict=True))
    assert facts["Статус"] == "вышел из печати"
    articles = page.select("article.letopis-article")
    assert [a["id"] for a in articles] == ["portfel-klientov", "segmenty-i-prioritety"]
    first, second = articles
    assert [text_of(a) for a in first.select(".letopis-meta a[rel=author]")] == \
        ["Анна Иванова", "Пётр Петров"]
    abstract = first.select(".letopis-article__abstract p")
    assert [" ".join(p.get_text().split()) for p in abstract] == [
        "Первый абзац аннотации с выделением.", "Второй абзац аннотации."]
    assert first.select_one(".letopis-article__abstract em") is not None  # Markdown rendered
    assert "Рубрика: Практика" in text_of(second)
    assert "Страницы: 12–18" in text_of(second)
    assert "Анонс первого номера 2014 года." in text_of(page)


def test_issue_page_lists_authors_whose_article_titles_are_not_given(site: Build) -> None:
    page = site.html(ISSUE_2014_2)
    assert text_of(page.select_one(".letopis-issue__facts")).count("первая половина июня") == 1
    others = page.select_one(".letopis-issue__others")
    assert [resolve(ISSUE_2014_2, a["href"]) for a in others.select("a")] == ["author/petrov/"]


def test_post_and_issue_link_each_other(site: Build) -> None:
    post_url = "2014/05/vtoroi-nomer-podpisan-v-pechat/"
    link = site.html(post_url).select_one(".letopis-post__issue a")
    assert resolve(post_url, link["href"]) == ISSUE_2014_2
    back = site.html(ISSUE_2014_2).select(".letopis-issue__announcement a")
    assert [resolve(ISSUE_2014_2, a["href"]) for a in back] == [post_url]
    # The announcing post stays in the monthly archive and the calendar.
    month = site.html("2014/05/")
    assert [text_of(a) for a in month.select(".letopis-entry__title a")] == \
        ["Второй номер подписан в печать"]
    assert month.select_one("nav.calendar a[href$='20/']") is not None


def test_author_page_lists_articles_across_issues_and_posts(site: Build) -> None:
    url = "author/ivanova/"
    page = site.html(url)
    assert text_of(page.select_one("article h1")) == "Анна Иванова"
    assert text_of(page.select_one(".letopis-author__bio")) == "Исследователь клиентских портфелей."
    lists = page.select(".letopis-author__works")
    articles = [(text_of(a), resolve(url, a["href"])) for a in lists[0].select("a")]
    assert articles == [("Портфель клиентов", ISSUE_2014_1 + "#portfel-klientov"),
                        ("Старая статья", "journal/vestnik/2013/4/#staraia-statia")]
    posts = [(text_of(a), resolve(url, a["href"])) for a in lists[1].select("a")]
    assert posts == [("Второй номер подписан в печать", "2014/05/vtoroi-nomer-podpisan-v-pechat/")]
    # Every link of the page lands on a built page and, for articles, on their anchor.
    for target in (href for _, href in articles + posts):
        path, _, anchor = target.partition("#")
        built = site.html(path)
        assert not anchor or built.find(id=anchor) is not None


def test_author_contributing_without_a_known_title(site: Build) -> None:
    page = site.html("author/petrov/")
    items = [" ".join(li.get_text().split()) for li in page.select(".letopis-author__works li")]
    assert "«Вестник продаж», № 2, 2014: статья в номере (название в анонсе не приводится)" \
        in items


def test_authors_index_lists_every_author_by_name(site: Build) -> None:
    page = site.html("author/")
    links = [(text_of(a), resolve("author/", a["href"])) for a in
             page.select(".letopis-authors li > a")]
    assert links == [("Анна Иванова", "author/ivanova/"),
                     ('Злой </script><b>автор</b> & "Ко"', "author/hostile/"),
                     ("Пётр Петров", "author/petrov/")]


def test_post_authors_link_to_their_pages(site: Build) -> None:
    url = "2014/01/vyshel-pervyi-nomer/"
    authors = site.html(url).select(".letopis-post__header .letopis-meta__authors a")
    assert [(text_of(a), resolve(url, a["href"])) for a in authors] == \
        [("Пётр Петров", "author/petrov/")]


def test_json_ld_of_the_journal_page_is_a_periodical(site: Build) -> None:
    (data,) = structured_data(site.html(JOURNAL))
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "Periodical"
    assert data["name"] == "Вестник продаж"
    assert data["publisher"] == {"@type": "Organization", "name": "Издательство «Тест»"}
    assert data["url"] == "https://example.org/archive/journal/vestnik/"


def test_json_ld_of_an_issue_holds_its_articles(site: Build) -> None:
    (data,) = structured_data(site.html(ISSUE_2014_1))
    assert data["@type"] == "PublicationIssue"
    assert data["issueNumber"] == "1"
    assert data["isPartOf"]["@type"] == "Periodical"
    articles = data["hasPart"]
    assert [a["@type"] for a in articles] == ["ScholarlyArticle", "ScholarlyArticle"]
    assert articles[0]["headline"] == "Портфель клиентов"
    assert [p["name"] for p in articles[0]["author"]] == ["Анна Иванова", "Пётр Петров"]
    assert articles[1]["pagination"] == "12–18"
    assert articles[0]["url"] == "https://example.org/archive/journal/vestnik/2014/1/" \
                                 "#portfel-klientov"


def test_json_ld_of_a_post_is_a_blog_posting(site: Build) -> None:
    (data,) = structured_data(site.html("2014/01/vyshel-pervyi-nomer/"))
    assert data["@type"] == "BlogPosting"
    assert data["headline"] == "Вышел первый номер"
    assert data["datePublished"] == "2014-01-15T00:00:00+04:00"  # Moscow was UTC+4 then
    assert data["author"] == [{"@type": "Person", "name": "Пётр Петров",
                               "url": "https://example.org/archive/author/petrov/"}]


@pytest.mark.parametrize(
    ("url", "title"),
    [("2013/11/opasnyi-zagolovok/", HOSTILE_POST), (ISSUE_2014_2, HOSTILE_ARTICLE)],
)
def test_a_script_end_tag_in_a_title_stays_inside_the_json(site: Build, url: str,
                                                            title: str) -> None:
    html = (site.site / url / "index.html").read_text(encoding="utf-8")
    page = BeautifulSoup(html, "lxml")
    (data,) = structured_data(page)  # the whole JSON is inside one intact script element
    names = [data.get("headline"), *(a["headline"] for a in data.get("hasPart", []))]
    assert title in names
    assert "alert(1)" not in "".join(s.string or "" for s in page.select("script:not([type])"))
    # Letopis' own markup shows the title as text.
    heading = page.select_one("article h1")
    assert heading.get_text() == (title if url != ISSUE_2014_2 else "«Вестник продаж», № 2, 2014")
    content = page.select_one("article.md-content__inner")
    assert content.find("b", string="жирный") is None
    assert content.find("script") is None
