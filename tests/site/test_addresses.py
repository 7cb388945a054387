"""letopis/addresses: a published post's address does not move by accident. Each successful
build records every post's address beside mkdocs.yml; a later build whose new title or date
moves a post without `slug:` and without an alias for the old address warns (so `--strict`
fails), naming both addresses and what keeps the old one working."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Build, full_site_config, run_mkdocs, write_project
from tests.site.test_cli import letopis
from tests.site.test_serve_preview import fetch, serving

FIRST = "---\ntitle: Первая запись\ndate: 2014-05-20\n{extra}---\n\nТекст.\n"
OLD = "/2014/05/pervaia-zapis/"
RECORD = ".cache/letopis/addresses.json"


def project(root: Path, **posts: str) -> Path:
    texts = {"posts/first.md": FIRST.format(extra=""), **{f"posts/{k}.md": v
                                                         for k, v in posts.items()}}
    return write_project(root, texts, full_site_config())


def edit(root: Path, text: str, name: str = "first") -> None:
    (root / "content/posts" / f"{name}.md").write_text(text, encoding="utf-8")


def recorded(root: Path) -> dict[str, str]:
    data = json.loads((root / RECORD).read_text(encoding="utf-8"))
    return {source: entry["url"] for source, entry in data["posts"].items()}


def assert_built(build: Build) -> None:
    assert build.returncode == 0, build.log
    assert "WARNING" not in build.log


def test_the_first_build_records_addresses_beside_mkdocs_yml(tmp_path: Path) -> None:
    root = project(tmp_path)
    assert_built(run_mkdocs(root))
    assert recorded(root) == {"posts/first.md": "2014/05/pervaia-zapis/"}
    assert not list((root / "content").rglob(".cache")) and not (root / "site/.cache").exists()


def test_a_new_title_fails_the_strict_build_until_the_editor_decides(tmp_path: Path) -> None:
    root = project(tmp_path)
    assert_built(run_mkdocs(root))

    edit(root, FIRST.replace("Первая запись", "Новое название").format(extra=""))
    failed = run_mkdocs(root)
    assert failed.returncode != 0
    assert "content/posts/first.md:2: адрес записи сменился с /2014/05/pervaia-zapis/ на " \
           "/2014/05/novoe-nazvanie/" in failed.log
    assert "добавьте slug: pervaia-zapis" in failed.log
    assert f"добавьте aliases: [{OLD}]" in failed.log
    assert "Traceback" not in failed.log
    assert recorded(root) == {"posts/first.md": "2014/05/pervaia-zapis/"}

    # Without --strict the site is built, and the warning stays until the editor decides.
    loose = run_mkdocs(root, strict=False)
    assert loose.returncode == 0 and "адрес записи сменился" in loose.log
    assert recorded(root) == {"posts/first.md": "2014/05/pervaia-zapis/"}

    edit(root, FIRST.replace("Первая запись", "Новое название")
         .format(extra="slug: pervaia-zapis\n"))
    kept = run_mkdocs(root)
    assert_built(kept)
    assert kept.exists(OLD)


def test_a_new_date_names_the_alias_that_keeps_old_links(tmp_path: Path) -> None:
    root = project(tmp_path)
    assert_built(run_mkdocs(root))

    edit(root, FIRST.replace("2014-05-20", "2015-01-10").format(extra=""))
    failed = run_mkdocs(root)
    assert failed.returncode != 0
    assert "content/posts/first.md:3: адрес записи сменился с /2014/05/pervaia-zapis/ на " \
           "/2015/01/pervaia-zapis/ (новая дата)" in failed.log
    assert f"добавьте aliases: [{OLD}]" in failed.log
    assert "slug:" not in failed.log  # a slug cannot bring the old date back
    assert "Traceback" not in failed.log

    edit(root, FIRST.replace("2014-05-20", "2015-01-10").format(extra=f"aliases: [{OLD}]\n"))
    redirected = run_mkdocs(root)
    assert_built(redirected)
    assert redirected.exists("2015/01/pervaia-zapis/") and redirected.exists(OLD)
    assert recorded(root) == {"posts/first.md": "2015/01/pervaia-zapis/"}


def test_a_draft_moves_freely(tmp_path: Path) -> None:
    draft = "---\ntitle: Черновик\ndate: 2014-05-21\ndraft: true\n---\n\nТекст.\n"
    root = project(tmp_path, draft=draft)
    assert_built(run_mkdocs(root))
    assert recorded(root) == {"posts/first.md": "2014/05/pervaia-zapis/"}
    edit(root, draft.replace("Черновик", "Другой черновик"), "draft")
    assert_built(run_mkdocs(root))


def test_letopis_check_reports_the_move_and_writes_nothing(tmp_path: Path) -> None:
    root = project(tmp_path)
    assert letopis(root, "check").returncode == 0
    assert not (root / ".cache").exists()

    assert_built(run_mkdocs(root))
    before = (root / RECORD).read_bytes()
    edit(root, FIRST.replace("Первая запись", "Новое название").format(extra=""))
    checked = letopis(root, "check")
    assert checked.returncode != 0
    assert "content/posts/first.md:2: адрес записи сменился" in checked.stdout
    assert (root / RECORD).read_bytes() == before


def test_the_preview_never_moves_the_record(tmp_path: Path) -> None:
    root = project(tmp_path)
    with serving(root) as base:
        assert "Первая запись" in fetch(base)
    assert not (root / ".cache").exists()


def test_a_build_that_fails_later_writes_no_record(tmp_path: Path) -> None:
    # MkDocs fails a strict build for its own warnings only after every on_post_build.
    root = project(tmp_path)
    edit(root, FIRST.format(extra="") + "\n[Ссылка](../missing.md)\n")
    failed = run_mkdocs(root)
    assert failed.returncode != 0 and "missing.md" in failed.log
    assert not (root / ".cache").exists()


def test_a_record_that_would_not_change_is_not_written_again(tmp_path: Path) -> None:
    # At 10,000 posts, writing the record out (JSON with indents) took half a second of
    # every build, also of the builds that publish no new post.
    root = project(tmp_path)
    assert_built(run_mkdocs(root))
    written = (root / RECORD).stat()
    assert_built(run_mkdocs(root))
    again = (root / RECORD).stat()
    assert (again.st_ino, again.st_mtime_ns) == (written.st_ino, written.st_mtime_ns)
    # A new post changes it.
    edit(root, FIRST.replace("Первая запись", "Вторая запись")
         .replace("2014-05-20", "2014-05-21").format(extra=""), "second")
    assert_built(run_mkdocs(root))
    assert recorded(root) == {"posts/first.md": "2014/05/pervaia-zapis/",
                              "posts/second.md": "2014/05/vtoraia-zapis/"}
