"""`letopis build` with nothing changed since the build it published last: the site is left as
it is, without starting the engine (core/build_record.py); any change to what a build reads
builds again."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import REPO, copy_fixture, full_site_config, mkdocs_pass_only, write_project
from tests.site.test_build_cache import edit, files_of_site
from tests.site.test_parallel_build import letopis_build

pytestmark = mkdocs_pass_only

UNCHANGED = "ничего не изменилось"
RECORD = Path(".cache/letopis/last-build.json")


def config_of(root: Path) -> dict:
    config = full_site_config()
    config["theme"]["custom_dir"] = str(root / "theme")  # a copy, to be edited
    return config


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_fixture("journal", tmp_path_factory.mktemp("unchanged"))
    shutil.copytree(REPO / "theme", root / "theme")
    write_project(root, {}, config_of(root))
    return root


def build(root: Path, *args: str, **environment: str) -> tuple[bool, str]:
    """Build into root/site; whether the build was skipped as unchanged, and its log."""
    saved = {name: os.environ.get(name) for name in environment}
    os.environ.update(environment)
    try:
        done = letopis_build(root, root / "site", "--jobs", "1", *args)
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    log = done.stdout + done.stderr
    assert done.returncode == 0, log
    skipped = UNCHANGED in done.stdout
    # A skipped build starts no engine; one that ran says so.
    assert skipped == ("Documentation built" not in log), log
    return skipped, log


def stamps(site: Path) -> dict[str, int]:
    return {path.relative_to(site).as_posix(): path.stat().st_mtime_ns
            for path in site.rglob("*") if path.is_file()}


def test_nothing_changed_leaves_the_site_as_it_is(project: Path) -> None:
    build(project)  # whatever the module's earlier tests left, the site is built now
    site = project / "site"
    before, files = stamps(site), files_of_site(site)
    skipped, log = build(project)
    assert skipped, log
    assert "Documentation built" not in log
    assert stamps(site) == before  # not one file written again
    assert files_of_site(site) == files
    assert (project / RECORD).is_file()


# Each a change to something a build reads; the build after it must run, the one after that
# (nothing changed again) must not.
CHANGES: list[tuple[str, Callable[[Path], None]]] = [
    ("post text edited", lambda root: edit(root / "content/posts/anons-2.md", "Анонс",
                                           "Новый абзац.\n\nАнонс")),
    ("file added to the content", lambda root: (root / "content/posts/novaia.md").write_text(
        "---\ntitle: Новая запись\ndate: 2014-06-01\n---\n\nТекст.\n", encoding="utf-8")),
    ("file deleted from the content",
     lambda root: (root / "content/posts/novaia.md").unlink()),
    ("theme template edited", lambda root: edit(root / "theme/letopis/post.html",
                                                "{% block content %}",
                                                "{% block content %}<!-- правка -->")),
    ("mkdocs.yml edited", lambda root: edit(root / "mkdocs.yml", "site_name:",
                                            "# правка\nsite_name:")),
    ("a page of the site deleted", lambda root: (root / "site/index.html").unlink()),
    ("a page of the site edited", lambda root: edit(root / "site/index.html", "</body>",
                                                    "<!-- чужая правка --></body>")),
]


@pytest.mark.parametrize(("change", "apply"), CHANGES, ids=[name for name, _ in CHANGES])
def test_any_change_builds_again(project: Path, change: str,
                                 apply: Callable[[Path], None]) -> None:
    build(project)
    assert build(project)[0]
    apply(project)
    skipped, log = build(project)
    assert not skipped, (change, log)
    assert "<!-- чужая правка -->" not in (project / "site/index.html").read_text("utf-8")
    assert build(project)[0], change


def test_the_environment_and_the_options_are_inputs(project: Path) -> None:
    build(project)
    assert build(project)[0]
    # mkdocs.yml may read any variable (!ENV), a plugin too: a changed one builds again.
    assert not build(project, LETOPIS_TEST_VARIABLE="1")[0]
    assert build(project, LETOPIS_TEST_VARIABLE="1")[0]
    # --no-cache builds from nothing, and the next cached build cannot trust its record.
    skipped, log = build(project, "--no-cache")
    assert not skipped, log
    assert not build(project)[0]
    assert build(project)[0]


def test_the_record_says_when_a_waiting_post_is_due(project: Path) -> None:
    """A post dated in the future appears with the first build after its date: the record
    holds that moment, and a build after it runs (core tests: `is_current`)."""
    due = (datetime.now(ZoneInfo("Europe/Moscow")) + timedelta(days=3)).replace(
        second=0, microsecond=0)
    waiting = project / "content/posts/skoro.md"
    waiting.write_text(f"---\ntitle: Скоро\ndate: {due:%Y-%m-%d %H:%M}\n---\n\nТекст.\n",
                       encoding="utf-8")
    try:
        assert not build(project)[0]
        record = json.loads((project / RECORD).read_text(encoding="utf-8"))
        assert datetime.fromisoformat(record["due"]) == due
    finally:
        waiting.unlink()
    assert not build(project)[0]
    record = json.loads((project / RECORD).read_text(encoding="utf-8"))
    assert record["due"] is None
