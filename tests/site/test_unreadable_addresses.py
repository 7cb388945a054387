"""A link whose address Python cannot read as one: a placeholder in square brackets, as
instructions write it («http://[ваш сайт]/wp-admin/»), or an unclosed bracket. MkDocs reads
every link's address to make relative ones point right, and such an address stopped the whole
build with a traceback that named no file. Now the file and line are named, `--strict` (and so
`letopis build`) fails, and a build without it goes on with the link as written."""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import unquote

import pytest

from tests.conftest import full_site_config, run_mkdocs, write_project
from tests.site.test_parallel_build import letopis_build

POST = """---
title: Пример
date: 2014-05-07
---

Зайдите на [свой сайт](http://[ваш сайт]/wp-admin/) и откройте настройки.

![Схема](http://[::1/x.png)

В коде `http://[не ссылка]/` ссылкой не стал, и [эта](https://example.org/) в порядке.
"""
LINK, IMAGE = "http://[ваш сайт]/wp-admin/", "http://[::1/x.png"
WHERE = "content/posts/2014/primer.md"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_project(tmp_path_factory.mktemp("unreadable"),
                         {"posts/2014/primer.md": POST, "index.md": "# Главная\n"},
                         full_site_config())


def reported(log: str) -> list[str]:
    """The log's lines about the post."""
    return [line for line in log.splitlines() if WHERE in line]


def test_strict_build_names_the_file_and_line_and_fails(project: Path) -> None:
    build = run_mkdocs(project)
    assert build.returncode != 0
    assert "Traceback" not in build.log, build.log
    lines = reported(build.log)
    assert any(f"{WHERE}:6:" in line and LINK in line for line in lines), build.log
    assert any(f"{WHERE}:8:" in line and IMAGE in line for line in lines), build.log
    assert len(lines) == 2, lines  # the code span is no link; the other link is fine


def test_without_strict_the_page_is_built_with_the_link_as_written(project: Path,
                                                                  tmp_path: Path) -> None:
    build = run_mkdocs(project, strict=False, site=tmp_path / "site")
    assert build.returncode == 0, build.log
    assert len(reported(build.log)) == 2, build.log
    page = build.html("2014/05/primer/")
    body = page.select_one("article")
    assert body is not None
    assert unquote(body.find("a", string="свой сайт")["href"]) == LINK
    assert unquote(body.find("img", alt="Схема")["src"]) == IMAGE
    assert body.find("a", string="эта")["href"] == "https://example.org/"


def test_letopis_build_fails_again_from_its_cache(project: Path, tmp_path: Path) -> None:
    # The second build takes the page's conversion from the Markdown cache: the problem must
    # be told again, or the build would pass.
    for attempt in range(2):
        done = letopis_build(project, tmp_path / "site", "--jobs", "2")
        assert done.returncode != 0, (attempt, done.stderr)
        assert "Traceback" not in done.stderr, done.stderr
        assert len(reported(done.stderr)) == 2, (attempt, done.stderr)
    assert (project / ".cache/letopis/markdown").is_dir()


# The same addresses in raw HTML, which MkDocs leaves alone: Letopis' own readers of the page's
# HTML (the feeds make its links absolute, the link preview takes its first picture) stopped the
# build on them with a traceback too.
RAW = """---
title: Вёрстка
date: 2014-05-08
---

Текст с <a href="http://[ваш сайт]/">образцом ссылки</a> и картинкой:

<img src="http://[::1/y.png" alt="Образец">
"""


def test_raw_html_addresses_reach_the_feeds_as_written(tmp_path: Path) -> None:
    project = write_project(tmp_path, {"posts/2014/verstka.md": RAW, "index.md": "# Главная\n"},
                            full_site_config())
    build = run_mkdocs(project)
    assert build.returncode == 0, build.log
    assert "Traceback" not in build.log
    feed = (build.site / "rss.xml").read_text(encoding="utf-8")
    assert "http://[ваш сайт]/" in unquote(html.unescape(feed))  # as written, URI-encoded
    page = build.html("2014/05/verstka/")
    # No link preview picture rather than one at an address that is none.
    assert page.select_one('meta[property="og:image"]') is None
