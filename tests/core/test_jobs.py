"""The number of workers of `letopis build --jobs` and the batches of pages they take."""

from __future__ import annotations

import pytest

from letopis.core.jobs import LARGEST_BATCH, available_cores, batches, jobs_from


@pytest.mark.parametrize(("value", "jobs"), [
    (None, 1), ("", 1), ("1", 1), ("2", 2), (" 4 ", 4), ("0", 1), ("-3", 1), ("два", 1),
    ("2.5", 1),
])
def test_jobs_from_the_environment(value: str | None, jobs: int) -> None:
    assert jobs_from(value) == jobs


def test_available_cores_is_at_least_one() -> None:
    assert available_cores() >= 1


@pytest.mark.parametrize(("count", "jobs", "sizes"), [
    (0, 2, []),
    (1, 2, [1]),
    (5, 2, [1, 1, 1, 1, 1]),
    (40, 2, [3] * 13 + [1]),
    (160, 2, [10] * 16),
    (10, 1, [2] * 5),
])
def test_batches_cover_every_page_once_in_order(count: int, jobs: int,
                                               sizes: list[int]) -> None:
    cut = batches(count, jobs)
    assert [len(batch) for batch in cut] == sizes
    assert [index for batch in cut for index in batch] == list(range(count))


def test_no_batch_is_larger_than_the_bound() -> None:
    cut = batches(100_000, 2)
    assert max(len(batch) for batch in cut) == LARGEST_BATCH == 200
    assert [index for batch in cut for index in batch] == list(range(100_000))
