"""Old addresses in the core (redirects.py), without a build: the file each alias is served
from, the aliases refused, and which page keeps an alias two pages list. The site tests
(tests/site/test_publishing.py) check the redirect pages themselves; these run in
milliseconds, so mutation testing (make mutation) reaches the module."""

from __future__ import annotations

import pytest

from letopis.core.messages import set_language
from letopis.core.problems import Problems
from letopis.core.redirects import AliasError, AliasOwner, alias_file, collect_redirects


@pytest.fixture(autouse=True)
def russian() -> None:
    set_language("ru")


@pytest.mark.parametrize(
    ("alias", "served_from"),
    [
        ("/old/post-1/", "old/post-1/index.html"),
        ("old/post-1", "old/post-1/index.html"),
        ("  /old/post-1/  ", "old/post-1/index.html"),
        ("/archives/42.html", "archives/42.html"),
        ("/Archives/42.HTM", "Archives/42.HTM"),
        ("/archives/42.html/", "archives/42.html"),
        ("/archives/42.xhtml", "archives/42.xhtml/index.html"),
        # A static server decodes the request: the file carries the decoded name.
        ("/%D0%BE-%D0%B1%D0%BB%D0%BE%D0%B3%D0%B5/", "о-блоге/index.html"),
        ("/a%20b/", "a b/index.html"),
        ("/Xmas/", "Xmas/index.html"),  # only slashes are trimmed
    ],
)
def test_an_alias_is_served_from_a_file_of_the_site(alias: str, served_from: str) -> None:
    assert alias_file(alias) == served_from


@pytest.mark.parametrize(
    ("alias", "words"),
    [
        ("https://old.example/x/", "должен быть путём на этом сайте"),
        ("http://old.example/x/", "должен быть путём на этом сайте"),
        ("//old.example/x/", "должен быть путём на этом сайте"),
        ("/old/?p=1", "запрос или фрагмент"),
        ("/old/#comments", "запрос или фрагмент"),
        ("/", "без частей"),
        ("", "без частей"),
        ("/a/../b/", "без частей"),
        ("/a//b/", "без частей"),
        ("/./a/", "без частей"),
        ("/a/%2E%2E/b/", "без частей"),  # decoded, it would leave the folder
    ],
)
def test_an_alias_that_cannot_be_a_path_is_refused(alias: str, words: str) -> None:
    with pytest.raises(AliasError) as refused:
        alias_file(alias)
    assert words in str(refused.value)
    assert f'"{alias}"' in str(refused.value)


def owner(path: str, url: str, *aliases: tuple[str, int], order: str = "") -> AliasOwner:
    return AliasOwner(path, url, path.upper(), tuple(aliases), (order, path))


def test_each_alias_becomes_one_redirect_to_its_page() -> None:
    problems = Problems()
    first = owner("content/posts/a.md", "2014/05/a/", ("/old/a/", 5), ("/a.html", 6), order="1")
    second = owner("content/pages/b.md", "b/", ("/old/b/", 3), order="2")
    redirects = collect_redirects([second, first], problems)
    assert [(r.path, r.owner.path) for r in redirects] == [
        ("old/a/index.html", "content/posts/a.md"),
        ("a.html", "content/posts/a.md"),
        ("old/b/index.html", "content/pages/b.md"),
    ]
    assert not problems


def test_an_alias_two_pages_list_is_kept_by_the_first_and_named_for_the_second() -> None:
    problems = Problems()
    earlier = owner("content/posts/old.md", "2013/01/old/", ("/same/", 4), order="2013")
    later = owner("content/posts/new.md", "2014/01/new/", ("/same/", 7), order="2014")
    redirects = collect_redirects([later, earlier], problems)
    assert [(r.path, r.owner.path) for r in redirects] == [
        ("same/index.html", "content/posts/old.md")]
    [problem] = problems.errors
    assert (problem.path, problem.line) == ("content/posts/new.md", 7)
    assert "content/posts/old.md" in problem.message and '"/same/"' in problem.message


def test_an_alias_of_the_page_itself_and_a_bad_alias_are_named_with_their_lines() -> None:
    problems = Problems()
    page = owner("content/posts/a.md", "2014/05/a/", ("/2014/05/a/", 4), ("/x/?p=1", 5),
                 ("/kept/", 6))
    redirects = collect_redirects([page], problems)
    assert [r.path for r in redirects] == ["kept/index.html"]
    assert [(p.path, p.line) for p in problems.errors] == [("content/posts/a.md", 4),
                                                            ("content/posts/a.md", 5)]
    assert "совпадает с адресом самой страницы" in problems.errors[0].message
    assert '"/2014/05/a/"' in problems.errors[0].message
    assert "запрос или фрагмент" in problems.errors[1].message
