"""RSS 2.0 and Atom feeds of posts, made with feedgen.

Every date comes from the content (the newest post's date is the feed's own), never from the
clock, so that two builds of the same content give the same feeds.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from html import escape

import lxml.html
from feedgen.feed import FeedGenerator

from .authors import Author
from .posts import Post
from .summary import drop_lost_images

RSS_NAME = "rss.xml"
ATOM_NAME = "atom.xml"


@dataclass(frozen=True)
class Feed:
    """One feed: the listing it follows and the posts it carries, newest first."""

    title: str
    description: str
    url: str  # the site-relative listing the feed follows: "" or "category/prodazhi/"
    posts: Sequence[Post]

    @property
    def rss_url(self) -> str:
        return self.url + RSS_NAME

    @property
    def atom_url(self) -> str:
        return self.url + ATOM_NAME


def feed_documents(feed: Feed, *, absolute: Callable[[str], str], language: str,
                   content: Callable[[Post], str],
                   authors: Mapping[str, Author]) -> tuple[bytes, bytes]:
    """The RSS 2.0 and Atom documents of `feed`; `content` gives a post's HTML with absolute
    URLs. Each document names itself as its "self" link."""
    generator = _generator(feed, absolute, language, content, authors)
    documents = []
    renderers = ((feed.rss_url, generator.rss_str), (feed.atom_url, generator.atom_str))
    for self_url, render in renderers:
        # feedgen gives RSS the last link: the page the feed follows.
        generator.link([{"href": absolute(self_url), "rel": "self"},
                        {"href": absolute(feed.url), "rel": "alternate"}], replace=True)
        documents.append(render(pretty=True))
    return documents[0], documents[1]


def _generator(feed: Feed, absolute: Callable[[str], str], language: str,
               content: Callable[[Post], str], authors: Mapping[str, Author]) -> FeedGenerator:
    generator = FeedGenerator()
    generator.load_extension("dc")
    generator.id(absolute(feed.url))
    generator.title(feed.title)
    generator.description(feed.description)  # RSS requires it
    generator.subtitle(feed.description)
    generator.language(language)
    generator.generator("Letopis")
    if feed.posts:
        newest = feed.posts[0].published
        generator.updated(newest)
        generator.lastBuildDate(newest)
        generator.pubDate(newest)
    for post in feed.posts:
        _add_entry(generator, post, absolute, content(post), authors)
    return generator


def _add_entry(generator: FeedGenerator, post: Post, absolute: Callable[[str], str],
               html: str, authors: Mapping[str, Author]) -> None:
    entry = generator.add_entry(order="append")  # feed.posts is newest first already
    url = absolute(post.url)
    entry.id(url)
    entry.guid(url, permalink=True)
    entry.title(post.title)
    entry.link(href=url, rel="alternate")
    entry.published(post.published)
    entry.updated(post.published)
    summary = " ".join(post.summary)
    if summary:
        entry.summary(summary)
        entry.description(summary)
    entry.content(html, type="html")
    for key in post.authors:
        if key in authors:
            entry.author(name=authors[key].name)
            entry.dc.dc_creator(authors[key].name)
    for term in post.categories:
        entry.category(term=term.name, scheme=absolute(term.url))


def absolute_content(html: str, base_url: str) -> str:
    """A post's rendered HTML for a feed: every link and image absolute (feed readers have no
    page to resolve them against), heading permalinks ("¶") and lost pictures dropped."""
    if not html.strip():
        return ""
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    for permalink in root.xpath('.//a[contains(concat(" ", @class, " "), " headerlink ")]'):
        permalink.drop_tree()
    drop_lost_images(root)  # a lost picture's old file name is no text of the post
    # An address urljoin refuses (core.urls.split_address) stays as written, not a traceback.
    root.make_links_absolute(base_url, resolve_base_href=False, handle_failures="ignore")
    return escape(root.text or "", quote=False) + "".join(
        lxml.html.tostring(child, encoding="unicode") for child in root)
