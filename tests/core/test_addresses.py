"""Published addresses that move: what moved since the last build, and what to suggest."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

import pytest

from letopis.core.addresses import (
    Address,
    address_of,
    find_moves,
    next_record,
    read_record,
    record_text,
)
from letopis.core.content import load_post
from letopis.core.dates import site_timezone
from letopis.core.l10n import Localizer
from letopis.core.messages import set_language
from letopis.core.posts import Post, PostContext
from letopis.core.urls import UrlScheme

CONTEXT = PostContext(timezone=site_timezone("Europe/Moscow"), urls=UrlScheme(),
                      localizer=Localizer("ru"))
FIRST = "title: Первая запись\ndate: 2014-05-20"


def post(front: str, source: str = "posts/x.md", context: PostContext = CONTEXT) -> Post:
    raw = f"---\n{front}\n---\n\nТекст.\n".encode()
    return load_post(raw, source, f"content/{source}", context)


def moves_between(old: str, new: str, urls: UrlScheme = CONTEXT.urls) -> list[str]:
    record = {"posts/x.md": address_of(post(old))}
    context = replace(CONTEXT, urls=urls)
    return [str(move) for move in find_moves([post(new, context=context)], record, urls)]


@pytest.mark.parametrize(("new", "expected"), [
    # Nothing that makes the address changed.
    (FIRST, []),
    ("title: Первая запись\ndate: 2014-05-31", []),  # {day} is not in the address
    ("title: Другое название\ndate: 2014-05-20\nslug: pervaia-zapis", []),
    # A deliberate slug is the editor's decision.
    ("title: Первая запись\ndate: 2014-05-20\nslug: novyi-adres", []),
    # The old address already redirects here.
    ("title: Новое название\ndate: 2014-05-20\naliases: [/2014/05/pervaia-zapis/]", []),
    ("title: Новое название\ndate: 2014-05-20\naliases: [2014/05/pervaia-zapis]", []),
    # A new title: `slug:` keeps the address, an alias redirects from it.
    ("title: Новое название\ndate: 2014-05-20",
     ["content/posts/x.md:2: адрес записи сменился с /2014/05/pervaia-zapis/ на "
      "/2014/05/novoe-nazvanie/ (новый заголовок), и старые ссылки на неё не откроются: "
      "чтобы оставить прежний адрес, добавьте slug: pervaia-zapis; чтобы старый адрес вёл "
      "сюда, добавьте aliases: [/2014/05/pervaia-zapis/]"]),
    # A new date: only an alias helps, and it is named exactly.
    ("title: Первая запись\ndate: 2015-01-10",
     ["content/posts/x.md:3: адрес записи сменился с /2014/05/pervaia-zapis/ на "
      "/2015/01/pervaia-zapis/ (новая дата), и старые ссылки на неё не откроются: чтобы "
      "старый адрес вёл сюда, добавьте aliases: [/2014/05/pervaia-zapis/]"]),
    # Both: the alias again; the line is the title's.
    ("title: Новое название\ndate: 2015-01-10",
     ["content/posts/x.md:2: адрес записи сменился с /2014/05/pervaia-zapis/ на "
      "/2015/01/novoe-nazvanie/ (новые заголовок и дата), и старые ссылки на неё не откроются: "
      "чтобы старый адрес вёл сюда, добавьте aliases: [/2014/05/pervaia-zapis/]"]),
    # A kept slug does not keep the address when the date is in it: the alias is named.
    ("title: Первая запись\ndate: 2015-01-10\nslug: pervaia-zapis",
     ["content/posts/x.md:3: адрес записи сменился с /2014/05/pervaia-zapis/ на "
      "/2015/01/pervaia-zapis/ (новая дата), и старые ссылки на неё не откроются: чтобы "
      "старый адрес вёл сюда, добавьте aliases: [/2014/05/pervaia-zapis/]"]),
    # Other aliases already: the old address joins them.
    ("title: Первая запись\ndate: 2015-01-10\naliases: [/old/]",
     ["content/posts/x.md:3: адрес записи сменился с /2014/05/pervaia-zapis/ на "
      "/2015/01/pervaia-zapis/ (новая дата), и старые ссылки на неё не откроются: чтобы "
      "старый адрес вёл сюда, добавьте /2014/05/pervaia-zapis/ в aliases"]),
])
def test_moves(new: str, expected: list[str]) -> None:
    assert moves_between(FIRST, new) == expected


@pytest.fixture
def english() -> Iterator[None]:
    """Messages in English during the test (a site whose locale says `en`), Russian after."""
    set_language("en")
    yield
    set_language("ru")


@pytest.mark.usefixtures("english")
def test_a_move_is_told_in_the_site_s_language() -> None:
    assert moves_between(FIRST, "title: Новое название\ndate: 2015-01-10") == [
        "content/posts/x.md:2: the post's address changed from /2014/05/pervaia-zapis/ to "
        "/2015/01/novoe-nazvanie/ (a new title and date), and old links to it will not open: "
        "to make the old address lead here, add aliases: [/2014/05/pervaia-zapis/]"]
    for new in ("title: Новое название\ndate: 2014-05-20",  # the kept slug suggested too
                "title: Первая запись\ndate: 2015-01-10\naliases: [/old/]"):
        moved = moves_between(FIRST, new)
        assert len(moved) == 1 and not re.search("[а-яё]", moved[0], re.IGNORECASE), moved
    moved = moves_between(FIRST, FIRST, UrlScheme("{year}/{month}/{day}/{slug}/"))
    assert "(a new post_url_format)" in moved[0]


def test_a_new_url_format_moves_posts_too() -> None:
    moved = moves_between(FIRST, FIRST, UrlScheme("{year}/{month}/{day}/{slug}/"))
    assert moved == [
        "content/posts/x.md:2: адрес записи сменился с /2014/05/pervaia-zapis/ на "
        "/2014/05/20/pervaia-zapis/ (новый post_url_format), и старые ссылки на неё не "
        "откроются: чтобы старый адрес вёл сюда, добавьте aliases: [/2014/05/pervaia-zapis/]"]


def test_a_cyrillic_slug_is_shown_as_editors_type_it() -> None:
    old = "title: Запись\ndate: 2014-05-20\nslug: привет"
    record = {"posts/x.md": address_of(post(old))}
    moved = find_moves([post("title: Запись\ndate: 2015-05-20")], record, CONTEXT.urls)
    assert [(m.old.url, m.alias) for m in moved] == [("2014/05/%D0%BF%D1%80%D0%B8%D0%B2%D0%B5"
                                                      "%D1%82/", "/2014/05/привет/")]


def test_a_post_the_record_does_not_know_has_not_moved() -> None:
    assert find_moves([post(FIRST)], {}, CONTEXT.urls) == []
    record = {"posts/other.md": address_of(post("title: Другая\ndate: 2014-05-20"))}
    assert find_moves([post(FIRST)], record, CONTEXT.urls) == []


A = Address("2014/05/a/", "a", "2014-05-20")
B = Address("2014/05/b/", "b", "2014-05-21")


@pytest.mark.parametrize(("record", "published", "loaded", "moved", "expected"), [
    # The first build records every published post.
    ({}, {"posts/a.md": A}, {"posts/a.md"}, set(), {"posts/a.md": A}),
    # A published post's new address replaces the old one.
    ({"posts/a.md": B}, {"posts/a.md": A}, {"posts/a.md"}, set(), {"posts/a.md": A}),
    # A move still undecided keeps the old address: the warning comes back.
    ({"posts/a.md": B}, {"posts/a.md": A}, {"posts/a.md"}, {"posts/a.md"},
     {"posts/a.md": B}),
    # A post made a draft again (or dated later) keeps its published address.
    ({"posts/a.md": A}, {}, {"posts/a.md"}, set(), {"posts/a.md": A}),
    # A deleted file is forgotten.
    ({"posts/a.md": A}, {"posts/b.md": B}, {"posts/b.md"}, set(), {"posts/b.md": B}),
])
def test_next_record(record: dict, published: dict, loaded: set, moved: set,
                     expected: dict) -> None:
    assert next_record(record, published, loaded, moved) == expected


def test_the_record_reads_back_what_it_wrote() -> None:
    record = {"posts/b.md": B, "posts/a.md": A}
    text = record_text(record)
    assert read_record(text) == record
    assert text.index("posts/a.md") < text.index("posts/b.md")  # stable, diffable
    assert text.endswith("\n")


@pytest.mark.parametrize("text", [
    "", "not json", "[]", '{"posts": []}', '{"posts": {"a.md": {"url": 1}}}',
    '{"version": 99, "posts": {}}',
])
def test_an_unreadable_record_is_none(text: str) -> None:
    assert read_record(text) is None
