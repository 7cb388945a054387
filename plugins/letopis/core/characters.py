"""Characters no page or feed can show, and how messages name them."""

from __future__ import annotations

import re

from .messages import say

# What no page or feed can hold: the C0 and C1 control characters but tab and line ends, DEL,
# and the non-characters U+FFFE and U+FFFF (XML forbids most; lxml and feedgen fail on them).
UNSHOWABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff]")


def char_name(char: str) -> str:
    kind = "non_character" if char in "\ufffe\uffff" else "control_character"
    return say(kind, code=f"{ord(char):04X}")
