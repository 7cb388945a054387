"""Typed reading of a YAML mapping (front matter, a list item, a registry entry), recording
every problem with its file and line instead of stopping at the first."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .messages import say
from .problems import Problems, shown
from .yaml_mapping import KeyPath, YamlData


@dataclass(frozen=True)
class Fields:
    """The mapping at `prefix` inside `data` (the whole front matter when prefix is ())."""

    data: YamlData
    path: str  # the file, as shown to editors
    problems: Problems
    prefix: KeyPath = ()
    mapping: dict[str, Any] | None = None  # defaults to data.value

    @property
    def values(self) -> dict[str, Any]:
        return self.data.value if self.mapping is None else self.mapping

    def line(self, *key: str | int) -> int:
        return self.data.line_of(*self.prefix, *key)

    def error(self, key: str | int | None, message: str) -> None:
        self.problems.error(self.path, self.line(*(() if key is None else (key,))), message)

    def has(self, key: str) -> bool:
        return self.values.get(key) is not None

    def warn_unknown(self, known: Iterable[str], suggest: Iterable[str] | None = None) -> None:
        """Unknown keys are warnings (a typo like `catgories:` must not pass unnoticed)."""
        known = set(known)
        suggestions = sorted(set(suggest) if suggest is not None else known)
        for key in self.values:
            if key in known:
                continue
            guess = difflib.get_close_matches(str(key), suggestions, n=1)
            hint = say("did_you_mean", guess=guess[0]) if guess else ""
            self.problems.warning(self.path, self.line(key), say("unknown_key", key=key, hint=hint))

    def text(self, key: str, *, required: bool = False) -> str | None:
        value = self.values.get(key)
        if value is None:
            if required:
                self.error(key, say("missing" if key not in self.values else "empty", key=key))
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # `title: 1984` is the text 1984
        if not isinstance(value, str):
            self.error(key, say("not_text", key=key))
            return None
        value = value.strip()
        if required and not value:
            self.error(key, say("empty", key=key))
            return None
        return value

    def integer(self, key: str, *, required: bool = False, minimum: int = 1,
                maximum: int = 10_000) -> int | None:
        value = self.values.get(key)
        if value is None:
            if required:
                self.error(key, say("missing_number", key=key))
            return None
        if isinstance(value, bool) or not isinstance(value, int) or \
                not minimum <= value <= maximum:
            self.error(key, say("not_whole_number", key=key, minimum=minimum, maximum=maximum,
                                value=shown(value)))
            return None
        return value

    def flag(self, key: str, default: bool = False) -> bool:
        value = self.values.get(key, default)
        if not isinstance(value, bool):
            self.error(key, say("not_flag", key=key, value=shown(value)))
            return default
        return value

    def names(self, key: str, *, required: bool = False) -> list[str]:
        """A list of non-empty texts, duplicates dropped, in the order written."""
        value = self.values.get(key)
        if value is None:
            if required:
                self.error(key, say("missing_list", key=key))
            return []
        if not isinstance(value, list):
            self.error(key, say("not_list", key=key))
            return []
        if required and not value:
            self.error(key, say("empty", key=key))
        names: list[str] = []
        for item in value:
            if isinstance(item, int) and not isinstance(item, bool):
                item = str(item)
            if not isinstance(item, str) or not item.strip():
                self.error(key, say("not_name", key=key, value=shown(item)))
                continue
            if item.strip() not in names:
                names.append(item.strip())
        return names

    def items(self, key: str) -> list[Fields]:
        """The mappings of a list under `key` (e.g. the articles of an issue)."""
        value = self.values.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.error(key, say("not_entries", key=key))
            return []
        entries = []
        for index, item in enumerate(value):
            if not isinstance(item, dict):
                self.problems.error(self.path, self.line(key, index),
                                    say("not_entry", key=key))
                continue
            entries.append(Fields(self.data, self.path, self.problems,
                                  (*self.prefix, key, index), {str(k): v for k, v in item.items()}))
        return entries
