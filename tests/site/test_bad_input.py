"""Bad content stops the build with one clear line per problem: file, line, what is expected.
Every problem of every file is reported at once, without a Python traceback, and no page is
written."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Build, run_mkdocs, site_config, write_project

GOOD = "---\ntitle: Хорошая запись\ndate: 2014-05-20\n---\n\nТекст.\n"

BAD_FILES: dict[str, str | bytes] = {
    "posts/no-title.md": "---\ndate: 2014-05-20\n---\n\nТекст.\n",
    "posts/broken-yaml.md": "---\ntitle: Запись\ndate: 2014-05-20\ntags: [a, b\n---\n\nТекст.\n",
    "posts/bad-date.md": "---\ntitle: Февраль\ndate: 2014-02-30\n---\n\nТекст.\n",
    "posts/not-utf8.md": "---\ntitle: Кодировка\ndate: 2014-05-20\n---\n\nТекст.\n"
    .encode("cp1251"),
    "posts/first.md": "---\ntitle: Одинаковая запись\ndate: 2014-05-20\n---\n\nТекст.\n",
    "posts/second.md": "---\ntitle: Одинаковая запись\ndate: 2014-05-21\n---\n\nТекст.\n",
    "posts/good.md": GOOD,
}

# (file, line, words the message must hold)
EXPECTED = [
    ("content/posts/no-title.md", 1, 'нет ключа "title" (он обязателен)'),
    ("content/posts/broken-yaml.md", 5,
     "шапка: ошибка YAML: did not find expected ',' or ']' (while parsing a flow "
     "sequence: начало на строке 4)"),
    ("content/posts/bad-date.md", 3,
     'дата "2014-02-30" — несуществующий день (нужно ГГГГ-ММ-ДД)'),
    ("content/posts/not-utf8.md", 2, "не в кодировке UTF-8"),
    ("content/posts/second.md", 2,
     "адрес 2014/05/odinakovaia-zapis/ уже занят content/posts/first.md"),
]


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> Build:
    root = write_project(tmp_path_factory.mktemp("broken"), BAD_FILES, site_config())
    return run_mkdocs(root)


def test_build_fails_without_traceback(broken: Build) -> None:
    assert broken.returncode != 0
    assert "Traceback" not in broken.log
    assert "5 ошибок в содержимом" in broken.log


@pytest.mark.parametrize(("path", "line", "message"), EXPECTED)
def test_each_problem_is_reported_with_file_and_line(
    broken: Build, path: str, line: int, message: str
) -> None:
    lines = [entry for entry in broken.log.splitlines() if f"{path}:{line}: " in entry]
    assert lines, f"no message for {path}:{line} in:\n{broken.log}"
    assert message in lines[0]


def test_no_page_is_written(broken: Build) -> None:
    written = list(broken.site.rglob("*.html")) if broken.site.exists() else []
    assert written == []


def test_unknown_key_warns_and_fails_only_under_strict(tmp_path: Path) -> None:
    typo = "---\ntitle: Опечатка\ndate: 2014-05-20\ncatgories: [Продажи]\n---\n\nТекст.\n"
    root = write_project(tmp_path, {"posts/typo.md": typo}, site_config())
    expected = 'content/posts/typo.md:4: неизвестный ключ "catgories" (может быть, "categories"?)'

    lenient = run_mkdocs(root, strict=False)
    assert lenient.returncode == 0, lenient.log
    assert expected in lenient.log
    assert (lenient.site / "2014/05/opechatka/index.html").is_file()

    strict = run_mkdocs(root)
    assert strict.returncode != 0
    assert expected in strict.log
    assert "Traceback" not in strict.log


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("timezone", "Europe/Mosсow", 'неизвестный часовой пояс "Europe/Mosсow"'),
        ("locale", "xx", 'неизвестный язык "xx"'),
        ("post_url_format", "{year}/{title}/", "неизвестные поля title"),
        ("page_size", 0, "option 'page_size': должно быть целое число не меньше 1, а не «0»"),
        ("archive_page_size", -2,
         "option 'archive_page_size': должно быть целое число не меньше 1, а не «-2»"),
    ],
)
def test_bad_plugin_options_are_named(tmp_path: Path, option: str, value: object,
                                      message: str) -> None:
    root = write_project(tmp_path, {"posts/good.md": GOOD}, site_config(**{option: value}))
    build = run_mkdocs(root)
    assert build.returncode != 0
    assert message in build.log
    assert "Traceback" not in build.log


def test_bad_journal_input_stops_the_build_with_every_problem(tmp_path: Path) -> None:
    files = {
        "authors.yml": "ivanova: Анна Иванова\n",
        "journal/vestnik/index.md": "---\nname: Вестник\n---\n",
        "journal/vestnik/2014-1.md": "---\nyear: 2014\nnumber: 1\n---\n",
        "journal/vestnik/again.md": "---\nyear: 2014\nnumber: 1\n---\n",
        "journal/vestnik/no-year.md": "---\nnumber: 2\n---\n",
        "journal/vestnik/2014-3.md": "---\nyear: 2014\nnumber: 3\narticles:\n"
                                     "  - title: Статья\n    authors: [ivanovа]\n"
                                     "    abstract: Текст.\n---\n",
    }
    config = site_config()
    config["plugins"] += ["letopis/journal", "letopis/authors"]
    build = run_mkdocs(write_project(tmp_path, files, config))
    assert build.returncode != 0
    assert "Traceback" not in build.log
    for expected in [
        "content/journal/vestnik/again.md:3: номер № 1 за 2014 год уже описан в "
        "content/journal/vestnik/2014-1.md",
        'content/journal/vestnik/no-year.md:1: нет ключа "year" (он обязателен, это число)',
        # A Cyrillic «а» at the end of a Latin key: the hint shows what was meant.
        'content/journal/vestnik/2014-3.md:6: неизвестный автор "ivanovа" (может быть, '
        '"ivanova"?): объявите его в content/authors.yml',
    ]:
        assert expected in build.log


def test_malformed_blocks_stop_the_build_naming_file_and_line(tmp_path: Path) -> None:
    post = ("---\ntitle: Блоки\ndate: 2014-05-20\n---\n\n"  # lines 1–5
            "/// claims | Ложь №{n}.\n"  # 6
            "1. Клиент говорит без кавычек.\n\n    Ответ.\n"  # 7–9
            "///\n\n"  # 10–11
            "/// matrix\nrows: Быстро, Долго\ncolumns: Много, Мало\n\n"  # 12–15
            "1. [Быстро, Много] А\n\n    а\n\n"  # 16–19
            "1. [Быстро, Мало] Б\n\n    б\n\n"  # 20–23
            "2. [Долго, Вечно] В\n\n    в\n"  # 24–26
            "///\n\n"  # 27–28
            "/// claim | Ложь №{n}.\n1. «Нет бюджета».\n\n    Ответ.\n///\n")  # 29–33
    config = site_config()
    config["plugins"].append("letopis/blocks")
    build = run_mkdocs(write_project(tmp_path, {"posts/bloki.md": post}, config))
    assert build.returncode != 0
    assert "Traceback" not in build.log
    for expected in [
        "content/posts/bloki.md:7: у возражения 1 нет цитаты",
        "content/posts/bloki.md:12: в матрице 2×2 должно быть 4 группы, по одной на клетку; здесь их 3",
        "content/posts/bloki.md:20: приоритет 1 уже отдан группе на строке 16",
        'content/posts/bloki.md:24: неизвестное значение столбца "Вечно" (столбцы: Много, Мало)',
        # A typo in a block's name would publish the block as a raw paragraph.
        'content/posts/bloki.md:29: неизвестный блок "claim" (может быть, «claims»?); блоки: '
        "claims и matrix",
    ]:
        assert expected in build.log
