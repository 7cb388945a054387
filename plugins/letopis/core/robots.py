"""robots.txt: everything may be crawled, and the sitemap is named by its absolute address
(robots.txt accepts no relative one)."""

from __future__ import annotations


def robots_txt(sitemap_url: str | None) -> str:
    lines = ["User-agent: *", "Allow: /"]
    if sitemap_url:
        lines += ["", f"Sitemap: {sitemap_url}"]
    return "\n".join(lines) + "\n"
