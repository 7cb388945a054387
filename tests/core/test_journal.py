"""The journal model: journals, issues, articles, their problems, and the posts announcing them."""

from __future__ import annotations

import pytest

from letopis.core.authors import AuthorRef
from letopis.core.content import SourceFile
from letopis.core.journal import Article, Issue, Journals, link_posts, load_journals
from letopis.core.l10n import Localizer
from letopis.core.posts import Post
from letopis.core.problems import Problems, Severity
from letopis.core.urls import UrlScheme
from tests.core.test_archive import make_posts

RU = Localizer("ru")
TITLE = "Сегментация клиентского потока"
ANCHOR = "segmentatsiia-klientskogo-potoka"  # python-slugify, as the README spells it


def source(name: str, *lines: str, body: str = "Анонс номера.") -> SourceFile:
    """journal/<name> with `lines` as front matter: lines[i] is on file line i + 2."""
    text = "---\n" + "\n".join(lines) + f"\n---\n\n{body}\n"
    return SourceFile(f"journal/{name}", f"content/journal/{name}", text.encode())


def journal_index(slug: str = "vestnik", *lines: str) -> SourceFile:
    return source(f"{slug}/index.md", *(lines or ("name: Вестник",)), body="О журнале.")


def issue_file(name: str, year: int, number: int, *lines: str,
               articles: bool = True) -> SourceFile:
    """An issue of "vestnik": year on line 2, number on line 3, `lines` from line 4; one
    article after them unless `lines` list articles (an issue without any is a warning)."""
    if articles and not any(line.startswith(("articles:", "other_authors:")) for line in lines):
        lines = (*lines, "articles:", *article("Статья"))
    return source(f"vestnik/{name}", f"year: {year}", f"number: {number}", *lines)


def article(title: str, authors: str = "[ivan]", *more: str) -> tuple[str, ...]:
    """One entry of `articles:`: its title line first, then authors, abstract and `more`."""
    return (f"  - title: {title}", f"    authors: {authors}", "    abstract: Кратко.",
            *(f"    {line}" for line in more))


def load(*files: SourceFile) -> tuple[Journals, Problems]:
    return load_journals(files, "journal", UrlScheme(), RU)


def errors(problems: Problems) -> list[str]:
    return [str(p) for p in problems.errors]


# --- journals and issues ------------------------------------------------------------------


def test_a_journal_lists_its_issues_newest_first_and_groups_them_by_year() -> None:
    journals, problems = load(
        issue_file("2014-1.md", 2014, 1), journal_index(), issue_file("2013-4.md", 2013, 4),
        issue_file("2014-2.md", 2014, 2),
    )
    assert not problems
    journal = journals.by_slug["vestnik"]
    assert (journal.name, journal.url) == ("Вестник", "journal/vestnik/")
    assert (journal.source, journal.path) == ("journal/vestnik/index.md",
                                              "content/journal/vestnik/index.md")
    assert [(i.year, i.number) for i in journal.issues] == [(2014, 2), (2014, 1), (2013, 4)]
    assert [(year, [i.number for i in issues]) for year, issues in journal.issues_by_year()] \
        == [(2014, [2, 1]), (2013, [4])]
    assert sorted(journals.by_ref) == ["vestnik/2013/4", "vestnik/2014/1", "vestnik/2014/2"]
    assert list(journals.issues()) == journal.issues


def test_journal_fields() -> None:
    journals, problems = load(journal_index(
        "vestnik", "name: Вестник", "publisher: Издательский дом", "description: О продажах."))
    assert not problems
    journal = journals.by_slug["vestnik"]
    assert (journal.slug, journal.publisher, journal.description) == (
        "vestnik", "Издательский дом", "О продажах.")
    assert journal.issues == []


FULL_ISSUE = (
    "status: в печати",  # 4
    "release: июнь 2014 года",  # 5
    "cover: cover.jpg",  # 6
    "articles:",  # 7
    *article(TITLE, "[ivan, petr]", "rubric: Продажи", "pages: 12–18"),  # 8–12
    *article("Итоги", "[anna]"),  # 13–15
    "other_authors: [olga, oleg, olga]",  # 16
)


