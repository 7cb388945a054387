"""`letopis/search`: Russian full-text search that finds word forms. Pagefind indexes the
built pages (stemming Russian: «клиентов» finds «клиенты»), the search page shows its results,
and the header's search box leads there.

Material's own search matches prefixes only in Russian (its query wildcard skips the stemmer),
so it is not used; its header search needs its plugin, hence Letopis' own header partial.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from urllib.parse import unquote, urlsplit

from jinja2 import Environment
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from .archive import ArchivePlugin
from .shared import archive_plugin, dest_taken

BUNDLE = "pagefind"  # the index's folder in the site


class SearchConfig(base.Config):
    # Where the search page lives.
    search_url = c.Type(str, default="search/")
    template = c.Type(str, default="letopis/search.html")


class SearchPlugin(BasePlugin[SearchConfig]):
    def __init__(self) -> None:
        self._archive: ArchivePlugin | None = None
        self._src_uri = ""

    def on_config(self, config: MkDocsConfig) -> None:
        self._archive = archive_plugin(config, "letopis/search")
        if "material/search" in config.plugins:
            raise PluginError("letopis/search replaces Material's search: remove `- search` "
                              "from the plugins in mkdocs.yml")

    @event_priority(-40)
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self._archive is not None
        self._src_uri = unquote(self.config.search_url) + "index.md"
        page = File.generated(config, self._src_uri, content="",
                              inclusion=InclusionLevel.NOT_IN_NAV)
        if (other := dest_taken(files).get(page.dest_uri)) is not None:
            self._archive.problems.error(other.src_uri, None, "this page takes the address of "
                                         "the search page; set letopis/search's search_url")
            return files
        files.append(page)
        return files

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        # For the header's search form, on every page.
        env.globals["letopis_search"] = {
            "url": self.config.search_url,
            # Pagefind's results are paths from the site root; a site published under a
            # folder (GitHub Pages: /<repository>/) needs that folder in front of them.
            "base": urlsplit(config.site_url or "/").path or "/",
        }
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        if page.file.src_uri == self._src_uri:
            assert self._archive is not None and self._archive.context is not None
            page.meta.setdefault("template", self.config.template)
            page.meta.setdefault("title", self._archive.context.localizer.ui["search"])
            page.meta.setdefault("robots", "noindex")  # results pages are not content
        return markdown

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        try:
            asyncio.run(_index(Path(config.site_dir)))
        except Exception as exc:  # the indexer is a separate program; say what failed
            raise PluginError(f"letopis/search: Pagefind could not index the site: {exc}") \
                from exc


async def _index(site: Path) -> None:
    # Imported here: the indexer starts a bundled binary, needed only when a build ends.
    from pagefind.index import IndexConfig, PagefindIndex

    # Heading permalinks ("¶") are not words of the text.
    config = IndexConfig(output_path=str(site / BUNDLE), exclude_selectors=[".headerlink"])
    async with PagefindIndex(config) as index:
        await index.add_directory(str(site))
