"""The authors registry: each author declared once (content/authors.yml) and referred to by
key from posts and journal articles. The key is also the address of the author's page."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from .collation import collation_key
from .fields import Fields
from .messages import say
from .problems import Problems
from .slugs import is_valid_slug
from .source import read_text
from .yaml_mapping import YamlData, read_yaml

AUTHOR_KEYS = frozenset({"name", "bio", "sort_as"})
_WORD = re.compile(r"\w[\w'’-]*")


@dataclass(frozen=True)
class Author:
    key: str
    name: str
    bio: str | None
    url: str | None  # the author's page; None when the site has no author pages
    # What the authors index sorts by: the surname, by default the last word of the name
    # («Андрей Жилин» under «Ж»); `sort_as:` in the registry for any other name.
    sort_as: str | None = None

    @property
    def sort_key(self) -> tuple:
        """Surname order, in Russian dictionary order (collation.py); the full name breaks
        ties between namesakes."""
        words = _WORD.findall(self.name)  # quotes and brackets around a word do not count
        surname = self.sort_as or (words[-1] if words else self.name)
        return (collation_key(surname), collation_key(self.name))


@dataclass(frozen=True)
class AuthorRef:
    """A use of an author key somewhere in the content, for checking it exists."""

    path: str
    line: int
    key: str


def load_authors(raw: bytes | None, path: str, url_of: Callable[[str], str | None],
                 problems: Problems) -> dict[str, Author]:
    """Authors by key from the registry file; `raw` None means the site has no registry.

    An entry is either `key: Full Name` or `key: {name: Full Name, bio: …, sort_as: …}`.
    """
    if raw is None:
        return {}
    text = read_text(raw, path, problems)
    data = read_yaml(text, path, problems, what="the authors registry") if text else None
    if data is None:
        return {}
    authors = {}
    for key, entry in data.value.items():
        author = _author(data, key, entry, path, url_of, problems)
        if author is not None:
            authors[key] = author
    return authors


def _author(data: YamlData, key: str, entry: object, path: str,
            url_of: Callable[[str], str | None], problems: Problems) -> Author | None:
    line = data.line_of(key)
    if not is_valid_slug(key):
        problems.error(path, line, say("author_key", key=key))
        return None
    if isinstance(entry, str) and entry.strip():
        return Author(key, entry.strip(), None, url_of(key))
    if not isinstance(entry, dict):
        problems.error(path, line, say("author_no_name", key=key))
        return None
    fields = Fields(data, path, problems, (key,), {str(k): v for k, v in entry.items()})
    fields.warn_unknown(AUTHOR_KEYS)
    name = fields.text("name", required=True)
    bio = fields.text("bio")
    sort_as = fields.text("sort_as")
    return Author(key, name, bio, url_of(key), sort_as) if name else None


def author_refs(data: YamlData, path: str, *key: str | int) -> list[AuthorRef]:
    """Each author key listed at `key` ("authors", or "articles", 0, "authors"), with the
    line of its own list item; nothing if the value is not a list of texts."""
    value: object = data.value
    for part in key:
        if isinstance(value, dict):
            value = value.get(part)
        elif isinstance(value, list) and isinstance(part, int) and part < len(value):
            value = value[part]
        else:
            return []
    if not isinstance(value, list):
        return []
    refs: dict[str, AuthorRef] = {}  # a key listed twice is one reference
    for index, item in enumerate(value):
        if isinstance(item, int) and not isinstance(item, bool):
            item = str(item)  # as Fields.names reads it: `authors: [2014]` is the key "2014"
        if isinstance(item, str) and item.strip():
            refs.setdefault(item.strip(), AuthorRef(path, data.line_of(*key, index), item.strip()))
    return list(refs.values())


def check_author_refs(refs: Iterable[AuthorRef], authors: dict[str, Author],
                      registry: str, problems: Problems) -> None:
    """Every author key used in the content must be declared in the registry."""
    known = sorted(authors)
    for ref in refs:
        if ref.key in authors:
            continue
        guess = difflib.get_close_matches(ref.key, known, n=1)
        hint = say("did_you_mean", guess=guess[0]) if guess else ""
        problems.error(ref.path, ref.line,
                       say("unknown_author", key=ref.key, hint=hint, registry=registry))
