"""The bad-input corpus (tests/bad_input/): each file reports exactly the problems its entry in
expected.toml lists, or loads; quickly, and never with another exception. The same post files
are built by real MkDocs in tests/site/test_bad_input_corpus.py."""

from __future__ import annotations

import signal
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from letopis.core.authors import load_authors
from letopis.core.content import SourceFile, load_post
from letopis.core.dates import site_timezone
from letopis.core.journal import load_journals
from letopis.core.l10n import Localizer
from letopis.core.posts import Post, PostContext
from letopis.core.problems import ContentError, Problem, Problems, Severity
from letopis.core.urls import UrlScheme

CORPUS = Path(__file__).resolve().parent.parent / "bad_input"
TABLE: dict[str, dict[str, Any]] = tomllib.loads(
    (CORPUS / "expected.toml").read_text(encoding="utf-8"))

RU = Localizer("ru")
CONTEXT = PostContext(timezone=site_timezone("Europe/Moscow"), urls=UrlScheme(), localizer=RU)
JOURNAL_INDEX = "---\nname: Вестник\n---\n\nО журнале.\n".encode()


def _huge_post() -> bytes:
    paragraph = "Абзац длинной записи, перенесённой из старого блога. " * 40 + "\n\n"
    body = paragraph * (5_000_000 // len(paragraph.encode()) + 1)
    return f"---\ntitle: Очень длинная запись\ndate: 2014-05-20\n---\n\n{body}".encode()


# Cases too big to commit, made at run time.
GENERATED: dict[str, Callable[[], bytes]] = {"posts/huge.md": _huge_post}


def raw_of(name: str) -> bytes:
    return GENERATED[name]() if name in GENERATED else (CORPUS / name).read_bytes()


def shown_path(name: str) -> str:
    """Where editors see the file: content/posts/x.md, content/journal/vestnik/x.md, …"""
    folder, _, file = name.partition("/")
    return {"posts": f"content/posts/{file}", "journal": f"content/journal/vestnik/{file}",
            "authors": "content/authors.yml"}[folder]


@dataclass
class Outcome:
    loads: bool
    errors: list[str] = field(default_factory=list)  # "LINE: message"
    warnings: list[str] = field(default_factory=list)


def expected(name: str) -> Outcome:
    entry = TABLE[name]
    return Outcome(entry.get("loads", False), entry.get("errors", []), entry.get("warnings", []))


def outcome(loads: bool, problems: list[Problem], path: str) -> Outcome:
    assert all(p.path == path for p in problems), problems
    def told(severity: Severity) -> list[str]:
        return [f"{p.line}: {p.message}" for p in problems if p.severity is severity]

    return Outcome(loads, told(Severity.ERROR), told(Severity.WARNING))


def read_case(name: str, raw: bytes) -> Outcome:
    """Read the file as what its folder holds, with the core's public entry points."""
    path = shown_path(name)
    folder = name.partition("/")[0]
    if folder == "posts":
        warnings = Problems()
        try:
            post = load_post(raw, name, path, CONTEXT, warnings)
        except ContentError as exc:
            return outcome(False, exc.problems, path)
        assert isinstance(post, Post)
        return outcome(True, warnings.in_order, path)
    if folder == "journal":
        source = path.removeprefix("content/")
        files = [SourceFile("journal/vestnik/index.md", "content/journal/vestnik/index.md",
                            JOURNAL_INDEX), SourceFile(source, path, raw)]
        journals, problems = load_journals(files, "journal", UrlScheme(), RU)
        return outcome(bool(journals.by_ref), problems.in_order, path)
    problems = Problems()
    authors = load_authors(raw, path, lambda key: f"author/{key}/", problems)
    return outcome(bool(authors) and not problems.errors, problems.in_order, path)


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """A hang (an alias bomb, runaway nesting) fails its test instead of stopping the run."""
    if not hasattr(signal, "setitimer"):  # Windows: no alarm, no limit
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise TimeoutError(f"still reading after {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@pytest.mark.parametrize("name", sorted(TABLE))
def test_each_file_reports_exactly_what_the_table_says(name: str) -> None:
    raw = raw_of(name)
    with time_limit(10):
        found = read_case(name, raw)
    assert found == expected(name)


def test_the_table_and_the_folder_hold_the_same_files() -> None:
    on_disk = {path.relative_to(CORPUS).as_posix() for path in CORPUS.rglob("*")
               if path.is_file() and path.name != "expected.toml"}
    assert on_disk == set(TABLE) - set(GENERATED)
    assert set(GENERATED) <= {name for name, entry in TABLE.items() if "generated" in entry}


@pytest.mark.parametrize("name", sorted(TABLE))
def test_each_entry_is_well_formed(name: str) -> None:
    entry = TABLE[name]
    assert set(entry) <= {"about", "generated", "loads", "errors", "warnings"}, entry
    assert entry.get("loads", False) != bool(entry.get("errors")), \
        "an entry either loads or lists its errors"
    for problem in entry.get("errors", []) + entry.get("warnings", []):
        line, _, message = problem.partition(": ")
        assert line.isdigit() and message, problem


def test_the_generated_post_is_as_big_as_promised() -> None:
    assert len(_huge_post()) >= 5_000_000


def test_the_corpus_covers_at_least_25_cases() -> None:
    assert len(TABLE) >= 25
