"""The publishing workflow's `run:` steps, run as GitHub would run them, in a clean clone.

The commands are read from .github/workflows/publish.yml of a `git clone` of this repository
(what is committed, nothing else), their `${{ … }}` expressions filled in from a table (an
expression the table does not know fails the test: a new one must be thought about), and run
with `bash -eo pipefail` (the workflow's `shell: bash`) in the clone. A renamed make target, a
missing file, a command that fails on the bundled content: the test fails.

What stands in for GitHub: the clone for actions/checkout; the Python running this test and
its environment for actions/setup-python and the cached environment (`.venv` in the clone is a
folder of links to it with a stamp of its own, as restored by actions/cache: make does not
reinstall, and nothing touches the real environment's stamp; the clone's own package comes
first on PYTHONPATH); a fixed address for actions/configure-pages; temporary files for
$GITHUB_OUTPUT, $GITHUB_STEP_SUMMARY and $RUNNER_TEMP. Steps not run, and why:
- `uses:` steps (checkout, setup-python, cache, configure-pages, the uploads, deploy-pages) are
  GitHub's actions, not commands; their permissions are tested in test_workflow.py.
- `make test` (job test) is this very suite: running it here would recurse. Its target is
  checked with `make -n test` instead.
- `gh api …/enable` (job keepalive) talks to GitHub's API with the job's token.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import markdown
import pytest
import yaml
from bs4 import BeautifulSoup

from tests.conftest import REPO

SITE_URL = "https://example.org/letopis"  # configure-pages' base_url has no final slash
NOT_RUN = {("test", "make test"), ("keepalive", "gh api")}
TESTED = ("changes", "test", "build")
NEW_POST = ("content/posts/2014/zapis-iz-pull-request.md",
            "---\ntitle: Запись из pull request\ndate: 2014-05-21\n---\n\nТекст.\n")


def git(clone: Path, *args: str) -> str:
    done = subprocess.run(["git", "-C", str(clone), *args], capture_output=True, text=True,
                          check=True, env={**os.environ, "GIT_AUTHOR_NAME": "Тест",
                                           "GIT_AUTHOR_EMAIL": "t@example.org",
                                           "GIT_COMMITTER_NAME": "Тест",
                                           "GIT_COMMITTER_EMAIL": "t@example.org"})
    return done.stdout.strip()


@pytest.fixture(scope="module")
def clone(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("clone") / "letopis"
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(root)], check=True)
    # The running environment stands for the restored ones (see the module's docstring).
    real = Path(sys.prefix)
    venv = root / ".venv"
    venv.mkdir()
    for entry in real.iterdir():
        if entry.name == "pyvenv.cfg":
            shutil.copy(entry, venv / entry.name)  # Python finds it beside bin/, not through it
        elif entry.name != ".installed-stamp":
            (venv / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    # Up to date from the start: make must never run pip through these links, which would
    # point the shared environment's editable install at this temporary clone.
    (venv / ".installed-stamp").touch()
    (root / ".venv-properdocs").mkdir()  # the second environment, for the test job's step
    return root


def workflow(clone: Path) -> dict:
    return yaml.safe_load((clone / ".github/workflows/publish.yml").read_text(encoding="utf-8"))


def fill(text: str, values: dict[str, str]) -> str:
    def value(match: re.Match) -> str:
        expression = " ".join(match.group(1).split())
        assert expression in values, f"unknown expression in the workflow: {expression}"
        return values[expression]
    return re.sub(r"\$\{\{(.*?)\}\}", value, text, flags=re.S)


class Runner:
    """Runs a job's steps as the runner would: env of the workflow, the job and the step."""

    def __init__(self, clone: Path, tmp: Path, values: dict[str, str]) -> None:
        self.clone, self.values = clone, values
        self.output, self.summary = tmp / "output", tmp / "summary.md"
        self.temp = tmp / "runner-temp"
        self.temp.mkdir(exist_ok=True)
        for path in (self.output, self.summary):
            path.write_text("", encoding="utf-8")

    def env(self, *scopes: dict) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("PYTEST_", "GITHUB_", "LETOPIS_CHECK"))}
        for scope in scopes:
            env.update({k: fill(str(v), self.values) for k, v in scope.get("env", {}).items()})
        bin_dir = str(Path(sys.executable).parent)
        env.update(PATH=f"{bin_dir}{os.pathsep}{env['PATH']}",
                   PYTHONPATH=str(self.clone / "plugins"), CI="true",
                   GITHUB_OUTPUT=str(self.output), GITHUB_STEP_SUMMARY=str(self.summary),
                   RUNNER_TEMP=str(self.temp), GITHUB_REPOSITORY="example/letopis")
        return env

    def run(self, script: str, env: dict[str, str]) -> subprocess.CompletedProcess:
        return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c",
                               fill(script, self.values)], cwd=self.clone, env=env,
                              capture_output=True, text=True, timeout=600)


