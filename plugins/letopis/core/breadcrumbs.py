"""Breadcrumb trails (Архив › 2014 › Май › 20 мая › the post) of posts and archive pages,
computed from the URL scheme; schema.org's BreadcrumbList is made from the same trail
(structured_data.py)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from babel import Locale
from babel.dates import format_date

from .archive import Listing, ListingPage
from .l10n import Localizer
from .posts import Post
from .urls import UrlScheme


@dataclass(frozen=True)
class Crumb:
    name: str
    url: str  # site-relative; the last crumb is the page itself


class Trails:
    """Trails for one build: the archive's root page and the words of the site's locale."""

    def __init__(self, localizer: Localizer, urls: UrlScheme, archive_url: str | None) -> None:
        self._localizer = localizer
        self._urls = urls
        self._root = (Crumb(localizer.ui["archive"], archive_url),) if archive_url is not None \
            else ()
        dates = localizer.catalog["dates"]
        # Stand-alone month («Май»), capitalized like a caption; a day with the genitive month
        # («20 мая»): Babel chooses the case from the pattern (LLLL against MMMM).
        self._month_pattern = dates.get("month_name", "LLLL")
        self._day_pattern = dates.get("day_month", "d MMMM")

    def post(self, post: Post) -> tuple[Crumb, ...]:
        return (*self._day(post.day), Crumb(post.title, post.url))

    def listing(self, page: ListingPage) -> tuple[Crumb, ...]:
        """The trail of a page of a year, month, day, category or tag; none for the home page.
        A further page (…/page/2/) adds itself after its listing."""
        listing = page.listing
        trail = self._listing(listing)
        if not trail:
            return ()
        if page.number > 1:
            trail += (Crumb(self._localizer.ui["page_of"].format(number=page.number,
                                                                 count=page.count), page.url),)
        return trail

    def term_index(self, kind: str) -> tuple[Crumb, ...]:
        """The trail of /category/ or /tag/ (`kind` "category" or "tag")."""
        index = self._urls.categories if kind == "category" else self._urls.tags
        word = self._localizer.ui["categories" if kind == "category" else "tags"]
        return (*self._root, Crumb(word, index))

    def _listing(self, listing: Listing) -> tuple[Crumb, ...]:
        first = listing.posts[-1].day if listing.posts else None
        if listing.kind in ("category", "tag"):
            return (*self.term_index(listing.kind),
                    Crumb(listing.name or listing.heading, listing.url))
        if first is None:
            return ()
        if listing.kind == "year":
            return self._year(first.year)
        if listing.kind == "month":
            return self._month(first.year, first.month)
        if listing.kind == "day":
            return self._day(first)
        return ()

    def _year(self, year: int) -> tuple[Crumb, ...]:
        return (*self._root, Crumb(str(year), self._urls.year(year)))

    def _month(self, year: int, month: int) -> tuple[Crumb, ...]:
        name = _format(date(year, month, 1), self._month_pattern, self._localizer.locale)
        return (*self._year(year), Crumb(name[:1].upper() + name[1:],
                                         self._urls.month(year, month)))

    def _day(self, day: date) -> tuple[Crumb, ...]:
        name = _format(day, self._day_pattern, self._localizer.locale)
        return (*self._month(day.year, day.month), Crumb(name, self._urls.day(day)))


@lru_cache(maxsize=32768)  # thousands of posts share a few hundred months and days
def _format(day: date, pattern: str, locale: Locale) -> str:
    return format_date(day, pattern, locale=locale)
