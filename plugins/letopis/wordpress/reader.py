"""Streaming reader of WordPress exports (WXR 1.0, 1.1 and 1.2), one item at a time.

An export is cut into its `<item>` elements at the byte level (scanner.py), and each item is
parsed on its own: one bad character, entity or tag costs that item only, reported with its
title, `wp:post_id` and line, and the items after it still import. Memory holds one item.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from lxml import etree

from .scanner import Chunk, ExportScanner, NotWxrError
from .words import say
from .xml_errors import describe

# Every URI WordPress has used for its export namespace: http or https, versions 1.0–1.2.
WP_NAMESPACE = re.compile(r"https?://wordpress\.org/export/\d+\.\d+/?")
CONTENT = "http://purl.org/rss/1.0/modules/content/"
DC = "http://purl.org/dc/elements/1.1/"
# What a failed item is named by: read from its raw bytes, since it could not be parsed.
_RAW_TITLE = re.compile(rb"<title>\s*(?:<!\[CDATA\[)?(.*?)(?:\]\]>)?\s*</title>", re.DOTALL)
_RAW_POST_ID = re.compile(rb"<(?:\w+:)?post_id>\s*(?:<!\[CDATA\[)?\s*(\d+)")
_PARSER_OPTIONS = {"resolve_entities": False, "no_network": True, "huge_tree": True,
                   "remove_comments": True, "load_dtd": False}

__all__ = ["BrokenItem", "Comment", "Item", "NotWxrError", "Site", "TermRef", "read_export"]


@dataclass(frozen=True)
class TermRef:
    """A category or tag as WordPress names it: display name and nicename (its slug)."""

    name: str
    nicename: str = ""


@dataclass
class Site:
    """What the export says about the blog it came from."""

    title: str = ""
    base_url: str = ""  # wp:base_blog_url: permalinks are below it
    site_url: str = ""  # wp:base_site_url: uploads are below it
    wxr_version: str = ""
    namespace: str = ""  # the wp namespace URI as written
    authors: dict[str, str] = field(default_factory=dict)  # login → display name
    # Terms the channel declares, in order: (taxonomy, name, nicename); taxonomy "category" or
    # "post_tag".
    terms: list[tuple[str, str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Comment:
    """One wp:comment of an item, as exported (approved or not)."""

    comment_id: str
    parent: str  # "0" or "" for a top-level comment
    author: str
    date_gmt: str
    date: str
    content: str  # HTML
    approved: str  # "1", "0", "spam", "trash"
    kind: str  # "" / "comment", "pingback", "trackback", "note", …


@dataclass(frozen=True)
class Item:
    """One <item>: a post, a page, an attachment or something the import leaves alone."""

    post_id: str
    post_type: str
    status: str
    title: str
    link: str
    guid: str
    creator: str
    content: str
    excerpt: str
    date_gmt: str
    date: str  # in the blog's own time zone
    name: str  # post_name, percent-encoded as WordPress stores it
    password: bool  # wp:post_password is set: the post was not public
    categories: tuple[TermRef, ...]
    tags: tuple[TermRef, ...]
    attachment_url: str
    comments: tuple[Comment, ...]
    line: int  # where the item starts in the export

    @property
    def label(self) -> str:
        """How messages name the item: its title and WordPress id."""
        return item_label(self.title, self.post_id)


@dataclass(frozen=True)
class BrokenItem:
    """An item that could not be read; `truncated` when the export ends inside it."""

    line: int
    reason: str  # one line, in the site's language
    title: str = ""
    post_id: str = ""
    truncated: bool = False

    @property
    def label(self) -> str:
        return item_label(self.title, self.post_id)


def item_label(title: str, post_id: str) -> str:
    return say("item_label", title=title or say("no_title"), id=post_id or "?")


def read_export(stream: BinaryIO, site: Site) -> Iterator[Item | BrokenItem]:
    """Yield the items of `stream` in order, after filling `site` from the channel.

    Raises NotWxrError at once when the file is not a WordPress export; an item that cannot be
    read is yielded as a BrokenItem and the reading goes on.
    """
    scanner = ExportScanner(stream)
    header = _parse_header(scanner.header())
    wp = _wp_namespace(header)
    _read_channel(header, wp, site)
    wrapper = scanner.item_wrapper()
    for chunk in scanner.items():
        yield _read_item(chunk, wrapper, wp, scanner.encoding)


def _parse_header(raw: bytes) -> etree._Element:
    try:
        return etree.fromstring(raw, etree.XMLParser(**_PARSER_OPTIONS))
    except etree.XMLSyntaxError as exc:
        raise NotWxrError(say("not_xml", line=exc.lineno or 1, reason=describe(exc)[0])) \
            from None


def _wp_namespace(root: etree._Element) -> str:
    """A WXR document is an <rss> with a <channel> and the WordPress export namespace,
    whichever scheme and version it is written with."""
    channel = root.find("channel")
    candidates = {uri for element in (root, channel) if element is not None
                  for uri in element.nsmap.values() if uri}
    wp = next((uri for uri in sorted(candidates) if WP_NAMESPACE.fullmatch(uri)), "")
    if etree.QName(root).localname != "rss" or channel is None or not wp:
        raise NotWxrError(say("not_wxr"))
    return wp


def _read_channel(root: etree._Element, wp: str, site: Site) -> None:
    channel = root.find("channel")
    site.namespace = wp
    site.title = _text(channel, "title")
    site.base_url = _text(channel, f"{{{wp}}}base_blog_url") or _text(channel, "link")
    site.site_url = _text(channel, f"{{{wp}}}base_site_url") or site.base_url
    site.wxr_version = _text(channel, f"{{{wp}}}wxr_version")
    for author in channel.iterfind(f"{{{wp}}}author"):
        login = _text(author, f"{{{wp}}}author_login")
        if login:
            site.authors[login] = _text(author, f"{{{wp}}}author_display_name") or login
    for element in channel:
        term = _declared_term(element, wp)
        if term:
            site.terms.append(term)


def _declared_term(element: etree._Element, wp: str) -> tuple[str, str, str] | None:
    tag = etree.QName(element)
    if tag.namespace != wp:
        return None
    if tag.localname == "category":
        return "category", _text(element, f"{{{wp}}}cat_name"), \
            _text(element, f"{{{wp}}}category_nicename")
    if tag.localname == "tag":
        return "post_tag", _text(element, f"{{{wp}}}tag_name"), _text(element, f"{{{wp}}}tag_slug")
    if tag.localname == "term" and _text(element, f"{{{wp}}}term_taxonomy") in {"category",
                                                                                "post_tag"}:
        return _text(element, f"{{{wp}}}term_taxonomy"), _text(element, f"{{{wp}}}term_name"), \
            _text(element, f"{{{wp}}}term_slug")
    return None


def _read_item(chunk: Chunk, wrapper: tuple[bytes, bytes], wp: str,
               encoding: str) -> Item | BrokenItem:
    if chunk.cut == "eof":
        return _broken(chunk, say("item_cut_off"), truncated=True)
    if chunk.cut == "next":
        return _broken(chunk, say("item_unclosed"))
    before, after = wrapper
    try:
        root = etree.fromstring(before + chunk.data + after, etree.XMLParser(**_PARSER_OPTIONS))
    except etree.XMLSyntaxError as exc:
        reason, offset = describe(exc, chunk.data, encoding)
        # The wrapper is one line, and the item starts on that same line.
        line = chunk.line + (offset if offset is not None else max((exc.lineno or 1) - 1, 0))
        return _broken(chunk, reason, line=line, encoding=encoding)
    element = root.find("channel/item")
    if element is None:
        return _broken(chunk, say("item_unreadable"))
    return _item(element, wp, chunk.line)


def _broken(chunk: Chunk, reason: str, *, line: int | None = None, truncated: bool = False,
            encoding: str = "utf-8") -> BrokenItem:
    title = _RAW_TITLE.search(chunk.data)
    post_id = _RAW_POST_ID.search(chunk.data)
    shown = " ".join(title.group(1).decode(encoding, "replace").split())[:120] if title else ""
    return BrokenItem(line or chunk.line, reason, _printable(shown),
                      post_id.group(1).decode("ascii") if post_id else "", truncated)


def _printable(text: str) -> str:
    """Control characters out of a title read from broken bytes (messages are one line)."""
    return "".join(char if char.isprintable() else "?" for char in text)


def _item(element: etree._Element, wp: str, line: int) -> Item:
    def field_of(name: str) -> str:
        return _text(element, f"{{{wp}}}{name}")

    categories: list[TermRef] = []
    tags: list[TermRef] = []
    for category in element.iterfind("category"):
        name = (category.text or "").strip()
        domain = category.get("domain")
        term = TermRef(name, category.get("nicename") or "")
        if not name:
            continue
        # WXR 1.0 writes tags as domain="tag"; a category without a domain is also 1.0's.
        if domain in {"post_tag", "tag"}:
            tags.append(term)
        elif domain in {"category", None}:
            categories.append(term)
    return Item(
        post_id=field_of("post_id"),
        post_type=field_of("post_type") or "post",
        status=field_of("status"),
        title=_text(element, "title"),
        link=_text(element, "link"),
        guid=_text(element, "guid"),
        creator=_text(element, f"{{{DC}}}creator"),
        content=element.findtext(f"{{{CONTENT}}}encoded") or "",
        excerpt=_excerpt(element),
        date_gmt=field_of("post_date_gmt"),
        date=field_of("post_date"),
        name=field_of("post_name"),
        password=bool(field_of("post_password")),
        categories=_unique(categories),
        tags=_unique(tags),
        attachment_url=field_of("attachment_url"),
        comments=tuple(_comment(c, wp) for c in element.iterfind(f"{{{wp}}}comment")),
        line=line,
    )


def _comment(element: etree._Element, wp: str) -> Comment:
    def field_of(name: str) -> str:
        return _text(element, f"{{{wp}}}comment_{name}")

    return Comment(
        comment_id=field_of("id"),
        parent=field_of("parent"),
        author=field_of("author"),
        date_gmt=field_of("date_gmt"),
        date=field_of("date"),
        content=element.findtext(f"{{{wp}}}comment_content") or "",
        approved=field_of("approved"),
        kind=field_of("type"),
    )


def _unique(terms: list[TermRef]) -> tuple[TermRef, ...]:
    # WXR 1.0 lists a category twice (with and without its domain): keep the first of a name.
    seen: dict[str, TermRef] = {}
    for term in terms:
        known = seen.get(term.name)
        if known is None or (not known.nicename and term.nicename):
            seen[term.name] = term
    return tuple(seen.values())


def _excerpt(element: etree._Element) -> str:
    # The excerpt's namespace is http(s)://wordpress.org/export/1.x/excerpt/.
    for child in element:
        tag = etree.QName(child)
        if tag.localname == "encoded" and tag.namespace and tag.namespace.endswith("/excerpt/"):
            return (child.text or "").strip()
    return ""


def _text(element: etree._Element | None, path: str) -> str:
    return "" if element is None else (element.findtext(path) or "").strip()
