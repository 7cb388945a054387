"""`letopis/meta`: page metadata for link previews (Open Graph, Twitter cards) from each page's
title, summary and first picture, and content dates for the sitemap's <lastmod> — the dates of
the posts, never the build's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from urllib.parse import urljoin

from jinja2 import Environment
from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from letopis.core.page_meta import first_image, short_description
from letopis.core.urls import split_address

from .archive import ArchivePlugin, PageData, absolute_url
from .shared import archive_plugin


@dataclass(frozen=True)
class PageMeta:
    """`page_meta` in every page's context, for letopis/partials/meta.html."""

    title: str
    description: str
    url: str | None  # absolute
    type: str  # "article" for a post, else "website"
    image: str | None  # absolute
    published: datetime | None
    locale: str  # "ru_RU"


class MetaPlugin(BasePlugin):
    def __init__(self) -> None:
        self._archive: ArchivePlugin | None = None
        self._images: dict[str, str] = {}  # post src_uri → its first image, absolute
        self._dates: dict[str, str] = {}  # src_uri → date of the content, for the sitemap

    def on_config(self, config: MkDocsConfig) -> None:
        self._archive = archive_plugin(config, "letopis/meta")

    @event_priority(-60)  # after the plugins that make posts, listings and issues
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        archive = self._archive
        assert archive is not None
        dates: dict[str, datetime] = {src: post.published for src, post in archive.posts.items()}
        dates |= {src: page.posts[0].published
                  for src, page in archive.listings.items() if page.posts}
        journals = getattr(config.plugins.get("letopis/journal"), "journals", None)
        for journal in journals.by_slug.values() if journals else []:
            issue_dates = {issue.source: max(p.published for p in issue.posts)
                           for issue in journal.issues if issue.posts}
            dates |= issue_dates
            if issue_dates:
                dates[journal.source] = max(issue_dates.values())
        self._dates = {src: moment.date().isoformat() for src, moment in dates.items()}
        self._images = {}
        return files

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        env.globals["letopis_lastmod"] = self._dates  # read by theme/sitemap.xml
        return env

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        assert self._archive is not None
        # No preview picture at an address that is none (core.urls.split_address).
        if page.file.src_uri in self._archive.posts and (src := first_image(html)) \
                and split_address(src) is not None:
            self._images[page.file.src_uri] = urljoin(absolute_url(config, page.url) or "", src)
        return html

    # `letopis build --jobs`: a post's first image, found in a worker (parallel.py).
    def letopis_page_state(self, src_uri: str) -> str | None:
        return self._images.get(src_uri)

    def letopis_take_page_state(self, src_uri: str, image: str) -> None:
        self._images[src_uri] = image

    @event_priority(-60)  # after letopis/archive has put the post or listing in the context
    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig,
                        nav: object) -> dict:
        assert self._archive is not None and self._archive.context is not None
        data = context.get("letopis")
        post = data.post if isinstance(data, PageData) else None
        listing = data.listing if isinstance(data, PageData) else None
        title = post.title if post else listing.title if listing else page.title
        description = short_description(post.summary) if post and post.summary else \
            page.meta.get("description") or config.site_description or ""
        if description and not page.meta.get("description"):
            # Material's own <meta name="description">; escaped as on_env does for editors'.
            page.meta["description"] = Markup.escape(description)
        context["page_meta"] = PageMeta(
            title=title or config.site_name,
            description=description,
            url=absolute_url(config, page.url),
            type="article" if post else "website",
            image=self._images.get(page.file.src_uri),
            published=post.published if post else None,
            locale=str(self._archive.context.localizer.locale),
        )
        return context
