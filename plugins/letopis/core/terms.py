"""The indexes of categories and tags: every term with its number of posts, in Russian
dictionary order, and a weight for the tag cloud. Made once per build from the archive index."""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from .archive import ArchiveIndex, Listing
from .collation import collation_key

CLOUD_WEIGHTS = 5  # the cloud's sizes, 1 (fewest posts) … 5 (most)


@dataclass(frozen=True)
class TermEntry:
    name: str
    url: str  # of the term's archive, site-relative
    count: int  # published posts
    weight: int  # 1 … CLOUD_WEIGHTS, for the tag cloud


@dataclass(frozen=True)
class TermIndex:
    """`category/` or `tag/`: every term of one kind."""

    kind: str  # "category" or "tag"
    url: str
    entries: tuple[TermEntry, ...]

    @property
    def key(self) -> tuple:
        """Everything the index shows, comparable between rebuilds (fast preview)."""
        return (self.kind, self.url, self.entries)


def term_indexes(index: ArchiveIndex, category_url: str, tag_url: str) -> dict[str, TermIndex]:
    """The category and tag indexes of `index`, by kind."""
    return {"category": _term_index("category", category_url, index.categories.values()),
            "tag": _term_index("tag", tag_url, index.tags.values())}


def _term_index(kind: str, url: str, listings: Iterable[Listing]) -> TermIndex:
    terms = [(listing.name or listing.heading, listing.url, len(listing.posts))
             for listing in listings if listing.posts]
    most = max((count for _, _, count in terms), default=1)
    entries = sorted((TermEntry(name, term_url, count, cloud_weight(count, most))
                      for name, term_url, count in terms),
                     key=lambda e: (collation_key(e.name), e.url))
    return TermIndex(kind, url, tuple(entries))


def cloud_weight(count: int, most: int) -> int:
    """1 … CLOUD_WEIGHTS on a logarithmic scale: a tag of 100 posts beside tags of 1 or 2
    would otherwise leave every other tag at the smallest size."""
    if most <= 1:
        return 1
    return 1 + round((CLOUD_WEIGHTS - 1) * math.log(count) / math.log(most))