def steps_of(data: dict, job: str) -> list[dict]:
    """The run steps of `job` this test runs."""
    return [step for step in data["jobs"][job]["steps"] if "run" in step
            and not any(job == j and step["run"].startswith(c) for j, c in NOT_RUN)]


def test_every_run_step_is_run_here_or_said_why_not(clone: Path) -> None:
    data = workflow(clone)
    for job, spec in data["jobs"].items():
        for step in spec["steps"]:
            skipped = any(job == j and step.get("run", "").startswith(c) for j, c in NOT_RUN)
            if "run" in step and not skipped:
                assert job in TESTED, f"{job}: {step['run']!r} is neither run here nor in NOT_RUN"


def test_make_knows_the_targets_the_workflow_names(clone: Path) -> None:
    # A target listed in .PHONY without a rule does nothing and succeeds: its recipe must show.
    for target, command in (("test", "-m pytest"), ("build", "letopis build")):
        done = subprocess.run(["make", "-n", target], cwd=clone, capture_output=True, text=True)
        assert done.returncode == 0 and command in done.stdout, done.stdout + done.stderr
    # The install step's target really installs (a stamp file without a rule would pass too).
    done = subprocess.run(["make", "-n", "-W", "pyproject.toml", ".venv/.installed-stamp"],
                          cwd=clone, capture_output=True, text=True)
    assert done.returncode == 0 and "pip install" in done.stdout, done.stdout + done.stderr


@pytest.fixture(scope="module")
def commits(clone: Path) -> dict[str, str]:
    """Commits on top of the clone's HEAD: a post added, then a change to the theme, then
    nothing. Made here, so that a shallow checkout (CI's) has the history the test needs."""
    first = git(clone, "rev-parse", "HEAD")
    path = clone / NEW_POST[0]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(NEW_POST[1], encoding="utf-8")
    git(clone, "add", NEW_POST[0])
    git(clone, "commit", "--quiet", "-m", "Новая запись")
    content = git(clone, "rev-parse", "HEAD")
    (clone / "theme" / "workflow-test.css").write_text("/* a code change */\n", encoding="utf-8")
    git(clone, "add", "theme/workflow-test.css")
    git(clone, "commit", "--quiet", "-m", "theme")
    code = git(clone, "rev-parse", "HEAD")
    git(clone, "commit", "--quiet", "--allow-empty", "-m", "nothing changed")
    empty = git(clone, "rev-parse", "HEAD")
    git(clone, "mv", "theme/workflow-test.css", "content/workflow-test.css")
    git(clone, "commit", "--quiet", "-m", "moved out of the theme")
    moved = git(clone, "rev-parse", "HEAD")
    return {"first": first, "content": content, "code": code, "empty": empty, "moved": moved}


