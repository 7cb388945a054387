"""In `mkdocs serve`, a content error is printed and the last good build stays served.

MkDocs' live server answers no request while a rebuild that raised is pending ("the server
will appear stuck"), and a clean rebuild empties the served folder before plugins see the
files. So in a preview Letopis does not raise for content errors: it prints them, marks every
file excluded (nothing is rendered or copied), sends what MkDocs still writes (404.html, the
sitemap, feeds) to a folder thrown away after the build, and — for a clean rebuild — puts back
the previous build's folder, moved aside before MkDocs emptied it. A build (`mkdocs build`)
still stops with an error: it must never publish a partial site.

The preview also tells what happened: the errors of a rejected save go to the browser's
banner (preview_banner.py), and the log says in one line what each accepted rebuild rendered
(quiet_preview.py).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from letopis.core.l10n import Localizer
from letopis.core.problems import Problem

from .preview_banner import write_problems
from .quiet_preview import RebuildSummary, nav_exclusions_unsaid, quiet

if TYPE_CHECKING:
    from .archive import ArchivePlugin


class LastGoodSite:
    def __init__(self, *, dirty: bool) -> None:
        self._dirty = dirty  # a dirty rebuild writes over the previous one and never empties it
        self._saved: Path | None = None  # the previous build, moved aside
        self._served: Path | None = None
        self._discarded: Path | None = None
        self.keeping = False  # this rebuild had errors: it writes nothing that is served
        # Files excluded by keep_previous, with what they were: the fast preview (preview.py)
        # reuses File objects between rebuilds, so each is given back its level afterwards.
        self._excluded: list[tuple[File, InclusionLevel]] = []
        self._localizer: Localizer | None = None
        self._summary = RebuildSummary()
        quiet(dirty=dirty)

    def before_build(self, config: MkDocsConfig) -> None:
        """on_pre_build, which runs before MkDocs empties the site folder."""
        self.keeping = False
        self._summary.attach(config)
        self._localizer = _localizer(config)
        self._served = Path(config.site_dir)
        if self._dirty or not self._served.is_dir() or not any(self._served.iterdir()):
            return
        saved = Path(tempfile.mkdtemp(prefix="letopis-last-good-", dir=self._served.parent))
        saved.rmdir()
        self._served.rename(saved)  # the same filesystem: a rename, whatever the site's size
        self._served.mkdir()
        self._saved = saved

    def keep_previous(self, files: Files, config: MkDocsConfig) -> Files:
        """Called when the content has errors: this rebuild shows nothing new."""
        self.keeping = True
        self._restore()
        if self._served is not None:  # the banner of every page served says why
            write_problems(self._served, _errors(config), self._localizer)
        self._discarded = Path(tempfile.mkdtemp(prefix="letopis-discarded-"))
        config.site_dir = str(self._discarded)
        self._excluded = [(file, file.inclusion) for file in files]
        for file in files:  # kept, so that the nav of mkdocs.yml finds what it names
            file.inclusion = InclusionLevel.EXCLUDED
        nav_exclusions_unsaid(True)
        return files

    def after_build(self) -> None:
        """The last on_post_build, or on_build_error: forget or restore the previous build."""
        for file, inclusion in self._excluded:
            file.inclusion = inclusion
        self._excluded = []
        nav_exclusions_unsaid(False)
        if self.keeping:
            self._restore()
        else:
            if self._saved is not None:
                shutil.rmtree(self._saved, ignore_errors=True)
                self._saved = None
            if self._served is not None:  # accepted: the banner goes
                write_problems(self._served, [], self._localizer)
            self._summary.tell(self._localizer)
        if self._discarded is not None:
            shutil.rmtree(self._discarded, ignore_errors=True)
            self._discarded = None

    def failed(self) -> None:
        """on_build_error: whatever failed, the folder served holds the previous build."""
        self.keeping = True
        self.after_build()

    def _restore(self) -> None:
        if self._saved is None or self._served is None:
            return
        shutil.rmtree(self._served, ignore_errors=True)
        self._saved.rename(self._served)
        self._saved = None


def _archive(config: MkDocsConfig) -> ArchivePlugin | None:
    """letopis/archive, which made this object: the problems and the localizer are read from
    it rather than passed, so that its calls here stay as they are."""
    from .archive import ArchivePlugin  # imported here: archive.py imports this module

    plugin = config.plugins.get("letopis/archive")
    return plugin if isinstance(plugin, ArchivePlugin) else None


def _localizer(config: MkDocsConfig) -> Localizer | None:
    archive = _archive(config)
    return archive.context.localizer if archive and archive.context else None


def _errors(config: MkDocsConfig) -> list[Problem]:
    archive = _archive(config)
    return archive.problems.errors if archive else []
