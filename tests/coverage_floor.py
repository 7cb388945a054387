"""The coverage floor of `make test`: the line coverage of the MkDocs pass, subprocesses included
(`mkdocs`, `letopis`), must not fall below the floor; branch coverage is printed beside it.
Coverage's own `--fail-under` counts lines and branches together, hence this script.

Usage: python tests/coverage_floor.py FLOOR COVERAGE_JSON
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def figures(totals: dict) -> tuple[float, float]:
    """Line and branch coverage, in per cent."""
    lines = 100 * totals["covered_lines"] / max(totals["num_statements"], 1)
    branches = 100 * totals["covered_branches"] / max(totals["num_branches"], 1)
    return lines, branches


def main(argv: list[str]) -> int:
    floor = float(argv[1])
    totals = json.loads(Path(argv[2]).read_text(encoding="utf-8"))["totals"]
    lines, branches = figures(totals)
    print(f"Coverage of letopis (MkDocs pass, subprocesses included): lines {lines:.2f} % "
          f"(floor {floor:g} %), branches {branches:.2f} %. Line by line: make coverage, "
          "then htmlcov/index.html")
    if lines < floor:
        print(f"Line coverage {lines:.2f} % is below the floor of {floor:g} %: test the new "
              "lines (the table above lists the files by coverage).")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
