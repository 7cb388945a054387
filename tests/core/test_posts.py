"""Front matter validation of posts: every problem named with its line; unknown keys warn."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from letopis.core.content import SourceFile, load_posts
from letopis.core.dates import site_timezone
from letopis.core.l10n import Localizer
from letopis.core.posts import PostContext
from letopis.core.problems import Severity
from letopis.core.urls import UrlScheme

CONTEXT = PostContext(timezone=site_timezone("Europe/Moscow"), urls=UrlScheme(),
                      localizer=Localizer("ru"))


def load(text: str, name: str = "posts/x.md"):
    posts, problems = load_posts([SourceFile(name, f"content/{name}", text.encode())], CONTEXT)
    return posts, problems


def front(*lines: str) -> str:
    return "---\n" + "\n".join(lines) + "\n---\n\nТекст.\n"


def test_a_complete_post() -> None:
    posts, problems = load(front(
        "title: Сегментация клиентского потока",
        "date: 2014-05-12 10:30",
        "summary: Кратко.",
        "categories: [Продажи, Продажи, Клиенты]",
        "tags: [лиды]",
        "authors: [chinaryan]",
    ))
    assert not problems
    (post,) = posts
    assert post.slug == "segmentatsiia-klientskogo-potoka"
    assert post.url == "2014/05/segmentatsiia-klientskogo-potoka/"
    assert post.published.isoformat() == "2014-05-12T10:30:00+04:00"
    assert post.date_label == "12 мая 2014\u202fг."  # Babel keeps «г.» with a narrow nbsp
    assert [(t.name, t.url) for t in post.categories] == [
        ("Продажи", "category/prodazhi/"), ("Клиенты", "category/klienty/"),
    ]
    assert [t.url for t in post.tags] == ["tag/lidy/"]
    assert post.authors == ("chinaryan",)
    assert post.summary == ("Кратко.",)
    assert post.draft is False


@pytest.mark.parametrize(
    ("lines", "line", "message"),
    [
        (["date: 2014-05-20"], 1, 'нет ключа "title" (он обязателен)'),
        (["title:", "date: 2014-05-20"], 2, 'ключ "title" пуст (он обязателен)'),
        (["title: '  '", "date: 2014-05-20"], 2, 'ключ "title" пуст (он обязателен)'),
        (["title: [a, b]", "date: 2014-05-20"], 2,
         "title должно быть текстом; возьмите его в кавычки"),
        (["title: A"], 1, 'нет ключа "date" (он обязателен, например date: 2014-05-20)'),
        (["title: A", "date: 2014-02-30"], 3, 'дата "2014-02-30" — несуществующий день'),
        (["title: A", "date: 2014-05-20", "slug: a/b"], 4,
         "slug 'a/b' может содержать только буквы"),
        # A yes/no is no address (the message names the value as YAML read it).
        (["title: A", "date: 2014-05-20", "slug: yes"], 4, "slug True может содержать только"),
        (["title: A", "date: 2014-05-20", "categories: Продажи"], 4,
         "categories должно быть списком, например categories: [Продажи, Клиенты]"),
        (["title: A", "date: 2014-05-20", "tags: [ok, {a: b}]"], 4,
         "каждый элемент tags должен быть непустым текстом"),
        (["title: A", "date: 2014-05-20", "draft: maybe"], 4,
         "draft должно быть true или false, а не 'maybe'"),
    ],
)
def test_invalid_front_matter_is_an_error_on_its_line(
    lines: list[str], line: int, message: str
) -> None:
    posts, problems = load(front(*lines))
    assert posts == []
    (error,) = problems.errors
    assert str(error).startswith(f"content/posts/x.md:{line}: {message}")


def test_titles_and_terms_without_letters_still_get_addresses() -> None:
    """An emoji-only title takes the file's name (x.md); an emoji tag a stable digest."""
    (post,), problems = load(front("title: '🙂!!!'", "date: 2014-05-20", "tags: ['🔥', '…']"))
    assert not problems
    assert post.url == "2014/05/x/"
    urls = [t.url for t in post.tags]
    assert len(set(urls)) == 2
    assert all(re.fullmatch(r"tag/[0-9a-f]{10}/", url) for url in urls), urls


def test_every_problem_of_a_file_is_reported() -> None:
    posts, problems = load(front("date: someday", "tags: x", "draft: 3"))
    assert posts == []
    assert [p.line for p in problems.errors] == [1, 2, 3, 4]


