"""`letopis import wordpress` on the fixture export, in a real project: the site then builds
with --strict, every published item is at its old address or redirected from it, a second
import changes nothing, an edited file is kept, bad exports are reported."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urljoin

import pytest
from bs4 import BeautifulSoup

from tests.conftest import (FIXTURES, Build, full_site_config, run_mkdocs, serving_folder,
                            write_project)

EXPORT = FIXTURES / "wordpress" / "export.xml"
LETOPIS = Path(sys.executable).parent / "letopis"
OLD_ADDRESSES = {  # published items: old permalink → where the post or page is now
    "/2014/05/сегментация/": "2014/05/сегментация/",
    "/archives/102": "2014/05/8-vidov-klientskoi-lzhi/",
    "/2014/05/polnoch/": "2014/06/polnoch/",
    "/about/": "pages/about/",
}


def letopis(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([str(LETOPIS), *args], capture_output=True, text=True, cwd=project,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=300)


def new_project(root: Path) -> Path:
    return write_project(root, {}, full_site_config())


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, subprocess.CompletedProcess]:
    project = new_project(tmp_path_factory.mktemp("wordpress"))
    return project, letopis(project, "import", "wordpress", str(EXPORT))


@pytest.fixture(scope="module")
def built(imported: tuple[Path, subprocess.CompletedProcess]) -> Build:
    project, _ = imported
    build = run_mkdocs(project)
    assert build.returncode == 0, build.log
    assert "WARNING" not in build.log
    return build


def test_the_import_reports_what_it_did(imported: tuple[Path, subprocess.CompletedProcess]
                                        ) -> None:
    _, done = imported
    assert done.returncode == 1  # one item could not be imported
    assert "не импортировано: «Запись без даты» (wp:post_id 106), строка 164: нет даты" \
        in done.stdout
    assert "файлы: новых 5, обновлено 0, без изменений 0, оставлено" in done.stdout
    assert "пропущено: 1" in done.stdout
    assert "шорткоды оставлены как текст: [gallery] ×1" in done.stdout
    assert "не импортируются (служебные типы WordPress): nav_menu_item (publish) ×1" \
        in done.stdout
    assert "импорт завершён с ошибками" in done.stderr
    assert "Traceback" not in done.stderr


def test_posts_pages_authors_and_media_manifest(imported: tuple[Path, subprocess.CompletedProcess]
                                                ) -> None:
    project, _ = imported
    content = project / "content"
    post = (content / "posts/2014/segmentatsiia.md").read_text(encoding="utf-8")
    assert "\ntitle: Сегментация клиентского потока\ndate: 2014-05-12 10:30\nslug: сегментация\n" \
        in post
    assert "authors:\n- admin\n" in post
    assert "<!-- more -->" in post
    assert '<figure markdown="span">' in post and "<figcaption>Четыре группы заявок" in post
    draft = (content / "posts/2014/chernovik-o-peregovorakh.md").read_text(encoding="utf-8")
    assert "date: 2014-06-01 10:00" in draft and "draft: true" in draft
    assert "aliases" not in draft  # its old address is ?p=103: nothing a static site can serve
    authors = (content / "authors.yml").read_text(encoding="utf-8")
    assert "admin: Главный редактор\nivan: Иван Петров\n" in authors
    manifest = (content / ".letopis/wordpress-media.yml").read_text(encoding="utf-8")
    assert manifest == ("https://old.example.org/wp-content/uploads/2014/05/scheme.png: "
                        "media/2014/05/scheme.png\n")


def landing(build: Build, old: str) -> str | None:
    """Where a reader asking for `old` ends up: the page there, or a redirect's target."""
    path = build.site / unquote(old).strip("/")
    page = path / "index.html" if not path.suffix else path
    if not page.is_file():
        return None
    html = BeautifulSoup(page.read_text(encoding="utf-8"), "lxml")
    refresh = html.find("meta", attrs={"http-equiv": "refresh"})
    if refresh is None:
        return unquote(old).strip("/") + "/"
    target = refresh["content"].split("url=", 1)[1]
    return unquote(urljoin("http://site" + unquote(old).rstrip("/") + "/", target)
                   .removeprefix("http://site/"))


@pytest.mark.parametrize(("old", "new"), list(OLD_ADDRESSES.items()))
def test_every_published_item_is_at_or_redirected_from_its_old_address(
    built: Build, old: str, new: str
) -> None:
    assert landing(built, old) == new
    assert (built.site / unquote(new) / "index.html").is_file()


def test_the_draft_is_not_published(built: Build) -> None:
    assert not list(built.site.rglob("chernovik*"))


def test_a_second_import_changes_nothing(imported: tuple[Path, subprocess.CompletedProcess]
                                         ) -> None:
    project, _ = imported
    before = snapshot(project / "content")
    again = letopis(project, "import", "wordpress", str(EXPORT))
    assert "новых 0, обновлено 0, без изменений 5, оставлено" in again.stdout
    assert snapshot(project / "content") == before


