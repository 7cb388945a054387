"""`letopis/journal`: the journal's own page, an issue page for each issue with its articles
and abstracts, and the links between announcing posts and their issues."""

from __future__ import annotations

import posixpath
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from urllib.parse import unquote

from markupsafe import Markup
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from letopis.core.authors import check_author_refs
from letopis.core.content import SourceFile
from letopis.core.field_markdown import FieldMarkdown
from letopis.core.journal import Article, Issue, Journal, Journals, link_posts, load_journals
from letopis.core.structured_data import periodical, publication_issue

from .archive import ArchivePlugin, absolute_url
from .options import Count
from .shared import archive_plugin


class JournalConfig(base.Config):
    # Where journals live, relative to docs_dir: <journal_dir>/<journal>/index.md and issues.
    journal_dir = c.Type(str, default="journal")
    # How many of the newest issues the journal page announces, article by article.
    announced_issues = Count(default=4, least=0)
    # Templates under the theme's custom_dir.
    journal_template = c.Type(str, default="letopis/journal.html")
    issue_template = c.Type(str, default="letopis/issue.html")


@dataclass(frozen=True)
class ArticleView:
    article: Article
    abstract: Markup  # rendered once per build


@dataclass(frozen=True)
class IssueView:
    issue: Issue
    articles: list[ArticleView]
    cover_url: str | None  # site-relative


@dataclass(frozen=True)
class JournalPage:
    """`journal_page` in the journal page's context."""

    journal: Journal
    years: list[tuple[int, list[Issue]]]
    announced: list[IssueView]


@dataclass(frozen=True)
class IssuePage:
    """`issue_page` in an issue page's context."""

    journal: Journal
    view: IssueView


class JournalPlugin(BasePlugin[JournalConfig]):
    def __init__(self) -> None:
        self._archive: ArchivePlugin | None = None
        self.journals: Journals | None = None
        self.journal_pages: dict[str, JournalPage] = {}  # by src_uri
        self.issue_pages: dict[str, IssuePage] = {}  # by src_uri
        self._post_issues: dict[str, Issue] = {}  # post src_uri → the issue it announces

    def on_config(self, config: MkDocsConfig) -> None:
        self._archive = archive_plugin(config, "letopis/journal")

    @event_priority(-10)  # after letopis/archive has loaded posts and authors
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        archive = self._archive
        assert archive is not None and archive.context is not None and archive.index is not None
        shown_as = archive.authors_path.rpartition("/")[0]
        prefix = self.config.journal_dir.strip("/") + "/"
        sources = [f for f in archive.read_pages(files)
                   if f.src_uri.startswith(prefix)]
        self.journals, problems = load_journals(
            (SourceFile(f.src_uri, f"{shown_as}/{f.src_uri}", f.content_bytes) for f in sources),
            self.config.journal_dir, archive.context.urls, archive.context.localizer,
        )
        archive.problems.extend(problems)
        link_posts(self.journals, archive.all_posts, archive.index.posts, archive.problems)
        check_author_refs(self.journals.author_refs, archive.authors, archive.authors_path,
                          archive.problems)
        self._post_issues = {post.source: issue for issue in self.journals.issues()
                             for post in issue.posts}
        # For the fast preview: what a post shows of its issue and an issue of its posts.
        for source, issue in self._post_issues.items():
            archive.depends(source, issue.title, issue.url)
        for issue in self.journals.issues():
            archive.depends(issue.source, tuple((p.title, p.url, p.date_label)
                                                for p in issue.posts))
        files = self._place_issues(files, config, shown_as)
        self._declare_journal_dependencies()
        return files

    def _declare_journal_dependencies(self) -> None:
        """For the fast preview: what a journal page shows of its issues (another file each),
        and what an issue page shows of its journal's index.md."""
        assert self._archive is not None and self.journals is not None
        for journal in self.journals.by_slug.values():
            page = self.journal_pages[journal.source]
            self._archive.depends(
                journal.source,
                tuple((i.source, i.url, i.label, i.status) for i in journal.issues),
                tuple((v.issue.source, v.issue.articles, v.issue.other_authors)
                      for v in page.announced),
            )
            for issue in journal.issues:
                self._archive.depends(issue.source, journal.name, journal.publisher,
                                      journal.url, self.issue_pages[issue.source].view.cover_url)

    def _place_issues(self, files: Files, config: MkDocsConfig, shown_as: str) -> Files:
        """Issues move to their canonical address journal/<journal>/<year>/<number>/."""
        assert self.journals is not None and self._archive is not None
        render = _abstract_renderer(config)
        issue_views = {}
        for issue in self.journals.issues():
            cover_url = self._cover_url(issue, files)
            views = [ArticleView(a, render(a.abstract)) for a in issue.articles]
            issue_views[issue.source] = IssueView(issue, views, cover_url)
            old = files.get_file_from_path(issue.source)
            assert old is not None
            files.remove(old)
            files.append(File(issue.source, config.docs_dir, config.site_dir,
                              config.use_directory_urls,
                              dest_uri=unquote(issue.url) + "index.html",
                              inclusion=InclusionLevel.NOT_IN_NAV))
        self.issue_pages = {}
        self.journal_pages = {}
        for journal in self.journals.by_slug.values():
            for issue in journal.issues:
                self.issue_pages[issue.source] = IssuePage(journal, issue_views[issue.source])
            announced = [issue_views[i.source] for i in
                         journal.issues[: self.config.announced_issues]]
            self.journal_pages[journal.source] = JournalPage(journal, journal.issues_by_year(),
                                                              announced)
        return files

    def _cover_url(self, issue: Issue, files: Files) -> str | None:
        if issue.cover is None:
            return None
        assert self._archive is not None
        target = posixpath.normpath(posixpath.join(posixpath.dirname(issue.source), issue.cover))
        image = files.get_file_from_path(target)
        if image is None:
            self._archive.problems.error(issue.path, issue.doc.line_of("cover"),
                                         f'cover "{issue.cover}" is not a file next to this '
                                         "issue (a path relative to it is expected)")
            return None
        return image.url

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        src_uri = page.file.src_uri
        if (journal_page := self.journal_pages.get(src_uri)) is not None:
            page.meta.setdefault("template", self.config.journal_template)
            page.meta.setdefault("title", journal_page.journal.name)
        elif (issue_page := self.issue_pages.get(src_uri)) is not None:
            page.meta.setdefault("template", self.config.issue_template)
            page.meta.setdefault("title", issue_page.view.issue.title)
        return markdown

    @event_priority(-10)  # after letopis/archive has set up the context
    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig,
                        nav: object) -> dict:
        assert self._archive is not None
        src_uri = page.file.src_uri
        absolute = partial(absolute_url, config)
        if (journal_page := self.journal_pages.get(src_uri)) is not None:
            context["journal_page"] = journal_page
            context["structured_data"] = periodical(journal_page.journal, absolute)
        elif (issue_page := self.issue_pages.get(src_uri)) is not None:
            context["issue_page"] = issue_page
            context["structured_data"] = publication_issue(
                issue_page.view.issue, issue_page.journal, self._archive.authors, absolute)
        elif (issue := self._post_issues.get(src_uri)) is not None:
            context["post_issue"] = issue
        return context


def _abstract_renderer(config: MkDocsConfig) -> Callable[[str], Markup]:
    """Abstracts are Markdown, converted with the site's own extensions, once per build; as
    fields (not page bodies) they keep no raw HTML and no script URLs (core/field_markdown)."""
    converter = FieldMarkdown(config.markdown_extensions, config.mdx_configs)

    def render(text: str) -> Markup:
        return Markup(converter.convert(text))

    return render
