"""`letopis/addresses`: a published post does not move by accident. Each post's address is
compared with the one the last successful build recorded (core/addresses.py); a move the
editor did not decide is a warning, which fails a `--strict` build."""

from __future__ import annotations

import os
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Literal

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files

from letopis.core.addresses import (
    Address,
    address_of,
    find_moves,
    next_record,
    read_record,
    record_text,
)
from letopis.core.messages import say

from .archive import ArchivePlugin
from .shared import archive_plugin

log = get_plugin_logger("letopis")


class AddressesConfig(base.Config):
    # The addresses of the last successful build, relative to mkdocs.yml: outside the site
    # (never published) and the content (not the editors' files).
    record = c.Type(str, default=".cache/letopis/addresses.json")


class AddressesPlugin(BasePlugin[AddressesConfig]):
    def __init__(self) -> None:
        self._archive: ArchivePlugin | None = None
        self._path: Path | None = None
        self._writes = False
        self._next: dict[str, Address] | None = None  # the record once this build is done
        self._ready: dict[str, Address] | None = None

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        # The preview shows the warnings but never moves the baseline.
        self._writes = command != "serve"

    def on_config(self, config: MkDocsConfig) -> None:
        self._archive = archive_plugin(config, "letopis/addresses")
        self._path = Path(config.config_file_path or ".").parent / self.config.record

    @event_priority(-50)  # after letopis/archive has loaded the posts, before it reports
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        archive = self._archive
        assert archive is not None and archive.index is not None and archive.context is not None
        assert self._path is not None
        self._next = self._ready = None
        record = self._read()
        # A preview may list drafts and future posts: only what a build publishes is compared.
        now = datetime.now(archive.context.timezone)
        published = [post for post in archive.index.posts
                     if not post.draft and post.published <= now]
        moves = find_moves(published, record, archive.context.urls)
        for move in moves:
            archive.problems.warning(move.path, move.line, move.message)
        if self._writes:  # the preview never writes the record: not made at every save
            self._next = next_record(record, {p.source: address_of(p) for p in published},
                                     {p.source for p in archive.all_posts},
                                     {move.source for move in moves})
            if self._next == record:
                # Written as it is already: writing it out (indented JSON, half a second at
                # 10,000 posts) would change nothing.
                self._next = None
        return files

    def _read(self) -> dict[str, Address]:
        assert self._path is not None
        try:
            text = self._path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return {}  # the first build: nothing has moved yet
        except (OSError, UnicodeDecodeError) as exc:
            log.info(say("addresses_unreadable", path=self._path, reason=exc))
            return {}
        record = read_record(text)
        if record is None:
            log.info(say("addresses_not_record", path=self._path))
        return record or {}

    @event_priority(-100)  # the last step of a build
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self._ready = self._next if self._writes else None

    def on_build_error(self, *, error: Exception) -> None:
        # MkDocs fails a --strict build for its own warnings after on_post_build.
        self._ready = None

    def on_shutdown(self) -> None:
        if self._ready is None or self._path is None:
            return
        # Written whole or not at all: another build may read it at any moment.
        self._path.parent.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=self._path.parent, prefix=".addresses-")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as out:
                out.write(record_text(self._ready))
            Path(temporary).chmod(0o644)  # not mkstemp's 0600: a CI cache step reads it
            Path(temporary).replace(self._path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
        self._ready = None
