"""MkDocs plugins: thin adapters that hand the core's precomputed objects to the theme."""

from typing import Any


def letopis_own(hook_or_plugin: Any) -> bool:
    """Whether a plugin, or an event hook (a plugin's bound method), is Letopis' own: what
    another one does besides is not known to the parallel build and the caches."""
    return type(getattr(hook_or_plugin, "__self__", hook_or_plugin)).__module__.startswith(
        "letopis.")
