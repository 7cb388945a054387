"""How many processes render a build, and which pages each batch holds (`letopis build --jobs`).

Framework-free so that the partition is tested in milliseconds; the MkDocs side that forks the
workers and merges what they send back is `letopis.mkdocs_plugins.parallel`.
"""

from __future__ import annotations

import os

ENV = "LETOPIS_JOBS"  # how `letopis build` tells the build process its number of workers
BATCHES_PER_JOB = 8  # small batches even out pages of unequal cost across the workers
LARGEST_BATCH = 200  # bounds what one worker holds before it hands its results back


def available_cores() -> int:
    """The cores this process may run on (a container or `taskset` may allow fewer than the
    machine has), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not every platform has it (macOS)
        return max(1, os.cpu_count() or 1)


def jobs_from(value: str | None) -> int:
    """The number of workers `value` (LETOPIS_JOBS) asks for: a whole number ≥ 1; none, empty
    or anything else gives 1, the serial build (a build never guesses at a mistyped value)."""
    try:
        jobs = int((value or "").strip())
    except ValueError:
        return 1
    return max(1, jobs)


def batches(count: int, jobs: int) -> list[range]:
    """Indices 0..count-1 cut into consecutive batches, in order: several per worker (so a
    worker that drew cheap pages takes another batch) and none larger than LARGEST_BATCH.
    Consecutive, so that merging the batches in order gives back the serial order."""
    if count <= 0:
        return []
    size = max(1, min(LARGEST_BATCH, -(-count // (max(1, jobs) * BATCHES_PER_JOB))))
    return [range(start, min(start + size, count)) for start in range(0, count, size)]

