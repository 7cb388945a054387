"""`letopis/authors`: a page per author (/author/<key>/) listing their journal articles and
blog posts, and the authors index (/author/)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import unquote

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from letopis.core.author_works import AuthorWorks, works_by_author
from letopis.core.messages import say

from .archive import ArchivePlugin
from .shared import archive_plugin, dest_taken


class AuthorsConfig(base.Config):
    # Templates under the theme's custom_dir.
    author_template = c.Type(str, default="letopis/author.html")
    index_template = c.Type(str, default="letopis/authors.html")


@dataclass(frozen=True)
class AuthorsIndex:
    """`authors_index` in the index page's context: every author with their works."""

    works: list[AuthorWorks]


class AuthorsPlugin(BasePlugin[AuthorsConfig]):
    def __init__(self) -> None:
        self._archive: ArchivePlugin | None = None
        self._pages: dict[str, AuthorWorks] = {}  # by src_uri
        self._index: AuthorsIndex | None = None
        self._index_src_uri: str | None = None

    def on_config(self, config: MkDocsConfig) -> None:
        self._archive = archive_plugin(config, "letopis/authors")

    @event_priority(-20)  # after letopis/archive and letopis/journal have loaded content
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        archive = self._archive
        assert archive is not None and archive.index is not None and archive.context is not None
        journal = config.plugins.get("letopis/journal")
        works = works_by_author(archive.authors, archive.index.posts,
                                getattr(journal, "journals", None))
        urls = archive.context.urls
        taken = dest_taken(files)
        shown_as = archive.authors_path.rpartition("/")[0]
        self._pages = {}
        self._index = AuthorsIndex(works)
        self._index_src_uri = None
        wanted = [(urls.authors, None), *((w.author.url or urls.author(w.author.key), w)
                                           for w in works)]
        for url, entry in wanted:
            src_uri = unquote(url) + "index.md"
            # The index joins MkDocs' automatic nav; author pages stay out of it.
            file = File.generated(config, src_uri, content="", inclusion=InclusionLevel.UNDEFINED
                                  if entry is None else InclusionLevel.NOT_IN_NAV)
            if (other := taken.get(file.dest_uri)) is not None:
                archive.problems.error(
                    f"{shown_as}/{other.src_uri}", None,
                    say("address_of_author", url=url, name=entry.author.name,
                        registry=archive.authors_path) if entry else
                    say("address_of_listing", url=url,
                        title=archive.context.localizer.ui["authors_index"]))
                continue
            files.append(file)
            if entry is None:
                self._index_src_uri = src_uri
            else:
                self._pages[src_uri] = entry
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        assert self._archive is not None and self._archive.context is not None
        src_uri = page.file.src_uri
        if (works := self._pages.get(src_uri)) is not None:
            page.meta.setdefault("template", self.config.author_template)
            page.meta.setdefault("title", works.author.name)
        elif src_uri == self._index_src_uri:
            page.meta.setdefault("template", self.config.index_template)
            page.meta.setdefault("title", self._archive.context.localizer.ui["authors_index"])
        else:
            return markdown
        # Lists of what is searchable on its own page already.
        page.meta.setdefault("search", {"exclude": True})
        return markdown

    @event_priority(-20)
    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig,
                        nav: object) -> dict:
        src_uri = page.file.src_uri
        if (works := self._pages.get(src_uri)) is not None:
            context["author_page"] = works
        elif src_uri == self._index_src_uri:
            context["authors_index"] = self._index
        return context