@pytest.mark.parametrize(
    ("key", "hint"),
    [("catgories", ' (может быть, "categories"?)'), ("colour", ""),
     # A hint names a key of a post, never one of the keys MkDocs or Material read.
     ("descripton", "")],
)
def test_unknown_keys_are_warnings(key: str, hint: str) -> None:
    posts, problems = load(front("title: A", "date: 2014-05-20", f"{key}: x"))
    assert len(posts) == 1
    (warning,) = problems.items
    assert warning.severity is Severity.WARNING
    assert str(warning) == f'content/posts/x.md:4: неизвестный ключ "{key}"{hint}'


def test_keys_of_mkdocs_and_material_are_not_unknown() -> None:
    _, problems = load(front("title: A", "date: 2014-05-20", "template: x.html",
                             "hide: [toc]", "description: d", "search: {exclude: true}"))
    assert not problems


def test_numbers_are_accepted_where_text_is_expected() -> None:
    (post,), problems = load(front("title: 1984", "date: 2014-05-20", "tags: [2014]"))
    assert not problems
    assert post.title == "1984"
    assert post.slug == "1984"
    assert [t.name for t in post.tags] == ["2014"]


def test_bad_files_do_not_hide_good_ones() -> None:
    files = [
        SourceFile("posts/a.md", "content/posts/a.md", front("title: A").encode()),
        SourceFile("posts/b.md", "content/posts/b.md",
                   front("title: B", "date: 2014-05-20").encode()),
        SourceFile("posts/c.md", "content/posts/c.md", b"\xff\xfe"),
    ]
    posts, problems = load_posts(files, CONTEXT)
    assert [p.title for p in posts] == ["B"]
    assert [p.path for p in problems.errors] == ["content/posts/a.md", "content/posts/c.md"]


def test_a_post_is_written_to_its_address_with_the_letters_of_its_slug() -> None:
    (post,), problems = load(front("title: A", "date: 2014-05-20", "slug: ложь"))
    assert not problems
    assert post.url == "2014/05/%D0%BB%D0%BE%D0%B6%D1%8C/"
    assert post.url_path() == "2014/05/ложь/index.html"
    assert post.slug_line == 4  # where the slug is written


def test_a_slug_made_from_the_title_comes_from_the_title_line() -> None:
    (post,), _ = load(front("date: 2014-05-20", "title: Ложь"))
    assert post.slug_line == 3


def test_a_post_without_its_front_matter_points_at_the_first_line() -> None:
    (post,), _ = load(front("title: A", "date: 2014-05-20"))
    assert post.line_of("date") == 3
    assert post.line_of("tags") == 1  # no such key: the opening line
    assert replace(post, front=None).line_of("date") == 1


def test_a_summary_is_split_into_its_paragraphs() -> None:
    (post,), problems = load(front("title: A", "date: 2014-05-20",
                                   "summary: |", "  Первый абзац,", "  в две строки.", "",
                                   "  Второй абзац."))
    assert not problems
    assert post.summary == ("Первый абзац,\nв две строки.", "Второй абзац.")



@pytest.mark.parametrize("written", ["010", "007", "0x10", "0b11", "1_000", "1:30", "+5"])
def test_a_number_is_kept_as_written_where_text_is_expected(written: str) -> None:
    # YAML 1.1 reads these as 8, 7, 16, 3, 1000, 90 and 5; a title or a tag that changed
    # silently would be no one's intent.
    (post,), problems = load(front(f"title: {written}", "date: 2014-05-20",
                                   f"tags: [{written}]"))
    assert not problems
    assert (post.title, [t.name for t in post.tags]) == (written, [written])


@pytest.mark.parametrize("written", ["010", "0x10", "1_000"])
def test_a_number_as_a_slug_is_the_address_as_written(written: str) -> None:
    (post,), problems = load(front("title: A", "date: 2014-05-20", f"slug: {written}"))
    assert not problems
    assert post.url == f"2014/05/{written}/"


def test_a_whole_number_as_written_is_a_number() -> None:
    (post,), problems = load(front("title: -5", "date: 2014-05-20", "slug: 2014",
                                   "tags: [0, 1984]"))
    assert not problems
    assert (post.title, post.slug, [t.name for t in post.tags]) == ("-5", "2014", ["0", "1984"])
    assert post.url == "2014/05/2014/"
