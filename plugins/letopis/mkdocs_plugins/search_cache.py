"""Search bundles kept in the build cache (`.cache/letopis/search/`) by what they index: a shard
of the search (core/search_shards.py) whose pages were written as before is neither staged nor
indexed again in `letopis build`; its bundle comes back from the cache.

The key is the digest of the shard's written pages (each one's address and bytes), the
versions of the pagefind packages and Letopis' own source, which makes from a page what
Pagefind reads of it (pagefind_index.searched_part) and sets Pagefind's options. An entry is
the bundle's files in one uncompressed tar (they are compressed by Pagefind already), so that
the store's atomic writes and pruning serve it as any other entry. Any doubt indexes: an
entry that does not unpack is missed and made again.
"""

from __future__ import annotations

import io
import shutil
import tarfile
from functools import cache
from importlib import metadata
from pathlib import Path

from letopis.core.build_cache import Store, digest, letopis_source

FORMAT = "letopis-search-1"  # changes when the key's or an entry's layout does
PACKAGES = ("pagefind", "pagefind-bin")


@cache
def _setting() -> str:
    def version(package: str) -> str:
        try:
            return metadata.version(package)
        except metadata.PackageNotFoundError:
            return "-"

    return digest(FORMAT, *(f"{package}={version(package)}" for package in PACKAGES),
                  letopis_source())


def shard_key(pages: list[tuple[str, str]]) -> str:
    """The key of a bundle of `pages`: (address in the site, digest of the written page)."""
    return digest(_setting(), *(part for page in sorted(pages) for part in page))


# Python 3.11.4 and later check extracted names and kinds (tarfile's "data" filter).
_AS_DATA = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}


class BundleCache:
    def __init__(self, folder: Path) -> None:
        self.store = Store(folder)

    def restore(self, key: str, bundle: Path) -> bool:
        """Put the bundle kept under `key` at `bundle`; False if there is none (or it cannot
        be read), with nothing left half-written."""
        data = self.store.get(key)
        if data is None:
            return False
        try:
            with tarfile.open(fileobj=io.BytesIO(data), mode="r:") as archive:
                # Our own entries, but read as untrusted data all the same (no links, no
                # names outside the bundle).
                archive.extractall(bundle, **_AS_DATA)
        except (tarfile.TarError, OSError):
            shutil.rmtree(bundle, ignore_errors=True)
            return False
        return True

    def keep(self, key: str, bundle: Path) -> None:
        """Keep the bundle written at `bundle` under `key`."""
        buffer = io.BytesIO()
        with tarfile.open(fileobj=buffer, mode="w:", format=tarfile.PAX_FORMAT) as archive:
            for path in sorted(bundle.rglob("*")):
                if path.is_file():
                    archive.add(path, arcname=path.relative_to(bundle).as_posix())
        self.store.put(key, buffer.getvalue())
