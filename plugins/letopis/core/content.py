"""Loading every post of a site at once, collecting every problem in every file."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .posts import Post, PostContext, post_from_document
from .problems import Problems
from .source import read_document


@dataclass(frozen=True)
class SourceFile:
    source: str  # relative to docs_dir, posix: "posts/2014/x.md"
    path: str  # as shown to editors: "content/posts/2014/x.md"
    raw: bytes


def load_posts(files: Iterable[SourceFile], context: PostContext) -> tuple[list[Post], Problems]:
    """Every valid post, and every problem of every file (a bad file is left out)."""
    problems = Problems()
    posts = []
    for file in files:
        doc = read_document(file.raw, file.path, problems)
        if doc is None:
            continue
        post = post_from_document(doc, file.source, context, problems)
        if post is not None:
            posts.append(post)
    return posts, problems
