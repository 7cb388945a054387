"""A persistent, content-addressed store of build results (`.cache/letopis/` beside mkdocs.yml).

An entry is found by the digest of everything it was made from, so an entry never goes stale:
changed inputs give another key, and the old entry is simply not asked for again (it ages out,
see `prune`). Writes are atomic (a temporary file in the same folder, then a rename), so a
build interrupted half-way, or two processes writing the same entry, never leave a torn one;
a damaged or unreadable entry reads as missing and is made again.

Framework-free: what goes in a key and what an entry holds is the caller's business
(`letopis.mkdocs_plugins.build_cache` for the Markdown conversion of pages,
`letopis.mkdocs_plugins.render_cache` for their templates).
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterable
from dataclasses import fields, is_dataclass
from datetime import date, time, timedelta, timezone, tzinfo
from enum import Enum
from pathlib import Path
from time import time_ns
from typing import TypeVar
from zoneinfo import ZoneInfo

FOLDER = Path(".cache") / "letopis"  # beside mkdocs.yml; CI keeps it between runs
_Entry = TypeVar("_Entry", Path, str)  # how a caller names an entry
LIMIT = 512 * 1024 * 1024  # bytes kept after a build; the oldest used entries go first
AVERAGE = "average-size"  # in a store's folder: its entries' average size (Store.prune_if_due)


def build_started() -> int:
    """The time (ns) from which an entry counts as used by the build starting now (see
    `Store.prune`); a second early: a file's time comes from the kernel's coarser clock."""
    return time_ns() - 1_000_000_000


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


def letopis_source() -> str:
    """Letopis' own code (its Python and its message catalogs): an editable install keeps
    its version number while the code changes."""
    root = Path(__file__).resolve().parent.parent  # the letopis package
    return files_digest((path for path in root.rglob("*") if path.suffix in (".py", ".toml")
                         and "__pycache__" not in path.parts), root)


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
        # Named by process and key: unique among writers without mkstemp's random names
        # (a third of a put's time); 0644, not mkstemp's 0600: CI's cache step reads it.
        temporary = path.with_name(f".tmp-{os.getpid()}-{path.name}")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
            try:
                with os.fdopen(descriptor, "wb") as out:
                    out.write(data)
                temporary.replace(path)
            except BaseException:
                temporary.unlink(missing_ok=True)
                raise
        except OSError:
            pass

    def prune(self, limit: int = LIMIT, used_since: int | None = None) -> int:
        """Remove the least recently used entries until at most `limit` bytes remain (and any
        temporary file an interrupted write left); return how many were removed. Entries used
        since `used_since` (a time in ns: when this build started) are kept whatever the
        limit: they are what the next build asks for, and a site whose pages alone outgrow
        the limit would otherwise render most of them again each time."""
        return self._prune(self._listed(), limit, used_since)

    def prune_if_due(self, limit: int = LIMIT, used_since: int | None = None) -> int:
        """`prune`, down to three quarters of `limit`, when the store may hold more than
        `limit`: its entries, counted by name, at the average size the last pruning found
        (and any temporary file). Otherwise nothing is looked at further: the time of every
        entry, 100,000 of them in a full store, took a second or two of each build."""
        listed = self._listed()
        if not pruning_due(self.folder, listed, limit):
            return 0
        return self._prune(listed, limit * 3 // 4, used_since)

    def _listed(self) -> list[os.DirEntry[str]]:
        # os.scandir, not Path.glob: a store holds tens of thousands of entries, and making a
        # Path of each took most of a warm build's pruning.
        return [entry for folder in scan(str(self.folder))
                if len(folder.name) == 2 and folder.is_dir() for entry in scan(folder.path)]

    def _prune(self, listed: list[os.DirEntry[str]], limit: int,
               used_since: int | None) -> int:
        entries: list[tuple[int, int, str]] = []
        removed = 0
        for entry in listed:
            try:
                status = entry.stat()
            except OSError:
                continue
            if entry.name.startswith(".tmp-"):
                Path(entry.path).unlink(missing_ok=True)
                removed += 1
                continue
            entries.append((status.st_mtime_ns, status.st_size, entry.path))
        gone = least_recently_used(entries, limit, used_since)
        for path in gone:
            Path(path).unlink(missing_ok=True)
            removed += 1
        gone_now = set(gone)
        note_average(self.folder, [size for _, size, path in entries if path not in gone_now])
        return removed


def pruning_due(folder: Path, listed: list[os.DirEntry[str]], limit: int) -> bool:
    """Whether a store's entries (`listed`, in `folder`) may hold more than `limit` bytes,
    counted at the average size its last pruning noted, or what an interrupted write left is
    there: what `prune_if_due` of the stores asks before it looks at any entry further."""
    average = noted_average(folder)
    return average is None or len(listed) * average > limit or \
        any(entry.name.startswith(".tmp-") for entry in listed)


def noted_average(folder: Path) -> int | None:
    """The average size of an entry of the store in `folder` when it was last pruned; None
    if unknown."""
    try:
        average = int((folder / AVERAGE).read_text(encoding="ascii"))
    except (OSError, ValueError):
        return None
    return average if average > 0 else None


def note_average(folder: Path, sizes: list[int]) -> None:
    """Note the average of `sizes`, the entries a pruning kept, for `noted_average`."""
    if sizes:
        with contextlib.suppress(OSError):  # unknown next time: that build looks at all
            (folder / AVERAGE).write_text(str(-(-sum(sizes) // len(sizes))),  # rounded up
                                          encoding="ascii")


def scan(folder: str) -> list[os.DirEntry[str]]:
    """The entries of `folder`; none if it cannot be listed (gone, or never made)."""
    try:
        with os.scandir(folder) as entries:
            return list(entries)
    except OSError:
        return []


def tree_size(folder: str | os.PathLike[str]) -> int:
    """The bytes of the files under `folder` (links not followed)."""
    total = 0
    for entry in scan(os.fspath(folder)):
        if entry.is_dir(follow_symlinks=False):
            total += tree_size(entry.path)
        elif entry.is_file(follow_symlinks=False):
            total += entry.stat(follow_symlinks=False).st_size
    return total


def least_recently_used(entries: list[tuple[int, int, _Entry]], limit: int,
                        used_since: int | None) -> list[_Entry]:
    """Of `entries` (last use in ns, size, path), the least recently used to remove so that
    at most `limit` bytes remain, none used since `used_since` (see `Store.prune`)."""
    total = sum(size for _, size, _ in entries)
    removed = []
    for used, size, path in sorted(entries, key=lambda entry: (entry[0], str(entry[2]))):
        if total <= limit or (used_since is not None and used >= used_since):
            break
        removed.append(path)
        total -= size
    return removed


class UnstableError(ValueError):
    """A value with no representation that is the same in every process (see `stable`)."""


def stable(value: object) -> str:
    """A representation of `value` that is the same in every process and every run, unlike
    `hash()` (randomized per process for strings) or an object's default repr (its address):
    plain data only — None, bool, numbers, strings, bytes, dates and times, time zones, enums,
    dataclasses (their fields shown by repr), and tuples, lists, dicts and sets of them.
    Anything else raises UnstableError: what a cache cannot name surely is not cached."""
    out: list[str] = []
    _stable(value, out, set())
    text = "".join(out)
    if "object at 0x" in text:  # a repr that names an address slipped through a str field
        raise UnstableError(text[:80])
    return text


# Exact types written the quick way (most of what a page key holds: a page's context is
# mostly strings); everything else, subclasses included, takes the general way below, which
# writes them the same.
_SCALARS = frozenset({type(None), bool, int, float})


def _stable(value: object, out: list[str], path: set[int]) -> None:
    cls = type(value)
    if cls is str:
        out.append(f"str{len(value)}:{str.__repr__(value)}")  # type: ignore[arg-type]
    elif cls in _SCALARS:
        out.append(repr(value))
    else:
        _stable_general(value, out, path)


def _stable_general(value: object, out: list[str], path: set[int]) -> None:
    if value is None or isinstance(value, bool | int | float):
        out.append(repr(value))
    elif isinstance(value, str | bytes):
        # The type is named: Markup (escaped) and str print differently in a template.
        text = str.__repr__(value) if isinstance(value, str) else bytes.__repr__(value)
        out.append(f"{type(value).__name__}{len(value)}:{text}")  # a subclass's repr aside
    elif isinstance(value, date | time | timedelta | tzinfo):
        if isinstance(value, tzinfo) and not isinstance(value, ZoneInfo | timezone):
            raise UnstableError(type(value).__name__)
        out.append(repr(value))
    elif isinstance(value, Enum):
        out.append(f"{type(value).__qualname__}.{value.name}")
    else:
        if id(value) in path:
            raise UnstableError("a cycle")
        path.add(id(value))
        _stable_container(value, out, path)
        path.discard(id(value))


def _stable_container(value: object, out: list[str], path: set[int]) -> None:
    if isinstance(value, tuple | list):
        out.append(f"{type(value).__name__}(")
        for item in value:
            _stable(item, out, path)
            out.append(",")
        out.append(")")
    elif isinstance(value, dict):
        items = []
        for key, item in value.items():
            pair: list[str] = []
            _stable(key, pair, path)
            pair.append(":")
            _stable(item, pair, path)
            items.append("".join(pair))
        out.append("{" + ",".join(sorted(items)) + "}")
    elif isinstance(value, set | frozenset):
        items = []
        for item in value:
            one: list[str] = []
            _stable(item, one, path)
            items.append("".join(one))
        out.append("set{" + ",".join(sorted(items)) + "}")
    elif is_dataclass(value) and not isinstance(value, type):
        out.append(f"{type(value).__module__}.{type(value).__qualname__}(")
        for item in fields(value):
            if item.repr:  # as repr: a field left out of it is not what the object shows
                out.append(f"{item.name}=")
                _stable(getattr(value, item.name), out, path)
                out.append(",")
        out.append(")")
    else:
        raise UnstableError(type(value).__qualname__)


def fingerprint(*data: object) -> str:
    """A short stable key of `data` (see `stable`)."""
    return digest(stable(data))
