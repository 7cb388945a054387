"""Localization: Babel for dates and month names, a small TOML catalog for interface strings.

The catalogs (`locales/<language>.toml`) are keyed by meaning rather than by English source
text, and are read with the standard library; gettext would add a compile step for a few
dozen strings.
"""

from __future__ import annotations

import tomllib
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.core import get_global
from babel.dates import format_date

from .messages import say


class LocaleError(ValueError):
    """The configured locale is unknown to Babel or has no Letopis catalog."""


class Localizer:
    """Formats dates and headings for one locale."""

    def __init__(self, locale: str) -> None:
        try:
            self.locale = Locale.parse(locale.replace("-", "_"))
        except (UnknownLocaleError, ValueError) as exc:
            raise LocaleError(say("unknown_locale", locale=locale)) from exc
        self.catalog = load_catalog(self.locale)
        self.ui: dict[str, str] = self.catalog["ui"]

    def post_date(self, moment: datetime | date) -> str:
        return _format(moment, self.catalog["dates"]["post"], self.locale)

    def month(self, year: int, month: int) -> str:
        """Stand-alone month and year («май 2014»), lower case as the language writes it."""
        return format_date(date(year, month, 1), self.catalog["dates"]["month"], locale=self.locale)

    def day(self, day: date) -> str:
        return _format(day, self.catalog["dates"]["day"], self.locale)

    def caption(self, year: int, month: int) -> str:
        """A calendar caption: the stand-alone month capitalized («Май 2014»)."""
        return _capitalized(self.month(year, month))

    def short_month(self, year: int, month: int) -> str:
        """Abbreviated month and year for prev/next links («апр. 2014»)."""
        return format_date(date(year, month, 1), self.catalog["dates"]["month_short"],
                           locale=self.locale)

    @property
    def first_week_day(self) -> int:
        """0 = Monday … 6 = Sunday, from CLDR week data for the locale's territory.

        A bare language has no territory, and Babel then answers for the world (Monday); the
        likely territory (ru → RU, en → US) gives what readers of that language expect.
        """
        return _with_territory(self.locale).first_week_day

    def weekdays(self) -> list[tuple[str, str]]:
        """(abbreviated, full) stand-alone day names from the first week day on."""
        short = self.locale.days["stand-alone"]["abbreviated"]
        full = self.locale.days["stand-alone"]["wide"]
        order = [(self.first_week_day + i) % 7 for i in range(7)]
        return [(_capitalized(short[d]), full[d]) for d in order]

    def months(self) -> list[tuple[str, str, str]]:
        """(abbreviated, narrow, full) stand-alone month names, January first."""
        names = self.locale.months["stand-alone"]
        return [(names["abbreviated"][m], names["narrow"][m], names["wide"][m])
                for m in range(1, 13)]

    def count(self, noun: str, number: int) -> str:
        """«1 запись», «3 записи», «5 записей»: CLDR plural rules choose the catalog's form."""
        forms = self.catalog["plurals"][noun]
        form = self.locale.plural_form(number)
        return forms.get(form, forms["other"]).format(n=number)

    def heading(self, kind: str, **values: Any) -> str:
        return self.catalog["headings"][kind].format(**values)

    def numbered(self, title: str, number: int) -> str:
        """The title of page `number` of a listing; page 1 keeps the plain title."""
        if number == 1:
            return title
        return self.heading("numbered_page", title=title, number=number)


def theme_language_problem(locale: str, theme_language: str | None) -> str | None:
    """Why the site would come out in two languages, or None when it speaks one.

    The theme's language decides `<html lang>`, the theme's own strings (skip link, header,
    footer) and therefore the language Pagefind stems the pages in; `locale` decides Letopis'
    dates and strings. Setting one without the other gives a mixed site, so the build stops
    and names the setting to change rather than overriding what mkdocs.yml says.
    """
    language = _language_of(locale)
    theme = _language_of(theme_language or "en")  # Material's default
    if language == theme:
        return None
    return say("theme_language", locale=locale, theme=theme_language or "en",
               language=language)


def _language_of(code: str) -> str:
    return code.replace("-", "_").split("_")[0].lower()


@lru_cache(maxsize=32768)  # the calendar and listings name the same days again and again
def _format(moment: datetime | date, pattern: str, locale: Locale) -> str:
    return format_date(moment, pattern, locale=locale)


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def _with_territory(locale: Locale) -> Locale:
    if locale.territory:
        return locale
    likely = get_global("likely_subtags").get(locale.language)
    return Locale.parse(likely) if likely else locale


def load_catalog(locale: Locale) -> dict[str, dict[str, str]]:
    """The catalog for `locale`, falling back from territory (ru_RU) to language (ru)."""
    folder = resources.files("letopis.core") / "locales"
    for name in (str(locale), locale.language):
        entry = folder / f"{name}.toml"
        if entry.is_file():
            return tomllib.loads(entry.read_text(encoding="utf-8"))
    available = sorted(p.name.removesuffix(".toml") for p in folder.iterdir()
                       if p.name.endswith(".toml"))
    raise LocaleError(say("no_catalog", locale=locale, available=", ".join(available),
                          language=locale.language))
