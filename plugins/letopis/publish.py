"""Atomic publishing: the site folder is replaced only by a build that succeeded.

MkDocs empties the site folder first and writes into it page by page, so a build that fails
half-way leaves a partial site where the last good one was. `letopis build` (`make build`)
builds with --strict into a folder beside it and swaps the two folders only on success.

It publishes, so it refuses the preview server's address (`SITE_URL` unset, the bundled
mkdocs.yml then falls back on http://127.0.0.1:8000/): canonical links, link previews, JSON-LD,
the sitemap and the feeds would all point at the reader's own machine. `--local` builds for
this machine all the same.

With the cache on, a build whose inputs did not change since the last published one, into a
site folder left as that build made it, is not run at all (core/build_record.py), and the
folder beside the site is not made from empty: it starts as the site the last build replaced,
kept as `.site.recycled`, and only the files that changed are written (core/recycled_site.py).
"""

from __future__ import annotations

import ipaddress
import os
import shutil
import subprocess
import sys
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit

from letopis.core import build_record, recycled_site
from letopis.core.build_cache import Store, build_started, digest, letopis_source
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


def unsafe_site(site: Path, *, project: Path, content: Path, theme: Path | None,
                cache: Path | None) -> str | None:
    """Why `site` cannot be the site folder, or None. The build replaces the site folder
    whole (and, with the cache, later builds remove from the folder it recycles whatever they
    did not write), so a site folder that is the project's, or holds or sits inside the
    content, the theme or the cache, would take the editors' files with it. MkDocs refuses
    such a folder itself, but here it is handed a staging folder beside the site instead."""
    site = site.resolve()
    if site.exists() and not site.is_dir():
        return say("site_is_file", site=site)
    if site == project or site in project.parents:
        return say("site_unsafe", site=site, reason=say("site_holds_project"))
    for name, folder in (("content", content), ("theme", theme), ("cache", cache)):
        if folder is None:
            continue
        folder = folder.resolve()
        if site == folder or site in folder.parents:
            return say("site_unsafe", site=site, reason=say(f"site_holds_{name}", folder=folder))
        if folder in site.parents:
            return say("site_unsafe", site=site, reason=say(f"site_inside_{name}",
                                                            folder=folder))
    return None


def build_atomically(config_file: Path, site: Path, engine: str, jobs: int = 1,
                     cache: Path | None = None,
                     inputs: build_record.Inputs | None = None) -> int:
    """Build `config_file` into `site`; on failure `site` is left exactly as it was. With
    `jobs` > 1 the pages are rendered by that many processes (mkdocs_plugins/parallel.py);
    with a `cache` folder, unchanged pages' Markdown is not converted again
    (mkdocs_plugins/build_cache.py), only the files that changed are written, over an older
    build kept beside the site (core/recycled_site.py), and when nothing in `inputs` changed
    since the last published build, nothing is built (core/build_record.py)."""
    site = site.resolve()
    # Beside the site: the same filesystem, so that the swap is two renames.
    staging = site.with_name(f".{site.name}.building")
    previous = site.with_name(f".{site.name}.previous")
    recycled = site.with_name(f".{site.name}.recycled")
    due_file = site.with_name(f".{site.name}.due")
    record_file = cache / build_record.NAME if cache else None
    before = _inputs_digest(inputs, engine, config_file, site) if record_file else None
    if record_file and before and inputs and build_record.is_current(
            build_record.read(record_file), digest(before, build_record.written_digest(inputs)),
            site, datetime.now(UTC)):
        print(say("build_unchanged", site=site))
        return 0
    due_file.unlink(missing_ok=True)
    shutil.rmtree(staging, ignore_errors=True)  # left over by a build that was killed
    # With the cache, the build is made over an older one (core/recycled_site.py), kept
    # beside the site for this: the site the last build replaced, or what a failed one wrote.
    recycle = cache is not None
    if recycle and recycled.is_dir():
        recycled.rename(staging)
    shutil.rmtree(recycled, ignore_errors=True)
    staging.mkdir(parents=True, exist_ok=True)
    since = recycled_site.disk_now(staging)
    # MkDocs' own command, with its page loops in workers and the Markdown cache.
    runner = "letopis.mkdocs_plugins.parallel" if jobs > 1 or cache else engine
    command = [sys.executable, "-m", runner, "build", "--strict", "-f", str(config_file),
               "-d", str(staging)]
    # os.environ passed on: coverage measures the subprocess only with it (DEVELOPERS.md).
    environment = {**os.environ, JOBS_ENV: str(jobs), CACHE_ENV: str(cache or ""),
                   build_record.DUE_ENV: str(due_file),
                   recycled_site.ENV: str(since) if recycle else ""}
    started = build_started()
    try:
        done = subprocess.run(command, check=False, env=environment)
        if recycle and done.returncode == 0:
            recycled_site.remove_stale(staging, since)
        if done.returncode != 0 or not (staging / "index.html").is_file():
            print(say("build_failed", site=site), file=sys.stderr)
            return done.returncode or 1
        shutil.rmtree(previous, ignore_errors=True)
        if site.exists():
            site.rename(previous)
        staging.rename(site)
        if recycle and previous.exists():
            previous.rename(recycled)
        shutil.rmtree(previous, ignore_errors=True)
        if cache:
            # Bounded: the least recently used go first, this build's entries never.
            Store(cache / "markdown").prune_if_due(used_since=started)
        if record_file:
            _record(record_file, before, inputs, site, due_file)
        print(say("build_done", site=site))
        return 0
    finally:
        if recycle and staging.exists() and not recycled.exists():
            staging.rename(recycled)  # the next build starts from what this one wrote
        shutil.rmtree(staging, ignore_errors=True)
        due_file.unlink(missing_ok=True)


def _inputs_digest(inputs: build_record.Inputs | None, engine: str, config_file: Path,
                   site: Path) -> str | None:
    """What the build about to run reads; None (build, record nothing) when it is not known
    or a file cannot be read."""
    if inputs is None:
        return None
    packages = [(str(dist.metadata["Name"]), dist.version) for dist in metadata.distributions()]
    try:
        return build_record.inputs_digest(
            inputs, environment=os.environ, packages=packages,
            other=(engine, str(config_file.resolve()), str(site), sys.version,
                   letopis_source()))
    except OSError:
        return None


def _record(record_file: Path, before: str | None, inputs: build_record.Inputs | None,
            site: Path, due_file: Path) -> None:
    """Keep what the published build was made from; without all of it, no record (the next
    build runs)."""
    try:
        due = build_record.read_due(due_file)
        if before is None or inputs is None:
            raise ValueError("inputs unknown")
        record = build_record.Record(
            inputs=digest(before, build_record.written_digest(inputs)),
            site=build_record.site_digest(site), due=due)
    except (OSError, ValueError):
        record_file.unlink(missing_ok=True)
        return
    build_record.write(record_file, record)
