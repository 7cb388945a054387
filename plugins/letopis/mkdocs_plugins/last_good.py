"""In `mkdocs serve`, a content error is printed and the last good build stays served.

MkDocs' live server answers no request while a rebuild that raised is pending ("the server
will appear stuck"), and a clean rebuild empties the served folder before plugins see the
files. So in a preview Letopis does not raise for content errors: it prints them, marks every
file excluded (nothing is rendered or copied), sends what MkDocs still writes (404.html, the
sitemap, feeds) to a folder thrown away after the build, and — for a clean rebuild — puts back
the previous build's folder, moved aside before MkDocs emptied it. A build (`mkdocs build`)
still stops with an error: it must never publish a partial site.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel


class LastGoodSite:
    def __init__(self, *, dirty: bool) -> None:
        self._dirty = dirty  # a dirty rebuild writes over the previous one and never empties it
        self._saved: Path | None = None  # the previous build, moved aside
        self._served: Path | None = None
        self._discarded: Path | None = None
        self.keeping = False  # this rebuild had errors: it writes nothing that is served

    def before_build(self, config: MkDocsConfig) -> None:
        """on_pre_build, which runs before MkDocs empties the site folder."""
        self.keeping = False
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
        self._discarded = Path(tempfile.mkdtemp(prefix="letopis-discarded-"))
        config.site_dir = str(self._discarded)
        for file in files:  # kept, so that the nav of mkdocs.yml finds what it names
            file.inclusion = InclusionLevel.EXCLUDED
        return files

    def after_build(self) -> None:
        """The last on_post_build, or on_build_error: forget or restore the previous build."""
        if self.keeping:
            self._restore()
        elif self._saved is not None:
            shutil.rmtree(self._saved, ignore_errors=True)
            self._saved = None
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

