"""The WordPress migration as a new user meets it, on the project's own mkdocs.yml, theme and
content: exports written by WordPress 6.1 itself (fixtures/wordpress/written-by-wordpress) and
exports in the shapes found in the wild (WXR 1.0 tags, the https namespace behind a byte-order
mark, a repeated wp:post_id, items broken in five different ways) are imported one after the
other, then `letopis build` (strict) must succeed, and the built HTML is checked."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
from bs4 import BeautifulSoup

from tests.conftest import FIXTURES, REPO, Build, mkdocs_pass_only, resolve, text_of
from tests.site.test_search_staging import assert_the_same_bundle_from_staged_copies

pytestmark = mkdocs_pass_only  # the importer's output, built as any content is

LETOPIS = Path(sys.executable).parent / "letopis"
EXPORTS = FIXTURES / "wordpress"
WRITTEN = EXPORTS / "written-by-wordpress"
BROKEN = ("char-reference", "undefined-entity", "control-character", "invalid-byte",
          "unclosed-tag")
IMPORTS = {  # name → export, in the order they are imported into one project
    "small": WRITTEN / "small.xml",
    "subfolder": WRITTEN / "subfolder.xml",
    "https": EXPORTS / "https-namespace.xml",
    "wxr10": EXPORTS / "wxr-1.0-tags.xml",
    "duplicates": EXPORTS / "duplicates.xml",
    **{name: EXPORTS / "broken" / f"{name}.xml" for name in BROKEN},
}


@dataclass
class Migration:
    project: Path
    runs: dict[str, subprocess.CompletedProcess]
    reports: dict[str, dict[str, Any]]
    build: subprocess.CompletedProcess
    site: Build

    def url(self, name: str, post_id: str) -> str:
        """Where the import put item `post_id` of export `name` (site-relative)."""
        found = [i for i in self.reports[name]["items"] if i["post_id"] == post_id]
        assert found, f"{post_id} not imported from {name}"
        return found[0]["url"].lstrip("/")

    def page(self, name: str, post_id: str) -> BeautifulSoup:
        return self.site.html(self.url(name, post_id))

    def text(self, name: str, post_id: str) -> str:
        return (self.project / "content" / next(
            i["file"] for i in self.reports[name]["items"] if i["post_id"] == post_id)
        ).read_text(encoding="utf-8")


def letopis(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(LETOPIS), *args], capture_output=True, text=True, cwd=project,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=600)


@pytest.fixture(scope="module")
def migrated(tmp_path_factory: pytest.TempPathFactory) -> Migration:
    project = tmp_path_factory.mktemp("migration") / "project"
    project.mkdir()
    shutil.copy(REPO / "mkdocs.yml", project)
    shutil.copytree(REPO / "content", project / "content")
    shutil.copytree(REPO / "theme", project / "theme")
    runs, reports = {}, {}
    for name, export in IMPORTS.items():
        report = project / f"{name}.json"
        runs[name] = letopis(project, "import", "wordpress", str(export), "--report", str(report))
        reports[name] = json.loads(report.read_text(encoding="utf-8"))
    build = letopis(project, "build", "--local")  # no SITE_URL here: a build for this machine
    return Migration(project, runs, reports, build, Build(project / "site", build.returncode,
                                                          build.stdout + build.stderr))


def test_the_project_builds_strictly_after_every_import(migrated: Migration) -> None:
    log = migrated.build.stdout + migrated.build.stderr
    assert migrated.build.returncode == 0, log
    assert "WARNING" not in log and "Traceback" not in log


def test_search_indexes_the_imported_posts_as_their_whole_pages(migrated: Migration,
                                                                tmp_path: Path) -> None:
    """Imported posts carry WordPress' own HTML: Pagefind's staged copies of them
    (test_search_staging) give the same bundle as the whole pages."""
    assert_the_same_bundle_from_staged_copies(migrated.site.site, tmp_path)


@pytest.mark.parametrize(
    ("name", "returncode", "expected"),
    [
        ("small", 0, ["записи: 15; страницы: 2; из них черновиков 4, запланированных 1",
                      "комментарии: перенесено 5; не перенесено 3 (не одобрены 1, пингбэки 1, "
                      "в корзине 1)",
                      "шорткоды оставлены как текст: [contact-form-7] ×2"]),
        ("subfolder", 0, ["WXR 1.2"]),
        ("https", 0, ["Импорт из WordPress: Тестовые данные (https://wpthemetest.example.org)",
                      "записи: 3;",
                      # small.xml, imported before, brought the site's spelling «Tags»
                      "объединены: «tags» → «Tags»"]),
        ("wxr10", 0, ["WXR 1.0", "записи: 2;", "комментарии: перенесено 1"]),
        ("duplicates", 0, ["wp:post_id 301 повторяется в экспорте",
                           "адрес /2015/04/odinakovyi/ уже занят",
                           "различаются только регистром букв",
                           "ярлык wp:post_name «yarlyk.s.tochkami» не может быть частью адреса"]),
        *[(name, 1, ["пропущено: 1"]) for name in BROKEN],
    ],
)
def test_each_import_says_what_it_did(migrated: Migration, name: str, returncode: int,
                                      expected: list[str]) -> None:
    run = migrated.runs[name]
    assert run.returncode == returncode, run.stdout + run.stderr
    assert "Traceback" not in run.stderr
    for line in expected:
        assert line in run.stdout, run.stdout


@pytest.mark.parametrize(
    ("name", "line", "reason"),
    [
        ("char-reference", 33, "ссылка на символ U+D800"),
        ("undefined-entity", 33, "сущность &nbsp; не определена в XML"),
        ("control-character", 37, "управляющий символ U+0007"),
        ("invalid-byte", 37, "байт 0xFF не является частью текста в UTF-8"),
        ("unclosed-tag", 42, "тег <post_name> не закрыт"),
    ],
)
def test_a_broken_item_is_named_and_every_other_item_imports(
    migrated: Migration, name: str, line: int, reason: str
) -> None:
    run = migrated.runs[name]
    [message] = [row for row in run.stdout.splitlines() if "не импортировано:" in row]
    assert "(wp:post_id 202)" in message and f"строка {line}: {reason}" in message
    assert message.lstrip(" -").startswith("не импортировано: «Сломанная")
    assert {item["post_id"] for item in migrated.reports[name]["items"]} == {"201", "203"}
    assert migrated.page(name, "203").h1.get_text() == "Третья целая запись"


def test_the_report_is_machine_readable(migrated: Migration) -> None:
    report = migrated.reports["small"]
    assert report["counts"]["posts"] == 15 and report["counts"]["comments"] == 5
    assert report["source"]["wxr"] == "1.2"
    statuses = {item["post_id"]: item["draft"] for item in report["items"]}
    assert statuses["23"].startswith("защищена паролем")
    assert statuses["25"].startswith("личная запись")
    assert statuses["4"] is None


# What WordPress itself wrote (small.xml; post ids as its README lists them).

@pytest.mark.parametrize("post_id", ["23", "25", "27", "29"])
def test_protected_private_and_unfinished_posts_are_not_published(
    migrated: Migration, post_id: str
) -> None:
    assert "draft: true" in migrated.text("small", post_id)
    assert not migrated.site.exists(migrated.url("small", post_id))


def test_a_scheduled_post_keeps_its_date_and_waits_for_it(migrated: Migration) -> None:
    text = migrated.text("small", "31")
    assert "date: 2031-03-15 10:00" in text and "draft" not in text
    assert not migrated.site.exists(migrated.url("small", "31"))  # held back until 2031


def test_approved_comments_are_shown_threaded_and_escaped(migrated: Migration) -> None:
    section = migrated.page("small", "33").select_one("section.letopis-comments")
    assert section is not None and "Комментарии" in text_of(section.find(["h2", "h3"]))
    comments = section.find_all("article")
    assert len(comments) == 4  # 2, its reply 3, the reply to it 4, and 5
    thread = section.select_one("#comment-2").find_parent("li")
    assert thread.select_one("#comment-3") is not None  # the reply sits inside
    assert thread.select_one("#comment-3").find_parent("li").select_one("#comment-4") \
        is not None  # and the reply to the reply inside that
    assert section.find("script") is None  # comment 5 held <script>alert(2)</script>
    assert "alert" not in text_of(section)
    assert "Жирный текст" in text_of(section)
    for hidden in ("comment-6", "comment-8", "comment-9"):
        assert section.find(id=hidden) is None


def test_injected_markup_is_gone_and_the_text_stays(migrated: Migration) -> None:
    article = migrated.page("small", "6").select_one(".letopis-post")
    assert article.find("script") is None and article.find("form") is None
    for element in article.find_all(True):
        assert not any(name.lower().startswith("on") for name in element.attrs)
        assert not element.get("href", "").lower().startswith("javascript:")
    assert "удалено как небезопасное" in migrated.runs["small"].stdout
    assert "не перенесено: форма" in migrated.runs["small"].stdout


def test_a_video_iframe_becomes_a_link_to_the_video(migrated: Migration) -> None:
    page = migrated.page("small", "8")
    assert page.find("iframe") is None
    hrefs = [a["href"] for a in page.select(".letopis-post a[href]")]
    assert "https://www.youtube.com/watch?v=dQw4w9WgXcQ" in hrefs
    assert any(href.startswith("https://maps.example.com/embed") for href in hrefs)


def test_tables_keep_every_cell_and_markdown_lookalikes_stay_text(migrated: Migration) -> None:
    article = migrated.page("small", "10").select_one(".letopis-post")
    cells = [text_of(cell) for cell in article.select("table td, table th")]
    assert "2|3" in cells
    text = text_of(article)
    for literal in ("1. ", "# ", "*звёздочки*", "_подчёркивания_"):
        assert literal.strip() in text
    assert article.find("h1").get_text() == "Таблица показателей и текст, похожий на Markdown"
    assert len(article.find_all("h1")) == 1


def test_a_root_relative_image_points_at_the_old_site_until_downloaded(
    migrated: Migration
) -> None:
    sources = [img["src"] for img in migrated.page("small", "12").select(".letopis-post img")]
    assert "https://old.example.org/wp-content/uploads/2014/05/a.png" in sources
    assert "(--download-media скачает их)" in migrated.runs["small"].stdout


def test_anchors_and_links_to_old_permalinks_lead_to_the_new_pages(migrated: Migration) -> None:
    url = migrated.url("small", "19")
    page = migrated.site.html(url)
    assert page.find(id="x") is not None or page.find(attrs={"name": "x"}) is not None
    hrefs = [a["href"] for a in page.select(".letopis-post a[href]")]
    assert "#x" in hrefs
    targets = {unquote(resolve(url, href)) for href in hrefs
               if not href.startswith(("#", "http"))}
    assert migrated.url("small", "4") in targets  # by its old permalink and by ?p=4
    assert migrated.url("small", "10") in targets  # by /?p=10


def test_a_body_starting_with_h1_keeps_the_title_as_the_only_h1(migrated: Migration) -> None:
    page = migrated.page("small", "21")
    assert [h.get_text() for h in page.find_all("h1")] == ["Заголовок внутри записи"]


def test_pages_are_in_the_navigation_and_old_addresses_redirect(migrated: Migration) -> None:
    home = migrated.site.html("")
    titles = [text_of(a) for a in home.select("nav.md-nav a")]
    assert "О блоге" in titles and "Контакты" in titles
    for old, post_id in (("о-блоге/", "35"), ("о-блоге/kontakty/", "37")):
        refresh = migrated.site.html(old).find("meta", attrs={"http-equiv": "refresh"})
        target = refresh["content"].split("url=", 1)[1]
        assert unquote(resolve(old, target)) == unquote(migrated.url("small", post_id))


def test_a_blog_in_a_sub_folder_keeps_its_addresses_below_the_site(migrated: Migration) -> None:
    items = migrated.reports["subfolder"]["items"]
    assert items and not any(i["url"].startswith("/blog/") for i in items)
    for item in items:
        old = unquote(item["old_url"]).removeprefix("https://old.example.org/blog/")
        page = migrated.site.html(old)  # the post itself, or a redirect to it
        refresh = page.find("meta", attrs={"http-equiv": "refresh"})
        landed = unquote(resolve(old, refresh["content"].split("url=", 1)[1])) if refresh \
            else old
        assert "/" + landed == item["url"]


# Exports in shapes WordPress writes in the wild.

def test_the_https_namespace_export_with_a_byte_order_mark(migrated: Migration) -> None:
    title = "Markup: Title With Special Characters ~`!@#$%^&*()-_=+{}[]/\\;:'\"?,.>"
    assert migrated.page("https", "1446").h1.get_text() == title


def test_a_double_slash_old_address_redirects(migrated: Migration) -> None:
    refresh = migrated.site.html("greek/alpha/").find("meta", attrs={"http-equiv": "refresh"})
    target = refresh["content"].split("url=", 1)[1]
    assert resolve("greek/alpha/", target) == migrated.url("https", "1447")


def test_tags_differing_only_in_case_are_one_tag(migrated: Migration) -> None:
    listing = migrated.site.html("tag/tags/")
    titles = {text_of(a) for a in listing.select(".letopis-entry h2 a, article h2 a")}
    assert {"Title with double slash alias", "Tag case twin"} <= titles
    for post_id in ("1447", "1448"):  # one spelling: the one the site already had
        assert "tags:\n- Tags\n" in migrated.text("https", post_id)


def test_wxr_1_0_tags_categories_and_comment(migrated: Migration) -> None:
    page = migrated.page("wxr10", "11")
    tags = {text_of(a) for a in page.select("a[rel=tag]")}
    # «Клиенты» as the export declares it, unless the site already spelled it otherwise.
    assert {tag.lower() for tag in tags} == {"клиенты", "переговоры"} and len(tags) == 2
    assert page.select_one("section.letopis-comments article") is not None
    link = migrated.page("wxr10", "12").find("a", string="первую")  # by its old ?p=11
    assert unquote(resolve(migrated.url("wxr10", "12"), link["href"])) == \
        migrated.url("wxr10", "11")


def test_a_repeated_post_id_keeps_both_posts(migrated: Migration) -> None:
    titles = {i["title"]: i["url"] for i in migrated.reports["duplicates"]["items"]}
    assert migrated.site.exists(titles["Первая запись с номером 301"].lstrip("/"))
    assert migrated.site.exists(titles["Вторая запись с номером 301"].lstrip("/"))
    assert titles["Одинаковый адрес, позже"] == "/2015/04/odinakovyi-303/"
