"""`letopis build` (`make build`) publishes: it refuses the preview server's address (SITE_URL
unset, or an address on this machine) baked into canonical links, feeds and the sitemap, and
says how to go on; `--local` builds for this machine all the same."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from letopis.publish import is_preview_address
from tests.conftest import Build, site_config, write_project

LETOPIS = Path(sys.executable).parent / "letopis"
POST = "---\ntitle: Первая запись\ndate: 2014-05-20\n---\n\nТекст.\n"
# As the bundled mkdocs.yml says it: the publishing workflow sets SITE_URL.
FROM_ENVIRONMENT = 'site_url: !ENV [SITE_URL, "http://127.0.0.1:8000/"]\n'


def letopis_build(project: Path, *args: str, site_url: str | None = None
                  ) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "SITE_URL"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    if site_url is not None:
        env["SITE_URL"] = site_url
    return subprocess.run([str(LETOPIS), "build", *args], capture_output=True, text=True,
                          cwd=project, env=env, timeout=300)


def project_with(root: Path, site_url: str | None) -> Path:
    config = site_config()
    if site_url is not None:
        config["site_url"] = site_url
    return write_project(root, {"posts/first.md": POST}, config)


def project_from_environment(root: Path) -> Path:
    project = project_with(root, None)
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as config:
        config.write(FROM_ENVIRONMENT)
    return project


def assert_refused(done: subprocess.CompletedProcess, project: Path) -> None:
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    # Says how: set SITE_URL, or ask for a local build.
    assert "SITE_URL" in done.stderr and "--local" in done.stderr, done.stderr
    assert "адрес" in done.stderr  # in the editors' language
    assert not (project / "site").exists()


@pytest.mark.parametrize("site_url", [None, "http://127.0.0.1:8000/", "http://localhost:8000/",
                                      "http://[::1]:8000/", "http://0.0.0.0:8000/"])
def test_a_preview_address_is_refused(tmp_path: Path, site_url: str | None) -> None:
    project = project_with(tmp_path, site_url)
    assert_refused(letopis_build(project), project)


def test_site_url_unset_in_the_environment_is_refused(tmp_path: Path) -> None:
    project = project_from_environment(tmp_path)
    assert_refused(letopis_build(project), project)
    assert_refused(letopis_build(project, site_url="http://localhost:8000/"), project)


def test_the_published_address_is_the_one_built_in(tmp_path: Path) -> None:
    project = project_from_environment(tmp_path)
    done = letopis_build(project, site_url="https://example.org/letopis/")
    assert done.returncode == 0, done.stderr
    page = Build(project / "site", 0, "").html("2014/05/pervaia-zapis/")
    assert page.select_one("link[rel=canonical]")["href"] == \
        "https://example.org/letopis/2014/05/pervaia-zapis/"


def test_local_builds_for_this_machine(tmp_path: Path) -> None:
    project = project_from_environment(tmp_path)
    done = letopis_build(project, "--local")
    assert done.returncode == 0, done.stderr
    page = Build(project / "site", 0, "").html("2014/05/pervaia-zapis/")
    assert page.select_one("link[rel=canonical]")["href"].startswith("http://127.0.0.1:8000/")


def test_make_build_runs_letopis_build_and_passes_local_on() -> None:
    # `make build` publishes (SITE_URL); `make build LOCAL=1` builds for this machine.
    done = subprocess.run(["make", "-n", "build", "LOCAL=1"], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[2], timeout=60)
    recipe = [line for line in done.stdout.splitlines() if "letopis build" in line]
    assert recipe and recipe[-1].split()[-1] == "--local", done.stdout + done.stderr
    done = subprocess.run(["make", "-n", "build"], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[2], timeout=60)
    recipe = [line for line in done.stdout.splitlines() if "letopis build" in line]
    assert recipe and "--local" not in recipe[-1], done.stdout


@pytest.mark.parametrize(
    ("site_url", "preview"),
    [
        (None, True),
        ("", True),
        ("http://127.0.0.1:8000/", True),
        ("http://127.0.0.2/", True),  # all of 127/8 is this machine
        ("http://localhost:8000/", True),
        ("http://LOCALHOST/", True),
        ("http://site.localhost/", True),
        ("http://[::1]:8000/", True),
        ("http://0.0.0.0:8000/", True),
        ("http://[::1/", True),  # not an address at all
        ("https://example.org/", False),
        ("https://user.github.io/letopis/", False),
        ("http://192.168.1.10/", False),  # a machine on the local network: reachable
        ("https://localhost.example.org/", False),
    ],
)
def test_which_addresses_are_the_preview(site_url: str | None, preview: bool) -> None:
    assert is_preview_address(site_url) is preview
