"""core/recycled_site.py: a build over an older one leaves files whose bytes are the same, and
removes afterwards what it did not make (by ctime), on a real filesystem."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from letopis.core import recycled_site
from letopis.core.recycled_site import (
    copy_if_changed,
    disk_now,
    make_room,
    remove_stale,
    unchanged,
)


def build_start(root: Path) -> int:
    """The build's start, strictly after every ctime under `root` so far (the kernel's file
    clock ticks every few milliseconds)."""
    newest = max(path.lstat().st_ctime_ns for path in [root, *root.rglob("*")])
    while (now := disk_now(root)) <= newest:
        time.sleep(0.005)
    return now


def older_build(root: Path) -> None:
    for name, text in {"same.html": "та же страница", "changed.html": "старый текст",
                       "resized.html": "коротко", "gone.html": "удалённая запись",
                       "2014/05/gone/index.html": "удалённая запись",
                       "2014/05/kept/index.html": "оставшаяся запись"}.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    (root / "link.html").symlink_to("same.html")
    (root / "2014/06").mkdir()  # an empty folder of an older build
    (root / "2014/dangling").symlink_to("nowhere", target_is_directory=True)


def test_only_changed_bytes_are_written_and_what_the_build_did_not_make_goes(
        tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    older_build(root)
    same = root / "same.html"
    inode = same.stat().st_ino
    since = build_start(root)

    # The build: the same bytes, other bytes of the same length, a longer text, a new page.
    assert unchanged(same, "та же страница".encode())
    assert not unchanged(root / "changed.html", "новый текст!".encode())
    assert not unchanged(root / "resized.html", "гораздо длиннее".encode())
    assert not unchanged(root / "new.html", b"new")
    assert not unchanged(root / "2014/05", b"a folder")
    (root / "changed.html").write_text("новый текст!", encoding="utf-8")
    (root / "2014/05/kept/index.html").write_text("оставшаяся запись", encoding="utf-8")
    (root / "2014/07").mkdir()  # made by this build, empty: it stays

    assert remove_stale(root, since) == 5
    left = sorted(path.relative_to(root).as_posix() for path in root.rglob("*"))
    assert left == ["2014", "2014/05", "2014/05/kept", "2014/05/kept/index.html", "2014/07",
                    "changed.html", "same.html"]
    assert same.stat().st_ino == inode  # left, not written again
    assert same.read_text(encoding="utf-8") == "та же страница"


def test_a_copy_of_the_same_bytes_is_left_and_another_is_copied(tmp_path: Path) -> None:
    source, target = tmp_path / "source.js", tmp_path / "target.js"
    source.write_bytes(b"var a = 1;")
    target.write_bytes(b"var a = 1;")
    os.utime(target, ns=(0, 0))
    inode = target.stat().st_ino
    assert copy_if_changed(str(source), str(target)) == str(target)
    assert target.stat().st_ino == inode
    assert target.stat().st_mtime_ns > 0  # touched: this build's file

    source.write_bytes(b"var a = 2;")
    copy_if_changed(str(source), str(target))
    assert target.read_bytes() == b"var a = 2;"
    copy_if_changed(str(source), str(tmp_path / "new.js"))
    assert (tmp_path / "new.js").read_bytes() == b"var a = 2;"


def test_room_is_made_only_where_an_older_build_is_in_the_way(tmp_path: Path) -> None:
    root = tmp_path / "site"
    (root / "sitemap.xml/old").mkdir(parents=True)  # a folder where a file goes
    (root / "2014").mkdir()
    (root / "2014/05").write_text("файл на месте папки", encoding="utf-8")
    (root / "page.html").write_text("файл", encoding="utf-8")
    since = build_start(root)

    assert not make_room(root / "page.html", root, since)  # written over as usual
    assert not make_room(root / "new/index.html", root, since)  # nothing there
    assert not make_room(tmp_path / "elsewhere.html", root, since)
    assert make_room(root / "sitemap.xml", root, since)
    assert not (root / "sitemap.xml").exists()
    assert make_room(root / "2014/05/slug/index.html", root, since)
    assert not (root / "2014/05").exists()
    assert (root / "2014").is_dir()

    (root / "mine").mkdir()  # this build's own folder: the clash is the build's
    assert not make_room(root / "mine", root, since)
    assert (root / "mine").is_dir()


def test_a_link_to_the_same_bytes_is_not_left_but_replaced(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    (tmp_path / "target.html").write_bytes(b"page")
    (root / "link.html").symlink_to(tmp_path / "target.html")
    (root / "linked").symlink_to(tmp_path, target_is_directory=True)
    since = build_start(root)
    assert not unchanged(root / "link.html", b"page")  # a file of its own is written
    assert unchanged(tmp_path / "target.html", b"page")
    assert make_room(root / "link.html", root, since)
    assert make_room(root / "linked/index.html", root, since)
    assert sorted(path.name for path in root.iterdir()) == []
    assert (tmp_path / "target.html").read_bytes() == b"page"  # what they pointed to stays


def test_a_pipe_where_a_page_goes_is_not_waited_on_but_replaced(tmp_path: Path) -> None:
    root = tmp_path / "site"
    root.mkdir()
    os.mkfifo(root / "index.html")
    since = build_start(root)
    assert not unchanged(root / "index.html", b"page")  # no reader waits for a writer
    assert make_room(root / "index.html", root, since)
    assert not (root / "index.html").exists()


def test_where_a_file_cannot_be_compared_safely_it_is_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    page = tmp_path / "index.html"
    page.write_bytes(b"page")
    assert unchanged(page, b"page")
    monkeypatch.setattr(recycled_site, "_CAN_COMPARE", False)  # no O_NOFOLLOW (not POSIX)
    assert not unchanged(page, b"page")
