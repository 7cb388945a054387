"""Read-only comments under a post, built for real: threaded in nested lists, every field shown as
text, left out of search, feeds and listings; a bad comment stops the build at its line."""

from __future__ import annotations

import pytest
from bs4 import Tag

from tests.conftest import Build, full_site_config, run_mkdocs, site_config, text_of, write_project

THREAD = "2014/05/obsuzhdenie/"
HOSTILE = "2014/05/opasnye-kommentarii/"
QUIET = "2014/05/bez-kommentariev/"
HOSTILE_AUTHOR = '<script>alert(1)</script>"><img src=x onerror=alert(1)>'

POSTS = {
    # Written out of order on purpose: the page shows them threaded, by date among siblings.
    "posts/thread.md": """---
title: Обсуждение
date: 2014-05-12 10:00
slug: obsuzhdenie
comments:
  - id: 1
    author: Иван Петров
    date: 2014-05-12 11:05
    text: |
      Согласен, но *не во всём*.

      Второй абзац.
  - id: 3
    author: Анна
    date: 2014-05-13
    text: Спасибо за статью.
  - id: 2
    author: Автор блога
    date: 2014-05-12 12:30
    parent: 1
    text: В чём именно?
  - id: 4
    author: Иван Петров
    date: 2014-05-12 13:00
    parent: 2
    text: В сроках.
  - author: Гость
    date: 2014-05-12 12:00
    parent: 1
    text: И я согласен.
---

Текст записи об обсуждении.
""",
    "posts/hostile.md": """---
title: Опасные комментарии
date: 2014-05-14
slug: opasnye-kommentarii
comments:
  - id: x1
    author: '<script>alert(1)</script>"><img src=x onerror=alert(1)>'
    date: 2014-05-14 09:00
    text: |
      <script>alert(1)</script> "><img src=x onerror=alert(1)> [x](javascript:alert(1))

      [y](JaVaScRiPt:alert(2)) ![z](javascript:alert(3))
      [w](https://example.org/){: onclick="alert(4)" }
---

Текст.
""",
    "posts/quiet.md": """---
title: Без комментариев
date: 2014-05-15
slug: bez-kommentariev
---

Текст без комментариев.
""",
}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = write_project(tmp_path_factory.mktemp("comments"), POSTS, full_site_config())
    build = run_mkdocs(root)
    assert build.returncode == 0, build.log
    assert "WARNING" not in build.log
    return build


def comments_of(build: Build, url: str) -> Tag:
    section = build.html(url).select_one("section.letopis-comments")
    assert section is not None, f"no comments on {url}"
    return section


def authors(items: list[Tag]) -> list[str]:
    return [item.select_one(":scope > article .letopis-comment__author").get_text()
            for item in items]


def test_the_section_follows_the_text_and_precedes_the_footer(site: Build) -> None:
    page = site.html(THREAD)
    section = page.select_one("section.letopis-comments")
    assert section.parent.get("class") == ["letopis-post"]
    assert "Текст записи об обсуждении." in text_of(section.find_previous_sibling("p"))
    assert section.find_next_sibling("footer")["class"] == ["letopis-post__footer"]


def test_the_heading_names_the_section_and_counts_the_comments(site: Build) -> None:
    for url, count in [(THREAD, "5 комментариев"), (HOSTILE, "1 комментарий")]:
        section = comments_of(site, url)
        heading = section.find("h2")
        assert section["aria-labelledby"] == heading["id"]
        assert text_of(heading) == f"Комментарии · {count}"


def test_comments_are_threaded_in_nested_lists(site: Build) -> None:
    section = comments_of(site, THREAD)
    top = section.select(":scope > ol > li")
    assert authors(top) == ["Иван Петров", "Анна"]
    replies = top[0].select(":scope > ol > li")
    assert authors(replies) == ["Гость", "Автор блога"]  # by date among siblings
    assert authors(replies[1].select(":scope > ol > li")) == ["Иван Петров"]
    assert top[1].find("ol") is None and replies[0].find("ol") is None
    assert len(section.select("article")) == 5


def test_each_comment_shows_its_author_date_and_rendered_text(site: Build) -> None:
    first = comments_of(site, THREAD).select_one("article")
    assert first["id"] == "comment-1"  # WordPress' anchor: old #comment-1 links still land
    assert first.select_one(".letopis-comment__author").get_text() == "Иван Петров"
    assert first.select_one(".letopis-comment__author").find("a") is None
    time = first.find("time")
    assert time["datetime"] == "2014-05-12T11:05:00+04:00"
    assert text_of(time) == "12 мая 2014 г., 11:05"
    text = first.select_one(".letopis-comment__text")
    assert [text_of(p) for p in text.find_all("p")] == ["Согласен, но не во всём .",
                                                        "Второй абзац."]
    assert text.find("em").get_text() == "не во всём"
    anonymous = comments_of(site, THREAD).select("article")[1]
    assert not anonymous.has_attr("id")
    assert text_of(anonymous.find("time")) == "12 мая 2014 г., 12:00"


def test_hostile_comments_are_shown_as_text_and_run_nothing(site: Build) -> None:
    section = comments_of(site, HOSTILE)
    assert section.select_one(".letopis-comment__author").get_text() == HOSTILE_AUTHOR
    assert HOSTILE_AUTHOR.split('"')[0] in text_of(section.select_one(".letopis-comment__text"))
    assert section.find_all(["script", "iframe", "object", "embed"]) == []
    (image,) = section.find_all("img")  # Markdown's ![z](javascript:…), without its address
    assert (image.get("alt"), image.get("src")) == ("z", None)
    for element in section.find_all(True):
        for name, value in element.attrs.items():
            assert not name.lower().startswith("on"), str(element)
            assert "javascript:" not in str(value).lower(), str(element)
    assert [a.get("href") for a in section.find_all("a")] == [None, None,
                                                              "https://example.org/"]


def test_comments_are_left_out_of_search_listings_and_feeds(site: Build) -> None:
    assert comments_of(site, THREAD).has_attr("data-pagefind-ignore")
    home = text_of(site.html(""))
    assert "Текст записи об обсуждении." in home
    for feed in ("rss.xml", "atom.xml"):
        xml = (site.site / feed).read_text(encoding="utf-8")
        assert "Текст записи об обсуждении." in xml
        assert "Спасибо за статью" not in xml and "Комментарии" not in xml
    for listing in ("", "2014/05/"):
        assert "Спасибо за статью" not in text_of(site.html(listing))


def test_a_post_without_comments_has_no_section(site: Build) -> None:
    assert site.html(QUIET).select_one(".letopis-comments") is None


BAD = {
    "posts/bad.md": """---
title: Ответ в никуда
date: 2014-05-20
comments:
  - id: 1
    author: Иван
    date: 2014-05-20
    parent: 9
    text: Да.
---
""",
    "posts/typo.md": """---
title: Опечатка
date: 2014-05-21
comments:
  - author: Иван
    date: 2014-05-21
    txt: Да.
---
""",
}


def test_a_bad_comment_stops_the_build_at_its_line(tmp_path_factory) -> None:
    build = run_mkdocs(write_project(tmp_path_factory.mktemp("bad-comments"), BAD,
                                     site_config()))
    assert build.returncode != 0
    assert "Traceback" not in build.log
    for expected in ["content/posts/bad.md:8: parent 9 — не id ни одного комментария этой записи",
                     'content/posts/typo.md:5: нет ключа "text" (он обязателен)',
                     'content/posts/typo.md:7: неизвестный ключ "txt" (может быть, "text"?)']:
        assert expected in build.log, build.log
    assert not (build.site / "2014").exists()

