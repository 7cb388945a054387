"""The words of content problems (`file:line: message`) and of the build's summary lines.

Editors see these on every `letopis check` and every build, so they are in the site's
language: Russian by default, English where the site's `locale:` says `en`. The texts live in
the `[problems]` table of the catalogs (`locales/<language>.toml`, keyed by a short id, with
`{placeholders}`), next to the interface strings, rather than in the code: one place to read
and correct the wording, and the core stays framework-free (plain TOML, no gettext step).

The language is one module-level setting rather than an argument threaded through every
loader: problems are made deep inside the core (a YAML value, a date), and one build or one
CLI run speaks one language. It is set once per run (`set_language`) from letopis/archive's
`locale:`: by the `letopis` command (cli.py, which already knows the site's language), and for
a build by letopis/archive's on_config, where the locale is read. Until then it is Russian.
Values quoted in messages keep the conventions of `problems.shown`.

Other tables of the catalogs that speak the same one language per run are read with
`say_from`: the WordPress importer's words are in `[wordpress]` (see wordpress/words.py).
"""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any

DEFAULT = "ru"
LANGUAGES = ("ru", "en")

_language = DEFAULT


def set_language(code: str) -> None:
    """Speak `code` ("en", "en_GB", "ru-RU", …) from now on; anything but English is Russian."""
    global _language
    _language = "en" if code.lower().replace("-", "_").split("_")[0] == "en" else DEFAULT


def language() -> str:
    return _language


def say(message: str, /, **values: Any) -> str:
    """The message `message` (a key of the `[problems]` table) in the active language, with
    its `{placeholders}` filled in from `values`."""
    return say_from("problems", message, **values)


def say_from(table: str, message: str, /, **values: Any) -> str:
    """The message `message` of the catalog's table `table`, as `say` does for `[problems]`."""
    return _catalog(_language)[table][message].format(**values)


@lru_cache(maxsize=len(LANGUAGES))
def _catalog(code: str) -> dict[str, Any]:
    entry = resources.files("letopis.core") / "locales" / f"{code}.toml"
    return tomllib.loads(entry.read_text(encoding="utf-8"))
