"""The render cache of `letopis build`: a page whose declared inputs did not change since an
earlier build is not rendered through its template again; its HTML comes from
`.cache/letopis/pages/`.

Installed by `python -m letopis.mkdocs_plugins.parallel` (what `letopis build` runs) beside the
Markdown cache (build_cache.py) when LETOPIS_CACHE names the cache's folder, before the
parallel build takes over MkDocs' page loop, so that its workers use it too; never by
`mkdocs build` or `mkdocs serve`. It replaces one step only: MkDocs' `_build_page` gets,
during the call, a stand-in for the page's template whose `render(context)` looks the output
up by key. Every plugin's on_page_context runs before it and on_post_page after it as always
(they collect what feeds, search and the sitemap need), and MkDocs writes the page.

The key is the digest of everything the output is made from:
- the setting (build_cache.setting_key: mkdocs.yml, versions, Letopis' source), the theme
  (every file under custom_dir, its name) and the authors registry;
- the navigation, once per build (titles, addresses, structure), and the page's place in it
  (previous and next page);
- the template's name; the page: path, address, title, meta, HTML, table of contents;
- what the plugins put in the template's context for this page, written out by a stable
  serializer (core/build_cache.stable): the post and its neighbours, a listing's posts, the
  rendered calendar, breadcrumbs, the page's meta tags…;
- what the page declared it shows from elsewhere (`archive.depends`, recorded in the build as
  in the fast preview): the sidebar's terms, the pages section, a journal issue's title.

Most pages of a build after a small edit show nothing that changed, and making their context
(every plugin's on_page_context) and its key costs more than the rest of their build. So each
page also gets a key *before* its context: the setting, the navigation, the page itself (as
above) and what it declared it shows from elsewhere — the inputs its context is made from, as
the fast preview knows them (preview.py). An entry under that key names the page's key of an
earlier build; when it is there, the page's context is not made at all: its HTML comes from
that key's entry, the plugins' on_post_page run, and it is written. The entry is made only
for a page whose context was keyed in full, so a page that is always rendered stays so, and
only Letopis' own on_page_context hooks may be skipped (each only fills the context): with
another plugin's, no page is taken this way.

Any doubt leaves the page to be rendered: a context value the serializer cannot name surely
(an object without a stable form), a context key no Letopis plugin documents here (author
pages, the archive grid, term indexes and journal pages show data from all over the site and
are always rendered), a theme template that reads a context variable left out of the key
(`pages`, `build_date_utc`), an entry that cannot be read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import fields
from functools import partial
from multiprocessing import get_context
from pathlib import Path
from types import ModuleType
from typing import Any

from jinja2 import TemplateError, meta

from letopis.core.build_cache import (
    Store,
    UnstableError,
    build_started,
    digest,
    files_digest,
    stable,
)
from letopis.mkdocs_plugins import letopis_own

FORMAT = "letopis-pages-1"  # changes when the key's or an entry's layout does
# What MkDocs' get_context gives every page, keyed apart (the navigation, the page) or through
# the setting (config, extra_css/javascript, base_url from the address, the engine's version:
# mkdocs_version, and properdocs_version under ProperDocs).
MKDOCS_CONTEXT = frozenset({"nav", "pages", "base_url", "extra_css", "extra_javascript",
                            "mkdocs_version", "properdocs_version", "build_date_utc", "config",
                            "page"})
# Context variables whose values are plain data about this page, written into the key. A key
# outside both sets (author_page, archive_grid, term_index, journal_page…) means: render.
PAGE_CONTEXT = frozenset({"letopis", "calendar", "feeds", "page_meta", "structured_data",
                          "breadcrumbs", "breadcrumbs_data", "post_issue"})
# Variables of get_context left out of the key: every file's page (a new post would change
# every key) and the time of the build. The theme must not read them for the cache to work.
NOT_KEYED = frozenset({"pages", "build_date_utc"})
# What Letopis' plugins give every template (on_env): from the setting (search, feeds, links,
# counts in words), the sitemap's dates (not a page), blocks rendered once per key (the key
# holds what they show), the sidebar's terms (declared by every page, wayfinding.py), the
# search's bundles (declared by the search page, the one template that shows them: search.py).
KNOWN_GLOBALS = frozenset({"letopis_search", "letopis_site_feeds", "letopis_links",
                           "letopis_posts_count", "letopis_lastmod", "letopis_once",
                           "letopis_terms"})
# The fields of archive.PageData, each either keyed by `_shown` or left out there for a reason:
# a new field must be looked at before a page showing it can be cached.
PAGE_DATA = frozenset({"ui", "preview", "authors", "post", "older", "newer", "comments",
                       "listing", "entry", "nav_key"})

_installed = False


def recording() -> bool:
    """Whether this process builds with the render cache: plugins then record `depends`."""
    return _installed


class _Counts:
    """Pages rendered, taken from the cache, and of those taken without making their context,
    counted across the forked workers too (shared memory made before they fork)."""

    RENDERED, CACHED, UNCHANGED = range(3)

    def __init__(self) -> None:
        self._values = get_context("fork").Array("q", 3)

    def add(self, *counts: int) -> None:
        with self._values.get_lock():
            for count in counts:
                self._values[count] += 1

    @property
    def rendered(self) -> int:
        return int(self._values[self.RENDERED])

    @property
    def cached(self) -> int:
        return int(self._values[self.CACHED])

    @property
    def unchanged(self) -> int:
        return int(self._values[self.UNCHANGED])


class RenderCache:
    def __init__(self, store: Store, build: ModuleType) -> None:
        self.store = store
        self.build = build
        self.build_page = build._build_page
        self.run_build = build.build
        self.counts = _Counts()
        self.started = build_started()
        self._setting: tuple[int, str | None] | None = None  # (id of config, key)
        self._nav: tuple[int, str] | None = None  # (id of nav, its digest)
        self._foreign: tuple[int, bool] | None = None  # (id of config, foreign_context_hooks)

    def install(self) -> None:
        self.build._build_page = self._build_page
        self.build.build = self._build

    def _build(self, config: Any, *args: Any, **kwargs: Any) -> None:
        # The setting's key once, in the parent, before the workers fork (it walks the theme's
        # 14,000 files), with the environment as every plugin's on_env left it: an on_env of
        # our own, run last.
        def on_env(env: Any, *, config: Any, files: Any) -> Any:
            self._setting = (id(config), _setting_key(config, env))
            return env

        config.plugins.events["env"].append(on_env)
        self.run_build(config, *args, **kwargs)
        from mkdocs.plugins import get_plugin_logger

        from letopis.core.messages import say

        get_plugin_logger("letopis").info(say("render_cache_counts",
                                              rendered=self.counts.rendered,
                                              cached=self.counts.cached,
                                              unchanged=self.counts.unchanged))
        # Bounded: the least recently used go first, this build's pages never.
        self.store.prune_if_due(used_since=self.started)

    def _build_page(self, page: Any, config: Any, doc_files: Any, nav: Any, env: Any,
                    dirty: bool = False, excluded: bool = False) -> None:
        build_key = self._build_key(config, nav)
        inputs = None
        if (build_key and not excluded and not (dirty and not page.file.is_modified())
                and not self._foreign_context_hooks(config)):
            inputs = inputs_key(build_key, page, config)
            if inputs is not None and self._unchanged(inputs, page, config):
                return
        get_template = env.get_template

        def cached_template(name: str, *args: Any, **kwargs: Any) -> Any:
            # MkDocs' one call, for the page's template; the templates it extends and
            # includes are Jinja's own business again.
            del env.get_template  # uncovers Jinja's method
            template = get_template(name, *args, **kwargs)
            return _Template(template, self, name, build_key, inputs, config)

        env.get_template = cached_template
        try:
            self.build_page(page, config, doc_files, nav, env, dirty, excluded=excluded)
        finally:
            env.__dict__.pop("get_template", None)  # not asked: a --dirty build's old page

    def _build_key(self, config: Any, nav: Any) -> str | None:
        """What every page's key shares in this build; None: nothing is cached (the setting
        unknown for this configuration: any doubt, render)."""
        setting = self._setting[1] if self._setting and self._setting[0] == id(config) else None
        if self._nav is None or self._nav[0] != id(nav):
            self._nav = (id(nav), _nav_key(nav))
        return digest(FORMAT, setting, self._nav[1]) if setting else None

    def _foreign_context_hooks(self, config: Any) -> bool:
        """foreign_context_hooks, once per build: no page goes without such a hook."""
        if self._foreign is None or self._foreign[0] != id(config):
            self._foreign = (id(config), foreign_context_hooks(config))
        return self._foreign[1]

    def _unchanged(self, inputs: str, page: Any, config: Any) -> bool:
        """Build the page from the entry its inputs name, without its context, if there is
        one (see the module's docstring); whether it was."""
        key = self.store.get(inputs)
        data = self.store.get(key.decode("ascii", "replace")) if key else None
        output = _decoded(data)
        if output is None:
            return False
        # What MkDocs' _build_page does once the template has rendered.
        config._current_page = page
        page.active = True
        try:
            posted = config.plugins.on_post_page(output, page=page, config=config)
            # Not `posted.strip()`, which copies a page's 50 KB, nor encoding the page again
            # when no hook changed it: the entry's bytes are its UTF-8 (a strict decode never
            # yields what xmlcharrefreplace would replace). A tenth of such a page's time.
            if posted and not posted.isspace():
                from mkdocs.utils import write_file

                write_file(data if posted is output else
                           posted.encode("utf-8", errors="xmlcharrefreplace"),
                           page.file.abs_dest_path)
        finally:
            page.active = False
            config._current_page = None
        self.counts.add(_Counts.CACHED, _Counts.UNCHANGED)
        return True

    def _output(self, key: str) -> str | None:
        return _decoded(self.store.get(key))

    def render(self, template: Any, name: str, build_key: str | None, inputs: str | None,
               config: Any, context: dict[str, Any]) -> str:
        key = page_key(build_key, name, context, config) if build_key else None
        if key is not None and inputs is not None:
            # The next build with the same inputs takes the page without its context.
            self.store.put(inputs, key.encode("ascii"))
        if key is not None and (output := self._output(key)) is not None:
            self.counts.add(_Counts.CACHED)
            return output
        output = template.render(context)
        if key is not None:
            self.store.put(key, output.encode("utf-8"))
        self.counts.add(_Counts.RENDERED)
        return output


def _decoded(data: bytes | None) -> str | None:
    try:
        return data.decode("utf-8") if data is not None else None
    except UnicodeDecodeError:  # a damaged entry: rendered again
        return None


class _Template:
    """A page's template as MkDocs' `_build_page` sees it, which only renders it: through
    the cache."""

    def __init__(self, template: Any, cache: RenderCache, name: str, build_key: str | None,
                 inputs: str | None, config: Any) -> None:
        self._render: Callable[[dict[str, Any]], str] = partial(cache.render, template, name,
                                                                build_key, inputs, config)

    def render(self, context: dict[str, Any]) -> str:
        return self._render(context)


def _setting_key(config: Any, env: Any) -> str | None:
    """The setting, the theme and the data files every page may show; None if the theme
    reads what the key leaves out."""
    from letopis.mkdocs_plugins.build_cache import setting_key

    setting = setting_key(config)
    if setting is None or _reads_unkeyed(env, config.theme) or \
            unknown_globals(env, config.theme):
        return None
    custom_dir = config.theme.custom_dir
    theme = files_digest((path for path in Path(custom_dir).rglob("*") if path.is_file()),
                         Path(custom_dir)) if custom_dir else ""
    archive = config.plugins.get("letopis/archive")
    registry = Path(config.docs_dir, archive.config.authors_file) if archive else None
    # None: not the same as an empty one.
    registry_bytes = registry.read_bytes() if registry and registry.is_file() else b"-"
    return digest(setting, theme, str(config.theme.name), repr(config.theme.dirs),
                  registry_bytes)


def _reads_unkeyed(env: Any, theme: Any) -> bool:
    """Whether a template of the theme reads a context variable the key leaves out (its
    templates parsed, not rendered: Jinja lists the names a template takes from outside)."""
    for name in env.list_templates(filter_func=lambda name: name.endswith((".html", ".xml"))):
        if name == "sitemap.xml":
            continue  # rendered once per build by MkDocs, not a page
        source = env.loader.get_source(env, name)[0]
        if not any(variable in source for variable in NOT_KEYED):
            continue  # parsing every template of Material costs seconds
        try:
            read = meta.find_undeclared_variables(env.parse(source))
        except TemplateError:
            # One that does not compile here (Material's blog templates want the blog
            # plugin's filters) cannot render a page of this build either.
            continue
        if read & NOT_KEYED:
            return True
    return False


def unknown_globals(env: Any, theme: Any) -> set[str]:
    """Names every template sees that neither the theme's environment has nor a Letopis
    plugin puts there as known here (each from the setting, or declared by the pages that show
    it): a new one may show anything, and nothing is cached until it is looked at."""
    return set(env.globals) - set(theme.get_env().globals) - KNOWN_GLOBALS


def _nav_key(nav: Any) -> str:
    """The navigation every page shows: titles, addresses and structure (plain strings)."""

    def item(entry: Any) -> tuple:
        children = tuple(item(child) for child in (getattr(entry, "children", None) or ()))
        file = getattr(entry, "file", None)
        return (type(entry).__name__, str(entry.title), getattr(entry, "url", None),
                file.src_uri if file is not None else None, children)

    return digest(stable((tuple(item(entry) for entry in nav.items),
                          nav.homepage.url if nav.homepage else None)))


def inputs_key(build_key: str, page: Any, config: Any) -> str | None:
    """The key of what a page's context is made from (see the module's docstring): the page
    itself and what it declared it shows from elsewhere; None if that is not known."""
    declared = getattr(config.plugins.get("letopis/archive"), "declared", None)
    if declared is None:
        return None
    src_uri = page.file.src_uri
    try:
        shown = stable((
            src_uri, page.url, page.canonical_url, page.edit_url, str(page.title), page.meta,
            page.is_homepage, _toc(page.toc), _neighbour(page.previous_page),
            _neighbour(page.next_page), tuple(declared.get(src_uri, ())),
        ))
    except UnstableError:
        return None
    return digest(build_key, "inputs", page.meta.get("template", "main.html"), shown,
                  page.content or "")


def foreign_context_hooks(config: Any) -> bool:
    """Whether a plugin other than Letopis' own fills pages' contexts: what its hook does
    besides is not known, so no page goes without it."""
    return not all(map(letopis_own, config.plugins.events["page_context"]))


def page_key(build_key: str, name: str, context: dict[str, Any], config: Any) -> str | None:
    """The key of one page's output; None if any part of what it shows has no stable form."""
    if any(key not in MKDOCS_CONTEXT and key not in PAGE_CONTEXT for key in context):
        return None
    # Without letopis/archive nothing is declared: what a page shows from elsewhere is unknown.
    declared = getattr(config.plugins.get("letopis/archive"), "declared", None)
    if declared is None:
        return None
    page = context["page"]
    src_uri = page.file.src_uri
    try:
        shown = stable((
            src_uri, page.url, page.canonical_url, page.edit_url, str(page.title), page.meta,
            page.is_homepage, _toc(page.toc), _neighbour(page.previous_page),
            _neighbour(page.next_page), context.get("base_url"),
            tuple((key, _shown(context[key])) for key in sorted(PAGE_CONTEXT)
                  if key in context),
            tuple(declared.get(src_uri, ())),
        ))
    except UnstableError:
        return None
    return digest(build_key, name, shown, page.content or "")


def _neighbour(page: Any) -> tuple | None:
    return (page.url, str(page.title)) if page is not None else None


def _toc(toc: Any) -> tuple:
    return tuple((str(link.title), link.id, link.level, _toc(link.children)) for link in toc)


def _shown(value: Any) -> Any:
    """What a template can show of a context value, as plain data for `stable`. A listing
    page's `listing` holds every post of the listing, all pages of it: only what the listing
    template shows of it goes in (its posts on this page are there in full). Left out: the
    authors (the registry is in the setting's key) and `entry`, a function rendering a listed
    post with the entry template (the theme), at this page's depth (base_url)."""
    from letopis.mkdocs_plugins.archive import PageData

    if not isinstance(value, PageData):
        return value
    if {field.name for field in fields(PageData)} != PAGE_DATA:
        raise UnstableError("PageData has fields this module does not know")
    listing = value.listing
    return (_once(value.ui), value.preview, _once(value.post), _once(value.older),
            _once(value.newer), value.comments, value.nav_key,
            listing and (listing.number, listing.count, listing.url, listing.title,
                         tuple(_once(post) for post in listing.posts), listing.newer_url,
                         listing.older_url, listing.listing.kind, listing.listing.url,
                         listing.listing.heading, listing.listing.name,
                         len(listing.listing.posts)))


# Digests of objects many pages show (a post: its own page, its neighbours', a dozen
# listings; the interface strings: every page), by identity, the object kept alive with its
# digest so that its id is not reused. Nothing shown changes during the template loop (a
# post's summary is made before it), and a process builds once.
_digests: dict[int, tuple[object, str]] = {}


def _once(value: object) -> str | None:
    if value is None:
        return None
    known = _digests.get(id(value))
    if known is None:
        known = _digests[id(value)] = (value, digest(stable(value)))
    return known[1]


def install(build: ModuleType, folder: str | None) -> RenderCache | None:
    """Render pages through the cache in `folder` (None or empty: no cache)."""
    global _installed
    if not folder:
        return None
    cache = RenderCache(Store(Path(folder) / "pages"), build)
    cache.install()
    _installed = True
    return cache
