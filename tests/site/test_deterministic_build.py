"""Two builds of the same content are byte-identical: no build time, no random ids, no
absolute paths of the machine in the output."""

from __future__ import annotations

import gzip
import struct
from datetime import UTC, date, datetime

import pytest

from tests.conftest import REPO, Build, run_mkdocs


@pytest.fixture(scope="module")
def twice(tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, Build]:
    """The bundled site built twice, into different folders, with different hash seeds."""
    builds = tuple(run_mkdocs(REPO, site=tmp_path_factory.mktemp(f"build{seed}") / "site",
                              env={"PYTHONHASHSEED": seed})
                   for seed in ("1", "2"))
    for build in builds:
        assert build.returncode == 0, build.log
    return builds


def files_of(build: Build) -> dict[str, bytes]:
    return {p.relative_to(build.site).as_posix(): p.read_bytes()
            for p in sorted(build.site.rglob("*")) if p.is_file()}


def test_two_builds_are_byte_identical(twice: tuple[Build, Build]) -> None:
    first, second = (files_of(build) for build in twice)
    assert first.keys() == second.keys()
    differing = [name for name in first if first[name] != second[name]]
    assert differing == []
    assert any(name.startswith("pagefind/") for name in first)  # the search index too
    assert len(first) > 100


def test_the_output_holds_no_build_date_nor_folder(twice: tuple[Build, Build]) -> None:
    build = twice[0]
    today = date.today()
    marks = [today.isoformat(), f"{today:%d.%m.%Y}", str(build.site), str(build.site.parent)]
    for name, data in files_of(build).items():
        if name.endswith((".html", ".xml", ".json", ".js", ".css")):
            text = data.decode("utf-8")
            assert not any(mark in text for mark in marks), name


def test_the_gzipped_sitemap_carries_the_newest_post_date(twice: tuple[Build, Build]) -> None:
    """gzip stores a time in its header; MkDocs puts the build day there unless told."""
    data = (twice[0].site / "sitemap.xml.gz").read_bytes()
    (stamp,) = struct.unpack("<I", data[4:8])
    assert datetime.fromtimestamp(stamp, UTC).date() == date(2014, 5, 20)
    assert b"<urlset" in gzip.decompress(data)
