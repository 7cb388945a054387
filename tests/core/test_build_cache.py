"""The content-addressed store of `letopis build`'s cache (core/build_cache.py): keys, atomic
entries, damaged entries read as missing, pruning of the least recently used."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from letopis.core.build_cache import Store, digest, files_digest, tree_size


@pytest.mark.parametrize(("one", "other"), [
    (("ab", "c"), ("a", "bc")),  # parts do not run into each other
    (("a",), ("a", "")),
    (("текст",), ("текст ",)),
    ((b"\x00",), (b"",)),
])
def test_different_parts_give_different_keys(one: tuple, other: tuple) -> None:
    assert digest(*one) != digest(*other)


def test_a_key_is_the_same_for_the_same_parts_str_or_bytes() -> None:
    assert digest("ключ", b"x") == digest("ключ".encode(), "x")
    assert len(digest("a")) == 32 and int(digest("a"), 16) >= 0


def test_files_digest_follows_names_and_bytes(tmp_path: Path) -> None:
    (tmp_path / "a.html").write_text("A", encoding="utf-8")
    (tmp_path / "b.html").write_text("B", encoding="utf-8")
    paths = [tmp_path / "b.html", tmp_path / "a.html"]
    before = files_digest(paths, tmp_path)
    assert files_digest(list(reversed(paths)), tmp_path) == before  # order given: no matter
    (tmp_path / "a.html").write_text("A2", encoding="utf-8")
    assert files_digest(paths, tmp_path) != before
    (tmp_path / "a.html").write_text("A", encoding="utf-8")
    assert files_digest(paths, tmp_path) == before
    (tmp_path / "a.html").rename(tmp_path / "c.html")
    assert files_digest([tmp_path / "b.html", tmp_path / "c.html"], tmp_path) != before


def test_an_entry_is_read_back_and_a_missing_one_is_none(tmp_path: Path) -> None:
    store = Store(tmp_path / "cache")
    key = digest("page")
    assert store.get(key) is None
    store.put(key, b"<p>HTML</p>")
    assert store.get(key) == b"<p>HTML</p>"
    assert (store.hits, store.misses) == (1, 1)
    # Under a folder of the key's first two characters, no temporary file left behind.
    assert [p.relative_to(tmp_path / "cache").as_posix() for p in
            (tmp_path / "cache").rglob("*") if p.is_file()] == [f"{key[:2]}/{key[2:]}"]


def test_an_entry_is_replaced_whole(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.put("abcd", b"first")
    store.put("abcd", b"second")
    assert store.get("abcd") == b"second"


def test_an_unwritable_store_costs_only_time(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("not a folder", encoding="utf-8")
    store = Store(tmp_path / "file")  # its subfolders cannot be made
    store.put("abcd", b"data")
    assert store.get("abcd") is None


def _aged(store: Store, key: str, size: int, moment: int) -> None:
    store.put(key, b"x" * size)
    path = store.folder / key[:2] / key[2:]
    os.utime(path, ns=(moment, moment))
    assert path.stat().st_mtime_ns == moment


def test_pruning_removes_the_least_recently_used_down_to_the_limit(tmp_path: Path) -> None:
    store = Store(tmp_path)
    for number, key in enumerate(["aa01", "bb02", "cc03", "dd04"]):
        _aged(store, key, 100, (number + 1) * 10**17)  # 1973…1982: aa01 oldest
    store.get("aa01")  # used now: the newest of all
    assert store.prune(limit=250) == 2
    assert store.get("bb02") is None and store.get("cc03") is None
    assert store.get("aa01") == b"x" * 100 and store.get("dd04") == b"x" * 100
    assert store.prune(limit=250) == 0


def test_pruning_keeps_what_this_build_used_whatever_the_limit(tmp_path: Path) -> None:
    """A site whose pages alone outgrow the limit: evicting them would make the next build
    render them all again (seen at 20,000 posts: a warm build slower than a cold one)."""
    store = Store(tmp_path)
    _aged(store, "aa01", 100, 10**17)  # an older build's entries
    _aged(store, "bb02", 100, 2 * 10**17)
    _aged(store, "cc03", 100, 3 * 10**17)
    started = 4 * 10**17
    _aged(store, "dd04", 100, 5 * 10**17)  # this build's
    _aged(store, "ee05", 100, 6 * 10**17)
    _aged(store, "bb02", 100, 7 * 10**17)  # an older entry this build used again
    assert store.prune(limit=150, used_since=started) == 2
    assert store.get("aa01") is None and store.get("cc03") is None
    assert [store.get(key) for key in ("bb02", "dd04", "ee05")] == [b"x" * 100] * 3


def test_pruning_removes_what_interrupted_writes_left(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.put("aa01", b"kept")
    (tmp_path / "aa" / ".tmp-interrupted").write_bytes(b"half")
    assert store.prune() == 1
    assert sorted(p.name for p in (tmp_path / "aa").iterdir()) == ["01"]


def test_tree_size_counts_the_files_below_and_follows_no_link(tmp_path: Path) -> None:
    (tmp_path / "bundle" / "fragment").mkdir(parents=True)
    (tmp_path / "bundle" / "index.js").write_bytes(b"x" * 10)
    (tmp_path / "bundle" / "fragment" / "a.pf").write_bytes(b"y" * 7)
    (tmp_path / "elsewhere").write_bytes(b"z" * 1000)
    (tmp_path / "bundle" / "link").symlink_to(tmp_path / "elsewhere")
    (tmp_path / "bundle" / "folder-link").symlink_to(tmp_path / "bundle" / "fragment")
    assert tree_size(tmp_path / "bundle") == 17
    assert tree_size(tmp_path / "missing") == 0


def _entries(store: Store, count: int, size: int, first: int = 0) -> None:
    for number in range(first, first + count):
        store.put(f"{number:04x}" + "0" * 28, b"x" * size)
        path = store.folder / f"{number:04x}"[:2] / (f"{number:04x}"[2:] + "0" * 28)
        os.utime(path, ns=(number * 10**9, number * 10**9))  # the first put, the oldest


def test_pruning_when_due_looks_at_the_entries_only_when_they_may_outgrow_the_limit(
        tmp_path: Path) -> None:
    store = Store(tmp_path)
    _entries(store, 10, 10)
    assert store.prune_if_due(limit=1000) == 0  # no average known: every entry looked at
    assert (tmp_path / "average-size").read_text(encoding="ascii") == "10"
    # Witness: an entry grown past the limit, in a store whose entries, counted at the
    # average, still fit: not looked at.
    grown = tmp_path / "00" / ("00" + "0" * 28)
    grown.write_bytes(b"x" * 5000)
    os.utime(grown, ns=(0, 0))
    assert store.prune_if_due(limit=1000) == 0
    assert grown.exists()
    # 101 entries at 10 bytes may hold more than 1000: pruned down to three quarters.
    _entries(store, 91, 10, first=10)
    assert store.prune_if_due(limit=1000) == 26  # the grown one, then the 25 next oldest
    assert not grown.exists()
    assert sum(p.stat().st_size for p in tmp_path.glob("??/*")) == 750
    assert (tmp_path / "average-size").read_text(encoding="ascii") == "10"


def test_pruning_when_due_clears_what_an_interrupted_write_left(tmp_path: Path) -> None:
    store = Store(tmp_path)
    _entries(store, 3, 10)
    assert store.prune_if_due(limit=1000) == 0
    (tmp_path / "00" / ".tmp-1-x").write_bytes(b"half")
    assert store.prune_if_due(limit=1000) == 1
    assert not (tmp_path / "00" / ".tmp-1-x").exists()
    (tmp_path / "average-size").write_text("not a number", encoding="ascii")
    assert store.prune_if_due(limit=25) == 2  # unknown average: looked at, down to 18 bytes
