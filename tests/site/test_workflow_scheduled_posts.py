"""Posts waiting for their date are visible to editors before the nightly run publishes them:
`letopis check` lists them soonest first with the next due moment, and so does the build log.
Drafts dated in the future are not listed: they wait for an editor, not for a date."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import Build, run_mkdocs, site_config, write_project

LETOPIS = Path(sys.executable).parent / "letopis"
MOSCOW = ZoneInfo("Europe/Moscow")
# Days ahead, not minutes: the module is collected long before a busy machine reaches it.
NOW = datetime.now(MOSCOW).replace(second=0, microsecond=0)
SOON = NOW + timedelta(days=3, hours=2)
LATER = NOW + timedelta(days=40)


def post(title: str, when: datetime, extra: str = "") -> str:
    return f"---\ntitle: {title}\ndate: {when:%Y-%m-%d %H:%M}\n{extra}---\n\nТекст.\n"


POSTS = {
    "posts/past.md": "---\ntitle: Вышла\ndate: 2014-05-20\n---\n\nТекст.\n",
    # Written in the opposite order of their dates: the listing sorts them.
    "posts/later.md": post("Позже", LATER),
    "posts/soon.md": post("Скоро", SOON),
    "posts/draft.md": post("Черновик", NOW + timedelta(days=1), "draft: true\n"),
}
WHEN = "%Y-%m-%d %H:%M"


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_project(tmp_path_factory.mktemp("scheduled"), POSTS, site_config())


def lines_naming(text: str, *paths: str) -> list[str]:
    return [line for line in text.splitlines() if any(p in line for p in paths)]


def test_check_lists_the_waiting_posts_soonest_first(project: Path) -> None:
    done = subprocess.run([str(LETOPIS), "check"], capture_output=True, text=True, cwd=project,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    listed = lines_naming(done.stdout, "content/posts/soon.md", "content/posts/later.md",
                          "content/posts/draft.md")
    assert len(listed) == 2, done.stdout
    soon, later = listed
    assert "content/posts/soon.md" in soon and f"{SOON:{WHEN}}" in soon and "«Скоро»" in soon
    assert "content/posts/later.md" in later and f"{LATER:{WHEN}}" in later
    assert "Ждут своей даты: 2 записи" in done.stdout
    (due,) = [line for line in done.stdout.splitlines() if line.startswith("Ближайшая")]
    assert f"{SOON:{WHEN}}" in due and "Europe/Moscow" in due


def test_check_says_nothing_of_a_schedule_when_none_waits(tmp_path: Path) -> None:
    root = write_project(tmp_path, {"posts/past.md": POSTS["posts/past.md"]}, site_config())
    done = subprocess.run([str(LETOPIS), "check"], capture_output=True, text=True, cwd=root,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Ждут" not in done.stdout and "Ближайшая" not in done.stdout


@pytest.fixture(scope="module")
def built(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Build:
    return run_mkdocs(project, site=tmp_path_factory.mktemp("scheduled-site") / "site")


def test_the_build_log_names_them_soonest_first_and_the_next_due(built: Build) -> None:
    assert built.returncode == 0, built.log
    (line,) = [line for line in built.log.splitlines() if "с датой в будущем" in line]
    assert re.search(r"с датой в будущем: 2;", line), line
    assert "content/posts/draft.md" not in line
    assert line.index("content/posts/soon.md") < line.index("content/posts/later.md")
    assert line.rstrip().endswith(f"ближайшая — {SOON:{WHEN}} (Europe/Moscow)"), line
