"""`letopis/wayfinding`: the reader's way around the archive — breadcrumb trails on posts and
archive pages (with schema.org BreadcrumbList), the indexes of categories and tags
(/category/, /tag/) with post counts, their sidebar widgets, a 404 page with the calendar and
links back, and robots.txt. A thin adapter over letopis.core.terms and core.breadcrumbs."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from urllib.parse import unquote, urljoin

from jinja2 import Environment
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from letopis.core.breadcrumbs import Trails
from letopis.core.robots import robots_txt
from letopis.core.structured_data import breadcrumb_list
from letopis.core.terms import TermIndex, term_indexes

from .archive import ArchivePlugin, PageData, absolute_url
from .shared import archive_plugin, dest_taken

# Sidebar widgets (extra.sidebar) that show every category or tag on every page.
TERM_WIDGETS = {"categories": "category", "tags": "tag"}


class WayfindingConfig(base.Config):
    # The indexes of every category (/category/) and every tag (/tag/), with post counts.
    term_indexes = c.Type(bool, default=True)
    # Breadcrumb trails on posts and on year, month, day, category and tag archives.
    breadcrumbs = c.Type(bool, default=True)
    # robots.txt at the site's root, naming the sitemap; an editor's content/robots.txt wins.
    robots = c.Type(bool, default=True)
    # Templates under the theme's custom_dir.
    terms_template = c.Type(str, default="letopis/terms.html")


class WayfindingPlugin(BasePlugin[WayfindingConfig]):
    def __init__(self) -> None:
        self._archive: ArchivePlugin | None = None
        self._trails: Trails | None = None
        self._terms: dict[str, TermIndex] = {}
        self._index_pages: dict[str, TermIndex] = {}  # by src_uri
        self._archive_url: str | None = None
        self._own_robots = False

    def on_config(self, config: MkDocsConfig) -> None:
        self._archive = archive_plugin(config, "letopis/wayfinding")
        calendar = config.plugins.get("letopis/calendar")
        # The trail starts at the whole-archive page when the site has one.
        calendar_config = getattr(calendar, "config", None)
        self._archive_url = calendar_config.archive_url \
            if calendar_config is not None and calendar_config.archive_page else None

    @event_priority(-45)  # after letopis/archive has built the index, before its _stop
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        archive = self._archive
        assert archive is not None and archive.index is not None and archive.context is not None
        urls = archive.context.urls
        self._trails = Trails(archive.context.localizer, urls, self._archive_url)
        self._terms = term_indexes(archive.index, urls.categories, urls.tags)  # once per build
        self._index_pages = {}
        self._own_robots = files.get_file_from_path("robots.txt") is not None
        if self.config.term_indexes:
            taken = dest_taken(files)
            for terms in self._terms.values():
                src_uri = unquote(terms.url) + "index.md"
                # Generated with its content: rendered again at every preview rebuild.
                file = File.generated(config, src_uri, content="",
                                      inclusion=InclusionLevel.NOT_IN_NAV)
                if (other := taken.get(file.dest_uri)) is not None:
                    archive.problems.error(other.src_uri, None,
                                           f"the address {terms.url} of this page belongs to "
                                           "the index of categories or tags; move the file")
                    continue
                files.append(file)
                self._index_pages[src_uri] = terms
        self._declare_dependencies(config, files)
        return files

    def _declare_dependencies(self, config: MkDocsConfig, files: Files) -> None:
        """The sidebar's category and tag widgets show every term on every page: for the fast
        preview (preview.py) and the render cache, every page depends on them."""
        archive = self._archive
        assert archive is not None
        widgets = [w for w in config.extra.get("sidebar") or ()
                   if isinstance(w, str) and w in TERM_WIDGETS]
        if not widgets or not archive.tracking:
            return
        shown = archive.fingerprint(*(self._terms[TERM_WIDGETS[w]].key for w in widgets))
        for file in files.documentation_pages(inclusion=archive.reads):
            archive.depends(file.src_uri, shown)

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        # For the sidebar's widgets and the 404 page, which has no page of its own.
        env.globals["letopis_terms"] = self._terms
        env.globals["letopis_links"] = {
            "home": "",
            "archive": self._archive_url,
            "category": self._terms["category"].url if self._index_pages else None,
            "tag": self._terms["tag"].url if self._index_pages else None,
        }
        assert self._archive is not None and self._archive.context is not None
        env.globals["letopis_posts_count"] = partial(self._archive.context.localizer.count,
                                                     "posts")
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        terms = self._index_pages.get(page.file.src_uri)
        if terms is not None:
            assert self._archive is not None and self._archive.context is not None
            ui = self._archive.context.localizer.ui
            page.meta.setdefault("template", self.config.terms_template)
            page.meta.setdefault("title", ui["categories" if terms.kind == "category" else "tags"])
            page.meta.setdefault("search", {"exclude": True})  # names and counts only
        return markdown

    @event_priority(-30)  # after letopis/archive has put `letopis` in the context
    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig,
                        nav: object) -> dict:
        terms = self._index_pages.get(page.file.src_uri)
        if terms is not None:
            context["term_index"] = terms
        data = context.get("letopis")
        if not self.config.breadcrumbs or self._trails is None:
            return context
        if terms is not None:
            trail = self._trails.term_index(terms.kind)
        elif not isinstance(data, PageData):
            return context
        elif data.post is not None:
            trail = self._trails.post(data.post)
        elif data.listing is not None:
            trail = self._trails.listing(data.listing)
        else:
            return context
        if trail:
            context["breadcrumbs"] = trail
            context["breadcrumbs_data"] = breadcrumb_list(trail, partial(absolute_url, config))
        return context

    def on_template_context(self, context: dict, *, template_name: str,
                            config: MkDocsConfig) -> dict:
        # The 404 page speaks the site's language like every other page.
        if template_name == "404.html" and self._archive is not None and \
                self._archive.context is not None and "letopis" not in context:
            context["letopis"] = PageData(ui=self._archive.context.localizer.ui,
                                          preview=self._archive.preview,
                                          authors=self._archive.authors)
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.robots or self._own_robots:
            return
        if self._archive is not None and self._archive.keeping_last_good:
            return  # a rejected preview rebuild writes nothing
        sitemap = urljoin(config.site_url, "sitemap.xml") if config.site_url else None
        Path(config.site_dir, "robots.txt").write_text(robots_txt(sitemap), encoding="utf-8")
