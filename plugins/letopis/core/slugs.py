"""Slugs for URLs and heading anchors: Cyrillic transliterated by python-slugify.

The transliteration is python-slugify's default (text-unidecode backend), e.g.
«Сегментация клиентского потока» → "segmentatsiia-klientskogo-potoka". Both packages are pinned
in constraints.txt because a different backend would silently move every post's URL.
"""

from __future__ import annotations

import re
from functools import lru_cache

from slugify import slugify

MAX_SLUG_LENGTH = 80
# What an editor may write in `slug:` by hand: letters (Cyrillic too, as WordPress allowed),
# digits, hyphens and underscores. Anything else could escape its folder or need quoting.
EDITOR_SLUG = re.compile(r"[^\W_][\w-]*", re.UNICODE)


@lru_cache(maxsize=8192)  # categories and tags repeat across thousands of posts
def slug_from_title(title: str) -> str:
    """Transliterated, lower-case slug of a title; "" when nothing transliterable is left."""
    return slugify(title, max_length=MAX_SLUG_LENGTH, word_boundary=True, save_order=True)


def is_valid_slug(slug: str) -> bool:
    return bool(EDITOR_SLUG.fullmatch(slug)) and len(slug) <= 200


def heading_anchor(value: str, separator: str) -> str:
    """`toc.slugify` for Python-Markdown: Cyrillic headings get transliterated ids.

    Python-Markdown's default drops non-ASCII letters and leaves ids like `_1`.
    """
    return slugify(value, separator=separator)
