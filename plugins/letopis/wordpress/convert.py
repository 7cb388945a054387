"""WordPress post HTML → Markdown: paragraphs restored, [caption] shortcodes turned into
images with captions, <!--more--> kept as the summary break, other shortcodes kept verbatim,
the rest converted by markdownify."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from html import escape

import lxml.html
from bs4 import Tag
from markdownify import MarkdownConverter

MORE = re.compile(r"<!--\s*more\s*(?:[^>]*?)-->", re.IGNORECASE)
CAPTION = re.compile(r"\[caption\b[^\]]*\](.*?)\[/caption\]", re.IGNORECASE | re.DOTALL)
# A shortcode: [name …], [/name]; names are Latin (WordPress registers them so), which keeps
# «[1]» footnote marks and Cyrillic text in brackets out.
SHORTCODE = re.compile(r"\[/?([a-z][a-z0-9_-]*)(?:\s[^\[\]]*)?/?\]")
BLOCKS = (r"(?:address|article|aside|blockquote|div|dl|dd|dt|fieldset|figure|footer|form|"
          r"h[1-6]|header|hr|iframe|li|ol|p|pre|section|table|tbody|thead|tr|td|th|ul)")
BLOCK_OPEN = re.compile(rf"(<{BLOCKS}[\s/>])", re.IGNORECASE)
BLOCK_CLOSE = re.compile(rf"(</{BLOCKS}>)", re.IGNORECASE)
BLOCK_START = re.compile(rf"\s*(?:</?{BLOCKS}[\s/>]|LETOPISTOKEN\d+)", re.IGNORECASE)


@dataclass
class Converted:
    markdown: str
    shortcodes: Counter[str] = field(default_factory=Counter)  # kept verbatim, by name
    images: list[str] = field(default_factory=list)  # every image URL, in order


def to_markdown(html: str, *, image_url: Callable[[str], str] = lambda url: url) -> Converted:
    """Convert the content of a WordPress post; `image_url` may point images elsewhere (at
    their downloaded copies)."""
    tokens: dict[str, str] = {}
    result = Converted("")

    def token(markdown: str) -> str:
        # Letters and digits only: markdownify leaves them as they are.
        name = f"LETOPISTOKEN{len(tokens)}"
        tokens[name] = markdown
        return name

    def caption(match: re.Match[str]) -> str:
        return token(_figure(match.group(1), image_url, result))

    def shortcode(match: re.Match[str]) -> str:
        if not match.group(0).startswith("[/"):  # count [name], not its [/name]
            result.shortcodes[match.group(1)] += 1
        return token(match.group(0))

    text = MORE.sub(lambda _: "\n\n" + token("<!-- more -->") + "\n\n", html)
    text = CAPTION.sub(caption, text)
    text = SHORTCODE.sub(shortcode, text)
    converter = _Converter(image_url, result.images, heading_style="ATX", bullets="-",
                           escape_underscores=False)
    markdown = converter.convert(_paragraphs(text))
    for name, value in reversed(tokens.items()):  # later tokens may sit inside earlier ones
        markdown = markdown.replace(name, value)
    result.markdown = re.sub(r"\n{3,}", "\n\n", markdown).strip() + "\n"
    return result


class _Converter(MarkdownConverter):
    """markdownify, pointing images where `image_url` says and noting each one."""

    def __init__(self, image_url: Callable[[str], str], images: list[str],
                 **options: object) -> None:
        super().__init__(**options)
        self._image_url = image_url
        self._images = images

    def convert_img(self, el: Tag, text: str, parent_tags: set[str]) -> str:
        if el.attrs.get("src"):
            self._images.append(el.attrs["src"])
            el.attrs["src"] = self._image_url(el.attrs["src"])
        return super().convert_img(el, text, parent_tags)


def _figure(inner: str, image_url: Callable[[str], str], result: Converted) -> str:
    """[caption]<img …> Text[/caption] as Material's image with a caption (md_in_html)."""
    root = lxml.html.fragment_fromstring(inner, create_parent="div")
    image = next(root.iter("img"), None)
    if image is None:
        return inner
    src = image.get("src", "")
    result.images.append(src)
    alt = image.get("alt", "")
    for element in list(root.iter("img", "a")):
        if element.tag == "img" or (element.tag == "a" and element.find("img") is not None):
            element.drop_tree()
    text = " ".join(root.text_content().split())
    return (f'<figure markdown="span">\n  ![{alt}]({image_url(src)})\n'
            f"  <figcaption>{escape(text)}</figcaption>\n</figure>")


def _paragraphs(text: str) -> str:
    """WordPress stores paragraphs as blank lines and adds <p> only when showing a post
    (wpautop). No maintained Python port of wpautop exists; this covers what exports hold:
    blank-line paragraphs and single line breaks, block elements left as they are."""
    text = BLOCK_CLOSE.sub(r"\1\n\n", BLOCK_OPEN.sub(r"\n\n\1", text.replace("\r\n", "\n")))
    chunks = re.split(r"\n\s*\n", text.strip())
    return "\n\n".join(
        chunk if BLOCK_START.match(chunk) else "<p>" + chunk.strip().replace("\n", "<br>\n")
        + "</p>"
        for chunk in chunks if chunk.strip()
    )