@pytest.mark.parametrize(
    ("event", "before", "head", "tests", "mode"),
    [
        ("push", "first", "content", "", "content"),  # a post added: content checks only
        ("push", "content", "code", "", "code"),  # the theme changed
        ("push", "first", "code", "", "code"),  # content and code in one push
        ("push", "code", "empty", "", "content"),  # nothing changed at all
        # A file moved into content/ also left the theme: git's rename detection must not
        # hide the path it left.
        ("push", "empty", "moved", "", "code"),
        ("push", "0" * 40, "content", "", "code"),  # a new branch: no diff to trust
        ("pull_request", "first", "content", "", "content"),
        ("pull_request", "first", "code", "", "code"),
        ("schedule", "", "content", "", "nightly"),
        ("workflow_dispatch", "", "content", "false", "nightly"),
        ("workflow_dispatch", "", "content", "true", "code"),
    ],
)
def test_the_changes_job_chooses_the_path(clone: Path, commits: dict[str, str],
                                          tmp_path: Path, event: str, before: str, head: str,
                                          tests: str, mode: str) -> None:
    sha = commits.get(before, before)
    git(clone, "checkout", "--quiet", "--detach", commits[head])
    values = {"github.event_name": event, "github.event.before": sha,
              "github.event.pull_request.base.sha": sha, "inputs.tests": tests}
    runner = Runner(clone, tmp_path, values)
    data = workflow(clone)
    (step,) = steps_of(data, "changes")
    done = runner.run(step["run"], runner.env(data, data["jobs"]["changes"], step))
    assert done.returncode == 0, done.stdout + done.stderr
    assert runner.output.read_text(encoding="utf-8").splitlines() == [f"mode={mode}"]
    (said,) = runner.summary.read_text(encoding="utf-8").splitlines()
    assert said.startswith("Путь публикации — ") and said.endswith("."), said
    assert ("make test" in said) == (mode == "code")


@pytest.mark.skipif(os.environ.get("LETOPIS_ENGINE") == "properdocs",
                    reason="the workflow builds with MkDocs (.venv); the MkDocs pass runs this")
def test_the_build_steps_of_a_pull_request_pass(clone: Path, commits: dict[str, str],
                                                tmp_path: Path) -> None:
    """The pull-request path runs every run step of the build job (a push runs fewer: no base
    build, no summary; the nightly run fewer still)."""
    git(clone, "checkout", "--quiet", "--detach", commits["content"])
    values = {"needs.changes.outputs.mode != 'nightly'": "true",
              "github.event_name == 'pull_request'": "true",
              "steps.venv.outputs.cache-hit": "true",
              "steps.pages.outputs.base_url": SITE_URL,
              "github.event.pull_request.base.sha": commits["first"]}
    runner = Runner(clone, tmp_path, values)
    data = workflow(clone)
    job = data["jobs"]["build"]
    names = []
    for step in steps_of(data, "build"):
        done = runner.run(step["run"], runner.env(data, job, step))
        assert done.returncode == 0, f"{step['name']}:\n{done.stdout}\n{done.stderr}"
        assert "::warning::" not in done.stdout, f"{step['name']}: {done.stdout}"
        names.append(step["name"])
    assert len(names) == 6, names
    assert (clone / "site" / "index.html").is_file()
    assert (runner.temp / "base-site" / "index.html").is_file()
    # The summary names the post the pull request adds, at its address.
    page = BeautifulSoup(markdown.markdown(runner.summary.read_text(encoding="utf-8")), "lxml")
    posts = page.find("h3", string="Записи").find_next_sibling("ul")
    assert [li.get_text() for li in posts.find_all("li")] == [
        "добавлена: /2014/05/zapis-iz-pull-request/ — Запись из pull request"]


def test_the_test_job_keeps_restored_environments(clone: Path, tmp_path: Path) -> None:
    """Its one step before `make test` (which is this suite, not run here)."""
    data = workflow(clone)
    (step,) = steps_of(data, "test")
    stamps = [clone / venv / ".installed-stamp" for venv in (".venv", ".venv-properdocs")]
    try:
        for hit in ("false", "true"):
            for stamp in stamps:
                stamp.touch()
                os.utime(stamp, (0, 0))  # older than everything, as after a restore
            runner = Runner(clone, tmp_path, {"steps.venv.outputs.cache-hit": hit})
            done = runner.run(step["run"], runner.env(data, data["jobs"]["test"], step))
            assert done.returncode == 0, done.stdout + done.stderr
            assert [stamp.stat().st_mtime > 0 for stamp in stamps] == [hit == "true"] * 2
    finally:
        for stamp in stamps:
            stamp.touch()  # up to date again (see the clone fixture)
