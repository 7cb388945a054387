"""Writing text and URLs into Markdown so that Python-Markdown (with attr_list, md_in_html,
tables and toc) shows them exactly as written: a character is escaped only where it could
start markup, so Russian prose stays readable for editors.

By hand because markdownify's escaping is either too little (its defaults leave "1. ", "# ",
"[x](y)" and "<b>" live) or too much (`escape_misc` puts a backslash before every "-", "+",
"=", ">" and "." after a number, and cannot escape "<" and "&", which Markdown only takes as
entities)."""

from __future__ import annotations

import re
from urllib.parse import quote

from bs4 import NavigableString, PageElement, Tag

# Backslash escapes for characters that are markup wherever they stand ("|" because the
# site's Markdown has the tables extension, "{" because of attr_list).
ALWAYS = set("\\`*{|")
# Text without any of these needs no escape inside a line (most prose): the character loop
# below is skipped for it.
SPECIAL = re.compile(r"[\\`*{|_\[\]<&]")
REFERENCE = re.compile(r"\[[^\]]*\]:")
# What Python-Markdown passes through as a character reference, and browsers then read as
# one (a numeric reference needs no ";").
ENTITY = re.compile(r"&(?:#[0-9]|#[xX][0-9a-fA-F]|[a-zA-Z0-9]+;)")
# Block markup at the start of a line: headings ("#" needs no space in Python-Markdown),
# quotes, list items, rules and setext underlines; with what to write instead.
LINE_START = [
    (re.compile(r"#"), r"\#"),
    (re.compile(r">"), r"\>"),
    (re.compile(r"([-+])(?=\s|$|-)"), r"\\\1"),
    (re.compile(r"(\d+)\.(?=\s|$)"), r"\1\\."),
    (re.compile(r"=(?==*\s*$)"), "&#61;"),  # "=" has no backslash escape in Markdown
]
# Elements whose Markdown starts on a new line.
LINE_BLOCKS = {"[document]", "p", "div", "li", "blockquote", "dl", "dt", "dd", "ul", "ol",
               "table", "thead", "tbody", "tfoot", "tr", "td", "th", "caption", "pre", "hr",
               "figure", "figcaption", "section", "article", "aside", "header", "footer",
               "address", "main", "nav", "center", "details", "summary", "letopis-more",
               "h1", "h2", "h3", "h4", "h5", "h6"}
# Characters a URL in (…) must not hold raw: they would end or split the link or a table cell.
URL_UNSAFE = re.compile(r"[\s<>\"'()\[\]\\`|]")


def escape_text(text: str, *, line_start: bool = False, in_brackets: bool = False,
                following: str = "") -> str:
    """`text` as Markdown showing exactly `text`. `line_start`: it begins a line;
    `in_brackets`: it is a link's text or an image's description; `following`: the text
    that comes next in the document, which may complete an entity or a link with it."""
    escaped = _escape_inline(text, following, line_start=line_start, in_brackets=in_brackets) \
        if SPECIAL.search(text) else text
    if line_start:
        indent = len(escaped) - len(escaped.lstrip(" "))
        for pattern, replacement in LINE_START:
            start = pattern.match(escaped, indent)
            if start:
                escaped = escaped[:indent] + start.expand(replacement) + escaped[start.end():]
                break
    return escaped


def _escape_inline(text: str, following: str, *, line_start: bool, in_brackets: bool) -> str:
    after_all = text + following
    out: list[str] = []
    for i, char in enumerate(text):
        before = text[i - 1] if i else ""
        after = after_all[i + 1:i + 2]
        if char in ALWAYS:
            out.append("\\" + char)
        elif char == "_":
            # Python-Markdown's "_" emphasis never starts or ends inside a word (snake_case).
            out.append("_" if before.isalnum() and after.isalnum() else r"\_")
        elif char in "[]":
            # Text in brackets is only a link when "(" follows, a reference definition when
            # it starts a line and ":" follows; "[TOC]" is the toc extension's marker.
            reference = (line_start and not text[:i].strip(" ")
                         and REFERENCE.match(after_all, i) is not None)
            live = (in_brackets or (char == "]" and after == "(")
                    or (char == "[" and (after_all.startswith("[TOC]", i) or reference)))
            # "]:" would still end a reference definition's label (block parsing ignores
            # backslashes): in a link at the start of a line, the entity avoids it.
            colon = in_brackets and char == "]" and after == ":"
            out.append("&#93;" if colon else "\\" + char if live else char)
        elif char == "<":
            out.append("<" if after.isspace() or not after else "&lt;")
        elif char == "&":
            out.append("&amp;" if ENTITY.match(after_all, i) else "&")
        else:
            out.append(char)
    return "".join(out)


def link_target(url: str) -> str:
    """A URL for Markdown's [text](url): characters that would end or split the link are
    percent-encoded, which browsers read as the same address."""
    return URL_UNSAFE.sub(lambda match: quote(match.group(), safe=""), url)


def starts_line(node: NavigableString) -> bool:
    """Whether the Markdown for this text begins a line: nothing shown comes before it in
    its block, or a line break does."""
    current: PageElement | None = node
    while current is not None:
        previous = current.previous_sibling
        while previous is not None and _shows_nothing(previous):
            previous = previous.previous_sibling
        if previous is not None:
            return isinstance(previous, Tag) and previous.name in {"br", *LINE_BLOCKS}
        current = current.parent
        if current is not None and current.name in LINE_BLOCKS:
            return True
    return True


def _shows_nothing(node: PageElement) -> bool:
    if isinstance(node, Tag):
        return not (node.get_text(strip=True) or node.find(["img", "br"])
                    or node.name in {"img", "br", "hr"}
                    or (node.name == "a" and (node.get("id") or node.get("name"))))
    return not str(node).strip()


def following_text(node: NavigableString) -> str:
    """The start of the next text in the document, which Markdown may read together with
    this one (an entity, a link's "](")."""
    for following in node.next_elements:
        if isinstance(following, NavigableString) and str(following):
            return str(following)[:12]
    return ""
