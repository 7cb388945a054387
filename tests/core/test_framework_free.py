"""The core and its tests must work without MkDocs: with `mkdocs`, `properdocs` and `material`
made unimportable, every core module imports and every core test passes."""

from __future__ import annotations

import os
import pkgutil
import subprocess
import sys
from pathlib import Path

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
        "loaded = sorted(m for m in sys.modules\n"
        "                if m.split('.')[0] in {'mkdocs', 'properdocs', 'material'})\n"
        "print(','.join(loaded))\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == ""


# Refuses MkDocs and Material to whatever runs after it in the same interpreter.
BLOCK_MKDOCS = """
import sys
class Refuse:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in {"mkdocs", "properdocs", "material"}:
            raise ImportError(f"{name} is not available to the core")
sys.meta_path.insert(0, Refuse())
"""


def test_core_tests_pass_with_mkdocs_unimportable() -> None:
    tests_dir = Path(__file__).parent
    script = BLOCK_MKDOCS + (
        "import pytest\n"
        f"sys.exit(pytest.main([{str(tests_dir)!r}, '-q', '-p', 'no:cacheprovider',\n"
        f"    '--ignore', {str(Path(__file__))!r}]))\n"
    )
    # The core tests are measured once, in `make test`'s own process: measured again here they
    # would add minutes and no line (coverage's subprocess patch passes this variable on).
    env = {k: v for k, v in os.environ.items() if k != "COVERAGE_PROCESS_CONFIG"}
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          cwd=tests_dir.parent.parent, env=env)
    assert done.returncode == 0, done.stdout + done.stderr
    assert " passed" in done.stdout
