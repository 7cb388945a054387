"""Cutting a WordPress export into its channel header and its `<item>` elements, as bytes.

An XML parser stops at the first error, and one bad character in a 500 MB export would lose
every item after it. Items are therefore found by scanning the bytes for `<item>` and `</item>`
outside CDATA sections and comments, and each is parsed on its own (reader.py).

Written by hand: XML libraries offer either strict parsing (stops at the first error) or
"recover" mode (repairs silently, which would import mangled posts without a word).
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import BinaryIO

from .words import say

BLOCK = 1 << 20
_TOKEN = re.compile(rb"<!\[CDATA\[|<!--|<item(?=[\s>/])|</item\s*>|</channel\s*>")
_LONGEST_TOKEN = 16  # a token cut by the end of the buffer is found after the next read
_DECLARATION = re.compile(rb"<\?xml[^>]*?\?>")
_ENCODING = re.compile(rb"""encoding\s*=\s*["']([A-Za-z0-9._-]+)["']""")
_START_TAG = {name: re.compile(rb"<" + name + rb"(?:\s[^>]*)?>") for name in (b"rss", b"channel")}
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
         (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))


class NotWxrError(ValueError):
    """The file is not a WordPress export (or its beginning is unreadable)."""


@dataclass(frozen=True)
class Chunk:
    data: bytes  # from "<item" to "</item>" (or to where the item breaks off)
    line: int  # the line of the export it starts on
    # Where an item without "</item>" ends: "eof" (the export breaks off) or "next" (the
    # next item starts); "" for a complete item.
    cut: str = ""


class ExportScanner:
    """Reads an export once, front to back: first `header()`, then `items()`."""

    def __init__(self, stream: BinaryIO) -> None:
        self._stream = stream
        self._buffer = bytearray()
        self._line = 1  # the line _buffer[0] is on
        self._eof = False
        self.encoding = "utf-8"
        self._declaration_end = 0
        self._header_end = 0
        self._header = b""

    def header(self) -> bytes:
        """The channel up to its first item, closed, as a document lxml can parse alone."""
        self._start()
        token = self._next_token(0)
        end = token[1] if token else len(self._buffer)
        self._header_end = end
        self._header = bytes(self._buffer[self._declaration_end:end])
        if b"<" not in self._header:
            # Empty, or text: said so, rather than what lxml says of the end tags added below.
            raise NotWxrError(say("no_xml_element"))
        return self._declaration() + self._header + b"</channel></rss>"

    def item_wrapper(self) -> tuple[bytes, bytes]:
        """What goes around one item so that it parses with the export's namespaces: the
        <rss> and <channel> start tags, on one line so that lines inside the item stay
        countable."""
        tags = []
        for name, pattern in _START_TAG.items():
            match = pattern.search(self._header)
            if match is None:
                raise NotWxrError(say("no_element", name=name.decode()))
            tags.append(b" ".join(match.group().split()))
        return self._declaration() + b"".join(tags), b"</channel></rss>"

    def items(self) -> Iterator[Chunk]:
        position = self._header_end
        start: int | None = None  # where the open item begins
        start_line = 0
        while (token := self._next_token(position)) is not None:
            kind, at, end = token
            if kind == b"<item":
                if start is not None:  # no "</item>" before the next item
                    yield Chunk(bytes(self._buffer[start:at]), start_line, cut="next")
                start, start_line, position = at, self._line_at(at), end
                continue
            if kind == b"</channel":
                break
            position = end  # "</item"
            if start is not None:
                yield Chunk(bytes(self._buffer[start:end]), start_line)
                start = None
            position = self._forget(position)
        if start is not None:
            yield Chunk(bytes(self._buffer[start:]), start_line, cut="eof")

    # Reading.

    def _start(self) -> None:
        """Skip a byte-order mark and blank lines before the XML declaration; read the
        declared encoding."""
        self._fill(4096)
        head = bytes(self._buffer[:4])
        for bom, name in _BOMS:
            if head.startswith(bom):
                del self._buffer[:len(bom)]
                if name != "utf-8":
                    self._stream = _Transcoded(self._stream, name, bytes(self._buffer))
                    self._buffer.clear()
                    self._fill(4096)
                break
        stripped = len(self._buffer) - len(self._buffer.lstrip())
        self._line += self._buffer[:stripped].count(b"\n")
        del self._buffer[:stripped]
        declaration = _DECLARATION.match(self._buffer)
        if declaration:
            self._declaration_end = declaration.end()
            encoding = _ENCODING.search(declaration.group())
            if encoding and not isinstance(self._stream, _Transcoded):
                self.encoding = _codec(encoding.group(1).decode("ascii"))

    def _declaration(self) -> bytes:
        if self.encoding == "utf-8":
            return b""
        return b'<?xml version="1.0" encoding="' + self.encoding.encode("ascii") + b'"?>'

    def _next_token(self, position: int) -> tuple[bytes, int, int] | None:
        """The next "<item", "</item" or "</channel" at or after `position`, outside CDATA
        sections and comments, as (kind, start, end); None at the end of the file."""
        while True:
            match = _TOKEN.search(self._buffer, position)
            if match is None:
                if self._eof:
                    return None
                position = max(position, len(self._buffer) - _LONGEST_TOKEN)
                self._fill()
                continue
            token = match.group()
            if token in {b"<![CDATA[", b"<!--"}:
                closing = b"]]>" if token == b"<![CDATA[" else b"-->"
                position = self._skip_to(closing, match.end())
                if position < 0:
                    return None
                continue
            kind = token[:6] if token.startswith(b"</item") else \
                token[:5] if token.startswith(b"<item") else b"</channel"
            return kind, match.start(), match.end()

    def _skip_to(self, closing: bytes, position: int) -> int:
        while (found := self._buffer.find(closing, position)) < 0:
            if self._eof:
                return -1
            position = max(position, len(self._buffer) - len(closing))
            self._fill()
        return found + len(closing)

    def _fill(self, size: int = BLOCK) -> None:
        data = self._stream.read(size)
        if not data:
            self._eof = True
        self._buffer += data

    def _line_at(self, index: int) -> int:
        return self._line + self._buffer.count(b"\n", 0, index)

    def _forget(self, position: int) -> int:
        """Drop what was read before `position` (between items nothing is kept)."""
        self._line += self._buffer.count(b"\n", 0, position)
        del self._buffer[:position]
        return 0


class _Transcoded:
    """A UTF-16/32 export read as UTF-8 bytes, so that the scanner sees ASCII markup."""

    def __init__(self, stream: BinaryIO, encoding: str, first: bytes) -> None:
        self._stream = stream
        self._decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
        self._pending = first

    def read(self, size: int) -> bytes:
        data, self._pending = self._pending + self._stream.read(size), b""
        text = self._decoder.decode(data, final=not data)
        return text.encode("utf-8") if text or not data else self.read(size)


def _codec(name: str) -> str:
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        raise NotWxrError(say("unknown_encoding", name=name)) from None
    if codec.startswith(("utf-16", "utf-32")):
        raise NotWxrError(say("wide_without_bom", name=name))
    return "utf-8" if codec == "utf-8" else name
