"""A recycled site folder: `letopis build` writes a new build over an older one, and a file
whose bytes did not change is not written again.

A warm build of a large archive renders a few pages, but writing all of them into an empty
folder (a directory and some 50 KB per page: 800 MB at 10,000 posts), and deleting the
previous site after the swap, was most of its time. So the folder a build is made in starts
as the site the last build replaced (or what a failed build wrote), never the published one: the
swap stays two renames, and a failed build leaves the published site as it was.

What keeps the result byte-identical to a build into an empty folder:
- a file is written unless its present bytes are the very bytes to write; one that is left
  is touched (`os.utime`), so that every file of this build has a status-change time (ctime)
  from this build;
- after the build, every file whose ctime is older than the build's start is removed, and
  every folder that is then empty and was not made by this build. The ctime is the kernel's:
  writing, copying (even with its modification time restored) and renaming all set it, and
  no call sets it back; the start is read from a file made just before the build, on the
  same filesystem, by the same clock;
- what an older build left in the way of a write (a folder where a file goes, a file where a
  folder must be) is removed before it, when it is older than the build.
"""

from __future__ import annotations

import os
import shutil
import stat
import tempfile
from pathlib import Path

ENV = "LETOPIS_RECYCLE"  # the build's start (ns), set by `letopis build`, read by its runner


def disk_now(folder: Path) -> int:
    """The filesystem's present time (ns) as ctimes in `folder` record it."""
    with tempfile.NamedTemporaryFile(dir=folder) as marker:
        return os.fstat(marker.fileno()).st_ctime_ns


# Opening without following a link and touching through the descriptor are POSIX; elsewhere
# every file is written, as without a recycled folder: slower, never wrong.
_CAN_COMPARE = hasattr(os, "O_NOFOLLOW") and os.utime in os.supports_fd


def unchanged(path: str | os.PathLike[str], data: bytes) -> bool:
    """Whether `path` holds exactly `data`; if so it is touched, as if written now."""
    if not _CAN_COMPARE:
        return False
    # One descriptor for the status, the bytes and the touch: a warm build asks this of every
    # page, and three lookups of the path cost a third of it. O_NOFOLLOW: a link is replaced,
    # not touched (its own ctime would stay); O_NONBLOCK: a pipe is not waited on.
    try:
        descriptor = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:  # absent, a link, or not readable: written as usual
        return False
    try:
        status = os.fstat(descriptor)
        if (not stat.S_ISREG(status.st_mode) or status.st_size != len(data)
                or os.read(descriptor, len(data) + 1) != data):
            return False
        os.utime(descriptor)
    except OSError:
        return False
    finally:
        os.close(descriptor)
    return True


def same_copy(source: str, target: str) -> bool:
    """Whether `target` already holds `source`'s bytes; if so it is touched, as if copied."""
    try:
        return (Path(source).stat().st_size == Path(target).lstat().st_size
                and unchanged(target, Path(source).read_bytes()))
    except OSError:
        return False


def copy_if_changed(source: str, target: str) -> str:
    """`shutil.copyfile`, except that a `target` already holding `source`'s bytes is only
    touched (a `copy_function` for shutil.copytree)."""
    return target if same_copy(source, target) else shutil.copyfile(source, target)


def remove_stale(root: Path, since: int) -> int:
    """Remove what under `root` this build did not make (ctime before `since`, ns) and the
    folders that leaves empty; how many files went."""
    removed = 0

    def clear(folder: str) -> bool:
        """Clear `folder` of what is stale; whether it is empty then."""
        nonlocal removed
        left = 0
        # os.scandir, not Path.rglob: a site has a folder per page, tens of thousands.
        with os.scandir(folder) as entries:
            for entry in entries:
                # A folder's ctime as it was before its stale files went (removing sets it).
                ctime = entry.stat(follow_symlinks=False).st_ctime_ns
                if entry.is_dir(follow_symlinks=False):
                    if clear(entry.path) and ctime < since:
                        Path(entry.path).rmdir()
                        continue
                elif ctime < since:
                    Path(entry.path).unlink()
                    removed += 1
                    continue
                left += 1
        return not left

    clear(str(root))
    return removed


def make_room(path: Path, root: Path, since: int) -> bool:
    """Remove what an older build left in the way of writing the file `path` under `root`:
    a folder or a link at its place, or a file or a link at the place of one of its folders;
    whether there was any (not if it is this build's own: that clash is the build's)."""
    try:
        inside = path.relative_to(root)
    except ValueError:  # not the site's: nothing of an older build
        return False
    places = [root / parent for parent in reversed(inside.parents)][1:]
    for place in [*places, path]:
        try:
            status = place.lstat()
        except FileNotFoundError:
            return False
        mode = status.st_mode
        if stat.S_ISREG(mode) if place == path else stat.S_ISDIR(mode):
            continue  # a folder on the way, or the file itself (written over as usual)
        if status.st_ctime_ns >= since:
            return False
        if stat.S_ISDIR(mode):
            shutil.rmtree(place)
        else:
            place.unlink()
        return True
    return False
