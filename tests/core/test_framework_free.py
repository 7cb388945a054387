"""The core must import without MkDocs: importing every core module loads no `mkdocs*` module."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import letopis.core


def core_modules() -> list[str]:
    return [f"letopis.core.{m.name}" for m in pkgutil.iter_modules(letopis.core.__path__)]


def test_core_has_the_expected_modules() -> None:
    # Guards the test below against passing vacuously on an empty package.
    assert {"letopis.core.posts", "letopis.core.archive", "letopis.core.urls"} <= set(
        core_modules()
    )


def test_importing_the_core_loads_no_mkdocs_module() -> None:
    script = (
        "import importlib, sys\n"
        f"for name in {core_modules()!r}:\n"
        "    importlib.import_module(name)\n"
        "loaded = sorted(m for m in sys.modules if m.split('.')[0] in {'mkdocs', 'material'})\n"
        "print(','.join(loaded))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == ""
