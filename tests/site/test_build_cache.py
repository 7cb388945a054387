"""`letopis build`'s Markdown cache (mkdocs_plugins/build_cache.py): after each kind of edit a
build that takes unchanged pages' HTML from `.cache/letopis/` is byte-identical to one made
from nothing (`--no-cache`), and unchanged pages are not converted again. The search is cut
into a bundle per page here (bundle_pages: 1), so that the bundles kept in the cache
(search_cache.py) are compared too: unchanged ones are not indexed again."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.conftest import (
    REPO,
    copy_fixture,
    full_site_config,
    mkdocs_pass_only,
    write_project,
)
from tests.site.test_deterministic_build import files_of
from tests.site.test_parallel_build import letopis_build

pytestmark = mkdocs_pass_only


def entries(root: Path) -> set[str]:
    folder = root / ".cache" / "letopis" / "markdown"
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def config_of(root: Path) -> dict:
    config = full_site_config()
    config["theme"]["custom_dir"] = str(root / "theme")  # a copy, to be edited
    config["validation"] = {"anchors": "warn"}
    config["plugins"] = [{"letopis/search": {"bundle_pages": 1}} if plugin == "letopis/search"
                         else plugin for plugin in config["plugins"]]
    return config


def search_counts(log: str) -> tuple[int, int]:
    """(bundles indexed, taken from the cache), as `letopis build` tells them (in Russian)."""
    line = next(line for line in log.splitlines() if "поиск: индексов собрано" in line)
    indexed, cached = re.findall(r"— (\d+)", line)
    return int(indexed), int(cached)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_fixture("journal", tmp_path_factory.mktemp("cached"))
    shutil.copytree(REPO / "theme", root / "theme")
    write_project(root, {}, config_of(root))
    return root


def cached_and_fresh(root: Path, ok: bool = True) -> tuple[object, object]:
    """The site built with the cache (two processes) and without it (one), logs compared."""
    cached = letopis_build(root, root / "site-cached", "--jobs", "2")
    fresh = letopis_build(root, root / "site-fresh", "--jobs", "1", "--no-cache")
    assert (cached.returncode == 0) is ok, cached.stderr
    assert (fresh.returncode == 0) is ok, fresh.stderr

    def warnings(log: str) -> list[str]:
        return sorted(line for line in log.splitlines() if line.startswith("WARNING"))

    assert warnings(cached.stderr) == warnings(fresh.stderr)
    if ok:
        first, second = files_of_site(root / "site-cached"), files_of_site(root / "site-fresh")
        assert first.keys() == second.keys()
        assert [name for name in first if first[name] != second[name]] == []
    return cached, fresh


def files_of_site(site: Path) -> dict[str, bytes]:
    class Built:
        pass

    built = Built()
    built.site = site  # type: ignore[attr-defined]
    return files_of(built)  # type: ignore[arg-type]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


POSTS = "content/posts"

ANONS = POSTS + "/anons-1.md"  # so-skhemoi.md links to it

# Rounds of edits, each followed by a cached and a fresh build (fewer builds than one round
# per kind of edit; the text edit alone, to count what is converted again).
ROUNDS: list[tuple[str, Callable[[Path], None]]] = [
    ("post text edited", lambda root: edit(root / POSTS / "anons-2.md", "Анонс",
                                           "Новый абзац.\n\nАнонс")),
    ("post retitled (its slug kept), another re-tagged", lambda root: (
        edit(root / ANONS, "title: Вышел первый номер",
             "title: Вышел самый первый номер\nslug: vyshel-pervyi-nomer"),
        edit(root / POSTS / "so-skhemoi.md", "[Новости]", "[Новости, Схемы]"))),
    # The linking post's HTML holds the new address.
    ("link target redated, post added", lambda root: (
        edit(root / ANONS, "date: 2014-01-15",
             "date: 2014-02-15\naliases: [/2014/01/vyshel-pervyi-nomer/]"),
        (root / POSTS / "novaia.md").write_text(
            "---\ntitle: Новая запись\ndate: 2014-06-01\n---\n\nСм. [анонс](anons-1.md).\n",
            encoding="utf-8"))),
    ("post deleted, journal issue and authors registry edited", lambda root: (
        (root / POSTS / "novaia.md").unlink(),
        edit(root / "content/journal/vestnik/2014-2.md", "Анонс второго номера",
             "Анонс второго номера, исправленный"),
        edit(root / "content/authors.yml", "Пётр Петров", "Пётр Иванович Петров"))),
    ("mkdocs.yml and a theme template changed", lambda root: (
        (root / "mkdocs.yml").write_text(yaml.safe_dump(
            {**config_of(root), "markdown_extensions": ["toc", "attr_list", "md_in_html",
                                                        "tables"]}, allow_unicode=True),
            encoding="utf-8"),
        edit(root / "theme/letopis/post.html", "{% block content %}",
             "{% block content %}<!-- изменённый шаблон -->"))),
]


def test_a_cached_build_equals_a_fresh_one_after_each_kind_of_edit(project: Path) -> None:
    cached_and_fresh(project)
    before = entries(project)
    assert before

    cached_and_fresh(project)  # nothing changed: nothing converted again
    assert entries(project) == before

    for name, change in ROUNDS:
        change(project)
        known = entries(project)
        cached, fresh = cached_and_fresh(project)
        if name == "post text edited":  # that page alone is converted again
            assert len(entries(project) - known) == 1, name
            # …and its search bundle alone indexed again: a bundle per month here, six for
            # the four posts and three issues (two of 2014) of the fixture. (`--no-cache`
            # keeps no bundles and says nothing of them.)
            assert search_counts(cached.stderr) == (1, 5)  # type: ignore[attr-defined]
            assert "поиск: индексов" not in fresh.stderr  # type: ignore[attr-defined]
    linking = (project / "site-cached/2012/03/zapis-so-skhemoi/index.html"
               ).read_text(encoding="utf-8")
    assert "изменённый шаблон" in linking
    assert "2014/02/vyshel-pervyi-nomer/" in linking

    # A link's target gone: the page taken from the cache warns, and --strict fails, too.
    (project / ANONS).unlink()
    cached, _ = cached_and_fresh(project, ok=False)
    assert "anons-1.md" in cached.stderr  # type: ignore[attr-defined]
