"""Sites in time zones other than Moscow's, with posts on the days clocks change: a post lands
on the day its readers saw, a moment given in UTC is converted, a wall time the spring change
skips still builds, and in the autumn's repeated hour the later post is the newer one."""

from __future__ import annotations

from datetime import datetime

import pytest

from tests.conftest import Build, resolve, run_mkdocs, site_config, text_of, write_project


def post(title: str, date: str) -> str:
    return f"---\ntitle: {title}\ndate: {date}\n---\n\nТекст.\n"


# Each: the site's zone, its posts (file → (title, date)), and what readers must see.
ZONES = {
    "America/New_York": {
        # 2014-11-02: 01:00–02:00 happens twice (EDT, then EST). File names sort the other way
        # round from the moments, so that a tie on the wall clock would show.
        "posts/a-later.md": ("Вторая половина часа", "2014-11-02T06:30:00Z"),  # 01:30 EST
        "posts/b-earlier.md": ("Первая половина часа", "2014-11-02T05:30:00Z"),  # 01:30 EDT
        # 2014-03-09: 02:00–03:00 does not exist.
        "posts/spring.md": ("Пропущенный час", "2014-03-09 02:30"),
        # 03:30 UTC on the 10th is 23:30 on the 9th in New York.
        "posts/evening.md": ("Вечер по Нью-Йорку", "2014-03-10T03:30:00Z"),
    },
    "Europe/Berlin": {
        # 2014-10-26: 02:00–03:00 happens twice (CEST, then CET).
        "posts/osen-0.md": ("Позже в повторённый час", "2014-10-26T01:30:00Z"),  # 02:30 CET
        "posts/osen-1.md": ("Раньше в повторённый час", "2014-10-26T00:30:00Z"),  # 02:30 CEST
        # 2014-03-30: 02:00–03:00 does not exist; 23:30 UTC on the 29th is 00:30 on the 30th.
        "posts/vesna.md": ("Весенняя ночь", "2014-03-30 02:30"),
        "posts/polnoch.md": ("После полуночи", "2014-03-29T23:30:00Z"),
    },
}


@pytest.fixture(scope="module", params=list(ZONES))
def zone_site(request: pytest.FixtureRequest,
              tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Build]:
    zone = request.param
    posts = {name: post(*fields) for name, fields in ZONES[zone].items()}
    root = write_project(tmp_path_factory.mktemp(zone.replace("/", "-")), posts,
                         site_config(timezone=zone))
    build = run_mkdocs(root)
    assert build.returncode == 0, build.log
    assert "WARNING" not in build.log, build.log
    return zone, build


def titles(build: Build, url: str) -> list[str]:
    return [text_of(a) for a in build.html(url).select(".letopis-entry__title a")]


def published(build: Build, url: str) -> datetime:
    """The moment a post's page states (its <time datetime>)."""
    time = build.html(url).select_one(".letopis-post__header time[datetime]")
    return datetime.fromisoformat(time["datetime"])


def url_of(build: Build, day_url: str, title: str) -> str:
    links = {text_of(a): resolve(day_url, a["href"])
             for a in build.html(day_url).select(".letopis-entry__title a")}
    return links[title]


def test_the_repeated_autumn_hour_keeps_posts_in_their_order(zone_site) -> None:
    zone, build = zone_site
    day = {"America/New_York": "2014/11/02/", "Europe/Berlin": "2014/10/26/"}[zone]
    later, earlier = {"America/New_York": ("Вторая половина часа", "Первая половина часа"),
                      "Europe/Berlin": ("Позже в повторённый час",
                                        "Раньше в повторённый час")}[zone]
    assert titles(build, day) == [later, earlier]  # newest first
    first, second = (published(build, url_of(build, day, t)) for t in (earlier, later))
    assert (second - first).total_seconds() == 3600  # an hour apart, though the clock agrees
    assert first.replace(tzinfo=None) == second.replace(tzinfo=None)
    # The older post's «next» link leads to the later one.
    page = build.html(url_of(build, day, earlier))
    newer = page.select_one("a[rel=next]")
    assert newer is not None and text_of(newer).find(later) >= 0


def test_a_moment_in_utc_lands_on_the_local_day(zone_site) -> None:
    zone, build = zone_site
    day, title = {"America/New_York": ("2014/03/09/", "Вечер по Нью-Йорку"),
                  "Europe/Berlin": ("2014/03/30/", "После полуночи")}[zone]
    assert title in titles(build, day)
    calendar = build.html(day).select_one("nav.calendar")
    assert calendar.select_one("[aria-current=page]") is not None


def test_a_wall_time_the_spring_change_skips_still_builds_on_its_day(zone_site) -> None:
    zone, build = zone_site
    day, title = {"America/New_York": ("2014/03/09/", "Пропущенный час"),
                  "Europe/Berlin": ("2014/03/30/", "Весенняя ночь")}[zone]
    assert title in titles(build, day)
    moment = published(build, url_of(build, day, title))
    assert moment.date().isoformat() == day.strip("/").replace("/", "-")
