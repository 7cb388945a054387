"""Posts waiting for their date: which ones, soonest first, and when the next one is due.

A post dated in the future is published by the first build after its date (the nightly run of
the publishing workflow, or any push). Editors see the waiting list in `letopis check` and in
the build log, so that a post scheduled by mistake for next year, or a nightly run that stopped
(docs/publishing.md), does not go unnoticed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from .posts import Post


@dataclass(frozen=True)
class Schedule:
    """The posts that wait for their date, soonest first."""

    waiting: tuple[Post, ...]

    @property
    def next_due(self) -> datetime | None:
        """When the soonest waiting post may appear: the first build after this moment."""
        return self.waiting[0].published if self.waiting else None

    def __bool__(self) -> bool:
        return bool(self.waiting)

    def __len__(self) -> int:
        return len(self.waiting)


def schedule(posts: Iterable[Post], now: datetime) -> Schedule:
    """The posts dated after `now` (aware). Drafts are left out: they do not appear at their
    date but when an editor removes `draft:`, so listing them would promise a publication."""
    waiting = (post for post in posts if post.published > now and not post.draft)
    # Moments, not wall clocks (see archive.newest_first).
    return Schedule(tuple(sorted(waiting,
                                 key=lambda post: (post.published.timestamp(), post.path))))
