"""`letopis build`'s render cache (mkdocs_plugins/render_cache.py): after each kind of edit a
build that takes unchanged pages' HTML from `.cache/letopis/pages/` is byte-identical to one
made from nothing (`--no-cache`), and the pages that do not show what changed are not
rendered again (the counts `letopis build` logs)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from datetime import date, datetime, timedelta, tzinfo
from enum import Enum
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest
import yaml
from markupsafe import Markup

from letopis.core.build_cache import UnstableError, stable
from letopis.core.posts import Term
from letopis.engine import import_engine
from tests.conftest import REPO, copy_fixture
from tests.site.test_build_cache import config_of, edit, files_of_site
from tests.site.test_parallel_build import letopis_build

POSTS = "content/posts"
COUNTS = re.compile(r"по шаблонам собрано — (\d+), из кэша взято — (\d+) "
                    r"\(из них без подготовки шаблона, .*? — (\d+)\)")


def site_config(root: Path, **extra: object) -> dict:
    config = config_of(root)
    # The sidebar's term widgets show every category and tag on every page (a declared
    # dependency of each page), the contents in the nav make pages outside it share theirs.
    config["extra"] = {"sidebar": ["toc", "calendar", "categories", "tags"], **extra}
    config["theme"]["features"] = ["toc.integrate"]
    return config


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_fixture("journal", tmp_path_factory.mktemp("rendered"))
    shutil.copytree(REPO / "theme", root / "theme")
    (root / "content/about.md").write_text("---\ntitle: О проекте\n---\n\nО проекте.\n",
                                           encoding="utf-8")
    (root / "mkdocs.yml").write_text(yaml.safe_dump(site_config(root), allow_unicode=True),
                                     encoding="utf-8")
    return root


def pages_of(site: Path) -> dict[str, bytes]:
    """The site's pages, but for the redirects from old addresses (not rendered per page)."""
    return {name: data for name, data in files_of_site(site).items()
            if name.endswith("index.html") and b'http-equiv="refresh"' not in data}


def always_rendered(site: Path) -> set[str]:
    """The pages that show data from all over the site and are never cached: author pages,
    the indexes of categories and tags, the archive grid, the journal and its issues."""
    return {name for name in pages_of(site)
            if name.startswith(("author/", "journal/"))
            or name in {"category/index.html", "tag/index.html", "archive/index.html"}}


