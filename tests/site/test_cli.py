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


def run(folder: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES")}
    return subprocess.run([str(LETOPIS), *args], capture_output=True, text=True, cwd=folder,
                          env={**environ, "NO_MKDOCS_2_WARNING": "1", **env}, timeout=120)


def test_help_names_every_command(project: Path) -> None:
    done = run(project, "--help")
    assert done.returncode == 0
    for word in ("new", "check", "--config-file", 'letopis new post "', "использование: letopis",
                 "команды:", "параметры:", "-h, --help            показать эту справку и выйти",
                 "проверить всё без сборки", "Примеры:"):
        assert word in done.stdout
    issue_help = run(project, "new", "issue", "--help").stdout
    for option in ("--journal ЖУРНАЛ", "--year ГОД", "--number НОМЕР", "номер в году"):
        assert option in issue_help
    post_help = run(project, "new", "post", "--help").stdout
    assert "позиционные аргументы:\n  ЗАГОЛОВОК" in post_help
    assert not any(word in done.stdout + issue_help + post_help
                   for word in ("usage:", "options:", "show this help", "positional arguments"))


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["new", "post"], "letopis new post: ошибка: не хватает обязательных аргументов: "
                          "ЗАГОЛОВОК"),
        (["publish"], "letopis: ошибка: аргумент КОМАНДА: неизвестный вариант 'publish' "
                      "(возможны: 'new', 'build', 'import', 'check')"),
        (["new", "issue", "--journal", "vestnik", "--year", "две тысячи", "--number", "1"],
         "аргумент --year: неверное значение 'две тысячи' (ожидается целое число)"),
        (["check", "--fast"], "letopis: ошибка: непонятные аргументы: --fast"),
    ],
)
def test_argparse_speaks_russian(project: Path, args: list[str], message: str) -> None:
    done = run(project, *args, LANG="en_US.UTF-8")  # the site's locale comes first
    assert done.returncode == 2
    assert done.stderr.startswith("использование: letopis")
    assert message in done.stderr


