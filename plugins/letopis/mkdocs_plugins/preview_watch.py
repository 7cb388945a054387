"""The preview's file watcher: the kernel's change notices (inotify) instead of MkDocs' polling.

MkDocs' server polls: every half second a thread of its own walks the whole docs folder and
compares two snapshots of it. On a 4,000-post archive one walk costs a tenth of a second or
more, so a save is noticed up to half a second late, and the walks compete with the rebuild for
the interpreter. On Linux the kernel tells of a change as it happens, for no work at all.

inotify also reports files being opened and read, the rebuild's own reads included; only writes,
creations, deletions and moves are let through, or each rebuild would start the next one.

Set LETOPIS_POLLING=1 to keep MkDocs' polling (folders on a network share or mounted into a
container, where no change notices arrive). Anywhere inotify cannot watch the folders (not
Linux, or the system's watch limit reached), polling is kept as well.
"""

from __future__ import annotations

import os
import sys
from typing import Any

from mkdocs.plugins import get_plugin_logger

from letopis.core.messages import say

log = get_plugin_logger("letopis")

try:
    from watchdog.events import (
        DirCreatedEvent,
        DirDeletedEvent,
        DirMovedEvent,
        FileClosedEvent,
        FileCreatedEvent,
        FileDeletedEvent,
        FileModifiedEvent,
        FileMovedEvent,
    )
    from watchdog.observers.inotify import InotifyObserver
except ImportError:  # not Linux: watchdog has no inotify observer there
    InotifyObserver = None  # type: ignore[assignment,misc]

# What a save, a new file, a deletion or a rename looks like; not opens, reads or closes
# after reading.
_CHANGES = [FileModifiedEvent, FileClosedEvent, FileCreatedEvent, FileDeletedEvent,
            FileMovedEvent, DirCreatedEvent, DirDeletedEvent, DirMovedEvent] \
    if InotifyObserver is not None else []


def watch_natively(server: Any) -> bool:
    """Move the server's watched paths to an inotify observer, started here so that a failure
    leaves MkDocs' polling observer in place. Returns whether the change was made."""
    # The watched paths are the server's private record: where a fork or a later release keeps
    # them otherwise, its own watcher is left as it is.
    watched = getattr(server, "_watched_paths", None)
    if (InotifyObserver is None or sys.platform != "linux" or not isinstance(watched, dict)
            or os.environ.get("LETOPIS_POLLING") or not hasattr(server, "unwatch")):
        return False
    paths = dict(watched)
    polling = server.observer
    _move(server, paths, _NativeObserver())
    try:
        server.observer.start()
    except OSError as exc:  # e.g. the system's limit of inotify watches reached
        _move(server, paths, polling)
        log.info(say("preview_polling", reason=exc))
        return False
    return True


def _move(server: Any, paths: dict[str, int], observer: Any) -> None:
    for path, count in paths.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = observer
    for path, count in paths.items():
        for _ in range(count):
            server.watch(path)


if InotifyObserver is not None:
    class _NativeObserver(InotifyObserver):
        def schedule(self, event_handler: Any, path: str, *, recursive: bool = False,
                     event_filter: Any = None) -> Any:
            return super().schedule(event_handler, path, recursive=recursive,
                                    event_filter=event_filter or _CHANGES)

        def start(self) -> None:
            # Started by watch_natively; the server starts its observer once more.
            if not self.is_alive():
                super().start()