def full_issue() -> Issue:
    journals, problems = load(journal_index(), issue_file("2014-2.md", 2014, 2, *FULL_ISSUE))
    assert not problems, problems.items
    return journals.by_ref["vestnik/2014/2"]


def test_issue_fields() -> None:
    issue = full_issue()
    assert (issue.journal, issue.year, issue.number) == ("vestnik", 2014, 2)
    assert (issue.source, issue.path) == ("journal/vestnik/2014-2.md",
                                          "content/journal/vestnik/2014-2.md")
    assert (issue.status, issue.release, issue.cover) == ("в печати", "июнь 2014 года",
                                                          "cover.jpg")
    assert issue.other_authors == ("olga", "oleg")  # duplicates dropped, order kept
    assert issue.url == "journal/vestnik/2014/2/"
    assert issue.ref == "vestnik/2014/2"
    assert issue.doc.body.strip() == "Анонс номера."
    assert issue.posts == []


def test_issue_title_and_label_come_from_the_catalog() -> None:
    issue = full_issue()
    assert issue.title == "«Вестник», № 2, 2014"
    assert issue.label == "№ 2, 2014"


def test_issue_without_optional_fields() -> None:
    journals, problems = load(journal_index(), issue_file("2014-2.md", 2014, 2,
                                                          articles=False))
    # Published all the same: the announcement may come before the articles are known.
    assert [(str(p), p.severity) for p in problems.items] == [
        ('content/journal/vestnik/2014-2.md:4: в номере нет статей: перечислите их под '
         '"articles:" (title, authors, abstract)', Severity.WARNING)]
    issue = journals.by_ref["vestnik/2014/2"]
    assert (issue.status, issue.release, issue.cover) == (None, None, None)
    assert (issue.articles, issue.other_authors) == ((), ())


def test_an_empty_list_of_articles_is_a_warning_at_its_line() -> None:
    _, problems = load(journal_index(), issue_file("2014-2.md", 2014, 2, "status: в печати",
                                                   "articles: []"))
    assert [(p.line, p.severity) for p in problems.items] == [(5, Severity.WARNING)]
    _, problems = load(journal_index(), issue_file("2014-2.md", 2014, 2,
                                                   "other_authors: [ivan]"))
    assert not problems  # articles whose titles are not given


def test_article_fields() -> None:
    first, second = full_issue().articles
    assert first == Article(title=TITLE, authors=("ivan", "petr"), abstract="Кратко.",
                            rubric="Продажи", pages="12–18", anchor=ANCHOR)
    assert second == Article(title="Итоги", authors=("anna",), abstract="Кратко.", rubric=None,
                             pages=None, anchor="itogi")


def test_pages_written_as_a_number_are_text() -> None:
    journals, _ = load(journal_index(), issue_file("2014-2.md", 2014, 2, "articles:",
                                                   *article(TITLE, "[ivan]", "pages: 7")))
    (only,) = journals.by_ref["vestnik/2014/2"].articles
    assert only.pages == "7"


def test_articles_with_the_same_title_get_distinct_anchors() -> None:
    journals, problems = load(journal_index(), issue_file(
        "2014-2.md", 2014, 2, "articles:", *article(TITLE), *article(TITLE), *article(TITLE)))
    assert not problems
    anchors = [a.anchor for a in journals.by_ref["vestnik/2014/2"].articles]
    assert anchors == [ANCHOR, f"{ANCHOR}-2", f"{ANCHOR}-3"]


def test_a_numbered_anchor_does_not_collide_with_a_title_ending_in_that_number() -> None:
    journals, problems = load(journal_index(), issue_file(
        "2014-2.md", 2014, 2, "articles:", *article("Итоги"), *article("Итоги"),
        *article("Итоги 2")))
    assert not problems
    anchors = [a.anchor for a in journals.by_ref["vestnik/2014/2"].articles]
    assert len(set(anchors)) == len(anchors), anchors


def test_a_title_without_letters_gets_a_generic_anchor() -> None:
    journals, problems = load(journal_index(), issue_file(
        "2014-2.md", 2014, 2, "articles:", *article("'!!!'"), *article("'???'")))
    assert not problems
    assert [a.anchor for a in journals.by_ref["vestnik/2014/2"].articles] == [
        "article", "article-2"]


