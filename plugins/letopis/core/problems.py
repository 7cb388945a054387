"""Content problems as values: collected while loading, reported all at once by the adapter."""

from __future__ import annotations

import enum
import reprlib
from collections.abc import Iterable
from dataclasses import dataclass, field


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One mistake in one file; `line` is 1-based, or None when the whole file is concerned."""

    path: str
    line: int | None
    message: str
    severity: Severity = Severity.ERROR

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"


@dataclass
class Problems:
    """An ordered collection of problems with shortcuts for the two severities."""

    items: list[Problem] = field(default_factory=list)

    def error(self, path: str, line: int | None, message: str) -> None:
        self.items.append(Problem(path, line, _one_line(message), Severity.ERROR))

    def warning(self, path: str, line: int | None, message: str) -> None:
        self.items.append(Problem(path, line, _one_line(message), Severity.WARNING))

    def extend(self, other: Problems) -> None:
        self.items.extend(other.items)

    @property
    def errors(self) -> list[Problem]:
        return _in_file_order(p for p in self.items if p.severity is Severity.ERROR)

    @property
    def warnings(self) -> list[Problem]:
        return _in_file_order(p for p in self.items if p.severity is Severity.WARNING)

    @property
    def in_order(self) -> list[Problem]:
        """Errors and warnings together, in file order."""
        return _in_file_order(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)


class ContentError(Exception):
    """Raised by the core's entry points when content has errors; carries every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def _in_file_order(problems: Iterable[Problem]) -> list[Problem]:
    # Each told once: two plugins may read the same file, and a list may repeat one mistake.
    return sorted(dict.fromkeys(problems), key=lambda p: (p.path, p.line or 0))


def _one_line(message: str) -> str:
    # A problem is one line of the log, whatever value it quotes: `date: "2014-05-20\nx"`.
    if "\n" not in message and "\r" not in message:
        return message
    return message.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


# Values quoted in messages are cut short: a wrong value may be a whole page of text.
_SHOWN = reprlib.Repr()  # (keyword arguments need Python 3.12)
_SHOWN.maxstring = _SHOWN.maxother = 60


def shown(value: object) -> str:
    """`repr(value)` for a message, cut short (lists too, item by item)."""
    return _SHOWN.repr(value)


def shortened(text: str, limit: int = 60) -> str:
    """Text for a message, cut to `limit` characters."""
    return text if len(text) <= limit else text[: limit - 1] + "…"
