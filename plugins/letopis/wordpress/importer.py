"""The import: each WordPress post or page becomes a Markdown file under the content folder.

Two passes over the export: the first plans where every item goes (plan.py), the second
converts and writes, with links to old permalinks pointing at the new files.

Safe and repeatable: the content hash of every file the import writes is recorded in
`<content>/.letopis/wordpress-import.json`. A second run rewrites a file only if the export
changed it and nobody edited it since (or with `force`); a file an editor changed is kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import posixpath
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

import yaml

from letopis.core.content import SourceFile, load_posts
from letopis.core.l10n import Localizer
from letopis.core.posts import PostContext
from letopis.core.problems import Problems
from letopis.core.slugs import transliterate
from letopis.core.source import read_text
from letopis.core.urls import UrlScheme
from letopis.core.yaml_mapping import read_yaml

from .convert import to_markdown
from .old_site import OldSite, readable
from .plan import (
    EMPTY_REASON,
    Plan,
    Planned,
    Planner,
    moment_of,
    old_query_key,
    register_media,
)
from .reader import BrokenItem, Comment, Item, Site, read_export
from .report import ItemReport, Report
from .words import say

STATE = ".letopis/wordpress-import.json"
MANIFEST = ".letopis/wordpress-media.yml"
# Anchors the converted Markdown defines: raw <a id>, attr_list {#id}.
_DEFINED_ANCHOR = re.compile(r"""(?:\sid="([^"]+)"|\{:?\s*#([^\s}]+))""")

__all__ = ["Settings", "import_export", "media_urls"]

Opener = Callable[[Path], contextlib.AbstractContextManager[BinaryIO]]


@dataclass(frozen=True)
class Settings:
    into: Path  # the content folder (docs_dir)
    timezone: ZoneInfo
    urls: UrlScheme
    posts_dir: str = "posts"
    pages_dir: str = "pages"
    authors_file: str = "authors.yml"
    locale: str = "ru"
    dry_run: bool = False
    force: bool = False


@dataclass
class _State:
    """What earlier imports wrote: file → hash, item key (WordPress id) → file."""

    files: dict[str, str] = field(default_factory=dict)
    items: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path) -> _State:
        if not path.is_file():
            return cls()
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(dict(data.get("files", {})), dict(data.get("items", {})))

    def dump(self) -> str:
        return json.dumps({"files": self.files, "items": self.items}, ensure_ascii=False,
                          indent=1, sort_keys=True) + "\n"


def _open(path: Path) -> contextlib.AbstractContextManager[BinaryIO]:
    return path.open("rb")


def import_export(export: Path, settings: Settings, opener: Opener = _open) -> Report:
    """Import every post and page of `export`; the report says what happened."""
    state = _State.load(settings.into / STATE)
    authors = _Authors(settings.into / settings.authors_file)
    site = Site()
    with opener(export) as stream:
        plan = _plan(read_export(stream, site), site, settings, state)
    report = Report(source={"title": site.title, "url": site.base_url,
                            "wxr": site.wxr_version},
                    dry_run=settings.dry_run, notes=plan.notes,
                    merged_terms=plan.merged_terms)
    writer = _Writer(plan, OldSite(site), site, settings, state, authors, report)
    with opener(export) as stream:
        for place, entry in enumerate(read_export(stream, Site())):
            writer.add(place, entry)
    writer.check_anchors()
    report.new_authors = authors.added
    report.media = len(plan.media)
    if not settings.dry_run:
        authors.save()
        _write(settings.into / MANIFEST, yaml.safe_dump(
            dict(sorted(plan.media.items())), allow_unicode=True, width=1000))
        _write(settings.into / STATE, state.dump())
    return report


def media_urls(stream: BinaryIO) -> Iterator[tuple[str, str]]:
    """Every upload of the old site that the export's posts show or attach, with the content
    file the import will point at, for downloading."""
    site = Site()
    plan = Plan()
    old: OldSite | None = None
    for entry in read_export(stream, site):
        old = old or OldSite(site)
        if isinstance(entry, Item):
            for url in register_media(plan, old, entry):
                yield url, plan.media[url]


