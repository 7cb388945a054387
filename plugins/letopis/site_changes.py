"""What a pull request changes on the site: two built sites compared page by page, and the
build's warnings, as a Markdown job summary in the site's language (Russian by default).

The publishing workflow builds the pull request and its base with the same code, then runs
`python -m letopis.site_changes BASE_SITE HEAD_SITE --log build.log >> $GITHUB_STEP_SUMMARY`.

Built sites are compared rather than content files because the address of a post is decided by
the build (slug, date, time zone, URL format), and the same comparison also catches a change of
configuration. A page is compared by its own content only — the `<article>` of the page, without
its navigation (neighbours, pagination): adding a post changes the calendar, the sidebar and the
neighbours' links of many pages, and listing all of them would hide the one that matters.
Pages that list other pages (home, archives, categories, tags) are counted, not listed.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from lxml import etree, html

from letopis.core.l10n import Localizer


class Kind(Enum):
    POST = "posts"
    PAGE = "pages"
    LISTING = "listings"


@dataclass(frozen=True)
class BuiltPage:
    """What the comparison keeps of one built page."""

    address: str  # site-relative, "/2014/05/slug/"
    title: str  # the page's <h1>, else its <title>
    kind: Kind
    digest: str  # of the page's own content


@dataclass(frozen=True)
class Change:
    action: str  # "added", "changed", "removed"
    page: BuiltPage


# A listing shows other pages; its content changes whenever they do (see the module docstring):
# the home page and the archives, the years × months grid, the authors and each author's works
# (theme/letopis/listing.html, archive-grid.html, authors.html, author.html).
_LISTING_CLASSES = ("letopis-listing", "letopis-archive-grid", "letopis-authors",
                    "letopis-author__works")
# The page's own content in Material's layout.
_CONTENT = "//article[contains(concat(' ', normalize-space(@class), ' '), ' md-content__inner ')]"


def read_site(site: Path | None) -> dict[str, BuiltPage]:
    """Every content page of the built site at `site`, by address; {} when there is none (the
    base of a pull request that could not be built)."""
    if site is None or not site.is_dir():
        return {}
    pages = {}
    for path in sorted(site.rglob("index.html")):  # pages; 404.html is not content
        page = _read_page(site, path)
        if page is not None:
            pages[page.address] = page
    return pages


def _read_page(site: Path, path: Path) -> BuiltPage | None:
    tree = html.parse(str(path))
    if tree.xpath("//meta[translate(@http-equiv, 'REFSH', 'refsh') = 'refresh']"):
        return None  # an old address's redirect, not a page
    content = tree.xpath(_CONTENT)
    if not content:
        return None  # a page outside the theme's layout
    article = content[0]
    for nav in article.xpath(".//nav"):
        nav.getparent().remove(nav)
    relative = path.relative_to(site).as_posix()
    address = "/" + relative.removesuffix("index.html")
    heading = article.xpath("string(.//h1)").strip() or tree.findtext(".//title", "").strip()
    classes = " ".join(article.xpath(".//@class")).split()
    if "letopis-post" in classes:  # theme/letopis/post.html
        kind = Kind.POST
    elif any(name in classes for name in _LISTING_CLASSES):
        kind = Kind.LISTING
    else:
        kind = Kind.PAGE
    digest = hashlib.sha256(etree.tostring(article, encoding="utf-8", method="html")).hexdigest()
    return BuiltPage(address, " ".join(heading.split()), kind, digest)


def compare(before: dict[str, BuiltPage], after: dict[str, BuiltPage]) -> list[Change]:
    """Pages added, changed and removed, in address order."""
    changes = []
    for address in sorted(before.keys() | after.keys()):
        old, new = before.get(address), after.get(address)
        if old is None and new is not None:
            changes.append(Change("added", new))
        elif new is None and old is not None:
            changes.append(Change("removed", old))
        elif old is not None and new is not None and old.digest != new.digest:
            changes.append(Change("changed", new))
    return changes


_LOG_LINE = re.compile(r"^(WARNING|ERROR)\s+-\s+(.*\S)")


def warnings_in(logs: Iterable[str]) -> list[tuple[str, str]]:
    """(level, message) of every WARNING and ERROR line of MkDocs' build logs, in order."""
    found = []
    for text in logs:
        for line in text.splitlines():
            if match := _LOG_LINE.match(line.strip()):
                found.append((match.group(1), match.group(2)))
    return found


# Markdown has no escaping function in the libraries Letopis uses (Python-Markdown renders, it
# does not escape), so it is done by hand: an editor's title is text in the summary, never
# markup. Backslash escapes only for the characters both CommonMark (GitHub) and
# Python-Markdown accept escaped; HTML's own characters and GFM's "~" become references.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!])")
_REFERENCES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "~": "&#126;"})


def _text(value: str) -> str:
    return _MARKDOWN_SPECIAL.sub(r"\\\1", value).translate(_REFERENCES)


def summary(changes: Sequence[Change], warnings: Sequence[tuple[str, str]], *,
            base_built: bool, head_built: bool = True, language: str = "ru") -> str:
    """The job summary in Markdown."""
    words = Localizer(language).catalog["changes"]
    lines = [f"## {words['title']}", ""]
    if not head_built:
        lines += [words["no_head"], ""]
    elif not base_built:
        lines += [words["no_base"], ""]
    if warnings:
        lines += [words["warnings"].format(number=len(warnings)), ""]
        lines += [f"- {words[level.lower()]}: {_text(message)}" for level, message in warnings]
        lines.append("")
    else:
        lines += [words["no_warnings"], ""]
    if not head_built:
        changes = []
    elif not changes:
        lines += [words["nothing"], ""]
    for kind in (Kind.POST, Kind.PAGE):
        mine = [change for change in changes if change.page.kind is kind]
        if mine:
            lines += [f"### {words[kind.value]}", ""]
            lines += [f"- {words[change.action]}: `{change.page.address}` — "
                      f"{_text(change.page.title)}" for change in mine]
            lines.append("")
    listings = [change.page.address for change in changes if change.page.kind is Kind.LISTING]
    if listings:
        lines += [f"### {words['listings']}", "",
                  words["listings_changed"].format(number=len(listings),
                                                   addresses=", ".join(f"`{a}`" for a in listings)),
                  ""]
    return "\n".join(lines).rstrip() + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m letopis.site_changes",
        description="A pull request's changes to the built site, as a Markdown job summary.")
    parser.add_argument("before", type=Path, help="the base's built site (may be missing)")
    parser.add_argument("after", type=Path, help="the pull request's built site")
    parser.add_argument("--log", type=Path, action="append", default=[],
                        help="a build log whose warnings to list (repeatable; may be missing)")
    parser.add_argument("--language", default="ru", help="ru (default) or en")
    args = parser.parse_args(argv)
    logs = [path.read_text(encoding="utf-8", errors="replace") for path in args.log
            if path.is_file()]
    before, after = read_site(args.before), read_site(args.after)
    sys.stdout.write(summary(compare(before, after), warnings_in(logs), base_built=bool(before),
                             head_built=bool(after), language=args.language))
    return 0


if __name__ == "__main__":
    sys.exit(main())