class Builds:
    """Cached and fresh builds of one project, one after the other."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.pages: dict[str, bytes] = {}
        self.seen: set[tuple[str, bytes]] = set()  # every page as any earlier build made it

    def build(self, jobs: int, fresh: bool = True) -> tuple[int, int, int, set[str], set[str]]:
        """A cached build in `jobs` processes and, if `fresh`, one without the cache in the
        other number, compared byte for byte. Returns the cached build's counts of pages
        rendered, taken from the cache, and of those taken without making their context; the
        pages whose HTML changed since the last build, and those whose HTML no earlier build
        made (the cache cannot have them). Without `fresh`, only a build that rendered every
        page is a fresh one (the caller checks)."""
        # A build with nothing changed at all would not run (test_unchanged_build.py): without
        # the record of the last build, it runs, and the render cache is what is tested.
        (self.root / ".cache/letopis/last-build.json").unlink(missing_ok=True)
        cached = letopis_build(self.root, self.root / "site-cached", "--jobs", str(jobs))
        assert cached.returncode == 0, cached.stderr
        site = self.root / "site-cached"
        if fresh:
            made = letopis_build(self.root, self.root / "site-fresh", "--jobs", str(3 - jobs),
                                 "--no-cache")
            assert made.returncode == 0, made.stderr
            assert not COUNTS.search(made.stderr)  # no cache, no counts
            first, second = files_of_site(site), files_of_site(self.root / "site-fresh")
            assert first.keys() == second.keys()
            assert [name for name in first if first[name] != second[name]] == []
        pages = pages_of(site)
        changed = {name for name, data in pages.items() if self.pages.get(name) != data}
        new = {name for name, data in pages.items() if (name, data) not in self.seen}
        self.pages = pages
        self.seen |= set(pages.items())
        found = COUNTS.search(cached.stderr)
        assert found, cached.stderr
        return int(found[1]), int(found[2]), int(found[3]), changed, new


# Kinds of edit, each followed by a cached and a fresh build; `few`: only the pages that show
# what changed are rendered again, else every page is.
ROUNDS: list[tuple[str, Callable[[Path], None], bool]] = [
    ("post text edited", lambda root: edit(root / POSTS / "anons-2.md", "Анонс второго",
                                           "Новый абзац.\n\nАнонс второго"), True),
    ("post retitled", lambda root: edit(root / POSTS / "so-skhemoi.md", "title: Запись",
                                        "slug: zapis-so-skhemoi\ntitle: Новая запись"),
     True),
    # Every page's sidebar lists the tags (declared by letopis/wayfinding, not in the context).
    ("tag added", lambda root: edit(root / POSTS / "anons-1.md", "date:",
                                    "tags: [Новый тег]\ndate:"), False),
    ("post moved to another month", lambda root: edit(root / POSTS / "anons-1.md",
                                                      "date: 2014-01-15",
                                                      "date: 2014-03-15\n"
                                                      "aliases: [/2014/01/vyshel-pervyi-nomer/]"),
     True),
    ("post added", lambda root: (root / POSTS / "novaia.md").write_text(
        "---\ntitle: Новая запись\ndate: 2014-06-01\n---\n\nНовая запись.\n",
        encoding="utf-8"), True),
    # The site as two builds ago but for the page: those pages come from the cache.
    ("post deleted, ordinary page edited", lambda root: (
        (root / POSTS / "novaia.md").unlink(),
        edit(root / "content/about.md", "О проекте.\n", "О проекте, подробнее.\n")), True),
    ("authors registry edited", lambda root: edit(root / "content/authors.yml", "Пётр Петров",
                                                  "Пётр Иванович Петров"), False),
    ("theme template edited", lambda root: edit(root / "theme/letopis/post.html",
                                                "{% block content %}",
                                                "{% block content %}<!-- шаблон -->"), False),
    ("mkdocs.yml edited", lambda root: (root / "mkdocs.yml").write_text(
        yaml.safe_dump(site_config(root, note="изменено"), allow_unicode=True),
        encoding="utf-8"), False),
    ("nav changed: a page added", lambda root: (root / "content/contacts.md").write_text(
        "---\ntitle: Контакты\n---\n\nКонтакты.\n", encoding="utf-8"), False),
]


def test_a_page_is_rendered_again_only_when_what_it_shows_changed(project: Path) -> None:
    builds = Builds(project)
    rendered, cached, unchanged, _, _ = builds.build(jobs=2)
    assert (cached, unchanged) == (0, 0)  # nothing in the cache yet
    total = rendered
    always = always_rendered(project / "site-fresh")
    assert len(always) >= 8

    # Nothing changed: every page that can be cached is taken without making its context.
    rendered, cached, unchanged, changed, _ = builds.build(jobs=1, fresh=False)
    assert changed == set()
    assert (rendered, cached, unchanged) == (len(always), total - len(always),
                                             total - len(always))

    for entry in (project / ".cache/letopis/pages").glob("??/*"):  # damaged: rendered again
        entry.write_bytes(b"\xff" + entry.read_bytes())
    rendered, cached, unchanged, _, _ = builds.build(jobs=1, fresh=False)
    assert (rendered, cached, unchanged) == (total, 0, 0)

    for number, (name, change, few) in enumerate(ROUNDS):
        change(project)
        # A round that renders every page again is a fresh build: its counts say so.
        rendered, cached, unchanged, changed, new = builds.build(jobs=1 + number % 2,
                                                                 fresh=few)
        total = rendered + cached
        if few:
            # At least every page whose HTML is new; at most those whose HTML changed and
            # two more (a post's page keys its neighbours' post data, not only what it shows).
            assert len(always | new) <= rendered <= len(always | changed) + 2, name
            # The pages whose context was made: those that show what changed, and the same
            # two more (their inputs hold the neighbours' sources).
            assert rendered + cached - unchanged <= len(always | changed) + 2, name
            assert unchanged > 0, name
        else:
            assert (rendered, cached, unchanged) == (total, 0, 0), name

    # A theme template reading a variable the key leaves out (every page): nothing is cached.
    # (One that does not compile is no template of this build: not looked at.)
    (project / "theme/partials/a-broken.html").write_text("{{ pages | no_such_filter }}",
                                                          encoding="utf-8")
    (project / "theme/partials/count.html").write_text("{{ pages | length }}",
                                                       encoding="utf-8")
    builds.build(jobs=1, fresh=False)
    rendered, cached, unchanged, _, _ = builds.build(jobs=1, fresh=False)
    assert (rendered, cached, unchanged) == (total, 0, 0)


def test_what_another_plugin_changes_after_the_template_stays_on_pages_taken_unchanged(
        tmp_path: Path) -> None:
    """A page taken from the cache without its context is written as the entry's bytes when
    no hook changed it: a hook's change must still be written."""
    root = copy_fixture("journal", tmp_path)
    shutil.copytree(REPO / "theme", root / "theme")
    (root / "hook.py").write_text(
        "def on_post_page(output, page, config):\n"
        "    return output.replace('</body>', '<!-- после шаблона -->\\n</body>')\n",
        encoding="utf-8")
    config = {**site_config(root), "hooks": ["hook.py"]}
    (root / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True),
                                     encoding="utf-8")
    for _ in range(2):
        (root / ".cache/letopis/last-build.json").unlink(missing_ok=True)
        cached = letopis_build(root, root / "site-cached", "--jobs", "1")
        assert cached.returncode == 0, cached.stderr
    found = COUNTS.search(cached.stderr)
    assert found and int(found[3]) > 0, cached.stderr  # pages taken without their context
    fresh = letopis_build(root, root / "site-fresh", "--jobs", "1", "--no-cache")
    assert fresh.returncode == 0, fresh.stderr
    first, second = files_of_site(root / "site-cached"), files_of_site(root / "site-fresh")
    assert [name for name in first if first[name] != second.get(name)] == []
    pages = pages_of(root / "site-cached")
    assert pages and all("<!-- после шаблона -->".encode() in page for page in pages.values())


