"""core/build_record.py: what a build reads, digested; the record of the last published build;
whether a build now would make the same site."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from letopis.core.build_record import (
    Inputs,
    Record,
    inputs_digest,
    is_current,
    read,
    read_due,
    site_digest,
    write,
    write_due,
    written_digest,
)

NOW = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "content/posts").mkdir(parents=True)
    (tmp_path / "content/posts/a.md").write_text("Текст", encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    (tmp_path / "site").mkdir()
    (tmp_path / "site/index.html").write_text("<p>сайт</p>", encoding="utf-8")
    return tmp_path


def inputs(root: Path) -> Inputs:
    return Inputs(roots=(root,), skipped=(root / "site",),
                  written=(root / ".cache/letopis/addresses.json",))


def digest_of(root: Path, environment: dict[str, str] | None = None,
              packages: tuple[tuple[str, str], ...] = (("mkdocs", "1.6.1"),)) -> str:
    return inputs_digest(inputs(root), environment=environment or {"SITE_URL": "a"},
                         packages=packages, other=("mkdocs",))


@pytest.mark.parametrize("change", [
    lambda root: (root / "content/posts/a.md").write_text("Текст!", encoding="utf-8"),
    lambda root: (root / "content/posts/a.md").rename(root / "content/posts/b.md"),
    lambda root: (root / "content/posts/c.md").write_text("", encoding="utf-8"),
    lambda root: (root / "content/posts/a.md").unlink(),
    lambda root: (root / "theme").mkdir() or (root / "theme/x.html").write_text("x"),
], ids=["edited", "renamed", "added", "deleted", "new folder"])
def test_any_file_under_a_root_is_an_input(project: Path, change) -> None:
    before = digest_of(project)
    assert digest_of(project) == before  # the same files, the same digest
    change(project)
    assert digest_of(project) != before


@pytest.mark.parametrize("place", ["site/new.html", ".cache/letopis/pages/x", ".git/HEAD",
                                   "node_modules/a/index.js", "content/__pycache__/a.pyc",
                                   "venv/lib/x.py", ".site.building/index.html"])
def test_outputs_caches_and_tools_are_not_inputs(project: Path, place: str) -> None:
    (project / "venv").mkdir()
    (project / "venv/pyvenv.cfg").write_text("home = /usr\n")
    before = digest_of(project)
    path = project / place
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x")
    assert digest_of(project) == before


def test_the_environment_and_the_packages_are_inputs(project: Path) -> None:
    before = digest_of(project)
    assert digest_of(project, {"SITE_URL": "b"}) != before
    assert digest_of(project, {"SITE_URL": "a", "TZ": "UTC"}) != before
    assert digest_of(project, packages=(("mkdocs", "1.6.2"),)) != before
    # Shell bookkeeping that differs between two runs of the same command is not.
    assert digest_of(project, {"SITE_URL": "a", "OLDPWD": "/", "SHLVL": "3"}) == before


def test_a_file_the_build_rewrites_counts_as_it_was_left(project: Path) -> None:
    """The addresses record: left out of the inputs taken before the build (the build writes
    it), compared as the build left it."""
    record = project / ".cache/letopis/addresses.json"
    before, written = digest_of(project), written_digest(inputs(project))
    record.parent.mkdir(parents=True)
    record.write_text("{}")
    assert digest_of(project) == before
    assert written_digest(inputs(project)) != written


def test_the_site_digest_sees_any_file_written_again(project: Path) -> None:
    site = project / "site"
    before = site_digest(site)
    assert site_digest(site) == before
    page = site / "index.html"
    os.utime(page, ns=(page.stat().st_atime_ns, page.stat().st_mtime_ns + 1000))
    assert site_digest(site) != before


@pytest.mark.parametrize("change", [
    lambda page: page.write_text("страница!", encoding="utf-8"),
    lambda page: page.rename(page.with_name("other.html")),
    lambda page: page.unlink(),
    lambda page: (page.parent / "sub").mkdir() or (page.parent / "sub/a.css").write_text("a"),
], ids=["rewritten", "renamed", "deleted", "added below"])
def test_the_site_digest_sees_files_in_every_folder(project: Path, change) -> None:
    site = project / "site"
    page = site / "2014/05/zapis/index.html"
    page.parent.mkdir(parents=True)
    page.write_text("страница", encoding="utf-8")
    before = site_digest(site)
    change(page)
    assert site_digest(site) != before


def test_a_file_the_build_rewrites_is_no_input_wherever_it_is(project: Path) -> None:
    written = project / "content/addresses.json"
    written.write_text("{}")
    chosen = Inputs(roots=(project,), skipped=(project / "site",), written=(written,))
    before = inputs_digest(chosen, environment={}, packages=())
    written.write_text('{"a": 1}')
    assert inputs_digest(chosen, environment={}, packages=()) == before
    (project / "content/other.json").write_text("{}")  # its neighbour is an input
    assert inputs_digest(chosen, environment={}, packages=()) != before


def test_a_record_is_read_as_written_and_anything_else_as_none(tmp_path: Path) -> None:
    path = tmp_path / "last-build.json"
    assert read(path) is None
    record = Record(inputs="i", site="s", due=NOW)
    write(path, record)
    assert read(path) == record
    write(path, Record(inputs="i", site="s", due=None))
    assert read(path) == Record(inputs="i", site="s", due=None)
    for damaged in ("", "{", "[]", '{"format": "other", "inputs": "i", "site": "s", "due": null}',
                    '{"format": "letopis-build-record-1", "inputs": "i", "site": "s", '
                    '"due": "вчера"}'):
        path.write_text(damaged, encoding="utf-8")
        assert read(path) is None, damaged


def test_the_due_moment_travels_from_the_build(tmp_path: Path) -> None:
    path = tmp_path / "due"
    write_due(path, NOW)
    assert read_due(path) == NOW
    write_due(path, None)
    assert read_due(path) is None
    with pytest.raises(OSError):
        read_due(tmp_path / "not-written")


def test_current_only_with_the_same_inputs_the_same_site_and_nothing_due(project: Path) -> None:
    site = project / "site"
    record = Record(inputs="i", site=site_digest(site), due=NOW + timedelta(hours=1))
    assert is_current(record, "i", site, NOW)
    assert not is_current(None, "i", site, NOW)
    assert not is_current(record, "j", site, NOW)
    # The waiting post is due: a build now publishes it.
    assert not is_current(record, "i", site, NOW + timedelta(hours=1))
    assert is_current(Record(inputs="i", site=record.site, due=None), "i", site,
                      NOW + timedelta(days=999))
    (site / "index.html").unlink()
    assert not is_current(record, "i", site, NOW)
    assert not is_current(record, "i", project / "no-site", NOW)