def _plan(entries: Iterable[Item | BrokenItem], site: Site, settings: Settings,
          state: _State) -> Plan:
    planner: Planner | None = None
    for place, entry in enumerate(entries):
        planner = planner or _planner(site, settings, state)  # the channel is read by now
        planner.add(place, entry)
    return (planner or _planner(site, settings, state)).finish()


def _planner(site: Site, settings: Settings, state: _State) -> Planner:
    """A planner that knows what the content folder already holds: the files (never
    overwritten unless an import wrote them), the posts' addresses (an imported post must not
    land on one) and their categories and tags (spelled as the site already spells them)."""
    files = []
    for folder in (settings.posts_dir, settings.pages_dir):
        root = settings.into / folder
        if root.is_dir():
            files += [path.relative_to(settings.into).as_posix()
                      for path in sorted(root.rglob("*.md"))]
    posts = [SourceFile(path, path, (settings.into / path).read_bytes()) for path in files
             if path.startswith(settings.posts_dir + "/")]
    context = PostContext(settings.timezone, settings.urls, Localizer(settings.locale))
    loaded, _ = load_posts(posts, context)  # a file with mistakes is the editors' to fix
    planner = Planner(site, settings.urls, settings.timezone, settings.posts_dir,
                      settings.pages_dir, state.items, set(files))
    for post in loaded:
        planner.existing_post(post.source, post.url, [t.name for t in post.categories],
                              [t.name for t in post.tags])
    planner.declared_terms()
    return planner


