"""`letopis`: the editors' command line. Creates a post or a journal issue with valid front
matter, and checks all content without building the site.

It reads the site's mkdocs.yml, so it knows where posts and journals live and which time zone
"today" is in; `check` runs the plugins' own loading and validation, so it reports exactly
what a build would.

It speaks the site's language: Russian, or English when letopis/archive has `locale: en` (or,
with no readable mkdocs.yml, when LC_ALL / LC_MESSAGES / LANG start with "en"). Its words are in
the `[cli]` tables of the core's catalogs (letopis/core/locales/*.toml), argparse's own too.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import sys
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any, BinaryIO

import yaml

from letopis.core.build_cache import FOLDER as CACHE_FOLDER
from letopis.core.build_record import Inputs
from letopis.core.jobs import available_cores
from letopis.core.l10n import Localizer
from letopis.core.messages import set_language
from letopis.core.slugs import is_valid_slug, post_slug
from letopis.engine import EngineError, import_engine
from letopis.publish import build_atomically, is_preview_address, unsafe_site

EXIT_PROBLEMS = 1
EXIT_USAGE = 2


EXAMPLES = ('letopis new post "Сегментация клиентского потока"',
            "letopis new issue --journal klienting --year 2014 --number 3",
            "letopis check",
            "letopis build",
            "letopis import wordpress export.xml --dry-run")


class CliError(Exception):
    """A mistake in how the command was called; printed without a traceback."""


class Texts:
    """The command line's words in one language, from the `[cli]` table of its catalog."""

    def __init__(self, language: str) -> None:
        self.localizer = Localizer(language)
        self.table: dict[str, Any] = dict(self.localizer.catalog["cli"])
        self.argparse: dict[str, str] = self.table.pop("argparse", {})

    def __call__(self, key: str, **values: Any) -> str:
        return str(self.table[key]).format(**values)

    def count(self, noun: str, number: int) -> str:
        return self.localizer.count(noun, number)

    def gettext(self, message: str | None) -> str | None:
        # argparse passes None for a subparsers group without a description.
        return None if message is None else self.argparse.get(message, message)

    def ngettext(self, singular: str, plural: str, number: int) -> str:
        return self.argparse.get(singular if number == 1 else plural,
                                 singular if number == 1 else plural)


@contextlib.contextmanager
def _argparse_speaking(texts: Texts) -> Iterator[None]:
    """argparse in the language of `texts`.

    argparse reads every word of its own ("usage:", "error:", "positional arguments", "the
    following arguments are required" …) through its module's `_` and `ngettext`, looked up
    when each message is made. Handing it a translation function there covers all of them, in
    whatever method of whatever Python version they sit; overriding the methods that hold them
    (ArgumentParser.error, parse_known_args, _check_value, HelpFormatter._format_usage …)
    would copy private code that changes between versions. The original functions are put
    back when the command has its arguments.
    """
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._, argparse.ngettext = texts.gettext, texts.ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


def main(argv: Sequence[str] | None = None) -> int:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's banner is not for editors
    arguments = list(sys.argv[1:] if argv is None else argv)
    texts = Texts(cli_language(arguments, os.environ))
    set_language(texts.localizer.locale.language)  # the content problems' language too
    with _argparse_speaking(texts):
        args = _parser(texts).parse_args(arguments)
    args.texts = texts
    try:
        args.engine = import_engine()
        return args.run(args)
    except (CliError, EngineError) as exc:
        print(f"letopis: {exc}", file=sys.stderr)
        return EXIT_USAGE


def cli_language(argv: Sequence[str], environ: Mapping[str, str]) -> str:
    """"en" or "ru": the locale of the site's letopis/archive, or, when no mkdocs.yml can be
    read, the editor's environment (LC_ALL, then LC_MESSAGES, then LANG, as POSIX orders
    them). Russian unless English is asked for: the editors and their guide are Russian."""
    locale = _site_locale(_config_argument(argv))
    if locale is None:
        locale = next((environ[name] for name in ("LC_ALL", "LC_MESSAGES", "LANG")
                       if environ.get(name)), "ru")
    return "en" if locale.lower().startswith("en") else "ru"


def _config_argument(argv: Sequence[str]) -> Path:
    """The -f/--config-file given, read before argparse (whose words depend on it)."""
    for index, argument in enumerate(argv):
        if argument == "--":
            break
        if argument in ("-f", "--config-file") and index + 1 < len(argv):
            return Path(argv[index + 1])
        if argument.startswith("--config-file="):
            return Path(argument.partition("=")[2])
        if argument.startswith("-f") and not argument.startswith("--") and len(argument) > 2:
            return Path(argument[2:])
    return Path("mkdocs.yml")


