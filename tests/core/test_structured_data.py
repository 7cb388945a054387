"""schema.org JSON-LD of posts, journals and issues: types, fields, and no empty values."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from letopis.core.authors import Author
from letopis.core.journal import Issue, Journal
from letopis.core.structured_data import blog_posting, periodical, publication_issue
from tests.core.test_archive import make_posts
from tests.core.test_journal import ANCHOR, TITLE, article, issue_file, journal_index, load

SITE = "https://example.org/"
AUTHORS = {
    "ivan": Author("ivan", "Иван Петров", "Редактор.", "author/ivan/"),
    "petr": Author("petr", "Пётр Сидоров", None, None),
}


def absolute(url: str) -> str:
    return SITE + url


def unknown_site(url: str) -> None:
    return None


def sample() -> tuple[Journal, Issue]:
    journals, problems = load(
        journal_index("vestnik", "name: Вестник", "publisher: Издательский дом",
                      "description: Журнал о продажах."),
        issue_file("2014-2.md", 2014, 2, "articles:",
                   *article(TITLE, "[ivan, petr, ghost]", "rubric: Продажи", "pages: 12–18"),
                   *article("Итоги", "[petr]")),
    )
    assert not problems
    return journals.by_slug["vestnik"], journals.by_ref["vestnik/2014/2"]


def bare() -> tuple[Journal, Issue]:
    """A journal with a name only, and an issue without articles."""
    journals, problems = load(journal_index(), issue_file("2014-1.md", 2014, 1,
                                                          "other_authors: [ivan]"))
    assert not problems
    return journals.by_slug["vestnik"], journals.by_ref["vestnik/2014/1"]


def walk(value: Any) -> Iterator[tuple[str | None, Any]]:
    """Every (key, value) pair at any depth; list items come with the key None."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield key, item
            yield from walk(item)
    elif isinstance(value, list):
        for item in value:
            yield None, item
            yield from walk(item)


def assert_no_empty_values(data: dict[str, Any]) -> None:
    empty = [(key, value) for key, value in walk(data) if value in (None, "", [], {})]
    assert empty == []


# --- BlogPosting --------------------------------------------------------------------------


def test_blog_posting() -> None:
    (post,) = make_posts(f"{TITLE} | 2014-05-12 10:30 | categories: [Продажи]; "
                         "tags: [клиенты, лиды]; authors: [petr, ivan, ghost]; summary: Кратко.")
    assert blog_posting(post, AUTHORS, absolute, "Ремесло") == {
        "@context": "https://schema.org",
        "@type": "BlogPosting",
        "headline": TITLE,
        "name": TITLE,
        "datePublished": "2014-05-12T10:30:00+04:00",  # Moscow was UTC+4 in 2014
        "isPartOf": {"@type": "Blog", "name": "Ремесло"},
        "author": [{"@type": "Person", "name": "Пётр Сидоров"},
                   {"@type": "Person", "name": "Иван Петров", "url": SITE + "author/ivan/"}],
        "articleSection": ["Продажи"],
        "keywords": ["клиенты", "лиды"],
        "url": f"{SITE}2014/05/{ANCHOR}/",
        "description": "Кратко.",
    }


def test_a_bare_blog_posting_has_no_empty_fields() -> None:
    (post,) = make_posts("Пусто | 2014-05-20")
    data = blog_posting(post, AUTHORS, absolute, "Ремесло")
    assert set(data) == {"@context", "@type", "headline", "name", "datePublished", "isPartOf",
                         "url"}
    assert_no_empty_values(data)


# --- Periodical ---------------------------------------------------------------------------


def test_periodical() -> None:
    journal, _ = sample()
    assert periodical(journal, absolute) == {
        "@context": "https://schema.org",
        "@type": "Periodical",
        "name": "Вестник",
        "url": SITE + "journal/vestnik/",
        "publisher": {"@type": "Organization", "name": "Издательский дом"},
        "description": "Журнал о продажах.",
    }


