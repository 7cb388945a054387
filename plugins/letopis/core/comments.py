"""Read-only comments under a post: the approved comments of the old site, kept in the post's
front matter (`comments:`), validated and threaded once when the post is loaded.

Layout (documented in the editor's guide)::

    comments:
      - id: 7                  # optional, a number or text, unique within the post
        author: Иван Петров    # required
        date: 2014-05-12 11:05 # required, as a post's `date:`
        parent: 5              # optional: the id of the comment this one answers
        text: |                # required, Markdown without HTML (like article abstracts)
          Согласен, но…
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from zoneinfo import ZoneInfo

from babel.dates import format_time, get_datetime_format

from .dates import DATE_SHAPE, DateError, parse_post_date
from .fields import Fields
from .l10n import Localizer
from .messages import say
from .problems import shown
from .slugs import is_valid_slug

COMMENT_KEYS = frozenset({"id", "author", "date", "parent", "text"})
# How deep replies are nested on the page (0 is a comment on the post). Deeper replies are
# shown at this depth in thread order, as WordPress does past its thread depth: a long
# exchange must not push the text off a phone's screen.
MAX_DEPTH = 5


@dataclass(frozen=True)
class Comment:
    """One comment; `replies` are the comments answering it, oldest first."""

    id: str | None  # as written, a number made text: `id: 7` and `id: "7"` are the same
    author: str
    published: datetime  # aware, in the site's time zone
    date_label: str  # «12 мая 2014 г., 11:05»
    text: str  # Markdown
    parent: str | None = None  # the id it answers, as written (even past MAX_DEPTH)
    replies: tuple[Comment, ...] = ()
    depth: int = 0  # as shown: 0 for a comment on the post, at most MAX_DEPTH

    @property
    def anchor(self) -> str | None:
        """Its id on the page, WordPress' own (`#comment-7`), so that old links still land."""
        return f"comment-{self.id}" if self.id is not None and is_valid_slug(self.id) else None


def walk(comments: tuple[Comment, ...]) -> Iterator[Comment]:
    """Every comment in thread order: each reply after its parent, siblings by date."""
    stack = list(reversed(comments))
    while stack:
        comment = stack.pop()
        yield comment
        stack.extend(reversed(comment.replies))


@dataclass(frozen=True)
class _Entry:
    """One entry of the list as read, before threading; `order` is its place in the list,
    `comment` None when the entry has a mistake (its id and parent are still checked)."""

    id: str | None
    parent: str | None
    order: int
    fields: Fields
    comment: Comment | None


def read_comments(fields: Fields, timezone: ZoneInfo,
                  localizer: Localizer) -> tuple[Comment, ...]:
    """The comments under `fields["comments"]`, threaded; every problem is recorded, and
    nothing is returned when there is one (the post is then rejected anyway)."""
    problems = fields.problems
    before = len(problems.errors)
    entries: list[_Entry] = []
    ids: dict[str, int] = {}  # every id written, with its line: a parent may name any
    for order, item in enumerate(fields.items("comments")):
        item.warn_unknown(COMMENT_KEYS)
        comment_id = _id(item, "id", "comment_id_wrong")
        if comment_id is not None:
            if comment_id in ids:
                item.error("id", say("comment_id_twice", id=comment_id, first=ids[comment_id]))
            else:
                ids[comment_id] = item.line("id")
        author = item.text("author", required=True)
        published, label = _date(item, timezone, localizer)
        parent = _id(item, "parent", "comment_parent_wrong")
        text = item.text("text", required=True)
        comment = None if author is None or published is None or text is None else \
            Comment(comment_id, author, published, label, text, parent)
        entries.append(_Entry(comment_id, parent, order, item, comment))
    _check_parents(entries, ids)
    if len(problems.errors) > before:
        return ()
    return _threaded(entries)


def _id(fields: Fields, key: str, wrong: str) -> str | None:
    value = fields.values.get(key)
    if value is None:
        return None
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str) or not value.strip():
        fields.error(key, say("comment_value_wrong", wrong=say(wrong), value=shown(value)))
        return None
    return value.strip()


