"""The importer's words, in the site's language: what it writes into the posts (link texts, the
title of an untitled item) and what it tells the editor (the report, the notes, why an export
cannot be read). They are the `[wordpress]` table of the core's catalogs, and the language is
the one `letopis` set for the run from the site's `locale:` (core/messages.py).

Each text is looked up when it is said, never when a module is imported: the command sets the
language after the importer's modules may have been loaded."""

from __future__ import annotations

from typing import Any

from letopis.core.messages import say_from


def say(key: str, /, **values: Any) -> str:
    return say_from("wordpress", key, **values)
