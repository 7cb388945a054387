"""The engine that builds the site: MkDocs 1.6, or ProperDocs, its maintained fork, which runs
the same plugins on the same mkdocs.yml. The plugins import `mkdocs.*`; ProperDocs answers
those imports itself when it runs them. Code that runs outside the engine (the `letopis`
command, the tests) calls `import_engine()` first.

LETOPIS_ENGINE=properdocs chooses the fork where both are installed.
"""

from __future__ import annotations

import importlib.util
import os

ENGINES = ("mkdocs", "properdocs")


class EngineError(RuntimeError):
    """No engine, or an unknown one, is asked for; the message says what to install."""


def engine_name() -> str:
    chosen = os.environ.get("LETOPIS_ENGINE", "").strip()
    if chosen:
        if chosen not in ENGINES:
            raise EngineError(f'LETOPIS_ENGINE="{chosen}": expected one of {", ".join(ENGINES)}')
        return chosen
    for name in ENGINES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise EngineError("neither MkDocs nor ProperDocs is installed: pip install mkdocs")


def import_engine() -> str:
    """Make `mkdocs.*` importable from the chosen engine; return its name."""
    name = engine_name()
    if name == "properdocs":
        try:
            # From here on, every `mkdocs.*` import is answered by `properdocs.*`.
            import properdocs.replacement  # noqa: F401
        except ImportError:
            raise EngineError("LETOPIS_ENGINE=properdocs, but ProperDocs is not installed: "
                              "pip install properdocs") from None
    return name
