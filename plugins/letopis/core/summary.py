"""Post summaries for listings: plain-text paragraphs taken once from a post's rendered HTML.

Plain text, as WordPress' excerpts are: it shows the same on every listing page, whatever the
page's depth (relative links and images of the post would break there), and it is escaped by the
templates like any other text.
"""

from __future__ import annotations

import re

import lxml.html
from lxml import etree

MORE_MARKER = re.compile(r"<!--\s*more\s*-->", re.IGNORECASE)
# A picture of the old site that was lost, as the editors mark it: the element holds its old
# file name («mini-olen»), shown on the page as a placeholder (letopis.css) and never a word of
# the post: summaries, descriptions, feeds and search leave it out.
LOST_IMAGE_CLASS = "letopis-missing-image"
LOST_IMAGE_SELECTOR = f".{LOST_IMAGE_CLASS}"
_LOST_IMAGES = (f'.//*[contains(concat(" ", normalize-space(@class), " "), '
                f'" {LOST_IMAGE_CLASS} ")]')
# Top-level elements whose text belongs to a summary; headings and code do not.
_TEXT_BLOCKS = frozenset({"p", "ul", "ol", "blockquote", "dl"})


def summary_from_html(html: str) -> tuple[str, ...]:
    """The text before `<!-- more -->` if the post has one, else its first paragraph of text."""
    marker = MORE_MARKER.search(html)
    root = _fragment(html[: marker.start()] if marker else html)
    if root is None:
        return ()
    drop_lost_images(root)
    blocks = [el for el in root if isinstance(el.tag, str) and el.tag in _TEXT_BLOCKS]
    if not marker:
        # The first paragraph with words: one that held only a lost picture is passed over.
        blocks = [el for el in blocks if el.tag == "p" and el.text_content().strip()][:1]
    # A list gives one paragraph per item, so that items do not run together.
    parts = (el.findall("li") or [el] if el.tag in {"ul", "ol"} else [el] for el in blocks)
    paragraphs = (" ".join(part.text_content().split()) for group in parts for part in group)
    return tuple(p for p in paragraphs if p)


def drop_lost_images(root: etree._Element) -> None:
    """Remove the placeholders of lost pictures from `root`, keeping the text after them."""
    for placeholder in root.xpath(_LOST_IMAGES):
        placeholder.drop_tree()


def _fragment(html: str) -> etree._Element | None:
    if not html.strip():
        return None
    return lxml.html.fragment_fromstring(html, create_parent="div")
