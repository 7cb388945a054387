"""The Markdown cache of `letopis build`: a page whose Markdown, address and setting did not
change since an earlier build is not converted again; its HTML comes from `.cache/letopis/`.

Installed by `python -m letopis.mkdocs_plugins.parallel` (what `letopis build` runs) when
LETOPIS_CACHE names the cache's folder (`letopis build --no-cache` leaves it unset); never by
`mkdocs build` or `mkdocs serve`. It wraps MkDocs' `Page.render`, the conversion itself: the
page hooks before it (on_page_markdown) and after it (on_page_content) run as always, so the
plugins see every page and the key holds the Markdown exactly as it is converted.

What a conversion depends on, and so the key (core/build_cache.py keeps the store):
- the page's Markdown after the plugins' hooks, its source path and its address;
- the setting: mkdocs.yml's bytes, the values it may take from the environment (site_url, the
  extensions' options), the versions of MkDocs (or ProperDocs), Python-Markdown and its
  extensions' packages, Letopis' own source (the heading anchors' slugify is Letopis code),
  Python's version;
- the other files its links point to: every lookup the conversion made (`[a](other.md)`, an
  image) is recorded with what it found, and the entry is used only if each finds the same
  today. Adding, deleting or moving another post thus re-converts only the pages linking there.

What the conversion logs (a broken link under --strict) is kept with the entry and logged
again when the entry is used, so a cached build warns, and fails, as a fresh one.

Any doubt leaves the page to be converted: an entry that cannot be read, a setting with
`INHERIT` (its other file is not read here), or an extension known to read other files.
"""

from __future__ import annotations

import json
import logging
import pickle
import sys
from importlib import metadata
from pathlib import Path
from typing import Any

from letopis.core.build_cache import Store, digest, letopis_source
from letopis.mkdocs_plugins.converted import LogCapture, converted, replay, take_converted

ENV = "LETOPIS_CACHE"  # the cache's folder (`letopis build`); unset or empty: no cache
FORMAT = "letopis-markdown-2"  # changes when an entry's layout does
PACKAGES = ("mkdocs", "properdocs", "markdown", "pymdown-extensions", "pygments",
            "mkdocs-material")
# Extensions that read files other than the page: their output is not keyed by the page alone.
READS_OTHER_FILES = ("pymdownx.snippets", "markdown_include", "mdx_include")


def package_version(package: str) -> str:
    """An installed package's version, "-" for one not installed (a key part, never an
    error)."""
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "-"


def setting_key(config: Any) -> str | None:
    """The key of everything a page's conversion depends on besides the page; None when the
    cache should not be used with this setting."""
    config_file = Path(config.config_file_path or "")
    try:
        text = config_file.read_bytes()
    except OSError:
        return None
    names = [str(name) for name in config.markdown_extensions]
    if b"INHERIT" in text or any(name.startswith(READS_OTHER_FILES) for name in names):
        return None
    return digest(FORMAT, text, str(config.site_url), str(config.use_directory_urls),
                  repr(sorted(config.validation.items(), key=str)) if config.validation
                  else "", repr(names), _extension_options(config.mdx_configs),
                  str(config.docs_dir),
                  *(f"{package}={package_version(package)}" for package in PACKAGES),
                  letopis_source(), sys.version)


def _extension_options(options: Any) -> str:
    """The extensions' options as the build sees them (an `!ENV` value resolved), functions
    by their qualified name (their repr holds a memory address that differs every run)."""

    def named(value: object) -> str:
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', repr(value))}"

    return json.dumps(options or {}, default=named, sort_keys=True, ensure_ascii=False)


class _Looking:
    """`files` as the conversion sees it, with every lookup of another file recorded."""

    def __init__(self, files: Any) -> None:
        self._files = files
        self.lookups: list[tuple[str, str | None, str | None]] = []

    def get_file_from_path(self, path: str) -> Any:
        found = self._files.get_file_from_path(path)
        self.lookups.append(_found(path, found))
        return found

    def __getattr__(self, name: str) -> Any:
        return getattr(self._files, name)


def _found(path: str, file: Any) -> tuple[str, str | None, str | None]:
    if file is None:
        return (path, None, None)
    return (path, file.url, file.inclusion.name)


class MarkdownCache:
    def __init__(self, store: Store, page_class: type, logger_name: str) -> None:
        self.store = store
        self.page_class = page_class
        self.render = page_class.render
        self.logger = logging.getLogger(logger_name)
        self._settings: dict[int, str | None] = {}

    def install(self) -> None:
        cache = self

        def render(page: Any, config: Any, files: Any) -> None:
            cache.convert(page, config, files)

        self.page_class.render = render

    def convert(self, page: Any, config: Any, files: Any) -> None:
        if id(config) not in self._settings:
            self._settings[id(config)] = setting_key(config)
        setting = self._settings[id(config)]
        if setting is None or page.markdown is None:
            self.render(page, config, files)
            return
        key = digest(setting, page.file.src_uri, page.file.url, page.markdown)
        if self._reuse(key, page, files):
            return
        looking, recording = _Looking(files), LogCapture()
        self.logger.addHandler(recording)
        try:
            self.render(page, config, looking)
        finally:
            self.logger.removeHandler(recording)
        entry = {"lookups": looking.lookups, "records": recording.records,
                 "converted": converted(page)}
        self.store.put(key, pickle.dumps(entry, protocol=pickle.HIGHEST_PROTOCOL))

    def _reuse(self, key: str, page: Any, files: Any) -> bool:
        data = self.store.get(key)
        if data is None:
            return False
        try:
            # The cache is the site's own folder, written by its own builds: trusted as the
            # rest of the checkout is (pickle keeps the table of contents' objects as they are).
            entry = pickle.loads(data)
            if any(_found(path, files.get_file_from_path(path)) != (path, url, inclusion)
                   for path, url, inclusion in entry["lookups"]):
                return False  # a linked file appeared, went or moved
            take_converted(page, entry["converted"], files)
        except Exception:  # any doubt: convert
            return False
        replay(entry["records"])
        return True


def install(page_class: type, logger_name: str, folder: str | None) -> MarkdownCache | None:
    """Convert pages through the cache in `folder` (None or empty: no cache)."""
    if not folder:
        return None
    cache = MarkdownCache(Store(Path(folder) / "markdown"), page_class, logger_name)
    cache.install()
    return cache
