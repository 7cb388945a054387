"""Search bundles kept in the build cache (mkdocs_plugins/search_cache.py): what is kept comes
back whole, a missing entry leaves nothing behind, and pruning keeps what the build used."""

from __future__ import annotations

import os
import time
from pathlib import Path

from letopis.core.build_cache import build_started
from letopis.mkdocs_plugins.search_cache import BundleCache, shard_key


def bundle(folder: Path, text: str) -> Path:
    (folder / "fragment").mkdir(parents=True)
    (folder / "pagefind-entry.json").write_text(f'{{"text": "{text}"}}', encoding="utf-8")
    (folder / "fragment" / "ru_1.pf_fragment").write_bytes(text.encode() * 100)
    return folder


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_kept_bundle_comes_back_whole_and_a_missing_one_leaves_nothing(
        tmp_path: Path) -> None:
    cache = BundleCache(tmp_path / "cache")
    written = bundle(tmp_path / "site" / "pagefind", "один")
    cache.keep("k1", written)
    cache.keep("k1", written)  # kept already: no error, no second copy
    assert cache.restore("k1", tmp_path / "next" / "pagefind")
    assert files(tmp_path / "next" / "pagefind") == files(written)
    assert not (tmp_path / "next" / "pagefind").samefile(written)
    assert not cache.restore("k2", tmp_path / "next" / "pagefind-2")
    assert not (tmp_path / "next" / "pagefind-2").exists()
    assert [p.name for p in (tmp_path / "cache").iterdir()] == ["k1"]


def test_pruning_goes_oldest_first_and_keeps_what_this_build_used(tmp_path: Path) -> None:
    cache = BundleCache(tmp_path / "cache")
    for number in range(4):
        cache.keep(f"k{number}", bundle(tmp_path / f"b{number}", str(number) * 1000))
        entry = tmp_path / "cache" / f"k{number}"
        os.utime(entry, ns=(number * 10**9, number * 10**9))  # k0 oldest … k3 newest
    (tmp_path / "cache" / ".tmp-1-k9").mkdir()  # an interrupted copy
    started = build_started()
    time.sleep(0.01)
    assert cache.restore("k0", tmp_path / "site" / "pagefind")  # used by this build
    cache.prune(used_since=started, limit=1)
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == ["k0"]


def test_the_key_is_the_pages_whatever_their_order_and_changes_with_any_of_them() -> None:
    pages = [("2014/05/a/index.html", "d1"), ("2014/05/b/index.html", "d2")]
    assert shard_key(pages) == shard_key(pages[::-1])
    assert shard_key(pages) != shard_key([pages[0], ("2014/05/b/index.html", "d3")])
    assert shard_key(pages) != shard_key([pages[0], ("2014/06/b/index.html", "d2")])
    assert shard_key(pages) != shard_key(pages[:1])
