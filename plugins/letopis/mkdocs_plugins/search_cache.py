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

import json
import os
import shutil
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from letopis.core.build_cache import (
    AVERAGE,
    LIMIT,
    digest,
    least_recently_used,
    letopis_source,
    note_average,
    pruning_due,
    scan,
    tree_size,
)
from letopis.core.recycled_site import copy_if_changed

from .build_cache import package_version
from .pagefind_index import stage_as

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
        self._prune(self._listed(), limit, used_since)

    def prune_if_due(self, used_since: int, limit: int = LIMIT) -> None:
        """`prune`, down to three quarters of `limit`, when the entries, counted by name at
        the average size the last pruning found, may hold more than `limit` (or an
        interrupted copy is there), as Store.prune_if_due: measuring every entry, a hundred
        bundles of two thousand files each, took a second of each warm build."""
        listed = self._listed()
        if pruning_due(self.folder, listed, limit):
            self._prune(listed, limit * 3 // 4, used_since)

    def _listed(self) -> list[os.DirEntry[str]]:
        return [entry for entry in scan(str(self.folder)) if entry.name != AVERAGE]

    def _prune(self, listed: list[os.DirEntry[str]], limit: int, used_since: int) -> None:
        entries = []
        for entry in listed:
            if entry.name.startswith(".tmp-"):
                shutil.rmtree(entry.path, ignore_errors=True)
                continue
            try:
                used = entry.stat(follow_symlinks=False).st_mtime_ns
                size = tree_size(entry.path)
            except OSError:
                continue
            entries.append((used, size, entry.path))
        gone = set(least_recently_used(entries, limit, used_since))
        for path in gone:
            shutil.rmtree(path, ignore_errors=True)
        note_average(self.folder, [size for _, size, path in entries if path not in gone])


class KeptStaging:
    """The staged pages of each shard (pagefind_index.stage_as) kept between builds in
    `.cache/letopis/search-staging/shard-N/`, so that a shard indexed again because one of
    its couple of thousand pages changed stages that page alone: staging them all took as
    long as half of Pagefind's indexing of them, on the path to a warm build's end.

    Beside each folder, `shard-N.json` names the digest of the written page each staged
    file was made from (and Letopis' code, which makes it); it is removed while the folder
    changes, so a build interrupted then leaves a folder that is staged again whole. While
    a build uses a folder it holds `shard-N.lock`: another build at the same time stages in
    its own site folder, as without a cache. A staged page is a copy, never a hard link to
    the published one."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def stage(self, number: int, pages: list[tuple[Path, str, str]]) -> Staged | None:
        """Shard `number`'s staging folder holding `pages` (the written page, its address in
        the site, the digest of its bytes) and nothing else; None where it cannot be used
        (held by another build, no file locks here, or the cache cannot be written)."""
        try:
            import fcntl
        except ImportError:  # not a POSIX system
            return None
        folder = self.folder / f"shard-{number}"
        manifest = self.folder / f"shard-{number}.json"
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            lock = os.open(self.folder / f"shard-{number}.lock", os.O_RDWR | os.O_CREAT, 0o644)
        except OSError:
            return None
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            before = _staged_before(manifest)
            manifest.unlink(missing_ok=True)
            if not before:
                shutil.rmtree(folder, ignore_errors=True)
            now = {address: page_digest for _, address, page_digest in pages}
            for address in before.keys() - now.keys():
                (folder / address).unlink(missing_ok=True)
            made: set[Path] = set()
            for page, address, page_digest in pages:
                staged = folder / address
                if before.get(address) == page_digest and staged.is_file():
                    continue
                if staged.parent not in made:
                    staged.parent.mkdir(parents=True, exist_ok=True)
                    made.add(staged.parent)
                stage_as(page, staged, link=False)
            folder.mkdir(parents=True, exist_ok=True)  # a shard with no pages
            temporary = manifest.with_name(f".tmp-{os.getpid()}-{manifest.name}")
            temporary.write_text(json.dumps({"setting": _setting(), "pages": now}),
                                 encoding="utf-8")
            temporary.replace(manifest)
        except OSError:
            os.close(lock)
            return None
        return Staged(folder, lock)

    def forget(self, shards: int) -> None:
        """Remove the staging of shard numbers this site no longer has."""
        for path in self.folder.glob("shard-*"):
            number = path.name.removeprefix("shard-").split(".")[0]
            if number.isdigit() and int(number) >= shards:
                if path.is_dir():
                    shutil.rmtree(path, ignore_errors=True)
                else:
                    path.unlink(missing_ok=True)


@dataclass
class Staged:
    """A staging folder a build holds until Pagefind has read it."""

    folder: Path
    lock: int

    def release(self) -> None:
        os.close(self.lock)


def _staged_before(manifest: Path) -> dict[str, str]:
    """The pages staged by an earlier build with this code, by address; none if unknown."""
    try:
        data = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("setting") != _setting() or \
            not isinstance(data.get("pages"), dict):
        return {}
    return {str(address): str(page_digest) for address, page_digest in data["pages"].items()}
