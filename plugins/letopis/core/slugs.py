"""Slugs for URLs and heading anchors: Cyrillic transliterated by python-slugify.

The transliteration is python-slugify's default (text-unidecode backend), e.g.
«Сегментация клиентского потока» → "segmentatsiia-klientskogo-potoka". Both packages are pinned
in constraints.txt because a different backend would silently move every post's URL.

A URL slug is never empty: a title or tag with nothing transliterable in it (only emoji or
punctuation) falls back to the post's file name, then to a short digest of the text, which is
the same on every build and every machine.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import PurePosixPath

from slugify import slugify

MAX_SLUG_LENGTH = 80
# What an editor may write in `slug:` by hand: letters (Cyrillic too, as WordPress allowed),
# digits, hyphens and underscores. Anything else could escape its folder or need quoting.
EDITOR_SLUG = re.compile(r"[^\W_][\w-]*", re.UNICODE)


@lru_cache(maxsize=8192)  # categories and tags repeat across thousands of posts
def transliterate(text: str) -> str:
    """Transliterated, lower-case slug of `text`; "" when nothing transliterable is left."""
    return slugify(text, max_length=MAX_SLUG_LENGTH, word_boundary=True, save_order=True)


def term_slug(name: str) -> str:
    """The URL slug of a category or tag: never empty."""
    return transliterate(name) or _digest(name)


def post_slug(title: str, source: str) -> str:
    """The URL slug of a post without `slug:`: its title, else its file name (the way Jekyll
    and Hugo name posts), else a digest of the title. Never empty."""
    return transliterate(title) or transliterate(PurePosixPath(source).stem) or _digest(title)


def _digest(text: str) -> str:
    # Not Python's hash(): that one changes from run to run.
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=5).hexdigest()


def is_valid_slug(slug: str) -> bool:
    return bool(EDITOR_SLUG.fullmatch(slug)) and len(slug) <= 200


def heading_anchor(value: str, separator: str) -> str:
    """`toc.slugify` for Python-Markdown: Cyrillic headings get transliterated ids.

    Python-Markdown's default drops non-ASCII letters and leaves ids like `_1`.
    """
    return slugify(value, separator=separator)
