"""`letopis/feeds`: RSS 2.0 and Atom feeds of the newest posts, for the site and for each
category, advertised on every page by <link rel="alternate">."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from pathlib import Path

from jinja2 import Environment
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from letopis.core.feeds import Feed, absolute_content, feed_documents
from letopis.core.messages import say
from letopis.core.posts import Post

from .archive import ArchivePlugin, PageData, absolute_url
from .options import Count
from .shared import archive_plugin


class FeedsConfig(base.Config):
    # Posts per feed, newest first.
    length = Count(default=20)
    # A feed per category besides the site's own.
    categories = c.Type(bool, default=True)


@dataclass(frozen=True)
class FeedLink:
    """An entry of `feeds` in every page's context, for <link rel="alternate">."""

    type: str  # MIME type
    title: str
    url: str  # site-relative


class FeedsPlugin(BasePlugin[FeedsConfig]):
    def __init__(self) -> None:
        self._archive: ArchivePlugin | None = None
        self._feeds: list[Feed] = []
        self._by_listing: dict[str, list[FeedLink]] = {}  # listing URL → its feeds' links
        self._html: dict[str, str] = {}  # post src_uri → rendered content, for feed posts

    def on_config(self, config: MkDocsConfig) -> None:
        self._archive = archive_plugin(config, "letopis/feeds")
        if not config.site_url:
            raise PluginError(say("feeds_site_url"))

    @event_priority(-40)  # after letopis/archive has built the index
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        archive = self._archive
        assert archive is not None and archive.index is not None and archive.context is not None
        ui, length = archive.context.localizer.ui, self.config.length
        site = config.site_name
        feeds = [Feed(site, config.site_description or site, "", archive.index.posts[:length])]
        if self.config.categories:
            feeds += [Feed(ui["feed_category"].format(site=site, name=listing.heading),
                           listing.heading, listing.url, listing.posts[:length])
                      for listing in archive.index.categories.values()]
        self._feeds = [feed for feed in feeds if feed.posts]
        self._by_listing = {feed.url: _links(feed) for feed in self._feeds}
        self._html = {post.source: "" for feed in self._feeds for post in feed.posts}
        return files

    @event_priority(-50)  # the final HTML of the post, after other plugins' changes
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        if page.file.src_uri in self._html:
            self._html[page.file.src_uri] = html
        return html

    # `letopis build --jobs`: a feed post's HTML, made in a worker (parallel.py).
    def letopis_page_state(self, src_uri: str) -> str | None:
        return self._html.get(src_uri) or None

    def letopis_take_page_state(self, src_uri: str, html: str) -> None:
        self._html[src_uri] = html

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        # The site's feeds for pages rendered without a page context, such as 404.html.
        env.globals["letopis_site_feeds"] = self._by_listing.get("", [])
        return env

    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig,
                        nav: object) -> dict:
        links = list(self._by_listing.get("", []))
        data = context.get("letopis")
        if isinstance(data, PageData) and data.listing and data.listing.listing.kind == "category":
            links = self._by_listing.get(data.listing.listing.url, []) + links
        context["feeds"] = links
        return context

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        assert self._archive is not None and self._archive.context is not None
        absolute = partial(absolute_url, config)
        language = str(self._archive.context.localizer.locale).replace("_", "-")

        def content(post: Post) -> str:
            return absolute_content(self._html.get(post.source, ""), absolute(post.url))

        for feed in self._feeds:
            rss, atom = feed_documents(feed, absolute=absolute, language=language,
                                       content=content, authors=self._archive.authors)
            Path(config.site_dir, feed.url).mkdir(parents=True, exist_ok=True)
            Path(config.site_dir, feed.rss_url).write_bytes(rss)
            Path(config.site_dir, feed.atom_url).write_bytes(atom)


def _links(feed: Feed) -> list[FeedLink]:
    return [FeedLink("application/rss+xml", f"{feed.title} (RSS)", feed.rss_url),
            FeedLink("application/atom+xml", f"{feed.title} (Atom)", feed.atom_url)]
