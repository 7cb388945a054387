"""Lays out one generated corpus (corpus.py) for every builder the build benchmark compares, so
that all of them read the same post files: Letopis' project, the posts-only docs folder of the
floor and of Material's blog, and a Hugo site (front matter converted, templates copied from
benchmarks/hugo/).

    root/letopis/mkdocs.yml, root/letopis/docs/    the whole corpus (posts, authors, journal)
    root/mkdocs/{floor,floor-nosearch,blog}.yml    three configurations over one folder:
    root/mkdocs/docs/                              the posts and the home page alone
    root/hugo/                                     hugo.toml, layouts/, content/posts/*.md
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from corpus import mkdocs_configs

HUGO = Path(__file__).resolve().parent / "hugo"
# libyaml when PyYAML has it (as Letopis reads front matter): 20,000 posts convert in seconds.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def lay_out(corpus: Path, root: Path, theme: Path) -> dict[str, Path]:
    """Every builder's project under `root`; the configuration file (for Hugo: the project
    folder) of each builder by name."""
    paths: dict[str, Path] = {}
    letopis = root / "letopis"
    shutil.copytree(corpus, letopis / "docs")
    paths["letopis"] = _write_config(letopis / "mkdocs.yml",
                                     mkdocs_configs(letopis / "docs", theme)["letopis"])
    shared = root / "mkdocs"
    shutil.copytree(corpus / "posts", shared / "docs" / "posts")
    shutil.copy2(corpus / "index.md", shared / "docs" / "index.md")
    configs = mkdocs_configs(shared / "docs", theme)
    for name in ("floor", "floor-nosearch", "blog"):
        paths[name] = _write_config(shared / f"{name}.yml", configs[name])
    paths["hugo"] = hugo_site(corpus, root / "hugo")
    return paths


def _write_config(path: Path, config: dict[str, Any]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False),
                    encoding="utf-8")
    return path


def hugo_site(corpus: Path, site: Path) -> Path:
    """A Hugo site of the corpus' posts: the templates and hugo.toml of benchmarks/hugo/, and
    each post converted into content/posts/<slug>.md."""
    shutil.copytree(HUGO, site)
    posts = site / "content" / "posts"
    posts.mkdir(parents=True)
    (site / "content" / "_index.md").write_text("---\ntitle: Последние записи\n---\n",
                                                encoding="utf-8")
    (posts / "_index.md").write_text("---\ntitle: Записи\n---\n", encoding="utf-8")
    for source in sorted((corpus / "posts").rglob("*.md")):
        front, body = hugo_post(source.read_text(encoding="utf-8"))
        (posts / f"{front['slug']}.md").write_text(
            "---\n" + yaml.dump(front, Dumper=DUMPER, allow_unicode=True, sort_keys=False)
            + "---\n" + body, encoding="utf-8")
    return site


def hugo_post(text: str) -> tuple[dict[str, Any], str]:
    """A post file of the corpus as Hugo's front matter and body.

    The date is written as a local time string (hugo.toml sets the site's time zone, as
    Letopis' timezone option does); the year and the month become terms of the `years` and
    `months` taxonomies, Hugo's way to year and month archives; the authors are left out (no
    author pages in the comparison). Hugo's summary divider is `<!--more-->`, without the
    spaces the corpus writes.
    """
    _, head, body = text.split("---\n", 2)
    source = yaml.load(head, Loader=LOADER)
    moment = source["date"]
    front = {"title": source["title"], "date": moment.isoformat(), "slug": source["slug"],
             "categories": source["categories"], "tags": source["tags"],
             "years": [f"{moment:%Y}"], "months": [f"{moment:%Y-%m}"]}
    return front, body.replace("<!-- more -->", "<!--more-->")
