"""The publishing workflow: valid for GitHub Actions (checked offline against the official
schema), tests before publishing, least-privilege permissions, the official Pages actions."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

from tests.conftest import REPO

WORKFLOW = REPO / ".github" / "workflows" / "publish.yml"


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def test_workflow_validates_against_the_github_schema() -> None:
    checker = Path(sys.executable).parent / "check-jsonschema"
    done = subprocess.run([str(checker), "--builtin-schema", "vendor.github-workflows",
                           str(WORKFLOW)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_it_runs_on_pushes_to_main() -> None:
    # PyYAML reads the key `on` as True.
    triggers = workflow()[True]
    assert triggers["push"]["branches"] == ["main"]


def test_it_runs_every_night_to_publish_posts_whose_day_has_come() -> None:
    (nightly,) = workflow()[True]["schedule"]
    minute, hour, *every_day = nightly["cron"].split()
    assert every_day == ["*", "*", "*"]
    assert (int(hour) + 3) % 24 == 0  # just after midnight in Moscow (UTC+3)


def steps(job: dict) -> list[str]:
    return [step.get("run") or step.get("uses") for step in job["steps"]]


def test_tests_then_strict_build_then_deployment() -> None:
    jobs = workflow()["jobs"]
    assert "make test" in steps(jobs["test"])
    assert jobs["build"]["needs"] == "test"
    assert "make build" in steps(jobs["build"])
    makefile = (REPO / "Makefile").read_text(encoding="utf-8")
    # letopis build: --strict, and site/ replaced only on success (test_atomic_build.py).
    assert "letopis build" in makefile.split("\nbuild:", 1)[1].split("\n\n")[0]
    assert any(s.startswith("actions/upload-pages-artifact@") for s in steps(jobs["build"]))
    assert jobs["deploy"]["needs"] == "build"
    assert any(s.startswith("actions/deploy-pages@") for s in steps(jobs["deploy"]))


def test_permissions_are_least_privilege() -> None:
    data = workflow()
    assert data["permissions"] == {"contents": "read"}
    jobs = data["jobs"]
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert "permissions" not in jobs["test"] and "permissions" not in jobs["build"]


def test_the_published_site_knows_its_address() -> None:
    build = next(step for step in workflow()["jobs"]["build"]["steps"]
                 if step.get("run") == "make build")
    assert build["env"]["SITE_URL"].startswith("${{ steps.pages.outputs.base_url }}")
    assert "!ENV [SITE_URL" in (REPO / "mkdocs.yml").read_text(encoding="utf-8")
