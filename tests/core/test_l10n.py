"""Dates and headings in Russian cases, English too; the catalogs agree on their keys."""

from __future__ import annotations

import tomllib
from datetime import date, datetime
from importlib import resources

import pytest

from letopis.core.l10n import LocaleError, Localizer, theme_language_problem

RU = Localizer("ru")


@pytest.mark.parametrize(
    ("month", "text"),
    [(1, "январь 2014"), (5, "май 2014"), (8, "август 2014"), (12, "декабрь 2014")],
)
def test_stand_alone_month_for_headings(month: int, text: str) -> None:
    assert RU.month(2014, month) == text


def test_day_is_in_the_genitive() -> None:
    assert RU.day(date(2014, 5, 20)) == "20 мая 2014"
    assert RU.day(date(2016, 2, 29)) == "29 февраля 2016"


def test_post_date_is_babels_long_format() -> None:
    assert RU.post_date(datetime(2014, 5, 20, 10, 30)) == "20 мая 2014\u202fг."


def test_year_is_the_calendar_year_even_in_the_first_days_of_january() -> None:
    # "YYYY" would give the week-based year 2014 for this date.
    assert RU.day(date(2015, 1, 1)) == "1 января 2015"
    assert RU.month(2016, 1) == "январь 2016"


@pytest.mark.parametrize(
    ("kind", "values", "text"),
    [
        ("year", {"year": 2014}, "Архив за 2014 год"),
        ("month", {"month": "май 2014"}, "Архив за май 2014"),
        ("day", {"day": "20 мая 2014"}, "Архив за 20 мая 2014"),
        ("category", {"name": "Продажи"}, "Рубрика «Продажи»"),
    ],
)
def test_russian_headings(kind: str, values: dict, text: str) -> None:
    assert RU.heading(kind, **values) == text


def test_page_titles_number_only_further_pages() -> None:
    assert RU.numbered("Последние записи", 1) == "Последние записи"
    assert RU.numbered("Последние записи", 2) == "Последние записи — страница 2"


def test_english() -> None:
    en = Localizer("en")
    assert en.month(2014, 5) == "May 2014"
    assert en.day(date(2014, 5, 20)) == "May 20, 2014"
    assert en.heading("month", month=en.month(2014, 5)) == "Archive for May 2014"


def test_territory_falls_back_to_the_language_catalog() -> None:
    assert Localizer("ru_RU").ui["read_more"] == RU.ui["read_more"]


@pytest.mark.parametrize(("locale", "message"), [
    ("xx", 'неизвестный язык "xx"'),
    ("de", 'у Letopis нет строк интерфейса для языка "de" (есть: en, ru)'),
])
def test_unsupported_locales_are_named(locale: str, message: str) -> None:
    with pytest.raises(LocaleError) as caught:
        Localizer(locale)
    assert message in str(caught.value)


def test_catalogs_have_the_same_keys() -> None:
    folder = resources.files("letopis.core") / "locales"
    catalogs = {entry.name: tomllib.loads(entry.read_text(encoding="utf-8"))
                for entry in folder.iterdir() if entry.name.endswith(".toml")}
    assert set(catalogs) == {"ru.toml", "en.toml"}
    shapes = {name: {section: set(strings) for section, strings in catalog.items()}
              for name, catalog in catalogs.items()}
    assert shapes["ru.toml"] == shapes["en.toml"]


@pytest.mark.parametrize(
    ("locale", "theme_language", "to_set"),
    [
        ("ru", "ru", None),
        ("en", "en", None),
        ("en_GB", "en", None),
        ("pt-BR", "pt-BR", None),
        ("en", None, None),  # Material's default language is English
        ("en", "ru", "theme.language: en"),
        ("ru", "en", "theme.language: ru"),
        ("ru", None, "theme.language: ru"),
        ("ru_RU", "en", "theme.language: ru"),
    ],
)
def test_theme_language_must_match_the_locale(locale: str, theme_language: str | None,
                                              to_set: str | None) -> None:
    problem = theme_language_problem(locale, theme_language)
    assert (problem is None) == (to_set is None)
    if to_set:
        assert to_set in problem
