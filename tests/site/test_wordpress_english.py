"""`letopis import wordpress` into a site with `locale: en`, as an editor runs it: what the
import writes into the posts (link texts, titles, names) and what it tells the editor (the
report, what it could not carry over, why an export cannot be read) is English; the only
Russian left is the authors' own, from the export."""

from __future__ import annotations

import html
from pathlib import Path
from urllib.parse import unquote

import pytest

from tests.conftest import FIXTURES, full_site_config, write_project
from tests.site.test_english_site import CYRILLIC
from tests.site.test_wordpress_import import letopis

EXPORTS = FIXTURES / "wordpress"
WRITTEN = EXPORTS / "written-by-wordpress"
# The exports WordPress wrote, then the hand-made ones for what those lack: a post without a
# date and a menu item (export.xml), repeated ids and clashing addresses (duplicates.xml),
# players, form controls, untitled items and links the import cannot follow (players.xml),
# items broken in five ways (broken/).
IMPORTS = {
    "small": WRITTEN / "small.xml",
    "subfolder": WRITTEN / "subfolder.xml",
    "export": EXPORTS / "export.xml",
    "duplicates": EXPORTS / "duplicates.xml",
    "players": EXPORTS / "players.xml",
    **{path.stem: path for path in sorted((EXPORTS / "broken").glob("*.xml"))},
}


def english_project(root: Path) -> Path:
    config = full_site_config(locale="en")
    config["theme"]["language"] = "en"
    return write_project(root, {}, config)


def words(text: str) -> set[str]:
    return {word.lower() for word in CYRILLIC.findall(text)}


def export_words(export: Path) -> set[str]:
    """The authors' words: everything Cyrillic the export holds, also where it is written as
    percent-encoded slugs or character references."""
    text = export.read_bytes().decode("utf-8", "replace")
    return words(text) | words(unquote(text)) | words(html.unescape(text))


def assert_english(texts: dict[str, str], allowed: set[str]) -> None:
    """No Russian word in any of `texts` (by name) but those `allowed`; else the words, by
    where they were found."""
    found = {name: sorted(words(text) - allowed) for name, text in texts.items()}
    foreign = [f"{name}: {' '.join(found_words)}" for name, found_words in found.items()
               if found_words]
    assert not foreign, "Russian words the export does not hold:\n" + "\n".join(foreign)


@pytest.mark.parametrize("name", IMPORTS)
def test_an_english_site_imports_in_english(tmp_path: Path, name: str) -> None:
    project = english_project(tmp_path / "site")
    done = letopis(project, "import", "wordpress", str(IMPORTS[name]),
                   "--report", str(tmp_path / "report.json"))
    assert "Traceback" not in done.stderr, done.stderr
    written = {path.relative_to(project).as_posix(): path.read_text(encoding="utf-8")
               for path in sorted((project / "content").rglob("*")) if path.is_file()}
    assert any(path.endswith(".md") for path in written), done.stdout + done.stderr
    texts = {"stdout": done.stdout, "stderr": done.stderr,
             "--report": (tmp_path / "report.json").read_text(encoding="utf-8"), **written}
    assert_english(texts, export_words(IMPORTS[name]))


def test_a_dry_run_reports_in_english(tmp_path: Path) -> None:
    project = english_project(tmp_path)
    done = letopis(project, "import", "wordpress", str(WRITTEN / "small.xml"), "--dry-run")
    assert "Traceback" not in done.stderr, done.stderr
    assert_english({"stdout": done.stdout, "stderr": done.stderr},
                   export_words(WRITTEN / "small.xml"))


def test_players_become_links_named_in_english(tmp_path: Path) -> None:
    # small.xml's own title holds «Видео», so its words alone would let «Видео: YouTube» pass.
    project = english_project(tmp_path)
    letopis(project, "import", "wordpress", str(WRITTEN / "small.xml"))
    post = next((project / "content/posts/2014").glob("video-*.md")).read_text(encoding="utf-8")
    assert "[Video: YouTube](https://www.youtube.com/watch?v=dQw4w9WgXcQ)" in post
    assert "[Embedded content: maps.example.com](https://maps.example.com/embed?pb=office)" \
        in post


# Files an English editor might hand the importer by mistake: each is refused (exit code 2)
# with one English line naming the file.
NOT_EXPORTS = {
    "not-xml": b"just some text\n",
    "rss-feed": b"<?xml version='1.0'?><rss version='2.0'><channel><title>Blog</title>"
                b"</channel></rss>\n",
    "unknown-encoding": b'<?xml version="1.0" encoding="x-martian"?><rss/>\n',
    "utf-16-without-bom": b'<?xml version="1.0" encoding="UTF-16"?><rss/>\n',
}


@pytest.mark.parametrize("name", NOT_EXPORTS)
def test_a_file_that_is_not_an_export_is_refused_in_english(tmp_path: Path, name: str) -> None:
    project = english_project(tmp_path / "site")
    export = tmp_path / f"{name}.xml"
    export.write_bytes(NOT_EXPORTS[name])
    done = letopis(project, "import", "wordpress", str(export))
    assert done.returncode == 2, done.stdout + done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    assert f"{name}.xml: " in done.stderr
    assert_english({"stderr": done.stderr}, set())
