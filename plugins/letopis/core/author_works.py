"""What each author wrote: journal articles, issues they contributed to without a known
article title, and blog posts. Computed once per build for the author pages."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from .archive import newest_first
from .authors import Author
from .journal import Article, Issue, Journals
from .posts import Post


@dataclass(eq=False)
class AuthorWorks:
    author: Author
    articles: list[tuple[Issue, Article]] = field(default_factory=list)  # newest issue first
    contributions: list[Issue] = field(default_factory=list)  # article titles not given
    posts: list[Post] = field(default_factory=list)  # newest first

    @property
    def count(self) -> int:
        return len(self.articles) + len(self.contributions) + len(self.posts)


def works_by_author(authors: Mapping[str, Author], posts: Iterable[Post],
                    journals: Journals | None) -> list[AuthorWorks]:
    """Every declared author with their works, in surname order (Author.sort_key)."""
    works = {key: AuthorWorks(author) for key, author in authors.items()}
    issues = sorted(journals.issues(), key=lambda i: (i.year, i.number), reverse=True) \
        if journals else []
    for issue in issues:
        for article in issue.articles:
            for key in article.authors:
                if key in works:
                    works[key].articles.append((issue, article))
        for key in issue.other_authors:
            if key in works:
                works[key].contributions.append(issue)
    for post in newest_first(posts):
        for key in post.authors:
            if key in works:
                works[key].posts.append(post)
    return sorted(works.values(), key=lambda w: (w.author.sort_key, w.author.key))