def test_english_for_an_english_site_or_an_english_editor(project: Path, tmp_path: Path) -> None:
    config = project / "mkdocs.yml"
    # An English site: Letopis' locale and the theme's language (one without the other stops).
    config.write_text(config.read_text(encoding="utf-8").replace(
        "letopis/archive: {}", "letopis/archive: {locale: en}").replace(
        "  language: ru\n", "  language: en\n"), encoding="utf-8")
    done = run(project, "new", "post")
    assert "letopis new post: error: the following arguments are required: TITLE" in done.stderr
    assert "show this help message and exit" in run(project, "--help").stdout
    created = run(project, "new", "post", "Без текста")
    assert created.stdout.startswith("created content/posts/"), created.stdout
    check = run(project, "check")
    assert check.stdout.endswith("before publishing it [error]\n".replace(
        "before publishing it", "until it is written)")), check.stdout
    assert "1 error, 0 warnings" in check.stderr

    nowhere = tmp_path / "elsewhere"  # no mkdocs.yml: the editor's environment decides
    nowhere.mkdir()
    for env, usage in [({"LANG": "en_GB.UTF-8"}, "usage: "),
                       ({"LANG": "ru_RU.UTF-8"}, "использование: "),
                       ({"LANG": "C.UTF-8"}, "использование: "),
                       ({"LANG": "ru_RU.UTF-8", "LC_ALL": "en_US.UTF-8"}, "usage: "),
                       ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "ru_RU.UTF-8"}, "использование: ")]:
        assert run(nowhere, "--help", **env).stdout.startswith(usage), env
    missing = run(nowhere, "check", LANG="en_US.UTF-8")
    assert "mkdocs.yml not found: run letopis in the site's folder" in missing.stderr
    # -f names the configuration whose locale counts.
    assert run(nowhere, "-f", str(config), "--help", LANG="ru_RU.UTF-8").stdout.startswith(
        "usage: ")


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
    # The address is written down: a retitle does not move it.
    assert "\nslug: novaia-zapis-proverka\ncategories: []\n" in text
    assert created.relative_to(project).as_posix() == \
        f"content/posts/{day.year}/novaia-zapis-proverka.md"
    assert post.stdout == (
        f"создан файл content/posts/{day.year}/novaia-zapis-proverka.md: запись будет "
        f"опубликована по адресу /{day.year}/{day.month:02d}/novaia-zapis-proverka/; адрес "
        "записан в шапку (slug: novaia-zapis-proverka) и не изменится, если поменять "
        "заголовок\n")

    chosen = letopis(project, "new", "post", "Свой адрес", "--slug", "svoi_adres")
    assert chosen.returncode == 0, chosen.stderr
    days |= moscow_today()

    issue = letopis(project, "new", "issue", "--journal", "vestnik", "--year", "2015",
                    "--number", "1")
    assert issue.returncode == 0, issue.stderr
    issue_file = project / "content/journal/vestnik/2015-1.md"
    assert issue_file.is_file()

    # As created, the post has no text (an error) and the issue no articles (a warning).
    check = letopis(project, "check")
    assert check.returncode == 1
    assert check.stdout.splitlines() == [
        "content/journal/vestnik/2015-1.md:5: в номере нет статей: перечислите их под "
        '"articles:" (title, authors, abstract) [предупреждение]',
        *(f'content/posts/{day.year}/{name}.md:7: в записи нет текста: допишите его ниже '
          'закрывающей строки "---" (или отметьте draft: true, пока он не написан) [ошибка]'
          for name in ("novaia-zapis-proverka", "svoi_adres"))]
    assert "2 ошибки, 1 предупреждение" in check.stderr
    # The editor writes them.
    for written in created, project / f"content/posts/{day.year}/svoi_adres.md":
        written.write_text(written.read_text(encoding="utf-8") + "Текст записи.\n",
                           encoding="utf-8")
    issue_file.write_text(issue_file.read_text(encoding="utf-8").replace(
        "articles: []", "articles:\n- title: Статья\n  authors: [ivanova]\n  abstract: Кратко."),
        encoding="utf-8")
    check = letopis(project, "check")
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout.startswith("всё в порядке (")
    assert "записей)" in check.stdout or "записи)" in check.stdout or "запись)" in check.stdout

    # Retitled: the address stays.
    created.write_text(created.read_text(encoding="utf-8").replace(
        "title: Новая «запись» — проверка", "title: Исправленный заголовок"), encoding="utf-8")

    build = run_mkdocs(project)
    assert build.returncode == 0, build.log
    post_page = build.html(f"{day.year}/{day.month:02d}/novaia-zapis-proverka/")
    assert post_page.select_one("article h1").get_text() == "Исправленный заголовок"
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
    assert "content/journal/vestnik/2014-1.md уже существует; перезаписывать его нельзя" in \
        done.stderr
    assert target.read_bytes() == before
    first = letopis(project, "new", "post", "Дважды")
    second = letopis(project, "new", "post", "Дважды")
    assert (first.returncode, second.returncode) == (0, 2)
    assert "перезаписывать его нельзя" in second.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["new", "issue", "--journal", "nope", "--year", "2014", "--number", "3"],
         "неизвестный журнал «nope» (есть: vestnik; журнал — папка с index.md в "
         "content/journal)"),
        (["new", "post", "Побег", "--slug", "../../evil"],
         "--slug «../../evil»: в адресе допустимы только буквы, цифры, «-» и «_»"),
        (["new", "issue", "--journal", "vestnik", "--year", "2014", "--number", "0"],
         "--year — от 1900 до 2100, --number — от 1 до 999"),
        (["-f", "missing.yml", "check"], "missing.yml не найден: запустите letopis в папке "
                                         "сайта или укажите --config-file"),
        (["-f", "bad-zone.yml", "check"], 'letopis/archive: неизвестный часовой пояс "Mars/Base"'),
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
    (project / "content/posts/chernovik.md").write_text(
        "---\ntitle: Черновик\ndate: 2014-05-20\ndraft: true\n---\n\n", encoding="utf-8")
    done = letopis(project, "check")
    assert done.returncode == 1
    assert done.stdout.splitlines() == [
        "content/journal/vestnik/dup.md:3: номер № 1 за 2014 год уже описан в "
        "content/journal/vestnik/2014-1.md [ошибка]",
        'content/journal/vestnik/dup.md:6: неизвестный автор "nobody": объявите его в '
        "content/authors.yml [ошибка]",
        'content/journal/vestnik/noyear.md:1: нет ключа "year" (он обязателен, это число) '
        "[ошибка]",
        'content/posts/anons-1.md:5: неизвестный номер журнала "vestnik/2099/1" (нужно '
        "<журнал>/<год>/<номер>; известны: vestnik/2013/4, vestnik/2014/1, vestnik/2014/2) "
        "[ошибка]",
    ]  # the draft without text (chernovik.md) may wait: it is not published
    assert "4 ошибки" in done.stderr
    assert not (project / "site").exists()  # checking builds nothing


@pytest.mark.parametrize("title", ["", "   ", "\t"])
def test_a_post_without_a_title_is_refused_and_nothing_is_written(project: Path,
                                                                 title: str) -> None:
    # The build would refuse the file (an empty `title:`); the command says so at once.
    before = sorted(project.rglob("*"))
    done = letopis(project, "new", "post", "--", title)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "заголов" in done.stderr and "Traceback" not in done.stderr
    assert sorted(project.rglob("*")) == before
