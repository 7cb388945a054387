"""Memory that scales (issue 15): what a build still holds once every page is written.

A site of 150 posts, each on a day of its own and with a sentence found nowhere else after its
`<!-- more -->`, is built in a subprocess by the engine's own command line; just before the
plugins' `on_post_build` (every page written, everything of the build still alive) the build
looks through every object the garbage collector knows for the text it still references.

What may stay: the posts' summaries and titles (listings and calendars show them), and the full
text of the few posts the feeds carry (written at on_post_build). What must not: the source or
the rendered HTML of every post, a rendered calendar for every day with posts, a rendered
listing entry for every post. Before the fix all three grew with the site (benchmarks/README.md,
"Memory").
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta

import pytest

from tests.conftest import engine, full_site_config, write_project

POSTS = 150
FEED_LENGTH = 3
CATEGORIES = ["Продажи", "Клиенты", "Переговоры"]

# Runs in the build's own process: the engine's command line, with a look at memory first
# thing in on_post_build. Prints what it found as JSON on the last line of stderr.
INSPECT = """
import gc, json, re, sys
from {engine}.__main__ import cli
from {engine}.plugins import PluginCollection

found = {{}}
original = PluginCollection.on_post_build

def inspect(self, **kwargs):
    gc.collect()
    texts = {{}}

    def look(value):
        if isinstance(value, str):
            if len(value) > 40:
                texts[id(value)] = value
        elif isinstance(value, (dict, list, tuple)) and not gc.is_tracked(value):
            # CPython leaves containers of strings and numbers only out of the collector's
            # list: they are reached through their holders.
            for inner in gc.get_referents(value):
                look(inner)

    for holder in gc.get_objects():
        for value in gc.get_referents(holder):
            look(value)
    bodies = set()
    calendars = entries = 0
    for text in texts.values():
        bodies.update(re.findall(r"Полный текст записи номер (\\d+)\\.", text))
        calendars += text.count('<nav class="calendar"')
        entries += text.count('<article class="letopis-entry"')
    found.update(bodies=len(bodies), calendars=calendars, entries=entries)
    return original(self, **kwargs)

PluginCollection.on_post_build = inspect
try:
    cli(sys.argv[1:], standalone_mode=False)
finally:
    print(json.dumps(found), file=sys.stderr)
"""


def _post(number: int, day: date) -> str:
    return (f"---\ntitle: Запись номер {number}\ndate: {day.isoformat()}\n"
            f"categories: [{CATEGORIES[number % len(CATEGORIES)]}]\n---\n\n"
            f"Краткое начало записи {number}.\n\n<!-- more -->\n\n"
            f"## Подробности\n\nПолный текст записи номер {number}. "
            + "Клиент, сделка и портфель. " * 30 + "\n")


@pytest.fixture(scope="module")
def retained(tmp_path_factory: pytest.TempPathFactory) -> dict[str, int]:
    root = tmp_path_factory.mktemp("memory")
    first = date(2014, 1, 6)
    # A post every fifth day: 150 days with posts over two years, so 150 day archives.
    posts = {f"posts/zapis-{n}.md": _post(n, first + timedelta(days=5 * n))
             for n in range(1, POSTS + 1)}
    config = full_site_config()
    config["plugins"] = [{"letopis/feeds": {"length": FEED_LENGTH}} if p == "letopis/feeds"
                         else p for p in config["plugins"]]
    project = write_project(root, posts, config)
    done = subprocess.run(
        [sys.executable, "-c", INSPECT.format(engine=engine()), "build", "-q", "-f",
         str(project / "mkdocs.yml"), "-d", str(root / "site")],
        capture_output=True, text=True, cwd=project, timeout=600,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert done.returncode == 0, done.stdout + done.stderr
    assert (root / "site" / "2014" / "01" / "11" / "index.html").is_file()  # a day archive
    return json.loads(done.stderr.strip().splitlines()[-1])


def test_the_full_text_of_every_post_is_not_kept(retained: dict[str, int]) -> None:
    # The site's feed and one per category carry the newest posts in full.
    carried = FEED_LENGTH * (1 + len(CATEGORIES))
    assert 0 < retained["bodies"] <= carried, retained


def test_rendered_calendars_do_not_grow_with_the_days(retained: dict[str, int]) -> None:
    # Each day with posts has its own calendar twice (its posts, its day archive).
    assert 0 < retained["calendars"] < POSTS // 2, retained


def test_rendered_listing_entries_are_not_kept_as_text_for_every_post(
        retained: dict[str, int]) -> None:
    assert retained["entries"] < POSTS // 2, retained
