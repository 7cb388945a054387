"""Reading one Markdown source: bytes → text → front matter (with line numbers) and body."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from typing import Any

from frontmatter.default_handlers import YAMLHandler

from .characters import UNSHOWABLE, char_name
from .messages import say
from .problems import Problems
from .yaml_mapping import YamlData, read_yaml

_HANDLER = YAMLHandler()
_WIDE_BOMS = ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
              (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"))


@dataclass(frozen=True)
class Document:
    """A source file split into front matter (parsed YAML) and Markdown body."""

    path: str  # as shown to editors, e.g. "content/posts/x.md"
    front: YamlData
    body: str
    closing_line: int = 1  # the line of the "---" that closes the front matter

    @property
    def meta(self) -> dict[str, Any]:
        return self.front.value

    def line_of(self, *path: str | int) -> int:
        return self.front.line_of(*path)


def read_document(raw: bytes, path: str, problems: Problems) -> Document | None:
    """Parse a Markdown file with front matter; on failure record why and return None."""
    text = read_text(raw, path, problems)
    if text is None:
        return None
    if not _HANDLER.detect(text):
        problems.error(path, *_no_front_matter(text))
        return None
    try:
        front, body = _HANDLER.split(text)
    except ValueError:
        problems.error(path, 1, say("never_closed"))
        return None
    opening = _HANDLER.FM_BOUNDARY.match(text)
    assert opening is not None  # detect() matched it
    data = read_yaml(front, path, problems, lines_before=text.count("\n", 0, opening.end()))
    if data is None:
        return None
    closing = _HANDLER.FM_BOUNDARY.search(text, opening.end() + 1)
    assert closing is not None  # split() found it
    return Document(path=path, front=data, body=body,
                    closing_line=text.count("\n", 0, closing.start()) + 1)


def _no_front_matter(text: str) -> tuple[int, str]:
    if not text.strip():
        return 1, say("file_empty", rule=say("no_front_matter_rule"))
    blank = re.match(r"\s*\n", text)
    if blank is not None and _HANDLER.FM_BOUNDARY.match(text, blank.end()):
        line = text.count("\n", 0, blank.end()) + 1
        return line, say("front_matter_after_blank")
    return 1, say("no_front_matter", rule=say("no_front_matter_rule"))


def read_text(raw: bytes, path: str, problems: Problems) -> str | None:
    """Decode UTF-8 (a byte-order mark allowed) with Unix line ends, refusing a file that holds
    a character no page or feed can show."""
    for bom, encoding in _WIDE_BOMS:
        if raw.startswith(bom):
            problems.error(path, 1, say("wide_bom", encoding=encoding))
            return None
    try:
        # utf-8-sig drops a byte-order mark that some Windows editors add.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        before = raw[:exc.start]
        line = before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1
        problems.error(path, line, say("not_utf8", byte=f"{raw[exc.start]:02X}",
                                       legacy=_legacy_encoding(raw)))
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if (found := UNSHOWABLE.search(text)) is not None:
        problems.error(path, text.count("\n", 0, found.start()) + 1, _unshowable(text, found))
        return None
    return text


def _legacy_encoding(raw: bytes) -> str:
    """A hint for the usual case here: Russian text saved in Windows' Cyrillic code page."""
    try:
        text = raw.decode("cp1251")
    except UnicodeDecodeError:
        return ""
    beyond_ascii = [char for char in text if not char.isascii()]
    cyrillic = sum("\u0410" <= char <= "\u044f" or char in "Ёё" for char in beyond_ascii)
    return say("seems_cp1251") if cyrillic > len(beyond_ascii) * 0.8 else ""


def _unshowable(text: str, found: re.Match[str]) -> str:
    """The message for the first character no page can show, and where it is on its line."""
    if found.group() == "\0" and text.count("\0") * 4 >= len(text):
        return say("zero_bytes")
    line_start = text.rfind("\n", 0, found.start()) + 1
    before = text[max(line_start, found.start() - 20):found.start()]
    if before.strip():
        where = say("after_text", before=before)
    else:
        where = say("at_line_start") if found.start() == line_start else ""
    message = say("unshowable", char=char_name(found.group()), where=where)
    more = len(UNSHOWABLE.findall(text, found.end()))
    return message + (say("more_further", more=more) if more else "")
