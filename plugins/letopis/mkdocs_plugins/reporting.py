"""Reporting the core's content problems through MkDocs' log, all at once."""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from letopis.core.problems import Problems

log = get_plugin_logger("letopis")


def report(problems: Problems, *, strict: bool) -> None:
    """Log every problem; stop the build before anything is written if any is fatal.

    Warnings alone let a normal build go on. Under `--strict` MkDocs would only fail after
    writing the whole site, so the build is stopped here instead.
    """
    for problem in problems.warnings:
        log.warning(str(problem))
    for problem in problems.errors:
        log.error(str(problem))
    if problems.errors:
        raise PluginError(f"{_count(problems.errors, 'error')} in the content: the site was "
                          "not built; fix the files named above")
    if strict and problems.warnings:
        raise PluginError(f"{_count(problems.warnings, 'warning')} in the content with --strict: "
                          "the site was not built; fix the files named above")


def _count(items: list, noun: str) -> str:
    return f"1 {noun}" if len(items) == 1 else f"{len(items)} {noun}s"
