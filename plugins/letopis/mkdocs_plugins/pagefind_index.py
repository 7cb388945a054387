"""Pagefind indexing beside MkDocs: a search shard's pages (core/search_shards.py) are handed to
the indexer as soon as they are all written, so that it works on the second core while MkDocs
renders the rest.

Pagefind reads folders. Each written page's searched part is staged into a folder inside the
site (see `stage`), or with `letopis build`'s cache into one kept there (search_cache.KeptStaging);
the folder is passed to the indexer, which runs in a separate process fed from a background
thread. The indexer is given one thread: MkDocs keeps the other core.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import functools
import os
import re
import shutil
import threading
import time
from collections.abc import Coroutine, Iterator
from pathlib import Path
from typing import Any

from letopis.core.messages import say
from letopis.core.summary import LOST_IMAGE_SELECTOR

STAGING = ".letopis-search"  # inside the site folder, removed once indexed
WRITES_BOUND = 60.0  # seconds the indexer's last writes may take after it said "written"


class PagefindIndex:
    """One Pagefind index being filled: `add_folder()` returns at once; `write()` writes the
    bundle once the folders are indexed, also without waiting; `finish()` waits for it all."""

    def __init__(self, *, background: bool = False) -> None:
        """`background`: the indexer runs at the lowest priority (the preview's index, which
        must never slow the next rebuild down)."""
        from pagefind.index import IndexConfig
        from pagefind.index import PagefindIndex as Index

        # The indexer is a Rust program; its thread pool size comes from the environment it
        # inherits. One thread leaves MkDocs (single-threaded) its own core.
        os.environ.setdefault("RAYON_NUM_THREADS", "1")
        self._dead = False  # the indexer process ended before it answered
        self._loop = asyncio.new_event_loop()
        self._loop.set_exception_handler(self._on_loop_error)
        self._thread = threading.Thread(target=self._run, args=(background,), daemon=True,
                                        name="letopis-pagefind")
        self._thread.start()
        # Heading permalinks ("¶") and the old file names of lost pictures are not words of
        # the text.
        excluded = [".headerlink", LOST_IMAGE_SELECTOR]
        self._pagefind = Index(IndexConfig(exclude_selectors=excluded))
        try:
            self._index = self._wait(self._pagefind.__aenter__())
        except BaseException:
            self._stop_loop()
            raise
        self._pending: list[concurrent.futures.Future] = []
        self._written: concurrent.futures.Future | None = None

    def _run(self, background: bool) -> None:
        if background and hasattr(os, "setpriority"):
            # On Linux a thread has a priority of its own, and the indexer process started
            # from this thread inherits it; the rest of the server keeps its own.
            with contextlib.suppress(OSError):
                os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 19)
        self._loop.run_forever()

    def _submit(self, coroutine: Coroutine) -> concurrent.futures.Future:
        return asyncio.run_coroutine_threadsafe(coroutine, self._loop)

    def _wait(self, coroutine: Coroutine) -> Any:
        return self._answer(self._submit(coroutine))

    def _answer(self, future: concurrent.futures.Future) -> Any:
        """The result of a request; an indexer that died is an error, not an endless wait
        (the pagefind package waits for its answer forever)."""
        while True:
            try:
                return future.result(timeout=0.25)
            except concurrent.futures.TimeoutError:
                if self._indexer_died():
                    self._dead = True
                    raise IndexerDiedError from None

    def _on_loop_error(self, loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        # Once the indexer died, the package's reader fails at the end of its output: that is
        # the death already reported (IndexerDiedError), not a second error with a traceback.
        if not self._dead:
            loop.default_exception_handler(context)

    def _process(self) -> Any:
        # The package keeps its process private (pagefind 1.x: PagefindIndex._service, whose
        # _backend is the asyncio process); this is the one place that looks at it.
        return getattr(getattr(self._pagefind, "_service", None), "_backend", None)

    def _indexer_died(self) -> bool:
        process = self._process()
        return process is not None and process.returncode is not None

    def add_folder(self, folder: Path) -> None:
        """Index every page under `folder`, its URL being its path below `folder`."""
        self._pending.append(self._submit(self._index.add_directory(str(folder))))

    def write(self, bundle: Path) -> None:
        """Write the bundle after the folders given so far (their requests go in order)."""
        if self._written is None:
            self._written = self._submit(self._index.write_files(output_path=str(bundle)))

    def finish(self, bundle: Path) -> None:
        try:
            self.write(bundle)
            for future in [*self._pending, self._written]:
                self._answer(future)
            self._await_writes(bundle)
        finally:
            self.close()

    def _await_writes(self, bundle: Path) -> None:
        """Pagefind (1.5) answers "written" while its last file writes may still be under way
        in its background threads; stopping it then (as `close()` must) leaves files of the
        bundle empty or cut short, and the site's search broken. So the files are taken as
        written once neither the indexer nor a process it started (a wrapper such as npm's
        `pagefind` runs the real one) holds any of them open. Where there is no /proc to
        look at, nothing can be checked and nothing is waited for."""
        process = self._process()
        if process is None or not Path("/proc/self/fd").is_dir():
            return
        folder = os.path.realpath(bundle) + os.sep
        deadline = time.monotonic() + WRITES_BOUND
        while any(target.startswith(folder)
                  for pid in _process_tree(process.pid) for target in _open_files(pid)):
            if time.monotonic() > deadline:
                raise IndexerStuckError(bundle)
            time.sleep(0.02)

    def close(self) -> None:
        try:
            if not self._dead:
                # Leaving with an "error" closes the indexer without writing anything. The
                # indexer ending here is what was asked: no death, only a bounded wait.
                self._submit(self._index.__aexit__(RuntimeError, None, None)).result(
                    timeout=WRITES_BOUND)
        finally:
            self._stop_loop()

    def _stop_loop(self) -> None:
        # After an indexer died, requests still wait and the package's reader ended with an
        # error: both are ended and collected here, not reported by asyncio as leftovers.
        with contextlib.suppress(Exception):
            self._submit(_end_tasks()).result(timeout=5)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join()
        self._loop.close()


async def _end_tasks() -> None:
    tasks = [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


class IndexerDiedError(RuntimeError):
    """The Pagefind process ended before it answered."""

    def __init__(self) -> None:
        super().__init__(say("search_indexer_died"))


class IndexerStuckError(RuntimeError):
    """The Pagefind process kept files of the bundle open long after it said they were
    written."""

    def __init__(self, bundle: Path) -> None:
        super().__init__(say("search_indexer_stuck", bundle=bundle, seconds=int(WRITES_BOUND)))


def _process_tree(root: int) -> list[int]:
    """`root` and every process descended from it, by the parents /proc gives (the kernel's
    own list of children is not always built in)."""
    parents: dict[int, list[int]] = {}
    for process in Path("/proc").iterdir():
        if process.name.isdigit():
            try:
                # The name in parentheses may hold spaces; the parent comes after it.
                parent = int((process / "stat").read_bytes().rsplit(b")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue  # ended meanwhile
            parents.setdefault(parent, []).append(int(process.name))
    tree, queue = [], [root]
    while queue:
        pid = queue.pop()
        tree.append(pid)
        queue.extend(parents.get(pid, []))
    return tree


def _open_files(pid: int) -> Iterator[str]:
    try:
        descriptors = list(Path(f"/proc/{pid}/fd").iterdir())
    except OSError:
        return  # ended, or not ours to look at
    for descriptor in descriptors:
        with contextlib.suppress(OSError):
            yield str(descriptor.readlink())


# Elements that Pagefind (1.5) takes for inline ones although pages show them as blocks: when two
# stand side by side with nothing between them (`<dt>Статус</dt><dd>подписан</dd>`, a table row
# or a <summary> written on one line, as imported HTML often is), their words are indexed as one
# («Статусподписан»). Whitespace between elements is a word break to Pagefind, so the copy it
# indexes gets a line break after each such end tag; the published page stays as written.
# A regular expression rather than a parser: it only adds whitespace after end tags, and parsing
# and re-serializing every searchable page would cost more than the rest of the staging.
_JOINING_END_TAG = re.compile(
    rb"(</(?:address|aside|blockquote|caption|dd|details|dl|dt|figcaption|figure|header|main"
    rb"|pre|summary|table|th|tr)\s*>)(?=\S)", re.IGNORECASE)


# Of a page with a data-pagefind-body element Pagefind reads that element and the page's
# language (<html lang>); it parses the rest (header, menus, the calendar, footer: five sixths
# of a post page) only to throw it away, which took 7 of its 17 seconds at 10,000 posts. The
# staged copy is the opening <html> tag, the <title>, and the page from that element to the
# end of Material's content <article>, where the theme's post and issue templates end it.
# Plain byte searches, not a parser (this runs in the parent for every searchable page), in
# the theme's own spelling; where the page is of another shape, or the cut could change what
# a parser makes of the element (see `_self_contained`), Pagefind gets the whole page.
_BODY_ATTRIBUTE = b" data-pagefind-body"
_TAG = re.compile(rb"<(/?)([a-zA-Z][a-zA-Z0-9-]*)")


def searched_part(html: bytes) -> bytes:
    """What Pagefind reads of page `html`, as a page of its own; `html` itself where the page
    is not of the expected shape."""
    attribute = html.find(_BODY_ATTRIBUTE)
    start = html.rfind(b"<", 0, attribute)
    end = html.rfind(b"</article>")
    opening = html.find(b"<html")
    opening_end = html.find(b">", opening)
    after = attribute + len(_BODY_ATTRIBUTE)
    if min(attribute, start, opening, opening_end) < 0 or end < attribute \
            or html.find(b">", start, attribute) >= 0 or html[after:after + 1] not in b" >=/" \
            or html[opening + 5:opening + 6] not in b" >":
        return html
    part = html[start:end]
    if not _self_contained(part):
        return html
    title_start = html.find(b"<title>", 0, start)
    title_end = html.find(b"</title>", title_start, start) if title_start >= 0 else -1
    title = html[title_start:title_end + len(b"</title>")] if title_end >= 0 else b""
    return b"".join((b"<!DOCTYPE html>\n", html[opening:opening_end + 1], b"<head>", title,
                     b"</head><body>", part, b"</body></html>\n"))


def _self_contained(part: bytes) -> bool:
    """Whether every end tag in `part` closes an element opened in it. One that does not
    (a stray `</main>` in a post's own HTML) closes an element around the part in the page,
    ending the searched element there; cut out, the part would be parsed without it."""
    opened: dict[bytes, int] = {}
    for tag in _TAG.finditer(part):
        name = tag.group(2).lower()
        if not tag.group(1):
            opened[name] = opened.get(name, 0) + 1
        elif opened.get(name, 0) == 0:
            return False
        else:
            opened[name] -= 1
    return True


def stage(page_file: Path, site: Path, dest_uri: str, folder: str) -> None:
    """Put a written page into staging folder `folder`, at its place in the site: the part
    Pagefind reads (`searched_part`), with word breaks made explicit where Pagefind would
    glue words; a page of another shape is linked as it is, where it has none to add."""
    staged = site / STAGING / folder / dest_uri
    _make_folder(staged.parent)
    stage_as(page_file, staged, link=True)


def stage_as(page_file: Path, staged: Path, *, link: bool, html: bytes | None = None) -> None:
    """Write what Pagefind reads of `page_file` (its bytes `html`, when read already) at
    `staged`, whose folder exists. `link`: a page with nothing to add is hard-linked, which
    costs nothing and follows later rewrites of the page (MkDocs makes them in place); the
    build cache's staging copies it, so that no published file is the cache's."""
    staged.unlink(missing_ok=True)
    html = page_file.read_bytes() if html is None else html
    copy = separated(searched_part(html))
    if copy != html or not link:
        staged.write_bytes(copy)
        return
    try:
        os.link(page_file, staged)
    except OSError:
        shutil.copyfile(page_file, staged)


def separated(html: bytes) -> bytes:
    """`html` with a line break after each end tag Pagefind would glue to the next word."""
    return _JOINING_END_TAG.sub(rb"\1\n", html)


@functools.lru_cache(maxsize=65536)  # thousands of pages share a few hundred folders
def _make_folder(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)


def forget_folders() -> None:
    """At the start of a build: `mkdocs serve` may have cleaned the site since."""
    _make_folder.cache_clear()


def staged_folder(site: Path, folder: str) -> Path:
    return site / STAGING / folder


def remove_staging(site: Path) -> None:
    shutil.rmtree(site / STAGING, ignore_errors=True)
    _make_folder.cache_clear()