# --- problems -----------------------------------------------------------------------------

ISSUE_PATH = "content/journal/vestnik/2014-2.md"


@pytest.mark.parametrize(
    ("lines", "line", "message"),
    [
        (["number: 2"], 1, 'нет ключа "year" (он обязателен, это число)'),
        (["year: 2014"], 1, 'нет ключа "number" (он обязателен, это число)'),
        (["year: 1899", "number: 2"], 2,
         "year должно быть целым числом от 1900 до 2100, а не 1899"),
        (["year: 2101", "number: 2"], 2,
         "year должно быть целым числом от 1900 до 2100, а не 2101"),
        (["year: 2014", "number: два"], 3,
         "number должно быть целым числом от 1 до 999, а не 'два'"),
        (["year: 2014", "number: 2.5"], 3, "number должно быть целым числом от 1 до 999, а не 2.5"),
        (["year: 2014", "number: 0"], 3, "number должно быть целым числом от 1 до 999, а не 0"),
        (["year: 2014", "number: 2", "status: [a, b]"], 4, "status должно быть текстом"),
        (["year: 2014", "number: 2", f"articles: {TITLE}"], 4,
         'articles должно быть списком, каждый элемент которого начинается с "- "'),
        (["year: 2014", "number: 2", "articles:", f"  - {TITLE}"], 5,
         'каждый элемент articles должен состоять из строк "ключ: значение"'),
        # A missing key is reported at its article's entry, a bad one at the key itself.
        (["year: 2014", "number: 2", "articles:", "  - authors: [ivan]", "    abstract: О."], 5,
         'нет ключа "title" (он обязателен)'),
        (["year: 2014", "number: 2", "articles:", "  - authors: [ivan]", "    title:",
          "    abstract: О."], 6, 'ключ "title" пуст (он обязателен)'),
        (["year: 2014", "number: 2", "articles:", f"  - title: {TITLE}", "    abstract: О."], 5,
         'нет ключа "authors" (он обязателен, это список)'),
        (["year: 2014", "number: 2", "articles:", f"  - title: {TITLE}", "    abstract: О.",
          "    authors: []"], 7, 'ключ "authors" пуст (он обязателен)'),
        (["year: 2014", "number: 2", "articles:", f"  - title: {TITLE}", "    abstract: О.",
          "    authors: ivan"], 7, "authors должно быть списком"),
        (["year: 2014", "number: 2", "articles:", *article(TITLE), "  - title: Итоги",
          "    authors: [ivan]"], 8, 'нет ключа "abstract" (он обязателен)'),
        (["year: 2014", "number: 2", "other_authors: ivan"], 4,
         "other_authors должно быть списком"),
    ],
)
def test_an_invalid_issue_is_an_error_on_its_line(lines: list[str], line: int,
                                                  message: str) -> None:
    journals, problems = load(journal_index(), source("vestnik/2014-2.md", *lines))
    (error,) = problems.errors
    assert str(error).startswith(f"{ISSUE_PATH}:{line}: {message}")
    assert journals.by_ref == {}
    assert journals.by_slug["vestnik"].issues == []


def test_every_problem_of_every_issue_is_reported() -> None:
    _, problems = load(
        journal_index(),
        source("vestnik/2014-1.md", "year: 1800", "number: x"),
        source("vestnik/2014-2.md", "year: 2014", "number: 2", "articles:", "  - title: A"),
    )
    assert [(p.path.rpartition("/")[2], p.line) for p in problems.errors] == [
        ("2014-1.md", 2), ("2014-1.md", 3), ("2014-2.md", 5), ("2014-2.md", 5)]


def test_a_duplicate_issue_number_names_the_other_file() -> None:
    journals, problems = load(
        journal_index(),
        issue_file("2014-2.md", 2014, 2),
        issue_file("2014-2-copy.md", 2014, 2),
    )
    assert errors(problems) == [
        "content/journal/vestnik/2014-2-copy.md:3: номер № 2 за 2014 год уже описан в "
        f"{ISSUE_PATH}"
    ]
    assert journals.by_ref["vestnik/2014/2"].source == "journal/vestnik/2014-2.md"
    assert len(journals.by_slug["vestnik"].issues) == 1


