"""Option types of the Letopis plugins' configuration whose refusals are said in the site's
language (MkDocs' own say "Expected type: <class 'int'>…" in English)."""

from __future__ import annotations

from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import ValidationError

from letopis.core.messages import say


class Count(c.Type[int]):
    """A whole number of at least `least` (a page size, a number of posts or pages)."""

    def __init__(self, *, default: int | None = None, least: int = 1) -> None:
        super().__init__(int, default=default)
        self.least = least

    def run_validation(self, value: Any) -> int:
        # bool is an int to Python; `page_size: yes` is a mistake, not 1.
        if isinstance(value, bool) or not isinstance(value, int) or value < self.least:
            raise ValidationError(say("option_count", least=self.least, value=value))
        return value
