"""The job summary of a pull request, on a real pair of builds: the base site and the pull
request's site built with MkDocs, compared by `python -m letopis.site_changes` as the workflow
runs it. The Markdown is rendered with Python-Markdown (as GitHub would render it) and read
through a parser."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import markdown
import pytest
from bs4 import BeautifulSoup

from tests.conftest import Build, run_mkdocs, site_config, write_project


def post(title: str, day: int, slug: str, text: str = "Текст.") -> str:
    return (f"---\ntitle: \"{title}\"\ndate: 2014-05-{day:02d}\nslug: {slug}\n"
            f"authors: [ivanova]\n---\n\n{text}\n")


def config() -> dict:
    """With author pages: an author's page lists her posts, like an archive."""
    config = site_config()
    config["plugins"].append("letopis/authors")
    return config


BASE = {
    "index.md": "# Главная\n",
    "authors.yml": "ivanova: Анна Иванова\n",
    "posts/a.md": post("Первая", 1, "a"),
    "posts/b.md": post("Вторая", 2, "b"),
    "posts/c.md": post("Третья", 3, "c"),
    "about.md": "# О журнале\n\nРедакция.\n",
}
TRICKY = "Цены *со скидкой* [2014] <b>жирно</b> & ~~зачёркнуто~~ #1"
HEAD = {
    **{name: text for name, text in BASE.items() if name != "posts/c.md"},
    "posts/a.md": post("Первая", 1, "a", "Текст исправлен."),
    # After b: b's neighbour link changes (c → d), its own text does not.
    "posts/d.md": post(TRICKY, 4, "d"),
    "about.md": "# О журнале\n\nРедакция и [контакты](missing.md).\n",  # a broken link: warns
    "contacts.md": "# Контакты\n\nПишите.\n",
}


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, Build, Path]:
    base = run_mkdocs(write_project(tmp_path_factory.mktemp("base"), BASE, config()))
    assert base.returncode == 0, base.log
    head = run_mkdocs(write_project(tmp_path_factory.mktemp("head"), HEAD, config()),
                      strict=False)
    assert head.returncode == 0, head.log
    log = head.site.parent / "build.log"
    log.write_text(head.log, encoding="utf-8")
    return base, head, log


def summarize(*args: str | Path) -> tuple[BeautifulSoup, str]:
    done = subprocess.run([sys.executable, "-m", "letopis.site_changes", *map(str, args)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    return BeautifulSoup(markdown.markdown(done.stdout), "lxml"), done.stdout


def section(page: BeautifulSoup, heading: str) -> list[str]:
    """The items of the list under the h3 `heading`."""
    h3 = page.find("h3", string=heading)
    assert h3 is not None, page
    return [item.get_text() for item in h3.find_next_sibling("ul").find_all("li")]


def test_posts_added_changed_removed_with_addresses(sites) -> None:
    base, head, log = sites
    page, _ = summarize(base.site, head.site, "--log", log)
    assert page.find("h2").get_text() == "Что этот pull request меняет на сайте"
    assert section(page, "Записи") == [
        "изменена: /2014/05/a/ — Первая",
        "удалена: /2014/05/c/ — Третья",
        f"добавлена: /2014/05/d/ — {TRICKY}",  # the title is text, not markup
    ]
    assert page.find("em") is None and page.find("b") is None
    assert section(page, "Страницы") == ["изменена: /about/ — О журнале",
                                         "добавлена: /contacts/ — Контакты"]


def test_listings_are_counted_not_listed_one_by_one(sites) -> None:
    base, head, _ = sites
    page, _ = summarize(base.site, head.site)
    (paragraph,) = page.find("h3", string="Списки записей и архивы").find_next_siblings("p")
    addresses = {code.get_text() for code in paragraph.find_all("code")}
    # The home page, the year and month archives; the day archives of c (gone), d (new) and a
    # (its entry shows the corrected text); not b's, whose entry is the same; the author's page.
    assert addresses == {"/", "/2014/", "/2014/05/", "/2014/05/01/", "/2014/05/03/",
                         "/2014/05/04/", "/author/ivanova/"}
    assert paragraph.get_text().startswith("Затронуто страниц со списками: 7 — ")


def test_every_warning_of_the_build_is_listed(sites) -> None:
    base, head, log = sites
    warned = [line for line in head.log.splitlines() if line.startswith("WARNING")]
    assert warned and any("missing.md" in line for line in warned)
    page, _ = summarize(base.site, head.site, "--log", log)
    intro = page.find("p", string=lambda text: text and text.startswith("Предупреждения"))
    assert intro.get_text().endswith(f": {len(warned)}")
    items = [li.get_text() for li in intro.find_next_sibling("ul").find_all("li")]
    assert len(items) == len(warned)
    assert any(item.startswith("предупреждение: ") and "missing.md" in item for item in items)


def test_a_clean_build_says_it_had_no_warnings(sites) -> None:
    base, _, _ = sites
    page, _ = summarize(base.site, base.site, "--log", Path("/nonexistent/build.log"))
    texts = [p.get_text() for p in page.find_all("p")]
    assert "Сборка с --strict прошла без предупреждений." in texts
    assert "Ни одна запись и ни одна страница не изменились." in texts
    assert page.find("h3") is None


def test_an_unbuilt_base_shows_everything_as_added(sites, tmp_path: Path) -> None:
    _, head, _ = sites
    page, _ = summarize(tmp_path / "no-base", head.site)
    assert page.find("p", string=lambda t: t and t.startswith("Базовую ветку собрать не удалось"))
    assert all(item.startswith("добавлена: ") for item in section(page, "Записи"))


def test_an_unbuilt_pull_request_lists_no_change(sites, tmp_path: Path) -> None:
    base, _, _ = sites
    page, _ = summarize(base.site, tmp_path / "no-head")
    assert page.find("p", string=lambda t: t and t.startswith("Сайт этого pull request"))
    assert page.find("h3") is None
