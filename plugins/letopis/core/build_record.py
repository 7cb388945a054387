"""Whether `letopis build` has anything to do: the record of the build it published last.

A build reads the project's files (mkdocs.yml, the content, the theme, the addresses record…),
the installed packages, the environment (mkdocs.yml may take values from it with `!ENV`) and
the clock (a post dated in the future appears with the first build after its date). When
none of these changed since the last published build and its site folder is as that build
left it, building again would write the same bytes: `letopis build` says so and stops, in a
fraction of a second instead of a whole build. Any doubt builds: a record that cannot be read,
another format, a file that cannot be read, a site file touched since.

Framework-free: which folders and files a build reads is the caller's business (publish.py).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

FORMAT = "letopis-build-record-1"
NAME = "last-build.json"  # in the cache folder: `--no-cache`, or deleting it, builds again
# Shell bookkeeping that differs between two runs of the same command and that no build
# reads: every other variable is part of the inputs.
IGNORED_VARIABLES = frozenset({"_", "OLDPWD", "SHLVL", "COLUMNS", "LINES"})
# Never inputs: version control, virtual environments, the JavaScript tools, bytecode.
SKIPPED_NAMES = frozenset({".git", ".hg", ".svn", "node_modules", "__pycache__"})


DUE_ENV = "LETOPIS_DUE_FILE"  # where the build writes when its soonest waiting post is due


@dataclass(frozen=True)
class Inputs:
    """What a build reads, as the caller knows it: folders read whole (the project's, the
    content's, the theme's), single files, folders under them that are not inputs (the site
    and the cache), and files the build itself rewrites (the addresses record: hashed as the
    build left them)."""

    roots: tuple[Path, ...]
    skipped: tuple[Path, ...]
    written: tuple[Path, ...] = ()


@dataclass(frozen=True)
class Record:
    inputs: str  # inputs_digest() before the build
    site: str  # site_digest() after the build was published
    due: datetime | None  # when the soonest waiting post appears: a build after it differs


class _Hasher:
    """BLAKE2b over length-prefixed parts (as core/build_cache.digest), fed file by file
    instead of holding a whole content folder in memory."""

    def __init__(self) -> None:
        self._hash = hashlib.blake2b(digest_size=16)

    def add(self, part: str | bytes) -> None:
        data = part.encode("utf-8") if isinstance(part, str) else part
        self._hash.update(len(data).to_bytes(8, "little"))
        self._hash.update(data)

    def hexdigest(self) -> str:
        return self._hash.hexdigest()


def _files(root: str, skipped: frozenset[str]) -> list[str]:
    """Every file under `root` (a resolved path) a build may read, as paths below it, in a
    stable order: folders in `skipped` (resolved paths), `SKIPPED_NAMES`, hidden folders (the
    cache, `.site.building`…) and virtual environments left out. Strings, not Paths: a site
    of 10,000 posts has 20,000 files here, and their Paths took most of the check."""
    found: list[str] = []
    # Symbolic links followed, as MkDocs follows them in docs_dir.
    for folder, subfolders, names in os.walk(root, followlinks=True):
        below = folder[len(root) + 1:].replace(os.sep, "/")  # os.walk joins onto `root`
        subfolders[:] = sorted(
            name for name in subfolders
            if name not in SKIPPED_NAMES and not name.startswith(".")
            and f"{folder}{os.sep}{name}" not in skipped
            and not Path(folder, name, "pyvenv.cfg").exists())
        found += (f"{below}/{name}" if below else name for name in sorted(names)
                  if f"{folder}{os.sep}{name}" not in skipped)
    return found


def inputs_digest(inputs: Inputs, *, environment: Mapping[str, str],
                  packages: Iterable[tuple[str, str]], other: Iterable[str] = ()) -> str:
    """The digest of what a build reads, taken before it: the files under `inputs.roots`
    (less `inputs.skipped` and `inputs.written`), by path and bytes; the environment; the
    installed packages (name, version); any `other` value (the command's options). Raises
    OSError when a file cannot be read."""
    hasher = _Hasher()
    hasher.add(FORMAT)
    skip = frozenset(str(path.resolve()) for path in (*inputs.skipped, *inputs.written))
    for root in sorted({path.resolve() for path in inputs.roots}):
        hasher.add(f"root {root}")
        for name in _files(str(root), skip):
            hasher.add(name)
            with open(f"{root}/{name}", "rb") as file:  # noqa: PTH123 (see _files)
                hasher.add(file.read())
    for name, value in sorted(environment.items()):
        if name not in IGNORED_VARIABLES:
            hasher.add(f"env {name}={value}")
    for name, version in sorted(packages):
        hasher.add(f"package {name}=={version}")
    for value in other:
        hasher.add(f"other {value}")
    return hasher.hexdigest()


def written_digest(inputs: Inputs) -> str:
    """The files a build rewrites, as they are now: compared after the build that wrote them
    (an edit by hand in between builds again)."""
    hasher = _Hasher()
    for path in sorted({path.resolve() for path in inputs.written}):
        hasher.add(str(path))
        try:
            hasher.add(path.read_bytes())
        except FileNotFoundError:
            hasher.add("\0absent")
    return hasher.hexdigest()


def site_digest(site: Path) -> str:
    """The site folder as a build left it: every file's name, size and modification time
    (reading 20,000 pages' bytes would cost what the check saves). Touching or replacing a
    file changes its time. A folder's files come before its subfolders', each in name order;
    a link to a folder is not followed (as `os.walk`); a folder that cannot be listed raises
    OSError (then the build runs)."""
    hasher = _Hasher()

    def add(folder: str, below: str) -> None:
        # os.scandir, not os.walk and Paths: its entries carry what they are, and the site of
        # 10,000 posts has 20,000 files to look at before a build that does nothing.
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
        subfolders = []
        for entry in entries:
            if entry.is_dir():
                if not entry.is_symlink():
                    subfolders.append(entry)
                continue
            status = entry.stat()  # a link to a file: the file's
            hasher.add(f"{below}{entry.name}")
            hasher.add(f"{status.st_size} {status.st_mtime_ns}")
        for entry in subfolders:
            add(entry.path, f"{below}{entry.name}/")

    add(str(site), "")
    return hasher.hexdigest()


def read(path: Path) -> Record | None:
    """The record at `path`; None if there is none, or it cannot be read as one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data["format"] != FORMAT:
            return None
        due = data["due"]
        return Record(inputs=str(data["inputs"]), site=str(data["site"]),
                      due=datetime.fromisoformat(due) if due is not None else None)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def write(path: Path, record: Record) -> None:
    """Write `record` atomically (a torn record reads as none: the next build runs)."""
    data = {"format": FORMAT, "inputs": record.inputs, "site": record.site,
            "due": record.due.isoformat() if record.due is not None else None}
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
        temporary.replace(path)
    except OSError:
        temporary.unlink(missing_ok=True)  # no record: the next build runs, nothing worse


def write_due(path: Path, due: datetime | None) -> None:
    """In the build: when its soonest waiting post is due (`DUE_ENV` names the file)."""
    path.write_text(due.isoformat() if due is not None else "", encoding="utf-8")


def read_due(path: Path) -> datetime | None:
    """After the build: what `write_due` wrote. Raises ValueError (or OSError) when the build
    did not write it: then no record is kept."""
    text = path.read_text(encoding="utf-8").strip()
    return datetime.fromisoformat(text) if text else None


def is_current(record: Record | None, inputs: str, site: Path, now: datetime) -> bool:
    """Whether a build now, of these `inputs` into `site`, would write the site `record`
    describes: the same inputs, the site folder untouched, and no waiting post due since."""
    if record is None or record.inputs != inputs:
        return False
    if record.due is not None and now >= record.due:
        return False
    try:
        return site.is_dir() and site_digest(site) == record.site
    except OSError:
        return False
