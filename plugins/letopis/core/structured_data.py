"""schema.org descriptions (JSON-LD) of posts, journals, issues and articles, as plain data.

Templates serialize them with Jinja's `tojson`, which escapes `<`, `>` and `&`, so a title
holding `</script>` cannot end the script element.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from .authors import Author
from .breadcrumbs import Crumb
from .journal import Article, Issue, Journal
from .posts import Post

# Turns a site-relative URL into an absolute one; None when the site's address is unknown.
Absolute = Callable[[str], str | None]
CONTEXT = "https://schema.org"


def blog_posting(post: Post, authors: Mapping[str, Author], absolute: Absolute,
                 site_name: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "@context": CONTEXT,
        "@type": "BlogPosting",
        "headline": post.title,
        "name": post.title,
        "datePublished": post.published.isoformat(),
        "isPartOf": {"@type": "Blog", "name": site_name},
        "author": [_person(authors[key], absolute) for key in post.authors if key in authors],
        "articleSection": [term.name for term in post.categories],
        "keywords": [term.name for term in post.tags],
        "url": absolute(post.url),
        "description": " ".join(post.summary) or None,
    }
    return _pruned(data)


def breadcrumb_list(trail: tuple[Crumb, ...], absolute: Absolute) -> dict[str, Any] | None:
    """schema.org BreadcrumbList of a trail (breadcrumbs.py); None without one."""
    if not trail:
        return None
    return _pruned({
        "@context": CONTEXT,
        "@type": "BreadcrumbList",
        "itemListElement": [{"@type": "ListItem", "position": position, "name": crumb.name,
                             "item": absolute(crumb.url)}
                            for position, crumb in enumerate(trail, start=1)],
    })


def periodical(journal: Journal, absolute: Absolute) -> dict[str, Any]:
    return _pruned({"@context": CONTEXT, **_periodical(journal, absolute),
                    "description": journal.description})


def publication_issue(issue: Issue, journal: Journal, authors: Mapping[str, Author],
                      absolute: Absolute) -> dict[str, Any]:
    data = {
        "@context": CONTEXT,
        "@type": "PublicationIssue",
        "name": issue.title,
        "issueNumber": str(issue.number),
        "datePublished": str(issue.year),
        "url": absolute(issue.url),
        "isPartOf": _periodical(journal, absolute),
        "hasPart": [_article(article, issue, authors, absolute) for article in issue.articles],
    }
    return _pruned(data)


def _periodical(journal: Journal, absolute: Absolute) -> dict[str, Any]:
    return {
        "@type": "Periodical",
        "name": journal.name,
        "url": absolute(journal.url),
        "publisher": {"@type": "Organization", "name": journal.publisher}
        if journal.publisher else None,
    }


def _article(article: Article, issue: Issue, authors: Mapping[str, Author],
             absolute: Absolute) -> dict[str, Any]:
    return {
        "@type": "ScholarlyArticle",
        "headline": article.title,
        "name": article.title,
        "author": [_person(authors[key], absolute) for key in article.authors if key in authors],
        "abstract": article.abstract,
        "articleSection": article.rubric,
        "pagination": article.pages,
        "url": _joined(absolute(issue.url), f"#{article.anchor}"),
    }


def _person(author: Author, absolute: Absolute) -> dict[str, Any]:
    return {"@type": "Person", "name": author.name,
            "url": absolute(author.url) if author.url else None}


def _joined(base: str | None, fragment: str) -> str | None:
    return base + fragment if base else None


def _pruned(value: Any) -> Any:
    """Drop empty fields: schema.org validators flag nulls and empty lists."""
    if isinstance(value, dict):
        pruned = {k: _pruned(v) for k, v in value.items()}
        return {k: v for k, v in pruned.items() if v not in (None, [], {}, "")}
    if isinstance(value, list):
        return [_pruned(v) for v in value]
    return value
