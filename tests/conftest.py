"""Shared helpers: build real sites with real MkDocs in temporary folders, parse the HTML."""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
import yaml
from bs4 import BeautifulSoup

from letopis.engine import engine_name

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serving_folder(folder: Path, handler: type[SimpleHTTPRequestHandler] = QuietHandler,
                   prefix: str = "/") -> Iterator[str]:
    """`folder` over HTTP on a free local port, answered by `handler` (quiet by default);
    yields its URL, `prefix` included."""
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(handler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


@functools.cache
def engine() -> str:
    """MkDocs, or ProperDocs in its place (LETOPIS_ENGINE=properdocs; `make test` runs both).
    Asked only when a site is built: the core tests also run with neither importable."""
    return engine_name()


# For tests whose subject does not depend on the engine (what the importer writes, the Markdown
# cache's bookkeeping): they run in the MkDocs pass of `make test` only. The ProperDocs pass keeps
# the tests of building and serving, the render cache's (which exercises both caches) among them.
mkdocs_pass_only = pytest.mark.skipif(os.environ.get("LETOPIS_ENGINE") == "properdocs",
                                      reason="engine-independent: the MkDocs pass runs it")


@dataclass
class Build:
    """The outcome of one `mkdocs build`: exit code, log, and the site folder."""

    site: Path
    returncode: int
    log: str

    def html(self, url: str) -> BeautifulSoup:
        """The page at site-relative `url` ("2014/05/"), parsed."""
        path = self.site / url.strip("/") / "index.html" if not url.endswith(".html") \
            else self.site / url
        assert path.is_file(), f"{url} was not built ({path})"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "lxml")

    def exists(self, url: str) -> bool:
        return (self.site / url.strip("/") / "index.html").is_file()


def site_config(**archive_options: Any) -> dict[str, Any]:
    """A minimal mkdocs.yml for a test site: the repository's theme, every Letopis plugin."""
    return {
        "site_name": "Тестовый архив",
        "docs_dir": "content",
        "theme": {"name": "material", "custom_dir": str(REPO / "theme"), "language": "ru"},
        "markdown_extensions": ["toc", "attr_list", "md_in_html"],
        "plugins": [{"letopis/archive": archive_options}, "letopis/calendar"],
    }


def journal_site_config(**archive_options: Any) -> dict[str, Any]:
    """site_config plus the journal and author plugins, as the bundled site uses them."""
    config = site_config(**archive_options)
    config["plugins"] += [{"letopis/journal": {"announced_issues": 2}}, "letopis/authors"]
    config["site_url"] = "https://example.org/archive/"
    return config


def full_site_config(**archive_options: Any) -> dict[str, Any]:
    """Every Letopis plugin, as the bundled site uses them."""
    config = journal_site_config(**archive_options)
    config["plugins"] += ["letopis/blocks", "letopis/feeds", "letopis/search",
                          "letopis/redirects", "letopis/meta", "letopis/pages",
                          "letopis/addresses", "letopis/wayfinding"]
    return config


def write_project(root: Path, posts: dict[str, str | bytes], config: dict[str, Any]) -> Path:
    """Create a project in `root`: mkdocs.yml plus content/<name> for each of `posts`."""
    for name, text in posts.items():
        path = root / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True),
                                     encoding="utf-8")
    return root


def run_mkdocs(project: Path, *args: str, strict: bool = True, site: Path | None = None,
               env: dict[str, str] | None = None) -> Build:
    """Run `mkdocs build` on `project`/mkdocs.yml in a subprocess, as editors and CI do."""
    site = site or project / "site"
    command = [sys.executable, "-m", engine(), "build", "-f", str(project / "mkdocs.yml"),
               "-d", str(site), *(["--strict"] if strict else []), *args]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    done = subprocess.run(command, capture_output=True, text=True, env=env, cwd=project,
                          timeout=300)
    return Build(site, done.returncode, done.stdout + done.stderr)


@pytest.fixture(scope="session")
def bundled_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The repository's own site (mkdocs.yml, content/), built once into a temporary folder."""
    return run_mkdocs(REPO, site=tmp_path_factory.mktemp("bundled") / "site")


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The `hostile` fixture (HTML and script in every field) with every plugin, built once.
    The project sits two folders deep, so that a path escaping it would land in sight."""
    outer = tmp_path_factory.mktemp("outer")
    root = copy_fixture("hostile", outer / "a" / "project")
    write_project(root, {}, full_site_config())
    return run_mkdocs(root)


@pytest.fixture(scope="session")
def several_years_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The generator's site (tests/generated_site.py) with 60 posts over 2006–2018: every page
    kind, /page/2/, a journal of several years; small enough for the outside checkers."""
    from tests.generated_site import generate  # it imports this module

    root = generate(tmp_path_factory.mktemp("several-years"), posts=60)
    config = yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))
    # The bundled site's light and dark schemes; at the root of its host, as the test servers
    # serve it (the 404 page's absolute links, which a server gives at any depth, then resolve).
    config["theme"]["palette"] = bundled_config()["theme"]["palette"]
    # Its self-hosted typeface and print stylesheet, in place of Material's Google Fonts.
    config["theme"]["font"] = bundled_config()["theme"]["font"]
    config["extra_css"] = bundled_config()["extra_css"]
    # The bundled site's explicit nav. (Without one, MkDocs names sections after their folders:
    # «Archive», «Author», «Journal» — English a reader sees; not fixed yet.)
    config["nav"] = [{"Главная": "index.md"}, {"Архив": "archive/index.md"},
                     {"Журнал": "journal/vestnik/index.md"}, {"Авторы": "author/index.md"}]
    write_project(root, {}, {**config, "site_url": "https://example.org/"})
    return run_mkdocs(root)


class _TagsIgnored(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: its !ENV and !!python tags come out as None."""


_TagsIgnored.add_multi_constructor("", lambda loader, suffix, node: None)


def bundled_config() -> dict[str, Any]:
    """The repository's mkdocs.yml as data (tagged values as None)."""
    return yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), _TagsIgnored)


def copy_fixture(name: str, destination: Path) -> Path:
    shutil.copytree(FIXTURES / name / "content", destination / "content")
    return destination


@pytest.fixture(scope="session")
def build_fixture(tmp_path_factory: pytest.TempPathFactory):
    """Build fixture `name` with `config` once per session (keyed by name)."""
    cache: dict[str, Build] = {}

    def build(name: str, config: dict[str, Any], *, key: str | None = None) -> Build:
        key = key or name
        if key not in cache:
            root = copy_fixture(name, tmp_path_factory.mktemp(key))
            write_project(root, {}, config)
            cache[key] = run_mkdocs(root)
        return cache[key]

    return build


def resolve(page_url: str, href: str) -> str:
    """The site-relative URL that `href` on the page at `page_url` points to."""
    return urljoin("http://site/" + page_url, href).removeprefix("http://site/")


def text_of(element: Any) -> str:
    """Visible text of a parsed element with whitespace collapsed."""
    return " ".join(element.get_text(" ").split())
