"""Downloading the old site's media into the content folder, one file at a time: a file that
fails is reported and the others go on."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

TIMEOUT = 30  # seconds per file


@dataclass
class Downloads:
    fetched: list[str] = field(default_factory=list)
    present: int = 0  # already downloaded earlier
    failed: list[str] = field(default_factory=list)  # "URL: reason"


def download_media(files: Iterable[tuple[str, str]], into: Path, *,
                   dry_run: bool = False) -> Downloads:
    """Download each (URL, content file) once, in order, unless the file is there."""
    result = Downloads()
    for url, local in dict(files).items():
        target = into / local
        if target.is_file():
            result.present += 1
            continue
        if urlsplit(url).scheme not in {"http", "https"}:
            result.failed.append(f"{url}: not an http(s) address")
            continue
        if dry_run:
            result.fetched.append(url)
            continue
        try:
            with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
                data = response.read()
        except (urllib.error.URLError, OSError, ValueError) as exc:
            result.failed.append(f"{url}: {getattr(exc, 'reason', exc)}")
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".part")
        partial.write_bytes(data)
        partial.replace(target)  # a failed download never leaves half a file
        result.fetched.append(url)
    return result
