"""Structured blocks inside Markdown: the numbered claims list and the 2×2 priority matrix.

The syntax follows pymdownx.blocks (`/// name | title` … `///`) and keeps a numbered Markdown
list inside, so a block reads as an ordinary list wherever it is not rendered:

    /// claims | Ложь №{n}.
    1. «Нас совершенно устраивает наш нынешний поставщик».

        Как бы клиент ни нахваливал своего нынешнего поставщика, …
    ///

    /// matrix | Optional caption
    rows: Быстро, Долго
    columns: Много, Мало

    1. [Быстро, много] Первая группа заявок: «Быстро, много»

        Это крупный клиент, …
    ///

A claim's first paragraph is the customer's words in quotes, the indented text under it the
answer; `{n}` in the title becomes the claim's number. In a matrix, an item's number is its
priority and the brackets place it: [row value, column value].
"""

from __future__ import annotations

import difflib
import re
import textwrap
from collections.abc import Callable
from dataclasses import dataclass

from .messages import say
from .problems import Problems
from .slugs import transliterate

KINDS = ("claims", "matrix")
_OPENER = re.compile(r"///\s*([\w-]+)\s*(?:\|\s*(.*?))?\s*")
_CLOSER = re.compile(r"///\s*")
_FENCE = re.compile(r"(```|~~~)")
_ITEM = re.compile(r"(\d+)[.)]\s+(.*)")
_PLACE = re.compile(r"\[([^\]]*)\]\s*(.*)")
_HEADER = re.compile(r"(rows|columns)\s*:\s*(.*)")
OPENING_QUOTES = "«“„\"'‘‹"


@dataclass(frozen=True)
class BlockSource:
    """A block as written: its kind, title, inner lines and where it sits in the text."""

    kind: str
    title: str | None
    lines: list[str]  # between the opener and the closer
    start: int  # index of the opener among the text's lines
    end: int  # index of the closer
    line: int  # the opener's line in the file (1-based)


@dataclass(frozen=True)
class Claim:
    number: int
    label: str  # «Ложь №3.»
    quote: str  # Markdown
    answer: str  # Markdown
    anchor: str  # «lozh-3»


@dataclass(frozen=True)
class Claims:
    claims: list[Claim]


@dataclass(frozen=True)
class MatrixGroup:
    priority: int
    name: str  # Markdown, one line
    description: str  # Markdown
    row: int  # 0 or 1
    column: int  # 0 or 1
    line: int  # where its item starts, for messages


@dataclass(frozen=True)
class Matrix:
    title: str | None
    rows: tuple[str, str]
    columns: tuple[str, str]
    groups: list[MatrixGroup]  # in priority order


@dataclass(frozen=True)
class _Item:
    number: int
    head: str  # the first paragraph, joined into one line
    body: str  # the indented text under it, dedented
    line: int


def find_blocks(text: str, first_line: int, path: str, problems: Problems, *,
                other_blocks: bool = False) -> list[BlockSource]:
    """Every claims or matrix block of `text` (whose first line is `first_line` of the file);
    code fences are skipped, an unclosed block is an error.

    An opener of any other name (`/// claim`) would be published as a raw paragraph, so it is
    an error; when the page's Markdown also renders other pymdownx.blocks (`other_blocks`),
    only a name close to one of ours is, the rest being theirs."""
    lines = text.split("\n")
    blocks = []
    fence: str | None = None
    index = 0
    while index < len(lines):
        line = lines[index]
        if (marker := _FENCE.match(line.lstrip())) is not None:
            fence = None if fence == marker.group(1) else fence or marker.group(1)
        opener = _OPENER.fullmatch(line) if fence is None else None
        if opener is None or opener.group(1) not in KINDS:
            if opener is not None:
                _unknown_kind(opener.group(1), first_line + index, path, problems,
                              other_blocks=other_blocks)
            index += 1
            continue
        end = next((i for i in range(index + 1, len(lines)) if _CLOSER.fullmatch(lines[i])),
                   None)
        if end is None:
            problems.error(path, first_line + index,
                           say("block_unclosed", kind=opener.group(1)))
            break
        blocks.append(BlockSource(opener.group(1), opener.group(2) or None,
                                  lines[index + 1:end], index, end, first_line + index))
        index = end + 1
    return blocks


def _unknown_kind(name: str, line: int, path: str, problems: Problems, *,
                  other_blocks: bool) -> None:
    close = difflib.get_close_matches(name.casefold(), KINDS, n=1)
    if other_blocks and not close:
        return
    hint = say("block_did_you_mean", guess=close[0]) if close else ""
    problems.error(path, line, say("block_unknown", name=name, hint=hint,
                                   kinds=", ".join(KINDS[:-1]), last=KINDS[-1]))


def parse_claims(block: BlockSource, path: str, problems: Problems) -> Claims | None:
    before = len(problems.errors)
    pattern = block.title or "{n}."
    if "{n}" not in pattern:
        problems.error(path, block.line, say("claims_title", pattern=pattern))
        return None
    words = transliterate(pattern.replace("{n}", " ")).split("-")
    prefix = words[0] if words and words[0] else "claim"
    items = _items(block, path, problems, what="claim")
    claims = []
    for position, item in enumerate(items, start=1):
        if not item.head.startswith(tuple(OPENING_QUOTES)):
            problems.error(path, item.line, say("claim_no_quote", position=position))
        if not item.body.strip():
            problems.error(path, item.line, say("claim_no_answer", position=position))
        if item.number not in (1, position):  # "1." everywhere is the lazy Markdown way
            problems.warning(path, item.line, say("claim_numbered", position=position,
                                                  number=item.number))
        claims.append(Claim(position, pattern.replace("{n}", str(position)), item.head,
                            item.body, f"{prefix}-{position}"))
    if not items:
        problems.error(path, block.line, say("claims_empty"))
    return Claims(claims) if len(problems.errors) == before else None


