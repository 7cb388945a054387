"""Link integrity of built sites: internal links and anchors resolve; one title and h1 a page."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote, urljoin, urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.conftest import Build, journal_site_config, run_mkdocs
from tests.generated_site import generate

# Which attribute of which element holds a URL the browser follows or loads.
URL_ATTRIBUTES = {"a": "href", "link": "href", "img": "src", "script": "src", "iframe": "src",
                  "source": "src"}
# Pages are resolved against this root when the site has no site_url.
LOCAL_ROOT = "http://letopis.invalid/"
# Hundreds of pages (listings paged, months of several years, every page kind): every kind of
# link the site makes, at a fraction of a larger site's build time.
GENERATED_POSTS = 120
GENERATED_SITE_URL = journal_site_config()["site_url"]


@dataclass(frozen=True)
class Problem:
    """A broken link, or a page whose title or h1 is wrong."""

    page: str  # the HTML file, relative to the site folder
    attribute: str  # "a[href]", "img[src]" …; "title" or "h1" for the page itself
    url: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.attribute} {self.url!r}: {self.reason}"


@dataclass
class Page:
    """What the checker keeps of one parsed page."""

    anchors: set[str]  # every id, and the name of every <a name>
    links: list[tuple[str, str]]  # (attribute, URL) in document order
    base: str | None  # <base href>, if any
    titles: list[str]
    headings: list[str]  # text of each <h1>


@dataclass
class SiteScan:
    """The outcome of checking one site folder."""

    pages: int = 0
    internal_links: int = 0  # links checked against the site folder
    fragment_links: int = 0  # of which pointing at an anchor
    broken_links: list[Problem] = field(default_factory=list)
    page_problems: list[Problem] = field(default_factory=list)


class OutsideSiteError(ValueError):
    """A relative link that leaves the site's root."""


def read_page(html: str) -> Page:
    soup = BeautifulSoup(html, "lxml")
    anchors = {str(tag["id"]) for tag in soup.find_all(id=True)}
    anchors |= {str(tag["name"]) for tag in soup.find_all("a", attrs={"name": True})}
    links = [(f"{tag.name}[{URL_ATTRIBUTES[tag.name]}]", str(tag[URL_ATTRIBUTES[tag.name]]))
             for tag in soup.find_all(list(URL_ATTRIBUTES))
             if tag.has_attr(URL_ATTRIBUTES[tag.name])]
    base = soup.find("base", href=True)
    # An inline SVG may carry its own <title>: only the document's titles count.
    titles = [tag.get_text() for tag in soup.find_all("title") if tag.find_parent("svg") is None]
    headings = [" ".join(tag.get_text(" ").split()) for tag in soup.find_all("h1")]
    return Page(anchors, links, str(base["href"]) if base else None, titles, headings)


def resolve(root: str, page_url: str, url: str) -> tuple[str, str] | None:
    """(path under the site root, fragment), both percent-decoded, of `url` found on the page at
    absolute `page_url`; None when `url` leads elsewhere (another scheme or host)."""
    written = urlsplit(url.strip())
    if written.scheme and written.scheme.lower() not in ("http", "https"):
        return None  # mailto:, tel:, data:, javascript: …
    target = urlsplit(urljoin(page_url, url.strip()))
    site = urlsplit(root)
    if target.netloc.lower() != site.netloc.lower() or not target.path.startswith(site.path):
        if written.scheme or written.netloc:
            return None  # an absolute URL of another site (or of this host, outside the site)
        raise OutsideSiteError(f"resolves to {target.geturl()}, outside the site {root}")
    return unquote(target.path[len(site.path):]), unquote(target.fragment)


def check_site(site: Path, site_url: str | None = None) -> SiteScan:
    """Check every HTML page under `site`, built for `site_url` (None: served at any root)."""
    root = site_url.rstrip("/") + "/" if site_url else LOCAL_ROOT
    pages = {path.relative_to(site).as_posix(): read_page(path.read_text(encoding="utf-8"))
             for path in sorted(site.rglob("*.html"))}
    scan = SiteScan(pages=len(pages))
    served: dict[str, str | None] = {}  # path under the root → the file served, or None
    for name, page in pages.items():
        page_url = urljoin(root + quote(name), page.base or "")
        for attribute, url in page.links:
            try:
                target = resolve(root, page_url, url)
            except OutsideSiteError as exc:
                reason = str(exc)
            else:
                if target is None:
                    continue
                path, fragment = target
                if path not in served:
                    served[path] = served_file(site, path)
                reason = missing(served[path], path, fragment, pages)
                scan.fragment_links += bool(fragment)
            scan.internal_links += 1
            if reason:
                scan.broken_links.append(Problem(name, attribute, url, reason))
        scan.page_problems += page_problems(name, page)
    return scan


