"""Without Chromium, browser tests skip on a developer's machine and fail in CI (CI=true)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ONE_BROWSER_TEST = str(Path(__file__).parent / "test_layout.py") + \
    "::test_previous_post_link_leads_to_the_older_post"


def run_without_browser(ci: str | None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["LETOPIS_CHROMIUM"] = "/nonexistent/chromium"
    if ci is not None:
        env["CI"] = ci
    return subprocess.run(
        [sys.executable, "-m", "pytest", ONE_BROWSER_TEST, "-q", "-p", "no:cacheprovider",
         "-rs"],
        capture_output=True, text=True, env=env, cwd=Path(__file__).parents[2], timeout=300,
    )


@pytest.mark.parametrize(("ci", "fails"), [("true", True), (None, False)])
def test_missing_browser_fails_only_in_ci(ci: str | None, fails: bool) -> None:
    done = run_without_browser(ci)
    assert "/nonexistent/chromium is missing" in done.stdout
    if fails:
        assert done.returncode != 0
        assert "1 error" in done.stdout or "1 failed" in done.stdout
    else:
        assert done.returncode == 0
        assert "1 skipped" in done.stdout
