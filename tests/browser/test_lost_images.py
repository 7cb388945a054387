"""A lost picture of the seed shows in Chromium as a marked box saying that the picture was lost
(the placeholder's title), its old file name as a small caption under it."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

pytestmark = pytest.mark.browser

POSTS = ["2014/05/segmentatsiia-klientskogo-potoka/",
         "2014/05/zhurnal-klienting-i-upravlenie-klientskim-portfelem-tretii-vtoroi/"]


@pytest.mark.parametrize("url", POSTS)
def test_the_placeholder_says_the_picture_was_lost(page: Page, served_site: str,
                                                   url: str) -> None:
    page.goto(served_site + url)
    placeholder = page.locator(".letopis-post .letopis-missing-image")
    assert placeholder.count() == 1 and placeholder.is_visible()
    look = placeholder.evaluate("""e => {
        const own = getComputedStyle(e), before = getComputedStyle(e, '::before');
        return {display: own.display, border: own.borderTopStyle, said: before.content,
                saidDisplay: before.display, title: e.title};
    }""")
    assert "не сохранил" in look["title"]
    assert look["said"] == f'"{look["title"]}"'  # the reader sees the statement itself
    assert look["display"] == "block" and look["saidDisplay"] == "block"
    assert look["border"] == "dashed"  # a frame where the picture stood
