"""`letopis/blocks`: structured blocks in Markdown, the numbered claims list and the 2×2
priority matrix (syntax in letopis.core.blocks). Blocks are checked with the rest of the
content, then rendered from templates into HTML whose inner Markdown the page's own Markdown
pass converts (md_in_html), so links, anchors and the table of contents work as anywhere."""

from __future__ import annotations

from typing import Literal

from jinja2 import Environment, Template
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from letopis.core.blocks import BlockSource, find_blocks, parse_claims, parse_matrix, replace_blocks
from letopis.core.messages import say
from letopis.core.problems import Problems
from letopis.core.source import read_text

from .archive import ArchivePlugin
from .shared import archive_plugin

PARSERS = {"claims": parse_claims, "matrix": parse_matrix}


class BlocksConfig(base.Config):
    # Templates under the theme's custom_dir, one per kind of block.
    claims_template = c.Type(str, default="letopis/blocks/claims.html")
    matrix_template = c.Type(str, default="letopis/blocks/matrix.html")


class BlocksPlugin(BasePlugin[BlocksConfig]):
    def __init__(self) -> None:
        self._archive: ArchivePlugin | None = None
        self._templates: dict[str, Template] = {}
        self._preview = False
        self._clean: dict[str, tuple[int, int]] = {}  # preview: files checked without problems
        self._other_blocks = False  # the page's Markdown renders other pymdownx.blocks too

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"],
                   dirty: bool) -> None:
        # Kept across `mkdocs serve` rebuilds: files checked before are not read again.
        self._preview = command == "serve"

    def on_config(self, config: MkDocsConfig) -> None:
        self._archive = archive_plugin(config, "letopis/blocks")
        names = {str(e).rsplit(".", 1)[-1] for e in config.markdown_extensions}
        self._other_blocks = any(str(e).startswith("pymdownx.blocks.")
                                 for e in config.markdown_extensions)
        if "md_in_html" not in names:
            raise PluginError(say("blocks_md_in_html"))

    @event_priority(-30)  # with the other content checks, before letopis/archive reports
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        archive = self._archive
        assert archive is not None
        shown_as = archive.authors_path.rpartition("/")[0]
        for file in archive.read_pages(files):
            if file.generated_by:
                continue  # pages made by plugins hold no blocks
            stamp = archive.source_stamp(file) if self._preview else None
            if stamp is not None and self._clean.get(file.src_uri) == stamp:
                continue
            raw = file.content_bytes
            before = len(archive.problems.items)
            if b"///" in raw:
                path = f"{shown_as}/{file.src_uri}"
                text = read_text(raw, path, archive.problems)
                if text is not None:
                    _check(text, path, archive.problems, other_blocks=self._other_blocks)
            if stamp is not None and len(archive.problems.items) == before:
                self._clean[file.src_uri] = stamp
        # A private environment: pages are converted before MkDocs hands plugins its own.
        env: Environment = config.theme.get_env()
        env.autoescape = True
        self._templates = {"claims": env.get_template(self.config.claims_template),
                           "matrix": env.get_template(self.config.matrix_template)}
        return files

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        if "///" not in markdown:
            return markdown
        assert self._archive is not None and self._archive.context is not None
        ui = self._archive.context.localizer.ui

        def render(block: BlockSource) -> str | None:
            parsed = PARSERS[block.kind](block, "", Problems())
            if parsed is None:
                return None
            return self._templates[block.kind].render(block=parsed, ui=ui)

        return replace_blocks(markdown, render)


def _check(text: str, path: str, problems: Problems, *, other_blocks: bool) -> None:
    """Every block of a page, parsed for its problems; claim anchors must be unique."""
    anchors: dict[str, int] = {}
    for block in find_blocks(text, 1, path, problems, other_blocks=other_blocks):
        parsed = PARSERS[block.kind](block, path, problems)
        for claim in getattr(parsed, "claims", []):
            if claim.anchor in anchors:
                problems.error(path, block.line, say("claim_anchor_twice", anchor=claim.anchor,
                                                     line=anchors[claim.anchor]))
                break
            anchors[claim.anchor] = block.line
