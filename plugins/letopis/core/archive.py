"""The archive index: every listing of the site (home, years, months, days, categories, tags),
built once per build from the loaded posts and handed to the templates as data."""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from .l10n import Localizer
from .messages import say
from .posts import Post, Term
from .problems import Problems
from .urls import UrlScheme


@dataclass(eq=False)
class Listing:
    """Posts shown together, newest first: the home page, a period, a category or a tag."""

    kind: str  # "home", "year", "month", "day", "category" or "tag"
    url: str  # of its first page
    heading: str
    posts: tuple[Post, ...]
    pages: tuple[ListingPage, ...] = field(default=(), repr=False)
    name: str = ""  # a category's or tag's own name, as its first post spells it


@dataclass(frozen=True, eq=False)
class ListingPage:
    """One page of a paginated listing; `newer_url`/`older_url` link its neighbours."""

    listing: Listing
    number: int
    count: int
    url: str
    title: str
    posts: tuple[Post, ...]
    newer_url: str | None
    older_url: str | None


@dataclass(eq=False)
class ArchiveIndex:
    posts: tuple[Post, ...]  # published in this build, newest first
    home: Listing
    years: dict[int, Listing]
    months: dict[tuple[int, int], Listing]
    days: dict[date, Listing]
    categories: dict[str, Listing]  # by slug
    tags: dict[str, Listing]  # by slug
    _older: dict[str, Post] = field(repr=False)
    _newer: dict[str, Post] = field(repr=False)

    def listings(self) -> Iterable[Listing]:
        yield self.home
        for group in (self.years, self.months, self.days, self.categories, self.tags):
            yield from group.values()

    def pages(self) -> Iterable[ListingPage]:
        for listing in self.listings():
            yield from listing.pages

    def older(self, post: Post) -> Post | None:
        return self._older.get(post.source)

    def newer(self, post: Post) -> Post | None:
        return self._newer.get(post.source)


def newest_first(posts: Iterable[Post]) -> list[Post]:
    # The source path breaks ties so that two builds order same-moment posts alike. Moments,
    # not wall clocks: datetimes of one zone compare by their clock, and in the hour repeated
    # when summer time ends (fold) the later post would tie with the earlier one.
    return sorted(posts, key=lambda p: (p.published.timestamp(), p.source), reverse=True)


def build_archive(
    posts: Iterable[Post],
    *,
    localizer: Localizer,
    urls: UrlScheme,
    page_size: int,
    include_drafts: bool,
    archive_page_size: int | None = None,
    published_by: datetime | None = None,
) -> tuple[ArchiveIndex, Problems]:
    """Index `posts` and check that every post and listing has a URL of its own.

    The home page shows `page_size` posts per page; period, category and tag archives
    `archive_page_size` (by default the same).

    A post dated after `published_by` (the moment of the build) is not shown yet: it is
    published by the first build after its date. None shows every post.

    URL clashes are checked among all posts, drafts and future posts included, so that a site
    that previews without errors also builds without them.
    """
    problems = Problems()
    every_post = newest_first(posts)
    shown = tuple(p for p in every_post if (include_drafts or not p.draft)
                  and (published_by is None or p.published <= published_by))

    def listing(kind: str, url: str, heading: str, members: list[Post]) -> Listing:
        size = page_size if kind == "home" else archive_page_size or page_size
        return _paginate(Listing(kind, url, heading, tuple(members)), size, localizer)

    by_year, by_month, by_day = defaultdict(list), defaultdict(list), defaultdict(list)
    for post in shown:
        day = post.day
        by_year[day.year].append(post)
        by_month[day.year, day.month].append(post)
        by_day[day].append(post)

    index = ArchiveIndex(
        posts=shown,
        home=listing("home", urls.home, localizer.heading("home"), list(shown)),
        years={
            year: listing("year", urls.year(year), localizer.heading("year", year=year), group)
            for year, group in by_year.items()
        },
        months={
            (year, month): listing(
                "month", urls.month(year, month),
                localizer.heading("month", month=localizer.month(year, month)), group,
            )
            for (year, month), group in by_month.items()
        },
        days={
            day: listing("day", urls.day(day), localizer.heading("day", day=localizer.day(day)),
                         group)
            for day, group in by_day.items()
        },
        categories=_term_listings(shown, "category", lambda p: p.categories, listing,
                                  localizer, problems),
        tags=_term_listings(shown, "tag", lambda p: p.tags, listing, localizer, problems),
        _older={newer.source: older for newer, older in itertools.pairwise(shown)},
        _newer={older.source: newer for newer, older in itertools.pairwise(shown)},
    )
    _check_urls(every_post, index, problems)
    return index, problems


def _paginate(listing: Listing, page_size: int, localizer: Localizer) -> Listing:
    chunks = [listing.posts[i:i + page_size] for i in range(0, len(listing.posts), page_size)]
    chunks = chunks or [()]  # an empty listing still has its first page
    page_urls = [UrlScheme.page(listing.url, n) for n in range(1, len(chunks) + 1)]
    pages = tuple(
        ListingPage(
            listing=listing,
            number=number,
            count=len(chunks),
            url=page_urls[number - 1],
            title=localizer.numbered(listing.heading, number),
            posts=chunk,
            newer_url=page_urls[number - 2] if number > 1 else None,
            older_url=page_urls[number] if number < len(chunks) else None,
        )
        for number, chunk in enumerate(chunks, start=1)
    )
    listing.pages = pages  # pages refer back to their listing, so it is set afterwards
    return listing


def _term_listings(
    posts: tuple[Post, ...],
    kind: str,
    terms_of: Callable[[Post], tuple[Term, ...]],
    listing: Callable[[str, str, str, list[Post]], Listing],
    localizer: Localizer,
    problems: Problems,
) -> dict[str, Listing]:
    members: dict[str, list[Post]] = defaultdict(list)
    spelling: dict[str, tuple[Term, Post]] = {}
    # Oldest first, so the first spelling an editor used names the archive page.
    for post in reversed(posts):
        for term in terms_of(post):
            first = spelling.setdefault(term.slug, (term, post))
            if first[0].name != term.name:
                problems.warning(
                    post.path, None,
                    say("term_spelling", kind=say(f"term_{kind}"), name=term.name, url=term.url,
                        first=first[0].name, first_path=first[1].path),
                )
            members[term.slug].append(post)
    listings = {}
    for slug, (term, _) in sorted(spelling.items()):
        # Members were gathered oldest first from posts in index order: reversed, they are in
        # that order again (newest_first, without sorting each term's posts anew).
        listings[slug] = listing(kind, term.url, localizer.heading(kind, name=term.name),
                                 members[slug][::-1])
        listings[slug].name = term.name  # for the indexes of categories and tags (terms.py)
    return listings


def _check_urls(every_post: list[Post], index: ArchiveIndex, problems: Problems) -> None:
    taken: dict[str, str] = {page.url: say("the_page", title=page.title)
                             for page in index.pages()}
    # Oldest first: the older post keeps its URL, the newer one is asked to change.
    for post in reversed(every_post):
        if post.url in taken:
            problems.error(
                post.path, post.slug_line,
                say("url_taken", url=post.url, other=taken[post.url]),
            )
        else:
            taken[post.url] = post.path
