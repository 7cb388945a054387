"""A page's conversion (Markdown → HTML) as data that can travel: from a worker of
`letopis build --jobs N` to the parent (parallel.py), and into the Markdown cache and back out
of it (build_cache.py). Both keep the same part of MkDocs' Page, and the conversion's log.
"""

from __future__ import annotations

import copy
import logging
import traceback
from collections.abc import Iterable
from typing import Any


def converted(page: Any) -> dict[str, Any]:
    """What `Page.render` left on `page`: its HTML, contents, title, and the anchors MkDocs
    validates after the Markdown loop."""
    return {
        "content": page.content,
        "toc": page.toc,
        "title_from_render": page._title_from_render,
        "present_anchor_ids": page.present_anchor_ids,
        # Keyed by the linked file's src_uri: File objects would arrive as copies.
        "links_to_anchors": None if page.links_to_anchors is None else {
            file.src_uri: links for file, links in page.links_to_anchors.items()},
    }


def take_converted(page: Any, state: dict[str, Any], files: Any) -> None:
    """Put a conversion made elsewhere on `page`, as if `Page.render` had just run."""
    page.content = state["content"]
    page.toc = state["toc"]
    page._title_from_render = state["title_from_render"]
    page.present_anchor_ids = state["present_anchor_ids"]
    links = state["links_to_anchors"]
    page.links_to_anchors = None if links is None else {
        files.get_file_from_path(src_uri): anchors for src_uri, anchors in links.items()}


class LogCapture(logging.Handler):
    """Log records kept to be replayed later (`replay`), in a form that can be pickled: the
    message formatted, a traceback as text. The records other handlers see are left alone."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        record = copy.copy(record)
        record.msg, record.args = record.getMessage(), None
        if record.exc_info:
            record.exc_text = "".join(traceback.format_exception(*record.exc_info))
            record.exc_info = None
        self.records.append(record)


def replay(records: Iterable[logging.LogRecord]) -> None:
    """Log `records` again, each through its own logger (so --strict counts the warnings)."""
    for record in records:
        logging.getLogger(record.name).handle(record)
