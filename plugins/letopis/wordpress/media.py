"""Downloading the old site's media into the content folder, one file at a time: a file that
fails is reported and the others go on."""

from __future__ import annotations

import socket
import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from letopis.core.urls import split_address

from .words import say

TIMEOUT = 30  # seconds per file


@dataclass
class Downloads:
    fetched: list[str] = field(default_factory=list)
    present: int = 0  # already downloaded earlier
    failed: list[str] = field(default_factory=list)  # "URL: reason", in the site's language


def download_media(files: Iterable[tuple[str, str]], into: Path, *,
                   dry_run: bool = False) -> Downloads:
    """Download each (URL, content file) once, in order, unless the file is there."""
    result = Downloads()
    for url, local in dict(files).items():
        target = into / local
        if target.is_file():
            result.present += 1
            continue
        if (refused := _refused(url)) is not None:
            result.failed.append(f"{url}: {refused}")
            continue
        if dry_run:
            result.fetched.append(url)
            continue
        try:
            with urllib.request.urlopen(url, timeout=TIMEOUT) as response:
                data = response.read()
        except (urllib.error.URLError, OSError, ValueError) as exc:
            result.failed.append(f"{url}: {_why(exc)}")
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".part")
        partial.write_bytes(data)
        partial.replace(target)  # a failed download never leaves half a file
        result.fetched.append(url)
    return result


def _refused(url: str) -> str | None:
    """Why `url` is not even tried, if it is not: not http(s), or not an address at all."""
    parts = split_address(url)
    if parts is None:  # "http://[::1/x.png": an unclosed bracket
        return say("media_bad_address")
    return None if parts.scheme in {"http", "https"} else say("media_not_http")


def _why(failure: Exception) -> str:
    """Why a download failed, in the site's language: urllib and the OS say it in English, and
    a server in whatever words it has ("File not found"); its status code is kept."""
    if isinstance(failure, urllib.error.HTTPError):  # before URLError, its parent
        return say("media_http_status", code=failure.code)
    reason = failure.reason if isinstance(failure, urllib.error.URLError) else failure
    if isinstance(reason, TimeoutError):  # socket.timeout too: the same class since 3.10
        return say("media_timeout", seconds=TIMEOUT)
    if isinstance(reason, socket.gaierror):
        return say("media_no_host")
    if isinstance(reason, ConnectionRefusedError):
        return say("media_refused")
    # An address urllib cannot use: "http:///x.png" ("no host given", said as a bare string).
    if isinstance(reason, str | ValueError):
        return say("media_bad_address")
    # Anything rarer keeps the system's own detail beside a word the editor can read.
    return say("media_network", detail=reason)
