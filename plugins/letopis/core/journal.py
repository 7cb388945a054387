"""The journal model: journals, their issues and the articles of each issue.

Layout (documented in the editor's guide): `journal/<journal>/index.md` describes a journal
(its own page); every other Markdown file under `journal/<journal>/` is one issue, whose front
matter lists its articles and whose text is the issue's announcement.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from .authors import AuthorRef, author_refs
from .content import SourceFile
from .fields import Fields
from .l10n import Localizer
from .messages import say
from .posts import Post
from .problems import Problems
from .slugs import heading_anchor, is_valid_slug
from .source import Document, read_document
from .urls import UrlScheme

JOURNAL_KEYS = frozenset({"name", "publisher", "description"})
ISSUE_KEYS = frozenset({"year", "number", "status", "release", "cover", "articles",
                        "other_authors"})
ARTICLE_KEYS = frozenset({"title", "authors", "abstract", "rubric", "pages"})
ENGINE_KEYS = frozenset({"template", "hide", "search"})


@dataclass(frozen=True)
class Article:
    title: str
    authors: tuple[str, ...]  # keys of the authors registry
    abstract: str  # Markdown
    rubric: str | None
    pages: str | None
    anchor: str  # its id on the issue page


@dataclass(eq=False)
class Issue:
    journal: str  # the journal's slug
    source: str  # path relative to docs_dir
    path: str  # as shown to editors
    year: int
    number: int
    status: str | None
    release: str | None  # expected release, as the editors word it
    cover: str | None  # image path relative to the issue file
    articles: tuple[Article, ...]
    other_authors: tuple[str, ...]  # authors of further articles whose titles are not given
    url: str
    title: str  # «Клиентинг и управление клиентским портфелем», № 2, 2014
    label: str  # № 2, 2014
    doc: Document = field(repr=False)
    posts: list[Post] = field(default_factory=list)  # the blog posts announcing it

    @property
    def ref(self) -> str:
        """How a post names this issue in its `issue:` key."""
        return f"{self.journal}/{self.year}/{self.number}"


@dataclass(eq=False)
class Journal:
    slug: str
    source: str  # its index.md, relative to docs_dir
    path: str
    name: str
    publisher: str | None
    description: str | None
    url: str
    issues: list[Issue] = field(default_factory=list)  # newest first

    def issues_by_year(self) -> list[tuple[int, list[Issue]]]:
        """Issues grouped by year, newest year first, newest issue first within a year."""
        return [(year, list(group))
                for year, group in itertools.groupby(self.issues, key=lambda i: i.year)]


@dataclass
class Journals:
    """Every journal of the site, and each issue by the reference posts use."""

    by_slug: dict[str, Journal]
    by_ref: dict[str, Issue]
    # Every author key written in an issue file, kept even when the issue itself was
    # rejected, so that one check run reports unknown authors along with everything else.
    author_refs: list[AuthorRef]

    def issues(self) -> Iterable[Issue]:
        for journal in self.by_slug.values():
            yield from journal.issues


def load_journals(files: Iterable[SourceFile], journal_dir: str, urls: UrlScheme,
                  localizer: Localizer) -> tuple[Journals, Problems]:
    """Read every journal and issue under `journal_dir`, collecting every problem."""
    problems = Problems()
    prefix = journal_dir.strip("/") + "/"
    journal_docs: dict[str, tuple[SourceFile, Document]] = {}
    issue_docs: list[tuple[str, SourceFile, Document]] = []
    for file in files:
        slug, _, rest = file.source.removeprefix(prefix).partition("/")
        if not rest:
            problems.error(file.path, None, say("journal_not_in_folder", prefix=prefix))
            continue
        doc = read_document(file.raw, file.path, problems)
        if doc is None:
            continue
        if rest == "index.md":
            journal_docs[slug] = (file, doc)
        else:
            issue_docs.append((slug, file, doc))

    journals = {}
    for slug, (file, doc) in sorted(journal_docs.items()):
        journal = _journal(slug, file, doc, urls.journal(journal_dir, slug), problems)
        if journal is not None:
            journals[slug] = journal
    by_ref: dict[str, Issue] = {}
    refs: list[AuthorRef] = []
    for slug, file, doc in issue_docs:
        journal = journals.get(slug)
        if journal is None:
            if slug not in journal_docs:
                problems.error(file.path, None, say("journal_no_index", slug=slug, prefix=prefix))
            continue
        issue = _issue(journal, file, doc, journal_dir, urls, localizer, problems, refs)
        if issue is None:
            continue
        if (other := by_ref.get(issue.ref)) is not None:
            problems.error(issue.path, doc.line_of("number"),
                           say("issue_twice", number=issue.number, year=issue.year,
                               other=other.path))
            continue
        by_ref[issue.ref] = issue
        journal.issues.append(issue)
    for journal in journals.values():
        journal.issues.sort(key=lambda i: (i.year, i.number), reverse=True)
    return Journals(journals, by_ref, refs), problems


def link_posts(journals: Journals, posts: Iterable[Post], published: Iterable[Post],
               problems: Problems) -> None:
    """Check every post's `issue:` (an unknown issue is an error at the post, drafts
    included) and attach the published ones to their issues, oldest first."""
    shown = {post.source for post in published}
    for post in sorted(posts, key=lambda p: (p.published.timestamp(), p.source)):  # see archive
        if post.issue is None:
            continue
        issue = journals.by_ref.get(post.issue.strip("/"))
        if issue is None:
            known = ", ".join(sorted(journals.by_ref)) or say("none_yet")
            problems.error(post.path, post.line_of("issue"),
                           say("unknown_issue", issue=post.issue, known=known))
            continue
        if post.source in shown:
            issue.posts.append(post)


def _journal(slug: str, file: SourceFile, doc: Document, url: str,
             problems: Problems) -> Journal | None:
    fields = Fields(doc.front, doc.path, problems)
    fields.warn_unknown(JOURNAL_KEYS | ENGINE_KEYS, suggest=JOURNAL_KEYS)
    if not is_valid_slug(slug):
        problems.error(doc.path, None, say("journal_folder", slug=slug))
        return None
    name = fields.text("name", required=True)
    publisher = fields.text("publisher")
    description = fields.text("description")
    if name is None:
        return None
    return Journal(slug, file.source, doc.path, name, publisher, description, url)


def _issue(journal: Journal, file: SourceFile, doc: Document, journal_dir: str,
           urls: UrlScheme, localizer: Localizer, problems: Problems,
           refs: list[AuthorRef]) -> Issue | None:
    before = len(problems.errors)
    fields = Fields(doc.front, doc.path, problems)
    fields.warn_unknown(ISSUE_KEYS | ENGINE_KEYS, suggest=ISSUE_KEYS)
    year = fields.integer("year", required=True, minimum=1900, maximum=2100)
    number = fields.integer("number", required=True, minimum=1, maximum=999)
    status = fields.text("status")
    release = fields.text("release")
    cover = fields.text("cover")
    entries = fields.items("articles")
    articles = [_article(entry) for entry in entries]
    other_authors = tuple(fields.names("other_authors"))
    # Every key written, even in an article or issue with errors: all is reported at once.
    for entry in entries:
        refs.extend(author_refs(doc.front, doc.path, *entry.prefix, "authors"))
    refs.extend(author_refs(doc.front, doc.path, "other_authors"))
    if len(problems.errors) > before or year is None or number is None:
        return None  # an article with errors has reported them too
    if not entries and not other_authors:
        problems.warning(doc.path, doc.line_of("articles") if fields.has("articles") else
                         doc.closing_line, say("issue_no_articles"))
    title = localizer.heading("issue", journal=journal.name, number=number, year=year)
    return Issue(
        journal=journal.slug, source=file.source, path=doc.path, year=year, number=number,
        status=status, release=release, cover=cover,
        articles=_unique_anchors([a for a in articles if a is not None]),
        other_authors=other_authors,
        url=urls.issue(journal_dir, journal.slug, year, number), title=title,
        label=localizer.heading("issue_label", number=number, year=year), doc=doc,
    )


def _article(fields: Fields) -> Article | None:
    before = len(fields.problems.errors)
    fields.warn_unknown(ARTICLE_KEYS)
    title = fields.text("title", required=True)
    authors = fields.names("authors", required=True)
    abstract = fields.text("abstract", required=True)
    rubric = fields.text("rubric")
    pages = fields.text("pages")
    if len(fields.problems.errors) > before or title is None or abstract is None:
        return None
    return Article(title, tuple(authors), abstract, rubric, pages,
                   heading_anchor(title, "-") or "article")


def _unique_anchors(articles: list[Article]) -> tuple[Article, ...]:
    """Articles with the same title still get distinct ids on the issue page: a repeat gets
    the first free "-2", "-3", … (free also of titles that end that way themselves)."""
    taken = {article.anchor for article in articles}
    used: set[str] = set()
    unique = []
    for article in articles:
        anchor, number = article.anchor, 1
        while anchor in used or (number > 1 and anchor in taken):
            number += 1
            anchor = f"{article.anchor}-{number}"
        used.add(anchor)
        unique.append(article if anchor == article.anchor else replace(article, anchor=anchor))
    return tuple(unique)
