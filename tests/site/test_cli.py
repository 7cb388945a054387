"""The editors' command line, run as its console script in a copy of a real site: new post,
new issue, check; then the site builds and publishes what was created."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import copy_fixture, journal_site_config, run_mkdocs, write_project

LETOPIS = Path(sys.executable).parent / "letopis"


def letopis(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(LETOPIS), *args], capture_output=True, text=True, cwd=project,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=120)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = copy_fixture("journal", tmp_path)
    return write_project(root, {}, journal_site_config())


def moscow_today() -> set:
    # Either side of midnight, should the test run across it.
    return {datetime.now(ZoneInfo("Europe/Moscow")).date()}


def test_help_names_every_command() -> None:
    done = subprocess.run([str(LETOPIS), "--help"], capture_output=True, text=True, check=True)
    for word in ("new", "check", "--config-file", 'letopis new post "'):
        assert word in done.stdout
    issue_help = subprocess.run([str(LETOPIS), "new", "issue", "--help"], capture_output=True,
                                text=True, check=True).stdout
    for option in ("--journal", "--year", "--number"):
        assert option in issue_help


def test_new_post_and_issue_are_valid_and_get_published(project: Path) -> None:
    days = moscow_today()
    post = letopis(project, "new", "post", "Новая «запись» — проверка")
    days |= moscow_today()
    assert post.returncode == 0, post.stderr
    (created,) = [p for p in (project / "content" / "posts").rglob("*.md")
                  if "novaia-zapis-proverka" in p.name]
    text = created.read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: Новая «запись» — проверка\ndate: ")
    day = datetime.strptime(text.split("date: ")[1][:10], "%Y-%m-%d").date()
    assert day in days
    assert created.relative_to(project).as_posix() == \
        f"content/posts/{day.year}/novaia-zapis-proverka.md"

    chosen = letopis(project, "new", "post", "Свой адрес", "--slug", "svoi_adres")
    assert chosen.returncode == 0, chosen.stderr
    days |= moscow_today()

    issue = letopis(project, "new", "issue", "--journal", "vestnik", "--year", "2015",
                    "--number", "1")
    assert issue.returncode == 0, issue.stderr
    assert (project / "content/journal/vestnik/2015-1.md").is_file()

    check = letopis(project, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert "all content is valid" in check.stdout

    build = run_mkdocs(project)
    assert build.returncode == 0, build.log
    post_page = build.html(f"{day.year}/{day.month:02d}/novaia-zapis-proverka/")
    assert post_page.select_one("article h1").get_text() == "Новая «запись» — проверка"
    chosen_pages = [p for p in build.site.rglob("svoi_adres/index.html")]
    assert len(chosen_pages) == 1, "the --slug given is the post's address"
    issue_page = build.html("journal/vestnik/2015/1/")
    assert issue_page.select_one("article h1").get_text() == "«Вестник продаж», № 1, 2015"
    journal = build.html("journal/vestnik/")
    assert [dt.get_text() for dt in journal.select(".letopis-journal__years > dt")] == \
        ["2015", "2014", "2013"]


def test_new_refuses_to_overwrite(project: Path) -> None:
    target = project / "content/journal/vestnik/2014-1.md"
    before = target.read_bytes()
    done = letopis(project, "new", "issue", "--journal", "vestnik", "--year", "2014",
                   "--number", "1")
    assert done.returncode == 2
    assert "content/journal/vestnik/2014-1.md already exists; refusing to overwrite it" in \
        done.stderr
    assert target.read_bytes() == before
    first = letopis(project, "new", "post", "Дважды")
    second = letopis(project, "new", "post", "Дважды")
    assert (first.returncode, second.returncode) == (0, 2)
    assert "refusing to overwrite" in second.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["new", "issue", "--journal", "nope", "--year", "2014", "--number", "3"],
         'unknown journal "nope" (known: vestnik'),
        (["new", "post", "Побег", "--slug", "../../evil"],
         '--slug "../../evil" may hold only letters, digits, "-" and "_"'),
        (["-f", "missing.yml", "check"], "missing.yml not found"),
        (["-f", "bad-zone.yml", "check"], 'letopis/archive: unknown time zone "Mars/Base"'),
    ],
)
def test_mistakes_in_the_command_are_explained(project: Path, args: list[str],
                                               message: str) -> None:
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    (project / "bad-zone.yml").write_text(
        config.replace("letopis/archive: {}", "letopis/archive: {timezone: Mars/Base}"),
        encoding="utf-8")
    done = letopis(project, *args)
    assert done.returncode == 2
    assert message in done.stderr
    assert "Traceback" not in done.stderr


def test_check_prints_every_problem_as_file_line_message(project: Path) -> None:
    journal = project / "content/journal/vestnik"
    (journal / "dup.md").write_text(
        "---\nyear: 2014\nnumber: 1\narticles:\n  - title: T\n    authors: [nobody]\n"
        "    abstract: A.\n---\n", encoding="utf-8")
    (journal / "noyear.md").write_text("---\nnumber: 7\n---\n", encoding="utf-8")
    post = project / "content/posts/anons-1.md"
    post.write_text(post.read_text(encoding="utf-8").replace("vestnik/2014/1", "vestnik/2099/1"),
                    encoding="utf-8")
    done = letopis(project, "check")
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "content/journal/vestnik/dup.md:3: issue № 1 of 2014 is already described by "
        "content/journal/vestnik/2014-1.md [error]",
        'content/journal/vestnik/dup.md:6: unknown author "nobody": declare it in '
        "content/authors.yml [error]",
        'content/journal/vestnik/noyear.md:1: "year" is missing (required, a number) [error]',
        'content/posts/anons-1.md:5: unknown journal issue "vestnik/2099/1" (expected '
        "<journal>/<year>/<number>; known: vestnik/2013/4, vestnik/2014/1, vestnik/2014/2) "
        "[error]",
    ]
    assert "4 error(s), 0 warning(s)" in done.stderr
    assert not (project / "site").exists()  # checking builds nothing
