"""`letopis/search`: Russian full-text search that finds word forms. Pagefind indexes the
built pages (stemming Russian: «клиентов» finds «клиенты») as they are written, the search page
shows its results, and the header's search box leads there.

A large archive is indexed in shards (core/search_shards.py), a bundle each, merged by the
search page; `letopis build` keeps each shard's bundle in the build cache (search_cache.py),
so that publishing one post indexes one shard again.

Material's own search matches prefixes only in Russian (its query wildcard skips the stemmer),
so it is not used; its header search needs its plugin, hence Letopis' own header partial.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import os
import shutil
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
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

from letopis.core.build_cache import build_started, digest
from letopis.core.messages import say
from letopis.core.search_shards import Month, shards

from .archive import ArchivePlugin, _docs_dir_as_shown
from .build_cache import ENV as CACHE_ENV
from .options import Count
from .pagefind_index import (
    PagefindIndex,
    forget_folders,
    remove_staging,
    stage,
    staged_folder,
)
from .parallel import in_parent
from .search_cache import BundleCache, KeptStaging, Staged, shard_key
from .shared import archive_plugin, dest_taken

BUNDLE = "pagefind"  # the (first) index's folder in the site; the next ones: pagefind-2, …
QUIET = 1.5  # seconds without a rebuild before the preview's search index is made again
log = get_plugin_logger("letopis")


class SearchConfig(base.Config):
    # Where the search page lives.
    search_url = c.Type(str, default="search/")
    template = c.Type(str, default="letopis/search.html")
    # Searchable pages per search bundle (core/search_shards.py): bounds the indexer's memory
    # (about 90 MB per thousand pages) and what one changed post costs to index again.
    bundle_pages = Count(default=2000)


@dataclass
class _Shard:
    """One search bundle of a build: its folder in the site, how many of its pages are not
    written yet, and those written."""

    number: int
    waiting: int
    written: list[File] = field(default_factory=list)

    @property
    def folder(self) -> str:
        return BUNDLE if self.number == 0 else f"{BUNDLE}-{self.number + 1}"

    @property
    def staging(self) -> str:
        return f"shard-{self.number}"


@dataclass
class _Running:
    index: PagefindIndex
    shard: _Shard
    key: str | None
    kept: Staged | None  # its pages staged in the build cache, not in the site


class SearchPlugin(BasePlugin[SearchConfig]):
    def __init__(self) -> None:
        self._archive: ArchivePlugin | None = None
        self._src_uri = ""
        self._preview = False
        self._shards: list[_Shard] = []
        self._shard_of: dict[str, _Shard] = {}  # searchable pages not rendered yet, by src_uri
        self._unwritten: list[tuple[File, _Shard]] = []  # rendered, on disk at the next page
        self._running: _Running | None = None  # `mkdocs build`: one indexer at a time
        # Written shards go to one thread of their own, in order (see `_hand_over`).
        self._shard_thread: concurrent.futures.ThreadPoolExecutor | None = None
        self._shard_work: list[concurrent.futures.Future[None]] = []
        self._cache: BundleCache | None = None  # `letopis build`: bundles kept between builds
        self._kept_staging: KeptStaging | None = None  # and the shards' staged pages
        self._counts = [0, 0]  # bundles indexed, taken from the cache
        self._started = build_started()
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
        folder = os.environ.get(CACHE_ENV)
        self._started = build_started()
        self._cache = BundleCache(Path(folder) / "search") if folder and not self._preview \
            else None
        self._kept_staging = KeptStaging(Path(folder) / "search-staging") \
            if self._cache is not None else None

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
            # The search page's bundles, the first one loaded, the others merged into it; the
            # search page declares them (on_files), the render cache keys it by them.
            "bundles": self._bundles(),
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
        """Searchable pages (posts, issues) are rendered first, shard by shard: once a shard's
        pages are written, Pagefind indexes them on the second core while MkDocs renders the
        rest, last of all the archives, which repeat posts and are not searched (they carry
        no data-pagefind-body)."""
        assert self._archive is not None
        journal = config.plugins.get("letopis/journal")
        months: dict[str, Month] = {
            source: (post.published.year, post.published.month)
            for source, post in self._archive.posts.items()}
        months.update((source, (page.view.issue.year, 0))
                      for source, page in getattr(journal, "issue_pages", {}).items())
        present = [f.src_uri for f in files.documentation_pages(inclusion=self._archive.reads)
                   if f.src_uri in months]
        # The preview indexes everything at once, after each rebuild: one bundle.
        plan = [present] if self._preview else \
            shards(((months[src_uri], src_uri) for src_uri in present),
                   self.config.bundle_pages)
        self._shards = [_Shard(number, len(sources)) for number, sources in enumerate(plan)]
        self._shard_of = {src_uri: shard for shard, sources in zip(self._shards, plan,
                                                                   strict=True)
                          for src_uri in sources}
        self._unwritten, self._running, self._counts = [], None, [0, 0]
        self._archive.depends(self._src_uri, tuple(self._bundles()))
        forget_folders()
        order = {src_uri: shard.number for src_uri, shard in self._shard_of.items()}
        return Files(sorted((f for f in files if f.src_uri in order),
                            key=lambda f: order[f.src_uri])
                     + [f for f in files if f.src_uri not in order])

    def _bundles(self) -> list[str]:
        return [f"{shard.folder}/" for shard in self._shards] or [f"{BUNDLE}/"]

    on_files = CombinedEvent(_add_search_page, _searchable_first)

    @in_parent  # `letopis build --jobs`: one indexer, fed in page order by the parent
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        self._take_written(Path(config.site_dir))  # the previous page is on disk by now
        if (shard := self._shard_of.pop(page.file.src_uri, None)) is not None:
            self._unwritten.append((page.file, shard))
        return output

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        self._take_written(site)
        if self._preview:
            # `mkdocs serve` shows the pages at once; the index follows a moment later, and
            # a rebuild never waits for the previous one's index.
            if not (self._archive and self._archive.keeping_last_good):
                self._preview_indexer.request(site)
            return
        try:
            # A searchable page that was not written (none should be) leaves its shard
            # waiting: it is indexed with what it has.
            for shard in self._shards:
                if shard.waiting:
                    shard.waiting = 0
                    self._hand_over(site, shard)
            self._await_shards()
            self._finish_running(site)
        finally:
            self._stop_shard_thread()
            remove_staging(site)
        if self._cache is not None:
            log.info(say("search_bundle_counts", indexed=self._counts[0],
                         cached=self._counts[1]))
            # Bounded: the least recently used go first, this build's bundles never.
            self._cache.prune_if_due(used_since=self._started)
        if self._kept_staging is not None:
            self._kept_staging.forget(shards=len(self._shards))

    def on_build_error(self, *, error: Exception) -> None:
        self._stop_shard_thread()
        if self._running is not None:
            running, self._running = self._running, None
            # The build has failed already (perhaps the indexer with it): its error is told.
            with contextlib.suppress(Exception):
                running.index.close()
            if running.kept is not None:
                running.kept.release()

    def on_shutdown(self) -> None:
        self._preview_indexer.stop()

    def _take_written(self, site: Path) -> None:
        for file, shard in self._unwritten:
            if self._preview:  # indexed after the build, in the background
                stage(Path(file.abs_dest_path), site, file.dest_uri, "all")
                continue
            shard.written.append(file)
            shard.waiting -= 1
            if not shard.waiting:
                self._hand_over(site, shard)
        self._unwritten = []

    def _hand_over(self, site: Path, shard: _Shard) -> None:
        """`_shard_done` in the shard thread, so that the page loop goes on meanwhile: reading
        back and digesting a shard's couple of thousand pages, then restoring its bundle or
        staging its pages, took most of the parent's time in a warm `letopis build`. One
        thread keeps the shards in order and one indexer at a time. A shard that failed
        stops the build at the next page."""
        for done in self._shard_work:
            if done.done() and done.exception() is not None:
                self._await_shards()  # raises it
        if self._shard_thread is None:
            self._shard_thread = concurrent.futures.ThreadPoolExecutor(
                max_workers=1, thread_name_prefix="letopis-shards")
        self._shard_work.append(self._shard_thread.submit(self._shard_done, site, shard))

    def _await_shards(self) -> None:
        """Wait for the shards handed over; the first failure is raised, and nothing after it
        is started."""
        try:
            for work in self._shard_work:
                work.result()
        except BaseException:
            self._stop_shard_thread()
            raise
        self._shard_work = []

    def _stop_shard_thread(self) -> None:
        if self._shard_thread is not None:
            self._shard_thread.shutdown(wait=True, cancel_futures=True)
        self._shard_thread, self._shard_work = None, []

    def _shard_done(self, site: Path, shard: _Shard) -> None:
        """Every page of `shard` is written: its bundle comes from the cache, or its pages are
        staged and the indexer starts on them (once the previous shard's bundle is written:
        one indexer at a time bounds the memory). Runs in the shard thread (`_hand_over`)."""
        bundle = site / shard.folder
        key = kept = None
        if self._cache is not None:
            # Keyed by the written pages: what is staged of them follows from their bytes
            # (and Letopis' code, in the key), and a shard taken from the cache is not staged.
            pages = [(Path(file.abs_dest_path), file.dest_uri,
                      digest(Path(file.abs_dest_path).read_bytes())) for file in shard.written]
            key = shard_key([(address, page_digest) for _, address, page_digest in pages])
            if self._cache.restore(key, bundle):
                self._counts[1] += 1
                return
        self._finish_running(site)
        if self._kept_staging is not None:  # made with the cache: `pages` is there
            kept = self._kept_staging.stage(shard.number, pages)
        if kept is not None:
            folder = kept.folder
        else:
            folder = staged_folder(site, shard.staging)
            folder.mkdir(parents=True, exist_ok=True)  # a site with nothing to search
            for file in shard.written:
                stage(Path(file.abs_dest_path), site, file.dest_uri, shard.staging)
        with _indexer_errors():
            try:
                index = PagefindIndex()
            except BaseException:
                if kept is not None:
                    kept.release()
                raise
            self._running = _Running(index, shard, key, kept)
            index.add_folder(folder)
            shutil.rmtree(bundle, ignore_errors=True)  # an older one, in a recycled site folder
            index.write(bundle)

    def _finish_running(self, site: Path) -> None:
        if self._running is None:
            return
        running, self._running = self._running, None
        bundle = site / running.shard.folder
        try:
            with _indexer_errors():
                running.index.finish(bundle)
        finally:
            if running.kept is not None:
                running.kept.release()
        self._counts[0] += 1
        if self._cache is not None and running.key is not None:  # a key only with a cache
            self._cache.keep(running.key, bundle)
        if running.kept is None:
            shutil.rmtree(staged_folder(site, running.shard.staging), ignore_errors=True)


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