def test_a_bare_periodical_has_no_empty_fields() -> None:
    journal, _ = bare()
    data = periodical(journal, absolute)
    assert set(data) == {"@context", "@type", "name", "url"}
    assert_no_empty_values(data)


# --- PublicationIssue ---------------------------------------------------------------------


def test_publication_issue() -> None:
    journal, issue = sample()
    issue_url = SITE + "journal/vestnik/2014/2/"
    data = publication_issue(issue, journal, AUTHORS, absolute)
    assert data == {
        "@context": "https://schema.org",
        "@type": "PublicationIssue",
        "name": "«Вестник», № 2, 2014",
        "issueNumber": "2",
        "datePublished": "2014",
        "url": issue_url,
        "isPartOf": {
            "@type": "Periodical",
            "name": "Вестник",
            "url": SITE + "journal/vestnik/",
            "publisher": {"@type": "Organization", "name": "Издательский дом"},
        },
        "hasPart": [
            {
                "@type": "ScholarlyArticle",
                "headline": TITLE,
                "name": TITLE,
                "author": [
                    {"@type": "Person", "name": "Иван Петров", "url": SITE + "author/ivan/"},
                    {"@type": "Person", "name": "Пётр Сидоров"},
                ],
                "abstract": "Кратко.",
                "articleSection": "Продажи",
                "pagination": "12–18",
                "url": f"{issue_url}#{ANCHOR}",
            },
            {
                "@type": "ScholarlyArticle",
                "headline": "Итоги",
                "name": "Итоги",
                "author": [{"@type": "Person", "name": "Пётр Сидоров"}],
                "abstract": "Кратко.",
                "url": f"{issue_url}#itogi",
            },
        ],
    }


def test_article_urls_point_at_their_anchors_on_the_issue_page() -> None:
    journal, issue = sample()
    data = publication_issue(issue, journal, AUTHORS, absolute)
    assert [part["url"] for part in data["hasPart"]] == [
        f"{absolute(issue.url)}#{a.anchor}" for a in issue.articles]


def test_a_bare_publication_issue_has_no_empty_fields() -> None:
    journal, issue = bare()
    data = publication_issue(issue, journal, AUTHORS, absolute)
    assert "hasPart" not in data
    assert "publisher" not in data["isPartOf"]
    assert_no_empty_values(data)


# --- all three ----------------------------------------------------------------------------


def every_description(make_absolute: Callable[[str], str | None]) -> list[dict[str, Any]]:
    (post,) = make_posts(f"{TITLE} | 2014-05-12 | authors: [ivan, petr]; summary: Кратко.")
    journal, issue = sample()
    return [blog_posting(post, AUTHORS, make_absolute, "Ремесло"),
            periodical(journal, make_absolute),
            publication_issue(issue, journal, AUTHORS, make_absolute)]


@pytest.mark.parametrize(
    ("index", "kind"), [(0, "BlogPosting"), (1, "Periodical"), (2, "PublicationIssue")])
def test_each_description_is_a_schema_org_document(index: int, kind: str) -> None:
    data = every_description(absolute)[index]
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == kind
    assert [key for key, _ in walk(data) if key == "@context"] == ["@context"]  # top level only


@pytest.mark.parametrize("index", [0, 1, 2])
def test_without_the_sites_address_there_are_no_urls(index: int) -> None:
    data = every_description(unknown_site)[index]
    assert [value for key, value in walk(data) if key == "url"] == []
    assert_no_empty_values(data)
    with_site = every_description(absolute)[index]
    assert [key for key, _ in walk(with_site) if key == "url"]  # the same data has some


@pytest.mark.parametrize("make_absolute", [absolute, unknown_site])
def test_every_description_serializes_to_json(
        make_absolute: Callable[[str], str | None]) -> None:
    for data in every_description(make_absolute):
        assert json.loads(json.dumps(data)) == data
        assert json.loads(json.dumps(data, ensure_ascii=False)) == data
