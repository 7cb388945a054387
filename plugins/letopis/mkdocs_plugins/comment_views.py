"""What letopis/archive hands the post template about the post's comments
(theme/letopis/partials/comments.html): each comment with its text rendered once per build."""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig

from letopis.core.comments import Comment, walk
from letopis.core.field_markdown import FieldMarkdown
from letopis.core.l10n import Localizer
from letopis.core.posts import Post


@dataclass(frozen=True)
class CommentView:
    comment: Comment
    text: Markup  # the comment's Markdown as HTML, safe (core/field_markdown)
    replies: tuple[CommentView, ...]


@dataclass(frozen=True)
class PostComments:
    """`letopis.comments` on a post that has comments."""

    count: str  # «5 комментариев»
    comments: tuple[CommentView, ...]


class CommentRenderer:
    """Renders the comments of each post once per build (only its own page shows them)."""

    def __init__(self, config: MkDocsConfig, localizer: Localizer) -> None:
        # A field, not a page body: no raw HTML and no script URLs, as article abstracts.
        self._markdown = FieldMarkdown(config.markdown_extensions, config.mdx_configs)
        self._localizer = localizer

    def render(self, post: Post) -> PostComments | None:
        if not post.comments:
            return None
        count = sum(1 for _ in walk(post.comments))
        return PostComments(self._localizer.count("comments", count),
                            self._views(post.comments))

    def _views(self, comments: tuple[Comment, ...]) -> tuple[CommentView, ...]:
        # Recursion is bounded: the core nests replies at most MAX_DEPTH deep.
        return tuple(CommentView(c, Markup(self._markdown.convert(c.text)),
                                 self._views(c.replies)) for c in comments)
