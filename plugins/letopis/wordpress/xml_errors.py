"""What is wrong with a piece of XML that lxml refused, said in one line of the site's language.

libxml2's messages are English, sometimes two lines long, and for a control character inside
CDATA only "Unregistered error message"; the bytes themselves say more, so the character or
byte at fault is looked for first, and its line given.
"""

from __future__ import annotations

import re

from lxml import etree

from .words import say

_CONTROL = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_CHAR_REF = re.compile(r"invalid xmlChar value (\d+)")
_ENTITY = re.compile(r"Entity '([^']+)' not defined")
_MISMATCH = re.compile(r"Opening and ending tag mismatch: (\S+) line (\d+)")


def describe(exc: etree.XMLSyntaxError, data: bytes = b"",
             encoding: str = "utf-8") -> tuple[str, int | None]:
    """(reason, line within `data` counted from 0, or None to trust lxml's line)."""
    if data:
        found = _bad_bytes(data, encoding)
        if found:
            return found
    message = " ".join((exc.msg or str(exc)).split())
    message = re.sub(r",? line \d+, column \d+$", "", message)
    if match := _CHAR_REF.search(message):
        return say("bad_char_reference", code=f"{int(match.group(1)):04X}"), None
    if match := _ENTITY.search(message):
        return say("undefined_entity", name=match.group(1)), None
    if match := _MISMATCH.search(message):
        # libxml2 names the line the tag was opened on, which is where to look.
        return say("tag_unclosed", name=match.group(1)), max(int(match.group(2)) - 1, 0)
    if "EntityRef: no name" in message or "EntityRef: expecting ';'" in message:
        return say("bare_ampersand"), None
    if "invalid element name" in message:
        return say("bare_less_than"), None
    return say("xml_damaged", message=message), None


def _bad_bytes(data: bytes, encoding: str) -> tuple[str, int] | None:
    if encoding == "utf-8":
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            return (say("bad_byte", byte=f"{data[exc.start]:02X}"),
                    data.count(b"\n", 0, exc.start))
    if match := _CONTROL.search(data):
        return (say("control_character", code=f"{match.group()[0]:04X}"),
                data.count(b"\n", 0, match.start()))
    return None
