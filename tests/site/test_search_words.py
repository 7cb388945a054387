"""What Pagefind indexes reads as words: fields and block elements that stand side by side in the
markup (`<dt>Статус</dt><dd>подписан</dd>`) are not glued into one word («Статусподписан»), and
the calendar is not indexed.

The index is read where the search page reads it: Pagefind's fragments
(`pagefind/fragment/*.pf_fragment`, gzip-compressed JSON after a short signature), one per page.
"""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, NavigableString, Tag

from tests.conftest import Build, full_site_config, run_mkdocs, write_project

# Phrasing elements (HTML's "phrasing content" that browsers lay out inline): text on both
# sides of their boundaries may form one word (`<b>Сег</b>мент`). Every other element's
# boundary separates words, as a browser shows them; the reference words are read that way.
INLINE = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em",
                    "i", "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong",
                    "sub", "sup", "time", "u", "var"})
WORD = re.compile(r"[^\W_]+")


def fragments(build: Build) -> dict[str, str]:
    """URL → indexed text, as stored in the built site's Pagefind fragments."""
    found = {}
    for path in sorted((build.site / "pagefind" / "fragment").glob("*.pf_fragment")):
        data = gzip.decompress(path.read_bytes())
        fragment = json.loads(data[data.index(b"{"):])  # after the "pagefind_dcd" signature
        found[fragment["url"]] = fragment["content"]
    return found


def page_file(build: Build, url: str) -> Path:
    return build.site / url.strip("/") / "index.html"


def parsed(build: Build, url: str) -> BeautifulSoup:
    return BeautifulSoup(page_file(build, url).read_bytes(), "lxml")


def reference_words(element: Tag) -> set[str]:
    """The words of `element` as a reader sees them: block boundaries separate words."""
    parts: list[str] = []

    def walk(node: Tag) -> None:
        for child in node.children:
            if isinstance(child, Tag):
                separate = child.name not in INLINE
                parts.append(" " if separate else "")
                walk(child)
                parts.append(" " if separate else "")
            elif type(child) is NavigableString:  # not comments, which hold no words
                parts.append(str(child))

    walk(element)
    return set(WORD.findall("".join(parts)))


def glued_words(build: Build) -> dict[str, set[str]]:
    """URL → indexed words that are no word of the page's searchable part."""
    glued = {}
    for url, content in fragments(build).items():
        bodies = parsed(build, url).select("[data-pagefind-body]")
        assert bodies, f"{url} is indexed but has no data-pagefind-body"
        allowed = set().union(*(reference_words(body) for body in bodies))
        if extra := set(WORD.findall(content)) - allowed:
            glued[url] = extra
    return glued


@pytest.fixture(scope="module")
def journal_site(build_fixture) -> Build:
    build = build_fixture("journal", full_site_config(), key="journal-full")
    assert build.returncode == 0, build.log
    return build


# An editor's raw HTML written on one line, as WordPress pages often were: fields, table cells,
# a caption and a quotation side by side with nothing between them.
RAW_HTML_POST = """---
title: Сырой HTML
date: 2014-05-20
---

Текст записи.

<table><tr><th>Статус</th><th>Срок</th></tr><tr><td>готово</td><td>июнь</td></tr></table>

<dl><dt>Издатель</dt><dd>Издательский дом</dd><dt>Тираж</dt><dd>тысяча</dd></dl>

<figure><figcaption>Подпись</figcaption></figure><blockquote>Цитата</blockquote>

<details><summary>Итоги</summary>Раскрытый текст</details>

| Колонка | Другая |
|---|---|
| раз | два |
"""


@pytest.fixture(scope="module")
def raw_html_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = write_project(tmp_path_factory.mktemp("raw-html"), {"posts/raw.md": RAW_HTML_POST},
                         {**full_site_config(),
                          "markdown_extensions": ["toc", "attr_list", "md_in_html", "tables"]})
    build = run_mkdocs(root)
    assert build.returncode == 0, build.log
    return build


@pytest.fixture(scope="module")
def site(bundled_site: Build) -> Build:
    assert bundled_site.returncode == 0, bundled_site.log
    return bundled_site


def test_the_index_holds_the_issue_pages_fields(journal_site: Build) -> None:
    # The check below is only worth something if the fields are indexed at all.
    issue = fragments(journal_site)["/journal/vestnik/2014/2/"]
    facts = parsed(journal_site, "journal/vestnik/2014/2/").select(".letopis-issue__facts dt")
    labels = [dt.get_text().strip() for dt in facts]
    assert labels and all(label.split()[-1] in WORD.findall(issue) for label in labels)


@pytest.mark.parametrize("which", ["journal_site", "site", "raw_html_site"])
def test_no_indexed_word_is_glued_from_two_fields(which: str,
                                                  request: pytest.FixtureRequest) -> None:
    build = request.getfixturevalue(which)
    assert fragments(build), "nothing was indexed"
    assert glued_words(build) == {}


@pytest.mark.parametrize("which", ["journal_site", "site"])
def test_the_calendar_is_not_indexed(which: str, request: pytest.FixtureRequest) -> None:
    build = request.getfixturevalue(which)
    for url, content in fragments(build).items():
        calendars = parsed(build, url).select("nav.calendar")
        assert calendars, f"{url} shows no calendar to test against"
        for calendar in calendars:
            around = [calendar, *calendar.parents]
            searchable = any(e.has_attr("data-pagefind-body") for e in around)
            ignored = any(e.has_attr("data-pagefind-ignore") for e in around)
            assert not searchable or ignored, f"the calendar of {url} is searchable"
        # The day names the calendar spells out for screen readers appear nowhere else.
        day_names = {span.get_text().strip().lower()
                     for span in calendars[0].select("thead .letopis-visually-hidden")}
        assert len(day_names) == 7
        assert not day_names & {word.lower() for word in WORD.findall(content)}, url
