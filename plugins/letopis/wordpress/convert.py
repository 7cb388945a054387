"""WordPress post HTML → Markdown: paragraphs restored, the post made harmless (`sanitize`),
players replaced by links (`embeds`), [caption] shortcodes turned into images with captions,
<!--more--> kept as the summary break, other shortcodes kept as written, text escaped so that
it stays text (`markdown_text`), the rest converted by markdownify."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape

from bs4 import BeautifulSoup, NavigableString, Tag
from markdownify import (
    MarkdownConverter,
    chomp,
    should_remove_whitespace_inside,
    should_remove_whitespace_outside,
)

from .embeds import mark_text_embeds, replace_players
from .markdown_text import LINE_BLOCKS, escape_text, following_text, link_target, starts_line
from .sanitize import sanitize
from .tables import fits_pipe_table, html_table, pipe_table, table_cells, table_ids
from .words import say

MORE = re.compile(r"<!--\s*more\s*(?:[^>]*?)-->", re.IGNORECASE)
CAPTION = re.compile(r"\[caption\b[^\]]*\](.*?)\[/caption\]", re.IGNORECASE | re.DOTALL)
# A shortcode: [name …], [/name]; names are Latin (WordPress registers them so), which keeps
# «[1]» footnote marks and Cyrillic text in brackets out.
SHORTCODE = re.compile(r"\[/?([a-z][a-z0-9_-]*)(?:\s[^\[\]]*)?/?\]")
BLOCKS = (r"(?:address|article|aside|blockquote|div|dl|dd|dt|fieldset|figure|footer|form|"
          r"h[1-6]|header|hr|iframe|li|ol|p|pre|section|table|tbody|thead|tr|td|th|ul|"
          r"letopis-more)")
BLOCK_OPEN = re.compile(rf"(<{BLOCKS}[\s/>])", re.IGNORECASE)
BLOCK_CLOSE = re.compile(rf"(</{BLOCKS}>)", re.IGNORECASE)
BLOCK_START = re.compile(rf"\s*</?{BLOCKS}[\s/>]", re.IGNORECASE)
_TAG = re.compile(r"<[^<>]*>")  # a tag or a comment, as written
HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
TEXT_BLOCKS = {"p", "li", "dt", "dd", "td", "th", "figcaption", "caption"}  # text on line one
# Elements inside which a code block keeps its lines (markdownify indents or quotes them).
CODE_BLOCK_PARENTS = {"[document]", "div", "section", "article", "aside", "header", "footer",
                      "main", "nav", "center", "details", "figure", "blockquote", "ul", "ol",
                      "li", "dl", "dd", "p"}
TABLE_PARTS = {"table", "thead", "tbody", "tfoot", "tr", "caption", "colgroup", "col"}
ID_FOR_ATTR_LIST = re.compile(r"[\w:.-]+")
BLANK_LINE = re.compile(r"\n[ \t]*\n")


@dataclass
class Converted:
    markdown: str
    shortcodes: Counter[str] = field(default_factory=Counter)  # kept verbatim, by name
    images: list[str] = field(default_factory=list)  # every image URL, in order
    # What sanitizing took out: "script", "event handler", "script URL".
    removed: Counter[str] = field(default_factory=Counter)
    # What could not be carried over, in the site's language for the editor ("form (<form>)").
    unconverted: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)  # every link's href as written, in order


def _same(url: str) -> str:
    return url


def to_markdown(html: str, *, image_url: Callable[[str], str] = _same,
                link_url: Callable[[str], str] = _same) -> Converted:
    """Convert the content of a WordPress post; `image_url` and `link_url` may point images
    and links elsewhere (at downloaded copies, at the new site's pages)."""
    result = Converted("")
    text = MORE.sub("\n\n<letopis-more></letopis-more>\n\n", html)
    text = CAPTION.sub(r"<figure>\1</figure>", text)
    soup = BeautifulSoup(_paragraphs(mark_text_embeds(text)), "html.parser")
    sanitize(soup, result.removed, result.unconverted)
    replace_players(soup, result.unconverted)
    for match in SHORTCODE.finditer(soup.get_text()):
        if not match.group(0).startswith("[/"):  # count [name], not its [/name]
            result.shortcodes[match.group(1)] += 1
            result.unconverted.append(say("shortcode", name=match.group(1)))
    if soup.find("h1"):  # the post's title is the page's only h1
        for heading in soup.find_all(HEADINGS):
            heading.name = f"h{min(int(heading.name[1]) + 1, 6)}"
    _anchor_ids(soup)
    markdown = _Converter(result, image_url, link_url).convert_soup(soup)
    markdown = re.sub(r"^[ \t]+$", "", markdown, flags=re.MULTILINE)  # whitespace between blocks
    result.markdown = re.sub(r"\n{3,}", "\n\n", markdown).strip("\n").rstrip() + "\n"
    return result


class _Converter(MarkdownConverter):
    """markdownify with text escaped for Python-Markdown, links and images pointed by the
    caller and noted, anchors kept, and tables and figures done whole."""

    def __init__(self, result: Converted, image_url: Callable[[str], str],
                 link_url: Callable[[str], str]) -> None:
        super().__init__(heading_style="ATX", bullets="-", sub_symbol="<sub>",
                         sup_symbol="<sup>")
        self._result = result
        self._image_url = image_url
        self._link_url = link_url

    def process_tag(self, node: Tag, parent_tags: set[str] | None = None) -> str:
        if node.name == "table":
            return self._table(node, parent_tags or set())
        if node.name == "figure" and len(node.find_all("img")) == 1 and node.img.get("src"):
            return self._figure(node)
        return super().process_tag(node, parent_tags)

    def process_text(self, el: NavigableString, parent_tags: set[str] | None = None) -> str:
        parent_tags = parent_tags or set()
        text = str(el)
        if "pre" in parent_tags:
            return text
        text = re.sub(r"[\t\n\r\f ]+", " ", re.sub(r"[\x00-\x08\x0b\x0e-\x1f]", "", text))
        previous, parent = el.previous_sibling, el.parent
        if (should_remove_whitespace_outside(previous) or getattr(previous, "name", "") == "br"
                or (previous is None and should_remove_whitespace_inside(parent))):
            text = text.lstrip(" ")
        if should_remove_whitespace_outside(el.next_sibling) or (
                el.next_sibling is None and should_remove_whitespace_inside(parent)):
            text = text.rstrip(" ")
        if "_noformat" in parent_tags:
            return text
        inline_only = "_inline" in parent_tags  # headings and table cells: no block markup
        return escape_text(text, line_start=not inline_only and starts_line(el),
                           in_brackets="a" in parent_tags, following=following_text(el))

    def convert_a(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if "_noformat" in parent_tags:
            return text
        anchor = _anchor(el.get("id") or el.get("name") or "")
        if el.get("href") is None:
            return anchor + text
        href = link_target(self._link(str(el["href"])))
        title = f' "{escape(el["title"])}"' if el.get("title") else ""

        def link(text: str) -> str:
            prefix, suffix, text = chomp(text)
            return f"{prefix}[{text}]({href}{title}){suffix}" if text else prefix + suffix

        return anchor + _per_paragraph(link, text)

    def convert_b(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return _per_paragraph(lambda part: super(_Converter, self).convert_b(
            el, part, parent_tags), text)

    def convert_em(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return _per_paragraph(lambda part: super(_Converter, self).convert_em(
            el, part, parent_tags), text)

    convert_strong = convert_b
    convert_i = convert_em

    def convert_img(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        alt = " ".join(str(el.get("alt", "")).split())
        if not el.get("src") or parent_tags & set(HEADINGS):
            return escape_text(alt)  # its src was a script URL, or no image fits there
        src = self._image(str(el["src"]))
        title = f' "{escape(el["title"])}"' if el.get("title") else ""
        return f"![{escape_text(alt, in_brackets=True)}]({link_target(src)}{title})"

    def convert_br(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if "pre" in parent_tags:
            return "\n"
        if parent_tags & {"td", "th"}:
            return "<br>"  # a pipe table's cell is one line; Python-Markdown keeps the tag
        return super().convert_br(el, text, parent_tags)

    def convert_del(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        # Python-Markdown has no ~~strikethrough~~ without an extension this site lacks.
        return f"<del>{text}</del>" if text.strip() and "_noformat" not in parent_tags else text

    convert_s = convert_strike = convert_del

    def convert_hN(self, n: int, el: Tag, text: str, parent_tags: set[str]) -> str:  # noqa: N802
        if "_inline" in parent_tags:
            return f" {text} "  # a heading inside a heading: words, kept apart from the rest
        text = " ".join(text.split())
        identifier = str(el.get("id", ""))
        if not text:
            return _anchor(identifier)
        # A trailing "#" would be read as the closing of an ATX heading.
        text = re.sub(r"#+$", lambda match: "\\#" * len(match.group()), text)
        if ID_FOR_ATTR_LIST.fullmatch(identifier):
            text += f" {{#{identifier}}}"
        else:
            text = _anchor(identifier) + text
        return f"\n\n{'#' * n} {text}\n\n"

    def convert_li(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        # markdownify indents a list item's later lines by the bullet's width; Python-Markdown
        # needs four spaces to keep nested lists and paragraphs inside the item.
        text = (text or "").strip()
        if not text:
            return "\n"
        bullet = "-"
        if el.parent is not None and el.parent.name == "ol":
            start = str(el.parent.get("start", ""))
            number = int(start) if start.isdigit() else 1
            bullet = f"{number + len(el.find_previous_siblings('li'))}."
        first, *rest = text.split("\n")
        rest = [f"    {line}" if line else "" for line in rest]
        # After a code block, the next item needs a blank line to stay an item of this list.
        end = "\n\n" if rest and rest[-1].startswith(" " * 8) else "\n"
        return "\n".join([f"{bullet} {first}", *rest]) + end

    def convert_pre(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        # An indented code block: fenced code needs an extension the site does not enable.
        if {tag for tag in parent_tags if not tag.startswith("_")} - CODE_BLOCK_PARENTS:
            # Inside a link, a heading, a term…: a code block cannot stand there. Its words
            # stay apart from those around it (markdownify strips the spaces next to a block).
            return f' {escape_text(" ".join(text.split()))} '
        text = text.strip("\n")
        if not text.strip():
            return ""
        code = "\n".join(f"    {line}" if line.strip() else "" for line in text.split("\n"))
        # An empty comment before the block: inside another element, whose Markdown is
        # stripped of leading spaces, it keeps the block code (never raw HTML); after a list,
        # it keeps the block from continuing the list's last item.
        previous = el.find_previous_sibling()
        if el.parent is None or el.parent.name != "[document]" or (
                previous is not None and previous.name in {"ul", "ol"}):
            code = f"<!-- -->\n\n{code}"
        return f"\n\n{code}\n\n"

    def convert_letopis_more(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return "\n\n<!-- more -->\n\n"

    def _table(self, table: Tag, parent_tags: set[str]) -> str:
        cells = table_cells(table)
        if len([row for row in cells if row]) < 2 or not fits_pipe_table(table, cells):
            return f"\n\n{html_table(table, link=self._link, image=self._image)}\n\n"
        anchors = "".join(_anchor(identifier) for identifier in table_ids(table))
        rows = [[super(_Converter, self).process_tag(cell, parent_tags) for cell in row]
                for row in cells]
        return f"\n\n{anchors}\n\n{pipe_table(rows)}\n\n"

    def convert_td(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return " ".join(text.split())

    convert_th = convert_td

    def convert_tr(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        return f"\n\n{text}\n\n"  # a row outside any table (tables are done whole)

    def convert_code(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        # A code span cannot cross a blank line; one that broke would leave its text raw.
        return super().convert_code(el, " ".join(text.split()), parent_tags)

    convert_kbd = convert_samp = convert_tt = convert_code

    def _link(self, href: str) -> str:
        self._result.links.append(href)
        return self._link_url(href)

    def _image(self, src: str) -> str:
        self._result.images.append(src)
        return self._image_url(src)

    def _figure(self, figure: Tag) -> str:
        """An image with its caption as Material's figure (md_in_html); the caption is the
        <figcaption>, or else the figure's other text ([caption] shortcodes)."""
        image = figure.img
        if image.parent is not None and image.parent.name == "a" and not image.parent.get_text(
                strip=True):
            image.parent.extract()  # the link to the full-size file: the figure is the image
        markdown_image = self.convert_img(image.extract(), "", set())
        caption = figure.figcaption or figure
        text = " ".join(caption.get_text().split())
        if not text:
            return f"\n\n{markdown_image}\n\n"
        return (f'\n\n<figure markdown="span">\n  {markdown_image}\n'
                f"  <figcaption>{escape(text)}</figcaption>\n</figure>\n\n")


def _per_paragraph(markup: Callable[[str], str], text: str) -> str:
    """Inline markup around text holding paragraphs (a <strong> that WordPress' blank lines
    split) applied to each: Markdown's ** or [ ] cannot span a blank line. A line of spaces is
    blank too (two <br> in a row leave one)."""
    return "\n\n".join(markup(part) for part in BLANK_LINE.split(text))


def _anchor(identifier: str) -> str:
    """An anchor MkDocs pages keep as it is (raw HTML passes through Python-Markdown)."""
    return f'<a id="{escape(identifier).replace("|", "&#124;")}"></a>' if identifier else ""


def _anchor_ids(soup: BeautifulSoup) -> None:
    """Keep the id of an element Markdown has no place for as an anchor before its content:
    old posts link to them. Headings, links and tables keep theirs by themselves."""
    for element in soup.find_all(id=True):
        if element.name in {"a", *HEADINGS, *TABLE_PARTS}:
            continue
        anchor = soup.new_tag("a", id=element["id"])
        del element["id"]
        if element.name in TEXT_BLOCKS:
            element.insert(0, anchor)
        elif element.name in LINE_BLOCKS:
            paragraph = soup.new_tag("p")
            paragraph.append(anchor)
            element.insert_before(paragraph)
        else:
            element.insert_before(anchor)


def _paragraphs(text: str) -> str:
    """WordPress stores paragraphs as blank lines and adds <p> only when showing a post
    (wpautop). No maintained Python port of wpautop exists; this covers what exports hold:
    blank-line paragraphs and single line breaks, block elements left as they are."""
    # Line ends inside a tag (an alt text over two lines) are no line breaks: wpautop too
    # protects them before it adds <br>.
    text = _TAG.sub(lambda tag: tag[0].replace("\n", " "), text.replace("\r\n", "\n"))
    text = BLOCK_CLOSE.sub(r"\1\n\n", BLOCK_OPEN.sub(r"\n\n\1", text))
    chunks = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join(
        chunk if BLOCK_START.match(chunk) else "<p>" + chunk.strip().replace("\n", "<br>\n")
        + "</p>"
        for chunk in chunks if chunk.strip()
    )
