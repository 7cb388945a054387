"""Every post of the bad-input corpus (tests/bad_input/posts/) in one real site, built once:
the build stops under --strict, names each problem with its file and line as the table says,
tells nothing about the files that load, shows no traceback, and writes no page."""

from __future__ import annotations

import pytest

from tests.conftest import Build, full_site_config, run_mkdocs, write_project
from tests.core.test_bad_input_corpus import RU, TABLE, expected, raw_of

POSTS = sorted(name for name in TABLE if name.startswith("posts/"))


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory: pytest.TempPathFactory) -> Build:
    files = {name: raw_of(name) for name in POSTS}
    # Every Letopis plugin: each reads sources in its own way, none may trip over these.
    root = write_project(tmp_path_factory.mktemp("corpus"), files, full_site_config())
    return run_mkdocs(root)


def test_the_build_stops_without_a_traceback(corpus_build: Build) -> None:
    assert corpus_build.returncode != 0
    assert "Traceback" not in corpus_build.log
    errors = sum(len(expected(name).errors) for name in POSTS)
    assert f"{RU.count('errors', errors)} в содержимом: сайт не собран" in corpus_build.log


@pytest.mark.parametrize("name", POSTS)
def test_each_problem_is_told_with_its_file_and_line(corpus_build: Build, name: str) -> None:
    told = [line for line in corpus_build.log.splitlines() if f"content/{name}:" in line]
    case = expected(name)
    for level, problems in (("ERROR", case.errors), ("WARNING", case.warnings)):
        for problem in problems:
            wanted = f"content/{name}:{problem}"
            assert any(line.startswith(level) and line.endswith(wanted) for line in told), \
                f"{wanted!r} not in:\n" + "\n".join(told)
    # Nothing else about the file: a file that loads is not mentioned at all.
    assert len(told) == len(case.errors) + len(case.warnings), "\n".join(told)


def test_no_page_is_written(corpus_build: Build) -> None:
    written = list(corpus_build.site.rglob("*.html")) if corpus_build.site.exists() else []
    assert written == []