def served_file(site: Path, path: str) -> str | None:
    """The file a static server sends for `path` (decoded, under the site root), if any."""
    name = path + "index.html" if not path or path.endswith("/") else path
    if ".." in PurePosixPath(name).parts:
        return None
    if (site / name).is_file():
        return name
    if (site / name / "index.html").is_file():  # a folder: servers redirect to "name/"
        return f"{name}/index.html"
    return None


def missing(file: str | None, path: str, fragment: str, pages: dict[str, Page]) -> str:
    """Why a link to `path#fragment` served by `file` is broken; "" if it is not."""
    if file is None:
        return f'no file for "{path or "/"}"'
    # The HTML spec scrolls to the top for "#top" even without such an element.
    if fragment and file.endswith(".html") and fragment not in pages[file].anchors \
            and fragment.lower() != "top":
        return f'no id "{fragment}" on {file}'
    return ""


def page_problems(name: str, page: Page) -> Iterable[Problem]:
    if len(page.titles) != 1:
        yield Problem(name, "title", "", f"{len(page.titles)} <title> elements")
    elif not page.titles[0].strip():
        yield Problem(name, "title", "", "the <title> is empty")
    if len(page.headings) != 1:
        texts = ", ".join(f"«{text}»" for text in page.headings)
        yield Problem(name, "h1", "", f"{len(page.headings)} <h1> elements {texts}".rstrip())


def report(problems: list[Problem], shown: int = 10) -> str:
    """Problems grouped by what is wrong, each with the pages (and URLs as written) it is on."""
    groups: dict[tuple[str, str], list[Problem]] = defaultdict(list)
    for problem in problems:
        groups[problem.attribute, problem.reason].append(problem)
    lines = [f"{len(problems)} problem(s) in {len(groups)} group(s):"]
    for (attribute, reason), members in sorted(groups.items(), key=lambda g: -len(g[1])):
        lines.append(f"- {attribute}: {reason} — on {len(members)} page(s):")
        lines += [f"    {p.page}" + (f"  ({p.url})" if p.url else "") for p in members[:shown]]
        if len(members) > shown:
            lines.append(f"    … and {len(members) - shown} more")
    return "\n".join(lines)


def built_site_url(site: Path) -> str | None:
    """The site_url a site was built for: the canonical address of its home page."""
    home = BeautifulSoup((site / "index.html").read_text(encoding="utf-8"), "lxml")
    canonical = home.find("link", rel="canonical", href=True)
    return str(canonical["href"]) if canonical else None


# --- the bundled site ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled_scan(bundled_site: Build) -> SiteScan:
    assert bundled_site.returncode == 0, bundled_site.log
    return check_site(bundled_site.site, built_site_url(bundled_site.site))


def test_bundled_site_has_no_broken_links(bundled_scan: SiteScan) -> None:
    assert bundled_scan.internal_links > 0
    assert not bundled_scan.broken_links, report(bundled_scan.broken_links)


def test_bundled_site_pages_have_one_title_and_one_h1(bundled_scan: SiteScan) -> None:
    assert not bundled_scan.page_problems, report(bundled_scan.page_problems)


# --- a generated site of hundreds of posts -------------------------------------------------


