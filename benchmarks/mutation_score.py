"""The score of a `make mutation` run, by module: reads `mutmut results --all true` (one line
per mutant, "letopis.core.calendar.x_month_grid__mutmut_3: killed") and prints, for the core and
the WordPress converter, how many mutants the fast tests killed.

Usage: python benchmarks/mutation_score.py .mutation/results.txt
"""

from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

# "letopis.core.calendar.xǁArchiveCalendarǁ__init____mutmut_7: survived"
LINE = re.compile(r"^\s*(?P<module>letopis(?:\.\w+)+?)\.(?:x_|xǁ)\S*__mutmut_\d+: (?P<status>.+)$")
# Not a verdict on the tests: mutmut could not run these, or they ran too long.
NOT_JUDGED = {"no tests", "skipped", "not checked"}


def read(text: str) -> dict[str, Counter[str]]:
    by_module: dict[str, Counter[str]] = defaultdict(Counter)
    for line in text.splitlines():
        if match := LINE.match(line):
            by_module[match["module"]][match["status"].strip()] += 1
    return by_module


def score(counts: Counter[str]) -> tuple[int, int]:
    """Killed (a timeout counts: the mutant was caught) out of the mutants judged."""
    judged = sum(n for status, n in counts.items() if status not in NOT_JUDGED)
    killed = counts["killed"] + counts["timeout"]
    return killed, judged


def main(argv: list[str]) -> int:
    by_module = read(Path(argv[1]).read_text(encoding="utf-8"))
    groups = {"letopis.core": Counter(), "letopis.wordpress.convert": Counter()}
    for module, counts in sorted(by_module.items()):
        killed, judged = score(counts)
        print(f"{module:45} {killed:5} / {judged:5} killed  ({dict(counts)})")
        for group, total in groups.items():
            if module == group or module.startswith(group + "."):
                total.update(counts)
    for group, counts in groups.items():
        killed, judged = score(counts)
        share = 100 * killed / judged if judged else 0.0
        print(f"{group}: {killed} of {judged} mutants killed ({share:.1f} %)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
