"""The import: each WordPress item becomes a Markdown file under the content folder, safely.

Safe and repeatable: the content hash of every file the import writes is recorded in
`<content>/.letopis/wordpress-import.json`. A second run rewrites a file only if the export
changed it and nobody edited it since (or with `force`); a file an editor changed is kept.
"""

from __future__ import annotations

import hashlib
import json
import posixpath
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

import yaml

from letopis.core.problems import Problems
from letopis.core.slugs import is_valid_slug, post_slug, transliterate
from letopis.core.source import read_text
from letopis.core.urls import UrlScheme
from letopis.core.yaml_mapping import read_yaml

from .convert import to_markdown
from .reader import BrokenExport, Item, Site, read_export

STATE = ".letopis/wordpress-import.json"
MANIFEST = ".letopis/wordpress-media.yml"
MEDIA = "media"
NO_DATE = "0000-00-00 00:00:00"
UNTITLED = "Без названия"


@dataclass(frozen=True)
class Settings:
    into: Path  # the content folder (docs_dir)
    timezone: ZoneInfo
    urls: UrlScheme
    posts_dir: str = "posts"
    pages_dir: str = "pages"
    authors_file: str = "authors.yml"
    dry_run: bool = False
    force: bool = False


@dataclass
class Summary:
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0  # edited since the last import: left alone
    skipped: int = 0  # could not be imported
    actions: list[str] = field(default_factory=list)  # what was (or would be) done, per file
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    shortcodes: Counter[str] = field(default_factory=Counter)
    ignored: Counter[str] = field(default_factory=Counter)  # item types not imported
    media: int = 0  # files in the manifest
    new_authors: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        counts = (f"imported {self.imported}, updated {self.updated}, unchanged "
                  f"{self.unchanged}, kept {self.kept} (edited since the last import; --force "
                  f"overwrites them), skipped {self.skipped}")
        lines = [counts]
        if self.shortcodes:
            kinds = ", ".join(f"[{name}] ×{count}" for name, count in
                              sorted(self.shortcodes.items()))
            lines.append(f"shortcodes kept as written: {sum(self.shortcodes.values())} "
                         f"({kinds})")
        if self.ignored:
            kinds = ", ".join(f"{kind} ×{count}" for kind, count in sorted(self.ignored.items()))
            lines.append(f"not imported: {kinds}")
        if self.new_authors:
            lines.append(f"new authors in the registry: {', '.join(self.new_authors)}")
        lines.append(f"media files in the manifest: {self.media}")
        return lines


@dataclass
class _State:
    """What earlier imports wrote: file → hash, WordPress id → file."""

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


def import_export(stream: BinaryIO, settings: Settings) -> Summary:
    """Import every item of the export in `stream`; returns what happened."""
    summary = Summary()
    state = _State.load(settings.into / STATE)
    authors = _Authors(settings.into / settings.authors_file)
    manifest: dict[str, str] = {}
    site = Site()
    taken = set(state.files)
    for entry in read_export(stream, site):
        if isinstance(entry, BrokenExport):
            summary.skipped += 1
            summary.problems.append(f"the export breaks off at line {entry.line} ({entry.message});"
                                    " the items before it were read")
            break
        _import_item(entry, site, settings, state, authors, manifest, taken, summary)
    summary.new_authors = authors.added
    summary.media = len(manifest)
    if not settings.dry_run:
        authors.save()
        _write(settings.into / MANIFEST, yaml.safe_dump(
            dict(sorted(manifest.items())), allow_unicode=True, width=1000))
        _write(settings.into / STATE, state.dump())
    return summary


def media_urls(stream: BinaryIO) -> Iterable[str]:
    """Every file the export's posts show or attach, for downloading."""
    site = Site()
    for entry in read_export(stream, site):
        if isinstance(entry, BrokenExport):
            return
        if entry.post_type == "attachment" and entry.attachment_url:
            yield entry.attachment_url
        elif entry.post_type in {"post", "page"}:
            yield from (url for url in to_markdown(entry.content).images
                        if _is_upload(url, site))


def media_path(url: str) -> str:
    """Where a WordPress upload lives in the content folder: media/<year>/<month>/<file>."""
    path = unquote(urlsplit(url).path)
    _, found, rest = path.partition("/wp-content/uploads/")
    parts = [part for part in (rest if found else posixpath.basename(path)).split("/")
             if part not in {"", ".", ".."}]
    return posixpath.join(MEDIA, *parts) if parts else posixpath.join(MEDIA, "file")


