"""Atomic publishing: the site folder is replaced only by a build that succeeded.

MkDocs empties the site folder first and writes into it page by page, so a build that fails
half-way leaves a partial site where the last good one was. `letopis build` (`make build`)
builds with --strict into a folder beside it and swaps the two folders only on success.

It publishes, so it refuses the preview server's address (`SITE_URL` unset, the bundled
mkdocs.yml then falls back on http://127.0.0.1:8000/): canonical links, link previews, JSON-LD,
the sitemap and the feeds would all point at the reader's own machine. `--local` builds for
this machine all the same.
"""

from __future__ import annotations

import ipaddress
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from letopis.core.build_cache import Store
from letopis.core.jobs import ENV as JOBS_ENV
from letopis.core.messages import say

CACHE_ENV = "LETOPIS_CACHE"  # read by letopis.mkdocs_plugins.build_cache, in the build process


def is_preview_address(site_url: str | None) -> bool:
    """True when `site_url` is no address readers can reach: none at all, or one on this
    machine (localhost, a loopback or unspecified IP address, as `mkdocs serve` uses)."""
    try:
        host = urlsplit(site_url or "").hostname
    except ValueError:  # a malformed address (an unclosed "[") is no published one either
        return True
    if not host:
        return True
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False  # a host name
    return address.is_loopback or address.is_unspecified


def build_atomically(config_file: Path, site: Path, engine: str, jobs: int = 1,
                     cache: Path | None = None) -> int:
    """Build `config_file` into `site`; on failure `site` is left exactly as it was. With
    `jobs` > 1 the pages are rendered by that many processes (mkdocs_plugins/parallel.py);
    with a `cache` folder, unchanged pages' Markdown is not converted again
    (mkdocs_plugins/build_cache.py)."""
    site = site.resolve()
    # Beside the site: the same filesystem, so that the swap is two renames.
    staging = site.with_name(f".{site.name}.building")
    previous = site.with_name(f".{site.name}.previous")
    shutil.rmtree(staging, ignore_errors=True)  # left over by an interrupted build
    # MkDocs' own command, with its page loops in workers and the Markdown cache.
    runner = "letopis.mkdocs_plugins.parallel" if jobs > 1 or cache else engine
    command = [sys.executable, "-m", runner, "build", "--strict", "-f", str(config_file),
               "-d", str(staging)]
    # os.environ passed on: coverage measures the subprocess only with it (DEVELOPERS.md).
    environment = {**os.environ, JOBS_ENV: str(jobs), CACHE_ENV: str(cache or "")}
    try:
        done = subprocess.run(command, check=False, env=environment)
        if done.returncode != 0 or not (staging / "index.html").is_file():
            print(say("build_failed", site=site), file=sys.stderr)
            return done.returncode or 1
        shutil.rmtree(previous, ignore_errors=True)
        if site.exists():
            site.rename(previous)
        staging.rename(site)
        shutil.rmtree(previous, ignore_errors=True)
        if cache:
            Store(cache / "markdown").prune()  # bounded: the least recently used go first
        print(say("build_done", site=site))
        return 0
    finally:
        shutil.rmtree(staging, ignore_errors=True)
