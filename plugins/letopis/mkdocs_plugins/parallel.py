"""Parallel rendering: `letopis build --jobs N` runs MkDocs' page loops in N worker processes.

`letopis build` starts `python -m letopis.mkdocs_plugins.parallel build …` with LETOPIS_JOBS=N
instead of `python -m mkdocs build …`; this module installs itself into MkDocs' build module
and hands over to MkDocs' own command line. Nothing changes for `mkdocs build` or `mkdocs serve`.

MkDocs 1.6 (and ProperDocs, its fork) builds in two loops over the documentation pages:
`_populate_page` (Markdown → HTML, the page hooks up to on_page_content) for every page, then
`on_env`, the static files and theme templates, then `_build_page` (the page template, written
to the site) for every page. Each loop is taken over at its first call, which receives all it
needs (the files; the pages to write): the remaining calls of the loop find their page done.
Copying `build()` instead would mean copying MkDocs' code; wrapping the two functions keeps
MkDocs' order of events as it is.

The workers are forked at that point, so they inherit the configuration, files, navigation,
archive index and Jinja environment copy-on-write. What a worker makes that the parent needs
travels back, batch by batch, and is merged in page order, so that the output is the same
whatever the number of workers:

- after the Markdown loop, each page's state (meta, HTML, table of contents, title, anchors
  for MkDocs' anchor validation) and what each plugin keeps per page: a plugin with such state
  defines `letopis_page_state(src_uri)` (what to send) and `letopis_take_page_state(src_uri,
  state)` (in the parent); e.g. a post's summary that the archive listings show;
- the log records (warnings count under --strict), replayed in the parent in page order;
- the first failure in page order, raised in the parent as the serial build would raise it.

A hook that must run in the parent (Pagefind staging: one indexer for the whole site) is
marked with `@in_parent`; workers skip it, and the parent calls it for every page, in order,
as each batch is written (with no output: it is on disk), while the workers render the next.

The page loops stay serial (with an info line saying why) when a plugin outside Letopis has
page hooks: its per-page state could not be known to travel back.
"""

from __future__ import annotations

import gc
import logging
import os
import pickle
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context
from types import ModuleType
from typing import Any, TypeVar

from letopis.core.jobs import ENV, batches, jobs_from
from letopis.core.messages import say
from letopis.mkdocs_plugins import letopis_own
from letopis.mkdocs_plugins.converted import LogCapture, converted, replay, take_converted

PAGE_EVENTS = ("pre_page", "page_read_source", "page_markdown", "page_content",
               "page_context", "post_page")
STATE = "letopis_page_state"
TAKE_STATE = "letopis_take_page_state"
IN_PARENT = "letopis_in_parent"

F = TypeVar("F", bound=Callable[..., Any])


def in_parent(method: F) -> F:
    """Mark an on_post_page hook to run in the parent process, after the workers have written
    the page (see the module's docstring)."""
    setattr(method, IN_PARENT, True)
    return method


@dataclass
class _Batch:
    """What a worker sends back for one batch of pages."""

    records: list[logging.LogRecord] = field(default_factory=list)
    pages: list[dict[str, Any]] = field(default_factory=list)  # the Markdown loop's results
    error: BaseException | None = None


# The work of the current loop, set by the parent just before it forks: the workers inherit it.
_work: Callable[[range], _Batch] | None = None
_capture: LogCapture | None = None


def _run_batch(indices: range) -> _Batch:
    """In a worker: one batch, with the log captured."""
    assert _work is not None and _capture is not None
    _capture.records = []
    batch = _work(indices)
    batch.records = _capture.records
    return batch


def _start_worker(logger_name: str) -> None:
    global _capture
    _capture = LogCapture()
    logger = logging.getLogger(logger_name)
    for handler in list(logger.handlers):  # the console and --strict's counter are the parent's
        logger.removeHandler(handler)
    logger.addHandler(_capture)


def _picklable(error: BaseException) -> BaseException:
    """`error` if it can travel to the parent, else a PluginError with its message."""
    try:
        pickle.dumps(error)
        return error
    except Exception:
        from mkdocs.exceptions import PluginError

        return PluginError(f"{type(error).__name__}: {error}")


