"""`letopis build` (`make build`): the site folder is replaced only by a build that
succeeded; a failed build leaves the previous site exactly as it was."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.conftest import REPO, site_config, write_project
from tests.site.test_cli import letopis

GOOD = "---\ntitle: Первая запись\ndate: 2014-05-20\n---\n\nТекст.\n"
SECOND = "---\ntitle: Вторая запись\ndate: 2014-05-21\n---\n\nТекст.\n"
BROKEN = "---\ntitle: Сломанная запись\ndate: 2014-02-30\n---\n\nТекст.\n"
WARNS = "---\ntitle: С опечаткой\ndate: 2014-05-22\ncatgories: [a]\n---\n\nТекст.\n"


def published() -> dict:
    """A site with a published address (`letopis build` refuses the preview's)."""
    return {**site_config(), "site_url": "https://example.org/"}


def built_beside(root: Path) -> list[str]:
    """What the project folder holds, but for the build cache (.cache/letopis/) and the
    older build the next one is made over (.site.recycled), both kept on purpose: no
    staging or previous site left over."""
    return sorted(p.name for p in root.iterdir() if p.name not in (".cache", ".site.recycled"))


def snapshot(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes()
            for p in sorted(site.rglob("*")) if p.is_file()}


def test_a_failed_build_leaves_the_previous_site(tmp_path: Path) -> None:
    root = write_project(tmp_path / "project", {"posts/first.md": GOOD}, published())
    site = root / "site"

    first = letopis(root, "build")
    assert first.returncode == 0, first.stderr
    assert (site / "2014/05/pervaia-zapis/index.html").is_file()
    before = snapshot(site)

    for name, text in (("broken.md", BROKEN), ("typo.md", WARNS)):  # an error; a warning
        (root / "content/posts" / name).write_text(text, encoding="utf-8")
        failed = letopis(root, "build")
        assert failed.returncode != 0
        assert f"content/posts/{name}" in failed.stderr
        assert "оставлен как был" in failed.stderr
        assert "Traceback" not in failed.stderr
        assert snapshot(site) == before
        (root / "content/posts" / name).unlink()
    assert built_beside(root) == ["content", "mkdocs.yml", "site"]

    (root / "content/posts/second.md").write_text(SECOND, encoding="utf-8")
    again = letopis(root, "build")
    assert again.returncode == 0, again.stderr
    assert (site / "2014/05/vtoraia-zapis/index.html").is_file()
    assert built_beside(root) == ["content", "mkdocs.yml", "site"]


def test_the_first_build_that_fails_writes_no_site(tmp_path: Path) -> None:
    root = write_project(tmp_path / "project", {"posts/broken.md": BROKEN}, published())
    failed = letopis(root, "build")
    assert failed.returncode != 0
    assert built_beside(root) == ["content", "mkdocs.yml"]


def test_without_the_cache_nothing_is_kept_beside_the_site(tmp_path: Path) -> None:
    root = write_project(tmp_path / "project", {"posts/first.md": GOOD}, published())
    for text in (GOOD, SECOND, BROKEN):
        (root / "content/posts/first.md").write_text(text, encoding="utf-8")
        letopis(root, "build", "--no-cache")
    assert (root / "site/2014/05/vtoraia-zapis/index.html").is_file()
    assert sorted(p.name for p in root.iterdir()) == ["content", "mkdocs.yml", "site"]


@pytest.mark.parametrize("site_dir", [".", "..", "content", "content/posts", "theme",
                                      "content/site", "notes.txt", ".cache"])
def test_a_site_folder_that_holds_the_project_or_a_file_is_refused(tmp_path: Path,
                                                                   site_dir: str) -> None:
    # The build is swapped in for the site folder: given the project's own folder (or the
    # content, the theme, the cache, a file), that swap would move the editors' files aside
    # and a later build over the recycled folder would delete them. MkDocs refuses such a
    # folder itself, but `letopis build` hands it a staging folder beside the site instead.
    root = write_project(tmp_path / "outer" / "project", {"posts/first.md": GOOD}, published())
    shutil.copytree(REPO / "theme", root / "theme")
    (root / "notes.txt").write_text("заметки редактора\n", encoding="utf-8")
    config = (root / "mkdocs.yml").read_text(encoding="utf-8")
    (root / "mkdocs.yml").write_text(config.replace(f"custom_dir: {REPO / 'theme'}",
                                                    "custom_dir: theme"), encoding="utf-8")
    if site_dir == ".cache":
        assert letopis(root, "build").returncode == 0  # a cache to keep
    outer = tmp_path / "outer"
    before = snapshot(outer)
    done = letopis(root, "build", "--site-dir", site_dir)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr
    assert "папк" in done.stderr, done.stderr  # names what the folder is, in Russian
    assert snapshot(outer) == before  # nothing moved, nothing written
