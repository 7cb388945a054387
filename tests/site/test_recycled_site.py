"""`letopis build` with the cache builds over an older build kept beside the site
(`.site.recycled`, core/recycled_site.py): a file whose bytes did not change is left, not
made again, what the new build does not make goes, and the site is byte-identical to one
built from empty (`--no-cache`)."""

from __future__ import annotations

import os
import re
import shutil
import time
from pathlib import Path

import pytest

from tests.conftest import copy_fixture, full_site_config, mkdocs_pass_only, write_project
from tests.site.test_build_cache import edit, files_of_site
from tests.site.test_parallel_build import letopis_build

pytestmark = mkdocs_pass_only

OTHER_POST_FOLDER = "2012/03/zapis-so-skhemoi"  # a post the edited post's page does not show
OTHER_POST = OTHER_POST_FOLDER + "/index.html"
EDITED_POST_FOLDER = "2014/05/vtoroi-nomer-podpisan-v-pechat"  # anons-2.md


def counts(log: str) -> tuple[int, int]:
    """(written, left as they were), as `letopis build` tells them (in Russian)."""
    line = next(line for line in log.splitlines() if "папка сайта: записано" in line)
    written, kept = re.findall(r"— (\d+)", line)
    return int(written), int(kept)


class Writes:
    """The files written (opened for writing and closed: the kernel's IN_CLOSE_WRITE, which a
    touch does not cause) in some folders while it is open; the folders may be moved."""

    def __init__(self, *folders: Path) -> None:
        from watchdog.events import FileClosedEvent, FileSystemEventHandler
        from watchdog.observers.inotify import InotifyObserver

        self.paths: set[str] = set()
        paths = self.paths

        class Handler(FileSystemEventHandler):
            def on_any_event(self, event: object) -> None:
                if isinstance(event, FileClosedEvent):
                    paths.add(Path(str(event.src_path)).as_posix())

        self.observer = InotifyObserver()
        for folder in folders:
            self.observer.schedule(Handler(), str(folder), recursive=False)

    def __enter__(self) -> set[str]:
        self.observer.start()
        return self.paths

    def __exit__(self, *exc: object) -> None:
        time.sleep(0.5)  # the last notices
        self.observer.stop()
        self.observer.join()


def beside(root: Path) -> list[str]:
    return sorted(path.name for path in root.iterdir() if path.name.startswith(".site"))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_fixture("journal", tmp_path_factory.mktemp("recycled"))
    return write_project(root, {}, full_site_config())


def equals_a_fresh_build(project: Path, site: Path) -> dict[str, bytes]:
    fresh = letopis_build(project, project / "fresh", "--jobs", "1", "--no-cache")
    assert fresh.returncode == 0, fresh.stderr
    assert "папка сайта" not in fresh.stderr  # built from empty, as MkDocs builds
    built, expected = files_of_site(site), files_of_site(project / "fresh")
    assert built.keys() == expected.keys()
    assert [name for name in built if built[name] != expected[name]] == []
    return built


