"""Mistakes in mkdocs.yml, and pages on addresses the site gives to something else: the build
stops with one clear message in Russian that names the option to change, or both files that
want the address — no traceback, no page written."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import full_site_config, run_mkdocs, write_project

POST = {"posts/a.md": "---\ntitle: Запись\ndate: 2014-05-20\n---\n\nТекст.\n"}
AUTHORS = {"authors.yml": "ivanov:\n  name: Иван Иванов\n",
           "posts/a.md": "---\ntitle: Запись\ndate: 2014-05-20\nauthors: [ivanov]\n---\n\nТекст.\n"}
CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


def plugin_name(entry: Any) -> str:
    return entry if isinstance(entry, str) else next(iter(entry))


def without(name: str) -> Callable[[dict], None]:
    def change(config: dict) -> None:
        config["plugins"] = [p for p in config["plugins"] if plugin_name(p) != name]
    return change


def option(name: str, **values: Any) -> Callable[[dict], None]:
    def change(config: dict) -> None:
        for i, entry in enumerate(config["plugins"]):
            if plugin_name(entry) == name:
                old = {} if isinstance(entry, str) else entry[name]
                config["plugins"][i] = {name: {**old, **values}}
    return change


def setting(**values: Any) -> Callable[[dict], None]:
    return lambda config: config.update(values)


def unset(key: str) -> Callable[[dict], None]:
    return lambda config: config.pop(key)


# (case, change to mkdocs.yml, extra content files, words the one message must hold)
MISTAKES = [
    ("folder-urls", setting(use_directory_urls=False), {}, ["use_directory_urls"]),
    ("feeds-without-site-url", unset("site_url"), {}, ["letopis/feeds", "site_url"]),
    ("blocks-without-md-in-html", setting(markdown_extensions=["toc", "attr_list"]), {},
     ["letopis/blocks", "md_in_html"]),
    ("calendar-without-archive", without("letopis/archive"), {},
     ["letopis/calendar", "letopis/archive"]),
    ("archive-url-absolute", option("letopis/calendar", archive_url="/archive/"), {},
     ["letopis/calendar", "archive_url"]),
    ("material-search-beside-ours", lambda config: config["plugins"].append("search"), {},
     ["letopis/search", "search"]),
    ("search-bundles-of-no-pages", option("letopis/search", bundle_pages=0), {},
     ["letopis/search", "bundle_pages", "0"]),
    ("search-bundles-of-words", option("letopis/search", bundle_pages="много"), {},
     ["letopis/search", "bundle_pages", "много"]),
    ("archive-page-size-yes", option("letopis/archive", archive_page_size=True), {},
     ["letopis/archive", "archive_page_size"]),
    ("feed-length-text", option("letopis/feeds", length="20 записей"), {},
     ["letopis/feeds", "length"]),
    ("announced-issues-negative", option("letopis/journal", announced_issues=-1), {},
     ["letopis/journal", "announced_issues"]),
    ("page-size-zero", option("letopis/archive", page_size=0), {}, ["page_size"]),
    ("unknown-time-zone", option("letopis/archive", timezone="Mars/Olympus"), {},
     ["Mars/Olympus"]),
    ("url-format-without-slug", option("letopis/archive", post_url_format="{year}/{month}/"),
     {}, ["post_url_format", "{slug}"]),
    # Outside letopis/ a template would not escape: editors' text raw, the theme's markup as text.
    ("post-template-outside-letopis", option("letopis/archive", post_template="site/post.html"),
     {}, ["post_template", "site/post.html"]),
    ("journal-template-outside-letopis",
     option("letopis/journal", issue_template="issue.html"), {}, ["issue_template"]),
    # Addresses: both claimants named.
    ("page-on-the-archive-page", setting(), {"archive/index.md": "# Мой архив\n"},
     ["content/archive/index.md", "archive_url"]),
    ("page-on-the-search-page", setting(), {"search/index.md": "# Поиск\n"},
     ["content/search/index.md", "search_url"]),
    ("page-on-a-month-archive", setting(), {"2014/05/index.md": "# Май\n"},
     ["content/2014/05/index.md", "Архив за май 2014"]),
    ("page-on-an-author-page", setting(), {**AUTHORS, "author/ivanov/index.md": "# Иванов\n"},
     ["content/author/ivanov/index.md", "content/authors.yml"]),
    ("post-on-a-page-address", setting(), {"2014/05/zapis/index.md": "# Страница\n"},
     ["content/posts/a.md", "content/2014/05/zapis/index.md"]),
]


@pytest.mark.parametrize(("change", "files", "words"),
                         [case[1:] for case in MISTAKES], ids=[case[0] for case in MISTAKES])
def test_a_mistake_stops_the_build_with_one_clear_message(
        tmp_path: Path, change: Callable[[dict], None], files: dict[str, str],
        words: list[str]) -> None:
    config = full_site_config()
    change(config)
    build = run_mkdocs(write_project(tmp_path, {**POST, **files}, config))
    assert build.returncode != 0, build.log
    assert "Traceback" not in build.log, build.log
    assert not (build.site / "index.html").exists()
    # The message that names the mistake; the summary line after it ("1 ошибка…") names none.
    named = [line for line in build.log.splitlines()
             if line.startswith("ERROR") and all(word in line for word in words)]
    assert len(named) == 1, build.log
    # In the site's language: Russian words of its own, besides the names and titles it quotes.
    own = named[0].split("-", 1)[1]
    for word in words:
        own = own.replace(word, "")
    assert CYRILLIC.search(re.sub("«[^»]*»", "", own)), named[0]


def test_the_control_builds(tmp_path: Path) -> None:
    """The same project without a mistake builds: the failures above are the mistakes'."""
    build = run_mkdocs(write_project(tmp_path, {**POST, **AUTHORS}, full_site_config()))
    assert build.returncode == 0, build.log
