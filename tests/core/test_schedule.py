"""Posts waiting for their date: soonest first, drafts left out, the next due moment."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from letopis.core.schedule import schedule
from tests.core.test_archive import make_posts

MOSCOW = ZoneInfo("Europe/Moscow")
NOW = datetime(2014, 5, 20, 12, 0, tzinfo=MOSCOW)


@pytest.mark.parametrize(
    ("specs", "waiting"),
    [
        ([], []),
        (["Вышла | 2014-05-01", "Вчера | 2014-05-19 23:59"], []),
        # Same minute as the build: published (a post is due at its date, not after it).
        (["Ровно сейчас | 2014-05-20 12:00"], []),
        (["Через минуту | 2014-05-20 12:01"], ["Через минуту"]),
        # Soonest first, whatever order the files come in.
        (["Через год | 2015-05-20", "Завтра | 2014-05-21", "Вышла | 2014-01-01",
          "Послезавтра | 2014-05-22 08:00"], ["Завтра", "Послезавтра", "Через год"]),
        # A draft waits for an editor, not for its date.
        (["Черновик | 2014-06-01 | draft: true", "Июнь | 2014-06-02"], ["Июнь"]),
    ],
)
def test_waiting_posts_soonest_first(specs: list[str], waiting: list[str]) -> None:
    found = schedule(make_posts(*specs), NOW)
    assert [post.title for post in found.waiting] == waiting
    assert len(found) == len(waiting) and bool(found) == bool(waiting)


def test_next_due_is_the_soonest_date_in_the_site_time_zone() -> None:
    found = schedule(make_posts("Через год | 2015-05-20", "Завтра | 2014-05-21 09:30"), NOW)
    assert found.next_due == datetime(2014, 5, 21, 9, 30, tzinfo=MOSCOW)
    assert schedule(make_posts("Вышла | 2014-05-01"), NOW).next_due is None


def test_now_in_another_time_zone_compares_as_the_same_moment() -> None:
    posts = make_posts("Полдень | 2014-05-20 12:30")
    utc_now = NOW.astimezone(ZoneInfo("UTC"))
    assert [p.title for p in schedule(posts, utc_now).waiting] == ["Полдень"]
    assert not schedule(posts, utc_now + timedelta(minutes=31))