class ParallelBuild:
    """Installed into MkDocs' build module; runs its two page loops in `jobs` processes."""

    def __init__(self, build: ModuleType, jobs: int) -> None:
        self.build = build
        self.jobs = jobs
        self.logger_name = build.log.name.split(".")[0]  # "mkdocs", or "properdocs"
        self.populate_page = build._populate_page
        self.build_page = build._build_page
        self.populated: set[str] = set()
        self.written: set[str] = set()
        self.serial: bool | None = None  # decided at the first page

    def install(self) -> None:
        self.build._populate_page = self._populate_page
        self.build._build_page = self._build_page

    # The Markdown loop.

    def _populate_page(self, page: Any, config: Any, files: Any, dirty: bool = False) -> None:
        if self.serial is None:
            self.serial = self._stays_serial(config)
            if not self.serial:
                self._populate_all(config, files, dirty)
        if page.file.src_uri not in self.populated:
            self.populate_page(page, config, files, dirty)

    def _populate_all(self, config: Any, files: Any, dirty: bool) -> None:
        from mkdocs.structure.files import InclusionLevel
        from mkdocs.structure.pages import Page

        documents = list(files.documentation_pages(inclusion=InclusionLevel.is_included))
        for file in documents:
            if file.page is None:  # as build() makes them, a moment early
                Page(None, file, config)
        pages = [file.page for file in documents]
        plugins = [(name, plugin) for name, plugin in config.plugins.items()
                   if hasattr(plugin, STATE)]

        def work(indices: range) -> _Batch:
            batch = _Batch()
            for index in indices:
                page = pages[index]
                try:
                    self.populate_page(page, config, files, dirty)
                except Exception as exc:
                    batch.error = _picklable(exc)
                    return batch
                batch.pages.append(_page_state(page, plugins))
            return batch

        for indices, batch in self._in_workers(work, len(pages)):
            for index, state in zip(indices, batch.pages, strict=False):
                _take_page_state(pages[index], state, files, config)
                self.populated.add(pages[index].file.src_uri)

    # The template loop.

    def _build_page(self, page: Any, config: Any, doc_files: Sequence[Any], nav: Any, env: Any,
                    dirty: bool = False, excluded: bool = False) -> None:
        if not self.serial and not self.written:
            self._build_all(config, list(doc_files), nav, env, dirty)
        if page.file.src_uri not in self.written:
            self.build_page(page, config, doc_files, nav, env, dirty, excluded=excluded)

    def _build_all(self, config: Any, doc_files: list[Any], nav: Any, env: Any,
                   dirty: bool) -> None:
        in_parent_hooks = [hook for hook in config.plugins.events["post_page"]
                           if getattr(hook, IN_PARENT, False)]

        def work(indices: range) -> _Batch:
            if in_parent_hooks:
                config.plugins.events["post_page"] = [
                    hook for hook in config.plugins.events["post_page"]
                    if not getattr(hook, IN_PARENT, False)]
            batch = _Batch()
            for index in indices:
                file = doc_files[index]
                try:
                    self.build_page(file.page, config, doc_files, nav, env, dirty,
                                    excluded=file.inclusion.is_excluded())
                except Exception as exc:
                    batch.error = _picklable(exc)
                    return batch
            return batch

        for indices, batch in self._in_workers(work, len(doc_files)):
            if batch.error is not None:
                continue  # raised next, by _in_workers
            for index in indices:  # written: now what only the parent may do with them
                file = doc_files[index]
                self.written.add(file.src_uri)
                for hook in in_parent_hooks:  # while the workers go on with the next pages
                    hook("", page=file.page, config=config)

    # Both loops.

    def _in_workers(self, work: Callable[[range], _Batch],
                    count: int) -> Iterator[tuple[range, _Batch]]:
        """`work` over 0..count-1 in the workers; the batches in page order, as they come,
        each one's log replayed and its failure raised, as the serial loop would have logged
        and raised them."""
        global _work
        _work = work
        # The parent's objects moved out of the collector's reach, as Python's documentation of
        # gc.freeze advises before a fork: a worker's collections then do not write to (and so
        # copy) every page of the parent's memory it inherited.
        gc.freeze()
        try:
            with ProcessPoolExecutor(max_workers=self.jobs, mp_context=get_context("fork"),
                                     initializer=_start_worker,
                                     initargs=(self.logger_name,)) as pool:
                futures: list[tuple[range, Future[_Batch]]] = [
                    (indices, pool.submit(_run_batch, indices))
                    for indices in batches(count, self.jobs)]
                for indices, future in futures:
                    try:
                        batch = future.result()
                    except BrokenProcessPool:
                        pool.shutdown(cancel_futures=True)
                        from mkdocs.exceptions import PluginError

                        raise PluginError(say("parallel_worker_lost")) from None
                    replay(batch.records)
                    yield indices, batch  # the pages done before a failure, too
                    if batch.error is not None:
                        pool.shutdown(cancel_futures=True)
                        raise batch.error
        finally:
            _work = None
            gc.unfreeze()

    def _stays_serial(self, config: Any) -> bool:
        foreign = sorted({config.plugins._event_origins.get(hook, "?")
                          for event in PAGE_EVENTS for hook in config.plugins.events[event]
                          if not letopis_own(hook)})
        if foreign:
            from mkdocs.plugins import get_plugin_logger

            get_plugin_logger("letopis").info(
                say("parallel_serial_plugins", plugins=", ".join(foreign)))
            return True
        return False


