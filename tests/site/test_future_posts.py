"""A post dated in the future is published by the first build after its date: until then no
page, listing, calendar day, feed entry, sitemap line or search entry shows it. `mkdocs serve`
shows it only with `future: true`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from bs4 import BeautifulSoup

from tests.conftest import Build, full_site_config, run_mkdocs, text_of, write_project
from tests.site.test_serve_preview import fetch, serving

PAST = "---\ntitle: Уже вышла\ndate: 2014-05-20\n---\n\nТекст.\n"
MOSCOW = ZoneInfo("Europe/Moscow")


def scheduled(when: datetime) -> str:
    """A post dated `when`, as an editor scheduling it writes the date (to the minute)."""
    return (f"---\ntitle: Запланированная\ndate: {when:%Y-%m-%d %H:%M}\ntags: [План]\n---\n\n"
            "Текст запланированной записи.\n")


def soon() -> datetime:
    """Three days after this moment: taken right before the build that must not publish the
    post, never when the module is collected, so no slow run can bring the date past."""
    return datetime.now(MOSCOW) + timedelta(days=3)


def project(root: Path, when: datetime, **archive: object) -> Path:
    posts = {"posts/past.md": PAST, "posts/future.md": scheduled(when)}
    return write_project(root, posts, full_site_config(**archive))


@dataclass
class Built:
    build: Build
    date: datetime  # of the scheduled post

    @property
    def url(self) -> str:
        return f"{self.date:%Y/%m}/zaplanirovannaia/"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    when = soon()
    return Built(run_mkdocs(project(tmp_path_factory.mktemp("future"), when)), when)


def test_the_build_succeeds_and_says_what_waits(built: Built) -> None:
    log = built.build.log
    assert built.build.returncode == 0, log
    assert "WARNING" not in log
    assert "записей с датой в будущем: 1; каждая появится при первой сборке после своей " \
           "даты: content/posts/future.md" in log


def test_a_future_post_is_nowhere_in_the_site(built: Built) -> None:
    site = built.build
    assert not site.exists(built.url)
    assert not site.exists(f"{built.date:%Y/%m}/")
    assert not site.exists("tag/plan/")
    home = site.html("")
    assert [text_of(a) for a in home.select(".letopis-entry__title a")] == ["Уже вышла"]
    assert home.select_one("nav.calendar caption").get_text(strip=True) == "Май 2014"
    for name in ("rss.xml", "atom.xml", "sitemap.xml"):
        text = (site.site / name).read_text(encoding="utf-8")
        assert "zaplanirovannaia" not in text and "Запланированная" not in text
    fragments = list((site.site / "pagefind" / "fragment").iterdir())
    assert len(fragments) == 1  # the published post alone


def test_the_same_content_publishes_it_once_its_date_has_come(tmp_path: Path) -> None:
    """The clock is not ours to move: a post dated a minute before the build stands for one
    whose date came since the last build."""
    ago = datetime.now(MOSCOW) - timedelta(minutes=1)
    build = run_mkdocs(project(tmp_path, ago))
    assert build.returncode == 0, build.log
    assert build.exists(f"{ago:%Y/%m}/zaplanirovannaia/")
    assert "с датой в будущем" not in build.log


@pytest.mark.serve
@pytest.mark.parametrize("future", [False, True])
def test_the_preview_shows_future_posts_only_when_asked(tmp_path: Path, future: bool) -> None:
    root = project(tmp_path, soon(), future=future)
    with serving(root, "--no-livereload") as base:
        home = BeautifulSoup(fetch(base), "lxml")
        titles = [text_of(a) for a in home.select(".letopis-entry__title a")]
        assert titles == (["Запланированная", "Уже вышла"] if future else ["Уже вышла"])
