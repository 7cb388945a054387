"""`mkdocs serve` previews drafts: the draft post is served and listed, marked as a draft."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.conftest import copy_fixture, site_config, text_of, write_project

pytestmark = pytest.mark.serve


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = copy_fixture("archive", tmp_path_factory.mktemp("serve"))
    write_project(root, {}, site_config(page_size=3))
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--no-livereload", "-a", f"127.0.0.1:{port}",
         "-f", str(Path(root) / "mkdocs.yml")],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, cwd=root,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                fetch(base)
                break
            except (urllib.error.URLError, ConnectionError):
                if server.poll() is not None or time.monotonic() > deadline:
                    server.kill()
                    pytest.fail(f"mkdocs serve did not start:\n{server.communicate()[0]}")
                time.sleep(0.3)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_draft_post_is_served_with_a_draft_mark(preview: str) -> None:
    page = BeautifulSoup(fetch(preview + "2014/05/chernovik-o-peregovorakh/"), "lxml")
    assert text_of(page.select_one(".letopis-post h1")) == "Черновик о переговорах"
    assert text_of(page.select_one(".letopis-post__header .letopis-badge")) == "Черновик"


def test_draft_is_listed_in_its_archives_while_previewing(preview: str) -> None:
    page = BeautifulSoup(fetch(preview + "2014/05/20/"), "lxml")
    titles = [text_of(a) for a in page.select(".letopis-entry__title a")]
    assert titles == ["Черновик о переговорах"]
