"""`letopis/calendar`: a month calendar for the sidebar of every page, and the whole-archive
page (years × months). Adapts letopis.core.calendar; needs letopis/archive listed before it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache, partial
from urllib.parse import unquote

from jinja2 import Environment, Template
from markupsafe import Markup
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from letopis.core.calendar import (
    ArchiveCalendar,
    CalendarDay,
    CalendarView,
    MonthCalendar,
    YearRow,
    archive_grid,
)
from letopis.core.messages import say

from .archive import ArchivePlugin, PageData, _docs_dir_as_shown
from .shared import archive_plugin

# Rendered calendars and week rows kept at a time (memory.py). Each day with posts has calendars
# of its own (its posts', its archive's), so keeping every one grew with the site. Pages are
# rendered in date order (posts newest first, then each kind of archive in its order): pages
# that share a calendar come together, and a few dozen recent ones serve them all.
CALENDARS = 32
WEEKS = 128


class CalendarConfig(base.Config):
    # The whole-archive page: every year with posts × twelve months of post counts.
    archive_page = c.Type(bool, default=True)
    archive_url = c.Type(str, default="archive/")
    # Templates under the theme's custom_dir.
    calendar_template = c.Type(str, default="letopis/partials/calendar.html")
    week_template = c.Type(str, default="letopis/partials/calendar-week.html")
    archive_template = c.Type(str, default="letopis/archive-grid.html")


@dataclass(frozen=True)
class ArchiveGrid:
    """What the whole-archive template finds in `archive_grid`."""

    rows: list[YearRow]
    months: list[tuple[str, str, str]]  # (abbreviated, narrow, full) names, January first


class CalendarPlugin(BasePlugin[CalendarConfig]):
    def __init__(self) -> None:
        self.calendar: ArchiveCalendar | None = None
        self._archive: ArchivePlugin | None = None
        self._grid: ArchiveGrid | None = None
        self._grid_src_uri: str | None = None
        self._template: Template | None = None
        self._week_template: Template | None = None
        self._calendars = lru_cache(maxsize=CALENDARS)(self._render_calendar)
        self._weeks = lru_cache(maxsize=WEEKS)(self._render_week)

    def on_config(self, config: MkDocsConfig) -> None:
        self._archive = archive_plugin(config, "letopis/calendar")
        url = self.config.archive_url
        if url.startswith("/") or not url.endswith("/") or ".." in url.split("/"):
            raise PluginError(say("archive_url_form", url=url))

    @event_priority(-50)  # after letopis/archive has built the index
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        archive = self._archive
        assert archive is not None and archive.index is not None and archive.context is not None
        localizer, urls = archive.context.localizer, archive.context.urls
        self.calendar = ArchiveCalendar(archive.index, localizer, urls)
        # A new build may change any month.
        self._calendars = lru_cache(maxsize=CALENDARS)(self._render_calendar)
        self._weeks = lru_cache(maxsize=WEEKS)(self._render_week)
        self._declare_dependencies(archive, files)
        self._grid_src_uri = None
        if self.config.archive_page:
            self._grid = ArchiveGrid(archive_grid(archive.index, localizer, urls),
                                     localizer.months())
            src_uri = unquote(self.config.archive_url) + "index.md"
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(say("archive_url_taken", url=self.config.archive_url,
                                      other=f"{_docs_dir_as_shown(config)}/{src_uri}"))
            # In the nav unless an explicit `nav:` leaves it out: readers browse from there.
            files.append(File.generated(config, src_uri, content="",
                                        inclusion=InclusionLevel.UNDEFINED))
            self._grid_src_uri = src_uri
        return files

    def _declare_dependencies(self, archive: ArchivePlugin, files: Files) -> None:
        """The calendar a page shows, for the fast preview (preview.py) and the render cache
        (render_cache.py): a post's or a listing's own month, and on every other page
        (journal, issues, ordinary pages) the newest month."""
        assert self.calendar is not None
        if not archive.tracking:
            return
        # Hashed once: a month is shown by every page of its month.
        months = {key: archive.fingerprint(_month_data(month))
                  for key, month in self.calendar.months.items()}
        for post in archive.posts.values():
            view = self.calendar.view(post=post)
            if view is not None:
                archive.depends(post.source, view.key, months[view.month.year, view.month.month])
        for src_uri, page in archive.listings.items():
            view = self.calendar.view(listing=page.listing)
            if view is not None:
                archive.depends(src_uri, view.key, months[view.month.year, view.month.month])
        view = self.calendar.view()
        if view is None:
            return
        shown = (view.key, months[view.month.year, view.month.month])
        for file in archive.read_pages(files):
            if file.src_uri not in archive.posts and file.src_uri not in archive.listings:
                archive.depends(file.src_uri, *shown)

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        self._template = env.get_template(self.config.calendar_template)
        self._week_template = env.get_template(self.config.week_template)
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        if page.file.src_uri == self._grid_src_uri:
            assert self._archive is not None and self._archive.context is not None
            page.meta.setdefault("template", self.config.archive_template)
            page.meta.setdefault("title", self._archive.context.localizer.ui["archive"])
            page.meta.setdefault("search", {"exclude": True})  # counts, nothing to find
        return markdown

    @event_priority(-50)  # after letopis/archive has put `letopis` in the context
    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig,
                        nav: object) -> dict:
        assert self.calendar is not None
        data = context.get("letopis")
        if isinstance(data, PageData):
            listing = data.listing.listing if data.listing else None
            view = self.calendar.view(post=data.post, listing=listing)
        else:
            view = self.calendar.view()
        if view is not None:
            context["calendar"] = self._render(view, context["base_url"])
        if page.file.src_uri == self._grid_src_uri:
            context["archive_grid"] = self._grid
        return context

    def on_template_context(self, context: dict, *, template_name: str,
                            config: MkDocsConfig) -> dict:
        # The 404 page shows the newest month: a lost reader's way back into the archive.
        # Its base_url is site_url's path, so the calendar's links work at any depth.
        if template_name == "404.html" and self.calendar is not None:
            view = self.calendar.view()
            if view is not None:
                context["calendar"] = self._render(view, context["base_url"])
        return context

    def _render(self, view: CalendarView, base_url: str) -> Markup:
        """Pages of one month, current day and depth share the same calendar, rendered once
        for all of them while they come (see CALENDARS), so the calendar costs O(1) per page.
        Its week rows are kept apart: calendars of one month differ only in the week of their
        current day. (A view's month compares by identity: the key is cheap to hash.)"""
        return self._calendars(view, base_url)

    def _render_calendar(self, view: CalendarView, base_url: str) -> Markup:
        assert self._template is not None and self._archive is not None
        assert self._archive.context is not None
        root = base_url.rstrip("/") + "/"
        return Markup(self._template.render(
            view=view, root=root, ui=self._archive.context.localizer.ui,
            week=partial(self._week, view, root)))

    def _week(self, view: CalendarView, root: str, number: int) -> Markup:
        cells = view.month.weeks[number]
        current = view.current if any(c and c.day == view.current for c in cells) else None
        return self._weeks(view.month, number, root, current,
                           view.current_kind if current else None)

    def _render_week(self, month: MonthCalendar, number: int, root: str,
                     current: object, current_kind: str | None) -> Markup:
        assert self._week_template is not None
        cells: tuple[CalendarDay | None, ...] = month.weeks[number]
        return Markup(self._week_template.render(
            cells=cells, root=root, current=current, current_kind=current_kind))


def _month_data(month: MonthCalendar) -> tuple:
    """Everything a month's calendar shows, comparable between rebuilds."""
    return (month.caption, month.url, month.previous, month.next,
            tuple((cell.day, cell.url, cell.label) for week in month.weeks for cell in week
                  if cell is not None))
