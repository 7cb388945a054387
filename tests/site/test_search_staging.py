"""What Pagefind is given of a page (pagefind_index.stage): only the part it reads — the page's
language and its data-pagefind-body element — not the header, menus, calendar and footer
around it, which it would parse to throw away (at 10,000 posts, 7 of its 17 seconds).

Tried on real built sites: the bundle Pagefind writes from the staged copies is byte for byte
the one it writes from the whole pages (with the same word breaks, see test_search_words)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lxml import html as lxml_html

from letopis.mkdocs_plugins.pagefind_index import PagefindIndex, separated, stage
from tests.conftest import Build, mkdocs_pass_only

pytestmark = mkdocs_pass_only  # Pagefind and the built HTML, whatever the engine


def searchable(site: Path) -> list[Path]:
    return sorted(path for path in site.rglob("*.html")
                  if b"data-pagefind-body" in path.read_bytes()
                  and not path.is_relative_to(site / "pagefind"))


def bundle(pages: Path, out: Path) -> dict[str, bytes]:
    index = PagefindIndex()
    index.add_folder(pages)
    index.finish(out)
    return {path.relative_to(out).as_posix(): path.read_bytes()
            for path in sorted(out.rglob("*")) if path.is_file()}


@pytest.mark.parametrize("name", ["bundled_site", "hostile_site", "several_years_site"])
def test_pagefind_writes_the_same_bundle_from_the_staged_copies(
        name: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    built: Build = request.getfixturevalue(name)
    assert built.returncode == 0, built.log[-2000:]
    assert_the_same_bundle_from_staged_copies(built.site, tmp_path)


def assert_the_same_bundle_from_staged_copies(site: Path, tmp_path: Path) -> None:
    """Pagefind's bundle of `site`'s searchable pages, from the staged copies and from the
    whole pages, byte for byte; and the copies are the smaller part they should be."""
    pages = searchable(site)
    assert len(pages) >= 3
    whole, staged = tmp_path / "whole", tmp_path / "staged"
    for page in pages:
        relative = page.relative_to(site)
        (whole / relative).parent.mkdir(parents=True, exist_ok=True)
        (whole / relative).write_bytes(separated(page.read_bytes()))
        stage(page, tmp_path, relative.as_posix(), "staged-copies")
    shutil.move(tmp_path / ".letopis-search" / "staged-copies", staged)
    from_whole = bundle(whole, tmp_path / "bundle-whole")
    from_staged = bundle(staged, tmp_path / "bundle-staged")
    assert sorted(from_staged) == sorted(from_whole)
    assert [name for name in from_whole if from_staged[name] != from_whole[name]] == []
    staged_bytes = sum(path.stat().st_size for path in staged.rglob("*.html"))
    whole_bytes = sum(path.stat().st_size for path in whole.rglob("*.html"))
    assert staged_bytes < whole_bytes / 2, (staged_bytes, whole_bytes)


PAGE = """<!doctype html><html lang="ru" class="no-js"><head><title>Т</title></head><body>
<div class="md-container"><main class="md-main"><article class="md-content__inner">
<div class="letopis-post" data-pagefind-body><h1>Заголовок</h1>{inner}</div>
</article></main><nav class="letopis-calendar">Календарь</nav></div></body></html>"""


def staged_copy(tmp_path: Path, page: str) -> str:
    source = tmp_path / "page.html"
    source.write_text(page, encoding="utf-8")
    stage(source, tmp_path, "a/index.html", "one")
    return (tmp_path / ".letopis-search" / "one" / "a" / "index.html").read_text(
        encoding="utf-8")


def whole(page: str) -> str:
    """The page as Pagefind was given it before: whole, with its word breaks."""
    return separated(page.encode("utf-8")).decode("utf-8")


def test_a_staged_copy_keeps_the_language_and_the_searched_part(tmp_path: Path) -> None:
    copy = staged_copy(tmp_path, PAGE.format(inner="<p>Текст записи</p>"))
    tree = lxml_html.fromstring(copy)
    assert tree.get("lang") == "ru"
    body = tree.xpath("//*[@data-pagefind-body]")
    assert [element.text_content() for element in body] == ["ЗаголовокТекст записи"]
    assert "Календарь" not in copy and "md-container" not in copy


@pytest.mark.parametrize("inner", [
    "<p>Текст</p></main><p>после</p>",  # an end tag of an element around the searched part
    "<p>Текст</p></article>",
    "<p>Текст</p></body>",
], ids=["main", "article", "body"])
def test_a_page_whose_text_closes_what_is_around_it_is_given_whole(tmp_path: Path,
                                                                  inner: str) -> None:
    """Cut out, the searched part would be parsed without the elements its stray end tag
    closes, and could end elsewhere than in the page."""
    page = PAGE.format(inner=inner)
    assert staged_copy(tmp_path, page) == whole(page)


@pytest.mark.parametrize("page", [
    PAGE.format(inner="<p>Текст</p>").replace(" data-pagefind-body", ""),
    PAGE.format(inner="<p>Текст</p>").replace("</article>", "</section>"),
    PAGE.format(inner="<p>Текст</p>").replace('<html lang="ru" class="no-js">', ""),
], ids=["no-body", "no-article", "no-html-tag"])
def test_a_page_of_another_shape_is_given_whole(tmp_path: Path, page: str) -> None:
    assert staged_copy(tmp_path, page) == whole(page)
