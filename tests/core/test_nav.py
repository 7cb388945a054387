"""Ordinary pages in an explicit nav (letopis.core.nav): what a nav lists, the order of the
pages it does not, and the section they join."""

from __future__ import annotations

from typing import Any

import pytest

from letopis.core.nav import NavPage, PageOrder, listed_paths, ordered, with_section


@pytest.mark.parametrize(("nav", "expected"), [
    ([], set()),
    (["index.md"], {"index.md"}),
    ([{"Главная": "index.md"}, {"Архив": "archive/index.md"}], {"index.md", "archive/index.md"}),
    ([{"Раздел": [{"О блоге": "pages/about.md"}, "pages/rules.md"]}],
     {"pages/about.md", "pages/rules.md"}),
    ([{"Вложенный": [{"Глубже": [{"Лист": "pages/deep/leaf.md"}]}]}], {"pages/deep/leaf.md"}),
    # As MkDocs looks them up: "./" and doubled slashes dropped, "/" from docs_dir.
    (["./pages/a.md", "pages//b.md", "/pages/c.md"], {"pages/a.md", "pages/b.md", "pages/c.md"}),
])
def test_listed_paths(nav: list[Any], expected: set[str]) -> None:
    assert listed_paths(nav) == expected


PAGES = [NavPage("pages/about.md", "О блоге"), NavPage("pages/contacts.md", "контакты"),
         NavPage("pages/history.md", "Ёмкая история"), NavPage("pages/faq.md", "FAQ"),
         NavPage("pages/zzz.md", "Ель"), NavPage("pages/aaa.md", "Ель")]


@pytest.mark.parametrize(("order", "expected"), [
    # Latin before Cyrillic, case ignored, «Ё» with «Е»; equal titles by path.
    ("title", ["faq", "aaa", "zzz", "history", "contacts", "about"]),
    ("file", ["aaa", "about", "contacts", "faq", "history", "zzz"]),
])
def test_ordered(order: PageOrder, expected: list[str]) -> None:
    names = [page.src_uri.removeprefix("pages/").removesuffix(".md")
             for page in ordered(PAGES, order)]
    assert names == expected


NAV = [{"Главная": "index.md"}, {"Архив": "archive/index.md"}]


@pytest.mark.parametrize(("nav", "paths", "expected"), [
    (NAV, [], NAV),
    (NAV, ["pages/a.md", "pages/b.md"], [*NAV, {"Страницы": ["pages/a.md", "pages/b.md"]}]),
    # A section of that title written in mkdocs.yml gets the pages after its own entries.
    ([{"Страницы": ["pages/rules.md"]}, *NAV], ["pages/a.md"],
     [{"Страницы": ["pages/rules.md", "pages/a.md"]}, *NAV]),
    # A page titled like the section is not a section.
    ([{"Страницы": "pages/index.md"}], ["pages/a.md"],
     [{"Страницы": "pages/index.md"}, {"Страницы": ["pages/a.md"]}]),
])
def test_with_section(nav: list[Any], paths: list[str], expected: list[Any]) -> None:
    before = repr(nav)
    assert with_section(nav, "Страницы", paths) == expected
    assert repr(nav) == before  # computed afresh each build: the configured nav never grows
