"""What an import did, for a person (Russian lines) and for a machine (`--report FILE.json`)."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any

# Files the import writes, by what happened to them.
ACTIONS = {"create": "новых", "update": "обновлено", "unchanged": "без изменений",
           "keep": "оставлено (изменены после прошлого импорта; --force перезапишет)"}
REMOVED = {"script": "<script>", "event handler": "обработчики событий (on…)",
           "script URL": "адреса javascript:"}
COMMENTS_LEFT = {"0": "не одобрены", "spam": "спам", "trash": "в корзине",
                 "pingback": "пингбэки", "trackback": "трекбэки", "other": "служебные",
                 "page": "к страницам"}


@dataclass
class ItemReport:
    post_id: str
    title: str
    kind: str  # "post" or "page"
    file: str
    url: str  # on the new site
    old_url: str  # the item's permalink on the old site
    action: str  # a key of ACTIONS
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
    comments_left: Counter[str] = field(default_factory=Counter)  # by a key of COMMENTS_LEFT
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
        files = ", ".join(f"{label} {self.count(action)}" for action, label in ACTIONS.items())
        verb = "было бы" if self.dry_run else ""
        lines = [
            ("Пробный прогон, ничего не записано. " if self.dry_run else "")
            + f"Импорт из WordPress: {self.source.get('title') or 'без названия'}"
            + (f" ({self.source['url']})" if self.source.get("url") else "")
            + (f", WXR {self.source['wxr']}" if self.source.get("wxr") else ""),
            f"  записи: {len(posts)}; страницы: {len(pages)}; из них черновиков {drafts}, "
            f"запланированных {scheduled}",
            f"  файлы{' (' + verb + ')' if verb else ''}: {files}",
            f"  комментарии: перенесено {sum(i.comments for i in self.items)}"
            + (f"; не перенесено {sum(self.comments_left.values())} ("
               + ", ".join(f"{COMMENTS_LEFT[k]} {n}" for k, n in sorted(self.comments_left.items()))
               + ")" if self.comments_left else ""),
            f"  медиафайлы в списке: {self.media}"
            + (f"; изображений всё ещё со старого сайта: {self.media_missing} "
               "(--download-media скачает их)" if self.media_missing else ""),
            f"  пропущено: {len(self.skipped)}",
        ]
        if self.ignored:
            lines.append("  не импортируются (служебные типы WordPress): " + ", ".join(
                f"{kind} ×{count}" for kind, count in sorted(self.ignored.items())))
        if self.removed:
            lines.append("  удалено из HTML как небезопасное: " + ", ".join(
                f"{REMOVED.get(kind, kind)} ×{count}" for kind, count in
                sorted(self.removed.items())))
        if self.shortcodes:
            lines.append("  шорткоды оставлены как текст: " + ", ".join(
                f"[{name}] ×{count}" for name, count in sorted(self.shortcodes.items())))
        if self.merged_terms:
            lines.append("  рубрики и метки, различавшиеся регистром, объединены: "
                         + "; ".join(self.merged_terms))
        if self.new_authors:
            lines.append(f"  новые авторы в реестре: {', '.join(self.new_authors)}")
        attention = self.attention()
        if attention:
            lines.append(f"Требует внимания ({len(attention)}):")
            lines.extend(f"  - {line}" for line in attention)
        return lines

    def attention(self) -> list[str]:
        lines = [f"не импортировано: {line}" for line in self.skipped]
        lines += [f"ошибка: {line}" for line in self.problems]
        lines += self.notes
        for item in self.items:
            lines += [f"{item.file} «{item.title}»: {note}" for note in item.notes]
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
