"""A post dated in the future is published by the first build after its date: until then no
page, listing, calendar day, feed entry, sitemap line or search entry shows it. `mkdocs serve`
shows it only with `future: true`."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup

from tests.conftest import Build, full_site_config, run_mkdocs, text_of, write_project
from tests.site.test_serve_preview import fetch, serving

PAST = "---\ntitle: Уже вышла\ndate: 2014-05-20\n---\n\nТекст.\n"
# Three days ahead in the site's time zone, as an editor scheduling a post writes it. Days,
# not minutes: it is computed when the module is collected, and a slow run (2 cores busy with
# two test suites) once took more than five minutes to reach the build.
SOON = datetime.now(ZoneInfo("Europe/Moscow")) + timedelta(days=3)
FUTURE = (f"---\ntitle: Запланированная\ndate: {SOON:%Y-%m-%d %H:%M}\ntags: [План]\n---\n\n"
          "Текст запланированной записи.\n")
FUTURE_URL = f"{SOON:%Y/%m}/zaplanirovannaia/"


def project(root: Path, **archive: object) -> Path:
    posts = {"posts/past.md": PAST, "posts/future.md": FUTURE}
    return write_project(root, posts, full_site_config(**archive))


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Build:
    return run_mkdocs(project(tmp_path_factory.mktemp("future")))


def test_the_build_succeeds_and_says_what_waits(built: Build) -> None:
    assert built.returncode == 0, built.log
    assert "WARNING" not in built.log
    assert "записей с датой в будущем: 1; каждая появится при первой сборке после своей " \
           "даты: content/posts/future.md" in built.log


def test_a_future_post_is_nowhere_in_the_site(built: Build) -> None:
    assert not built.exists(FUTURE_URL)
    assert not built.exists(f"{SOON:%Y/%m}/")
    assert not built.exists("tag/plan/")
    home = built.html("")
    assert [text_of(a) for a in home.select(".letopis-entry__title a")] == ["Уже вышла"]
    assert home.select_one("nav.calendar caption").get_text(strip=True) == "Май 2014"
    for name in ("rss.xml", "atom.xml", "sitemap.xml"):
        text = (built.site / name).read_text(encoding="utf-8")
        assert "zaplanirovannaia" not in text and "Запланированная" not in text
    fragments = list((built.site / "pagefind" / "fragment").iterdir())
    assert len(fragments) == 1  # the published post alone


def test_the_same_content_publishes_it_once_its_date_has_come(tmp_path: Path) -> None:
    """The clock is not ours to move: a post dated a minute ago stands for one whose date
    came since the last build."""
    ago = datetime.now(ZoneInfo("Europe/Moscow")) - timedelta(minutes=1)
    root = project(tmp_path)
    (root / "content/posts/future.md").write_text(
        FUTURE.replace(f"{SOON:%Y-%m-%d %H:%M}", f"{ago:%Y-%m-%d %H:%M}"), encoding="utf-8")
    build = run_mkdocs(root)
    assert build.returncode == 0, build.log
    assert build.exists(f"{ago:%Y/%m}/zaplanirovannaia/")
    assert "с датой в будущем" not in build.log


@pytest.mark.serve
@pytest.mark.parametrize("future", [False, True])
def test_the_preview_shows_future_posts_only_when_asked(tmp_path: Path, future: bool) -> None:
    root = project(tmp_path, future=future)
    with serving(root, "--no-livereload") as base:
        home = BeautifulSoup(fetch(base), "lxml")
        titles = [text_of(a) for a in home.select(".letopis-entry__title a")]
        assert titles == (["Запланированная", "Уже вышла"] if future else ["Уже вышла"])
