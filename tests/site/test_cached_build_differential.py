"""`letopis build` with its cache publishes what a build from nothing (`--no-cache`) publishes,
byte for byte, after any sequence of editors' saves.

The cache here is all that a build keeps for the next one: the Markdown and render caches,
the search bundles and their kept staging, the site folder recycled under the new build, and
the record of the last build that lets a build with nothing changed stop early. Each is
tested on its own after each kind of edit (test_render_cache.py and its neighbours); this test
plays editing sessions against all of them at once.

Hypothesis plays the session of the preview's differential test (tests/editing_session.py:
add, retitle, redate, re-tag, draft or undraft, delete a post; add or edit a journal issue;
rename an author; save a post with an impossible date, then save it back) on a project with
every Letopis plugin. After each save, `letopis build` runs in that project, over its cache and
site as the build before left them, in one process or two by turns; meanwhile the same content
is built with `--no-cache` into an empty folder of another project. Every file of the two
sites (pages, feeds, sitemap, redirects, search bundles) must hold the same bytes. A save
with an impossible date must fail the build, naming the file, and leave the published site as
it was.

The default run is small for CI (every kind of edit once, then 3 examples of up to 5 edits,
about a minute). A longer hunt:
`LETOPIS_CACHE_EXAMPLES=30 LETOPIS_CACHE_STEPS=12 .venv/bin/python -m pytest
tests/site/test_cached_build_differential.py`.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, settings
from hypothesis.stateful import run_state_machine_as_test

from tests.conftest import full_site_config, write_project
from tests.editing_session import EditingSession, play, sync
from tests.site.test_build_cache import files_of_site
from tests.site.test_parallel_build import letopis_build

# The MkDocs pass only, as the preview's differential test: two builds per edit.
pytestmark = pytest.mark.skipif(os.environ.get("LETOPIS_ENGINE") == "properdocs",
                                reason="the MkDocs pass only: it takes a minute")

EXAMPLES = int(os.environ.get("LETOPIS_CACHE_EXAMPLES", "3"))
STEPS = int(os.environ.get("LETOPIS_CACHE_STEPS", "5"))
# A published post moved: the build's warning and the old address it asks to keep.
MOVED = re.compile(r"content/posts/([\w-]+)\.md:\d+: адрес записи сменился с (\S+) на ")
# A post moved back to an address it keeps in `aliases`.
OWN_ALIAS = re.compile(r'content/posts/([\w-]+)\.md:\d+: старый адрес "([^"]+)" совпадает с '
                       r"адресом самой страницы")


def project_config() -> dict:
    config = full_site_config(page_size=3, archive_page_size=2)
    # The sidebar's term widgets show every category and tag on every page (a dependency
    # each page declares), the nav names the journal's and the authors' pages.
    config["extra"] = {"sidebar": ["toc", "calendar", "categories", "tags"]}
    config["nav"] = [{"Главная": "index.md"}, {"Архив": "archive/index.md"},
                     {"Журнал": "journal/vestnik/index.md"}, {"Авторы": "author/index.md"}]
    return config


def difference(name: str, expected: bytes, got: bytes) -> str:
    """The two versions of a file, a readable difference (an HTML page tag by tag)."""
    def lines(data: bytes) -> list[str]:
        text = data.decode("utf-8", errors="replace")
        return BeautifulSoup(text, "lxml").decode().splitlines() if name.endswith(".html") \
            else text.splitlines()

    return "\n".join(difflib.unified_diff(lines(expected), lines(got), "--no-cache",
                                          "with the cache", lineterm="", n=1))[:6000]


class CachedBuildEdits(EditingSession):
    """One example: a project and its cache made by the first build, then random edits, each
    built with the cache and, in another project at the same time, without it."""

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="letopis-cache-differential-"))
        self.project = write_project(self.folder / "project", {}, project_config())
        self.clean = write_project(self.folder / "clean", {}, project_config())
        self.pool = ThreadPoolExecutor(max_workers=1)
        self.builds = 0

    def teardown(self) -> None:
        self.pool.shutdown()
        shutil.rmtree(self.folder, ignore_errors=True)

    def cached_build(self) -> subprocess.CompletedProcess:
        self.builds += 1
        return letopis_build(self.project, self.project / "site",
                             "--jobs", str(1 + self.builds % 2))

    def clean_build(self, files: dict[str, str]) -> tuple[subprocess.CompletedProcess,
                                                            dict[str, bytes]]:
        sync(self.clean, files)
        site = self.clean / "site"
        shutil.rmtree(site, ignore_errors=True)
        done = letopis_build(self.clean, site, "--jobs", "2", "--no-cache")
        return done, files_of_site(site)

    def save(self) -> None:
        self.check()

    def check(self) -> None:
        """Build the saved content with the cache and without: the same files, byte for byte.
        A published post that moved (redated, retitled) fails both builds, which ask for its
        old address in `aliases` (letopis/addresses; the clean project keeps that record of
        the last good build too, not being a cache): the editor adds it, as told; and takes
        an alias out again when the post moves back to that address and the build says so."""
        for _ in range(3):
            files = self.content.files()
            sync(self.project, files)
            before = files_of_site(self.project / "site")
            clean = self.pool.submit(self.clean_build, files)
            done = self.cached_build()
            clean_done, expected = clean.result()
            asked = MOVED.findall(done.stderr) + OWN_ALIAS.findall(done.stderr)
            assert sorted(MOVED.findall(clean_done.stderr) +
                          OWN_ALIAS.findall(clean_done.stderr)) == sorted(asked), \
                (done.stderr, clean_done.stderr)
            if not asked:
                break
            assert (done.returncode, clean_done.returncode) != (0, 0)
            assert files_of_site(self.project / "site") == before  # left as it was
            for name, moved_from in MOVED.findall(done.stderr):
                post = self.content.posts[name]
                self.content.posts[name] = replace(post, aliases=(*post.aliases, moved_from))
            for name, back_at in OWN_ALIAS.findall(done.stderr):
                post = self.content.posts[name]
                self.content.posts[name] = replace(
                    post, aliases=tuple(a for a in post.aliases if a != back_at))
        assert done.returncode == 0, done.stderr
        assert clean_done.returncode == 0, clean_done.stderr
        got = files_of_site(self.project / "site")
        assert sorted(got.keys() - expected.keys()) == [], "files a build from nothing lacks"
        assert sorted(expected.keys() - got.keys()) == [], "files the cached build lacks"
        for name in sorted(expected):
            if got[name] != expected[name]:
                pytest.fail(f"{name} differs from a build from nothing:\n"
                            f"{difference(name, expected[name], got[name])}")

    def save_broken(self, name: str) -> None:
        """A post saved with an impossible date fails the build, which says which file, and
        the site stays the last good one; saved back, the site is a clean build's again."""
        path = self.project / "content" / "posts" / f"{name}.md"
        good = path.read_text(encoding="utf-8")
        before = files_of_site(self.project / "site")
        path.write_text(good.replace(self.content.posts[name].date, "2014-05-32"),
                        encoding="utf-8")
        done = self.cached_build()
        assert done.returncode != 0
        assert f"content/posts/{name}.md:" in done.stderr, done.stderr
        assert "Traceback" not in done.stderr, done.stderr
        assert files_of_site(self.project / "site") == before
        path.write_text(good, encoding="utf-8")
        self.check()


def test_a_cached_build_publishes_what_a_build_from_nothing_does() -> None:
    run_state_machine_as_test(CachedBuildEdits, settings=settings(
        max_examples=EXAMPLES, stateful_step_count=STEPS, deadline=None,
        suppress_health_check=list(HealthCheck)))


# Every kind of edit once, in a fixed order, whatever the random examples above draw: a
# deleted post's pages gone, a moved post's old address a redirect, an issue and an author
# renamed across the pages that show them, a failed build leaving the site as it was.
EVERY_EDIT = [
    ("add_post", "Заметка", "2014-05", 7, ["Цены"], "Теория"),
    ("retitle", 1, "Новое"),
    ("redate", 2, 1, 3),
    ("retag", 0, ["Клиенты"], None),
    ("toggle_draft", 4),
    ("delete_post", 3),
    ("add_issue", "Сегменты", "petrov"),
    ("edit_issue", 0, "готовится"),
    ("rename_author", "ivanova"),
    ("break_then_fix", 0),
]


def test_every_kind_of_edit_in_turn() -> None:
    play(CachedBuildEdits, EVERY_EDIT)
