"""The post: a Markdown file under `posts/` with validated front matter."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from .dates import DateError, parse_post_date
from .l10n import Localizer
from .problems import Problems
from .slugs import is_valid_slug, slug_from_title
from .source import Document
from .urls import UrlScheme

# Front matter keys a post may carry.
POST_KEYS = frozenset(
    {"title", "date", "slug", "summary", "categories", "tags", "authors", "draft"}
)
# Keys MkDocs and Material read from front matter themselves: valid, not typos.
ENGINE_KEYS = frozenset({"template", "hide", "description", "search", "status", "icon"})


@dataclass(frozen=True)
class Term:
    """A category or a tag: the editor's spelling and the slug its archive page lives at."""

    name: str
    slug: str
    url: str


@dataclass(eq=False)
class Post:
    """A loaded, valid post. Identity is `source`, never the title (see MkDocs' Page.__eq__)."""

    source: str  # path relative to docs_dir, "posts/2014/x.md": the key everywhere
    path: str  # as shown to editors, "content/posts/2014/x.md"
    title: str
    published: datetime  # aware, in the site's time zone
    date_label: str  # «20 мая 2014 г.»
    slug: str
    slug_line: int  # where the slug comes from: `slug:` if given, else `title:`
    url: str
    categories: tuple[Term, ...] = ()
    tags: tuple[Term, ...] = ()
    authors: tuple[str, ...] = ()
    draft: bool = False
    # Paragraphs of plain text. From `summary:` when given; otherwise filled once from the
    # rendered page (text before <!-- more -->, else the first paragraph).
    summary: tuple[str, ...] = ()

    @property
    def day(self) -> date:
        return self.published.date()


@dataclass(frozen=True)
class PostContext:
    """What turning front matter into a Post needs from the site configuration."""

    timezone: Any  # zoneinfo.ZoneInfo
    urls: UrlScheme
    localizer: Localizer


def post_from_document(
    doc: Document, source: str, context: PostContext, problems: Problems
) -> Post | None:
    """Validate `doc`'s front matter, recording every problem; None if it has errors."""
    before = len(problems.errors)
    meta = doc.meta
    _warn_unknown_keys(doc, problems)

    title = _text(doc, "title", problems, required=True)
    published = _date(doc, context, problems)
    slug = _slug(doc, title, problems)
    summary = _text(doc, "summary", problems)
    categories = _terms(doc, "categories", context.urls.category, problems)
    tags = _terms(doc, "tags", context.urls.tag, problems)
    authors = _names(doc, "authors", problems)
    draft = meta.get("draft", False)
    if not isinstance(draft, bool):
        problems.error(doc.path, doc.line_of("draft"),
                       f"draft must be true or false, not {draft!r}")

    if len(problems.errors) > before or title is None or published is None or slug is None:
        return None
    return Post(
        source=source,
        path=doc.path,
        title=title,
        published=published,
        date_label=context.localizer.post_date(published),
        slug=slug,
        slug_line=doc.line_of("slug" if "slug" in meta else "title"),
        url=context.urls.post(published, slug),
        categories=categories,
        tags=tags,
        authors=tuple(authors),
        draft=bool(draft),
        summary=tuple(p for p in (summary or "").split("\n\n") if p.strip()),
    )


def _warn_unknown_keys(doc: Document, problems: Problems) -> None:
    known = POST_KEYS | ENGINE_KEYS
    for key in doc.meta:
        if key in known:
            continue
        guess = difflib.get_close_matches(key, sorted(POST_KEYS), n=1)
        hint = f' (did you mean "{guess[0]}"?)' if guess else ""
        problems.warning(doc.path, doc.line_of(key), f'unknown key "{key}"{hint}')


def _text(doc: Document, key: str, problems: Problems, *, required: bool = False) -> str | None:
    value = doc.meta.get(key)
    if value is None:
        if required:
            problems.error(doc.path, doc.line_of(key), f'"{key}" is missing (required)'
                           if key not in doc.meta else f'"{key}" is empty (required)')
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # `title: 1984` is the text 1984
    if not isinstance(value, str):
        problems.error(doc.path, doc.line_of(key),
                       f'{key} must be text; put it in quotes: {key}: "…"')
        return None
    value = value.strip()
    if required and not value:
        problems.error(doc.path, doc.line_of(key), f'"{key}" is empty (required)')
        return None
    return value


def _date(doc: Document, context: PostContext, problems: Problems) -> datetime | None:
    if doc.meta.get("date") is None:
        problems.error(doc.path, doc.line_of("date"),
                       '"date" is missing (required, e.g. date: 2014-05-20)')
        return None
    try:
        return parse_post_date(doc.meta["date"], context.timezone)
    except DateError as exc:
        problems.error(doc.path, doc.line_of("date"), str(exc))
        return None


def _slug(doc: Document, title: str | None, problems: Problems) -> str | None:
    if "slug" in doc.meta:
        slug = doc.meta["slug"]
        if isinstance(slug, int) and not isinstance(slug, bool):
            slug = str(slug)
        if not isinstance(slug, str) or not is_valid_slug(slug):
            problems.error(
                doc.path, doc.line_of("slug"),
                f"slug {slug!r} may hold only letters, digits, '-' and '_' "
                "(it becomes one part of the URL)",
            )
            return None
        return slug
    if title is None:
        return None
    slug = slug_from_title(title)
    if not slug:
        problems.error(
            doc.path, doc.line_of("title"),
            f'cannot make a URL slug from the title "{title}"; add e.g. "slug: my-post"',
        )
        return None
    return slug


def _names(doc: Document, key: str, problems: Problems) -> list[str]:
    value = doc.meta.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        problems.error(doc.path, doc.line_of(key),
                       f"{key} must be a list, e.g. {key}: [Продажи, Клиенты]")
        return []
    names: list[str] = []
    for item in value:
        if isinstance(item, int) and not isinstance(item, bool):
            item = str(item)
        if not isinstance(item, str) or not item.strip():
            problems.error(doc.path, doc.line_of(key),
                           f"each of {key} must be non-empty text, not {item!r}")
            continue
        if item.strip() not in names:
            names.append(item.strip())
    return names


def _terms(
    doc: Document, key: str, make_url: Callable[[str], str], problems: Problems
) -> tuple[Term, ...]:
    terms = []
    for name in _names(doc, key, problems):
        slug = slug_from_title(name)
        if not slug:
            problems.error(doc.path, doc.line_of(key),
                           f'"{name}" in {key} has no letters or digits to make its URL from')
            continue
        terms.append(Term(name=name, slug=slug, url=make_url(slug)))
    return tuple(terms)
