"""Read-only comments in a post's front matter: threading, dates, and every problem at its line."""

from __future__ import annotations

import pytest

from letopis.core.comments import MAX_DEPTH, Comment, walk
from letopis.core.content import SourceFile, load_posts
from letopis.core.dates import site_timezone
from letopis.core.l10n import Localizer
from letopis.core.posts import Post, PostContext
from letopis.core.problems import Problems, Severity
from letopis.core.urls import UrlScheme

CONTEXT = PostContext(timezone=site_timezone("Europe/Moscow"), urls=UrlScheme(),
                      localizer=Localizer("ru"))


def load(*comment_lines: str) -> tuple[list[Post], Problems]:
    """A post whose front matter is title (line 2), date (3), then `comments:` (4) followed by
    `comment_lines` from line 5 on."""
    text = "---\ntitle: A\ndate: 2014-05-20\ncomments:\n" + "\n".join(comment_lines) + \
        "\n---\n\nТекст.\n"
    return load_posts([SourceFile("posts/x.md", "content/posts/x.md", text.encode())], CONTEXT)


def entry(id_: object, date: str, parent: object = None, author: str = "Иван") -> list[str]:
    """One comment of four or five lines: id, author, date, [parent,] text."""
    lines = [f"  - id: {id_}", f"    author: {author}", f"    date: {date}"]
    if parent is not None:
        lines.append(f"    parent: {parent}")
    return [*lines, "    text: Согласен."]


def only_post(*comment_lines: str) -> Post:
    posts, problems = load(*comment_lines)
    assert not problems.items, [str(p) for p in problems.items]
    (post,) = posts
    return post


def threaded(comments: tuple[Comment, ...]) -> list[tuple[str | None, int]]:
    return [(c.id, c.depth) for c in walk(comments)]


# --- threading ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("comments", "expected"),
    [
        # Top-level comments by date, whatever the order written.
        ([(1, "2014-05-21"), (2, "2014-05-20 10:00")], [("2", 0), ("1", 0)]),
        # A reply right after its parent, before the next top-level comment.
        ([(1, "2014-05-20"), (2, "2014-05-22"), (3, "2014-05-23", 1)],
         [("1", 0), ("3", 1), ("2", 0)]),
        # Siblings by date; a reply to a reply one level deeper; replies written before parents.
        ([(5, "2014-05-25", 2), (4, "2014-05-24", 2), (2, "2014-05-21"), (6, "2014-05-26", 4)],
         [("2", 0), ("4", 1), ("6", 2), ("5", 1)]),
        # The same moment: the order written.
        ([("b", "2014-05-20 10:00"), ("a", "2014-05-20 10:00")], [("b", 0), ("a", 0)]),
        # Ids are numbers or text; a parent may be written either way.
        ([("'7'", "2014-05-20"), ("x-1", "2014-05-21", 7), (8, "2014-05-22", "x-1")],
         [("7", 0), ("x-1", 1), ("8", 2)]),
        # An offset is converted to the site's time zone before comparing.
        ([(1, "2014-05-20 10:00"), (2, "2014-05-20T05:00:00Z")], [("2", 0), ("1", 0)]),
    ],
)
def test_comments_are_threaded(comments: list[tuple], expected: list[tuple[str, int]]) -> None:
    post = only_post(*(line for c in comments for line in entry(*c)))
    assert threaded(post.comments) == expected


def test_replies_are_nested_under_their_parent() -> None:
    post = only_post(*entry(1, "2014-05-20"), *entry(2, "2014-05-21", 1),
                     *entry(3, "2014-05-22", 2))
    (first,) = post.comments
    (second,) = first.replies
    (third,) = second.replies
    assert (first.id, second.id, third.id) == ("1", "2", "3")
    assert (second.parent, third.parent, third.replies) == ("1", "2", ())


def test_a_comment_without_id_needs_none() -> None:
    post = only_post("  - author: Анна", "    date: 2014-05-20", "    text: Спасибо!")
    (comment,) = post.comments
    assert (comment.id, comment.anchor, comment.parent) == (None, None, None)


