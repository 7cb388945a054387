"""Pagefind is a separate program: when it is missing or fails, a build stops with one clear
message naming it (no traceback), and a preview goes on with a warning. The pagefind package
runs the program named by PAGEFIND_BINARY_PATH, so a real build meets a missing one, or one
that cannot run.

A program that dies in the middle of the work (a fake Pagefind that answers the first requests
and exits) stops the build the same way: the pagefind package itself would wait for its answer
forever."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import (
    Build,
    engine,
    full_site_config,
    run_mkdocs,
    text_of,
    write_project,
)
from tests.site.test_serve_preview import fetch, serving, until

POST = "---\ntitle: Запись\ndate: 2014-05-20\n---\n\nТекст записи.\n"
MESSAGE = "letopis/search: Pagefind не смог проиндексировать сайт"


def indexers(root: Path) -> dict[str, str]:
    """As Pagefind: a path where no program is, and a file that cannot be run."""
    broken = root / "broken-pagefind"
    broken.write_text("not a program\n", encoding="utf-8")
    broken.chmod(0o644)
    return {"missing": str(root / "no-pagefind-here"), "not-runnable": str(broken)}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_project(tmp_path_factory.mktemp("pagefind"), {"posts/a.md": POST},
                         full_site_config())


@pytest.mark.parametrize("kind", ["missing", "not-runnable"])
def test_a_build_stops_with_one_clear_message(project: Path, kind: str, tmp_path: Path) -> None:
    build: Build = run_mkdocs(project, site=tmp_path / "site",
                              env={"PAGEFIND_BINARY_PATH": indexers(tmp_path)[kind]})
    assert build.returncode != 0
    assert "Traceback" not in build.log, build.log[-3000:]
    assert build.log.count(MESSAGE) == 1, build.log[-3000:]


def test_the_control_build_with_pagefind_succeeds(project: Path, tmp_path: Path) -> None:
    build = run_mkdocs(project, site=tmp_path / "site")
    assert build.returncode == 0, build.log
    assert (build.site / "pagefind" / "pagefind.js").is_file()


@pytest.mark.serve
def test_a_preview_goes_on_with_a_warning(project: Path, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", indexers(tmp_path)["missing"])
    log = tmp_path / "serve.log"
    with serving(project, "--no-livereload", log=log) as base:
        said = until(lambda: log.read_text(encoding="utf-8"),
                     "Pagefind не смог проиндексировать предпросмотр")
        assert "Traceback" not in said
        home = BeautifulSoup(fetch(base), "lxml")
        assert [text_of(a) for a in home.select(".letopis-entry__title a")] == ["Запись"]


def dying_indexer(root: Path, answered: int) -> Path:
    """A Pagefind service (base64 JSON requests ending in ",") that creates the index when
    asked, answers `answered` requests, then dies at the next one."""
    program = root / f"dying-pagefind-{answered}"
    program.write_text(f"""#!{sys.executable}
import base64, json, sys

answered, request = 0, b""
while byte := sys.stdin.buffer.read(1):
    if byte != b",":
        request += byte
        continue
    message = json.loads(base64.b64decode(request))
    request = b""
    if answered == {answered}:
        sys.exit(3)
    answered += 1
    reply = {{"message_id": message["message_id"],
              "payload": {{"type": "NewIndex", "index_id": 0}}}}
    sys.stdout.buffer.write(base64.b64encode(json.dumps(reply).encode()) + b",")
    sys.stdout.buffer.flush()
""", encoding="utf-8")
    program.chmod(0o755)
    return program


@pytest.mark.parametrize("answered", [0, 1], ids=["at-the-first-request", "while-indexing"])
def test_an_indexer_that_dies_stops_the_build(project: Path, answered: int,
                                             tmp_path: Path) -> None:
    command = [sys.executable, "-m", engine(), "build", "-f", str(project / "mkdocs.yml"),
               "-d", str(tmp_path / "site"), "--strict"]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1",
           "PAGEFIND_BINARY_PATH": str(dying_indexer(tmp_path, answered))}
    try:
        done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=project,
                              timeout=120)
    except subprocess.TimeoutExpired:
        pytest.fail("the build waited for a Pagefind that had died")
    log = done.stdout + done.stderr
    assert done.returncode != 0
    assert "Traceback" not in log, log[-3000:]
    assert log.count(MESSAGE) == 1, log[-3000:]


def slow_then_killed_indexer(root: Path, delayed: Path) -> Path:
    """The real Pagefind, whose write of `delayed` waits a second (strace holds the call), and
    which is killed outright (SIGKILL) when asked to stop (SIGTERM), as the pagefind package
    does once the bundle has been written. Pagefind answers "written" while its last writes
    may still be under way; a build that stops it on that answer loses them."""
    from pagefind.service import get_executable

    real = get_executable()
    assert real is not None
    program = root / "slow-pagefind"
    # The background job's standard input would be /dev/null without the copy (fd 3).
    program.write_text(f"""#!/bin/sh
exec 3<&0
strace -I1 -f -qq -o /dev/null -P '{delayed}' -e trace=write \\
    -e inject=write:delay_enter=1000000 '{real}' "$@" <&3 &
tracer=$!
trap 'pkill -KILL -P $tracer; kill -KILL $tracer; exit 0' TERM
wait $tracer
""", encoding="utf-8")
    program.chmod(0o755)
    return program


def test_the_bundle_is_whole_when_pagefind_writes_slowly(project: Path, tmp_path: Path) -> None:
    if shutil.which("strace") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("strace is not installed (.ci/run installs it)")
        pytest.skip("strace is not installed")
    control = run_mkdocs(project, site=tmp_path / "control")
    assert control.returncode == 0, control.log
    site = tmp_path / "site"
    entry = site / "pagefind" / "pagefind-entry.json"
    build = run_mkdocs(project, site=site,
                       env={"PAGEFIND_BINARY_PATH": str(slow_then_killed_indexer(tmp_path,
                                                                                 entry))})
    assert build.returncode == 0, build.log[-3000:]
    written = entry.read_bytes()
    assert written == (control.site / "pagefind" / "pagefind-entry.json").read_bytes()
    assert json.loads(written)["languages"]
