"""The first pass of an import: where every item goes, before any file is written.

Knowing every item's new file and address first is what lets the second pass turn links to
old permalinks (even to posts later in the export) into links to the new pages, and lets
clashes be settled here — two items on one address, one media file name, a repeated
`wp:post_id` — instead of one file silently overwriting another.
"""

from __future__ import annotations

import html
import posixpath
import re
from dataclasses import dataclass, field
from datetime import datetime
from urllib.parse import parse_qs, unquote
from zoneinfo import ZoneInfo

from letopis.core.dates import FIRST_YEAR, LAST_YEAR
from letopis.core.slugs import is_valid_slug, post_slug, term_slug, transliterate
from letopis.core.urls import UrlScheme

from .old_site import OldSite, media_path, split
from .reader import BrokenItem, Item, Site, TermRef
from .words import say

NO_DATE = "0000-00-00 00:00:00"
IMPORTED_TYPES = frozenset({"post", "page"})
# Statuses of items that are not content: revisions, autosaves, the bin.
IGNORED_STATUSES = frozenset({"auto-draft", "inherit", "trash"})
# Why an item becomes a draft rather than a public page: keys of the catalogs' words.
DRAFT_REASONS = {"draft": "draft_draft", "pending": "draft_pending", "private": "draft_private"}
PASSWORD_REASON = "draft_password"
# Letopis publishes no post without text (a bare title); the editor decides what it becomes.
EMPTY_REASON = "draft_empty"
# What shows nothing on a page: scripts and styles (removed on import), comments, tags, spaces.
_INVISIBLE = re.compile(r"<(script|style)\b.*?</\1\s*>|<!--.*?-->|<[^>]*>|&nbsp;|&#160;",
                        re.IGNORECASE | re.DOTALL)
