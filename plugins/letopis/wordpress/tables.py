"""HTML tables in WordPress posts: a Markdown pipe table where one can say the same (one line
per cell, no merged cells, a header and at least one row under it), else the table kept as
cleaned HTML, so that no cell is lost."""

from __future__ import annotations

import re
from collections.abc import Callable

from bs4 import Tag

from .sanitize import clean_table

HEADINGS = ["h1", "h2", "h3", "h4", "h5", "h6"]
# Content a pipe table's one-line cell cannot hold.
CELL_BLOCKS = ["table", "ul", "ol", "dl", "blockquote", "pre", "hr", "figure", *HEADINGS]
TABLE_PARTS = ["table", "thead", "tbody", "tfoot", "tr", "caption", "colgroup", "col"]


def table_cells(table: Tag) -> list[list[Tag]]:
    """The cells of each row of this table (not of tables inside it), rows in source order:
    WordPress editors write <thead> first, and the first row becomes the pipe table's header."""
    rows = [row for row in table.find_all("tr") if row.find_parent("table") is table]
    return [row.find_all(["td", "th"], recursive=False) for row in rows]


def fits_pipe_table(table: Tag, cells: list[list[Tag]]) -> bool:
    return not table.find("caption") and not any(
        _spans(cell, "colspan") or _spans(cell, "rowspan") or cell.find(CELL_BLOCKS)
        or len(cell.find_all("p")) > 1 for row in cells for cell in row)


def _spans(cell: Tag, attribute: str) -> bool:
    return str(cell.get(attribute, "1")).strip() not in {"", "1"}


def pipe_table(rows: list[list[str]]) -> str:
    """Rows of cell Markdown (already one line each, "|" escaped) as a pipe table; short rows
    are filled, since the tables extension drops cells beyond the header's count."""
    rows = [row for row in rows if row]
    if not rows:
        return ""
    width = max(len(row) for row in rows)
    lines = [row + [""] * (width - len(row)) for row in rows]
    lines.insert(1, ["---"] * width)
    return "\n".join("| " + " | ".join(line) + " |" for line in lines)


def table_ids(table: Tag) -> list[str]:
    """Ids of the table and its rows and sections, which a pipe table has no place for."""
    return [str(part["id"]) for part in [table, *table.find_all(TABLE_PARTS)]
            if part.get("id") and (part is table or part.find_parent("table") is table)]


def html_table(table: Tag, *, link: Callable[[str], str], image: Callable[[str], str]) -> str:
    clean_table(table, link=link, image=image)
    for string in table.find_all(string=True):
        if not string.find_parent("pre"):  # no blank line may end the raw HTML block early
            string.replace_with(re.sub(r"\s+", " ", str(string)))
    return str(table)
