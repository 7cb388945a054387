"""Making a parsed WordPress post harmless before it becomes Markdown: a hacked WordPress
often carries injected scripts, and the little raw HTML the converter keeps (tables Markdown
cannot express) must carry nothing that runs.

Written by hand rather than with an HTML sanitizer: the project's dependencies hold none (lxml's
cleaner left lxml in 5.2), the work is a few rules over a tree BeautifulSoup already built,
and the converter needs counts of what went, which sanitizers do not report."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from bs4 import BeautifulSoup, CData, Comment, Declaration, Doctype, ProcessingInstruction, Tag

from .words import say

# Browsers ignore ASCII whitespace and control characters inside a scheme ("java\tscript:").
SCRIPT_URL = re.compile(r"^(?:(?:java|vb|live)script|data):", re.IGNORECASE)
URL_ATTRIBUTES = ("href", "src", "action", "formaction", "poster", "data", "cite",
                  "background", "xlink:href", "srcset")
# What a static page cannot carry over, by tag: the key of its name in the catalogs.
CANNOT_CARRY = {"noscript": "noscript", "form": "form", "input": "form_input",
                "button": "form_button", "select": "form_select", "textarea": "form_textarea"}

# What a table kept as HTML may hold; other tags are unwrapped (their text stays).
TABLE_TAGS = {"table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "th", "td",
              "p", "br", "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "pre", "code", "a",
              "img", "strong", "b", "em", "i", "u", "s", "del", "ins", "sub", "sup", "small",
              "mark", "abbr", "hr"}
TABLE_ATTRIBUTES = {"td": {"colspan", "rowspan", "headers"}, "th": {"colspan", "rowspan",
                    "headers", "scope", "abbr"}, "col": {"span"}, "colgroup": {"span"},
                    "ol": {"start", "reversed"}, "li": {"value"}, "a": {"href"},
                    "img": {"src", "alt", "width", "height"}, "abbr": {"title"}}


def sanitize(soup: BeautifulSoup, removed: Counter[str], unconverted: list[str]) -> None:
    """Remove scripts, event handlers and script URLs (counted in `removed` as "script",
    "event handler", "script URL"; data: URLs count as script URLs, since a data: page can
    carry one), and what a static page cannot carry over: forms and fallbacks for browsers
    without JavaScript (listed in `unconverted`)."""
    # Comments, <?php ?>, <![CDATA[ ]]> and doctypes show nothing in a browser.
    for node in list(soup.descendants):
        if isinstance(node, Comment | CData | ProcessingInstruction | Declaration | Doctype):
            node.extract()
    for script in soup.find_all("script"):
        script.decompose()
        removed["script"] += 1
    for tag in soup.find_all(True):
        for name in list(tag.attrs):
            if name.lower().startswith("on"):
                del tag[name]
                removed["event handler"] += 1
            elif name.lower() in URL_ATTRIBUTES and is_script_url(str(tag[name])):
                del tag[name]
                removed["script URL"] += 1
    # A stylesheet shows nothing either; listing it would only send editors looking.
    for style in soup.find_all("style"):
        style.decompose()
    for tag in soup.find_all(list(CANNOT_CARRY)):
        if tag.decomposed:  # inside one removed before
            continue
        unconverted.append(say(CANNOT_CARRY[tag.name]))
        tag.decompose()


def is_script_url(url: str) -> bool:
    return bool(SCRIPT_URL.match(re.sub(r"[\x00-\x20]", "", url)))


def clean_table(table: Tag, *, link: Callable[[str], str], image: Callable[[str], str]) -> None:
    """Keep only the tags and attributes of TABLE_TAGS / TABLE_ATTRIBUTES (and ids, for
    anchors) in a table kept as HTML; `link` and `image` give the new href and src."""
    for tag in [table, *table.find_all(True)]:
        if tag.name not in TABLE_TAGS:
            tag.unwrap()
            continue
        if tag.name == "a" and tag.get("name") and not tag.get("id"):
            tag["id"] = tag["name"]
        tag.attrs = {name: value for name, value in tag.attrs.items()
                     if name in TABLE_ATTRIBUTES.get(tag.name, set()) or name == "id"}
        if tag.name == "a" and "href" in tag.attrs:
            tag["href"] = link(str(tag["href"]))
        elif tag.name == "img":
            if tag.get("src"):
                tag["src"] = image(str(tag["src"]))
            else:
                tag.replace_with(str(tag.get("alt", "")))
