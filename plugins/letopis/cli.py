"""`letopis`: the editors' command line. Creates a post or a journal issue with valid front
matter, and checks all content without building the site.

It reads the site's mkdocs.yml, so it knows where posts and journals live and which time zone
"today" is in; `check` runs the plugins' own loading and validation, so it reports exactly
what a build would.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
from collections.abc import Iterator, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

import yaml

from letopis.core.slugs import is_valid_slug, post_slug
from letopis.engine import EngineError, import_engine
from letopis.publish import build_atomically

EXIT_PROBLEMS = 1
EXIT_USAGE = 2


class CliError(Exception):
    """A mistake in how the command was called; printed without a traceback."""


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's banner is not for editors
    args = _parser().parse_args(argv)
    try:
        args.engine = import_engine()
        return args.run(args)
    except (CliError, EngineError) as exc:
        print(f"letopis: {exc}", file=sys.stderr)
        return EXIT_USAGE


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="letopis",
        description="Create and check the content of a Letopis site (an archive of posts and "
                    "journal issues built with MkDocs).",
        epilog="Examples:\n"
               '  letopis new post "Сегментация клиентского потока"\n'
               "  letopis new issue --journal klienting --year 2014 --number 3\n"
               "  letopis check\n"
               "  letopis build\n"
               "  letopis import wordpress export.xml --dry-run",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path,
                        help="the site's MkDocs configuration (default: mkdocs.yml)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    new = commands.add_parser("new", help="create a post or a journal issue",
                              description="Create a Markdown file with valid front matter. "
                                          "An existing file is never overwritten.")
    kinds = new.add_subparsers(dest="kind", required=True, metavar="KIND")
    post = kinds.add_parser(
        "post", help="a blog post dated today",
        description="Write posts/<year>/<slug>.md with the title, today's date in the site's "
                    "time zone and empty categories and tags.")
    post.add_argument("title", help="the post's title, e.g. «Сегментация клиентского потока»")
    post.add_argument("--slug", help="the URL slug (default: the title, transliterated)")
    post.set_defaults(run=_new_post)

    issue = kinds.add_parser(
        "issue", help="a journal issue",
        description="Write journal/<journal>/<year>-<number>.md with the year, the number, a "
                    "status and an empty list of articles.")
    issue.add_argument("--journal", required=True, help="the journal's folder name, e.g. "
                                                        "klienting")
    issue.add_argument("--year", required=True, type=int, help="the year of the issue")
    issue.add_argument("--number", required=True, type=int, help="its number within the year")
    issue.set_defaults(run=_new_issue)

    build = commands.add_parser(
        "build", help="build the site with --strict, replacing the site folder only on success",
        description="Build the site with --strict into a folder beside the site folder, and "
                    "put it in place of the site folder only when the build succeeded: a "
                    "failed build leaves the previous site as it was. `make build` runs this.")
    build.add_argument("--site-dir", type=Path,
                       help="where the site goes (default: site_dir of mkdocs.yml, site/)")
    build.set_defaults(run=_build)

    importer = commands.add_parser("import", help="bring content over from another system",
                                   description="Import content into this site.")
    sources = importer.add_subparsers(dest="source", required=True, metavar="SOURCE")
    wordpress = sources.add_parser(
        "wordpress", help="a WordPress export (WXR)",
        description="Import the posts, pages, comments, authors and media list of a WordPress "
                    "export (Tools → Export, WXR 1.0, 1.1 or 1.2). Running it again changes "
                    "nothing; a file an editor changed since the last import is kept unless "
                    "--force.")
    wordpress.add_argument("export", type=Path, help="the export file (.xml)")
    wordpress.add_argument("--into", type=Path,
                           help="the content folder (default: docs_dir of mkdocs.yml, or content)")
    wordpress.add_argument("--dry-run", action="store_true",
                           help="write nothing; print what would change")
    wordpress.add_argument("--force", action="store_true",
                           help="also overwrite files edited since the last import")
    wordpress.add_argument("--report", type=Path, metavar="FILE.json",
                           help="also write what the import did as JSON")
    wordpress.add_argument("--download-media", action="store_true",
                           help="first download the old site's media into <content>/media "
                                "(a failed file is reported, the rest goes on)")
    wordpress.set_defaults(run=_import_wordpress)

    check = commands.add_parser(
        "check", help="validate all content without building",
        description="Load every post, journal, issue and author as a build would and print "
                    "every problem as file:line: message. Exit status 1 if there is any.")
    check.set_defaults(run=_check)
    return parser


def _new_post(args: argparse.Namespace) -> int:
    config = _load_config(args.config_file)
    archive = _plugin(config, "letopis/archive")
    archive.on_config(config)
    context = archive.context
    today = datetime.now(context.timezone).date()
    if args.slug is not None and not is_valid_slug(args.slug):
        raise CliError(f'--slug "{args.slug}" may hold only letters, digits, "-" and "_" '
                       "(it becomes one part of the URL)")
    slug = args.slug or post_slug(args.title, "")
    target = Path(config.docs_dir) / archive.config.posts_dir / f"{today.year}" / f"{slug}.md"
    front = {"title": args.title, "date": today, "categories": [], "tags": []}
    if args.slug:
        front["slug"] = args.slug  # the file name alone would not set the URL
    _write_new(target, front)
    url = context.urls.post(datetime(today.year, today.month, today.day), slug)
    print(f"created {_shown(target)}: it will be published at /{url}")
    return 0


def _new_issue(args: argparse.Namespace) -> int:
    config = _load_config(args.config_file)
    archive = _plugin(config, "letopis/archive")
    journal_plugin = _plugin(config, "letopis/journal")
    archive.on_config(config)
    journal_dir = Path(config.docs_dir) / journal_plugin.config.journal_dir
    if not (journal_dir / args.journal / "index.md").is_file():
        known = sorted(p.parent.name for p in journal_dir.glob("*/index.md"))
        raise CliError(f'unknown journal "{args.journal}" (known: {", ".join(known) or "none"}; '
                       f"a journal is a folder with an index.md under {_shown(journal_dir)})")
    if not 1900 <= args.year <= 2100 or not 1 <= args.number <= 999:
        raise CliError("--year must be from 1900 to 2100 and --number from 1 to 999")
    target = journal_dir / args.journal / f"{args.year}-{args.number}.md"
    front = {"year": args.year, "number": args.number,
             "status": archive.context.localizer.ui["preparing"], "articles": []}
    _write_new(target, front)
    print(f"created {_shown(target)}: add its articles, then run `letopis check`")
    return 0


def _import_wordpress(args: argparse.Namespace) -> int:
    from letopis.wordpress.importer import import_export, media_urls
    from letopis.wordpress.media import download_media
    from letopis.wordpress.reader import NotWxrError

    if not args.export.is_file():
        raise CliError(f"{args.export}: файл не найден")
    settings = _import_settings(args)
    failed: list[str] = []
    try:
        if args.download_media:
            with args.export.open("rb") as stream:
                downloads = download_media(media_urls(stream), settings.into,
                                           dry_run=args.dry_run)
            failed = downloads.failed
            for failure in failed:
                print(f"медиафайл не скачан: {failure}", file=sys.stderr)
            verb = "было бы скачано" if args.dry_run else "скачано"
            print(f"медиафайлы: {verb} {len(downloads.fetched)}, уже были {downloads.present}, "
                  f"не удалось {len(failed)}")
        report = import_export(args.export, settings, opener=_progress)
    except NotWxrError as exc:
        raise CliError(f"{args.export}: {exc}") from None
    except ValueError as exc:  # an unreadable authors registry
        raise CliError(str(exc)) from None
    report.problems += [f"медиафайл не скачан: {failure}" for failure in failed]
    for item in report.items:
        if item.action != "unchanged":
            verb = {"create": "создать", "update": "обновить", "keep": "оставить"}[item.action] \
                if args.dry_run else {"create": "создан", "update": "обновлён",
                                      "keep": "оставлен (изменён редактором)"}[item.action]
            print(f"{verb}: {item.file}")
    print("\n".join(report.lines()))
    if args.report:
        args.report.write_text(json.dumps(report.as_json(), ensure_ascii=False, indent=1) + "\n",
                               encoding="utf-8")
    if report.failed:
        print(f"импорт завершён с ошибками: {len(report.skipped)} элемент(ов) не импортировано, "
              f"{len(report.problems)} ошибк(и); см. «Требует внимания» выше", file=sys.stderr)
    return EXIT_PROBLEMS if report.failed else 0


def _import_settings(args: argparse.Namespace) -> Any:
    from letopis.core.dates import site_timezone
    from letopis.core.urls import UrlScheme
    from letopis.wordpress.importer import Settings

    if args.config_file.is_file():
        config = _load_config(args.config_file)
        options = _plugin(config, "letopis/archive").config
        pages = config.plugins.get("letopis/pages")
        return Settings(into=args.into or Path(config.docs_dir),
                        timezone=site_timezone(options.timezone),
                        urls=UrlScheme(options.post_url_format), posts_dir=options.posts_dir,
                        pages_dir=pages.config.pages_dir if pages else "pages",
                        authors_file=options.authors_file, locale=options.locale,
                        dry_run=args.dry_run, force=args.force)
    return Settings(into=args.into or Path("content"), timezone=site_timezone("Europe/Moscow"),
                    urls=UrlScheme(), dry_run=args.dry_run, force=args.force)


@contextlib.contextmanager
def _progress(path: Path) -> Iterator[BinaryIO]:
    """The export opened for reading, with a progress bar on a terminal (by bytes read)."""
    from tqdm import tqdm

    with path.open("rb") as raw, tqdm.wrapattr(raw, "read", total=path.stat().st_size,
                                               desc="импорт", unit="B", unit_scale=True,
                                               disable=None, file=sys.stderr) as stream:
        yield stream


def _check(args: argparse.Namespace) -> int:
    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import get_files

    config = _load_config(args.config_file)
    archive = _plugin(config, "letopis/archive")
    logging.getLogger("mkdocs").setLevel(logging.CRITICAL + 1)  # problems are printed below
    config.plugins.on_startup(command="build", dirty=False)
    try:
        config = config.plugins.on_config(config)
        files = get_files(config)
        config.plugins.on_files(files, config=config)
    except PluginError as exc:
        if not archive.problems:  # not the content but the configuration
            raise CliError(str(exc)) from None
    problems = archive.problems
    for problem in sorted(problems.items, key=lambda p: (p.path, p.line or 0)):
        print(f"{problem} [{problem.severity.value}]")
    if problems:
        print(f"{len(problems.errors)} error(s), {len(problems.warnings)} warning(s)",
              file=sys.stderr)
        return EXIT_PROBLEMS
    posts = len(archive.all_posts)
    print(f"all content is valid ({posts} post{'s' if posts != 1 else ''})")
    return 0


def _build(args: argparse.Namespace) -> int:
    config = _load_config(args.config_file)
    site = args.site_dir or Path(config.site_dir)
    return build_atomically(args.config_file, site, args.engine)


def _load_config(path: Path) -> Any:
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    if not path.is_file():
        raise CliError(f"{path} not found: run letopis in the site's folder or pass "
                       "--config-file")
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    try:
        return load_config(config_file=str(path))
    except ConfigurationError as exc:
        raise CliError(f"{path}: {exc}") from None


def _plugin(config: Any, name: str) -> Any:
    plugin = config.plugins.get(name)
    if plugin is None:
        raise CliError(f"{config.config_file_path} does not use the {name} plugin")
    return plugin


def _write_new(target: Path, front: dict[str, Any]) -> None:
    if target.exists():
        raise CliError(f"{_shown(target)} already exists; refusing to overwrite it")
    target.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.safe_dump(front, allow_unicode=True, sort_keys=False, default_flow_style=None)
    with target.open("x", encoding="utf-8") as out:  # "x": never replace a file
        out.write(f"---\n{text}---\n\n")


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


if __name__ == "__main__":
    sys.exit(main())
