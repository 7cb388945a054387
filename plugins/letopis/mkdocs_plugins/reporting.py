"""Reporting the core's content problems through MkDocs' log, all at once.

The summary lines are in the language of the problems themselves (core/messages.py).
"""

from __future__ import annotations

from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from letopis.core.l10n import Localizer
from letopis.core.messages import language, say
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
        what = say("errors_in_content", count=_count("errors", problems.errors))
    elif strict and problems.warnings:
        what = say("warnings_strict", count=_count("warnings", problems.warnings))
    else:
        return False
    if preview:
        log.error(say("preview_kept", what=what))
        return True
    raise PluginError(say("not_built", what=what))


def _count(noun: str, items: list) -> str:
    """«1 ошибка», «5 ошибок»: the catalog's plural forms, in the language of the messages."""
    return Localizer(language()).count(noun, len(items))
