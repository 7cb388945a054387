"""Alphabetical order as a Russian dictionary has it, for author and term indexes.

Written by hand rather than with PyICU: ICU needs a C++ toolchain and libicu headers to install
(no wheels for every platform), and the few rules of the Russian tailoring that matter for
names and rubrics fit in a sort key. CLDR's Russian collation, which ICU implements:
- «ё» is «е» at the first level (Ёлкин between Елисеева and Ершов), told apart only when
  everything else is equal; «й» stays a letter of its own;
- case matters only at the last level;
- Cyrillic comes before Latin (`[reorder Cyrl]`); spaces, punctuation and digits before
  letters.
"""

from __future__ import annotations

import unicodedata

_SPACE_OR_PUNCTUATION, _DIGIT, _CYRILLIC, _LATIN, _OTHER = range(5)


def collation_key(text: str) -> tuple:
    """A sort key for `text` in Russian dictionary order (see the module's note)."""
    folded = unicodedata.normalize("NFC", text).casefold()
    primary = tuple((_group(ch), ch) for ch in folded.replace("ё", "е"))
    return (primary, folded, text)


def _group(ch: str) -> int:
    if ch.isdigit():
        return _DIGIT
    if not ch.isalpha():
        return _SPACE_OR_PUNCTUATION
    if "\u0400" <= ch <= "\u04ff":
        return _CYRILLIC
    if ch.isascii() or unicodedata.name(ch, "").startswith("LATIN"):
        return _LATIN
    return _OTHER
