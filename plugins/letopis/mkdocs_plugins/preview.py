"""Fast live preview: what `mkdocs serve --dirty` keeps between rebuilds so that saving one post
re-renders only the pages that show something of it (never used by `mkdocs build`).

MkDocs' dirty mode re-renders a page when its source is newer than its output. Letopis adds
what MkDocs cannot see: a page also shows other posts (neighbours, listings, the calendar). Each
plugin declares, per page, the data it shows from elsewhere (`depends`); a page whose declared
data changed since the previous rebuild is re-rendered too — an archive page by touching the
empty stand-in source it is generated from, a post by removing its output. Posts whose files did
not change are not parsed again. A page that a rebuild no longer makes (a redated or deleted
post's old address, a month left without posts) has its output removed: MkDocs' dirty mode
never empties the site folder.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files, InclusionLevel

from letopis.core.posts import Post


class Preview:
    def __init__(self) -> None:
        self._stubs = Path(tempfile.mkdtemp(prefix="letopis-preview-"))
        self._posts: dict[str, tuple[tuple[int, int], Post]] = {}
        self._fingerprints: dict[str, int] = {}
        self._depends: dict[str, list[tuple]] = defaultdict(list)
        self._setting: tuple = ()
        self._files: dict[str, File] = {}  # generated pages with stand-in sources
        self._post_files: dict[str, File] = {}  # posts' Files (and their Pages), by source
        self._unchanged: set[str] = set()  # posts whose files this rebuild found unchanged
        self._stamps: dict[str, tuple[int, int] | None] = {}  # of post files, this rebuild
        self._theme_listings: dict[tuple, list[str]] = {}  # see keep_theme_listing
        self._outputs: set[str] = set()  # the pages the last accepted rebuild wrote

    def start(self, config: MkDocsConfig, registry: Path | None) -> None:
        """A new rebuild. A change of mkdocs.yml, the theme or the authors registry may alter
        any page: then everything is parsed and rendered again."""
        setting = (file_stamp(config.config_file_path), file_stamp(registry),
                   _tree_stamp(config.theme.custom_dir))
        if setting != self._setting:
            self._posts.clear()
            self._fingerprints.clear()
            self._files.clear()
            self._post_files.clear()
        self._setting = setting
        self._depends = defaultdict(list)
        self._unchanged = set()
        self._stamps = {}

    def cached_post(self, file: File) -> Post | None:
        """The post read from `file` at a previous rebuild, if the file is unchanged."""
        cached = self._posts.get(file.src_uri)
        stamp = self._stamps[file.src_uri] = file_stamp(file.abs_src_path)
        if cached and cached[0] == stamp:
            self._unchanged.add(file.src_uri)
            return cached[1]
        return None

    def stamp(self, file: File) -> tuple[int, int] | None:
        """`file_stamp` of a file, taken once per rebuild for posts (see cached_post)."""
        if (stamp := self._stamps.get(file.src_uri)) is not None:
            return stamp
        return file_stamp(file.abs_src_path)

    def post_stamp(self, src_uri: str) -> tuple[int, int] | None:
        """When the post's file was last seen changed (for pages that show its content)."""
        cached = self._posts.get(src_uri)
        return cached[0] if cached else None

    def remember_post(self, file: File, post: Post) -> None:
        if (stamp := file_stamp(file.abs_src_path)) is not None:
            self._posts[file.src_uri] = (stamp, post)

    def post_file(self, src_uri: str, dest_uri: str, make: Callable[[], File]) -> File:
        """The File of a post at `dest_uri`, from `make` unless the post is unchanged: then it
        keeps the File of the previous rebuild and with it its Page. MkDocs makes a Page for
        every file that has none, which costs more than rendering the few pages a save
        changes. A page that is rendered again reads its source afresh (MkDocs'
        `_populate_page`); one that is not is never read."""
        file = self._post_files.get(src_uri)
        if file is None or src_uri not in self._unchanged or file.dest_uri != dest_uri:
            file = self._post_files[src_uri] = make()
        else:
            file.inclusion = InclusionLevel.NOT_IN_NAV  # see `generated`
        return file

    def keep_theme_listing(self, config: MkDocsConfig) -> None:
        """Keep the list of the theme's files between rebuilds. MkDocs lists them at every
        build to copy the static ones, walking Material's folders with their 14,000 icons; the
        list changes only with the theme (its custom_dir is checked at every rebuild)."""
        theme = config.theme
        make_env = theme.get_env
        listings = self._theme_listings

        def get_env() -> Any:
            env = make_env()
            list_templates = env.list_templates
            stamp = (_tree_stamp(theme.custom_dir), tuple(theme.static_templates))

            def listed(extensions: Any = None, filter_func: Any = None) -> list[str]:
                # MkDocs' filter is a new function at each build, its code the same.
                key = (stamp, extensions and tuple(extensions),
                       getattr(filter_func, "__code__", filter_func))
                if key not in listings:
                    listings[key] = list_templates(extensions, filter_func)
                return list(listings[key])

            env.list_templates = listed
            return env

        theme.get_env = get_env  # type: ignore[method-assign]

    @property
    def template_cache(self) -> FileSystemBytecodeCache:
        """Compiled templates kept between rebuilds (MkDocs makes a new environment for each
        one); Jinja checks each template's source, so an edited template is compiled again."""
        folder = self._stubs / ".jinja"
        folder.mkdir(exist_ok=True)
        return FileSystemBytecodeCache(str(folder))

    def generated(self, config: MkDocsConfig, src_uri: str) -> File:
        """A generated page backed by an empty stand-in source, so that MkDocs re-renders it
        only when `invalidate` touches that source. The File of the previous rebuild is
        reused with its Page (thousands of them are made otherwise, see `post_file`)."""
        file = self._files.get(src_uri)
        if file is not None and file.dest_dir == config.site_dir:
            # A rebuild that kept the last good site excluded every file, this one too.
            file.inclusion = InclusionLevel.NOT_IN_NAV
            return file
        stub = self._stubs / src_uri
        stub.parent.mkdir(parents=True, exist_ok=True)
        stub.touch()
        file = File.generated(config, src_uri, abs_src_path=str(stub),
                              inclusion=InclusionLevel.NOT_IN_NAV)
        self._files[src_uri] = file
        return file

    def depends(self, src_uri: str, *data: object) -> None:
        """Page `src_uri` shows `data`, which does not come from its own source."""
        self._depends[src_uri].append(data)

    def invalidate(self, files: Files) -> None:
        """Make MkDocs re-render every page whose declared data changed, and remove the pages
        that this rebuild no longer makes. Called only for a rebuild that is served."""
        self._remove_gone(files)
        fingerprints = {src_uri: hash(tuple(data)) for src_uri, data in self._depends.items()}
        for src_uri, fingerprint in fingerprints.items():
            if self._fingerprints.get(src_uri) == fingerprint:
                continue
            file = files.get_file_from_path(src_uri)
            if file is None:
                continue
            if file.abs_src_path and file.abs_src_path.startswith(str(self._stubs)):
                os.utime(file.abs_src_path)  # newer than its output: rendered again
            else:
                Path(file.abs_dest_path).unlink(missing_ok=True)  # no output: rendered again
        self._fingerprints = fingerprints

    def _remove_gone(self, files: Files) -> None:
        """Remove what the previous served rebuild wrote for a page this one does not make,
        and the folders left empty: a clean build would have no page there."""
        pages = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        outputs = {file.abs_dest_path for file in pages}
        for path in sorted(self._outputs - outputs):
            output = Path(path)
            output.unlink(missing_ok=True)
            site = Path(pages[0].dest_dir) if pages else output.parent
            folder = output.parent
            while folder != site and folder.is_dir() and not any(folder.iterdir()):
                folder.rmdir()
                folder = folder.parent
        self._outputs = outputs

    def close(self) -> None:
        shutil.rmtree(self._stubs, ignore_errors=True)


def file_stamp(path: str | Path | None) -> tuple[int, int] | None:
    """A file's modification time and size: changes when the file is saved."""
    if not path:
        return None
    try:
        # Not Path(path).stat(): called for every post at every rebuild, the Path costs more.
        status = os.stat(path)  # noqa: PTH116
    except OSError:
        return None
    return (status.st_mtime_ns, status.st_size)


def _tree_stamp(folder: str | None) -> tuple:
    if not folder or not Path(folder).is_dir():
        return ()
    return tuple(sorted((str(p), file_stamp(p)) for p in Path(folder).rglob("*") if p.is_file()))
