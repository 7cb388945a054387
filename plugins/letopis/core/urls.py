"""The URL scheme: where posts and archive pages live, relative to the site root."""

from __future__ import annotations

import string
from dataclasses import dataclass
from datetime import date, datetime
from typing import ClassVar
from urllib.parse import SplitResult, quote, urlsplit

from .messages import say

POST_URL_FIELDS = frozenset({"year", "month", "day", "slug"})


def split_address(url: str) -> SplitResult | None:
    """`urlsplit(url)`, or None for an address it refuses to read: a host in square brackets
    that is no IP address, as in a placeholder ("http://[your site]/"), or an unclosed bracket.
    Such addresses occur in real posts, and MkDocs reading one stops the whole build."""
    try:
        return urlsplit(url)
    except ValueError:
        return None


class UrlFormatError(ValueError):
    """`post_url_format` cannot produce unique, safe post URLs; the message says why."""


@dataclass(frozen=True)
class UrlScheme:
    """URLs are percent-encoded paths relative to the site root, ending in "/".

    Archive URLs follow the WordPress layout the old site had: `2014/`, `2014/05/`,
    `2014/05/20/`, `category/<slug>/`, `tag/<slug>/`, `author/<slug>/`, and `page/2/` for
    further pages. A journal lives in its folder (`journal/<journal>/`), an issue below it
    (`journal/<journal>/2014/2/`).
    """

    post_format: str = "{year}/{month}/{slug}/"
    home: ClassVar[str] = ""

    def __post_init__(self) -> None:
        check_post_format(self.post_format)

    def post(self, moment: datetime, slug: str) -> str:
        return quote(
            self.post_format.format(
                year=f"{moment.year:04d}", month=f"{moment.month:02d}",
                day=f"{moment.day:02d}", slug=slug,
            )
        )

    @staticmethod
    def year(year: int) -> str:
        return f"{year:04d}/"

    @staticmethod
    def month(year: int, month: int) -> str:
        return f"{year:04d}/{month:02d}/"

    @staticmethod
    def day(day: date) -> str:
        return f"{day.year:04d}/{day.month:02d}/{day.day:02d}/"

    # The indexes of every category and every tag.
    categories: ClassVar[str] = "category/"
    tags: ClassVar[str] = "tag/"

    @staticmethod
    def category(slug: str) -> str:
        return f"category/{quote(slug)}/"

    @staticmethod
    def tag(slug: str) -> str:
        return f"tag/{quote(slug)}/"

    authors: ClassVar[str] = "author/"

    @staticmethod
    def author(key: str) -> str:
        return f"author/{quote(key)}/"

    @staticmethod
    def journal(journal_dir: str, slug: str) -> str:
        """The journal's own page: the folder of its index.md."""
        return f"{quote(journal_dir.strip('/'))}/{quote(slug)}/"

    @staticmethod
    def issue(journal_dir: str, slug: str, year: int, number: int) -> str:
        return f"{UrlScheme.journal(journal_dir, slug)}{year:04d}/{number}/"

    @staticmethod
    def page(first_page_url: str, number: int) -> str:
        """The URL of page `number` of a paginated listing whose first page is given."""
        return first_page_url if number == 1 else f"{first_page_url}page/{number}/"


def check_post_format(post_format: str) -> None:
    try:
        parsed = list(string.Formatter().parse(post_format))
    except ValueError as exc:
        raise UrlFormatError(say("url_format_malformed", format=post_format, reason=exc)) \
            from None
    fields = [name for _, name, _, _ in parsed if name is not None]
    unknown = sorted(set(fields) - POST_URL_FIELDS)
    if unknown:
        raise UrlFormatError(say("url_format_unknown", format=post_format,
                                 fields=", ".join(unknown)))
    if any(spec or conversion for _, name, spec, conversion in parsed if name):
        raise UrlFormatError(say("url_format_spec", format=post_format))
    if "slug" not in fields:
        raise UrlFormatError(say("url_format_no_slug", format=post_format))
    if post_format.startswith("/") or not post_format.endswith("/"):
        raise UrlFormatError(say("url_format_relative", format=post_format))
    if any(part in {"", ".", ".."} for part in post_format[:-1].split("/")):
        raise UrlFormatError(say("url_format_parts", format=post_format))