class _Writer:
    """The second pass: converts each planned item and writes its file."""

    def __init__(self, plan: Plan, old: OldSite, site: Site, settings: Settings, state: _State,
                 authors: _Authors, report: Report) -> None:
        self.plan, self.old, self.site, self.settings = plan, old, site, settings
        self.state, self.authors, self.report = state, authors, report
        self.anchors: dict[str, set[str]] = {}  # item key → anchors its Markdown defines
        self.fragment_links: list[tuple[Planned, str, Planned]] = []  # (from, #, to)

    def add(self, place: int, entry: Item | BrokenItem) -> None:
        report = self.report
        if isinstance(entry, BrokenItem):
            report.skipped.append(say("item_at_line", item=entry.label, line=entry.line,
                                      reason=entry.reason))
            return
        if entry.post_type == "attachment":
            return
        if entry.post_type not in {"post", "page"} or entry.status in {"auto-draft", "inherit",
                                                                         "trash"}:
            report.ignored[f"{entry.post_type} ({entry.status})" if entry.status
                           else entry.post_type] += 1
            return
        planned = self.plan.items.get(place)
        if planned is None:
            reason = self.plan.refused.get(place) or say("not_placed")
            report.skipped.append(say("item_at_line", item=entry.label, line=entry.line,
                                      reason=reason))
            return
        self._write_item(entry, planned)

    def _write_item(self, item: Item, planned: Planned) -> None:
        notes = list(planned.notes)
        links = _ItemLinks(self, item, planned, notes)
        converted = to_markdown(item.content, image_url=links.image, link_url=links.link)
        self.anchors[planned.key] = {a or b for a, b in
                                     _DEFINED_ANCHOR.findall(converted.markdown)}
        self.report.shortcodes.update(converted.shortcodes)
        self.report.removed.update(converted.removed)
        notes += [say("not_carried_over", what=what) for what in converted.unconverted]
        if converted.removed:
            notes.append(say("removed_unsafe", kinds=", ".join(
                f"{kind} ×{count}" for kind, count in sorted(converted.removed.items()))))
        if not item.title:
            notes.append(say("untitled_imported", title=say("untitled")))
        if planned.scheduled:
            notes.append(say("scheduled", moment=f"{planned.published:%Y-%m-%d %H:%M}"))
        comments = self._comments(item, planned, notes)
        front = self._front_matter(item, planned, comments)
        header = say("header_post" if item.post_type == "post" else "header_page",
                     id=item.post_id, site=self.site.base_url or self.site.title)
        text = (f"---\n# {header}\n"
                + yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000)
                + "---\n\n" + converted.markdown)
        if item.password or item.status == "private" or planned.draft == say(EMPTY_REASON):
            notes.append(planned.draft or "")
        if planned.kind == "post" and not planned.draft and not converted.markdown.strip():
            self.report.problems.append(say("no_text_left", file=planned.target))
        action = _apply(planned.target, text, planned.key, self.settings, self.state)
        self.report.items.append(ItemReport(
            item.post_id, item.title or say("untitled"), planned.kind, planned.target,
            "/" + unquote(planned.url), item.link, action, planned.draft, planned.scheduled,
            len(comments), notes))

    def _front_matter(self, item: Item, planned: Planned,
                      comments: list[dict[str, Any]]) -> dict[str, Any]:
        front: dict[str, Any] = {"title": item.title or say("untitled")}
        if planned.kind == "post":
            front["date"] = planned.published.strftime("%Y-%m-%d %H:%M")
            if planned.slug:
                front["slug"] = planned.slug
            categories = [self.plan.term("category", t) for t in item.categories]
            tags = [self.plan.term("post_tag", t) for t in item.tags]
            if categories:
                front["categories"] = list(dict.fromkeys(categories))
            if tags:
                front["tags"] = list(dict.fromkeys(tags))
            if item.creator:
                front["authors"] = [self.authors.key(item.creator,
                                                     self.site.authors.get(item.creator))]
            if item.excerpt:
                front["summary"] = " ".join(item.excerpt.split())
        if planned.draft:
            front["draft"] = True
        if planned.aliases:
            front["aliases"] = list(planned.aliases)
        if comments:
            front["comments"] = comments
        return front

    def _comments(self, item: Item, planned: Planned, notes: list[str]) -> list[dict[str, Any]]:
        """Approved comments, in the shape the `comments:` front matter takes; the rest
        counted by why they stay behind."""
        kept: list[tuple[Comment, datetime]] = []
        written: set[str] = set()
        for comment in item.comments:
            left = _comment_left_behind(comment)
            if left is None and planned.kind == "page":
                left = "page"
            if left:
                self.report.comments_left[left] += 1
                continue
            moment = moment_of(comment.date_gmt, comment.date, self.settings.timezone)
            if moment is None or comment.comment_id in written:
                notes.append(say("comment_no_date" if moment is None else "comment_repeated",
                                 id=comment.comment_id))
                continue
            kept.append((comment, moment))
            written.add(comment.comment_id)
        # A reply keeps its parent only when the parent is written too; otherwise it stands
        # on its own rather than pointing nowhere.
        result = []
        for comment, moment in kept:
            text = to_markdown(comment.content,
                               link_url=lambda url: self.old.absolute(url, item.link)).markdown
            entry: dict[str, Any] = {"id": _number(comment.comment_id),
                                     "author": " ".join(comment.author.split())
                                     or say("anonymous"),
                                     "date": moment.strftime("%Y-%m-%d %H:%M")}
            if comment.parent in written:
                entry["parent"] = _number(comment.parent)
            entry["text"] = text.strip() or "…"
            result.append(entry)
        return result

    def check_anchors(self) -> None:
        """A link to another item's #anchor that its Markdown does not define would fail the
        strict build; say so now rather than after the import said all is well."""
        for source, fragment, target in self.fragment_links:
            if fragment not in self.anchors.get(target.key, set()):
                self.report.problems.append(say("anchor_lost", file=source.target,
                                                target=target.target, fragment=fragment))


