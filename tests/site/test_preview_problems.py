"""`make serve` tells the browser when a save is rejected, and its log stays quiet: the preview
writes the content's problems to `_letopis/problems.json` in the served folder (the banner of
theme/letopis/partials/preview-problems.html reads it), and prints one line per rebuild. A
`mkdocs build` holds none of it."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from tests.conftest import Build, copy_fixture, site_config, text_of, write_project
from tests.site.test_serve_preview import fetch, page_when, serving, until

BAD_DATE = 'content/posts/morning.md:3: дата "2014-02-30" — несуществующий день (нужно ГГГГ-ММ-ДД)'
# «собрано: 9 страниц за 1,2 с» after the first build, «пересобрано: …» after each save.
SUMMARY = re.compile(r"letopis: (?:пере)?собрано: \d+ страниц\w* за \d+,\d с$", re.M)


def problems_url(base: str, page: str) -> str:
    """Where the preview script of `page` reads the problems (its data-letopis-problems)."""
    script = BeautifulSoup(fetch(base + page), "lxml").select_one(
        "script[data-letopis-problems]")
    assert script is not None, f"no preview script on {page}"
    return urljoin(base + page, script["data-letopis-problems"])


def problems_when(url: str, condition: Callable[[dict], object], seconds: float = 60) -> dict:
    deadline = time.monotonic() + seconds
    while True:
        data = json.loads(fetch(url))
        if condition(data) or time.monotonic() > deadline:
            return data
        time.sleep(0.2)


@pytest.mark.serve
@pytest.mark.parametrize("options", [["--dirty"], []], ids=["dirty", "clean"])
def test_the_problems_of_a_rejected_save_are_served_until_it_is_fixed(
        tmp_path: Path, options: list[str]) -> None:
    root = copy_fixture("calendar", tmp_path / "project")
    write_project(root, {}, site_config())
    post = root / "content/posts/morning.md"
    good = post.read_text(encoding="utf-8")
    with serving(root, *options) as base:
        url = problems_url(base, "2014/05/07/")
        assert url == base + "_letopis/problems.json"
        assert problems_url(base, "2014/05/utro-sedmogo-maia/") == url
        assert json.loads(fetch(url))["problems"] == []
        post.write_text(good.replace("date: 2014-05-07 10:00", "date: 2014-02-30"),
                        encoding="utf-8")
        data = problems_when(url, lambda d: d["problems"])
        assert data == {
            "title": "Сохранённые файлы не приняты: 1 ошибка",
            "note": "Показана последняя удачная сборка. Исправьте файлы и сохраните их.",
            "all": "Все ошибки (1)",
            "problems": [BAD_DATE],
        }
        post.write_text(good.replace("title: Утро седьмого мая", "title: Исправленное утро"),
                        encoding="utf-8")
        assert problems_when(url, lambda d: not d["problems"])["problems"] == []
        fixed = page_when(base + "2014/05/ispravlennoe-utro/",
                          lambda p: p.select_one("article h1") is not None)
        assert text_of(fixed.select_one("article h1")) == "Исправленное утро"


def test_a_build_holds_nothing_of_the_preview(build_fixture) -> None:
    build: Build = build_fixture("calendar", site_config())
    assert build.returncode == 0, build.log
    assert not (build.site / "_letopis").exists()
    for page in build.site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "letopis-problems" not in html and "letopis-preview" not in html, page


@pytest.mark.serve
def test_the_preview_log_is_quiet_and_tells_each_rebuild_in_one_line(tmp_path: Path) -> None:
    """MkDocs warns of --dirty at start, and each save after an error used to say «A reference
    to 'index.md' … excluded from the built site» (the home page stayed stale)."""
    root = copy_fixture("calendar", tmp_path / "project")
    config = site_config()
    config["nav"] = [{"Главная": "index.md"}]
    write_project(root, {}, config)
    post = root / "content/posts/morning.md"
    good = post.read_text(encoding="utf-8")
    log = tmp_path / "serve.log"

    def said() -> str:
        return log.read_text(encoding="utf-8")

    def summaries() -> list[str]:
        return SUMMARY.findall(said())

    def saved(text: str, summaries_then: int) -> None:
        post.write_text(text, encoding="utf-8")
        until(lambda: said() if len(summaries()) >= summaries_then else "", "собрано")

    with serving(root, "--dirty", log=log) as base:
        first = summaries()
        assert len(first) == 1 and "letopis: собрано: " in first[0], said()
        saved(good.replace("title: Утро седьмого мая", "title: Раннее утро"), 2)
        post.write_text(good.replace("date: 2014-05-07 10:00", "date: 2014-02-30"),
                        encoding="utf-8")
        until(said, "по-прежнему показывает последнюю удачную сборку")
        saved(good.replace("title: Утро седьмого мая", "title: Позднее утро"), 3)
        saved(good.replace("title: Утро седьмого мая", "title: Доброе утро"), 4)
        home = page_when(base, lambda p: "Доброе утро" in text_of(p))
        assert "Доброе утро" in [text_of(a) for a in home.select(".letopis-entry__title a")]
    text = said()
    lines = summaries()
    # One line per rebuild that was accepted (a save may, rarely, start two rebuilds).
    rejected = text.count("по-прежнему показывает последнюю удачную сборку")
    assert len(lines) == text.count("Building documentation") - rejected >= 4, text
    assert all("letopis: пересобрано: " in line for line in lines[1:]), lines
    assert "WARNING" not in text, text
    assert "excluded from the built site" not in text, text
