"""Loading every post of a site at once, collecting every problem in every file."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .posts import Post, PostContext, post_from_document
from .problems import ContentError, Problems
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


def load_post(raw: bytes, source: str, path: str, context: PostContext,
              warnings: Problems | None = None) -> Post:
    """One post from the bytes of its file, for a caller that handles one file at a time.

    Raises ContentError carrying every problem of the file, warnings included, in file order,
    when it has an error. Warnings alone (an unknown key) do not stop the post: they are added
    to `warnings` when it is given, and otherwise not reported.
    """
    problems = Problems()
    doc = read_document(raw, path, problems)
    post = None if doc is None else post_from_document(doc, source, context, problems)
    if post is None or problems.errors:
        raise ContentError(problems.in_order)
    if warnings is not None:
        warnings.extend(problems)
    return post
