"""`letopis build --jobs N` (mkdocs_plugins/parallel.py): pages rendered by worker processes give
the same site, byte for byte, as one process; the workers' warnings fail --strict as the serial
build's do, in the same words; a failing or lost worker stops the build with one message."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from letopis.engine import import_engine
from tests.conftest import REPO, engine, full_site_config, write_project
from tests.site.test_cli import LETOPIS
from tests.site.test_deterministic_build import files_of


def letopis_build(project: Path, site: Path, *args: str) -> subprocess.CompletedProcess:
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": "https://example.org/"}
    return subprocess.run([str(LETOPIS), "-f", str(project / "mkdocs.yml"), "build",
                           "--site-dir", str(site), *args],
                          capture_output=True, text=True, cwd=project, env=environment,
                          timeout=300)


@pytest.fixture(scope="module")
def serial_and_parallel(tmp_path_factory: pytest.TempPathFactory) -> list[Any]:
    """The bundled site (posts, journal, authors, feeds, search, redirects) built with one and
    with two processes."""
    builds = []
    for jobs in ("1", "2"):
        site = tmp_path_factory.mktemp(f"jobs{jobs}") / "site"
        done = letopis_build(REPO, site, "--jobs", jobs)
        assert done.returncode == 0, done.stderr
        builds.append(SimpleNamespace(site=site, log=done.stderr))
    return builds


def test_two_processes_build_the_same_site_byte_for_byte(serial_and_parallel: list) -> None:
    serial, parallel = (files_of(build) for build in serial_and_parallel)
    assert serial.keys() == parallel.keys()
    assert [name for name in serial if serial[name] != parallel[name]] == []
    assert any(name.startswith("pagefind/pagefind-entry") for name in serial)
    assert len(serial) > 100


def test_what_workers_make_reaches_listings_feeds_and_search(serial_and_parallel: list) -> None:
    """A post's summary (taken from its HTML, made in a worker) on the home page and in the
    feed; the post's HTML in the feed; the posts in the search index."""
    site = serial_and_parallel[1].site
    summary = "Итак, второй в 2014 году номер журнала"  # the seed's post of 2014-05-20
    assert summary in (site / "index.html").read_text(encoding="utf-8")
    feed = (site / "rss.xml").read_text(encoding="utf-8")
    assert f"<description>{summary}" in feed
    assert "<content:encoded>&lt;p&gt;" in feed
    assert len(list((site / "pagefind" / "fragment").iterdir())) >= 4


BROKEN = ("---\ntitle: Запись {n}\ndate: 2014-05-{day:02d}\n---\n\n"
          "## Раздел\n\nТекст [ссылка](nope{n}.md) и [якорь](p{other}.md#nowhere).\n")


def test_warnings_in_workers_fail_strict_in_the_serial_build_s_words(tmp_path: Path) -> None:
    posts = {f"posts/p{n}.md": BROKEN.format(n=n, day=n + 1, other=(n + 1) % 6)
             for n in range(6)}
    project = write_project(tmp_path / "project", posts,
                            {**full_site_config(), "validation": {"anchors": "warn"}})
    logs = []
    for jobs in ("1", "2"):
        command = [sys.executable, "-m", "letopis.mkdocs_plugins.parallel", "build",
                   "--strict", "-d", str(tmp_path / f"site{jobs}")]
        done = subprocess.run(command, capture_output=True, text=True, cwd=project,
                              env={**os.environ, "NO_MKDOCS_2_WARNING": "1",
                                   "LETOPIS_JOBS": jobs}, timeout=300)
        assert done.returncode == 1
        log = (done.stdout + done.stderr).replace(f"site{jobs}", "site")
        logs.append(log.splitlines())
    serial, parallel = logs
    assert sum("contains a link 'nope" in line for line in serial) == 6
    assert sum("#nowhere" in line for line in serial) == 6  # validated after the workers
    assert "Aborted with 12 warnings in strict mode!" in serial
    assert parallel == serial


# The merging, with MkDocs' build module stood in for: what a worker raises or logs.

class _Plugins(dict):
    def __init__(self) -> None:
        super().__init__()
        self.events: dict[str, list] = {event: [] for event in (
            "pre_page", "page_read_source", "page_markdown", "page_content", "page_context",
            "post_page")}
        self._event_origins: dict = {}


def _stand_in(populate: Any) -> tuple[Any, Any, Any]:
    import_engine()  # `mkdocs.*` from ProperDocs under LETOPIS_ENGINE=properdocs
    from mkdocs.structure.files import InclusionLevel

    pages = [SimpleNamespace(file=None, markdown=None, meta={}, content=None, toc=[],
                             _title_from_render=None, present_anchor_ids=None,
                             links_to_anchors=None) for _ in range(40)]
    for number, page in enumerate(pages):
        page.file = SimpleNamespace(src_uri=f"p{number}.md", page=page,
                                    inclusion=InclusionLevel.INCLUDED)
    files = SimpleNamespace(documentation_pages=lambda inclusion: [p.file for p in pages])
    build = SimpleNamespace(log=logging.getLogger(f"{engine()}.commands.build"),
                            _populate_page=populate, _build_page=None)
    return build, SimpleNamespace(plugins=_Plugins()), (pages, files)


def test_a_worker_s_failure_is_raised_in_page_order_after_its_log(
        caplog: pytest.LogCaptureFixture) -> None:
    import_engine()
    from mkdocs.exceptions import PluginError

    from letopis.mkdocs_plugins.parallel import ParallelBuild

    def populate(page: Any, config: Any, files: Any, dirty: bool = False) -> None:
        number = int(page.file.src_uri[1:-3])
        logging.getLogger(f"{engine()}.commands.build").warning("page %d", number)
        if number in (17, 30):
            raise PluginError(f"сломана страница {number}")
        page.content = f"<p>{number}</p>"

    build, config, (pages, files) = _stand_in(populate)
    parallel = ParallelBuild(build, 2)
    with caplog.at_level(logging.WARNING), pytest.raises(PluginError, match=r"страница 17$"):
        parallel._populate_page(pages[0], config, files)
    shown = [record.getMessage() for record in caplog.records]
    assert shown == [f"page {n}" for n in range(18)]  # up to the failing page, in order
    assert [page.content for page in pages[:17]] == [f"<p>{n}</p>" for n in range(17)]
    assert pages[17].content is None


def test_a_lost_worker_stops_the_build_with_one_message() -> None:
    import_engine()
    from mkdocs.exceptions import PluginError

    from letopis.core.messages import say
    from letopis.mkdocs_plugins.parallel import ParallelBuild

    def populate(page: Any, config: Any, files: Any, dirty: bool = False) -> None:
        if page.file.src_uri == "p25.md":
            os._exit(9)  # as the kernel's out-of-memory killer would end it

    build, config, (pages, files) = _stand_in(populate)
    with pytest.raises(PluginError) as raised:
        ParallelBuild(build, 2)._populate_page(pages[0], config, files)
    assert str(raised.value) == say("parallel_worker_lost")