@pytest.fixture(scope="session")
def generated_site(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """The generator's site with GENERATED_POSTS posts, built once with --strict."""
    return run_mkdocs(generate(tmp_path_factory.mktemp("generated"), posts=GENERATED_POSTS))


@pytest.fixture(scope="module")
def generated_scan(generated_site: Build) -> SiteScan:
    assert generated_site.returncode == 0, generated_site.log
    assert built_site_url(generated_site.site) == GENERATED_SITE_URL
    return check_site(generated_site.site, GENERATED_SITE_URL)


def test_generated_site_builds_strict_without_warnings(generated_site: Build) -> None:
    assert generated_site.returncode == 0, generated_site.log
    assert "WARNING" not in generated_site.log, generated_site.log


def test_generated_site_exercises_the_checker(generated_scan: SiteScan) -> None:
    assert generated_scan.pages > GENERATED_POSTS
    assert generated_scan.fragment_links > GENERATED_POSTS  # "#itogi" on every post at least


def test_generated_site_has_no_broken_links(generated_scan: SiteScan) -> None:
    assert not generated_scan.broken_links, report(generated_scan.broken_links)


def test_generated_site_pages_have_one_title_and_one_h1(generated_scan: SiteScan) -> None:
    assert not generated_scan.page_problems, report(generated_scan.page_problems)


def test_the_generator_is_deterministic(tmp_path: Path) -> None:
    def tree(root: Path) -> dict[str, bytes]:
        return {p.relative_to(root).as_posix(): p.read_bytes()
                for p in sorted((root / "content").rglob("*")) if p.is_file()}

    first, second = generate(tmp_path / "a", posts=40), generate(tmp_path / "b", posts=40)
    assert tree(first) == tree(second)
    assert len([name for name in tree(first) if name.startswith("content/posts/")]) == 40


# --- the checker itself --------------------------------------------------------------------


def page(title: str = "Страница", body: str = "") -> str:
    return (f"<!doctype html><html><head><title>{title}</title></head>"
            f"<body><h1>{title}</h1>{body}</body></html>")


def write_site(root: Path, pages: dict[str, str]) -> Path:
    for name, html in pages.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(html, encoding="utf-8")
    return root


def test_checker_passes_valid_links_of_every_kind(tmp_path: Path) -> None:
    site = write_site(tmp_path, {
        "index.html": page(body=(
            '<a href="2014/05/">месяц</a><a href="2014/05/index.html#x">якорь</a>'
            '<a href="%D0%B7%D0%B0%D0%BC%D0%B5%D1%82%D0%BA%D0%B8/">кириллица</a>'
            '<a href="2014/05?page=2">папка без слеша, запрос</a>'
            '<a href="https://example.org/archive/2014/05/#x">site_url</a>'
            '<a href="/archive/img/a.png">от корня хоста</a>'
            '<a href="#">пустой якорь</a><a href="#here">здесь</a><a id="here"></a>'
            '<a href="https://other.example/x">чужой</a><a href="mailto:a@b.c">почта</a>'
            '<a href="tel:+7">телефон</a><a href="javascript:void(0)">js</a>'
            '<img src="data:image/png;base64,AAAA"><img src="img/a.png">'
            '<script src="//cdn.example/x.js"></script><link rel="icon" href="img/a.png">'
            '<svg><title>иконка</title></svg>')),
        "2014/05/index.html": page(body='<p id="x"><a href="../../">домой</a>'
                                        '<a name="old" href="#old">старый якорь</a></p>'),
        "заметки/index.html": page(body='<a href="../2014/05/#x">назад</a>'),
        "img/a.png": "",
    })
    scan = check_site(site, "https://example.org/archive/")
    assert scan.broken_links == [] and scan.page_problems == []
    assert scan.pages == 3
    assert (scan.internal_links, scan.fragment_links) == (13, 5)


def test_checker_reports_a_broken_relative_link(tmp_path: Path) -> None:
    site = write_site(tmp_path, {
        "index.html": page(body='<a href="2014/06/">нет</a><img src="img/none.png">'),
        "2014/05/index.html": page(body='<a href="../../../../x/">выше корня</a>'),
    })
    scan = check_site(site, "https://example.org/archive/")
    assert [(p.page, p.attribute, p.url) for p in scan.broken_links] == [
        ("2014/05/index.html", "a[href]", "../../../../x/"),
        ("index.html", "a[href]", "2014/06/"),
        ("index.html", "img[src]", "img/none.png"),
    ]
    assert "outside the site" in scan.broken_links[0].reason
    assert scan.broken_links[1].reason == 'no file for "2014/06/"'


def test_checker_reports_missing_anchors_here_and_on_other_pages(tmp_path: Path) -> None:
    site = write_site(tmp_path, {
        "index.html": page(body='<a href="#nowhere">здесь</a><a href="a/#gone">там</a>'
                                '<a href="https://example.org/archive/a/#gone">site_url</a>'),
        "a/index.html": page(body='<h2 id="present">есть</h2>'),
    })
    reasons = [str(p) for p in check_site(site, "https://example.org/archive/").broken_links]
    assert reasons == [
        "index.html: a[href] '#nowhere': no id \"nowhere\" on index.html",
        "index.html: a[href] 'a/#gone': no id \"gone\" on a/index.html",
        "index.html: a[href] 'https://example.org/archive/a/#gone': no id \"gone\" on "
        "a/index.html",
    ]


def test_checker_reports_pages_without_one_title_and_one_h1(tmp_path: Path) -> None:
    site = write_site(tmp_path, {
        "two-h1.html": page(body="<h1>Второй</h1>"),
        "no-h1.html": "<html><head><title>Без h1</title></head><body></body></html>",
        "empty-title.html": "<html><head><title> </title></head><body><h1>A</h1></body></html>",
        "two-titles.html": "<html><head><title>A</title><title>B</title></head>"
                           "<body><h1>A</h1></body></html>",
    })
    problems = {(p.page, p.attribute, p.reason) for p in check_site(site).page_problems}
    assert problems == {
        ("two-h1.html", "h1", "2 <h1> elements «Страница», «Второй»"),
        ("no-h1.html", "h1", "0 <h1> elements"),
        ("empty-title.html", "title", "the <title> is empty"),
        ("two-titles.html", "title", "2 <title> elements"),
    }


def test_report_groups_problems_by_reason(tmp_path: Path) -> None:
    site = write_site(tmp_path, {f"p{n}.html": page(body='<a href="missing/">x</a>')
                                 for n in range(12)})
    text = report(check_site(site).broken_links)
    assert text.splitlines()[:2] == ["12 problem(s) in 1 group(s):",
                                     '- a[href]: no file for "missing/" — on 12 page(s):']
    assert text.endswith("… and 2 more")
