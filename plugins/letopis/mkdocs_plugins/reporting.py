"""Reporting the core's content problems through MkDocs' log, all at once."""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from letopis.core.problems import Problems

log = get_plugin_logger("letopis")


def report(problems: Problems, *, strict: bool, preview: bool = False) -> bool:
    """Log every problem; stop the build before anything is written if any is fatal.

    Warnings alone let a normal build go on. Under `--strict` MkDocs would only fail after
    writing the whole site, so the build is stopped here instead. A preview (`mkdocs serve`)
    is not stopped: True tells the caller to keep the last good build served (last_good.py).
    """
    for problem in problems.warnings:
        log.warning(str(problem))
    for problem in problems.errors:
        log.error(str(problem))
    if problems.errors:
        what = f"{_count(problems.errors, 'error')} in the content"
    elif strict and problems.warnings:
        what = f"{_count(problems.warnings, 'warning')} in the content with --strict"
    else:
        return False
    if preview:
        log.error(f"{what}: the preview keeps showing the last good build; fix the files named "
                  "above and save")
        return True
    raise PluginError(f"{what}: the site was not built; fix the files named above")


def _count(items: list, noun: str) -> str:
    return f"1 {noun}" if len(items) == 1 else f"{len(items)} {noun}s"
