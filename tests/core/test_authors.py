"""The authors registry, checks of author keys, and what each author wrote."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from letopis.core.author_works import AuthorWorks, works_by_author
from letopis.core.authors import (
    Author,
    AuthorRef,
    author_refs,
    check_author_refs,
    load_authors,
)
from letopis.core.problems import Problems, Severity
from letopis.core.source import read_document
from tests.core.test_archive import make_posts
from tests.core.test_journal import article, issue_file, journal_index
from tests.core.test_journal import load as load_journals

REGISTRY = "content/authors.yml"


def page_of(key: str) -> str:
    return f"author/{key}/"


def load(raw: str | bytes | None,
         url_of: Callable[[str], str | None] = page_of) -> tuple[dict[str, Author], Problems]:
    problems = Problems()
    data = raw.encode() if isinstance(raw, str) else raw
    return load_authors(data, REGISTRY, url_of, problems), problems


# --- load_authors -------------------------------------------------------------------------


def test_full_and_shorthand_entries() -> None:
    authors, problems = load(
        "# Authors, each declared once.\n"
        "ivan:\n"
        "  name: Иван Петров\n"
        "  bio: Главный редактор.\n"
        "petr: Пётр Сидоров\n"
    )
    assert not problems
    assert authors == {
        "ivan": Author("ivan", "Иван Петров", "Главный редактор.", "author/ivan/"),
        "petr": Author("petr", "Пётр Сидоров", None, "author/petr/"),
    }


def test_url_of_gives_each_authors_page() -> None:
    asked: list[str] = []

    def url_of(key: str) -> str:
        asked.append(key)
        return f"people/{key}.html"

    authors, _ = load("ivan: Иван\npetr:\n  name: Пётр\n", url_of)
    assert asked == ["ivan", "petr"]
    assert [a.url for a in authors.values()] == ["people/ivan.html", "people/petr.html"]


def test_without_author_pages_authors_have_no_url() -> None:
    authors, problems = load("ivan: Иван\npetr:\n  name: Пётр\n", lambda key: None)
    assert not problems
    assert [a.url for a in authors.values()] == [None, None]


def test_without_a_registry_there_are_no_authors() -> None:
    def url_of(key: str) -> str:
        raise AssertionError(f"no author to ask about, yet asked about {key}")

    authors, problems = load(None, url_of)
    assert authors == {}
    assert not problems


@pytest.mark.parametrize("key", ["ivan petrov", "ivan/petrov", "-ivan", "_ivan", "ivan.petrov"])
def test_a_key_that_is_not_a_slug_is_an_error_on_its_line(key: str) -> None:
    authors, problems = load(f"petr: Пётр\n'{key}': Иван\nanna: Анна\n")
    (error,) = problems.errors
    assert str(error).startswith(f'{REGISTRY}:2: ключ автора "{key}" может содержать только '
                                 'буквы, цифры, "-" и "_"')
    assert sorted(authors) == ["anna", "petr"]  # the others still load


@pytest.mark.parametrize("key", ["ivan_petrov", "иван-петров", "ivan2"])
def test_keys_may_hold_letters_digits_hyphens_and_underscores(key: str) -> None:
    authors, problems = load(f"{key}: Иван\n")
    assert not problems
    assert authors[key].name == "Иван"


@pytest.mark.parametrize(
    ("entry", "line", "message"),
    [
        ("ivan:", 2, 'у автора "ivan" нет имени: "ivan: Имя Фамилия" или "name:" под ключом'),
        ("ivan: ''", 2, 'у автора "ivan" нет имени'),
        ("ivan: '   '", 2, 'у автора "ivan" нет имени'),
        ("ivan: [Иван, Петров]", 2, 'у автора "ivan" нет имени'),
        ("ivan:\n  bio: Редактор.", 2, 'нет ключа "name" (он обязателен)'),
        ("ivan:\n  bio: Редактор.\n  name:", 4, 'ключ "name" пуст (он обязателен)'),
        ("ivan:\n  name: [Иван]", 3, "name должно быть текстом"),
    ],
)
def test_an_entry_without_a_name_is_an_error(entry: str, line: int, message: str) -> None:
    authors, problems = load(f"petr: Пётр\n{entry}\n")
    (error,) = problems.errors
    assert str(error).startswith(f"{REGISTRY}:{line}: {message}")
    assert list(authors) == ["petr"]


@pytest.mark.parametrize(("key", "hint"), [("boi", ' (может быть, "bio"?)'), ("email", "")])
def test_an_unknown_field_of_an_entry_is_a_warning(key: str, hint: str) -> None:
    authors, problems = load(f"ivan:\n  name: Иван\n  {key}: x\n")
    (warning,) = problems.items
    assert warning.severity is Severity.WARNING
    assert str(warning) == f'{REGISTRY}:3: неизвестный ключ "{key}"{hint}'
    assert authors["ivan"] == Author("ivan", "Иван", None, "author/ivan/")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"ivan: \xc8\xe2\xe0\xed\n", f"{REGISTRY}:1: файл не в кодировке UTF-8 (байт 0xC8)"),
        ("petr: Пётр\nivan: Иван\n  bio: x\n".encode(),
         f"{REGISTRY}:3: список авторов: ошибка YAML"),
        (b"petr: [\n", f"{REGISTRY}:2: список авторов: ошибка YAML"),
        ("petr: Пётр\nivan: Иван\nivan: Иван Петров\n".encode(),
         f'{REGISTRY}:3: ключ "ivan" повторяется (впервые на строке 2)'),
        ("- Иван\n- Пётр\n".encode(),
         f'{REGISTRY}:1: список авторов: должны быть строки "ключ: значение"'),
    ],
)
def test_an_unreadable_registry_is_an_error_with_file_and_line(raw: bytes, message: str) -> None:
    authors, problems = load(raw)
    (error,) = problems.errors
    assert str(error).startswith(message)
    assert authors == {}


def test_not_utf8_is_reported_on_the_line_of_the_bad_byte() -> None:
    _, problems = load("petr: Пётр\nanna: Анна\n".encode() + b"ivan: \xc8\xe2\xe0\xed\n")
    (error,) = problems.errors
    assert (error.path, error.line) == (REGISTRY, 3)


# --- check_author_refs --------------------------------------------------------------------

AUTHORS = {
    "ivan": Author("ivan", "Иван Петров", None, "author/ivan/"),
    "petr": Author("petr", "Пётр Сидоров", None, "author/petr/"),
}


def check(refs: list[AuthorRef], authors: dict[str, Author] = AUTHORS) -> list[str]:
    problems = Problems()
    check_author_refs(refs, authors, REGISTRY, problems)
    assert not problems.warnings
    return [str(p) for p in problems.errors]


def test_known_keys_are_no_problem() -> None:
    assert check([AuthorRef("content/posts/a.md", 4, "ivan"),
                  AuthorRef("content/journal/v/2014-2.md", 9, "petr")]) == []


@pytest.mark.parametrize(
    ("key", "hint"),
    [("ivna", ' (может быть, "ivan"?)'), ("petr-sidorov", ""), ("zzz", "")],
)
def test_an_unknown_key_is_an_error_at_the_reference(key: str, hint: str) -> None:
    refs = [AuthorRef("content/posts/a.md", 4, "ivan"),
            AuthorRef("content/journal/v/2014-2.md", 9, key)]
    assert check(refs) == [f'content/journal/v/2014-2.md:9: неизвестный автор "{key}"{hint}: '
                           f"объявите его в {REGISTRY}"]


def test_every_unknown_reference_is_reported() -> None:
    refs = [AuthorRef("content/posts/a.md", 4, "anna"), AuthorRef("content/posts/b.md", 5, "anna")]
    assert [e.partition(": ")[0] for e in check(refs, {})] == ["content/posts/a.md:4",
                                                               "content/posts/b.md:5"]


# --- works_by_author ----------------------------------------------------------------------

# Keys in alphabetical order differ from names in alphabetical order.
WRITERS = {
    "petrov": Author("petrov", "Иван Петров", None, None),
    "belova": Author("belova", "Яна Белова", None, None),
    "orlova": Author("orlova", "Анна Орлова", None, None),
    "idle": Author("idle", "Борис Молчанов", None, None),
}


def sample_journals():
    journals, problems = load_journals(
        journal_index(),
        issue_file("2013-4.md", 2013, 4, "articles:", *article("Старая статья", "[petrov]"),
                   "other_authors: [orlova]"),
        issue_file("2014-2.md", 2014, 2, "articles:",
                   *article("Новая статья", "[petrov, belova]"),
                   *article("Чужая статья", "[ghost]"),
                   "other_authors: [orlova, ghost]"),
        issue_file("2014-1.md", 2014, 1, "articles:", *article("Средняя статья", "[petrov]")),
    )
    assert not problems
    return journals


def by_key(works: list[AuthorWorks]) -> dict[str, AuthorWorks]:
    return {w.author.key: w for w in works}


def test_authors_are_sorted_by_surname() -> None:
    """Russian readers look an author up by surname: Белова, Молчанов, Орлова, Петров."""
    works = works_by_author(WRITERS, [], sample_journals())
    assert [w.author.name for w in works] == ["Яна Белова", "Борис Молчанов", "Анна Орлова",
                                              "Иван Петров"]


def test_sorting_by_surname_ignores_case() -> None:
    authors = {"dumas": Author("dumas", "Александр Дюма", None, None),
               "sade": Author("sade", "Маркиз де-Сад", None, None)}
    assert [w.author.key for w in works_by_author(authors, [], None)] == ["sade", "dumas"]


def test_yo_sorts_with_ye_as_in_a_russian_dictionary() -> None:
    names = ["Олег Яковлев", "Пётр Ёлкин", "Анна Елисеева", "Ирина Егорова", "Иван Ершов",
             "Юрий Жуков"]
    authors = {f"a{i}": Author(f"a{i}", name, None, None) for i, name in enumerate(names)}
    assert [w.author.name for w in works_by_author(authors, [], None)] == \
        ["Ирина Егорова", "Анна Елисеева", "Пётр Ёлкин", "Иван Ершов", "Юрий Жуков",
         "Олег Яковлев"]


def test_cyrillic_names_come_before_latin_ones() -> None:
    names = ["John Smith", "Яна Белова", "Anna Adams"]
    authors = {f"a{i}": Author(f"a{i}", name, None, None) for i, name in enumerate(names)}
    assert [w.author.name for w in works_by_author(authors, [], None)] == \
        ["Яна Белова", "Anna Adams", "John Smith"]


def test_the_surname_is_the_last_word_without_its_quotes() -> None:
    names = ['Злой «автор» & "Ко"', "Пётр Петров", "Анна Иванова", "Ирина Кузнецова"]
    authors = {f"a{i}": Author(f"a{i}", name, None, None) for i, name in enumerate(names)}
    assert [w.author.name for w in works_by_author(authors, [], None)] == \
        ["Анна Иванова", 'Злой «автор» & "Ко"', "Ирина Кузнецова", "Пётр Петров"]


def test_the_registry_may_say_what_an_author_is_sorted_by() -> None:
    authors, problems = load("chief:\n  name: Главный редактор журнала\n"
                             "  sort_as: Главный редактор\n"
                             "zhilin: Андрей Жилин\ngordeiko: Сергей Гордейко\n")
    assert not problems
    assert [w.author.key for w in works_by_author(authors, [], None)] == \
        ["chief", "gordeiko", "zhilin"]


def test_an_unknown_author_in_a_block_list_is_reported_on_its_own_line() -> None:
    problems = Problems()
    doc = read_document(b"---\ntitle: T\nauthors:\n  - anna\n  - nobody\n---\n",
                        "content/posts/x.md", problems)
    refs = author_refs(doc.front, doc.path, "authors")
    check_author_refs(refs, {"anna": Author("anna", "Анна", None, None)},
                      "content/authors.yml", problems)
    assert [str(p) for p in problems.errors] == [
        'content/posts/x.md:5: неизвестный автор "nobody": объявите его в content/authors.yml']


def test_articles_newest_issue_first() -> None:
    works = by_key(works_by_author(WRITERS, [], sample_journals()))
    assert [(issue.ref, a.title) for issue, a in works["petrov"].articles] == [
        ("vestnik/2014/2", "Новая статья"), ("vestnik/2014/1", "Средняя статья"),
        ("vestnik/2013/4", "Старая статья"),
    ]
    assert [(issue.ref, a.title) for issue, a in works["belova"].articles] == [
        ("vestnik/2014/2", "Новая статья")]


def test_contributions_come_from_other_authors() -> None:
    works = by_key(works_by_author(WRITERS, [], sample_journals()))
    assert [issue.ref for issue in works["orlova"].contributions] == ["vestnik/2014/2",
                                                                     "vestnik/2013/4"]
    assert works["orlova"].articles == []
    assert works["petrov"].contributions == []


def test_posts_newest_first_and_counted() -> None:
    posts = make_posts(
        "Первая | 2014-05-01 | authors: [petrov]",
        "Третья | 2014-07-01 | authors: [ghost, belova]",
        "Вторая | 2014-06-01 | authors: [belova, petrov]",
        "Ничья | 2014-06-15",
    )
    works = by_key(works_by_author(WRITERS, posts, sample_journals()))
    assert [p.title for p in works["petrov"].posts] == ["Вторая", "Первая"]
    assert [p.title for p in works["belova"].posts] == ["Третья", "Вторая"]
    assert works["petrov"].count == 3 + 2
    assert works["orlova"].count == 2
    assert (works["idle"].count, works["idle"].posts) == (0, [])


def test_unknown_keys_are_ignored() -> None:
    posts = make_posts("Чужая | 2014-05-01 | authors: [ghost]")
    works = works_by_author(WRITERS, posts, sample_journals())
    assert sorted(w.author.key for w in works) == sorted(WRITERS)
    titles = {a.title for w in works for _, a in w.articles}
    assert "Чужая статья" not in titles
    assert all(w.posts == [] for w in works)


def test_without_journals_only_posts_count() -> None:
    posts = make_posts("Первая | 2014-05-01 | authors: [orlova]")
    works = by_key(works_by_author(WRITERS, posts, None))
    assert [p.title for p in works["orlova"].posts] == ["Первая"]
    assert all(w.articles == [] and w.contributions == [] for w in works.values())


def test_without_authors_there_are_no_works() -> None:
    posts = make_posts("Первая | 2014-05-01 | authors: [orlova]")
    assert works_by_author({}, posts, sample_journals()) == []
