"""Links and images whose address cannot be read as one (core.urls.split_address): a
placeholder such as «http://[ваш сайт]/wp-admin/», an unclosed bracket.

MkDocs reads the address of every link and image of a page to make relative ones point at the
right place, and such an address raised out of that, ending the whole build with a traceback
that named no file. A Markdown treeprocessor that runs just before MkDocs' own (same priority,
registered earlier: letopis/archive adds it to the page's extensions) finds them, warns with the
file and line, and writes it percent-encoded, which MkDocs can read. The page is then
built with the link as written; `--strict`, and so `letopis build`, fails on the warning.

A warning, not a content error that stops the build before anything is written: it is found
while the page is converted, and the Markdown cache keeps it with the conversion, so a build
that takes the page from the cache warns again.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote
from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from mkdocs.plugins import get_plugin_logger

from letopis.core.messages import say
from letopis.core.problems import Problem, Severity
from letopis.core.urls import split_address

log = get_plugin_logger("letopis")

# The attributes MkDocs rewrites, by element.
_ADDRESSES = {"a": "href", "img": "src"}


class UnreadableAddresses(Extension):
    """Armed with a page by letopis/archive for that page's own conversion only: Markdown in
    front-matter fields (core.field_markdown) shares the site's extensions but is not read by
    MkDocs, and is not this page's text."""

    def __init__(self) -> None:
        super().__init__()
        self.page: Any = None  # the page being converted, or None
        self.shown_as = ""  # how the docs folder is named in messages ("content")

    def __repr__(self) -> str:
        # The Markdown cache keys conversions by the extensions' names: one that differs
        # every run (an object's address) would make every page's conversion a miss.
        return "letopis.unreadable_addresses"

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.treeprocessors.register(_Guard(md, self), "letopis_unreadable_addresses", 0)


class _Guard(Treeprocessor):
    def __init__(self, md: Markdown, extension: UnreadableAddresses) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, root: Element) -> None:
        page = self.extension.page
        if page is None:
            return
        for element in root.iter():
            name = _ADDRESSES.get(str(element.tag))
            address = element.get(name) if name else None
            if name is None or address is None or split_address(address) is not None:
                continue
            element.set(name, _readable(address))
            where = f"{self.extension.shown_as}/{page.file.src_uri}"
            line = _line_of(page, address)
            message = say("link_address_brackets" if "[" in address or "]" in address
                          else "link_address_unreadable", address=address)
            log.warning(str(Problem(where, line, message, Severity.WARNING)))


def _readable(address: str) -> str:
    """`address` percent-encoded where urlsplit refuses it: square brackets, and characters
    beyond ASCII, such as a full-width "＃" in a host name, which reads as "#" once normalized.
    Nothing at all if even that is refused."""
    encoded = quote(address, safe="!#$&'()*+,/:;=?@~%")
    return encoded if split_address(encoded) is not None else ""


def _line_of(page: Any, address: str) -> int | None:
    """The line of the page's file that holds `address`, if it stands there as written."""
    try:
        text = page.file.content_string
    except (OSError, UnicodeDecodeError):
        return None
    found = text.find(address)
    return text.count("\n", 0, found) + 1 if found >= 0 else None
