"""What an import did, for a person (lines in the site's language) and for a machine
(`--report FILE.json`)."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

from .words import say

# Files the import writes, by what happened to them (their words: "files_<action>").
ACTIONS = ("create", "update", "unchanged", "keep")
# What sanitizing removed, by kind: the key of its words.
REMOVED = {"script": "removed_script", "event handler": "removed_event_handler",
           "script URL": "removed_script_url"}
# Why comments stay behind (their words: "comments_left_<why>").
COMMENTS_LEFT = ("0", "spam", "trash", "pingback", "trackback", "other", "page")


@dataclass
class ItemReport:
    post_id: str
    title: str
    kind: str  # "post" or "page"
    file: str
    url: str  # on the new site
    old_url: str  # the item's permalink on the old site
    action: str  # one of ACTIONS
    draft: str | None = None  # why it is a draft
    scheduled: bool = False
    comments: int = 0
    notes: list[str] = field(default_factory=list)  # what needs a person's attention


@dataclass
class Report:
    source: dict[str, str] = field(default_factory=dict)
    dry_run: bool = False
    items: list[ItemReport] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # items not imported, one line each
    problems: list[str] = field(default_factory=list)  # anything else that must be fixed
    notes: list[str] = field(default_factory=list)  # about the export as a whole
    ignored: Counter[str] = field(default_factory=Counter)  # item types not imported
    comments_left: Counter[str] = field(default_factory=Counter)  # by one of COMMENTS_LEFT
    removed: Counter[str] = field(default_factory=Counter)  # by a key of REMOVED
    shortcodes: Counter[str] = field(default_factory=Counter)
    merged_terms: list[str] = field(default_factory=list)
    new_authors: list[str] = field(default_factory=list)
    media: int = 0  # files in the manifest
    media_missing: int = 0  # images still shown from the old site (not downloaded)

    @property
    def failed(self) -> bool:
        return bool(self.skipped or self.problems)

    def count(self, action: str) -> int:
        return sum(1 for item in self.items if item.action == action)

    def lines(self) -> list[str]:
        """The summary printed at the end: counts, then what needs attention."""
        posts = [i for i in self.items if i.kind == "post"]
        pages = [i for i in self.items if i.kind == "page"]
        drafts = sum(1 for i in self.items if i.draft)
        scheduled = sum(1 for i in self.items if i.scheduled)
        files = ", ".join(say(f"files_{action}", n=self.count(action)) for action in ACTIONS)
        title = say("report_title_dry_run" if self.dry_run else "report_title",
                    title=self.source.get("title") or say("no_title"))
        comments = sum(i.comments for i in self.items)
        left = ", ".join(say(f"comments_left_{why}", n=count)
                         for why, count in sorted(self.comments_left.items()))
        summary = [
            say("report_items", posts=len(posts), pages=len(pages), drafts=drafts,
                scheduled=scheduled),
            say("report_files_dry_run" if self.dry_run else "report_files", files=files),
            say("report_comments_left", imported=comments, left=sum(self.comments_left.values()),
                reasons=left) if left else say("report_comments", imported=comments),
            say("report_media_missing", listed=self.media, missing=self.media_missing)
            if self.media_missing else say("report_media", listed=self.media),
            say("report_skipped", count=len(self.skipped)),
        ]
        if self.ignored:
            summary.append(say("report_ignored", types=", ".join(
                f"{kind} ×{count}" for kind, count in sorted(self.ignored.items()))))
        if self.removed:
            summary.append(say("report_removed", kinds=", ".join(
                f"{say(REMOVED[kind]) if kind in REMOVED else kind} ×{count}"
                for kind, count in sorted(self.removed.items()))))
        if self.shortcodes:
            summary.append(say("report_shortcodes", names=", ".join(
                f"[{name}] ×{count}" for name, count in sorted(self.shortcodes.items()))))
        if self.merged_terms:
            summary.append(say("report_merged", terms="; ".join(self.merged_terms)))
        if self.new_authors:
            summary.append(say("report_new_authors", authors=", ".join(self.new_authors)))
        lines = [title
                 + (f" ({self.source['url']})" if self.source.get("url") else "")
                 + (f", WXR {self.source['wxr']}" if self.source.get("wxr") else ""),
                 *(f"  {line}" for line in summary)]
        attention = self.attention()
        if attention:
            lines.append(say("report_attention", count=len(attention)))
            lines.extend(f"  - {line}" for line in attention)
        return lines

    def attention(self) -> list[str]:
        lines = [say("attention_skipped", line=line) for line in self.skipped]
        lines += [say("attention_problem", line=line) for line in self.problems]
        lines += self.notes
        for item in self.items:
            lines += [say("attention_item", file=item.file, title=item.title, note=note)
                      for note in item.notes]
        return lines

    def as_json(self) -> dict[str, Any]:
        # asdict() would rebuild each Counter from (key, value) pairs, counting the pairs.
        data = {name: dict(value) if isinstance(value, Counter) else value
                for name, value in vars(self).items()}
        data["items"] = [asdict(item) for item in self.items]
        data["counts"] = {
            "posts": sum(1 for i in self.items if i.kind == "post"),
            "pages": sum(1 for i in self.items if i.kind == "page"),
            "drafts": sum(1 for i in self.items if i.draft),
            "scheduled": sum(1 for i in self.items if i.scheduled),
            "comments": sum(i.comments for i in self.items),
            "comments_not_imported": sum(self.comments_left.values()),
            "media": self.media,
            "skipped": len(self.skipped),
            **{f"files_{action}": self.count(action) for action in ACTIONS},
        }
        data["attention"] = self.attention()
        return data