def parse_matrix(block: BlockSource, path: str, problems: Problems) -> Matrix | None:
    before = len(problems.errors)
    axes: dict[str, tuple[str, str]] = {}
    for offset, line in enumerate(block.lines):
        if (header := _HEADER.fullmatch(line.strip())) is None:
            continue
        values = tuple(v.strip() for v in header.group(2).split(","))
        if len(values) != 2 or not all(values):
            problems.error(path, block.line + 1 + offset,
                           say("axis_two_values", axis=header.group(1)))
            continue
        axes[header.group(1)] = values  # type: ignore[assignment]
    for axis in ("rows", "columns"):
        if axis not in axes and len(problems.errors) == before:
            problems.error(path, block.line, say("axis_missing", axis=axis))
    items = _items(block, path, problems, what="group")
    if len(problems.errors) > before:
        return None
    rows, columns = axes["rows"], axes["columns"]
    groups = [g for item in items if (g := _group(item, rows, columns, path, problems))]
    if len(items) != 4:
        problems.error(path, block.line, say("matrix_groups", count=len(items)))
    _check_distinct(groups, items, rows, columns, path, problems)
    if len(problems.errors) > before:
        return None
    return Matrix(block.title, rows, columns, sorted(groups, key=lambda g: g.priority))


def _group(item: _Item, rows: tuple[str, str], columns: tuple[str, str], path: str,
           problems: Problems) -> MatrixGroup | None:
    place = _PLACE.fullmatch(item.head)
    if place is None:
        problems.error(path, item.line, say("group_no_cell"))
        return None
    values = [v.strip() for v in place.group(1).split(",")]
    if len(values) != 2:
        problems.error(path, item.line, say("group_cell_shape", cell=place.group(1)))
        return None
    row = _axis_index(values[0], rows, "row", item, path, problems)
    column = _axis_index(values[1], columns, "column", item, path, problems)
    if not place.group(2).strip():
        problems.error(path, item.line, say("group_no_name"))
    if not item.body.strip():
        problems.error(path, item.line, say("group_no_description"))
    if not 1 <= item.number <= 4:
        problems.error(path, item.line, say("priority_range", number=item.number))
    if row is None or column is None or not place.group(2).strip() or not item.body.strip():
        return None
    return MatrixGroup(item.number, place.group(2).strip(), item.body, row, column, item.line)


def _axis_index(value: str, axis: tuple[str, str], name: str, item: _Item, path: str,
                problems: Problems) -> int | None:
    folded = [v.casefold() for v in axis]
    if value.casefold() in folded:
        return folded.index(value.casefold())
    problems.error(path, item.line, say(f"unknown_{name}", value=value, values=", ".join(axis)))
    return None


def _check_distinct(groups: list[MatrixGroup], items: list[_Item], rows: tuple[str, str],
                    columns: tuple[str, str], path: str, problems: Problems) -> None:
    """Each priority once, each cell once."""
    first_with: dict[int, _Item] = {}
    for item in items:
        if item.number in first_with:
            problems.error(path, item.line, say("priority_twice", number=item.number,
                                                line=first_with[item.number].line))
        first_with.setdefault(item.number, item)
    cells: dict[tuple[int, int], MatrixGroup] = {}
    for group in groups:
        cell = (group.row, group.column)
        if cell in cells:
            problems.error(path, group.line,
                           say("cell_twice", row=rows[group.row], column=columns[group.column],
                               priority=cells[cell].priority))
        cells.setdefault(cell, group)


def _items(block: BlockSource, path: str, problems: Problems, *, what: str) -> list[_Item]:
    """The numbered items of a block. Header lines (`rows:` …) may come before the first."""
    groups: list[tuple[int, list[str]]] = []  # (offset of the item's first line, its lines)
    for offset, line in enumerate(block.lines):
        if _ITEM.fullmatch(line) is not None:
            groups.append((offset, [line]))
        elif groups:
            groups[-1][1].append(line)
        elif line.strip() and not _HEADER.fullmatch(line.strip()):
            problems.error(path, block.line + 1 + offset,
                           say(f"outside_{what}"))
    return [_item(lines, block.line + 1 + offset) for offset, lines in groups]


def _item(lines: list[str], line: int) -> _Item:
    """Head: the first paragraph (up to a blank line); body: the rest, dedented."""
    first = _ITEM.fullmatch(lines[0])
    assert first is not None
    rest = lines[1:]
    blank = next((i for i, text in enumerate(rest) if not text.strip()), len(rest))
    head = " ".join([first.group(2).strip(), *(text.strip() for text in rest[:blank])])
    body = textwrap.dedent("\n".join(rest[blank:])).strip()
    return _Item(int(first.group(1)), head, body, line)


def replace_blocks(text: str, render: Callable[[BlockSource], str | None]) -> str:
    """`text` with each block replaced by `render(block)`; a block it returns None for is
    left as written (its problems were reported when the content was checked)."""
    blocks = find_blocks(text, 1, "", Problems())
    if not blocks:
        return text
    lines = text.split("\n")
    out: list[str] = []
    position = 0
    for block in blocks:
        out.extend(lines[position:block.start])
        rendered = render(block)
        out.extend(lines[block.start:block.end + 1] if rendered is None else [rendered])
        position = block.end + 1
    out.extend(lines[position:])
    return "\n".join(out)