class _AnyTagLoader(yaml.SafeLoader):
    """mkdocs.yml may hold `!!python/name:` or `!ENV` values; for the locale they are None."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def _site_locale(config: Path) -> str | None:
    """letopis/archive's `locale:` ("ru" when not set), or None when there is none to read."""
    try:
        data = yaml.load(config.read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return None
    plugins = data.get("plugins") if isinstance(data, dict) else None
    for entry in plugins if isinstance(plugins, list) else []:
        if entry == "letopis/archive":
            return "ru"
        if isinstance(entry, dict) and "letopis/archive" in entry:
            options = entry["letopis/archive"]
            locale = options.get("locale", "ru") if isinstance(options, dict) else "ru"
            return locale if isinstance(locale, str) else None
    if isinstance(plugins, dict) and "letopis/archive" in plugins:
        options = plugins["letopis/archive"]
        locale = options.get("locale", "ru") if isinstance(options, dict) else "ru"
        return locale if isinstance(locale, str) else None
    return None


class _WholeNumber:
    """int, named in the editor's language: argparse names a type by its __name__ ("invalid int
    value") without passing it through its translation function."""

    def __init__(self, name: str) -> None:
        self.__name__ = name

    def __call__(self, text: str) -> int:
        return int(text)


def _parser(t: Texts) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="letopis",
        description=t("description"),
        epilog="\n".join([t("epilog_title"), *(f"  {example}" for example in EXAMPLES)]),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("-f", "--config-file", default="mkdocs.yml", type=Path,
                        metavar=t("file_metavar"), help=t("config_file_help"))
    commands = parser.add_subparsers(dest="command", required=True, title=t("commands_title"),
                                     metavar=t("commands_metavar"))

    new = commands.add_parser("new", help=t("new_help"), description=t("new_description"))
    kinds = new.add_subparsers(dest="kind", required=True, metavar=t("kind_metavar"))
    post = kinds.add_parser("post", help=t("post_help"), description=t("post_description"))
    post.add_argument("title", metavar=t("title_metavar"), help=t("title_help"))
    post.add_argument("--slug", metavar=t("slug_metavar"), help=t("slug_help"))
    post.set_defaults(run=_new_post)

    issue = kinds.add_parser("issue", help=t("issue_help"), description=t("issue_description"))
    issue.add_argument("--journal", required=True, metavar=t("journal_metavar"),
                       help=t("journal_help"))
    whole = _WholeNumber(t("whole_number"))
    issue.add_argument("--year", required=True, type=whole, metavar=t("year_metavar"),
                       help=t("year_help"))
    issue.add_argument("--number", required=True, type=whole, metavar=t("number_metavar"),
                       help=t("number_help"))
    issue.set_defaults(run=_new_issue)

    build = commands.add_parser("build", help=t("build_help"), description=t("build_description"))
    build.add_argument("--site-dir", type=Path, metavar=t("folder_metavar"),
                       help=t("site_dir_help"))
    build.add_argument("--local", action="store_true", help=t("local_help"))
    build.add_argument("--no-cache", action="store_true", help=t("no_cache_help"))
    build.add_argument("--jobs", "-j", type=_WholeNumber(t("whole_number")),
                       default=available_cores(), metavar=t("jobs_metavar"),
                       help=t("jobs_help", cores=available_cores()))
    build.set_defaults(run=_build)

    importer = commands.add_parser("import", help=t("import_help"),
                                   description=t("import_description"))
    sources = importer.add_subparsers(dest="source", required=True, metavar=t("source_metavar"))
    wordpress = sources.add_parser("wordpress", help=t("wordpress_help"),
                                   description=t("wordpress_description"))
    wordpress.add_argument("export", type=Path, metavar=t("export_metavar"),
                           help=t("export_help"))
    wordpress.add_argument("--into", type=Path, metavar=t("folder_metavar"), help=t("into_help"))
    wordpress.add_argument("--dry-run", action="store_true", help=t("dry_run_help"))
    wordpress.add_argument("--force", action="store_true", help=t("force_help"))
    wordpress.add_argument("--report", type=Path, metavar=t("report_metavar"),
                           help=t("report_help"))
    wordpress.add_argument("--download-media", action="store_true",
                           help=t("download_media_help"))
    wordpress.set_defaults(run=_import_wordpress)

    check = commands.add_parser("check", help=t("check_help"), description=t("check_description"))
    check.set_defaults(run=_check)
    return parser


def _new_post(args: argparse.Namespace) -> int:
    t: Texts = args.texts
    if not args.title.strip():  # the build would refuse the file: `title` is required
        raise CliError(t("empty_title"))
    config = _load_config(args.config_file, t)
    archive = _plugin(config, "letopis/archive", t)
    archive.on_config(config)
    context = archive.context
    today = datetime.now(context.timezone).date()
    if args.slug is not None and not is_valid_slug(args.slug):
        raise CliError(t("bad_slug", slug=args.slug))
    slug = args.slug or post_slug(args.title, "")
    target = Path(config.docs_dir) / archive.config.posts_dir / f"{today.year}" / f"{slug}.md"
    # The slug is written down: a later retitle (a typo fixed) does not move the address.
    front = {"title": args.title, "date": today, "slug": slug, "categories": [], "tags": []}
    _write_new(target, front, t)
    url = context.urls.post(datetime(today.year, today.month, today.day), slug)
    print(t("created_post", path=_shown(target), url=url, slug=slug))
    return 0


def _new_issue(args: argparse.Namespace) -> int:
    t: Texts = args.texts
    config = _load_config(args.config_file, t)
    archive = _plugin(config, "letopis/archive", t)
    journal_plugin = _plugin(config, "letopis/journal", t)
    archive.on_config(config)
    journal_dir = Path(config.docs_dir) / journal_plugin.config.journal_dir
    if not (journal_dir / args.journal / "index.md").is_file():
        known = sorted(p.parent.name for p in journal_dir.glob("*/index.md"))
        raise CliError(t("unknown_journal", journal=args.journal,
                         known=", ".join(known) or t("none"), folder=_shown(journal_dir)))
    if not 1900 <= args.year <= 2100 or not 1 <= args.number <= 999:
        raise CliError(t("bad_issue_number"))
    target = journal_dir / args.journal / f"{args.year}-{args.number}.md"
    front = {"year": args.year, "number": args.number,
             "status": archive.context.localizer.ui["preparing"], "articles": []}
    _write_new(target, front, t)
    print(t("created_issue", path=_shown(target)))
    return 0


def _import_wordpress(args: argparse.Namespace) -> int:
    from letopis.wordpress.importer import import_export, media_urls
    from letopis.wordpress.media import download_media
    from letopis.wordpress.reader import NotWxrError

    t: Texts = args.texts
    if not args.export.is_file():
        raise CliError(t("file_not_found", path=args.export))
    settings = _import_settings(args)
    failed: list[str] = []
    try:
        if args.download_media:
            with args.export.open("rb") as stream:
                downloads = download_media(media_urls(stream), settings.into,
                                           dry_run=args.dry_run)
            failed = downloads.failed
            for failure in failed:
                print(t("media_failed", failure=failure), file=sys.stderr)
            print(t("media_summary_dry_run" if args.dry_run else "media_summary",
                    fetched=len(downloads.fetched), present=downloads.present,
                    failed=len(failed)))
        report = import_export(args.export, settings,
                               opener=lambda path: _progress(path, t("import_progress")))
    except NotWxrError as exc:
        raise CliError(f"{args.export}: {exc}") from None
    except ValueError as exc:  # an unreadable authors registry
        raise CliError(str(exc)) from None
    report.problems += [t("media_failed", failure=failure) for failure in failed]
    for item in report.items:
        if item.action != "unchanged":
            verb = t(f"import_would_{item.action}" if args.dry_run else f"import_{item.action}")
            print(f"{verb}: {item.file}")
    print("\n".join(report.lines()))
    if args.report:
        args.report.write_text(json.dumps(report.as_json(), ensure_ascii=False, indent=1) + "\n",
                               encoding="utf-8")
    if report.failed:
        print(t("import_failed", skipped=len(report.skipped), problems=len(report.problems)),
              file=sys.stderr)
    return EXIT_PROBLEMS if report.failed else 0


def _import_settings(args: argparse.Namespace) -> Any:
    from letopis.core.dates import site_timezone
    from letopis.core.urls import UrlScheme
    from letopis.wordpress.importer import Settings

    if args.config_file.is_file():
        config = _load_config(args.config_file, args.texts)
        options = _plugin(config, "letopis/archive", args.texts).config
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
def _progress(path: Path, label: str) -> Iterator[BinaryIO]:
    """The export opened for reading, with a progress bar on a terminal (by bytes read)."""
    from tqdm import tqdm

    with path.open("rb") as raw, tqdm.wrapattr(raw, "read", total=path.stat().st_size,
                                               desc=label, unit="B", unit_scale=True,
                                               disable=None, file=sys.stderr) as stream:
        yield stream


def _check(args: argparse.Namespace) -> int:
    from mkdocs.exceptions import PluginError
    from mkdocs.structure.files import get_files

    t: Texts = args.texts
    config = _load_config(args.config_file, t)
    archive = _plugin(config, "letopis/archive", t)
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
        print(f"{problem} [{t(problem.severity.value)}]")
    if problems:
        _print_schedule(archive, t)
        print(t("check_summary", errors=t.count("errors", len(problems.errors)),
                warnings=t.count("warnings", len(problems.warnings))), file=sys.stderr)
        return EXIT_PROBLEMS
    print(t("all_valid", posts=t.count("posts", len(archive.all_posts))))
    _print_schedule(archive, t)
    return 0


def _print_schedule(archive: Any, t: Texts) -> None:
    """The posts waiting for their date, soonest first, and when the next one is due: an
    editor sees a post scheduled by mistake before the nightly run would publish it."""
    from letopis.core.schedule import schedule

    waiting = schedule(archive.all_posts, datetime.now(archive.context.timezone))
    if waiting.next_due is None:
        return
    print(t("scheduled_title", posts=t.count("posts", len(waiting))))
    for post in waiting.waiting:
        print(t("scheduled_post", due=f"{post.published:%Y-%m-%d %H:%M}", path=post.path,
                title=post.title))
    print(t("scheduled_next", due=f"{waiting.next_due:%Y-%m-%d %H:%M}",
            zone=waiting.next_due.tzinfo))


def _build(args: argparse.Namespace) -> int:
    config = _load_config(args.config_file, args.texts)
    if not args.local and is_preview_address(config.site_url):
        raise CliError(args.texts("preview_address", site_url=config.site_url or "—"))
    site = args.site_dir or Path(config.site_dir)
    if args.jobs < 1:
        raise CliError(args.texts("bad_jobs", jobs=args.jobs))
    # Beside mkdocs.yml, as letopis/addresses keeps its record; CI keeps the folder.
    project = args.config_file.resolve().parent
    cache = None if args.no_cache else project / CACHE_FOLDER
    if problem := unsafe_site(site, project=project, content=Path(config.docs_dir),
                              theme=Path(config.theme.custom_dir) if config.theme.custom_dir
                              else None, cache=project / CACHE_FOLDER.parts[0]):
        raise CliError(problem)
    return build_atomically(args.config_file, site, args.engine, jobs=args.jobs, cache=cache,
                            inputs=_build_inputs(config, args.config_file, site))


def _build_inputs(config: Any, config_file: Path, site: Path) -> Inputs | None:
    """What a build of `config` reads (core/build_record.py): the project's folder (mkdocs.yml
    and whatever it names beside it), the content and the theme, less the site folders; the
    addresses record, which the build rewrites. None when that is not known: a configuration
    that INHERITs another file."""
    if b"INHERIT" in config_file.read_bytes():
        return None
    project = config_file.resolve().parent
    addresses = getattr(config.plugins.get("letopis/addresses"), "config", None)
    return Inputs(
        roots=tuple(Path(folder) for folder in (project, config.docs_dir,
                                                config.theme.custom_dir) if folder),
        skipped=(site, Path(config.site_dir)),
        written=(project / addresses.record,) if addresses is not None else ())


def _load_config(path: Path, t: Texts) -> Any:
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError

    if not path.is_file():
        raise CliError(t("config_not_found", path=path))
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    try:
        return load_config(config_file=str(path))
    except ConfigurationError as exc:
        raise CliError(f"{path}: {exc}") from None
    except Abort:  # an invalid value: MkDocs has logged which one, in its own words
        raise CliError(t("config_invalid", path=path)) from None


def _plugin(config: Any, name: str, t: Texts) -> Any:
    plugin = config.plugins.get(name)
    if plugin is None:
        raise CliError(t("no_plugin", path=config.config_file_path, name=name))
    return plugin


def _write_new(target: Path, front: dict[str, Any], t: Texts) -> None:
    if target.exists():
        raise CliError(t("file_exists", path=_shown(target)))
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
