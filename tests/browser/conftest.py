"""Browser tests drive Debian's Chromium through Playwright; no browser is ever downloaded.

Without /usr/bin/chromium they skip on a developer's machine and fail in CI (CI=true).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler
from pathlib import Path

import pytest

from tests.conftest import (
    REPO,
    Build,
    QuietHandler,
    full_site_config,
    run_mkdocs,
    serving_folder,
    site_config,
)

# Debian's Chromium; LETOPIS_CHROMIUM points elsewhere (the policy test uses a missing path).
CHROMIUM = Path(os.environ.get("LETOPIS_CHROMIUM", "/usr/bin/chromium"))
# Without these, Chromium keeps trying to reach Google's services, which this network refuses.
QUIET_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--disable-sync", "--no-first-run"]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: apt-get install chromium"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": QUIET_FLAGS}


@contextlib.contextmanager
def serving(build: Build, handler: type[SimpleHTTPRequestHandler] = QuietHandler,
            prefix: str = "/") -> Iterator[str]:
    """A built site over HTTP on a free local port (tests.conftest.serving_folder)."""
    assert build.returncode == 0, build.log
    with serving_folder(build.site, handler, prefix) as url:
        yield url


@pytest.fixture(scope="session")
def served_site(bundled_site: Build) -> Iterator[str]:
    with serving(bundled_site) as url:
        yield url


@pytest.fixture(scope="session")
def served_sharded_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The bundled site with its search cut into a bundle per month (`bundle_pages: 1`): the
    issue of 2014 in the first bundle, the three posts of May 2014 in the second."""
    root = tmp_path_factory.mktemp("sharded")
    text = (REPO / "mkdocs.yml").read_text(encoding="utf-8")
    for old, new in (("docs_dir: content", f"docs_dir: {REPO / 'content'}"),
                     ("custom_dir: theme", f"custom_dir: {REPO / 'theme'}"),
                     ("\n  - theme  #", f"\n  - {REPO / 'theme'}  #"),
                     ("\n  - letopis/search\n", "\n  - letopis/search:\n      bundle_pages: 1\n")):
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    (root / "mkdocs.yml").write_text(text, encoding="utf-8")
    with serving(run_mkdocs(root)) as url:
        yield url


@pytest.fixture(scope="session")
def served_full_journal_site(build_fixture) -> Iterator[str]:
    """The journal fixture with every plugin (feeds, search, redirects…) over HTTP."""
    with serving(build_fixture("journal", full_site_config(), key="journal-full")) as url:
        yield url


@pytest.fixture(scope="session")
def served_calendar_site(build_fixture) -> Iterator[str]:
    """The calendar fixture (several months with gaps between them) over HTTP."""
    with serving(build_fixture("calendar", site_config())) as url:
        yield url


@pytest.fixture(scope="session")
def served_several_years_site(several_years_site: Build) -> Iterator[str]:
    """The generated site of several years (tests/generated_site.py, 60 posts) over HTTP."""
    with serving(several_years_site) as url:
        yield url
