"""Which search bundle each searchable page goes into.

One Pagefind index of a whole large archive costs its indexer about 90 MB per thousand posts
(0.93 GB at 10,000), and all of it is made again when one post changes: Pagefind cannot add
to an index. So the searchable pages are cut into shards of at most `limit` pages, each
indexed on its own into a bundle of its own, one indexer at a time; the search page merges
the bundles in the browser (Pagefind's mergeIndex). A shard whose pages did not change keeps
its bundle from the build cache.

A shard is a run of whole months in date order: a new post (the latest month) changes the
last shard only, and the shards of earlier years keep their pages and so their bundles. A
month with more than `limit` pages is a shard of its own. A site of up to `limit` pages has
one shard, the single bundle it always had.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby

Month = tuple[int, int]  # (year, month); an issue without a month counts as month 0


def shards(pages: Iterable[tuple[Month, str]], limit: int) -> list[list[str]]:
    """The shards of `pages` ((month, src_uri) pairs), each a list of src_uris, oldest
    first; never empty: a site with nothing to search has one empty shard (an empty bundle
    keeps the search page working)."""
    if limit < 1:
        raise ValueError(f"limit must be at least 1, not {limit}")
    result: list[list[str]] = [[]]
    for _, month in groupby(sorted(pages), key=lambda page: page[0]):
        sources = [source for _, source in month]
        if result[-1] and len(result[-1]) + len(sources) > limit:
            result.append([])
        result[-1].extend(sources)
    return result