def _date(fields: Fields, timezone: ZoneInfo,
          localizer: Localizer) -> tuple[datetime | None, str]:
    if not fields.has("date"):
        fields.error("date", say("comment_date_missing"))
        return None, ""
    value = fields.values["date"]
    try:
        published = parse_post_date(value, timezone)
    except DateError as exc:
        fields.error("date", str(exc))
        return None, ""
    day = localizer.post_date(published)
    if DATE_SHAPE.fullmatch(str(value).strip()):
        return published, day  # no time written: none shown (midnight would be made up)
    # Date and time joined as the locale joins them (CLDR: «{1}, {0}» in Russian and English).
    time = format_time(published, "short", locale=localizer.locale)
    return published, get_datetime_format("medium", localizer.locale).format(time, day)


def _check_parents(entries: list[_Entry], ids: dict[str, int]) -> None:
    """A parent must name a comment of this post, and following parents must end at a comment
    on the post itself: a circle of replies has no place on the page."""
    by_id = {e.id: e for e in entries if e.id is not None}
    for entry in entries:
        parent = entry.parent
        if parent is None:
            continue
        if parent == entry.id:
            entry.fields.error("parent", say("comment_own_parent", id=parent))
        elif parent not in ids:
            entry.fields.error("parent", say("comment_unknown_parent", id=parent))
    # Each comment is followed up its parents once: ids known to lead out of any circle are
    # settled, so that a long thread costs no more than its length.
    settled: set[str] = set()
    for entry in entries:  # in the order written: a circle is told at its first comment
        path: list[str] = []
        on_path: dict[str, int] = {}
        current = entry
        while (comment_id := current.id) is not None and comment_id not in settled:
            if comment_id in on_path:
                circle = path[on_path[comment_id]:]
                first = min((by_id[i] for i in circle), key=lambda e: e.order)
                names = " → ".join(_from(first.id, circle))
                first.fields.error("parent", say("comment_circle", names=names))
                break
            parent = current.parent
            if parent is None or parent == comment_id or parent not in by_id:
                break  # on the post, or a mistake already told
            on_path[comment_id] = len(path)
            path.append(comment_id)
            current = by_id[parent]
        settled.update(path)


def _from(start: str | None, circle: list[str]) -> list[str]:
    """The circle of ids, walked along parents from `start` back to it."""
    at = circle.index(start or "")
    return [*circle[at:], *circle[:at], circle[at]]


def _threaded(entries: list[_Entry]) -> tuple[Comment, ...]:
    """Comments on the post by date, each followed by its replies by date (built without
    recursion: a thread may be as long as an editor's file)."""
    complete = [(e, e.comment) for e in entries if e.comment is not None]
    by_id = {e.id: e.order for e, _ in complete if e.id is not None}
    children: dict[int | None, list[tuple[_Entry, Comment]]] = {}
    for entry, comment in complete:
        holder = None if entry.parent is None else by_id[entry.parent]
        children.setdefault(holder, []).append((entry, comment))
    for siblings in children.values():
        siblings.sort(key=lambda pair: (pair[1].published, pair[0].order))

    # In thread order, where each comment is shown: at its depth, or, past MAX_DEPTH, among
    # the replies of its ancestor at MAX_DEPTH - 1.
    placed: list[tuple[int, Comment, int, int | None]] = []  # order, comment, depth, holder
    above: list[int] = []  # the orders of the comments it answers, by depth
    stack = [(e, c, 0) for e, c in reversed(children.get(None, []))]
    while stack:
        entry, comment, depth = stack.pop()
        del above[depth:]
        above.append(entry.order)
        shown = min(depth, MAX_DEPTH)
        placed.append((entry.order, comment, shown, above[shown - 1] if shown else None))
        stack.extend((e, c, depth + 1) for e, c in reversed(children.get(entry.order, [])))
    # Assembled from the last up: every reply is built before the comment that holds it.
    replies: dict[int, list[Comment]] = {}
    top: list[Comment] = []
    for order, comment, shown, holder in reversed(placed):
        node = replace(comment, depth=shown, replies=tuple(reversed(replies.pop(order, []))))
        (top if holder is None else replies.setdefault(holder, [])).append(node)
    return tuple(reversed(top))
