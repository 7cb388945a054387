"""What the Letopis plugins share: finding letopis/archive, the hub that loads posts and the
authors registry, and collects every problem of the build."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from letopis.core.messages import say

from .archive import ArchivePlugin


def archive_plugin(config: MkDocsConfig, needed_by: str) -> ArchivePlugin:
    archive = config.plugins.get("letopis/archive")
    if not isinstance(archive, ArchivePlugin):
        raise PluginError(say("needs_archive", needed_by=needed_by))
    return archive


def dest_taken(files: Files) -> dict[str, File]:
    """Files by destination, to refuse a generated page the place of an existing one."""
    return {f.dest_uri: f for f in files}
