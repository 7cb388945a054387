"""load_post: one post from the bytes of its file, for callers that handle one file at a time."""

from __future__ import annotations

import pytest

from letopis.core.content import load_post
from letopis.core.dates import site_timezone
from letopis.core.l10n import Localizer
from letopis.core.posts import PostContext
from letopis.core.problems import ContentError, Problems
from letopis.core.urls import UrlScheme

CONTEXT = PostContext(timezone=site_timezone("Europe/Moscow"), urls=UrlScheme(),
                      localizer=Localizer("ru"))


def test_load_post_passes_warnings_out_when_the_post_loads() -> None:
    raw = "---\ntitle: Опечатка\ndate: 2014-05-20\ncatgories: [Продажи]\n---\n\nТекст.\n".encode()
    warnings = Problems()
    post = load_post(raw, "posts/x.md", "content/posts/x.md", CONTEXT, warnings)
    assert post.title == "Опечатка"
    assert [str(p) for p in warnings.items] == [
        'content/posts/x.md:4: неизвестный ключ "catgories" (может быть, "categories"?)']
    assert load_post(raw, "posts/x.md", "content/posts/x.md", CONTEXT).title == "Опечатка"


def test_load_post_raises_every_problem_of_the_file_in_file_order() -> None:
    raw = b"---\ncatgories: [a]\ndate: 2014-02-30\ndraft: maybe\n---\n\nText.\n"
    warnings = Problems()
    with pytest.raises(ContentError) as caught:
        load_post(raw, "posts/x.md", "content/posts/x.md", CONTEXT, warnings)
    assert [str(p) for p in caught.value.problems] == [
        'content/posts/x.md:1: нет ключа "title" (он обязателен)',
        'content/posts/x.md:2: неизвестный ключ "catgories" (может быть, "categories"?)',
        'content/posts/x.md:3: дата "2014-02-30" — несуществующий день (нужно ГГГГ-ММ-ДД)',
        "content/posts/x.md:4: draft должно быть true или false, а не 'maybe'",
    ]
    assert str(caught.value).splitlines()[0] == \
        'content/posts/x.md:1: нет ключа "title" (он обязателен)'
    assert not warnings  # everything is in the exception, nothing told twice
