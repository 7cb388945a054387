"""Whatever an editor types into a field shows as text wherever it appears, and nothing is
written outside the site folder. The `hostile` fixture puts HTML, quotes, `</script>` and
`javascript:` URLs into every field (tests/fixtures/hostile/README.md)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from lxml import etree

from tests.conftest import FIXTURES, Build, full_site_config, run_mkdocs, text_of, write_project

TITLE = '<img src=x onerror="window.__xss=1"> </script></title> & «кавычки» \' javascript:alert(1)'
POST = "2015/03/img-src-x-onerror-window-xss-1-script-title-kavychki-javascript-alert-1/"
CATEGORY = '<b onmouseover="window.__xss=2">Категория</b>'
TAGS = ['"><svg onload="window.__xss=3">', "javascript:alert('тег')"]
SUMMARY = "</script><script>window.__xss=4</script> Краткое & «опасное» содержание"
AUTHOR = '<script>window.__xss=10</script> Злой "автор"'
BIO = '<img src=x onerror="window.__xss=11"> биография'
JOURNAL = "Вестник <script>window.__xss=5</script>"
ISSUE_TITLE = f"«{JOURNAL}», № 1, 2015"
PAGE_TITLE = '<b onclick="window.__xss=12">Страница</b> & «о нас»'
PAGE_DESCRIPTION = '"><script>window.__xss=13</script> описание'
SITE_NAME = "Тестовый архив"


@pytest.fixture(scope="module")
def hostile(hostile_site: Build) -> Build:
    assert hostile_site.returncode == 0, hostile_site.log
    assert "WARNING" not in hostile_site.log
    return hostile_site


def pages(build: Build) -> dict[str, BeautifulSoup]:
    return {path.relative_to(build.site).as_posix(): BeautifulSoup(
        path.read_text(encoding="utf-8"), "lxml") for path in build.site.rglob("*.html")}


def test_nothing_is_written_outside_the_site_folder(hostile: Build) -> None:
    project = hostile.site.parent
    outer = project.parent.parent
    sources = {"a/project/" + p.relative_to(FIXTURES / "hostile").as_posix()
               for p in (FIXTURES / "hostile" / "content").rglob("*") if p.is_file()}
    outside = {p.relative_to(outer).as_posix() for p in outer.rglob("*")
               if p.is_file() and hostile.site not in p.parents}
    # letopis/addresses keeps the addresses of the last build beside mkdocs.yml, by design.
    record = "a/project/.cache/letopis/addresses.json"
    assert outside == sources | {"a/project/mkdocs.yml", record}


def test_no_page_runs_editor_text_as_script(hostile: Build) -> None:
    """No event handler attribute, no script URL, no inline script holding editors' text, in
    any page of the site."""
    checked = pages(hostile)
    assert len(checked) > 20
    for url, soup in checked.items():
        for element in soup.find_all(True):
            for name, value in element.attrs.items():
                assert not name.lower().startswith("on"), (url, str(element)[:200])
                if name in {"href", "src", "action"}:
                    assert not str(value).strip().lower().startswith(("javascript:", "data:")), \
                        (url, str(element)[:200])
        for script in soup.find_all("script", src=False):
            if script.get("type") == "application/ld+json":
                json.loads(script.string)  # data, and still valid JSON
            else:
                assert "__xss" not in script.get_text(), (url, script.get_text()[:200])


def test_the_post_page_shows_every_field_as_text(hostile: Build) -> None:
    soup = hostile.html(POST)
    assert soup.title.get_text() == f"{TITLE} - {SITE_NAME}"
    assert text_of(soup.select_one("article h1")) == " ".join(TITLE.split())
    meta = {tag.get("property") or tag.get("name"): tag["content"]
            for tag in soup.select("meta[content]")}
    assert meta["og:title"] == meta["twitter:title"] == TITLE
    assert meta["description"] == meta["og:description"] == SUMMARY
    assert [a.get_text() for a in soup.select("a[rel~=category]")] == [CATEGORY]
    assert [a.get_text() for a in soup.select("a[rel~=tag]")] == TAGS
    assert [a.get_text() for a in soup.select("a[rel~=author]")] == [AUTHOR]
    data = {d["@type"]: d for d in (json.loads(s.string) for s in
                                      soup.select("script[type='application/ld+json']"))}
    assert set(data) == {"BlogPosting", "BreadcrumbList"}
    assert data["BlogPosting"]["headline"] == TITLE
    assert data["BreadcrumbList"]["itemListElement"][-1]["name"] == TITLE
    # The body's own HTML is the editor's choice and stays HTML.
    assert soup.select_one("article b").get_text().startswith("Сырой HTML")


def test_listings_and_the_calendar_show_titles_as_text(hostile: Build) -> None:
    for url in ("", "2015/03/", "2015/03/10/", "2015/", "author/zloi/"):
        soup = hostile.html(url)
        links = [a for a in soup.select("article a, .letopis-entry a") if a.get_text() == TITLE]
        assert links, f"no entry titled with the hostile title on /{url}"
    march = hostile.html("2015/03/")
    day = march.select_one(".calendar a[href$='2015/03/10/']")
    assert day["aria-label"] == f"10 марта 2015: {TITLE}"
    category = next(iter(hostile.site.glob("category/b-onmouseover*/index.html")))
    soup = BeautifulSoup(category.read_text(encoding="utf-8"), "lxml")
    assert soup.select_one("h1").get_text() == f"Рубрика «{CATEGORY}»"


def test_authors_journal_and_issue_fields_are_text(hostile: Build) -> None:
    author = hostile.html("author/zloi/")
    assert text_of(author.select_one("h1")) == " ".join(AUTHOR.split())
    assert BIO in author.get_text()
    journal = hostile.html("journal/vestnik/")
    assert journal.title.get_text() == f"{JOURNAL} - {SITE_NAME}"
    assert text_of(journal.select_one("h1")) == JOURNAL
    issue = hostile.html("journal/vestnik/2015/1/")
    assert text_of(issue.select_one("h1")) == ISSUE_TITLE
    facts = [text_of(dd) for dd in issue.select(".letopis-issue__facts dd")]
    assert facts == ['<img src=x onerror="window.__xss=6"> в печати', "</script> весной",
                     '"Издательство" <i onclick="window.__xss=14">Тест</i>']
    article = issue.select_one(".letopis-article")
    assert '<svg onload="window.__xss=7">Статья</svg>' in text_of(article)
    assert '<u onclick="window.__xss=15">Рубрика</u>' in text_of(article)
    # The abstract is Markdown: its link stays a link, without the script address.
    link = article.find("a", string="ссылкой")
    assert link is not None and not link.has_attr("href")
    assert '<img src=x onerror="window.__xss=9">' in text_of(article)


def test_an_ordinary_page_title_is_text_in_the_navigation_and_head(hostile: Build) -> None:
    home = hostile.html("")
    names = [text_of(a) for a in home.select("nav.md-nav--primary a.md-nav__link")]
    assert " ".join(PAGE_TITLE.split()) in names
    assert JOURNAL in names
    page = hostile.html("pages/stranitsa/")
    assert page.title.get_text() == f"{PAGE_TITLE} - {SITE_NAME}"
    assert page.select_one("meta[name=description]")["content"] == PAGE_DESCRIPTION


def test_redirect_pages_name_their_target_as_text(hostile: Build) -> None:
    soup = hostile.html("old/zloi/")
    assert soup.select_one("a").get_text() == TITLE
    assert soup.select_one("a")["href"].endswith(POST)
    assert hostile.html("old/page/").select_one("a").get_text() == PAGE_TITLE


@pytest.mark.parametrize("name", ["rss.xml", "atom.xml"])
def test_feeds_carry_fields_as_text(hostile: Build, name: str) -> None:
    tree = etree.parse(str(hostile.site / name))
    titles = [t.text for t in tree.iter("{*}title", "title")]
    assert TITLE in titles
    terms = {c.text or c.get("term") for c in tree.iter("{*}category", "category")}
    assert {CATEGORY} <= terms


def test_the_search_index_holds_titles_as_text(hostile: Build) -> None:
    """Pagefind's fragments (gzip, a signature, then JSON) keep the title as plain text; its
    interface escapes it (tests/browser/test_escaping.py)."""
    fragments = [json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd"))
                 for path in (hostile.site / "pagefind" / "fragment").iterdir()]
    titles = {fragment["url"]: fragment["meta"]["title"] for fragment in fragments}
    assert titles["/" + POST] == TITLE
    assert titles["/journal/vestnik/2015/1/"] == ISSUE_TITLE


def test_slugs_of_titles_without_letters_and_of_long_titles(hostile: Build) -> None:
    assert hostile.exists("2015/03/ulybka/")  # «🙂🙂🙂»: the file's name
    long_posts = list(hostile.site.glob("2015/03/ochen-ochen-*/index.html"))
    assert len(long_posts) == 1
    assert len(long_posts[0].parent.name) <= 80
    (emoji_category,) = [p for p in hostile.site.glob("category/*/") if p.name[0].isdigit()
                         or (p.name.isalnum() and not p.name.startswith("b-"))]
    assert (emoji_category / "index.html").is_file()


def test_a_slug_that_leaves_its_folder_is_an_error(tmp_path: Path) -> None:
    posts = {
        "posts/up.md": "---\ntitle: Вверх\ndate: 2015-03-10\nslug: ../../outside\n---\n\nТекст.\n",
        "posts/deep.md": "---\ntitle: Вглубь\ndate: 2015-03-10\nslug: a/b\n---\n\nТекст.\n",
        "posts/alias.md": "---\ntitle: Старый адрес\ndate: 2015-03-10\n"
                          "aliases: [../../outside/]\n---\n\nТекст.\n",
    }
    root = write_project(tmp_path / "project", posts, full_site_config())
    build = run_mkdocs(root)
    assert build.returncode != 0
    assert "Traceback" not in build.log
    for line in ("content/posts/up.md:4: slug '../../outside' может содержать только буквы",
                 "content/posts/deep.md:4: slug 'a/b' может содержать только буквы",
                 'content/posts/alias.md:4: старый адрес "../../outside/" должен быть путём от '
                 "корня сайта"):
        assert line in build.log
    assert sorted(p.name for p in tmp_path.iterdir()) == ["project"]
    assert not (root / "outside").exists()
