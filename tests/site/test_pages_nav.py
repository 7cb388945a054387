"""`letopis/pages`: with an explicit nav, ordinary pages under pages/ (the old blog's «О блоге»,
«Контакты») join the navigation under «Страницы», so a --strict build with
`omitted_files: warn` passes and every page is reachable. Drafts stay out; a page the nav
already lists is not listed twice."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag

from tests.conftest import (
    REPO,
    Build,
    full_site_config,
    resolve,
    run_mkdocs,
    text_of,
    write_project,
)
from tests.site.test_serve_preview import fetch, page_when, serving

POST = "---\ntitle: Первая запись\ndate: 2014-05-20\n---\n\nТекст.\n"
PAGES = {
    # File order (about, contacts, history, rules) differs from title order.
    "pages/about.md": "---\ntitle: О блоге\n---\n\nО блоге.\n",
    "pages/contacts.md": "---\ntitle: Контакты\n---\n\nПишите нам.\n",
    # «Ё» sorts with «Е», as in a dictionary, not after «Я» as its code point would.
    "pages/history.md": "---\ntitle: Ёмкая история\n---\n\nИстория.\n",
    "pages/rules.md": "---\ntitle: Правила\n---\n\nПравила.\n",  # listed in the nav below
    "pages/unpublished.md": "---\ntitle: Черновик страницы\ndraft: true\n---\n\nПозже.\n",
}
NAV = [{"Главная": "index.md"}, {"Архив": "archive/index.md"}, {"Авторы": "author/index.md"},
       {"Правила": "pages/rules.md"}]


def nav_config() -> dict[str, Any]:
    config = full_site_config()
    config["nav"] = NAV
    config["validation"] = {"omitted_files": "warn"}
    return config


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = write_project(tmp_path_factory.mktemp("pages"),
                         {"posts/first.md": POST, **PAGES}, nav_config())
    return run_mkdocs(root)


def primary_nav(soup: BeautifulSoup) -> Tag:
    nav = soup.select_one("nav.md-nav--primary")
    assert nav is not None
    return nav


def top_level(nav: Tag) -> list[str]:
    """The entries of the navigation's first level: a page's link or a section's label."""
    entries = []
    for item in nav.select(":scope > ul > li.md-nav__item"):
        label = item.select_one(":scope > .md-nav__link, :scope > label.md-nav__link")
        assert label is not None
        entries.append(text_of(label))
    return entries


def section(nav: Tag, title: str) -> list[tuple[str, str]]:
    """(text, href) of the links inside the navigation's section `title`."""
    for item in nav.select("li.md-nav__item--nested"):
        label = item.select_one(":scope > label.md-nav__link, :scope > .md-nav__link")
        if label is not None and text_of(label) == title:
            return [(text_of(a), str(a["href"])) for a in item.select("nav a.md-nav__link")]
    raise AssertionError(f"no section «{title}» in {top_level(nav)}")


def test_the_strict_build_passes_without_warnings(site: Build) -> None:
    assert site.returncode == 0, site.log
    assert "WARNING" not in site.log
    assert "not included in the" not in site.log


def test_pages_are_in_the_navigation_under_pages_in_title_order(site: Build) -> None:
    nav = primary_nav(site.html(""))
    assert top_level(nav) == ["Главная", "Архив", "Авторы", "Правила", "Страницы"]
    links = section(nav, "Страницы")
    assert [text for text, _ in links] == ["Ёмкая история", "Контакты", "О блоге"]
    assert [resolve("", href) for _, href in links] == \
        ["pages/history/", "pages/contacts/", "pages/about/"]


def test_a_listed_page_is_the_active_entry_of_its_section(site: Build) -> None:
    # MkDocs builds the navigation from the nav as usual: the page has its place in it.
    page = site.html("pages/contacts/")
    active = page.select_one("nav.md-nav--primary a.md-nav__link--active")
    assert active is not None and text_of(active) == "Контакты"
    assert page.title is not None and page.title.get_text().startswith("Контакты")


def test_a_draft_page_is_neither_listed_nor_built(site: Build) -> None:
    assert not site.exists("pages/unpublished/")
    for url in ("", "pages/about/"):
        assert "Черновик страницы" not in text_of(primary_nav(site.html(url)))


