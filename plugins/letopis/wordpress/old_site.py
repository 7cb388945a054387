"""Addresses of the old WordPress site: which links point into it, the path of an old address
on the new site, and where an upload is kept in the content folder."""

from __future__ import annotations

import posixpath
import re
from urllib.parse import SplitResult, unquote, urljoin, urlsplit

from letopis.core.urls import split_address

from .reader import Site

MEDIA = "media"
UPLOADS = "/wp-content/uploads/"
_SLASHES = re.compile(r"/{2,}")
_NO_ADDRESS = urlsplit("")


def split(url: str) -> SplitResult:
    """`urlsplit`, except that an address it refuses (core.urls.split_address) reads as no
    address at all: nothing of the old site's, nothing to download."""
    return split_address(url) or _NO_ADDRESS


def readable(url: str) -> bool:
    """Whether `url` reads as an address at all (core.urls.split_address)."""
    return split_address(url) is not None


class OldSite:
    """The blog an export came from: its hosts (with and without www.) and its sub-folder."""

    def __init__(self, site: Site) -> None:
        self.base_url = site.base_url or site.site_url
        self.site_url = site.site_url or site.base_url
        self.hosts = {_host(url) for url in (self.base_url, self.site_url) if _host(url)}
        self.prefix = _clean(unquote(split(self.base_url).path)).rstrip("/")

    def absolute(self, url: str, page: str = "") -> str:
        """`url` as an absolute address, relative ones read against `page` (the old permalink
        of the post they appear in), else against the blog's own address."""
        base = page or (self.base_url.rstrip("/") + "/" if self.base_url else "")
        if base and readable(base) and readable(url.strip()):
            return urljoin(base, url.strip())
        return url.strip()

    def owns(self, url: str) -> bool:
        """An address on the old site (absolute, or root-relative)."""
        parts = split(url)
        if parts.scheme not in {"", "http", "https"}:
            return False
        return not parts.netloc or _host(url) in self.hosts

    def path(self, url: str) -> str:
        """The path of an old address below the blog, without slashes at its ends, decoded and
        with doubled slashes made single: "https://old/blog/2014//x/" → "2014/x"."""
        path = _clean(unquote(split(url).path))
        if self.prefix and (path == self.prefix or path.startswith(self.prefix + "/")):
            path = path[len(self.prefix):]
        return path.strip("/")

    def is_upload(self, url: str) -> bool:
        return self.owns(url) and UPLOADS in _clean(split(url).path)


def media_path(url: str) -> str:
    """Where a WordPress upload lives in the content folder: media/<year>/<month>/<file>."""
    path = _clean(unquote(split(url).path))
    _, found, rest = path.partition(UPLOADS)
    parts = [part for part in (rest if found else posixpath.basename(path)).split("/")
             if part not in {"", ".", ".."}]
    return posixpath.join(MEDIA, *parts) if parts else posixpath.join(MEDIA, "file")


def _clean(path: str) -> str:
    return _SLASHES.sub("/", path)


def _host(url: str) -> str:
    return (split(url).hostname or "").removeprefix("www.")
