"""Ordinary pages in an explicit nav (MkDocs' `nav:` format: lists of paths and one-key
mappings): which files the nav already lists, and the section that lists the others."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any, Literal

PageOrder = Literal["title", "file"]


@dataclass(frozen=True)
class NavPage:
    """A page to list: its path under docs_dir, and the title it is sorted by."""

    src_uri: str
    title: str


def listed_paths(nav: Any) -> set[str]:
    """Every path `nav` lists, as it names files under docs_dir ("pages/about.md").

    Normalized as MkDocs looks nav paths up (PurePath: "./" and doubled slashes dropped); a
    leading "/" is read as docs_dir, so such an entry counts as listing its file."""
    return {PurePosixPath(path.lstrip("/")).as_posix() for path in _paths(nav)}


def _paths(item: Any) -> Iterator[str]:
    if isinstance(item, str):
        yield item
    elif isinstance(item, dict):
        for value in item.values():
            yield from _paths(value)
    elif isinstance(item, list):
        for value in item:
            yield from _paths(value)


def title_key(title: str) -> tuple[str, str]:
    """Dictionary order of titles: case ignored, «ё» sorted with «е».

    Written by hand: Babel formats but does not collate, and PyICU needs the ICU C library.
    Code-point order is already the Russian alphabet's (and Latin's) except for «ё», which
    Unicode puts after «я»; the folded title breaks ties so that the order is total."""
    folded = title.casefold()
    return folded.replace("ё", "е"), folded


def ordered(pages: Iterable[NavPage], order: PageOrder) -> list[NavPage]:
    """Pages by title (`title_key`) or by path; the path breaks ties between equal titles."""
    if order == "file":
        return sorted(pages, key=lambda page: page.src_uri)
    return sorted(pages, key=lambda page: (*title_key(page.title), page.src_uri))


def with_section(nav: list[Any], title: str, paths: list[str]) -> list[Any]:
    """`nav` with `paths` in its top-level section `title`: appended to that section if the
    nav has one, else in a new last section. `nav` itself is not changed."""
    if not paths:
        return list(nav)
    result = list(nav)
    for index, item in enumerate(result):
        if isinstance(item, dict) and list(item) == [title] and isinstance(item[title], list):
            result[index] = {title: [*item[title], *paths]}
            return result
    return [*result, {title: list(paths)}]
