"""`letopis/archive`: posts at their permalinks, and the generated home, period, category and tag
listings. Loads and validates all posts once per build; templates get precomputed objects."""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from functools import partial
from pathlib import Path
from typing import Any, Literal
from urllib.parse import unquote, urljoin

from jinja2 import Environment, Template
from markupsafe import Markup
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from letopis.core.archive import ArchiveIndex, ListingPage, build_archive
from letopis.core.authors import Author, author_refs, check_author_refs, load_authors
from letopis.core.build_cache import digest, fingerprint
from letopis.core.build_record import DUE_ENV, write_due
from letopis.core.content import SourceFile, load_posts
from letopis.core.dates import DateError, site_timezone
from letopis.core.fields import Fields
from letopis.core.l10n import LocaleError, Localizer, theme_language_problem
from letopis.core.messages import say, set_language
from letopis.core.posts import Post, PostContext
from letopis.core.problems import Problems
from letopis.core.schedule import Schedule, schedule
from letopis.core.source import read_document
from letopis.core.structured_data import blog_posting
from letopis.core.summary import summary_from_html
from letopis.core.urls import UrlFormatError, UrlScheme

from .comment_views import CommentRenderer, PostComments
from .last_good import LastGoodSite
from .link_addresses import UnreadableAddresses
from .memory import pack, release_html, release_source, unpack
from .options import Count
from .parallel import in_parent
from .preview import Preview, file_stamp
from .preview_watch import watch_natively
from .render_cache import recording
from .reporting import report

log = get_plugin_logger("letopis")


class ArchiveConfig(base.Config):
    # Where posts live, relative to docs_dir.
    posts_dir = c.Type(str, default="posts")
    # Permalinks: {year}, {month}, {day} (zero-padded) and {slug}.
    post_url_format = c.Type(str, default="{year}/{month}/{slug}/")
    # The calendar's time zone: dates with an offset are converted to it.
    timezone = c.Type(str, default="Europe/Moscow")
    # Language of dates and interface strings (Babel locale with a Letopis catalog).
    locale = c.Type(str, default="ru")
    # Posts per listing page; further pages live at …/page/2/.
    page_size = Count(default=10)
    # Posts per page of the year, month, day, category and tag archives (default: page_size).
    archive_page_size = c.Optional(Count())
    # Show posts dated in the future in `mkdocs serve` (a build never publishes them before
    # their date; the first build after it does).
    future = c.Type(bool, default=False)
    # The authors registry, relative to docs_dir (read, never published).
    authors_file = c.Type(str, default="authors.yml")
    # Templates under the theme's custom_dir.
    post_template = c.Type(str, default="letopis/post.html")
    listing_template = c.Type(str, default="letopis/listing.html")
    entry_template = c.Type(str, default="letopis/partials/entry.html")


@dataclass(frozen=True)
class PageData:
    """What a template finds in `letopis`: interface strings and this page's post or listing,
    and `entry(post)`, a post as listings show it."""

    ui: dict[str, str]
    preview: bool
    authors: dict[str, Author]
    post: Post | None = None
    older: Post | None = None
    newer: Post | None = None
    comments: PostComments | None = None  # on a post with comments (comment_views.py)
    listing: ListingPage | None = None
    entry: Callable[[Post], Markup] | None = None
    # For a page outside the nav: what its navigation depends on (see theme/main.html).
    nav_key: tuple | None = None


