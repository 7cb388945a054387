"""Comments under a post in Chromium: a deep thread with long words stays readable on a 375 px
phone (no horizontal scrolling), replies are indented under their parents, nothing runs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Page

from tests.browser.conftest import serving
from tests.conftest import Build, full_site_config, run_mkdocs, write_project
from tests.site.test_comments_site import HOSTILE, POSTS

pytestmark = pytest.mark.browser

DEEP = "2014/05/dlinnyi-spor/"
LONG_WORD = "Сверхдлинноеслово" * 8
LONG_URL = "https://example.org/" + "очень-длинный-адрес/" * 10


def deep_thread(replies: int = 12) -> str:
    """A post whose comments answer each other `replies` times: deeper than shown nested."""
    entries = "".join(
        f"  - id: {n}\n    author: Спорщик {n} {LONG_WORD}\n    date: 2014-05-16 {n:02}:00\n"
        + (f"    parent: {n - 1}\n" if n > 1 else "")
        + f"    text: Нет, {LONG_WORD}, см. <{LONG_URL}>\n"
        for n in range(1, replies + 1))
    return (f"---\ntitle: Длинный спор\ndate: 2014-05-16\nslug: dlinnyi-spor\ncomments:\n"
            f"{entries}---\n\nТекст.\n")


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    posts = {**POSTS, "posts/deep.md": deep_thread()}
    build: Build = run_mkdocs(write_project(tmp_path_factory.mktemp("comments-browser"), posts,
                                            full_site_config()))
    with serving(build) as url:
        yield url


@pytest.mark.parametrize("url", [DEEP, HOSTILE])
def test_phone_width_needs_no_horizontal_scrolling(page: Page, served: str, url: str) -> None:
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(served + url)
    assert page.locator(".letopis-comments").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


@pytest.mark.parametrize("width", [375, 1400])
def test_replies_are_indented_and_the_deepest_keeps_most_of_the_width(
    page: Page, served: str, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(served + DEEP)
    boxes = [page.locator(f"#comment-{n}").bounding_box() for n in range(1, 13)]
    lefts = [box["x"] for box in boxes]
    assert lefts[:6] == sorted(set(lefts[:6]))  # each level further right
    assert set(lefts[5:]) == {lefts[5]}  # past the deepest level, in line with it
    assert boxes[-1]["width"] > 0.6 * boxes[0]["width"]


def test_hostile_comments_run_nothing(page: Page, served: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(served + HOSTILE)
    page.wait_for_load_state("load")
    assert page.evaluate("typeof window.alert") == "function"  # the page ran its own scripts
    assert dialogs == []
    assert page.locator(".letopis-comment__author").inner_text().startswith("<script>")
