"""Markdown in front-matter fields (article abstracts): formatting yes, markup no.

A post's body is the editor's page and may hold raw HTML on purpose. A field is a value that
several pages show (an issue, the journal's announcements, author pages), so it keeps only what
Markdown itself writes: raw HTML is shown as text, and links or images pointing anywhere but
the web, mail or this site (`javascript:`, `data:`, …) lose their address.

Written here rather than with an HTML sanitizer (nh3, bleach): with raw HTML off, the output
holds only elements Markdown makes, so checking their attributes in Markdown's own element tree
is all there is to do — a sanitizer would parse the HTML again to find the same attributes.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Mapping
from typing import Any
from xml.etree.ElementTree import Element

import markdown
from markdown.treeprocessors import Treeprocessor

URL_ATTRIBUTES = ("href", "src")
SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
# The scheme of a URL as a browser reads it: leading spaces and control characters ignored,
# and tabs or newlines inside dropped ("java\tscript:" is javascript:).
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):", re.IGNORECASE)
_IGNORED_BY_BROWSERS = re.compile(r"[\x00-\x20]")


def is_safe_url(url: str) -> bool:
    """A relative URL, or an absolute one with a scheme of SAFE_SCHEMES. Character references
    count as the characters they stand for: Python-Markdown writes "&#106;" through as is, and
    a browser reads it as "j"."""
    match = _SCHEME.match(_IGNORED_BY_BROWSERS.sub("", html.unescape(url)))
    return match is None or match.group(1).lower() in SAFE_SCHEMES


class _Sanitizer(Treeprocessor):
    """Removes event-handler and style attributes (attr_list can add them) and unsafe URLs."""

    def run(self, root: Element) -> None:
        for element in root.iter():
            for name in list(element.attrib):
                lowered = name.lower()
                if lowered.startswith("on") or lowered in {"style", "srcdoc", "formaction"} or \
                        (lowered in URL_ATTRIBUTES and not is_safe_url(element.attrib[name])):
                    del element.attrib[name]


class FieldMarkdown:
    """A converter for fields, with the site's Markdown extensions; reused for every field."""

    def __init__(self, extensions: Iterable[Any] = (),
                 extension_configs: Mapping[str, Any] | None = None) -> None:
        self._converter = markdown.Markdown(extensions=list(extensions),
                                            extension_configs=dict(extension_configs or {}))
        # Without these two, "<b>" in a field is text, escaped on output like any other text.
        self._converter.preprocessors.deregister("html_block", strict=False)
        self._converter.inlinePatterns.deregister("html", strict=False)
        # After inline patterns (20) have made the links, before placeholders return (0).
        self._converter.treeprocessors.register(_Sanitizer(self._converter), "letopis_safe", 5)

    def convert(self, text: str) -> str:
        self._converter.reset()
        return self._converter.convert(text)