class ArchivePlugin(BasePlugin[ArchiveConfig]):
    def __init__(self) -> None:
        self.preview = False
        self.index: ArchiveIndex | None = None
        self.context: PostContext | None = None  # from on_config: time zone, URLs, locale
        self.authors: dict[str, Author] = {}
        self.authors_path = ""  # the registry as editors know it, e.g. content/authors.yml
        # Problems of this build, from every Letopis plugin; reported together, see _stop.
        self.problems = Problems()
        self.all_posts: list[Post] = []
        self._incremental: Preview | None = None
        self._last_good: LastGoodSite | None = None
        self.posts: dict[str, Post] = {}  # by src_uri: never look pages up by title
        self._unreadable = UnreadableAddresses()  # in every page's conversion (on_config)
        self._entry_template: Template | None = None
        self._entries: dict[tuple[str, str], bytes] = {}  # (post, root) → its entry, packed
        self._once: dict[tuple, Markup] = {}  # see _render_once
        self._comments: CommentRenderer | None = None  # from on_env, once per build
        self._nav_urls: tuple[str, ...] = ()
        self._nav_pages: set[str] = set()
        self._nav_shared = False
        self.listings: dict[str, ListingPage] = {}  # by src_uri
        # `letopis build` with the render cache: what each page declared it shows from
        # elsewhere (`depends`), part of its key; and the digest of each post's source.
        self.declared: dict[str, list[tuple]] | None = None
        self._sources: dict[str, str] = {}

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # Drafts are previewed by `mkdocs serve` and never published.
        self.preview = command == "serve"
        # `mkdocs serve --dirty` (make serve): rebuilds re-render only what changed.
        self._incremental = Preview() if self.preview and dirty else None
        # A content error in a preview leaves the last good build served.
        self._last_good = LastGoodSite(dirty=dirty) if self.preview else None
        self.declared = {} if recording() and not self.preview else None

    @property
    def keeping_last_good(self) -> bool:
        """This preview rebuild had content errors: it writes nothing that is served."""
        return self._last_good is not None and self._last_good.keeping

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        if self._last_good is not None:
            self._last_good.before_build(config)

    @event_priority(-100)  # after every plugin's own on_post_build
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self._last_good is not None:
            self._last_good.after_build()

    def on_build_error(self, *, error: Exception) -> None:
        if self._last_good is not None:
            self._last_good.failed()

    def on_serve(self, server: Any, *, config: MkDocsConfig, builder: Any) -> Any:
        watch_natively(server)  # a save is seen at once, without walking the docs folder
        return server

    def on_shutdown(self) -> None:
        if self._incremental is not None:
            self._incremental.close()

    def depends(self, src_uri: str, *data: object) -> None:
        """Page `src_uri` shows `data` from elsewhere than its own source: in a fast preview
        it is rendered again when that data changes (see preview.py); in `letopis build` the
        data is part of the page's key in the render cache (render_cache.py). Free otherwise."""
        if self._incremental is not None:
            self._incremental.depends(src_uri, *data)
        elif self.declared is not None:
            self.declared.setdefault(src_uri, []).append(data)

    @property
    def tracking(self) -> bool:
        """Whether `depends` records anything: plugins skip working out what they declare."""
        return self._incremental is not None or self.declared is not None

    def fingerprint(self, *data: object) -> object:
        """`data` in short, for `depends`: Python's `hash` in a preview (one process, and
        fast); in a build a stable digest, the same in the next build's process (hash() of a
        string is not), or a value the render cache refuses if `data` has none."""
        if self._incremental is not None:
            return hash(data)
        try:
            return fingerprint(*data)
        except ValueError:
            return _UNSTABLE

    def on_config(self, config: MkDocsConfig) -> None:
        # The build speaks the site's language (core/messages.py), its first words included.
        set_language(self.config.locale)
        if not config.use_directory_urls:
            raise PluginError(say("folder_urls"))
        _check_template_names(config)
        if self._incremental is not None:
            self._incremental.keep_theme_listing(config)
        try:
            self.context = PostContext(
                timezone=site_timezone(self.config.timezone),
                urls=UrlScheme(self.config.post_url_format),
                localizer=Localizer(self.config.locale),
            )
        except (DateError, LocaleError, UrlFormatError) as exc:
            raise PluginError(f"letopis/archive: {exc}") from None
        if problem := theme_language_problem(self.config.locale, config.theme["language"]):
            raise PluginError(f"letopis/archive: {problem}")
        self._unreadable.shown_as = _docs_dir_as_shown(config)
        config.markdown_extensions.append(self._unreadable)

    def reads(self, level: InclusionLevel) -> bool:
        """Whether this build reads files of `level`: drafts (MkDocs' too) only in preview."""
        return level.is_in_serve() if self.preview else level.is_included()

    def read_pages(self, files: Files) -> list[File]:
        """`files.documentation_pages(inclusion=self.reads)`, made once for each length of
        `files` (plugins only add pages after letopis/archive has loaded them): half a dozen
        events ask for it, and on a large site MkDocs' own filter, which tests each file's level
        through enum properties, costs a fast preview as much as rendering a page each time."""
        key = (len(files), self.preview)
        memo = getattr(files, "_letopis_read_pages", None)
        if memo is None or memo[0] != key:
            levels = frozenset(level for level in InclusionLevel if self.reads(level))
            memo = (key, [f for f in files
                          if f.inclusion in levels and f.is_documentation_page()])
            files._letopis_read_pages = memo  # type: ignore[attr-defined]
        return list(memo[1])

    def source_stamp(self, file: File) -> tuple[int, int] | None:
        """When `file` was last saved (preview.file_stamp), asked of the disk once per rebuild
        in a fast preview."""
        if self._incremental is not None:
            return self._incremental.stamp(file)
        return file_stamp(file.abs_src_path)

    @event_priority(0)
    def _load(self, files: Files, *, config: MkDocsConfig) -> Files:
        assert self.context is not None
        shown_as = _docs_dir_as_shown(config)
        self.problems = Problems()
        files = self._load_authors(files, config, shown_as)
        prefix = self.config.posts_dir.strip("/") + "/"
        post_files = [f for f in self.read_pages(files) if f.src_uri.startswith(prefix)]
        posts, problems = self._read_posts(post_files, shown_as, config)
        self.problems.extend(problems)
        self.all_posts = posts  # drafts too: later checks must not depend on the command
        check_author_refs(
            (ref for p in posts if p.front for ref in author_refs(p.front, p.path, "authors")),
            self.authors, self.authors_path, self.problems,
        )
        now = datetime.now(self.context.timezone)
        self.index, index_problems = build_archive(
            posts, localizer=self.context.localizer, urls=self.context.urls,
            page_size=self.config.page_size, include_drafts=self.preview,
            archive_page_size=self.config.archive_page_size,
            published_by=None if self.preview and self.config.future else now,
        )
        waiting = schedule(posts, now)
        _tell_scheduled(waiting, self.preview)
        if due_file := os.environ.get(DUE_ENV):  # `letopis build` records it (publish.py)
            write_due(Path(due_file), waiting.next_due)
        self.problems.extend(index_problems)
        self.posts = {p.source: p for p in self.index.posts}
        self.listings = {}

        # Every other file keeps its place; a post or listing may not take it.
        drafts = set() if self.preview else self._page_drafts(files, prefix, shown_as)
        left_out = {f.src_uri for f in post_files} | drafts  # once, not once per file
        others = [f for f in files if f.src_uri not in left_out]
        taken = {f.dest_uri: f for f in others}
        home = files.get_file_from_path("index.md")
        placed = [self._post_file(post, config, taken, shown_as, self.problems)
                  for post in self.index.posts]
        placed += self._listing_files(config, taken, home, shown_as, self.problems)
        return Files(others + placed)

    def _page_drafts(self, files: Files, posts_prefix: str, shown_as: str) -> set[str]:
        """Ordinary pages marked `draft: true` (an unpublished WordPress page, say): previewed,
        never published, like draft posts."""
        drafts = set()
        for file in files.documentation_pages():
            if file.src_uri.startswith(posts_prefix) or file.generated_by:
                continue
            raw = file.content_bytes
            # MkDocs reads front matter behind a byte-order mark, and so must this check.
            if not raw.removeprefix(codecs.BOM_UTF8).startswith(b"---") or b"draft" not in raw:
                continue
            doc = read_document(raw, f"{shown_as}/{file.src_uri}", self.problems)
            if doc is not None and Fields(doc.front, doc.path, self.problems).flag("draft"):
                drafts.add(file.src_uri)
        return drafts

    def _read_posts(self, post_files: list[File], shown_as: str,
                    config: MkDocsConfig) -> tuple[list[Post], Problems]:
        """Every post; in a fast preview, unchanged files are not parsed again."""
        cache = self._incremental
        if cache is not None:
            cache.start(config, Path(config.docs_dir, self.config.authors_file))
        reused = [post for f in post_files if cache and (post := cache.cached_post(f))]
        known = {post.source for post in reused}
        fresh = [f for f in post_files if f.src_uri not in known]
        assert self.context is not None
        self._sources = {}
        posts, problems = load_posts(
            (SourceFile(f.src_uri, f"{shown_as}/{f.src_uri}", self._source(f)) for f in fresh),
            self.context,
        )
        if cache is not None:
            by_source = {f.src_uri: f for f in fresh}
            for post in posts:
                cache.remember_post(by_source[post.source], post)
        return reused + posts, problems

    def _source(self, file: File) -> bytes:
        data = file.content_bytes
        if self.declared is not None:
            self._sources[file.src_uri] = digest(data)
        return data

    @event_priority(-100)  # after every Letopis plugin has loaded and checked its content
    def _stop(self, files: Files, *, config: MkDocsConfig) -> Files:
        if report(self.problems, strict=config.strict, preview=self.preview):
            assert self._last_good is not None
            return self._last_good.keep_previous(files, config)
        if self.tracking:
            self._declare_dependencies()
        if self._incremental is not None:
            self._incremental.invalidate(files)
        return files

    def _declare_dependencies(self) -> None:
        """What posts and listings show of other posts, for the fast preview and the render
        cache. A post's content is known by when its file was saved in a preview, and by its
        source's digest in a build: a fresh clone in CI gives every file a new time."""
        assert self.index is not None
        stamp = self._incremental.post_stamp if self._incremental is not None else \
            self._sources.get
        # Hashed once: a post is shown by its neighbours and a dozen listings.
        shown = {post.source: self.fingerprint(post.source, stamp(post.source), post.url,
                                               post.title, post.date_label, post.categories,
                                               post.authors, post.draft)
                 for post in self.index.posts}
        for post in self.index.posts:
            older, newer = self.index.older(post), self.index.newer(post)
            self.depends(post.source, older and shown[older.source],
                         newer and shown[newer.source])
        for src_uri, page in self.listings.items():
            # The listing as a whole too: a theme may show its heading or how many posts it has.
            whole = page.listing
            self.depends(src_uri, page.title, page.number, page.count, page.newer_url,
                         page.older_url, tuple(shown[post.source] for post in page.posts),
                         whole.kind, whole.url, whole.heading, whole.name, len(whole.posts))

    on_files = CombinedEvent(_load, _stop)

    def _load_authors(self, files: Files, config: MkDocsConfig, shown_as: str) -> Files:
        """Read the authors registry and keep it out of the published site."""
        assert self.context is not None
        registry = files.get_file_from_path(self.config.authors_file)
        self.authors_path = f"{shown_as}/{self.config.authors_file}"
        # Author pages exist only with letopis/authors; without it names are not links.
        url_of = self.context.urls.author if "letopis/authors" in config.plugins else _no_url
        self.authors = load_authors(registry.content_bytes if registry else None,
                                    self.authors_path, url_of, self.problems)
        if registry is not None:
            files.remove(registry)
        return files

    def _post_file(self, post: Post, config: MkDocsConfig, taken: dict[str, File],
                   shown_as: str, problems: Problems) -> File:
        def make() -> File:
            # A new File rather than an edited one: MkDocs caches url and abs_dest_path.
            return File(post.source, config.docs_dir, config.site_dir, config.use_directory_urls,
                        dest_uri=post.url_path(),
                        inclusion=InclusionLevel.NOT_IN_NAV)  # the nav stays small

        file = (self._incremental.post_file(post.source, post.url_path(), make)
                if self._incremental is not None else make())
        if (other := taken.get(file.dest_uri)) is not None:
            problems.error(post.path, post.slug_line,
                           say("address_of_post", url=post.url,
                               other=f"{shown_as}/{other.src_uri}"))
        return file

    def _listing_files(self, config: MkDocsConfig, taken: dict[str, File], home: File | None,
                       shown_as: str, problems: Problems) -> list[File]:
        assert self.index is not None
        generated = []
        for page in self.index.pages():
            src_uri = unquote(page.url) + "index.md"
            if home is not None and page.listing is self.index.home and page.number == 1:
                self.listings[home.src_uri] = page  # the editors' index.md introduces the list
                continue
            file = self._incremental.generated(config, src_uri) if self._incremental else \
                File.generated(config, src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
            if (other := taken.get(file.dest_uri)) is not None:
                problems.error(f"{shown_as}/{other.src_uri}", None,
                               say("address_of_listing", url=page.url, title=page.title))
                continue
            self.listings[src_uri] = page
            generated.append(file)
        return generated

    def on_env(self, env: Environment, *, config: MkDocsConfig, files: Files) -> Environment:
        if self._incremental is not None:
            env.bytecode_cache = self._incremental.template_cache
        # MkDocs renders without autoescaping and Material relies on that; Letopis' own
        # templates escape every value they print (page.content is marked safe there).
        previous = env.autoescape
        env.autoescape = lambda name: (name or "").startswith("letopis/") or (
            previous(name) if callable(previous) else previous
        )
        # JSON-LD in readable Cyrillic; `tojson` still escapes <, >, & and ' for HTML.
        env.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
        self._entry_template = env.get_template(self.config.entry_template)
        self._entries = {}
        self._once = {}
        env.globals["letopis_once"] = self._render_once
        assert self.context is not None
        self._comments = CommentRenderer(config, self.context.localizer)
        _escape_page_meta(files)
        if self.index is not None and self.index.posts:
            _date_pages_by_content(files, self.index.posts[0].published)
        return env

    def _render_once(self, key: tuple, render: Callable[[], str]) -> Markup:
        """A template block rendered once per distinct key in a build (theme/main.html)."""
        if key not in self._once:
            self._once[key] = Markup(render())
        return self._once[key]

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        if config.nav is None:
            # MkDocs' own nav names each section after its folder («Archive», «Journal»): a
            # section of one page is shown as that page, under its own (the site's) title.
            nav.items = _one_page_sections_as_pages(nav.items, None)
        self._nav_urls = tuple(page.url for page in nav.pages)
        self._nav_pages = {page.file.src_uri for page in nav.pages}
        # With the contents in the nav (toc.integrate), a page outside the nav gets no
        # page-specific part in it; otherwise its contents are in the same block.
        self._nav_shared = "toc.integrate" in (config.theme.get("features") or [])
        return nav

    def _templates(self, markdown: str, *, page: Page, config: MkDocsConfig,
                   files: Files) -> str:
        src_uri = page.file.src_uri
        if src_uri in self.posts:
            page.meta.setdefault("template", self.config.post_template)
        elif (listing := self.listings.get(src_uri)) is not None:
            page.meta.setdefault("template", self.config.listing_template)
            if page.file.generated_by:
                page.meta["title"] = listing.title
                # Listings repeat their posts: searching them would only add duplicates.
                page.meta.setdefault("search", {"exclude": True})
        return markdown

    @event_priority(-100)  # the last before MkDocs converts the page
    def _arm_address_check(self, markdown: str, *, page: Page, config: MkDocsConfig,
                           files: Files) -> str:
        self._unreadable.page = page  # see link_addresses.py
        return markdown

    on_page_markdown = CombinedEvent(_templates, _arm_address_check)

    @event_priority(100)  # the first once MkDocs has converted the page
    def _disarm_address_check(self, html: str, *, page: Page, config: MkDocsConfig,
                              files: Files) -> str:
        self._unreadable.page = None
        return html

    def _summarize(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        post = self.posts.get(page.file.src_uri)
        if post is not None and not post.summary:  # none given in the front matter
            post.summary = summary_from_html(html)  # once per build, shown by every listing
        return html

    @event_priority(-100)  # after every plugin has seen the page (memory.py)
    def _release_source(self, html: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        release_source(page)
        return html

    on_page_content = CombinedEvent(_disarm_address_check, _summarize, _release_source)

    # `letopis build --jobs`: the parent, which keeps every page, lets go of each once written.
    @in_parent
    @event_priority(-100)  # after every plugin's own on_post_page (memory.py)
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        release_html(page)
        return output

    # `letopis build --jobs`: a post's summary, made in a worker, shown by listings (parallel.py)
    def letopis_page_state(self, src_uri: str) -> str | None:
        post = self.posts.get(src_uri)
        return post.summary if post is not None else None

    def letopis_take_page_state(self, src_uri: str, summary: str) -> None:
        self.posts[src_uri].summary = summary

    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig,
                        nav: object) -> dict:
        assert self.index is not None and self.context is not None
        src_uri = page.file.src_uri
        post = self.posts.get(src_uri)
        if post is not None:
            context["structured_data"] = blog_posting(post, self.authors,
                                                      partial(absolute_url, config),
                                                      config.site_name)
        listing = self.listings.get(src_uri)
        data = PageData(
            ui=self.context.localizer.ui,
            preview=self.preview,
            authors=self.authors,
            post=post,
            older=self.index.older(post) if post else None,
            newer=self.index.newer(post) if post else None,
            comments=self._comments.render(post) if post and self._comments else None,
            listing=listing,
        )
        if listing is not None:
            data = replace(data, entry=partial(self._entry, data, context["base_url"] + "/"))
        if self._nav_shared and src_uri not in self._nav_pages:
            # The navigation's links from this page: pages with equal links share its HTML.
            links = tuple(get_relative_url(url, page.url) for url in self._nav_urls)
            data = replace(data, nav_key=(*links, str(page.meta.get("hide"))))
        context["letopis"] = data
        return context

    def _entry(self, data: PageData, root: str, post: Post) -> Markup:
        """A post as listings show it, rendered once per page depth: a post appears in many
        listings (home, year, month, day, categories, tags), all at a few depths."""
        key = (post.source, root)
        if key not in self._entries:
            assert self._entry_template is not None
            html = self._entry_template.render(post=post, root=root, letopis=data)
            self._entries[key] = pack(html)  # kept compact (memory.py)
            return Markup(html)
        return unpack(self._entries[key])


def _check_template_names(config: MkDocsConfig) -> None:
    """Every template a Letopis plugin is told to use lies under letopis/: only there do
    templates autoescape (on_env), and one elsewhere would print editors' text raw and the
    markup of the templates it extends as text."""
    for plugin_name, plugin in config.plugins.items():
        if not plugin_name.startswith("letopis/"):
            continue
        for option, value in plugin.config.items():
            if (option == "template" or option.endswith("_template")) \
                    and not str(value).startswith("letopis/"):
                raise PluginError(say("template_outside", plugin=plugin_name, option=option,
                                      name=value, example=f"letopis/{value}"))


class _Unstable:
    """Declared data with no stable digest: the render cache does not cache the page."""


_UNSTABLE = _Unstable()


def _tell_scheduled(waiting: Schedule, preview: bool) -> None:
    """Posts dated in the future wait for their date; say so, soonest first with the next due
    moment (core/schedule.py), without failing --strict."""
    if not waiting or waiting.next_due is None:
        return
    posts = waiting.waiting
    names = ", ".join(f"{p.path} ({p.published:%Y-%m-%d %H:%M})" for p in posts[:5])
    more = say("scheduled_more", count=len(posts) - 5) if len(posts) > 5 else ""
    log.info(say("scheduled", count=len(posts), names=names, more=more,
                 hint=say("scheduled_hint") if preview else "")
             + say("scheduled_next", due=f"{waiting.next_due:%Y-%m-%d %H:%M}",
                   zone=waiting.next_due.tzinfo))


# Front-matter values that mkdocs-material prints into HTML as they are (<title>, the meta
# description, the navigation).
_PRINTED_BY_THE_THEME = ("title", "description", "subtitle")


def _escape_page_meta(files: Files) -> None:
    """Make the editors' text in front matter safe wherever the theme prints it.

    MkDocs renders without autoescaping and Material relies on that, so `page.meta.title`
    reaches <title> and the navigation raw. Every page is read by now (on_env comes after the
    last on_page_content), and the navigation of one page prints the titles of others, hence
    one pass here. Markup is a str that templates (ours autoescape) do not escape again.
    """
    for file in files.documentation_pages():
        if file.page is None:
            continue
        meta = file.page.meta
        for key in _PRINTED_BY_THE_THEME:
            value = meta.get(key)
            if isinstance(value, str) and not isinstance(value, Markup):
                meta[key] = Markup.escape(value)


def _date_pages_by_content(files: Files, newest: datetime) -> None:
    """Give pages the date of the newest post instead of the build's. MkDocs stamps the
    gzipped sitemap with the latest `update_date` (the day of the build unless
    SOURCE_DATE_EPOCH is set): two builds of the same content on different days would differ.
    Nothing else in the theme prints update_date; the sitemap's <lastmod> are per page
    (letopis/meta)."""
    day = newest.date().isoformat()
    for file in files.documentation_pages():
        if file.page is not None:
            file.page.update_date = day


def _no_url(key: str) -> None:
    return None


def absolute_url(config: MkDocsConfig, url: str) -> str | None:
    """`url` (site-relative) made absolute with site_url; None when site_url is not set."""
    return urljoin(config.site_url, url) if config.site_url else None


def _docs_dir_as_shown(config: MkDocsConfig) -> str:
    """docs_dir as editors know it: relative to mkdocs.yml, e.g. "content"."""
    project = Path(config.config_file_path or ".").parent
    return Path(os.path.relpath(config.docs_dir, project)).as_posix()


def _one_page_sections_as_pages(items: list[Any], parent: Any) -> list[Any]:
    shown = []
    for item in items:
        if item.is_section:
            item.children = _one_page_sections_as_pages(item.children, item)
            if len(item.children) == 1 and item.children[0].is_page:
                item = item.children[0]
                item.parent = parent
        shown.append(item)
    return shown
