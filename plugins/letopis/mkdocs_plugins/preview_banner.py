"""What the preview banner shows: the content's errors, written as JSON into the served folder
after every `mkdocs serve` rebuild (never by `mkdocs build`).

The pages of a preview carry a small script (theme/letopis/partials/preview-problems.html)
that reads this file when the page loads; MkDocs' live reload loads the page again after each
rebuild, so the banner comes with a rejected save and goes with the fix. The texts are ready
to show, in the site's language; the script only puts them in place as text.
"""

from __future__ import annotations

import json
from pathlib import Path

from letopis.core.l10n import Localizer
from letopis.core.problems import Problem

# Under the served folder; the template links to it the same way (theme/main.html).
PROBLEMS_FILE = "_letopis/problems.json"


def write_problems(site: Path, errors: list[Problem], localizer: Localizer | None) -> None:
    """`errors` empty: the last save was accepted and the banner is gone."""
    data: dict[str, object] = {"problems": [str(problem) for problem in errors]}
    if errors and localizer is not None:
        strings = localizer.catalog["preview"]
        data = {
            "title": strings["rejected"].format(errors=localizer.count("errors", len(errors))),
            "note": strings["kept"],
            "all": strings["all"].format(n=len(errors)),
            **data,
        }
    path = site / PROBLEMS_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