def test_replies_deeper_than_the_limit_are_shown_at_the_limit_in_thread_order() -> None:
    """As WordPress does: a long exchange of replies must not run off a phone's screen."""
    chain = [line for n in range(1, MAX_DEPTH + 4)
             for line in entry(n, f"2014-05-{n:02}", n - 1 if n > 1 else None)]
    post = only_post(*chain)
    assert threaded(post.comments) == [(str(n), min(n - 1, MAX_DEPTH))
                                       for n in range(1, MAX_DEPTH + 4)]
    deepest = list(walk(post.comments))[MAX_DEPTH]
    assert [c.id for c in deepest.replies] == []
    assert [c.parent for c in walk(post.comments)][MAX_DEPTH + 1:] == \
        [str(n) for n in range(MAX_DEPTH + 1, MAX_DEPTH + 3)]  # the true parent is kept


def test_comment_fields() -> None:
    post = only_post(
        "  - id: 7",  # 5
        "    author: '<b>Иван</b> Петров'",
        "    date: 2014-05-12 11:05",
        "    text: |",
        "      Согласен, но…",
        "",
        "      Второй абзац с *выделением*.",
    )
    (comment,) = post.comments
    assert comment.author == "<b>Иван</b> Петров"  # text: the template escapes it
    assert comment.published.isoformat() == "2014-05-12T11:05:00+04:00"
    assert comment.text == "Согласен, но…\n\nВторой абзац с *выделением*."
    assert comment.anchor == "comment-7"  # WordPress' own anchor: old #comment-7 links work


@pytest.mark.parametrize(
    ("locale", "date", "label"),
    [
        ("ru", "2014-05-12 11:05", "12 мая 2014\u202fг., 11:05"),
        ("ru", "2014-05-12", "12 мая 2014\u202fг."),  # no time written, none shown
        ("ru", "2014-05-12T07:05:00Z", "12 мая 2014\u202fг., 11:05"),  # in the site's zone
        ("en", "2014-05-12 11:05", "May 12, 2014, 11:05\u202fAM"),
    ],
)
def test_date_labels(locale: str, date: str, label: str) -> None:
    context = PostContext(CONTEXT.timezone, CONTEXT.urls, Localizer(locale))
    text = (f"---\ntitle: A\ndate: 2014-05-20\ncomments:\n{chr(10).join(entry(1, date))}\n"
            "---\n\nТекст.\n")
    (post,), _ = load_posts([SourceFile("posts/x.md", "content/posts/x.md", text.encode())],
                            context)
    assert post.comments[0].date_label == label


def test_a_post_without_comments_has_none() -> None:
    assert only_post().comments == ()  # `comments:` left empty
    raw = "---\ntitle: A\ndate: 2014-05-20\n---\n\nТекст.\n".encode()
    posts, _ = load_posts([SourceFile("posts/y.md", "content/posts/y.md", raw)], CONTEXT)
    assert posts[0].comments == ()


@pytest.mark.parametrize(
    ("number", "ru", "en"),
    [(1, "1 комментарий", "1 comment"), (2, "2 комментария", "2 comments"),
     (5, "5 комментариев", "5 comments"), (11, "11 комментариев", "11 comments"),
     (21, "21 комментарий", "21 comments"), (24, "24 комментария", "24 comments")],
)
def test_the_count_of_comments_has_the_right_plural(number: int, ru: str, en: str) -> None:
    assert Localizer("ru").count("comments", number) == ru
    assert Localizer("en").count("comments", number) == en