def _import_item(item: Item, site: Site, settings: Settings, state: _State, authors: _Authors,
                 manifest: dict[str, str], taken: set[str], summary: Summary) -> None:
    if item.post_type == "attachment":
        if item.attachment_url:
            manifest[item.attachment_url] = media_path(item.attachment_url)
        return
    if item.post_type not in {"post", "page"} or item.status in {"auto-draft", "inherit",
                                                                  "trash"}:
        summary.ignored[f"{item.post_type} ({item.status})" if item.status else item.post_type] \
            += 1
        return
    published = _published(item, settings.timezone)
    if published is None:
        summary.skipped += 1
        summary.problems.append(f"{item.label}: no date (wp:post_date_gmt and wp:post_date are "
                                f"empty); not imported (line {item.line} of the export)")
        return
    if not item.title:
        summary.notes.append(f"{item.label}: no title; imported as «{UNTITLED}»")

    def image_url(url: str) -> str:
        if not _is_upload(url, site):
            return url
        local = media_path(url)
        manifest[url] = local
        if not (settings.into / local).is_file():
            return url  # not downloaded (yet): the original address still works
        return posixpath.relpath(local, posixpath.dirname(target))

    target = state.items.get(item.post_id) or _new_path(item, published, settings, taken)
    taken.add(target)
    converted = to_markdown(item.content, image_url=image_url)
    summary.shortcodes.update(converted.shortcodes)
    front = _front_matter(item, published, target, site, settings, authors, summary)
    text = (f"---\n# Imported from WordPress: {item.post_type} {item.post_id} of "
            f"{site.base_url or site.title}.\n"
            + yaml.safe_dump(front, allow_unicode=True, sort_keys=False, width=1000)
            + "---\n\n" + converted.markdown)
    _apply(target, text, item.post_id, settings, state, summary)


def _published(item: Item, timezone: ZoneInfo) -> datetime | None:
    """The post's moment in the site's time zone: from the UTC date, else (drafts have none)
    from the blog's local date, read in the site's zone."""
    for value, utc in ((item.date_gmt, True), (item.date, False)):
        if not value or value == NO_DATE:
            continue
        try:
            moment = datetime.fromisoformat(value)
        except ValueError:
            continue
        if utc:
            return moment.replace(tzinfo=ZoneInfo("UTC")).astimezone(timezone)
        return moment.replace(tzinfo=timezone)
    return None


def _new_path(item: Item, published: datetime, settings: Settings, taken: set[str]) -> str:
    name = transliterate(unquote(item.name)) or transliterate(item.title) or \
        f"{item.post_type}-{item.post_id}"
    folder = (posixpath.join(settings.posts_dir, f"{published.year:04d}")
              if item.post_type == "post" else settings.pages_dir)
    path = posixpath.join(folder, f"{name}.md")
    if path in taken or (settings.into / path).exists():
        path = posixpath.join(folder, f"{name}-{item.post_id}.md")
    return path


def _front_matter(item: Item, published: datetime, target: str, site: Site, settings: Settings,
                  authors: _Authors, summary: Summary) -> dict[str, Any]:
    front: dict[str, Any] = {"title": item.title or UNTITLED}
    slug = unquote(item.name)
    if item.post_type == "post":
        front["date"] = published.strftime("%Y-%m-%d %H:%M")
        if slug and is_valid_slug(slug):
            front["slug"] = slug
        if item.categories:
            front["categories"] = list(item.categories)
        if item.tags:
            front["tags"] = list(item.tags)
        if item.creator:
            front["authors"] = [authors.key(item.creator, site.authors.get(item.creator))]
        if item.excerpt:
            front["summary"] = " ".join(item.excerpt.split())
        new_url = settings.urls.post(published, front.get("slug") or
                                     post_slug(front["title"], target))
    else:
        new_url = posixpath.splitext(target)[0] + "/"
    if item.status != "publish":
        front["draft"] = True
    alias = _old_path(item, site, summary)
    if alias and alias.strip("/") != unquote(new_url).strip("/"):
        front["aliases"] = [alias]
    return front


def _old_path(item: Item, site: Site, summary: Summary) -> str | None:
    """The item's old permalink as a path of the new site, or None when it has none a static
    site can serve (`?p=123`)."""
    if not item.link:
        return None
    link, base = urlsplit(item.link), urlsplit(site.base_url)
    if link.query and link.path.strip("/") == base.path.strip("/"):
        if item.status == "publish":
            summary.notes.append(f"{item.label}: its old address {item.link} has a query, which "
                                 "a static site cannot redirect")
        return None
    path = unquote(link.path)
    prefix = unquote(base.path).rstrip("/")
    if prefix and path.startswith(prefix + "/"):
        path = path[len(prefix):]
    return path if path.strip("/") else None


def _apply(target: str, text: str, post_id: str, settings: Settings, state: _State,
           summary: Summary) -> None:
    path = settings.into / target
    state.items[post_id] = target
    digest = _hash(text)
    if not path.exists():
        action, counter = "create", "imported"
    else:
        current = path.read_text(encoding="utf-8")
        if current == text:
            state.files[target] = digest
            summary.unchanged += 1
            return
        if state.files.get(target) == _hash(current) or settings.force:
            action, counter = "update", "updated"
        else:
            summary.kept += 1
            summary.actions.append(f"keep {target} (edited since the last import)")
            return
    setattr(summary, counter, getattr(summary, counter) + 1)
    verb = f"would {action}" if settings.dry_run else action
    summary.actions.append(f"{verb} {target}")
    if not settings.dry_run:
        _write(path, text)
        state.files[target] = digest


def _is_upload(url: str, site: Site) -> bool:
    """A file of the old site's uploads folder (not an image hosted elsewhere)."""
    host = urlsplit(site.base_url).netloc
    parts = urlsplit(url)
    return "/wp-content/uploads/" in parts.path and (not host or parts.netloc in {"", host})


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
            "# Authors, declared once; posts refer to them by key.\n"
        if existing and not existing.endswith("\n"):
            existing += "\n"
        _write(self.path, existing + "# Added by the WordPress import:\n"
               + "".join(self._new_lines))


def _hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _write(path: Path, text: str) -> None:
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return  # a repeated import touches nothing
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)  # never a half-written file

