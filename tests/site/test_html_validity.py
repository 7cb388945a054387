"""Valid HTML: the W3C Nu Html Checker finds no error on any page of the bundled site or of a
generated site of several years.

The checker is npm's `vnu-jar` (pinned in package.json, installed by `make` with `npm ci`) run by
Debian's Java (`.ci/run` installs it); it checks a whole output folder in one JVM, so each site
costs one run. It is slow to start, so this runs in the MkDocs pass of `make test` only:
ProperDocs renders the same templates. Without Java or the jar the tests skip on a developer's
machine and fail in CI (CI=true).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from tests.conftest import REPO, Build

pytestmark = pytest.mark.skipif(os.environ.get("LETOPIS_ENGINE") == "properdocs",
                                reason="the outside checkers run in the MkDocs pass of make test")

VNU_JAR = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def nu_checker_command() -> list[str]:
    java = shutil.which("java")
    missing = [what for what, there in (("java (apt-get install default-jre-headless)", java),
                                        (f"{VNU_JAR} (npm ci)", VNU_JAR.is_file())) if not there]
    if missing:
        message = "the Nu Html Checker needs " + " and ".join(missing)
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    # -Xss8m: the checker recurses deeply on long pages (its own advice).
    return [str(java), "-Xss8m", "-jar", str(VNU_JAR), "--errors-only", "--format", "json"]


def nu_errors(folder: Path) -> list[dict]:
    """Every error the checker reports on the HTML files under `folder`."""
    done = subprocess.run([*nu_checker_command(), "--skip-non-html", str(folder)],
                          capture_output=True, text=True, timeout=600)
    # JSON goes to stderr; exit status 1 means "errors found", anything else a failed run.
    assert done.returncode in (0, 1), done.stdout + done.stderr
    return json.loads(done.stderr)["messages"]


def report(errors: list[dict], folder: Path) -> str:
    by_message = Counter(error["message"] for error in errors)
    lines = [f"{len(errors)} errors:"]
    for message, count in by_message.most_common():
        first = next(e for e in errors if e["message"] == message)
        where = first["url"].split(folder.as_posix(), 1)[-1]
        lines.append(f"  {count}× {message} (first: {where}:{first.get('lastLine')}, "
                     f"{first.get('extract', '').strip()!r})")
    return "\n".join(lines)


def html_files(build: Build) -> list[Path]:
    assert build.returncode == 0, build.log
    return sorted(build.site.rglob("*.html"))


def test_the_checker_finds_an_error(tmp_path: Path) -> None:
    """The test below can fail: an input without the required attribute is an error."""
    (tmp_path / "index.html").write_text(
        '<!doctype html><html lang="ru"><head><title>т</title></head>'
        '<body><img src="a.png"></body></html>', encoding="utf-8")
    assert any("alt" in error["message"] for error in nu_errors(tmp_path))


@pytest.mark.parametrize("site", ["bundled_site", "several_years_site"])
def test_every_page_is_valid_html(request: pytest.FixtureRequest, site: str) -> None:
    build: Build = request.getfixturevalue(site)
    # Every page kind is there to be checked (a site of a few files would prove little).
    assert len(html_files(build)) >= 30
    errors = nu_errors(build.site)
    assert not errors, report(errors, build.site)


# Templates copied from Material to change what no block reaches: (file, Material's text, ours).
COPIED_FROM_MATERIAL = [
    ("base.html", ' id="__drawer" autocomplete="off">', ' id="__drawer">'),
    ("base.html", ' id="__search" autocomplete="off">', ' id="__search">'),
    ("partials/toc.html",
     '    <label class="md-nav__title" for="__toc">\n'
     '      <span class="md-nav__icon md-icon"></span>\n'
     '      {{ title }}\n'
     '    </label>',
     '    {% if nav_item is defined %}\n'
     '      <label class="md-nav__title" for="__toc">\n'
     '        <span class="md-nav__icon md-icon"></span>\n'
     '        {{ title }}\n'
     '      </label>\n'
     '    {% else %}\n'
     '      <div class="md-nav__title">{{ title }}</div>\n'
     '    {% endif %}'),
    ("partials/toc.html", '<nav class="md-nav md-nav--secondary"',
     '{% if nav_item is defined or "toc" not in (config.extra.sidebar or ["toc"]) %}\n'
     '<nav class="md-nav md-nav--secondary"'),
    ("partials/toc.html", "</nav>\n", "</nav>\n{% endif %}\n"),
]


def _without_leading_comment(text: str) -> str:
    return text.split("-#}\n", 1)[1] if text.startswith("{#-") else text


@pytest.mark.parametrize("name", sorted({name for name, _, _ in COPIED_FROM_MATERIAL}))
def test_copied_material_templates_differ_only_where_meant(name: str) -> None:
    """A Material update that changes base.html or toc.html makes the copies stale: this says
    so, and the copies are made again from the new release with the same changes."""
    import material

    theirs = (Path(material.__file__).parent / "templates" / name).read_text(encoding="utf-8")
    for copied, old, new in COPIED_FROM_MATERIAL:
        if copied == name:
            assert theirs.count(old) == 1, f"Material's {name} changed near {old!r}"
            theirs = theirs.replace(old, new)
    ours = (REPO / "theme" / name).read_text(encoding="utf-8")
    assert _without_leading_comment(ours) == _without_leading_comment(theirs)
