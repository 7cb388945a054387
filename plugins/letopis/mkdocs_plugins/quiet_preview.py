"""A quiet `make serve` log: MkDocs' notices that say nothing to an editor are left out, and each
rebuild is told in one line («пересобрано: 7 страниц за 0,4 с»).

Left out, in a preview only: the warning that `--dirty` may leave navigation inaccurate (Letopis'
fast preview re-renders every page that shows what changed, see preview.py), and, while a
rebuild with content errors writes nothing (last_good.py), MkDocs' note that each page of the
nav is excluded from the built site.
"""

from __future__ import annotations

import logging
import time

from babel.numbers import format_decimal
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.pages import Page

from letopis.core.l10n import Localizer

log = get_plugin_logger("letopis")

# The loggers of the two engines (engine.py): ProperDocs logs under its own name.
_ENGINES = ("mkdocs", "properdocs")


class _Unsaid(logging.Filter):
    """Drops the records of one logger whose message starts with `start` and holds `holds`."""

    def __init__(self, start: str, holds: str = "") -> None:
        super().__init__()
        self.start, self.holds = start, holds
        self.active = True

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.active:
            return True
        message = record.getMessage()
        return not (message.startswith(self.start) and self.holds in message)


_DIRTY = _Unsaid("A 'dirty' build is being performed")
_EXCLUDED_NAV = _Unsaid("A reference to '", "excluded from the built site")


def quiet(*, dirty: bool) -> None:
    """Install the filters for this process (`mkdocs serve`); called once, at on_startup."""
    for engine in _ENGINES:
        if dirty:
            _add(logging.getLogger(f"{engine}.commands.build"), _DIRTY)
        _add(logging.getLogger(f"{engine}.structure.nav"), _EXCLUDED_NAV)
    _EXCLUDED_NAV.active = False


def nav_exclusions_unsaid(unsaid: bool) -> None:
    """A rebuild with content errors excludes every file on purpose: say nothing of the nav."""
    _EXCLUDED_NAV.active = unsaid


def _add(logger: logging.Logger, unsaid: _Unsaid) -> None:
    if unsaid not in logger.filters:
        logger.addFilter(unsaid)


class RebuildSummary(BasePlugin):
    """Counts the pages rendered between on_pre_build and on_post_build. Not listed in
    mkdocs.yml: last_good.py adds it to each preview build's plugins (see `attach`)."""

    NAME = "letopis/rebuild-summary"

    def __init__(self) -> None:
        self.pages = 0
        self.builds = 0
        self._started = 0.0

    def attach(self, config: MkDocsConfig) -> None:
        """Called at on_pre_build. MkDocs registers a plugin's events when it is added to the
        plugin collection, which is made anew for every rebuild; on_post_page has not run yet.
        """
        self.pages = 0
        self._started = time.perf_counter()
        if self.NAME not in config.plugins:
            config.plugins[self.NAME] = self

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        self.pages += 1
        return output

    def tell(self, localizer: Localizer | None) -> None:
        """One line for a rebuild that succeeded, in the site's language."""
        seconds = time.perf_counter() - self._started
        first = self.builds == 0
        self.builds += 1
        if localizer is None:  # letopis/archive could not read its configuration
            return
        strings = localizer.catalog["preview"]
        shown = format_decimal(round(seconds, 1), format="0.0", locale=localizer.locale)
        log.info(strings["built" if first else "rebuilt"].format(
            pages=localizer.count("pages", self.pages), seconds=shown))
