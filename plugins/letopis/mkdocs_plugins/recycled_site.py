"""MkDocs' side of the recycled site folder (core/recycled_site.py): installed by
`python -m letopis.mkdocs_plugins.parallel` when `letopis build` sets LETOPIS_RECYCLE (it
does with the cache on), never by `mkdocs build` or `mkdocs serve`.

During the build MkDocs does not empty the site folder (its log still says it cleans it), and
`mkdocs.utils.write_file` (which writes the pages, the sitemap and the theme's other
templates) and `mkdocs.utils.copy_file` (the documents' images, the theme's assets) leave a
file that already holds the bytes to write, touched. Every other write is an ordinary one: a
new ctime. A folder an older build left where a file goes, or a file where
a folder must be, is removed when a write or a static file's copy meets it (LETOPIS_RECYCLE
holds the build's start, which tells an older build's from this one's).

Only with Letopis' own plugins: another plugin might leave a file it finds already written
(its ctime then older than the build, so it would be removed as stale). With any other, the
folder is emptied first, as MkDocs always does, and an info line says why.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from multiprocessing import get_context
from pathlib import Path
from types import ModuleType
from typing import Any

from letopis.core.messages import say
from letopis.core.recycled_site import ENV, make_room, same_copy, unchanged
from letopis.mkdocs_plugins import letopis_own


def foreign_plugins(config: Any) -> list[str]:
    """The plugins (and hooks) of `config` that are not Letopis' own."""
    return sorted(name for name, plugin in config.plugins.items() if not letopis_own(plugin))


def install(build: ModuleType, environ: Mapping[str, str]) -> bool:
    """Build over the site folder's present files when LETOPIS_RECYCLE is set; whether it
    was installed."""
    try:
        since = int(environ.get(ENV) or "")
    except ValueError:
        return False
    run_build = build.build

    def recycling_build(config: Any, *args: Any, **kwargs: Any) -> Any:
        from mkdocs.plugins import get_plugin_logger

        logger = get_plugin_logger("letopis")
        foreign = foreign_plugins(config)
        if foreign:
            logger.info(say("recycle_declined", plugins=", ".join(foreign)))
            return run_build(config, *args, **kwargs)
        # Counted across the forked workers too: shared memory made before they fork.
        counts = get_context("fork").Array("q", 2)
        with _writing_changes_only(build, counts, Path(config.site_dir), since):
            result = run_build(config, *args, **kwargs)
        logger.info(say("recycle_counts", written=counts[WRITTEN], kept=counts[KEPT]))
        return result

    build.build = recycling_build
    return True


WRITTEN, KEPT = range(2)


@contextmanager
def _writing_changes_only(build: ModuleType, counts: Any, site: Path,
                          since: int) -> Iterator[None]:
    """MkDocs' build module without emptying the site folder, and writing or copying only what
    changed (`mkdocs.utils.write_file` and `copy_file`, which the build module, the themes'
    writers and the static files' copies call through), counted in `counts`; what an older
    build left in the way of a write or of a static file's copy (`File.copy_file`) is cleared
    first. Forked workers inherit it."""
    utils, file_class = build.utils, build.File
    clean_directory, write_file, copy = utils.clean_directory, utils.write_file, utils.copy_file
    copy_file = file_class.copy_file

    def keep_directory(directory: str) -> None:
        pass  # what this build does not make is removed after it (core/recycled_site.py)

    def count(kept: bool) -> None:
        with counts.get_lock():
            counts[KEPT if kept else WRITTEN] += 1

    def write_changes(content: bytes, output_path: str) -> None:
        kept = unchanged(output_path, content)
        if not kept:
            make_room(Path(output_path), site, since)
            write_file(content, output_path)
        count(kept)

    def copy_changes(source_path: str, output_path: str) -> None:
        # The documents' images and the theme's assets, copied at every build.
        kept = same_copy(source_path, output_path)
        if not kept:
            copy(source_path, output_path)
        count(kept)

    def copy_over(file: Any, dirty: bool = False) -> None:
        # MkDocs copies *into* a folder found at the file's place: an older build's goes.
        make_room(Path(file.abs_dest_path), site, since)
        copy_file(file, dirty)

    utils.clean_directory, utils.write_file, utils.copy_file = (keep_directory, write_changes,
                                                                copy_changes)
    file_class.copy_file = copy_over
    try:
        yield
    finally:
        utils.clean_directory, utils.write_file, utils.copy_file = (clean_directory,
                                                                    write_file, copy)
        file_class.copy_file = copy_file
