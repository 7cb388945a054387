"""`letopis/search`: Russian full-text search that finds word forms. Pagefind indexes the
built pages (stemming Russian: «клиентов» finds «клиенты») as they are written, the search page
shows its results, and the header's search box leads there.

Material's own search matches prefixes only in Russian (its query wildcard skips the stemmer),
so it is not used; its header search needs its plugin, hence Letopis' own header partial.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Literal
from urllib.parse import unquote, urlsplit

from jinja2 import Environment
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from letopis.core.messages import say

from .archive import ArchivePlugin, _docs_dir_as_shown
from .pagefind_index import (
    BATCH,
    PagefindIndex,
    forget_folders,
    remove_staging,
    stage,
    staged_folder,
)
from .parallel import in_parent
from .shared import archive_plugin, dest_taken

BUNDLE = "pagefind"  # the index's folder in the site
QUIET = 1.5  # seconds without a rebuild before the preview's search index is made again
log = get_plugin_logger("letopis")


class SearchConfig(base.Config):
    # Where the search page lives.
    search_url = c.Type(str, default="search/")
    template = c.Type(str, default="letopis/search.html")


class SearchPlugin(BasePlugin[SearchConfig]):
    def __init__(self) -> None:
        self._archive: ArchivePlugin | None = None
        self._src_uri = ""
        self._preview = False
        self._waiting: set[str] = set()  # searchable pages not rendered yet in this build
        self._unstaged: list[File] = []  # rendered, to be staged once written
        self._index: PagefindIndex | None = None  # `mkdocs build`: filled batch by batch
        self._batch = 0
        self._in_batch = 0
        self._preview_indexer = _PreviewIndexer()  # `mkdocs serve`: after each build

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"],
                   dirty: bool) -> None:
        # Defining on_startup also keeps this plugin across `mkdocs serve` rebuilds, so that
        # an index still running from the previous one is awaited, not abandoned, and the
        # staged pages of earlier rebuilds are indexed again with the changed ones.
        self._preview = command == "serve"

    def on_config(self, config: MkDocsConfig) -> None:
        self._archive = archive_plugin(config, "letopis/search")
        if "material/search" in config.plugins:
            raise PluginError(say("search_replaces"))

    @event_priority(-40)
    def _add_search_page(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self._archive is not None
        self._src_uri = unquote(self.config.search_url) + "index.md"
        page = File.generated(config, self._src_uri, content="",
                              inclusion=InclusionLevel.NOT_IN_NAV)
        if (other := dest_taken(files).get(page.dest_uri)) is not None:
            self._archive.problems.error(f"{_docs_dir_as_shown(config)}/{other.src_uri}", None,
                                         say("search_address"))
            return files
        files.append(page)
        return files

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        # For the header's search form, on every page.
        env.globals["letopis_search"] = {
            "url": self.config.search_url,
            # Pagefind's results are paths from the site root; a site published under a
            # folder (GitHub Pages: /<repository>/) needs that folder in front of them.
            "base": urlsplit(config.site_url or "/").path or "/",
        }
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        if page.file.src_uri == self._src_uri:
            assert self._archive is not None and self._archive.context is not None
            page.meta.setdefault("template", self.config.template)
            page.meta.setdefault("title", self._archive.context.localizer.ui["search"])
            page.meta.setdefault("robots", "noindex")  # results pages are not content
        return markdown

    @event_priority(-90)  # once every plugin has added its pages
    def _searchable_first(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Searchable pages (posts, issues) are rendered first: once they are written, Pagefind
        indexes them on the second core while MkDocs renders the archives, which repeat posts
        and are not searched (they carry no data-pagefind-body)."""
        assert self._archive is not None
        journal = config.plugins.get("letopis/journal")
        searchable = set(self._archive.posts) | set(getattr(journal, "issue_pages", {}))
        self._waiting = {f.src_uri for f in files.documentation_pages(
            inclusion=self._archive.reads) if f.src_uri in searchable}
        self._unstaged, self._batch, self._in_batch = [], 0, 0
        forget_folders()
        return Files([f for f in files if f.src_uri in searchable]
                     + [f for f in files if f.src_uri not in searchable])

    on_files = CombinedEvent(_add_search_page, _searchable_first)

    @in_parent  # `letopis build --jobs`: one indexer, fed in page order by the parent
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        site = Path(config.site_dir)
        self._stage_written(site)  # the previous page is on disk by now
        if page.file.src_uri in self._waiting:
            self._waiting.discard(page.file.src_uri)
            self._unstaged.append(page.file)
        elif not self._waiting and not self._preview and self._index is not None \
                and self._in_batch:
            # Every searchable page is written: the last of them are indexed while MkDocs
            # renders the archives, which come last. The bundle is written at the end
            # (on_post_build), once the workers of `letopis build --jobs` have ended: writing
            # it is the indexer's peak of memory (¾ GB at 10,000 posts), which must not come
            # on top of theirs (measured: 1.6 GB for the build then, 1.2 GB this way).
            self._index_batch(site)
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        self._stage_written(site)
        if self._preview:
            # `mkdocs serve` shows the pages at once; the index follows a moment later, and
            # a rebuild never waits for the previous one's index.
            if not (self._archive and self._archive.keeping_last_good):
                self._preview_indexer.request(site)
            return
        if self._in_batch or self._index is None:
            self._index_batch(site)
        index, self._index = self._index, None
        try:
            with _indexer_errors():
                index.finish(site / BUNDLE)
        finally:
            remove_staging(site)

    def on_build_error(self, *, error: Exception) -> None:
        if self._index is not None:
            index, self._index = self._index, None
            # The build has failed already (perhaps the indexer with it): its error is told.
            with contextlib.suppress(Exception):
                index.close()

    def on_shutdown(self) -> None:
        self._preview_indexer.stop()

    def _stage_written(self, site: Path) -> None:
        for file in self._unstaged:
            stage(Path(file.abs_dest_path), site, file.dest_uri,
                  "all" if self._preview else f"batch-{self._batch}")
            self._in_batch += 1
            if self._in_batch == BATCH and not self._preview:
                self._index_batch(site)
        self._unstaged = []

    def _index_batch(self, site: Path) -> None:
        with _indexer_errors():
            if self._index is None:
                self._index = PagefindIndex()
            self._index.add_folder(staged_folder(site, f"batch-{self._batch}"))
        self._batch += 1
        self._in_batch = 0



