"""The `letopis` command given wrong arguments, a missing or broken mkdocs.yml, or a file that
is not a WordPress export: exit code 2, one message in the editor's language saying what is
wrong, and no traceback."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

LETOPIS = Path(sys.executable).parent / "letopis"

NO_ARCHIVE = "site_name: Сайт\ntheme:\n  name: material\nplugins:\n  - search\n"
BROKEN = "site_name: Сайт\ntheme: 5\nplugins:\n  - letopis/archive\n"
NOT_WXR = "<rss><channel><title>Блог</title></channel></rss>\n"


def letopis(cwd: Path, *args: str, lang: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in {"LANG", "LC_ALL", "LC_MESSAGES"}}
    if lang:
        env["LANG"] = lang
    return subprocess.run([str(LETOPIS), *args], capture_output=True, text=True, cwd=cwd,
                          env={**env, "NO_MKDOCS_2_WARNING": "1"}, timeout=120)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("cli-errors")
    (root / "no-archive.yml").write_text(NO_ARCHIVE, encoding="utf-8")
    (root / "broken.yml").write_text(BROKEN, encoding="utf-8")
    (root / "not-wxr.xml").write_text(NOT_WXR, encoding="utf-8")
    (root / "text.xml").write_text("просто текст\n", encoding="utf-8")
    (root / "docs").mkdir()
    return root


# (arguments, words of the one message on stderr)
MISTAKES = {
    "no-command": ([], ["ошибка", "КОМАНДА"]),
    "unknown-command": (["publish"], ["неизвестный вариант 'publish'"]),
    "new-post-without-title": (["new", "post"], ["обязательных аргументов: ЗАГОЛОВОК"]),
    "year-not-a-number": (["new", "issue", "--journal", "j", "--year", "двадцать",
                           "--number", "1"], ["--year", "целое число"]),
    "option-after-the-command": (["check", "-f", "other.yml"], ["-f other.yml"]),
    "config-missing": (["-f", "missing.yml", "check"], ["missing.yml не найден"]),
    "config-missing-for-build": (["--config-file=missing.yml", "build"],
                                 ["missing.yml не найден"]),
    "config-without-archive": (["-fno-archive.yml", "check"],
                               ["no-archive.yml", "letopis/archive"]),
    "config-broken": (["-f", "broken.yml", "check"], ["letopis: broken.yml", "настрой"]),
    "export-missing": (["import", "wordpress", "missing.xml"], ["missing.xml: файл не найден"]),
    "export-not-wxr": (["import", "wordpress", "not-wxr.xml"],
                       ["not-wxr.xml", "не экспорт WordPress"]),
    "export-not-xml": (["import", "wordpress", "text.xml"], ["text.xml", "не читается как XML"]),
}


@pytest.mark.parametrize("case", MISTAKES)
def test_a_mistake_gets_one_clear_message(folder: Path, case: str) -> None:
    arguments, words = MISTAKES[case]
    done = letopis(folder, *arguments)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    said = [line for line in done.stderr.splitlines() if all(w in line for w in words)]
    assert len(said) == 1, done.stderr
    assert not list(folder.glob("**/*.md"))  # nothing written


def test_an_english_editor_is_answered_in_english(folder: Path) -> None:
    done = letopis(folder, "-f", "missing.yml", "check", lang="en_US.UTF-8")
    assert done.returncode == 2
    assert "missing.yml not found" in done.stderr
    assert not re.search("[а-яё]", done.stderr, re.IGNORECASE), done.stderr


def test_the_control_runs(folder: Path) -> None:
    """Asked for its help, the command answers without an error (in Russian)."""
    done = letopis(folder, "--help")
    assert done.returncode == 0 and "использование: letopis" in done.stdout