def test_a_name_given_to_every_template_that_is_not_known_turns_the_cache_off() -> None:
    import_engine()
    from mkdocs.theme import Theme

    from letopis.mkdocs_plugins import render_cache

    theme = Theme(name="material", custom_dir=str(REPO / "theme"))
    env = theme.get_env()
    assert render_cache.unknown_globals(env, theme) == set()
    env.globals["letopis_terms"] = {}  # declared by every page that shows it
    env.globals["letopis_everything"] = {}
    assert render_cache.unknown_globals(env, theme) == {"letopis_everything"}


def test_a_page_with_a_value_of_no_stable_form_is_not_cached() -> None:
    import_engine()
    from letopis.mkdocs_plugins import render_cache

    page = SimpleNamespace(file=SimpleNamespace(src_uri="a.md"), url="a/", canonical_url=None,
                           edit_url=None, title="A", meta={}, is_homepage=False, toc=[],
                           previous_page=None, next_page=None, content="<p>A</p>")
    config = SimpleNamespace(plugins={"letopis/archive": SimpleNamespace(declared={})})
    key = render_cache.page_key("k", "main.html", {"page": page, "calendar": "c"}, config)
    assert key is not None
    assert render_cache.page_key("k", "main.html", {"page": page, "calendar": "d"}, config) \
        not in {key, None}
    assert render_cache.page_key("k", "main.html", {"page": page, "calendar": object()},
                                 config) is None


class Kind(Enum):
    POST = 1


# The stable serializer (core/build_cache.stable): the same text in every process, or refused.
@pytest.mark.parametrize(("value", "expected"), [
    ((None, True, 3, 1.5), "tuple(None,True,3,1.5,)"),
    (["a", b"b"], "list(str1:'a',bytes1:b'b',)"),
    (Markup("<b>"), "Markup3:'<b>'"),
    ({"b": 1, "a": frozenset({2, 1})}, "{str1:'a':set{1,2},str1:'b':1}"),
    (date(2014, 5, 20), "datetime.date(2014, 5, 20)"),
    (datetime(2014, 5, 20, 12, tzinfo=ZoneInfo("Europe/Moscow")),
     "datetime.datetime(2014, 5, 20, 12, 0, tzinfo=zoneinfo.ZoneInfo(key='Europe/Moscow'))"),
    (timedelta(hours=3), "datetime.timedelta(seconds=10800)"),
    (Kind.POST, "Kind.POST"),
    (Term("Новости", "novosti", "category/novosti/"),
     "letopis.core.posts.Term(name=str7:'Новости',slug=str7:'novosti',"
     "url=str17:'category/novosti/',)"),
])
def test_stable_writes_plain_data_the_same_way_everywhere(value: object, expected: str) -> None:
    assert stable(value) == expected


class _Tz(tzinfo):
    pass


_cycle: list = []
_cycle.append(_cycle)


@pytest.mark.parametrize("value", [
    object(), (1, object()), _Tz(), _cycle, "<a.B object at 0x7f00>",
])
def test_stable_refuses_what_has_no_stable_form(value: object) -> None:
    with pytest.raises(UnstableError):
        stable(value)


def test_a_declaration_of_no_stable_form_is_refused() -> None:
    import_engine()
    from letopis.mkdocs_plugins.archive import ArchivePlugin

    with pytest.raises(UnstableError):
        stable(ArchivePlugin().fingerprint(object()))


def test_a_page_is_not_keyed_without_declarations_or_with_unknown_page_data(
        monkeypatch: pytest.MonkeyPatch) -> None:
    import_engine()
    from letopis.mkdocs_plugins import render_cache
    from letopis.mkdocs_plugins.archive import PageData

    page = SimpleNamespace(file=SimpleNamespace(src_uri="a.md"))
    config = SimpleNamespace(plugins={})  # no letopis/archive: nothing declared
    assert render_cache.page_key("k", "main.html", {"page": page}, config) is None
    monkeypatch.setattr(render_cache, "PAGE_DATA", frozenset({"ui"}))
    with pytest.raises(UnstableError):
        render_cache._shown(PageData(ui={}, preview=False, authors={}))
