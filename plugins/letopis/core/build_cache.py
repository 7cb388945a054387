"""A persistent, content-addressed store of build results (`.cache/letopis/` beside mkdocs.yml).

An entry is found by the digest of everything it was made from, so an entry never goes stale:
changed inputs give another key, and the old entry is simply not asked for again (it ages out,
see `prune`). Writes are atomic (a temporary file in the same folder, then a rename), so a
build interrupted half-way, or two processes writing the same entry, never leave a torn one;
a damaged or unreadable entry reads as missing and is made again.

Framework-free: what goes in a key and what an entry holds is the caller's business
(`letopis.mkdocs_plugins.build_cache` for the Markdown conversion of pages).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

FOLDER = Path(".cache") / "letopis"  # beside mkdocs.yml; CI keeps it between runs
LIMIT = 512 * 1024 * 1024  # bytes kept after a build; the oldest used entries go first


def digest(*parts: str | bytes) -> str:
    """A key from `parts`, each length-prefixed so that ("ab", "c") and ("a", "bc") differ.
    BLAKE2b (hashlib): fast, and 128 bits make a collision out of the question."""
    hasher = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


def files_digest(paths: Iterable[Path], root: Path | None = None) -> str:
    """A key from the names (relative to `root`) and bytes of files, in a stable order."""
    parts: list[str | bytes] = []
    for path in sorted(paths):
        parts += [(path.relative_to(root) if root else path).as_posix(), path.read_bytes()]
    return digest(*parts)


class Store:
    """Entries (bytes) by key under `folder`, in 256 subfolders by the key's first two
    characters (no folder grows to hundreds of thousands of names)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.hits = 0
        self.misses = 0

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / key[2:]

    def get(self, key: str) -> bytes | None:
        path = self._path(key)
        try:
            data = path.read_bytes()
            os.utime(path)  # used now: pruning keeps what builds still use
        except OSError:
            self.misses += 1
            return None
        self.hits += 1
        return data

    def put(self, key: str, data: bytes) -> None:
        """Store `data` under `key`, atomically; a store that cannot be written (a read-only
        or full disk) only costs the next build its time."""
        path = self._path(key)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
            try:
                with os.fdopen(descriptor, "wb") as out:
                    out.write(data)
                Path(temporary).chmod(0o644)  # not mkstemp's 0600: CI's cache step reads it
                Path(temporary).replace(path)
            except BaseException:
                Path(temporary).unlink(missing_ok=True)
                raise
        except OSError:
            pass

    def prune(self, limit: int = LIMIT) -> int:
        """Remove the least recently used entries until at most `limit` bytes remain (and any
        temporary file an interrupted write left); return how many were removed."""
        entries = []
        removed = 0
        for path in self.folder.glob("??/*"):
            try:
                status = path.stat()
            except OSError:
                continue
            if path.name.startswith(".tmp-"):
                path.unlink(missing_ok=True)
                removed += 1
                continue
            entries.append((status.st_mtime_ns, status.st_size, path))
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries, key=lambda entry: (entry[0], str(entry[2]))):
            if total <= limit:
                break
            path.unlink(missing_ok=True)
            total -= size
            removed += 1
        return removed