def test_the_same_number_in_another_year_or_journal_is_no_duplicate() -> None:
    journals, problems = load(
        journal_index(), journal_index("digest", "name: Дайджест"),
        issue_file("2014-2.md", 2014, 2), issue_file("2013-2.md", 2013, 2),
        source("digest/2014-2.md", "year: 2014", "number: 2", "articles:", *article("Обзор")),
    )
    assert not problems
    assert sorted(journals.by_ref) == ["digest/2014/2", "vestnik/2013/2", "vestnik/2014/2"]


def test_an_issue_in_a_folder_without_index_md_is_an_error() -> None:
    journals, problems = load(source("nowhere/2014-1.md", "year: 2014", "number: 1"))
    (error,) = problems.errors
    assert error.line is None
    assert str(error) == ('content/journal/nowhere/2014-1.md: у журнала "nowhere" нет файла '
                          "journal/nowhere/index.md с его названием и издателем")
    assert journals.by_slug == {}
    assert journals.by_ref == {}


@pytest.mark.parametrize("name", ["2014-2.md", "index.md"])
def test_a_file_directly_in_the_journal_folder_is_an_error(name: str) -> None:
    journals, problems = load(source(name, "name: Вестник", "year: 2014", "number: 2"))
    (error,) = problems.errors
    assert str(error) == (f"content/journal/{name}: у журнала своя папка: перенесите "
                          "этот файл в journal/<журнал>/")
    assert journals.by_slug == {}


def test_a_journal_without_a_name_is_one_error_and_its_issues_are_left_out() -> None:
    journals, problems = load(journal_index("vestnik", "publisher: Издательский дом"),
                              issue_file("2014-2.md", 2014, 2))
    assert errors(problems) == ['content/journal/vestnik/index.md:1: нет ключа "name" '
                                "(он обязателен)"]
    assert journals.by_slug == {}
    assert journals.by_ref == {}


def test_a_journal_folder_that_is_not_a_slug_is_an_error() -> None:
    journals, problems = load(journal_index("мой вестник"),
                              source("мой вестник/2014-2.md", "year: 2014", "number: 2"))
    (error,) = problems.errors
    assert error.path == "content/journal/мой вестник/index.md"
    assert error.message.startswith('папка журнала "мой вестник" становится его адресом')
    assert journals.by_slug == {}


@pytest.mark.parametrize(
    ("files", "path", "line", "key", "hint"),
    [
        ([journal_index("vestnik", "name: Вестник", "publsher: Дом")], "index.md", 3,
         "publsher", "publisher"),
        ([journal_index(), issue_file("2014-2.md", 2014, 2, "stauts: в печати")], "2014-2.md", 4,
         "stauts", "status"),
        ([journal_index(), issue_file("2014-2.md", 2014, 2, "articles:",
                                      *article(TITLE, "[ivan]", "rubrik: Продажи"))],
         "2014-2.md", 8, "rubrik", "rubric"),
        ([journal_index(), issue_file("2014-2.md", 2014, 2, "colour: red")], "2014-2.md", 4,
         "colour", None),
    ],
)
def test_unknown_keys_are_warnings(files: list[SourceFile], path: str, line: int, key: str,
                                   hint: str | None) -> None:
    journals, problems = load(*files)
    assert not problems.errors
    (warning,) = problems.items
    assert warning.severity is Severity.WARNING
    suffix = f' (может быть, "{hint}"?)' if hint else ""
    assert str(warning) == \
        f'content/journal/vestnik/{path}:{line}: неизвестный ключ "{key}"{suffix}'
    assert "vestnik" in journals.by_slug
    assert len(journals.by_ref) == (len(files) - 1)  # a warning does not reject an issue


def test_mkdocs_keys_are_not_unknown() -> None:
    _, problems = load(journal_index("vestnik", "name: Вестник", "template: j.html",
                                     "hide: [toc]"),
                       issue_file("2014-2.md", 2014, 2, "search: {exclude: true}"))
    assert not problems