class _ItemLinks:
    """Where the links and images of one item point on the new site."""

    def __init__(self, writer: _Writer, item: Item, planned: Planned, notes: list[str]) -> None:
        self.writer, self.item, self.planned, self.notes = writer, item, planned, notes
        self.folder = posixpath.dirname(planned.target)

    def image(self, url: str) -> str:
        old = self.writer.old
        if not readable(url):
            return self._unreadable(url)
        absolute = old.absolute(url, self.item.link)
        if not old.owns(absolute):
            return url
        if not old.is_upload(absolute):
            return absolute
        local = self.writer.plan.media_file(absolute)
        if not (self.writer.settings.into / local).is_file():
            self.writer.report.media_missing += 1
            return absolute  # not downloaded (yet): the old address still works
        return posixpath.relpath(local, self.folder)

    def _unreadable(self, address: str) -> str:
        """An address that is none (old_site.split): kept as written, and the editor told."""
        self.notes.append(say("address_brackets" if "[" in address or "]" in address
                              else "address_unreadable", address=address))
        return address

    def link(self, href: str) -> str:
        old, plan = self.writer.old, self.writer.plan
        if not readable(href):
            return self._unreadable(href)
        if href.startswith("#"):
            fragment = unquote(href[1:])
            if not fragment:
                return href
            if fragment in self.planned.anchors:
                self.writer.fragment_links.append((self.planned, fragment, self.planned))
                return href
            self.notes.append(say("link_no_anchor", href=href))
            return old.absolute(href, self.item.link)
        absolute = old.absolute(href, self.item.link)
        if not old.owns(absolute):
            return href
        if old.is_upload(absolute):
            return self.image(absolute)
        parts = urlsplit(absolute)
        path = old.path(absolute)
        key = old_query_key(absolute) if not path else None
        target = plan.by_path.get(key or path)
        if target is None:
            upload = plan.attachments.get(path) or (
                plan.attachments.get("id:" + key.split("=", 1)[1]) if key else None)
            if upload:
                return self.image(upload)
            self.notes.append(say("link_not_exported", href=href))
            return absolute
        if target.draft:
            self.notes.append(say("link_to_draft", href=href, file=target.target))
            return absolute
        relative = posixpath.relpath(target.target, self.folder)
        fragment = unquote(parts.fragment)
        if fragment and fragment in target.anchors:
            self.writer.fragment_links.append((self.planned, fragment, target))
            return f"{relative}#{fragment}"
        if fragment:
            self.notes.append(say("link_anchor_missing", href=href, fragment=fragment,
                                  file=target.target))
        return relative


def _comment_left_behind(comment: Comment) -> str | None:
    """Why a comment is not imported (a key of report.COMMENTS_LEFT), or None."""
    if comment.kind in {"pingback", "trackback"}:
        return comment.kind
    if comment.kind not in {"", "comment"}:
        return "other"
    if comment.approved != "1":
        return comment.approved if comment.approved in {"0", "spam", "trash"} else "0"
    return None


def _number(value: str) -> int | str:
    return int(value) if value.isdigit() else value


def _apply(target: str, text: str, key: str, settings: Settings, state: _State) -> str:
    """Write `target` unless an editor changed it since the last import; the action taken."""
    path = settings.into / target
    state.items[key] = target
    digest = _hash(text)
    if not path.exists():
        action = "create"
    else:
        current = path.read_text(encoding="utf-8")
        if current == text:
            state.files[target] = digest
            return "unchanged"
        if state.files.get(target) != _hash(current) and not settings.force:
            return "keep"
        action = "update"
    if not settings.dry_run:
        _write(path, text)
        state.files[target] = digest
    return action


class _Authors:
    """The authors registry, with authors the export brings added at its end (so the editors'
    own entries, comments and order stay as they are)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.added: list[str] = []
        self._new_lines: list[str] = []
        self._known = self._read_keys()

    def _read_keys(self) -> set[str]:
        if not self.path.is_file():
            return set()
        problems = Problems()
        text = read_text(self.path.read_bytes(), str(self.path), problems)
        data = read_yaml(text, str(self.path), problems, what="the authors registry") \
            if text else None
        if data is None:
            raise ValueError("; ".join(str(p) for p in problems.items))
        return set(data.value)

    def key(self, login: str, name: str | None) -> str:
        key = transliterate(login) or "author"
        if key not in self._known:
            self._known.add(key)
            self.added.append(key)
            self._new_lines.append(yaml.safe_dump({key: name or login}, allow_unicode=True,
                                                  width=1000))
        return key

    def save(self) -> None:
        if not self._new_lines:
            return
        existing = self.path.read_text(encoding="utf-8") if self.path.is_file() else \
            f"# {say('authors_header')}\n"
        if existing and not existing.endswith("\n"):
            existing += "\n"
        _write(self.path, existing + f"# {say('authors_added')}\n" + "".join(self._new_lines))


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _write(path: Path, text: str) -> None:
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return  # a repeated import touches nothing
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)  # never a half-written file