def test_an_edited_file_is_kept_unless_forced(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    letopis(project, "import", "wordpress", str(EXPORT))
    post = project / "content/posts/2014/polnoch.md"
    edited = post.read_text(encoding="utf-8") + "\nДобавлено редактором.\n"
    post.write_text(edited, encoding="utf-8")
    again = letopis(project, "import", "wordpress", str(EXPORT))
    assert "оставлен (изменён редактором): posts/2014/polnoch.md" in again.stdout
    assert "--force перезапишет) 1" in again.stdout
    assert post.read_text(encoding="utf-8") == edited
    forced = letopis(project, "import", "wordpress", str(EXPORT), "--force")
    assert "обновлён: posts/2014/polnoch.md" in forced.stdout
    assert "Добавлено редактором" not in post.read_text(encoding="utf-8")


def test_an_export_that_changed_updates_untouched_files(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    letopis(project, "import", "wordpress", str(EXPORT))
    changed = tmp_path / "changed.xml"
    changed.write_text(EXPORT.read_text(encoding="utf-8").replace(
        "Запись, опубликованная после полуночи", "Запись, исправленная после полуночи"),
        encoding="utf-8")
    done = letopis(project, "import", "wordpress", str(changed))
    assert "обновлён: posts/2014/polnoch.md" in done.stdout
    assert "новых 0, обновлено 1, без изменений 4" in done.stdout


def test_a_dry_run_writes_nothing(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    before = snapshot(project)
    done = letopis(project, "import", "wordpress", str(EXPORT), "--dry-run")
    assert "создать: posts/2014/segmentatsiia.md" in done.stdout
    assert "Пробный прогон, ничего не записано." in done.stdout
    assert "файлы (было бы): новых 5" in done.stdout
    assert snapshot(project) == before


def test_a_file_that_is_not_an_export_is_refused(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    feed = tmp_path / "feed.xml"
    feed.write_text("<?xml version='1.0'?><rss version='2.0'><channel/></rss>")
    done = letopis(project, "import", "wordpress", str(feed))
    assert done.returncode == 2
    assert "feed.xml: это не экспорт WordPress" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (project / "content/posts").exists()


def test_a_truncated_export_imports_what_it_holds(tmp_path: Path) -> None:
    project = new_project(tmp_path)
    text = EXPORT.read_text(encoding="utf-8")
    cut = tmp_path / "cut.xml"
    cut.write_text(text[: text.index("<title>О блоге</title>") + 30], encoding="utf-8")
    done = letopis(project, "import", "wordpress", str(cut))
    assert done.returncode == 1
    assert "«О блоге» (wp:post_id ?), строка 123: экспорт обрывается внутри этого элемента" \
        in done.stdout
    assert "новых 4" in done.stdout
    assert (project / "content/posts/2014/polnoch.md").is_file()


@pytest.fixture
def media_server(tmp_path: Path) -> Iterator[str]:
    """The old site's uploads folder over HTTP, with scheme.png in it."""
    uploads = tmp_path / "www" / "wp-content" / "uploads" / "2014" / "05"
    uploads.mkdir(parents=True)
    (uploads / "scheme.png").write_bytes((FIXTURES / "journal/content/images/scheme.png")
                                         .read_bytes())
    with serving_folder(tmp_path / "www", prefix="") as url:
        yield url


def test_media_download_fails_per_file_and_the_import_uses_the_copies(
    tmp_path: Path, media_server: str
) -> None:
    project = new_project(tmp_path / "site")
    text = EXPORT.read_text(encoding="utf-8").replace("https://old.example.org", media_server)
    # One picture the old server no longer has.
    text = text.replace("Главный принцип", f'<img src="{media_server}/wp-content/uploads/'
                                           '2014/05/lost.png" alt="Потеряна"> Главный принцип')
    export = tmp_path / "export.xml"
    export.write_text(text, encoding="utf-8")
    done = letopis(project, "import", "wordpress", str(export), "--download-media")
    assert "медиафайлы: скачано 1, уже были 0, не удалось 1" in done.stdout
    assert "медиафайл не скачан: " + media_server + "/wp-content/uploads/2014/05/lost.png" in \
        done.stderr
    assert "новых 5" in done.stdout  # the failure did not stop the import
    assert (project / "content/media/2014/05/scheme.png").is_file()
    post = (project / "content/posts/2014/segmentatsiia.md").read_text(encoding="utf-8")
    assert "![Схема сегментации](../../media/2014/05/scheme.png)" in post
    assert f"![Потеряна]({media_server}/wp-content/uploads/2014/05/lost.png)" in post
    build = run_mkdocs(project)
    assert build.returncode == 0, build.log
    image = build.html("2014/05/сегментация/").select_one("figure img")
    assert (build.site / "2014/05/сегментация" / image["src"]).resolve().is_file()


def test_case_twin_uploads_are_downloaded_under_the_names_the_posts_use(
    tmp_path: Path, media_server: str
) -> None:
    uploads = tmp_path / "www" / "wp-content" / "uploads" / "2015" / "04"
    uploads.mkdir(parents=True)
    (uploads / "Photo.png").write_bytes(b"upper")
    (uploads / "photo.png").write_bytes(b"lower")
    project = new_project(tmp_path / "site")
    export = tmp_path / "duplicates.xml"
    export.write_text((FIXTURES / "wordpress" / "duplicates.xml").read_text(encoding="utf-8")
                      .replace("https://dup.example.org", media_server), encoding="utf-8")
    done = letopis(project, "import", "wordpress", str(export), "--download-media")
    assert "медиафайлы: скачано 2" in done.stdout, done.stdout + done.stderr
    media = project / "content" / "media" / "2015" / "04"
    first = (project / "content/posts/2015/dubl.md").read_text(encoding="utf-8")
    second = (project / "content/posts/2015/dubl-vtoraya.md").read_text(encoding="utf-8")
    assert "](../../media/2015/04/Photo.png)" in first
    assert "](../../media/2015/04/photo-2.png)" in second
    assert (media / "Photo.png").read_bytes() == b"upper"
    assert (media / "photo-2.png").read_bytes() == b"lower"
