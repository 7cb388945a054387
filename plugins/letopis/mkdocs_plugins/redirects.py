"""`letopis/redirects`: old addresses keep working. Each `aliases:` entry of a post becomes a
small page that sends readers (and search engines, by its canonical link) to the post."""

from __future__ import annotations

import posixpath
from pathlib import Path

from jinja2 import Environment, Template
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.utils import get_relative_url

from letopis.core.messages import say
from letopis.core.redirects import AliasOwner, Redirect, collect_redirects, page_owner, post_owner
from letopis.core.source import read_document

from .archive import ArchivePlugin, absolute_url
from .shared import archive_plugin, dest_taken


class RedirectsConfig(base.Config):
    template = c.Type(str, default="letopis/redirect.html")


class RedirectsPlugin(BasePlugin[RedirectsConfig]):
    def __init__(self) -> None:
        self._archive: ArchivePlugin | None = None
        self._redirects: list[Redirect] = []
        self._template: Template | None = None

    def on_config(self, config: MkDocsConfig) -> None:
        self._archive = archive_plugin(config, "letopis/redirects")

    @event_priority(-45)  # after every plugin that adds pages: an alias may not take one
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        archive = self._archive
        assert archive is not None and archive.index is not None
        self._redirects = []
        taken = dest_taken(files)
        owners = [post_owner(post) for post in archive.index.posts]
        owners += self._page_owners(files, archive)
        for redirect in collect_redirects(owners, archive.problems):
            if (other := taken.get(redirect.path)) is not None:
                owner = redirect.owner
                archive.problems.error(owner.path, owner.aliases[0][1],
                                       say("alias_of_file", other=other.src_uri))
                continue
            self._redirects.append(redirect)
        return files

    def _page_owners(self, files: Files, archive: ArchivePlugin) -> list[AliasOwner]:
        """Ordinary pages (an imported WordPress page, say) may list old addresses too."""
        shown_as = archive.authors_path.rpartition("/")[0]
        owners = []
        for file in archive.read_pages(files):
            if file.src_uri in archive.posts or file.generated_by:
                continue
            raw = file.content_bytes
            if not raw.startswith(b"---") or b"aliases" not in raw:
                continue
            doc = read_document(raw, f"{shown_as}/{file.src_uri}", archive.problems)
            if doc is not None:
                title = str(doc.meta.get("title") or file.src_uri)
                owner = page_owner(doc, file.url, title, archive.problems)
                owners += [owner] if owner else []
        return owners

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        self._template = env.get_template(self.config.template)
        return env

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        assert self._template is not None and self._archive is not None
        assert self._archive.context is not None
        for redirect in self._redirects:
            here = posixpath.dirname(redirect.path) + "/"
            html = self._template.render(
                title=redirect.owner.title,
                # Relative, so it works wherever the site is published.
                target=get_relative_url(redirect.owner.url, here),
                canonical=absolute_url(config, redirect.owner.url),
                ui=self._archive.context.localizer.ui,
                config=config,
            )
            target = Path(config.site_dir, redirect.path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")
