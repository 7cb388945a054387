"""The post: a Markdown file under `posts/` with validated front matter."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any
from urllib.parse import unquote

from .comments import Comment, read_comments
from .dates import DateError, parse_post_date
from .fields import Fields
from .l10n import Localizer
from .messages import say
from .problems import Problems
from .slugs import is_valid_slug, post_slug, term_slug
from .source import Document
from .urls import UrlScheme
from .yaml_mapping import YamlData

# Front matter keys a post may carry.
POST_KEYS = frozenset(
    {"title", "date", "slug", "summary", "categories", "tags", "authors", "draft", "issue",
     "aliases", "comments"}
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
    authors: tuple[str, ...] = ()  # keys of the authors registry
    issue: str | None = None  # "<journal>/<year>/<number>": the journal issue it announces
    aliases: tuple[str, ...] = ()  # old addresses that redirect here
    draft: bool = False
    # Paragraphs of plain text. From `summary:` when given; otherwise filled once from the
    # rendered page (text before <!-- more -->, else the first paragraph).
    summary: tuple[str, ...] = ()
    # The old site's comments, shown read-only under the post: those on the post by date, each
    # with its replies (see core/comments.py).
    comments: tuple[Comment, ...] = ()
    front: YamlData | None = field(default=None, repr=False)  # for lines of later checks

    @property
    def day(self) -> date:
        return self.published.date()

    def line_of(self, *key: str | int) -> int:
        return self.front.line_of(*key) if self.front else 1

    def url_path(self) -> str:
        """The file the post is written to, relative to the site."""
        return unquote(self.url) + "index.html"


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
    fields = Fields(doc.front, doc.path, problems)
    fields.warn_unknown(POST_KEYS | ENGINE_KEYS, suggest=POST_KEYS)

    title = fields.text("title", required=True)
    published = _date(fields, context)
    slug = _slug(fields, title)
    summary = fields.text("summary")
    categories = _terms(fields, "categories", context.urls.category)
    tags = _terms(fields, "tags", context.urls.tag)
    authors = fields.names("authors")
    issue = fields.text("issue")
    aliases = fields.names("aliases")
    draft = fields.flag("draft")
    comments = read_comments(fields, context.timezone, context.localizer)
    _check_text(doc, draft, problems)

    if len(problems.errors) > before or title is None or published is None or slug is None:
        return None
    return Post(
        source=source,
        path=doc.path,
        title=title,
        published=published,
        date_label=context.localizer.post_date(published),
        slug=slug,
        slug_line=fields.line("slug" if fields.has("slug") else "title"),
        url=context.urls.post(published, slug),
        categories=categories,
        tags=tags,
        authors=tuple(authors),
        issue=issue,
        aliases=tuple(aliases),
        draft=draft,
        summary=tuple(p for p in (summary or "").split("\n\n") if p.strip()),
        comments=comments,
        front=doc.front,
    )


def _check_text(doc: Document, draft: bool, problems: Problems) -> None:
    """A post without text would be published as a bare title. A draft may wait for its text
    without a word: it is not published, and a warning would stop every strict build (the
    publishing one too) over work in progress."""
    if doc.body.strip() or draft:
        return
    problems.error(doc.path, doc.closing_line, say("no_text"))


def _date(fields: Fields, context: PostContext) -> datetime | None:
    if not fields.has("date"):
        fields.error("date", say("date_missing"))
        return None
    try:
        return parse_post_date(fields.values["date"], context.timezone)
    except DateError as exc:
        fields.error("date", str(exc))
        return None


def _slug(fields: Fields, title: str | None) -> str | None:
    if "slug" in fields.values:
        slug = fields.values["slug"]
        if isinstance(slug, int) and not isinstance(slug, bool):
            slug = str(slug)
        if not isinstance(slug, str) or not is_valid_slug(slug):
            fields.error("slug", say("bad_slug", slug=repr(slug)))
            return None
        return slug
    if title is None:
        return None
    return post_slug(title, fields.path)


def _terms(fields: Fields, key: str, make_url: Any) -> tuple[Term, ...]:
    terms = []
    for name in fields.names(key):
        slug = term_slug(name)
        terms.append(Term(name=name, slug=slug, url=make_url(slug)))
    return tuple(terms)