def test_a_build_over_an_older_one_leaves_unchanged_files_and_equals_a_fresh_one(
        project: Path) -> None:
    site, recycled = project / "site", project / ".site.recycled"
    image = project / "content/images/photo.jpg"  # copied by MkDocs, not rendered
    image.parent.mkdir(exist_ok=True)
    image.write_bytes(bytes(range(256)) * 64)
    first = letopis_build(project, site, "--jobs", "2")
    assert first.returncode == 0, first.stderr

    edit(project / "content/posts/anons-2.md", "Анонс", "Первая правка.\n\nАнонс")
    # Its page is in the first build's folder, which the third build starts from: it must go.
    (project / "content/posts/hostile.md").unlink()
    second = letopis_build(project, site, "--jobs", "2")
    assert second.returncode == 0, second.stderr
    assert beside(project) == [".site.recycled"]  # the first build, to build the third over
    # Second names for the second build's files: their inodes can then be no later file's.
    witness, image_witness = project / "witness.html", project / "witness.jpg"
    os.link(site / OTHER_POST, witness)
    os.link(site / "images/photo.jpg", image_witness)

    edit(project / "content/posts/anons-2.md", "Первая правка.", "Вторая правка.")
    third = letopis_build(project, site, "--jobs", "2")
    assert third.returncode == 0, third.stderr
    equals_a_fresh_build(project, site)

    # The fourth build starts from the second's folder, where only the edited post differs.
    edit(project / "content/posts/anons-2.md", "Вторая правка.", "Третья правка.")
    with Writes(recycled / OTHER_POST_FOLDER, recycled / "images",
                recycled / EDITED_POST_FOLDER) as written:
        fourth = letopis_build(project, site, "--jobs", "2")
    assert fourth.returncode == 0, fourth.stderr
    # Left as they were, not written again: the other post's page and the image; the edited
    # post's page is written (which shows that the notices arrive).
    assert {path.split("/.site.recycled/")[1] for path in written} == {
        EDITED_POST_FOLDER + "/index.html"}
    assert (site / OTHER_POST).stat().st_ino == witness.stat().st_ino
    assert (site / "images/photo.jpg").stat().st_ino == image_witness.stat().st_ino
    written_count, kept = counts(fourth.stderr)
    assert written_count > 0 and kept > written_count, (written_count, kept)
    built = equals_a_fresh_build(project, site)

    # A failed build leaves the site, and what it wrote is the next one's start.
    (project / "content/posts/broken.md").write_text(
        "---\ntitle: Сломанная\ndate: 2014-02-30\n---\n\nТекст.\n", encoding="utf-8")
    failed = letopis_build(project, site, "--jobs", "2")
    assert failed.returncode != 0
    assert files_of_site(site) == built
    assert beside(project) == [".site.recycled"]
    (project / "content/posts/broken.md").unlink()


def test_another_plugin_means_a_build_from_empty(tmp_path: Path) -> None:
    root = copy_fixture("journal", tmp_path)
    (root / "hooks.py").write_text("def on_page_markdown(markdown, **kwargs):\n"
                                   "    return markdown\n", encoding="utf-8")
    write_project(root, {}, {**full_site_config(), "hooks": ["hooks.py"]})
    for _ in range(3):
        edit(root / "content/posts/anons-2.md", "Анонс", "Правка.\n\nАнонс")
        done = letopis_build(root, root / "site", "--jobs", "1")
        assert done.returncode == 0, done.stderr
    assert "собирается с нуля: плагины hooks" in done.stderr
    assert "папка сайта: записано" not in done.stderr
    assert (root / "site/2014/01/vyshel-pervyi-nomer/index.html").is_file()


def test_what_an_older_build_left_in_the_way_is_cleared(project: Path) -> None:
    """A folder where this build writes a file, a file where it needs a folder: what was a
    static file may become a page's folder, and the other way round."""
    site = project / "site"
    edit(project / "content/posts/anons-2.md", "Анонс", "Третья правка.\n\nАнонс")
    older = letopis_build(project, site, "--jobs", "2")
    assert older.returncode == 0, older.stderr
    recycled = project / ".site.recycled"  # the next build starts from it
    planted = {
        "sitemap.xml": "folder",  # MkDocs writes the sitemap there
        "404.html": "folder",
        "2012/03/zapis-so-skhemoi": "file",  # a post's folder
        "assets/stylesheets": "file",  # a folder of Material's static files
    }
    for name, kind in planted.items():
        path = recycled / name
        shutil.rmtree(path, ignore_errors=True)
        path.unlink(missing_ok=True)
        if kind == "folder":
            (path / "old").mkdir(parents=True)
            (path / "old/index.html").write_text("старая страница", encoding="utf-8")
        else:
            path.write_text("старый файл", encoding="utf-8")
    edit(project / "content/posts/anons-2.md", "Третья правка.", "Четвёртая правка.")
    built = letopis_build(project, site, "--jobs", "2")
    assert built.returncode == 0, built.stderr
    assert "Traceback" not in built.stderr

    fresh = letopis_build(project, project / "fresh-again", "--jobs", "1", "--no-cache")
    assert fresh.returncode == 0, fresh.stderr
    kept, expected = files_of_site(site), files_of_site(project / "fresh-again")
    assert kept.keys() == expected.keys()
    assert [name for name in kept if kept[name] != expected[name]] == []
