"""`letopis/pages`: with an explicit `nav:`, ordinary pages under pages/ (the old blog's
«О блоге», «Контакты») join it under one section, as WordPress pages join its menu."""

from __future__ import annotations

import codecs
import copy
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel

from letopis.core.fields import Fields
from letopis.core.nav import NavPage, listed_paths, ordered, with_section
from letopis.core.problems import Problems
from letopis.core.source import read_document

from .archive import ArchivePlugin, _docs_dir_as_shown
from .shared import archive_plugin


class PagesConfig(base.Config):
    # Where ordinary pages live, relative to docs_dir; subfolders included.
    pages_dir = c.Type(str, default="pages")
    # The nav section that lists them (default: «Страницы» in letopis/archive's locale).
    nav_title = c.Optional(c.Type(str))
    # Their order in it: "title" (front matter `title:`, else the file name) or "file" (path).
    sort = c.Choice(("title", "file"), default="title")


class PagesPlugin(BasePlugin[PagesConfig]):
    def __init__(self) -> None:
        self._archive: ArchivePlugin | None = None
        self._nav: list[Any] | None = None  # the nav as mkdocs.yml gives it

    def on_config(self, config: MkDocsConfig) -> None:
        self._archive = archive_plugin(config, "letopis/pages")
        # Each build adds the section to this copy, never to its own earlier result: rebuilds
        # in `mkdocs serve` cannot list a page twice.
        self._nav = copy.deepcopy(config.nav)

    # After letopis/archive has taken draft pages out of a build (priority 0) and before it
    # reports the problems of the build (-100); MkDocs reads config.nav after on_files.
    @event_priority(-50)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        if self._nav is None:
            return files  # no explicit nav: MkDocs lists every page itself
        archive = self._archive
        assert archive is not None and archive.context is not None
        prefix = self.config.pages_dir.strip("/") + "/"
        listed = listed_paths(self._nav)
        # Pages MkDocs keeps out of the nav (`not_in_nav`, `draft_docs`) stay out. Pages marked
        # `draft: true` are gone from a build by now; a preview lists them, as it does drafts.
        unlisted = [f for f in files.documentation_pages(inclusion=InclusionLevel.is_in_nav)
                    if f.src_uri.startswith(prefix) and f.src_uri not in listed]
        shown_as = _docs_dir_as_shown(config)
        # Titles are read in either order: they are what the section shows (see below).
        pages = [NavPage(f.src_uri, self._title(f, shown_as, archive.problems)) for f in unlisted]
        title = self.config.nav_title or archive.context.localizer.ui["nav_pages"]
        listing = ordered(pages, self.config.sort)
        config.nav = with_section(self._nav, title, [page.src_uri for page in listing])
        # Every page shows the navigation: in a fast preview a page added under pages/, or
        # retitled, renders the others again.
        section = (title, *((page.src_uri, page.title) for page in listing))
        for file in files.documentation_pages():
            archive.depends(file.src_uri, section)
        return files

    @staticmethod
    def _title(file: File, shown_as: str, problems: Problems) -> str:
        """The page's `title:` from its front matter, else its file name. A front-matter
        mistake is a problem of the build, named with file and line."""
        raw = file.content_bytes
        if raw.removeprefix(codecs.BOM_UTF8).startswith(b"---"):
            doc = read_document(raw, f"{shown_as}/{file.src_uri}", problems)
            title = Fields(doc.front, doc.path, problems).text("title") if doc else None
            if title:
                return title
        return file.name
