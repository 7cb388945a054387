"""Old addresses of posts (`aliases:`): each becomes a small page that sends readers on."""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import unquote

from .posts import Post
from .problems import Problems


class AliasError(ValueError):
    """An alias that cannot be a path of this static site; the message says why."""


@dataclass(frozen=True)
class Redirect:
    path: str  # the file to write, relative to the site: "old/slug/index.html"
    post: Post


def alias_file(alias: str) -> str:
    """The site file an old address is served from: a folder's index.html, or the .html file
    itself; percent-escapes decoded (a static server decodes requests the same way)."""
    if "://" in alias or alias.startswith("//"):
        raise AliasError(f'alias "{alias}" must be a path of this site, like /2014/05/old-slug/')
    if "?" in alias or "#" in alias:
        raise AliasError(f'alias "{alias}" has a query or fragment, which a static site cannot '
                         "redirect; give the path alone")
    path = unquote(alias.strip()).strip("/")
    parts = path.split("/")
    if not path or any(part in {"", ".", ".."} for part in parts):
        raise AliasError(f'alias "{alias}" must be a path below the site root, without "." or '
                         '".." parts')
    if posixpath.splitext(path)[1].lower() in {".html", ".htm"}:
        return path
    return f"{path}/index.html"


def collect_redirects(posts: Iterable[Post], problems: Problems) -> list[Redirect]:
    """Every alias of every post, each at most once (the older post keeps a shared one)."""
    taken: dict[str, Post] = {}
    redirects = []
    for post in sorted(posts, key=lambda p: (p.published, p.source)):
        for index, alias in enumerate(post.aliases):
            line = post.line_of("aliases", index)
            try:
                path = alias_file(alias)
            except AliasError as exc:
                problems.error(post.path, line, str(exc))
                continue
            if path == post.url_path():
                problems.error(post.path, line, f'alias "{alias}" is the post\'s own address')
            elif path in taken:
                problems.error(post.path, line, f'alias "{alias}" is already an alias of '
                                                f"{taken[path].path}")
            else:
                taken[path] = post
                redirects.append(Redirect(path, post))
    return redirects
