"""Search bundles kept in the build cache (mkdocs_plugins/search_cache.py): what is kept comes
back whole, a missing entry leaves nothing behind, and pruning keeps what the build used. A
shard's staged pages kept there are staged again only where the page changed."""

from __future__ import annotations

import fcntl
import json
import os
import time
from pathlib import Path

from letopis.core.build_cache import build_started, digest, tree_size
from letopis.mkdocs_plugins.pagefind_index import stage
from letopis.mkdocs_plugins.search_cache import BundleCache, KeptStaging, shard_key


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
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == ["average-size", "k0"]


def test_pruning_when_due_looks_at_the_bundles_only_when_they_may_outgrow_the_limit(
        tmp_path: Path) -> None:
    cache = BundleCache(tmp_path / "cache")

    def keep(number: int) -> Path:
        cache.keep(f"k{number}", bundle(tmp_path / f"b{number}", "x"))
        entry = tmp_path / "cache" / f"k{number}"
        os.utime(entry, ns=(number * 10**9, number * 10**9))  # k0 oldest
        return entry

    for number in range(4):
        keep(number)
    size = tree_size(tmp_path / "cache" / "k0")  # every bundle is this size
    started = build_started()
    cache.prune_if_due(used_since=started, limit=10 * size)  # no average known: looked at
    assert (tmp_path / "cache" / "average-size").read_text(encoding="ascii") == str(size)
    # Witness: a bundle grown past the limit, in a cache whose bundles, counted at the
    # average, still fit: not looked at.
    grown = tmp_path / "cache" / "k0" / "grown"
    grown.write_bytes(b"x" * 20 * size)
    os.utime(tmp_path / "cache" / "k0", ns=(0, 0))
    cache.prune_if_due(used_since=started, limit=10 * size)
    assert grown.exists()
    # Eleven bundles may hold more than ten: pruned down to three quarters (7.5 bundles), the
    # grown one and the oldest next, the note of the average kept whatever the limit.
    for number in range(4, 11):
        keep(number)
    cache.prune_if_due(used_since=started, limit=10 * size)
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == \
        sorted(["average-size"] + [f"k{number}" for number in range(4, 11)])
    (tmp_path / "cache" / ".tmp-1-k99").mkdir()  # an interrupted copy: looked at
    cache.prune_if_due(used_since=started, limit=10 * size)
    assert not (tmp_path / "cache" / ".tmp-1-k99").exists()
    cache.prune(used_since=started, limit=0)
    assert [p.name for p in (tmp_path / "cache").iterdir()] == ["average-size"]


def test_the_key_is_the_pages_whatever_their_order_and_changes_with_any_of_them() -> None:
    pages = [("2014/05/a/index.html", "d1"), ("2014/05/b/index.html", "d2")]
    assert shard_key(pages) == shard_key(pages[::-1])
    assert shard_key(pages) != shard_key([pages[0], ("2014/05/b/index.html", "d3")])
    assert shard_key(pages) != shard_key([pages[0], ("2014/06/b/index.html", "d2")])
    assert shard_key(pages) != shard_key(pages[:1])


def page(site: Path, address: str, text: str) -> tuple[Path, str, str]:
    """A written page of the searched shape, as the shard thread hands it to KeptStaging."""
    path = site / address
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f'<!DOCTYPE html>\n<html lang="ru"><head><title>{text}</title></head>'
                    f'<body><nav>меню</nav><article data-pagefind-body><p>{text}</p>'
                    f'</article></body></html>\n', encoding="utf-8")
    return path, address, digest(path.read_bytes())


def staged_once(kept: KeptStaging, number: int, pages: list[tuple[Path, str, str]]) -> Path:
    """Stage `pages` as a build does, let go of the folder, and return it."""
    staged = kept.stage(number, pages)
    assert staged is not None
    staged.release()
    return staged.folder


def test_kept_staging_stages_again_only_what_changed_and_equals_fresh_staging(
        tmp_path: Path) -> None:
    site = tmp_path / "site"
    kept = KeptStaging(tmp_path / "cache")
    pages = [page(site, f"2014/05/{name}/index.html", f"Текст {name}") for name in "abc"]
    folder = staged_once(kept, 0, pages)
    # The same files as staging in the site makes, copies rather than links.
    for path, address, _ in pages:
        stage(path, site, address, "fresh")
    assert files(folder) == files(site / ".letopis-search" / "fresh") != {}
    assert all(os.stat(folder / address).st_nlink == 1 for _, address, _ in pages)

    # Witnesses: a staged file that is not made again keeps what is planted in it.
    (folder / pages[0][1]).write_bytes(b"unchanged page: not staged again")
    (folder / pages[1][1]).write_bytes(b"changed page: staged again")
    pages[1] = page(site, pages[1][1], "Текст b, исправленный")
    gone = pages.pop()
    pages.append(page(site, "2014/06/d/index.html", "Текст d"))
    staged_once(kept, 0, pages)
    assert (folder / pages[0][1]).read_bytes() == b"unchanged page: not staged again"
    assert "исправленный" in (folder / pages[1][1]).read_text(encoding="utf-8")
    assert not (folder / gone[1]).exists()
    assert "Текст d" in (folder / pages[2][1]).read_text(encoding="utf-8")


def test_kept_staging_in_doubt_stages_everything_again(tmp_path: Path) -> None:
    site = tmp_path / "site"
    kept = KeptStaging(tmp_path / "cache")
    pages = [page(site, f"2014/05/{name}/index.html", f"Текст {name}") for name in "ab"]
    manifest = tmp_path / "cache" / "shard-3.json"
    planted = staged_once(kept, 3, pages) / pages[0][1]
    for damage in ('{"setting": "older code", "pages": {}}', "{not json", None):
        planted.write_bytes(b"planted")
        if damage is None:
            manifest.unlink()  # what a build interrupted while staging leaves
        else:
            manifest.write_text(damage, encoding="utf-8")
        staged_once(kept, 3, pages)
        assert planted.read_bytes() != b"planted", damage
        assert set(json.loads(manifest.read_text(encoding="utf-8"))["pages"]) == \
            {address for _, address, _ in pages}


def test_kept_staging_held_by_another_build_is_not_used(tmp_path: Path) -> None:
    site = tmp_path / "site"
    kept = KeptStaging(tmp_path / "cache")
    pages = [page(site, "2014/05/a/index.html", "Текст")]
    held = kept.stage(0, pages)
    assert held is not None
    assert kept.stage(0, pages) is None  # this process's other descriptor: refused too
    held.release()
    descriptor = os.open(tmp_path / "cache" / "shard-0.lock", os.O_RDWR)
    fcntl.flock(descriptor, fcntl.LOCK_EX)
    try:
        assert kept.stage(0, pages) is None
    finally:
        os.close(descriptor)
    staged_once(kept, 0, pages)


def test_kept_staging_forgets_shards_the_site_no_longer_has(tmp_path: Path) -> None:
    site = tmp_path / "site"
    kept = KeptStaging(tmp_path / "cache")
    pages = [page(site, "2014/05/a/index.html", "Текст")]
    for number in range(3):
        staged_once(kept, number, pages)
    kept.forget(shards=1)
    assert sorted(p.name for p in (tmp_path / "cache").iterdir()) == \
        ["shard-0", "shard-0.json", "shard-0.lock"]
