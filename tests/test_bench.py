"""The build benchmark's own parts still work (benchmarks/run.py is not run by `make test`): the
corpus modes, the Hugo conversion, the memory sampler and a round of the Letopis warm series
with stand-in commands. A few seconds, no site built."""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

import pytest
import yaml

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import corpus  # noqa: E402
import layouts  # noqa: E402
import run  # noqa: E402


def front_matters(docs: Path) -> list[dict]:
    posts = sorted((docs / "posts").rglob("*.md"))
    assert posts
    return [yaml.load(post.read_text(encoding="utf-8").split("---\n")[1], Loader=LOADER)
            for post in posts]


@pytest.mark.parametrize(("mode", "categories", "tags", "years"), [
    ("classic", (1, 3), (2, 4), (2006, 2018)),
    ("independent", (1, 3), (2, 5), (2010, 2018)),
    ("archive", (2, 4), (3, 8), (2006, 2018)),
])
def test_corpus_modes(tmp_path: Path, mode: str, categories: tuple[int, int],
                      tags: tuple[int, int], years: tuple[int, int]) -> None:
    corpus.write_corpus(tmp_path / "a", 120, mode=mode)
    corpus.write_corpus(tmp_path / "b", 120, mode=mode)
    fronts = front_matters(tmp_path / "a")
    assert len(fronts) == 120
    assert fronts == front_matters(tmp_path / "b")  # reproducible
    assert {len(front["categories"]) for front in fronts} == set(range(categories[0],
                                                                    categories[1] + 1))
    assert {len(front["tags"]) for front in fronts} == set(range(tags[0], tags[1] + 1))
    assert years[0] <= min(front["date"].year for front in fronts)
    assert max(front["date"].year for front in fronts) <= years[1]


def test_independent_posts_are_about_350_words(tmp_path: Path) -> None:
    corpus.write_corpus(tmp_path, 50, mode="independent")
    words = [len([word for word in post.read_text(encoding="utf-8").split("---\n", 2)[2]
                  .split() if word.strip("-#<!>")])
             for post in (tmp_path / "posts").rglob("*.md")]
    assert 320 <= statistics.median(words) <= 400


def test_archive_mode_has_several_posts_on_some_days(tmp_path: Path) -> None:
    corpus.write_corpus(tmp_path, 120, mode="archive")
    days = [front["date"].date() for front in front_matters(tmp_path)]
    assert max(days.count(day) for day in set(days)) >= 4


def test_hugo_post_keeps_the_post(tmp_path: Path) -> None:
    corpus.write_corpus(tmp_path / "corpus", 20, mode="independent")
    site = layouts.hugo_site(tmp_path / "corpus", tmp_path / "hugo")
    assert (site / "hugo.toml").is_file()
    assert (site / "layouts" / "baseof.html").is_file()
    sources = {front["slug"]: front for front in front_matters(tmp_path / "corpus")}
    converted = sorted((site / "content" / "posts").glob("zametka-*.md"))
    assert len(converted) == 20
    for path in converted:
        _, head, body = path.read_text(encoding="utf-8").split("---\n", 2)
        front = yaml.safe_load(head)
        source = sources[front["slug"]]
        assert front["title"] == source["title"]
        assert front["categories"] == source["categories"]
        assert front["tags"] == source["tags"]
        assert front["date"] == source["date"].strftime("%Y-%m-%dT%H:%M:%S")
        assert front["years"] == [str(source["date"].year)]
        assert front["months"] == [source["date"].strftime("%Y-%m")]
        assert "<!--more-->" in body
        assert "<!-- more -->" not in body


def test_the_sampler_sees_a_child_process_memory(tmp_path: Path) -> None:
    # A child of the measured process holds 200 MB and forks: parent and fork share the pages.
    # The tree's PSS counts them once, its RSS sum twice.
    child = ("import os, time; b = bytearray(200 * 2**20); time.sleep(0.5)\n"
             "if os.fork() == 0: time.sleep(2); os._exit(0)\n"
             "os.wait()")
    parent = f"import subprocess, sys; subprocess.run([sys.executable, '-c', {child!r}])"
    seconds, pss, rss_sum, largest = run.measured([sys.executable, "-c", parent], tmp_path,
                                                  tmp_path / "log")
    assert seconds >= 2.5
    assert 200 <= pss < 300
    assert rss_sum >= 400
    assert largest >= 200


def test_a_letopis_round_puts_the_edited_post_back(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    size = run.Size(30, tmp_path, "independent", skip={"blog"},
                    flags={"--jobs", "--no-cache"})
    assert list(size.rows) == ["letopis-cold-1", "letopis-cold-2", "letopis-fill",
                               "letopis-warm", "letopis-warm-again", "letopis-nochange",
                               "floor", "floor-nosearch", "hugo-cold", "hugo-warm"]
    warm = next(step for step in size.steps if step.row.key == "letopis-warm")
    assert warm.command[-2:] == ["--jobs", "2"]
    cold = next(step for step in size.steps if step.row.key == "letopis-cold-1")
    assert cold.command[-3:] == ["--jobs", "1", "--no-cache"]
    posts = (size.letopis_post, size.letopis_other_post)
    before = [post.read_text(encoding="utf-8") for post in posts]
    seen: list[tuple[bool, bool]] = []
    # Stand-in builds: each records whether the post holds the edit when it runs.
    for step in size.steps:
        if step.command:
            step.command = [sys.executable, "-c", "pass"]
    monkeypatch.setattr(run, "measured", lambda command, cwd, log: (
        seen.append(tuple(run.MARK in post.read_text(encoding="utf-8") for post in posts))
        or (1.0, 1.0, 1.0, 1.0)))
    size.round(0, 1)
    no, first, both = (False, False), (True, False), (True, True)
    assert seen == [no, no, no, first, both, both, no, no, no, no]
    assert [post.read_text(encoding="utf-8") for post in posts] == before
    assert all(row.runs == [1.0] for row in size.rows.values())
    assert "Letopis, warm" in run.table(size)


def test_without_the_new_flags_the_warm_rows_are_left_out(tmp_path: Path) -> None:
    size = run.Size(10, tmp_path, "classic", skip={"blog", "hugo", "floor", "floor-nosearch"},
                    flags=set())
    assert list(size.rows) == ["letopis-cold"]
    assert any("--no-cache" in note for note in size.notes)


def test_a_cold_build_finds_the_last_output_moved_aside_not_deleted(tmp_path: Path) -> None:
    """Deleting thousands of files just before a timed build slows its file creation on some
    disks (run.Size.set_aside): the output goes into the size's folder, removed with it."""
    size = run.Size(10, tmp_path, "classic", skip={"blog"}, flags={"--jobs", "--no-cache"})
    for key in ("letopis-cold-1", "floor", "hugo-cold"):
        step = next(step for step in size.steps if step.row.key == key)
        (step.site / "page").mkdir(parents=True)
        (step.site / "page" / "index.html").write_text(key, encoding="utf-8")
        step.before()
        assert not step.site.exists(), key
    kept = sorted(path.read_text(encoding="utf-8")
                  for path in (tmp_path / "set-aside").glob("*/page/index.html"))
    assert kept == ["floor", "hugo-cold", "letopis-cold-1"]
