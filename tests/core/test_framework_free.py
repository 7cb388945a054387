"""The core and its tests must work without MkDocs: no core module, and no core test, imports
`mkdocs`, `properdocs` or `material` — at the top, inside a function, or by name through
importlib — and every core module imports in an interpreter where they cannot be imported.

The imports are found in the syntax trees, not by running the core tests a second time with the
engine blocked (that took a minute of `make test` for what a read of the sources shows)."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import letopis.core

ENGINES = {"mkdocs", "properdocs", "material"}
CORE = Path(letopis.core.__file__).parent
CORE_TESTS = Path(__file__).parent


def core_modules() -> list[str]:
    return [f"letopis.core.{m.name}" for m in pkgutil.iter_modules(letopis.core.__path__)]


def engine_imports(source: str) -> list[tuple[int, str]]:
    """(line, module) of every import of an engine in `source`: import statements anywhere,
    `from` imports, and `importlib.import_module("…")` / `__import__("…")` with a literal name."""
    found = []
    for node in ast.walk(ast.parse(source)):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [node.module]
        elif (isinstance(node, ast.Call) and node.args
              and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)
              and ast.unparse(node.func) in {"importlib.import_module", "import_module",
                                             "__import__"}):
            names = [node.args[0].value]
        found += [(node.lineno, name) for name in names if name.split(".")[0] in ENGINES]
    return found


@pytest.mark.parametrize("source, expected", [
    ("import mkdocs", [(1, "mkdocs")]),
    ("def f():\n    from mkdocs.structure.files import File\n", [(2, "mkdocs.structure.files")]),
    ("import os, material.plugins as m", [(1, "material.plugins")]),
    ("x = importlib.import_module('properdocs.commands')", [(1, "properdocs.commands")]),
    ("__import__('mkdocs')", [(1, "mkdocs")]),
    ("import mkdocs_like\nfrom . import mkdocs\nname = 'mkdocs'", []),
])
def test_the_scan_finds_every_way_of_importing_an_engine(source: str,
                                                        expected: list[tuple[int, str]]) -> None:
    assert engine_imports(source) == expected


def test_core_has_the_expected_modules() -> None:
    # Guards the tests below against passing vacuously on an empty package.
    assert {"letopis.core.posts", "letopis.core.archive", "letopis.core.urls"} <= set(
        core_modules())
    assert len(list(CORE_TESTS.glob("test_*.py"))) > 20


@pytest.mark.parametrize("folder", [CORE, CORE_TESTS], ids=["core", "core tests"])
def test_no_engine_import_in_the_core_or_its_tests(folder: Path) -> None:
    found = [f"{path.name}:{line}: {name}" for path in sorted(folder.rglob("*.py"))
             for line, name in engine_imports(path.read_text(encoding="utf-8"))]
    assert found == []


# Refuses MkDocs and Material to whatever runs after it in the same interpreter.
BLOCK_ENGINES = """
import importlib, sys
class Refuse:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {"mkdocs", "properdocs", "material"}:
            raise ImportError(f"{name} is not available to the core")
sys.meta_path.insert(0, Refuse())
"""


def test_every_core_module_imports_with_the_engines_unimportable() -> None:
    script = BLOCK_ENGINES + (
        f"for name in {core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in {'mkdocs', 'properdocs',"
        " 'material'})\n"
        "print(','.join(loaded))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""


def test_the_block_refuses_an_engine() -> None:
    # The control: the same interpreter set-up does refuse MkDocs.
    done = subprocess.run([sys.executable, "-c", BLOCK_ENGINES + "import mkdocs\n"],
                          capture_output=True, text=True)
    assert done.returncode != 0
    assert "mkdocs is not available to the core" in done.stderr