_SHOWN_ALONE = re.compile(r"<(?:img|iframe|video|audio|object|embed)\b", re.IGNORECASE)
# Ids and names a link's #fragment can point at, as the converter keeps them.
_ANCHOR = re.compile(r"""<[a-z][^>]*?\s(?:id|name)\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
# An image in a post's HTML (captions hold theirs as <img> too).
_IMAGE = re.compile(r"""<img\b[^>]*?\ssrc\s*=\s*["']([^"']+)["']""", re.IGNORECASE)
# Top-level folders Letopis generates pages in: an old address there would clash.
_FILE = "file:"  # marks an address held by a file already in the content folder
RESERVED = frozenset({"archive", "author", "category", "tag", "journal", "search", "page",
                      "assets", "media", "pagefind"})


@dataclass
class Planned:
    """One post or page to write."""

    key: str  # in the import's state: the post id, "<id>#2" for a repeated id
    label: str
    kind: str  # "post" or "page"
    target: str  # the Markdown file, relative to the content folder
    url: str  # where it will be published, relative to the site
    slug: str | None  # written as `slug:`, when the post has one of its own
    published: datetime
    draft: str | None  # why it is a draft, or None when it is published
    scheduled: bool
    aliases: list[str] = field(default_factory=list)
    anchors: set[str] = field(default_factory=set)
    notes: list[str] = field(default_factory=list)


@dataclass
class Plan:
    # By the item's place in the export (0, 1, …): both passes read the same items in the same
    # order, and lines would not do (an export may be written on one line).
    items: dict[int, Planned] = field(default_factory=dict)
    refused: dict[int, str] = field(default_factory=dict)  # place → why it is not imported
    by_id: dict[str, Planned] = field(default_factory=dict)  # the first item of each id
    by_path: dict[str, Planned] = field(default_factory=dict)  # old address → item
    attachments: dict[str, str] = field(default_factory=dict)  # old page or id → upload URL
    media: dict[str, str] = field(default_factory=dict)  # upload URL → file in content
    terms: dict[tuple[str, str], str] = field(default_factory=dict)  # (taxonomy, slug) → name
    merged_terms: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # about the export as a whole
    query_addresses: int = 0  # published items whose old address was ?p=<id>
    _media_owner: dict[str, str] = field(default_factory=dict)  # file, lower case → file
    _urls: dict[str, str] = field(default_factory=dict)  # new address (decoded) → label

    def term(self, taxonomy: str, term: TermRef, *, existing: bool = False) -> str:
        """The one spelling of a category or tag whose names differ only in case (or in what
        the slug drops): the site's own, else the first seen, so that two spellings never
        clash on one address."""
        key = (taxonomy, term_slug(term.name))
        known = self.terms.setdefault(key, term.name)
        if known != term.name and not existing:
            merged = say("merged_term", name=term.name, kept=known)
            if merged not in self.merged_terms:
                self.merged_terms.append(merged)
        return known

    def media_file(self, url: str) -> str:
        """The content file of an upload. Addresses that differ in scheme, "www." or query
        share a file; two names that differ only in case would overwrite each other on
        Windows and macOS, so the second gets its own."""
        if url in self.media:
            return self.media[url]
        local = media_path(url)
        first = self._media_owner.setdefault(local.lower(), local)
        if first != local:
            stem, extension = posixpath.splitext(local)
            renamed = f"{stem}-{len(self.media) + 1}{extension}"
            self.notes.append(say("media_case_twins", first=first, second=local,
                                  renamed=renamed))
            local = self._media_owner[renamed.lower()] = renamed
        self.media[url] = local
        return local


def moment_of(date_gmt: str, date: str, timezone: ZoneInfo) -> datetime | None:
    """A post's or comment's moment in the site's time zone: from the UTC date, else (drafts
    have none) from the blog's local date, read in the site's zone."""
    for value, utc in ((date_gmt, True), (date, False)):
        if not value or value == NO_DATE:
            continue
        try:
            moment = datetime.fromisoformat(value)
            if utc:
                return moment.replace(tzinfo=ZoneInfo("UTC")).astimezone(timezone)
        except (ValueError, OverflowError):  # not a date; 9999-12-31 23:00 UTC in Moscow
            continue
        return moment.replace(tzinfo=timezone)
    return None


class Planner:
    """Fills a Plan from the items of an export, in order."""

    def __init__(self, site: Site, urls: UrlScheme, timezone: ZoneInfo, posts_dir: str,
                 pages_dir: str, known_files: dict[str, str], existing: set[str]) -> None:
        self.plan = Plan()
        self.old = OldSite(site)
        self._site = site.base_url or site.title
        self._urls = urls
        self._timezone = timezone
        self._posts_dir = posts_dir
        self._pages_dir = pages_dir
        self._known_files = known_files  # state key → file written by an earlier import
        self._taken_files = set(existing)  # files in the content folder
        self._seen_ids: dict[str, int] = {}
        self._declared = site.terms  # read once the site's own posts are known

    def declared_terms(self) -> None:
        """The export's list of categories and tags, after the site's own spellings."""
        for taxonomy, name, nicename in self._declared:
            if name:
                self.plan.term(taxonomy, TermRef(name, nicename))

    def existing_post(self, source: str, url: str, categories: list[str],
                      tags: list[str]) -> None:
        """A post already in the content folder: its address is taken, its spellings of
        categories and tags are the site's."""
        self.plan._urls[unquote(url)] = f"{_FILE}{source}"
        for taxonomy, names in (("category", categories), ("post_tag", tags)):
            for name in names:
                self.plan.term(taxonomy, TermRef(name), existing=True)

    def add(self, place: int, item: Item | BrokenItem) -> Planned | None:
        if isinstance(item, BrokenItem):
            return None
        if item.post_type == "attachment":
            self._attachment(item)
            return None
        if item.post_type not in IMPORTED_TYPES or item.status in IGNORED_STATUSES:
            return None
        register_media(self.plan, self.old, item)
        published = moment_of(item.date_gmt, item.date, self._timezone)
        if published is None:
            self.plan.refused[place] = say("no_date")
            return None
        if not FIRST_YEAR <= published.year <= LAST_YEAR:
            self.plan.refused[place] = say("date_out_of_range", date=f"{published:%Y-%m-%d}",
                                           first=FIRST_YEAR, last=LAST_YEAR)
            return None
        key = self._key(item)
        notes: list[str] = []
        slug = self._slug(item, notes) if item.post_type == "post" else None
        target = self._known_files.get(key) or self._new_file(item, published)
        self._taken_files.add(target)
        if item.post_type == "post":
            slug, url = self._post_url(item, published, slug, target, notes)
        else:
            url = posixpath.splitext(target)[0].removesuffix("/index") + "/"
            self.plan._urls[url] = item.label
        reason = PASSWORD_REASON if item.password else DRAFT_REASONS.get(item.status)
        if reason is None and item.post_type == "post" and is_empty(item.content):
            reason = EMPTY_REASON
        draft = say(reason) if reason else None
        planned = Planned(key, item.label, item.post_type, target, url, slug,
                          published, draft, item.status == "future", notes=notes,
                          anchors=set(_ANCHOR.findall(item.content)))
        if "#" in key:
            planned.notes.append(say("repeated_id", id=item.post_id, file=target))
        self.plan.items[place] = planned
        self.plan.by_id.setdefault(item.post_id, planned)
        self._old_addresses(item, planned)
        for taxonomy, terms in (("category", item.categories), ("post_tag", item.tags)):
            for term in terms:
                self.plan.term(taxonomy, term)
        return planned

    def _key(self, item: Item) -> str:
        """The item's name in the import's state: its id on its blog (two blogs imported into
        one site both have a post 1), "#2" added to an id the export repeats."""
        count = self._seen_ids.get(item.post_id, 0) + 1
        self._seen_ids[item.post_id] = count
        return f"{item.post_id}{'' if count == 1 else f'#{count}'}@{self._site}"

    def _attachment(self, item: Item) -> None:
        if not item.attachment_url:
            return
        url = register_media(self.plan, self.old, item)[0]
        self.plan.attachments[f"id:{item.post_id}"] = url
        if item.link and self.old.owns(item.link):
            self.plan.attachments[self.old.path(item.link)] = url

    def _slug(self, item: Item, notes: list[str]) -> str | None:
        name = unquote(item.name).strip()
        if not name or is_valid_slug(name):
            return name or None
        slug = transliterate(name) or None
        notes.append(say("bad_post_name", name=name, slug=slug) if slug else
                     say("bad_post_name_title", name=name))
        return slug

    def _new_file(self, item: Item, published: datetime) -> str:
        name = transliterate(unquote(item.name)) or transliterate(item.title) or \
            f"{item.post_type}-{item.post_id}"
        folder = (posixpath.join(self._posts_dir, f"{published.year:04d}")
                  if item.post_type == "post" else self._pages_dir)
        path = posixpath.join(folder, f"{name}.md")
        number = 1
        while path in self._taken_files:
            number += 1
            suffix = item.post_id if number == 2 else f"{item.post_id}-{number}"
            path = posixpath.join(folder, f"{name}-{suffix}.md")
        return path

    def _post_url(self, item: Item, published: datetime, slug: str | None, target: str,
                  notes: list[str]) -> tuple[str | None, str]:
        url = self._urls.post(published, slug or post_slug(item.title, target))
        owner = self.plan._urls.get(unquote(url))
        if owner is not None and owner != f"{_FILE}{target}":
            clash = owner.removeprefix(_FILE)
            slug = f"{slug or post_slug(item.title, target)}-{item.post_id}"
            notes.append(say("address_taken", url=unquote(url), owner=clash, slug=slug))
            url = self._urls.post(published, slug)
        self.plan._urls[unquote(url)] = item.label
        return slug, url

    def _old_addresses(self, item: Item, planned: Planned) -> None:
        """Old permalinks that lead here: the item's link, and ?p=<id>."""
        self.plan.by_path.setdefault(f"?p={item.post_id}", planned)
        self.plan.by_path.setdefault(f"?page_id={item.post_id}", planned)
        if not item.link or not self.old.owns(item.link):
            return
        if split(item.link).query:
            if planned.draft is None:
                self.plan.query_addresses += 1
            return
        path = self.old.path(item.link)
        if not path:
            return
        first = self.plan.by_path.setdefault(path, planned)
        if path == unquote(planned.url).strip("/"):
            return
        if first is not planned:
            planned.notes.append(say("old_address_shared", path=path, other=first.label))
        elif path.split("/")[0] in RESERVED:
            planned.notes.append(say("old_address_reserved", path=path))
        else:
            planned.aliases.append(f"/{path}/" if "." not in path.rsplit("/", 1)[-1]
                                   else f"/{path}")

    def finish(self) -> Plan:
        """Drop redirects from an old address that is now another item's new address (known
        only once every item is planned)."""
        if self.plan.query_addresses:
            self.plan.notes.append(say("query_addresses", count=self.plan.query_addresses))
        for planned in self.plan.items.values():
            for alias in list(planned.aliases):
                if alias.strip("/") + "/" in self.plan._urls:
                    planned.aliases.remove(alias)
                    owner = self.plan._urls[alias.strip("/") + "/"].removeprefix(_FILE)
                    planned.notes.append(say("old_address_taken", alias=alias, owner=owner))
        return self.plan


def is_empty(content: str) -> bool:
    """Whether a post's HTML shows nothing once imported (no text, no image or embed)."""
    if _SHOWN_ALONE.search(content):
        return False
    return not html.unescape(_INVISIBLE.sub(" ", content)).strip()


def register_media(plan: Plan, old: OldSite, item: Item) -> list[str]:
    """The uploads of the old site that an item attaches or shows, given their content files
    in the order of the export, so that the download and the import name them alike."""
    if item.post_type == "attachment":
        urls = [old.absolute(item.attachment_url)] if item.attachment_url else []
    elif item.post_type in IMPORTED_TYPES:
        urls = [url for url in (old.absolute(html.unescape(src), item.link)
                                for src in _IMAGE.findall(item.content)) if old.is_upload(url)]
    else:
        urls = []
    for url in urls:
        plan.media_file(url)
    return urls


def old_query_key(url: str) -> str | None:
    """"?p=12" for https://old/?p=12 (and ?page_id=, ?attachment_id=), else None."""
    query = parse_qs(split(url).query)
    for name in ("p", "page_id", "attachment_id"):
        if query.get(name):
            return f"?{name}={query[name][0]}"
    return None
