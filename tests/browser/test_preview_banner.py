"""In `make serve`, a rejected save shows in the browser: a banner on the page names each
problem as file:line: message (as text: a `<script>` in it never runs), and the live reload
after the fix takes it away."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import copy_fixture, site_config, write_project
from tests.site.test_serve_preview import serving

pytestmark = [pytest.mark.browser, pytest.mark.serve]

BANNER = ".letopis-problems"
HOSTILE_DATE = "<script>window.__xss = 1</script>"


def test_the_banner_shows_a_rejected_save_until_it_is_fixed(page: Page, tmp_path: Path) -> None:
    root = copy_fixture("calendar", tmp_path / "project")
    write_project(root, {}, site_config())
    post = root / "content/posts/morning.md"
    good = post.read_text(encoding="utf-8")
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with serving(root, "--dirty") as base:
        page.goto(base + "2014/05/07/")
        page.wait_for_load_state("load")
        expect(page.locator(BANNER)).to_have_count(0)

        post.write_text(good.replace("date: 2014-05-07 10:00", f'date: "{HOSTILE_DATE}"'),
                        encoding="utf-8")
        banner = page.locator(BANNER)  # the live reload brings it
        expect(banner).to_be_visible(timeout=60_000)
        expect(banner).to_contain_text("Сохранённые файлы не приняты: 1 ошибка")
        item = banner.locator("li").first
        expect(item).to_contain_text(f'content/posts/morning.md:3: дата "{HOSTILE_DATE}"')
        assert page.evaluate("window.__xss") is None
        assert page.locator(f"{BANNER} script").count() == 0
        # Every page previewed says so, not only the one open at the save.
        page.goto(base + "2014/05/vecher-sedmogo-maia/")
        expect(page.locator(BANNER)).to_be_visible()

        post.write_text(good.replace("title: Утро седьмого мая", "title: Исправленное утро"),
                        encoding="utf-8")
        expect(page.locator(BANNER)).to_have_count(0, timeout=60_000)
        assert page.evaluate("window.__xss") is None
    assert dialogs == []


def test_the_full_list_is_one_click_away(page: Page, tmp_path: Path) -> None:
    """Only the first problems are shown at once; all of them under «Все ошибки (N)»."""
    root = copy_fixture("calendar", tmp_path / "project")
    write_project(root, {}, site_config())
    posts = sorted((root / "content/posts").glob("*.md"))[:5]
    with serving(root, "--dirty") as base:
        page.goto(base + "2014/05/07/")
        page.wait_for_load_state("load")
        for post in posts:
            text = post.read_text(encoding="utf-8")
            post.write_text(text.replace("title:", "title: [", 1), encoding="utf-8")
        banner = page.locator(BANNER)
        expect(banner).to_contain_text("Сохранённые файлы не приняты: 5 ошибок",
                                       timeout=60_000)
        expect(banner.locator("> ul > li")).to_have_count(3)
        banner.get_by_text("Все ошибки (5)").click()
        expect(banner.locator("details li")).to_have_count(5)
        expect(banner.locator("details li").last).to_be_visible()