def test_a_page_listed_in_the_nav_is_listed_once(site: Build) -> None:
    hrefs = [resolve("", str(a["href"]))
             for a in primary_nav(site.html("")).select("a.md-nav__link[href]")]
    assert hrefs.count("pages/rules/") == 1


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The project's own mkdocs.yml, content and theme, plus two imported WordPress pages."""
    root = tmp_path_factory.mktemp("real")
    shutil.copy(REPO / "mkdocs.yml", root / "mkdocs.yml")
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "theme", root / "theme")
    page = root / "content" / "pages" / "o-bloge.md"
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text("---\ntitle: О блоге\n---\n\nТекст.", encoding="utf-8")
    # Imported WordPress tables are pipe tables (the `tables` extension).
    (page.parent / "kontakty.md").write_text(
        "---\ntitle: Контакты\n---\n\n| Город | Телефон |\n|---|---|\n| Москва | 123 |\n",
        encoding="utf-8")
    return run_mkdocs(root)


def test_the_project_config_lists_the_plugin() -> None:
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    assert "- letopis/pages" in text
    assert "- tables" in text


def test_the_real_site_with_an_imported_page_builds_strict(real_site: Build) -> None:
    assert real_site.returncode == 0, real_site.log
    assert "WARNING" not in real_site.log


def test_the_real_site_links_the_page_from_the_home_navigation(real_site: Build) -> None:
    nav = primary_nav(real_site.html(""))
    assert section(nav, "Страницы") == [("Контакты", "pages/kontakty/"),
                                        ("О блоге", "pages/o-bloge/")]
    assert real_site.exists("pages/o-bloge/")


def test_the_real_site_renders_pipe_tables(real_site: Build) -> None:
    cells = [text_of(td) for td in real_site.html("pages/kontakty/").select("article table td")]
    assert cells == ["Москва", "123"]


@pytest.mark.serve
def test_the_preview_lists_a_page_added_while_it_runs_once(tmp_path: Path) -> None:
    """`make serve` (--dirty): a page saved under pages/ joins the navigation of the pages
    already rendered, and rebuilds never list a page twice."""
    config = nav_config()
    del config["site_url"]  # served at the root, not at the site's path
    root = write_project(tmp_path, {"posts/first.md": POST, **PAGES}, config)
    with serving(root, "--dirty") as base:
        about = BeautifulSoup(fetch(base + "pages/about/"), "lxml")
        # A preview lists draft pages, as it lists draft posts.
        assert "Черновик страницы" in [text for text, _ in section(primary_nav(about),
                                                                    "Страницы")]
        (root / "content/pages/faq.md").write_text("---\ntitle: Вопросы\n---\n\nОтветы.\n",
                                                   encoding="utf-8")
        about = page_when(base + "pages/about/", lambda p: "Вопросы" in text_of(p))
        (root / "content/pages/faq.md").write_text("---\ntitle: Вопросы и ответы\n---\n\nДа.\n",
                                                   encoding="utf-8")
        about = page_when(base + "pages/about/", lambda p: "Вопросы и ответы" in text_of(p))
        titles = [text for text, _ in section(primary_nav(about), "Страницы")]
        assert titles == ["Вопросы и ответы", "Ёмкая история", "Контакты", "О блоге",
                          "Черновик страницы"]


@pytest.fixture(scope="module")
def site_without_nav(build_fixture) -> Build:
    """The journal fixture with every plugin and no `nav:`: MkDocs makes the nav itself."""
    return build_fixture("journal", full_site_config(), key="journal-no-nav")


def test_without_a_nav_no_folder_name_is_shown_as_a_section(site_without_nav: Build) -> None:
    """MkDocs names a section after its folder («Archive», «Author», «Journal», «Vestnik»): a
    folder holding one page is shown as that page, under the page's own title."""
    assert site_without_nav.returncode == 0, site_without_nav.log
    page = site_without_nav.html("")
    entries = [text_of(a) for a in page.select("nav.md-nav--primary .md-nav__link")]
    assert entries, "the home page has no navigation"
    folders = {"Archive", "Author", "Journal", "Vestnik"}
    assert not folders & set(entries), entries
    journal = site_without_nav.html("journal/vestnik/")
    for title in ("Архив", "Авторы", text_of(journal.select_one("h1"))):
        assert title in entries, (title, entries)
