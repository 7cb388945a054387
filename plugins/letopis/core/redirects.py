"""Old addresses (`aliases:`) of posts and pages: each becomes a small page that sends readers
on to where the content lives now."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import unquote

from .fields import Fields
from .messages import say
from .posts import Post
from .problems import Problems
from .source import Document


class AliasError(ValueError):
    """An alias that cannot be a path of this static site; the message says why."""


@dataclass(frozen=True)
class AliasOwner:
    """A page with old addresses: where it is now and the aliases it lists (with lines)."""

    path: str  # its source, as shown to editors
    url: str  # site-relative, where it lives now
    title: str
    aliases: tuple[tuple[str, int], ...]  # (alias, line)
    order: tuple[str, ...] = ()  # who keeps an alias two pages list: the first in this order


@dataclass(frozen=True)
class Redirect:
    path: str  # the file to write, relative to the site: "old/slug/index.html"
    owner: AliasOwner


def post_owner(post: Post) -> AliasOwner:
    return AliasOwner(post.path, post.url, post.title,
                      tuple((alias, post.line_of("aliases", i))
                            for i, alias in enumerate(post.aliases)),
                      (post.published.isoformat(), post.source))


def page_owner(doc: Document, url: str, title: str, problems: Problems) -> AliasOwner | None:
    """The aliases of an ordinary page (not a post), read from its front matter."""
    fields = Fields(doc.front, doc.path, problems)
    aliases = fields.names("aliases")
    if not aliases:
        return None
    raw = doc.meta.get("aliases") or []
    lines = tuple((alias, doc.line_of("aliases", raw.index(alias) if alias in raw else 0))
                  for alias in aliases)
    return AliasOwner(doc.path, url, title, lines, ("", doc.path))


def alias_file(alias: str) -> str:
    """The site file an old address is served from: a folder's index.html, or the .html file
    itself; percent-escapes decoded (a static server decodes requests the same way)."""
    if "://" in alias or alias.startswith("//"):
        raise AliasError(say("alias_not_path", alias=alias))
    if "?" in alias or "#" in alias:
        raise AliasError(say("alias_query", alias=alias))
    path = unquote(alias.strip()).strip("/")
    parts = path.split("/")
    if not path or any(part in {"", ".", ".."} for part in parts):
        raise AliasError(say("alias_outside", alias=alias))
    if posixpath.splitext(path)[1].lower() in {".html", ".htm"}:
        return path
    return f"{path}/index.html"


def collect_redirects(owners: Iterable[AliasOwner], problems: Problems) -> list[Redirect]:
    """Every alias of every page, each at most once (the first page in order keeps it)."""
    taken: dict[str, AliasOwner] = {}
    redirects = []
    for owner in sorted(owners, key=lambda o: o.order):
        own_file = unquote(owner.url) + "index.html"
        for alias, line in owner.aliases:
            try:
                path = alias_file(alias)
            except AliasError as exc:
                problems.error(owner.path, line, str(exc))
                continue
            if path == own_file:
                problems.error(owner.path, line, say("alias_own", alias=alias))
            elif path in taken:
                problems.error(owner.path, line, say("alias_taken", alias=alias,
                                                     other=taken[path].path))
            else:
                taken[path] = owner
                redirects.append(Redirect(path, owner))
    return redirects