# --- problems -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lines", "line", "message"),
    [
        (["  - date: 2014-05-20", "    text: Да."], 5, 'нет ключа "author" (он обязателен)'),
        (["  - author: Иван", "    text: Да."], 5,
         'нет ключа "date" (он обязателен, например date: 2014-05-20 11:05)'),
        (["  - author: Иван", "    date: 2014-05-20"], 5, 'нет ключа "text" (он обязателен)'),
        (["  - author: Иван", "    date: 2014-05-20", "    text: ''"], 7,
         'ключ "text" пуст (он обязателен)'),
        (["  - author: Иван", "    date: 2014-02-30", "    text: Да."], 6,
         'дата "2014-02-30" — несуществующий день (нужно ГГГГ-ММ-ДД)'),
        (["  - author: Иван", "    date: вчера", "    text: Да."], 6,
         'дата "вчера" — не дата'),
        (["  - id: [1]", "    author: Иван", "    date: 2014-05-20", "    text: Да."], 5,
         "id должно быть числом или текстом, а не [1]"),
        (["  - author: Иван", "    date: 2014-05-20", "    parent: true", "    text: Да."], 7,
         "parent должно быть id другого комментария (числом или текстом), а не True"),
        ([*entry(1, "2014-05-20"), *entry(1, "2014-05-21")], 9,
         "id комментария 1 повторяется (впервые на строке 5); у каждого комментария должен "
         "быть свой"),
        ([*entry(1, "2014-05-20"), *entry("'1'", "2014-05-21")], 9,
         "id комментария 1 повторяется (впервые на строке 5); у каждого комментария должен "
         "быть свой"),
        ([*entry(1, "2014-05-20"), *entry(2, "2014-05-21", 9)], 12,
         "parent 9 — не id ни одного комментария этой записи"),
        ([*entry(1, "2014-05-20", 1)], 8, "комментарий 1 указан родителем самого себя"),
        ([*entry(1, "2014-05-20", 2), *entry(2, "2014-05-21", 1)], 8,
         "комментарии 1 → 2 → 1 отвечают друг другу по кругу: у первого комментария ветки "
         "нет parent"),
        (["  - Хороший пост!"], 5,
         'каждый элемент comments должен состоять из строк "ключ: значение"'),
        (["  author: Иван"], 4,
         'comments должно быть списком, каждый элемент которого начинается с "- "'),
    ],
)
def test_each_problem_is_an_error_on_its_line(lines: list[str], line: int,
                                              message: str) -> None:
    posts, problems = load(*lines)
    assert posts == []
    (error,) = problems.errors
    assert str(error).startswith(f"content/posts/x.md:{line}: {message}"), str(error)


def test_a_cycle_is_reported_once_and_a_reply_to_it_only_by_the_cycle() -> None:
    posts, problems = load(*entry(1, "2014-05-20", 3), *entry(2, "2014-05-21", 1),
                           *entry(3, "2014-05-22", 2), *entry(4, "2014-05-23", 3))
    assert posts == []
    assert [(p.line, p.message.split(":")[0]) for p in problems.errors] == [
        (8, "комментарии 1 → 3 → 2 → 1 отвечают друг другу по кругу")]


def test_every_problem_of_every_comment_is_reported() -> None:
    _, problems = load("  - text: Да.",  # 5: no author, no date
                       *entry(1, "2014-13-01"),  # 6–9: a bad date on 8
                       *entry(2, "2014-05-20", 8))  # 10–14: an unknown parent on 13
    assert [p.line for p in problems.errors] == [5, 5, 8, 13]


@pytest.mark.parametrize(
    ("key", "hint"),
    [("autor", ' (может быть, "author"?)'), ("email", "")],
)
def test_unknown_keys_of_a_comment_are_warnings(key: str, hint: str) -> None:
    posts, problems = load(*entry(1, "2014-05-20"), f"    {key}: x")
    assert len(posts) == 1
    (warning,) = problems.items
    assert warning.severity is Severity.WARNING
    assert str(warning) == f'content/posts/x.md:9: неизвестный ключ "{key}"{hint}'


def test_the_parent_of_a_comment_with_a_mistake_is_still_checked() -> None:
    _, problems = load("  - author: Иван", "    parent: 9", "    text: Да.")
    assert [(p.line, p.message) for p in problems.errors] == [
        (5, 'нет ключа "date" (он обязателен, например date: 2014-05-20 11:05)'),
        (6, "parent 9 — не id ни одного комментария этой записи"),
    ]


def test_a_thread_as_long_as_a_file_is_read_without_recursion() -> None:
    replies = 1000
    post = only_post(*(line for n in range(1, replies + 1)
                       for line in entry(n, "2014-05-20 10:00", n - 1 if n > 1 else None)))
    assert [c.id for c in walk(post.comments)] == [str(n) for n in range(1, replies + 1)]
    assert max(c.depth for c in walk(post.comments)) == MAX_DEPTH
