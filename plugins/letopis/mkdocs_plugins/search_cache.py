"""Search bundles kept in the build cache (`.cache/letopis/search/`) by what they index: a shard
of the search (core/search_shards.py) whose pages were written as before is neither staged nor
indexed again in `letopis build`; its bundle comes back from the cache.

The key is the digest of the shard's written pages (each one's address and bytes), the
versions of the pagefind packages and Letopis' own source, which makes from a page what
Pagefind reads of it (pagefind_index.searched_part) and sets Pagefind's options.

An entry is a copy of the bundle's folder, named by its key: a bundle is a couple of thousand
small files, and copying a folder back takes a tenth of the time unpacking an archive of it
took (2 s a bundle in Python's tarfile, which was most of a warm build's search time). It is
copied in under a temporary name and renamed, so an entry is whole or absent; restoring
copies (no hard links: a published file must never be the cache's), over an older bundle in
a recycled site folder (core/recycled_site.py) only the files that differ. Any doubt indexes: an
entry that cannot be copied back is missed and made again.
"""

from __future__ import annotations

import os
import shutil
from functools import cache
from pathlib import Path

from letopis.core.build_cache import (
    LIMIT,
    digest,
    least_recently_used,
    letopis_source,
    tree_size,
)
from letopis.core.recycled_site import copy_if_changed

from .build_cache import package_version

FORMAT = "letopis-search-2"  # changes when the key's or an entry's layout does
PACKAGES = ("pagefind", "pagefind-bin")


@cache
def _setting() -> str:
    return digest(FORMAT, *(f"{package}={package_version(package)}" for package in PACKAGES),
                  letopis_source())


def shard_key(pages: list[tuple[str, str]]) -> str:
    """The key of a bundle of `pages`: (address in the site, digest of the written page)."""
    return digest(_setting(), *(part for page in sorted(pages) for part in page))


class BundleCache:
    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def restore(self, key: str, bundle: Path) -> bool:
        """Put the bundle kept under `key` at `bundle`; False if there is none (or it cannot
        be read), with nothing left half-written."""
        entry = self.folder / key
        try:
            os.utime(entry)  # used now: pruning keeps what builds still use
            # Over an older bundle in a recycled site folder, what is the same is not copied.
            shutil.copytree(entry, bundle, copy_function=copy_if_changed, dirs_exist_ok=True)
        except OSError:
            shutil.rmtree(bundle, ignore_errors=True)
            return False
        return True

    def keep(self, key: str, bundle: Path) -> None:
        """Keep the bundle written at `bundle` under `key`; a cache that cannot be written
        only costs the next build its time."""
        entry = self.folder / key
        temporary = self.folder / f".tmp-{os.getpid()}-{key}"
        try:
            shutil.copytree(bundle, temporary, copy_function=shutil.copyfile)
            temporary.rename(entry)
        except OSError:  # entry there already (another build kept it), or no room
            shutil.rmtree(temporary, ignore_errors=True)

    def prune(self, used_since: int, limit: int = LIMIT) -> None:
        """Remove the least recently used entries until at most `limit` bytes remain (and
        what an interrupted copy left), never one used since `used_since` (ns: this build's
        start), as the other stores of the cache are pruned (core/build_cache.Store)."""
        entries = []
        for entry in self.folder.glob("*"):
            if entry.name.startswith(".tmp-"):
                shutil.rmtree(entry, ignore_errors=True)
                continue
            try:
                used = entry.stat().st_mtime_ns
                size = tree_size(entry)
            except OSError:
                continue
            entries.append((used, size, entry))
        for entry in least_recently_used(entries, limit, used_since):
            shutil.rmtree(entry, ignore_errors=True)
