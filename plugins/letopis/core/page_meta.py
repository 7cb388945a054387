"""What a page tells link previews (Open Graph, Twitter cards): a short description and the
first picture, taken from the content."""

from __future__ import annotations

import re

import lxml.html

DESCRIPTION_LENGTH = 200  # what link previews show before cutting
_IMG = re.compile("<img", re.IGNORECASE)  # raw HTML keeps the editor's capitals


def short_description(paragraphs: tuple[str, ...] | list[str],
                      limit: int = DESCRIPTION_LENGTH) -> str:
    """The paragraphs as one line, cut at a word boundary with «…» when longer than `limit`."""
    text = " ".join(" ".join(paragraphs).split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip(",.;:—–-")
    return cut + "…"


def first_image(html: str) -> str | None:
    """The `src` of the first image of rendered HTML, as written (relative or absolute)."""
    if not _IMG.search(html):
        return None
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    image = next(iter(root.iter("img")), None)
    return image.get("src") if image is not None and image.get("src") else None