def _page_state(page: Any, plugins: list[tuple[str, Any]]) -> dict[str, Any]:
    """What the parent needs of a page converted in a worker."""
    src_uri = page.file.src_uri
    return {
        "markdown": page.markdown,
        "meta": page.meta,
        "converted": converted(page),
        "plugins": {name: state for name, plugin in plugins
                    if (state := getattr(plugin, STATE)(src_uri)) is not None},
    }


def _take_page_state(page: Any, state: dict[str, Any], files: Any, config: Any) -> None:
    page.markdown = state["markdown"]
    page.meta = state["meta"]
    take_converted(page, state["converted"], files)
    for name, plugin_state in state["plugins"].items():
        getattr(config.plugins[name], TAKE_STATE)(page.file.src_uri, plugin_state)


def install(build: ModuleType, environ: dict[str, str] | os._Environ[str]) -> int:
    """Take over `build`'s page loops when LETOPIS_JOBS asks for more than one worker; return
    the number of workers (1: nothing installed)."""
    jobs = jobs_from(environ.get(ENV))
    if jobs > 1:
        ParallelBuild(build, jobs).install()
    return jobs


def main(argv: list[str] | None = None) -> None:
    """`python -m letopis.mkdocs_plugins.parallel build …`: MkDocs' (or ProperDocs') own
    command line, with the page loops in workers, and the Markdown cache (build_cache.py) and
    the render cache (render_cache.py) when LETOPIS_CACHE names their folder, over the files
    of an older build when LETOPIS_RECYCLE is set (recycled_site.py)."""
    from letopis.engine import import_engine

    engine = import_engine()
    import mkdocs.commands.build as build
    from mkdocs.__main__ import cli
    from mkdocs.structure.pages import Page

    from letopis.mkdocs_plugins import build_cache, recycled_site, render_cache

    folder = os.environ.get(build_cache.ENV)
    build_cache.install(Page, build.log.name.split(".")[0], folder)
    # Before the parallel build captures `_build_page`: its workers render through the cache.
    render_cache.install(build, folder)
    recycled_site.install(build, os.environ)
    install(build, os.environ)
    cli.main(args=sys.argv[1:] if argv is None else argv, prog_name=engine)


if __name__ == "__main__":
    # Run as the module's importable self, not as __main__: the workers' functions are then
    # found by their module's name whatever runs this (a profiler's __main__ is another one).
    from letopis.mkdocs_plugins import parallel

    parallel.main()