@contextlib.contextmanager
def _indexer_errors() -> Iterator[None]:
    """The indexer is a separate program (missing, or failing at any step): whatever it fails
    with stops the build with one message, never a traceback."""
    try:
        yield
    except Exception as exc:
        raise PluginError(say("search_index_failed", reason=exc)) from exc


class _PreviewIndexer:
    """Indexes the preview in a background thread after each rebuild; a request made while an
    index is running is served once it ends (by one more index, covering every request)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._site: Path | None = None  # requested and not yet indexed
        self._requested = 0.0  # when, by time.monotonic()
        self._thread: threading.Thread | None = None

    def request(self, site: Path) -> None:
        with self._lock:
            self._requested = time.monotonic()
            self._site = site
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, daemon=True,
                                                name="letopis-pagefind")
                self._thread.start()

    def _run(self) -> None:
        while True:
            # Indexing thousands of pages takes seconds of both cores: it waits until the
            # editor pauses, and then yields to any rebuild (background priority).
            while time.monotonic() - self._requested < QUIET:
                time.sleep(0.2)
            with self._lock:
                site, self._site = self._site, None
                if site is None:
                    self._thread = None
                    return
            try:
                index = PagefindIndex(background=True)
                index.add_folder(staged_folder(site, "all"))
                index.finish(site / BUNDLE)
            except Exception as exc:  # a preview goes on without a fresh index
                log.warning(say("search_preview_failed", reason=exc))

    def stop(self) -> None:
        with self._lock:
            thread, self._site = self._thread, None
        if thread is not None:
            # An index being made is of no use once the server stops; the indexer process
            # ends with the server (it reads its requests from the server's pipe).
            thread.join(timeout=QUIET + 1)
