"""Search shards: runs of whole months, at most `limit` pages each, stable where the archive
did not change."""

from __future__ import annotations

import random

import pytest

from letopis.core.search_shards import shards


def pages(*months: tuple[int, int, int]) -> list[tuple[tuple[int, int], str]]:
    """`count` pages for each (year, month, count), named after their month."""
    return [((year, month), f"posts/{year}/{month:02}-{number}.md")
            for year, month, count in months for number in range(count)]


def test_a_small_site_has_one_shard_of_every_page() -> None:
    site = pages((2014, 5, 3), (2014, 6, 2))
    assert shards(site, 2000) == [sorted(source for _, source in site)]


def test_a_site_with_nothing_to_search_has_one_empty_shard() -> None:
    assert shards([], 10) == [[]]


def test_months_are_never_split_and_no_shard_outgrows_the_limit_unless_one_month_does() -> None:
    site = pages((2010, 1, 4), (2010, 2, 4), (2010, 3, 3), (2011, 1, 12), (2011, 2, 1))
    result = shards(site, 8)
    assert [len(shard) for shard in result] == [8, 3, 12, 1]
    assert [source for shard in result for source in shard] == sorted(s for _, s in site)


def test_shards_go_oldest_first_whatever_order_the_pages_come_in() -> None:
    site = pages((2012, 3, 2), (2010, 1, 2), (2011, 7, 2))
    shuffled = site[:]
    random.Random(4).shuffle(shuffled)
    assert shards(shuffled, 2) == [[s for _, s in site[2:4]], [s for _, s in site[4:6]],
                                   [s for _, s in site[0:2]]]


def test_a_new_post_changes_the_last_shard_only() -> None:
    before = pages((2010, 1, 5), (2010, 2, 5), (2011, 3, 5), (2011, 4, 2))
    after = [*before, ((2011, 4), "posts/2011/new.md")]
    old, new = shards(before, 10), shards(after, 10)
    assert new[:-1] == old[:-1]
    assert new[-1] == sorted([*old[-1], "posts/2011/new.md"])


def test_issues_without_a_month_come_before_the_posts_of_their_year() -> None:
    site = [((2014, 5), "posts/2014/a.md"), ((2014, 0), "journal/2014/1.md")]
    assert shards(site, 10) == [["journal/2014/1.md", "posts/2014/a.md"]]


def test_a_limit_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="at least 1"):
        shards(pages((2014, 5, 1)), 0)
