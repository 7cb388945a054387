"""Streaming reader of WordPress exports (WXR 1.1 and 1.2).

lxml's iterparse reads the export element by element; each item is cleared and detached once
read, so a 500 MB export needs memory for one item, not for the file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from lxml import etree

WP_NAMESPACE = re.compile(r"http://wordpress\.org/export/1\.\d+/")
NAMESPACES = {
    "content": "http://purl.org/rss/1.0/modules/content/",
    "dc": "http://purl.org/dc/elements/1.1/",
}


class NotWxrError(ValueError):
    """The file is XML but not a WordPress export."""


@dataclass
class Site:
    """What the export says about the blog it came from."""

    title: str = ""
    base_url: str = ""  # wp:base_blog_url: permalinks are below it
    wxr_version: str = ""
    authors: dict[str, str] = field(default_factory=dict)  # login → display name


@dataclass(frozen=True)
class Item:
    """One <item>: a post, a page, an attachment or something the import leaves alone."""

    post_id: str
    post_type: str
    status: str
    title: str
    link: str
    creator: str
    content: str
    excerpt: str
    date_gmt: str
    date: str  # in the blog's own time zone
    name: str  # post_name, percent-encoded as WordPress stores it
    categories: tuple[str, ...]
    tags: tuple[str, ...]
    attachment_url: str
    line: int  # where the item starts in the export

    @property
    def label(self) -> str:
        """How messages name the item: its title and WordPress id."""
        return f"«{self.title or 'без названия'}» (wp:post_id {self.post_id or '?'})"


@dataclass(frozen=True)
class BrokenExport:
    """The export stops being readable XML here; what came before was read."""

    line: int
    message: str


def read_export(stream: BinaryIO, site: Site) -> Iterator[Item | BrokenExport]:
    """Yield the items of `stream` in order, filling `site` from the channel as it goes.

    Raises NotWxrError at once when the root is not a WordPress export; a file that breaks
    later (truncated, say) ends with a BrokenExport instead.
    """
    parser = etree.iterparse(stream, events=("start", "end"), huge_tree=True,
                             resolve_entities=False, no_network=True, remove_comments=True)
    wp = ""
    depth = 0
    try:
        for event, element in parser:
            if event == "start":
                depth += 1
                if depth == 1:
                    wp = _wp_namespace(element)
                continue
            depth -= 1
            tag = etree.QName(element)
            if depth == 2 and tag.localname == "item":
                yield _item(element, wp)
                _forget(element)
            elif depth == 2:
                _channel_field(element, tag, wp, site)
                if tag.localname == "author" and tag.namespace == wp:
                    _forget(element)
    except etree.XMLSyntaxError as exc:
        if not wp:
            raise NotWxrError(f"not a WordPress export: the XML cannot be read ({exc})") from None
        yield BrokenExport(exc.lineno or 0, str(exc))


def _wp_namespace(root: etree._Element) -> str:
    wp = next((uri for uri in root.nsmap.values() if uri and WP_NAMESPACE.fullmatch(uri)), "")
    if etree.QName(root).localname != "rss" or not wp:
        raise NotWxrError("not a WordPress export: expected an <rss> document with the "
                          "WordPress export namespace (Tools → Export in WordPress)")
    return wp


def _channel_field(element: etree._Element, tag: etree.QName, wp: str, site: Site) -> None:
    if tag.namespace is None and tag.localname == "title":
        site.title = (element.text or "").strip()
    elif tag.namespace == wp and tag.localname == "base_blog_url":
        site.base_url = (element.text or "").strip()
    elif tag.namespace == wp and tag.localname == "wxr_version":
        site.wxr_version = (element.text or "").strip()
    elif tag.namespace == wp and tag.localname == "author":
        login = _text(element, f"{{{wp}}}author_login")
        if login:
            site.authors[login] = _text(element, f"{{{wp}}}author_display_name") or login


def _item(element: etree._Element, wp: str) -> Item:
    def field_of(name: str) -> str:
        return _text(element, f"{{{wp}}}{name}")

    categories, tags = [], []
    for category in element.iterfind("category"):
        name = (category.text or "").strip()
        if name and category.get("domain") == "category":
            categories.append(name)
        elif name and category.get("domain") == "post_tag":
            tags.append(name)
    return Item(
        post_id=field_of("post_id"),
        post_type=field_of("post_type") or "post",
        status=field_of("status"),
        title=_text(element, "title"),
        link=_text(element, "link"),
        creator=_text(element, f"{{{NAMESPACES['dc']}}}creator"),
        content=element.findtext(f"{{{NAMESPACES['content']}}}encoded") or "",
        excerpt=_excerpt(element),
        date_gmt=field_of("post_date_gmt"),
        date=field_of("post_date"),
        name=field_of("post_name"),
        categories=tuple(dict.fromkeys(categories)),
        tags=tuple(dict.fromkeys(tags)),
        attachment_url=field_of("attachment_url"),
        line=element.sourceline or 0,
    )


def _excerpt(element: etree._Element) -> str:
    # The excerpt's namespace is http://wordpress.org/export/1.x/excerpt/.
    for child in element:
        tag = etree.QName(child)
        if tag.localname == "encoded" and tag.namespace and tag.namespace.endswith("/excerpt/"):
            return (child.text or "").strip()
    return ""


def _text(element: etree._Element, path: str) -> str:
    return (element.findtext(path) or "").strip()


def _forget(element: etree._Element) -> None:
    """Free what has been read: the element's content and the siblings before it."""
    element.clear(keep_tail=False)
    parent = element.getparent()
    if parent is not None:
        while element.getprevious() is not None:
            del parent[0]
