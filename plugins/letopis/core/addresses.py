"""Published addresses that move: each post's address compared with the one the last
successful build recorded for the same file, and what keeps the old address working.

A post without `slug:` takes its address from its title and date, so editing either moves it
and old links break. A move the editor did not decide (no `slug:`, no alias for the old
address) becomes a warning; the record itself is plain JSON kept outside the site.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import unquote

from .messages import say
from .posts import Post
from .redirects import AliasError, alias_file
from .urls import UrlScheme

RECORD_VERSION = 1


@dataclass(frozen=True)
class Address:
    """Where a post was published, as the record keeps it."""

    url: str  # site-relative and percent-encoded, as Post.url: "2014/05/slug/"
    slug: str
    day: str  # ISO date in the site's time zone: "2014-05-20"


@dataclass(frozen=True)
class Move:
    """A published post whose address changed without the editor's say."""

    source: str  # the record's key: the file relative to docs_dir
    path: str  # as shown to editors
    line: int
    old: Address
    new: Address
    slug_keeps_it: bool  # `slug: <old slug>` gives the post its old address back
    has_aliases: bool

    @property
    def alias(self) -> str:
        """The old address as an editor writes it in `aliases:`."""
        return "/" + unquote(self.old.url)

    @property
    def message(self) -> str:
        """What moved the post and what keeps its old address working, in the site's
        language (the `[problems]` catalog)."""
        title, day = self.old.slug != self.new.slug, self.old.day != self.new.day
        cause = ("moved_title_and_date" if title and day else "moved_title" if title
                 else "moved_date" if day else "moved_url_format")
        keep = say("moved_keep_slug", slug=self.old.slug) if self.slug_keeps_it else ""
        alias = say("moved_join_aliases" if self.has_aliases else "moved_add_aliases",
                    alias=self.alias)
        return say("address_moved", old=self.alias, new=f"/{unquote(self.new.url)}",
                   cause=say(cause), keep=keep, alias=alias)

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def address_of(post: Post) -> Address:
    return Address(post.url, post.slug, post.day.isoformat())


def find_moves(published: Iterable[Post], record: Mapping[str, Address],
               urls: UrlScheme) -> list[Move]:
    """The published posts whose address differs from the recorded one, when neither a new
    `slug:` (the editor's decision) nor an alias for the old address accounts for it. A
    `slug:` that stayed does not keep an address whose date changed."""
    moves = []
    for post in published:
        old = record.get(post.source)
        if old is None or old.url == post.url or _redirects(post, old) or \
                (_slug_given(post) and post.slug != old.slug):
            continue
        new = address_of(post)
        slug_keeps_it = urls.post(post.published, old.slug) == old.url
        line = post.line_of("date") if old.slug == new.slug and old.day != new.day \
            else post.slug_line
        moves.append(Move(post.source, post.path, line, old, new, slug_keeps_it,
                          bool(post.aliases)))
    return moves


def next_record(record: Mapping[str, Address], published: Mapping[str, Address],
                loaded: set[str], moved: set[str]) -> dict[str, Address]:
    """The record after a successful build. Published posts give their addresses, except
    undecided moves, which keep the old one so that the warning comes back; a post loaded but
    not published (a draft again, a later date) keeps its published address; a file gone is
    forgotten."""
    kept = {source: address for source, address in record.items()
            if source in loaded and (source in moved or source not in published)}
    return dict(sorted({**published, **kept}.items()))


def record_text(record: Mapping[str, Address]) -> str:
    """The record as JSON, sorted: stable between builds, easy to diff."""
    posts = {source: _entry(address) for source, address in record.items()}
    return json.dumps({"version": RECORD_VERSION, "posts": posts}, ensure_ascii=False,
                      indent=1, sort_keys=True) + "\n"


def read_record(text: str) -> dict[str, Address] | None:
    """The record written by `record_text`; None when it is not one (then no post has a
    known address, as on a first build)."""
    try:
        data = json.loads(text)
        posts = data["posts"] if data.get("version") == RECORD_VERSION else None
        if not isinstance(posts, dict):
            return None
        record = {}
        for source, entry in posts.items():
            fields = (entry["url"], entry["slug"], entry["day"])
            if not all(isinstance(value, str) for value in fields):
                return None
            record[source] = Address(*fields)
        return record
    except (ValueError, TypeError, KeyError, AttributeError):
        return None


def _entry(address: Address) -> dict[str, str]:
    return {"url": address.url, "slug": address.slug, "day": address.day}


def _slug_given(post: Post) -> bool:
    return post.front is not None and "slug" in post.front.value


def _redirects(post: Post, old: Address) -> bool:
    """Whether one of the post's aliases is the old address."""
    old_file = unquote(old.url) + "index.html"
    for alias in post.aliases:
        try:
            if alias_file(alias) == old_file:
                return True
        except AliasError:  # reported by letopis/redirects
            continue
    return False
