"""Memory that scales with the site (issue 15): what a build lets go of once it is no longer
needed, and the compact form of what it keeps. Findings and figures: benchmarks/README.md,
"Memory".

MkDocs converts every page's Markdown before it renders the first template, and keeps each
page's source and HTML until the build ends; with Letopis' own per-page caches that made peak
memory grow three times faster than plain MkDocs' with the number of posts.
"""

from __future__ import annotations

import zlib

from markupsafe import Markup
from mkdocs.structure.pages import Page

# Rendered listing entries are kept compressed: one post is shown by about nine listings at
# three or four depths, so rendering it again for each would cost far more than inflating it
# (a few microseconds for ~2 KB), and kept as text (Cyrillic takes 2 bytes a character, the
# markup too) a 10,000-post site held ~90 MB of them. zlib's fastest level packs one to a
# third of its UTF-8 size.
_LEVEL = 1


def release_source(page: Page) -> None:
    """Forget a page's Markdown once it is converted: nothing reads it later. An empty string,
    not None: MkDocs takes a page whose `markdown` is None for one never read, and gives it no
    title."""
    page.markdown = ""


def release_html(page: Page) -> None:
    """Forget a page's HTML once its page is written: the template has used it; the summary,
    feeds and first image took what they need from it at on_page_content. In `mkdocs serve
    --dirty` a page kept between rebuilds is read and converted again before it is rendered
    again (MkDocs' dirty check is the same for both loops)."""
    page.content = None


def pack(html: str) -> bytes:
    return zlib.compress(html.encode("utf-8"), _LEVEL)


def unpack(packed: bytes) -> Markup:
    return Markup(zlib.decompress(packed).decode("utf-8"))
