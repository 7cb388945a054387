"""The engine under test: MkDocs, or ProperDocs in its place (`make test` runs the suite with
each). With ProperDocs, MkDocs itself is not even installed: nothing can fall back on it."""

from __future__ import annotations

import importlib.metadata

import pytest

from tests.conftest import Build, engine


def installed(distribution: str) -> bool:
    try:
        importlib.metadata.distribution(distribution)
    except importlib.metadata.PackageNotFoundError:
        return False
    return True


def test_the_bundled_site_is_built_by_the_engine_under_test(bundled_site: Build) -> None:
    assert bundled_site.returncode == 0, bundled_site.log
    generator = bundled_site.html("").select_one("meta[name=generator]")["content"]
    expected = {"mkdocs": "mkdocs-1.", "properdocs": "ProperDocs 1."}[engine()]
    assert expected in generator


@pytest.mark.skipif(engine() != "properdocs", reason="the ProperDocs run only")
def test_properdocs_runs_in_place_of_mkdocs() -> None:
    assert installed("properdocs")
    assert not installed("mkdocs")