# --- author references --------------------------------------------------------------------


def test_author_refs_name_the_line_of_their_list() -> None:
    journals, _ = load(journal_index(), issue_file("2014-2.md", 2014, 2, *FULL_ISSUE))
    assert journals.author_refs == [
        AuthorRef(ISSUE_PATH, 9, "ivan"), AuthorRef(ISSUE_PATH, 9, "petr"),
        AuthorRef(ISSUE_PATH, 14, "anna"),
        AuthorRef(ISSUE_PATH, 16, "olga"), AuthorRef(ISSUE_PATH, 16, "oleg"),
    ]


def test_author_refs_are_kept_from_a_duplicate_issue() -> None:
    copy = "content/journal/vestnik/2014-2-copy.md"
    journals, problems = load(
        journal_index(), issue_file("2014-2.md", 2014, 2, articles=False),
        issue_file("2014-2-copy.md", 2014, 2, "articles:", *article(TITLE, "[ivan]"),
                   "other_authors: [petr]"),
    )
    assert len(problems.errors) == 1
    assert journals.by_ref["vestnik/2014/2"].articles == ()
    assert AuthorRef(copy, 6, "ivan") in journals.author_refs
    assert AuthorRef(copy, 8, "petr") in journals.author_refs


def test_author_refs_are_kept_from_an_issue_with_errors() -> None:
    journals, problems = load(
        journal_index(),
        source("vestnik/2014-2.md", "number: 2", "other_authors: [petr]"),
    )
    assert journals.by_ref == {}
    assert len(problems.errors) == 1
    assert journals.author_refs == [AuthorRef(ISSUE_PATH, 3, "petr")]


def test_author_refs_are_kept_from_an_article_with_errors() -> None:
    journals, _ = load(journal_index(), source(
        "vestnik/2014-2.md", "year: 2014", "number: 2", "articles:", f"  - title: {TITLE}",
        "    authors: [ivan]"))
    assert AuthorRef(ISSUE_PATH, 6, "ivan") in journals.author_refs


# --- posts announcing issues --------------------------------------------------------------


def journals_and_posts(*specs: str) -> tuple[Journals, list[Post]]:
    journals, problems = load(journal_index(), issue_file("2014-2.md", 2014, 2))
    assert not problems
    return journals, make_posts(*specs)


def link(journals: Journals, posts: list[Post]) -> Problems:
    problems = Problems()
    link_posts(journals, posts, [p for p in posts if not p.draft], problems)
    return problems


def test_an_unknown_issue_is_an_error_at_the_posts_issue_line_drafts_included() -> None:
    journals, posts = journals_and_posts(
        "Анонс | 2014-05-20 | issue: vestnik/2014/9",
        "Черновик | 2014-05-21 | draft: true; tags: [a]; issue: digest/2014/2",
        "Верный | 2014-05-22 | issue: vestnik/2014/2",
    )
    expected = "(нужно <журнал>/<год>/<номер>; известны: vestnik/2014/2)"
    assert errors(link(journals, posts)) == [
        f'content/posts/0.md:4: неизвестный номер журнала "vestnik/2014/9" {expected}',
        f'content/posts/1.md:6: неизвестный номер журнала "digest/2014/2" {expected}',
    ]


def test_without_journals_every_issue_is_unknown() -> None:
    (post,) = make_posts("Анонс | 2014-05-20 | issue: vestnik/2014/2")
    problems = link(Journals({}, {}, []), [post])
    (error,) = problems.errors
    assert error.message.endswith("известны: пока нет)")


def test_published_posts_are_attached_to_their_issue_oldest_first() -> None:
    journals, posts = journals_and_posts(
        "Позже | 2014-06-01 | issue: vestnik/2014/2",
        "Раньше | 2014-05-20 | issue: vestnik/2014/2",
        "Черновик | 2014-05-25 | issue: vestnik/2014/2; draft: true",
        "Без номера | 2014-05-21",
    )
    assert not link(journals, posts)
    issue = journals.by_ref["vestnik/2014/2"]
    assert [p.title for p in issue.posts] == ["Раньше", "Позже"]
