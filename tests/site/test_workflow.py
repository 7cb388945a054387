"""The publishing workflow: valid for GitHub Actions (checked offline against the official
schema), the two publishing paths and the nightly run, pull requests that never deploy,
least-privilege permissions per job from a table of what each action needs, actions pinned by
commit, and docs/publishing.md in step with it. Its commands are run by test_workflow_steps.py.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO

WORKFLOW = REPO / ".github" / "workflows" / "publish.yml"
DOCS = REPO / "docs" / "publishing.md"


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def jobs() -> dict[str, dict]:
    return workflow()["jobs"]


def triggers() -> dict:
    return workflow()[True]  # PyYAML reads the key `on` as True


def actions(job: dict) -> list[str]:
    """The actions a job uses, without their version: "actions/checkout"."""
    return [step["uses"].split("@")[0] for step in job.get("steps", []) if "uses" in step]


def test_workflow_validates_against_the_github_schema() -> None:
    checker = Path(sys.executable).parent / "check-jsonschema"
    done = subprocess.run([str(checker), "--builtin-schema", "vendor.github-workflows",
                           str(WORKFLOW)], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_it_runs_on_pushes_pull_requests_nightly_and_by_hand() -> None:
    on = triggers()
    assert on["push"]["branches"] == ["main"]
    assert "pull_request" in on
    assert "workflow_dispatch" in on  # keeps the nightly run revivable by hand (60-day rule)
    (nightly,) = on["schedule"]
    _minute, hour, *every_day = nightly["cron"].split()
    assert every_day == ["*", "*", "*"]
    assert (int(hour) + 3) % 24 == 0  # just after midnight in Moscow (UTC+3)


# What each action needs of the job's token, from the actions' own documentation:
# configure-pages reads the Pages site (GET /repos/{owner}/{repo}/pages: `pages: read`);
# deploy-pages writes the deployment and asks for an OIDC token; checkout of this repository
# reads its contents; the others use no token scope (the cache and artifact services use the
# runtime token, not GITHUB_TOKEN). `gh api …/enable` (keepalive) needs `actions: write`.
NEEDS = {
    "actions/checkout": {"contents": "read"},
    "actions/setup-python": {},
    "actions/cache": {},
    "actions/configure-pages": {"pages": "read"},
    "actions/upload-artifact": {},
    "actions/upload-pages-artifact": {},
    "actions/deploy-pages": {"pages": "write", "id-token": "write"},
}
# Scopes a job's run steps need beyond its actions.
RUN_NEEDS = {"keepalive": {"actions": "write"}}
LEVEL = {"none": 0, "read": 1, "write": 2}


@pytest.mark.parametrize(
    ("job", "expected"),
    [
        ("changes", {"contents": "read"}),
        ("test", {"contents": "read"}),
        ("build", {"contents": "read", "pages": "read"}),
        ("deploy", {"pages": "write", "id-token": "write"}),
        ("keepalive", {"actions": "write"}),
    ],
)
def test_each_job_has_exactly_the_permissions_its_actions_need(job: str,
                                                                expected: dict[str, str]) -> None:
    needed: dict[str, str] = dict(RUN_NEEDS.get(job, {}))
    for action in actions(jobs()[job]):
        assert action in NEEDS, f"{action}: add it to the table of scopes"
        for scope, level in NEEDS[action].items():
            if LEVEL[level] > LEVEL[needed.get(scope, "none")]:
                needed[scope] = level
    assert needed == expected
    assert jobs()[job]["permissions"] == expected


def test_every_job_is_in_the_permissions_table_and_the_default_is_nothing() -> None:
    assert workflow()["permissions"] == {}
    assert set(jobs()) == {"changes", "test", "build", "deploy", "keepalive"}
    writers = {name for name, job in jobs().items()
               if "write" in job.get("permissions", {}).values()}
    assert writers == {"deploy", "keepalive"}


def test_third_party_actions_are_pinned_by_commit() -> None:
    for name, job in jobs().items():
        for step in job.get("steps", []):
            if "uses" in step:
                _, _, ref = step["uses"].partition("@")
                assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{name}: {step['uses']}"
    text = WORKFLOW.read_text(encoding="utf-8")
    # The version a commit stands for is said beside it, for the reader and for updates.
    assert all(re.search(r"  # v\d+\.\d+\.\d+$", line)
               for line in text.splitlines() if "uses: " in line)


def runs(job: dict) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def test_code_changes_run_make_test_before_the_build() -> None:
    test, build = jobs()["test"], jobs()["build"]
    assert test["if"] == "needs.changes.outputs.mode == 'code'"
    assert "make test" in runs(test)
    assert build["needs"] == ["changes", "test"]
    # A skipped test job (content only, nightly) does not hold the build back.
    assert "needs.test.result == 'skipped'" in build["if"]
    assert "needs.test.result == 'success'" in build["if"]


def test_content_checks_run_unless_nightly() -> None:
    build = jobs()["build"]
    assert build["env"]["CHECKS"] == "${{ needs.changes.outputs.mode != 'nightly' }}"
    checked = [step for step in build["steps"] if step.get("if") == "env.CHECKS == 'true'"]
    assert [step["run"].split()[0:2] for step in checked] == [
        [".venv/bin/letopis", "check"], [".venv/bin/python", "-m"]]
    assert "tests/site/test_workflow_site_checks.py" in checked[1]["run"]
    build_step = next(s for s in build["steps"] if s.get("name", "").startswith("Strict build"))
    assert build_step["run"].startswith("make build")
    assert "if" not in build_step  # every path builds


def test_the_published_site_knows_its_address() -> None:
    for step in jobs()["build"]["steps"]:
        if "run" in step and ("make build" in step["run"] or "letopis -f" in step["run"]):
            assert step["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/", step
    assert "!ENV [SITE_URL" in (REPO / "mkdocs.yml").read_text(encoding="utf-8")


def test_pull_requests_get_an_artifact_and_a_summary_and_are_never_deployed() -> None:
    build, deploy = jobs()["build"], jobs()["deploy"]
    by_action = {step["uses"].split("@")[0]: step for step in build["steps"] if "uses" in step}
    assert by_action["actions/upload-artifact"]["if"] == "env.PULL_REQUEST == 'true'"
    assert by_action["actions/upload-pages-artifact"]["if"] == "env.PULL_REQUEST != 'true'"
    summary = next(step for step in build["steps"] if "letopis.site_changes" in step.get("run", ""))
    assert '>> "$GITHUB_STEP_SUMMARY"' in summary["run"]
    assert deploy["needs"] == "build"
    assert "github.event_name != 'pull_request'" in deploy["if"]
    assert "github.ref == 'refs/heads/main'" in deploy["if"]
    assert actions(deploy) == ["actions/deploy-pages"]


def test_pip_and_the_build_cache_are_kept_between_runs() -> None:
    for name in ("test", "build"):
        setup = next(s for s in jobs()[name]["steps"]
                     if s.get("uses", "").startswith("actions/setup-python@"))
        assert setup["with"]["cache"] == "pip"
        assert setup["with"]["cache-dependency-path"] == "constraints.txt"
    # The environments whole: keyed by everything make installs them from.
    for name, paths in (("test", ".venv\n.venv-properdocs\n"), ("build", ".venv")):
        venv = next(s for s in jobs()[name]["steps"] if s.get("id") == "venv")
        assert venv["with"]["path"] == paths
        assert venv["with"]["key"].endswith(
            "-py${{ steps.python.outputs.python-version }}-"
            "${{ hashFiles('pyproject.toml', 'constraints.txt') }}")
    cache = next(s for s in jobs()["build"]["steps"]
                 if s.get("uses", "").startswith("actions/cache@")
                 and s["with"]["path"] == ".cache/letopis")
    # A new key each run (a cache entry is never overwritten), the newest restored.
    assert "github.run_id" in cache["with"]["key"]
    assert cache["with"]["key"].startswith(cache["with"]["restore-keys"])


def test_publications_queue_and_pull_requests_cancel_their_older_runs() -> None:
    concurrency = workflow()["concurrency"]
    assert "'pages'" in concurrency["group"]
    assert concurrency["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}"


def test_keepalive_runs_on_the_nightly_schedule_only() -> None:
    keepalive = jobs()["keepalive"]
    assert keepalive["if"] == "github.event_name == 'schedule'"
    (step,) = keepalive["steps"]
    assert "actions/workflows/publish.yml/enable" in step["run"]
    assert WORKFLOW.name == "publish.yml"


def test_the_publishing_guide_describes_this_workflow() -> None:
    """docs/publishing.md names every job in its table, the nightly time, and the 60-day rule;
    the README links to it."""
    guide = DOCS.read_text(encoding="utf-8")
    table = [line for line in guide.splitlines() if re.match(r"\| `[a-z-]+` \|", line)]
    assert {re.match(r"\| `([a-z-]+)`", line).group(1) for line in table} == set(jobs())
    for line in table:
        job = jobs()[re.match(r"\| `([a-z-]+)`", line).group(1)]
        for scope, level in job["permissions"].items():
            assert f"{scope}: {level}" in line, line
    (nightly,) = triggers()["schedule"]
    assert f'`{nightly["cron"]}`' in guide
    assert "60" in guide and "workflow_dispatch" in guide
    assert "docs/publishing.md" in (REPO / "README.md").read_text(encoding="utf-8")
