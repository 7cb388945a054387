"""What is wrong with a piece of XML that lxml refused, said in one line of Russian.

libxml2's messages are English, sometimes two lines long, and for a control character inside
CDATA only "Unregistered error message"; the bytes themselves say more, so the character or
byte at fault is looked for first, and its line given.
"""

from __future__ import annotations

import re

from lxml import etree

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
        return (f"ссылка на символ U+{int(match.group(1)):04X}, которого в XML быть не может "
                "(&#…; с недопустимым кодом)", None)
    if match := _ENTITY.search(message):
        return (f"сущность &{match.group(1)}; не определена в XML (это имя из HTML; "
                f"в экспорте должна стоять сама буква или &#…;)", None)
    if match := _MISMATCH.search(message):
        # libxml2 names the line the tag was opened on, which is where to look.
        return f"тег <{match.group(1)}> не закрыт", max(int(match.group(2)) - 1, 0)
    if "EntityRef: no name" in message or "EntityRef: expecting ';'" in message:
        return "символ & не экранирован (должно быть &amp;)", None
    if "invalid element name" in message:
        return "символ < не экранирован (должно быть &lt;)", None
    return f"XML повреждён ({message})", None


def _bad_bytes(data: bytes, encoding: str) -> tuple[str, int] | None:
    if encoding == "utf-8":
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            return (f"байт 0x{data[exc.start]:02X} не является частью текста в UTF-8 "
                    "(файл повреждён или в другой кодировке)", data.count(b"\n", 0, exc.start))
    if match := _CONTROL.search(data):
        return (f"управляющий символ U+{match.group()[0]:04X}, которого в XML быть не может",
                data.count(b"\n", 0, match.start()))
    return None
