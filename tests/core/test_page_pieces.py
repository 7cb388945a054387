"""Small pieces of a page that only the site tests reached before: robots.txt, the link-preview
description and picture (page_meta.py), month names for the calendar's month picker, an
author's address."""

from __future__ import annotations

import pytest

from letopis.core.l10n import Localizer
from letopis.core.page_meta import DESCRIPTION_LENGTH, first_image, short_description
from letopis.core.robots import robots_txt
from letopis.core.urls import UrlScheme

# --- robots.txt -----------------------------------------------------------------------------


def test_robots_txt_allows_everything_and_names_the_sitemap() -> None:
    assert robots_txt("https://example.org/sitemap.xml") == (
        "User-agent: *\nAllow: /\n\nSitemap: https://example.org/sitemap.xml\n")


@pytest.mark.parametrize("sitemap", [None, ""])
def test_robots_txt_without_a_site_address_names_no_sitemap(sitemap: str | None) -> None:
    assert robots_txt(sitemap) == "User-agent: *\nAllow: /\n"


# --- short_description ----------------------------------------------------------------------


def test_a_short_description_is_one_line_of_the_paragraphs() -> None:
    assert short_description(("Первый  абзац\nзаписи.", " Второй\tабзац. ")) == \
        "Первый абзац записи. Второй абзац."
    assert short_description(()) == ""
    assert short_description([]) == ""


def test_a_description_of_the_limit_is_kept_whole() -> None:
    text = "а" * (DESCRIPTION_LENGTH - 5) + " конец"  # 201 characters
    assert DESCRIPTION_LENGTH == 200
    assert short_description((text[1:],)) == text[1:]  # 200: kept
    assert short_description((text,)) == "а" * (DESCRIPTION_LENGTH - 5) + "…"  # 201: cut


@pytest.mark.parametrize(("text", "limit", "expected"), [
    ("Раз два три четыре", 10, "Раз два…"),  # cut at the last space before the limit
    ("Раз два три четыре", 12, "Раз два три…"),
    ("Раз два три четыре", 11, "Раз два…"),  # "три" might go on: it goes
    ("Раз, два, три, четыре", 10, "Раз, два…"),  # the comma before the cut goes
    ("Раз. Два. Три.", 10, "Раз. Два…"),
    ("Раз; два; три", 10, "Раз; два…"),
    ("Раз: два: три", 10, "Раз: два…"),
    ("Раз-два— три", 8, "Раз-два…"),
    ("Раз–два– три", 8, "Раз–два…"),
    ("Раз-два- три", 8, "Раз-два…"),
    ("ЗаголовокБезПробелов", 5, "Загол…"),  # one long word is cut inside it
])
def test_a_long_description_is_cut_at_a_word(text: str, limit: int, expected: str) -> None:
    assert short_description((text,), limit=limit) == expected


def test_a_cut_keeps_letters_that_look_like_nothing_special() -> None:
    assert short_description(("XXX XXX XXX",), limit=8) == "XXX XXX…"
    assert short_description(("ааа ааа ааа",), limit=8) == "ааа ааа…"


# --- first_image ----------------------------------------------------------------------------


@pytest.mark.parametrize(("html", "expected"), [
    ('<p>Текст</p><p><img src="a.png" alt=""></p><img src="b.png">', "a.png"),
    ('Текст <img src="../img/схема.png">', "../img/схема.png"),
    ('<img alt="без адреса"><img src="b.png">', None),  # the first picture has none
    ('<img src="">', None),
    ("<p>Без картинок</p>", None),
    ("<p>&lt;img src=&quot;x.png&quot;&gt;</p>", None),  # a picture written about, not shown
    ("<p>Текст про <imgur>", None),
    ("", None),
])
def test_the_first_image_of_a_page(html: str, expected: str | None) -> None:
    assert first_image(html) == expected


def test_a_picture_written_in_capitals_is_found() -> None:
    # Raw HTML in Markdown reaches the page as the editor typed it; HTML tags are
    # case-insensitive.
    assert first_image('<p>Текст</p><IMG SRC="https://example.org/a.jpg">') == \
        "https://example.org/a.jpg"
    assert first_image('<Img src="b.png">') == "b.png"


# --- month names ----------------------------------------------------------------------------


def test_russian_month_names_stand_alone() -> None:
    months = Localizer("ru").months()
    assert len(months) == 12
    assert months[0] == ("янв.", "Я", "январь")
    assert months[4] == ("май", "М", "май")
    assert months[11] == ("дек.", "Д", "декабрь")
    assert [full for _, _, full in months][5:8] == ["июнь", "июль", "август"]


def test_english_month_names() -> None:
    months = Localizer("en").months()
    assert months[0] == ("Jan", "J", "January")
    assert months[8] == ("Sep", "S", "September")
    assert months[-1] == ("Dec", "D", "December")


# --- an author's address --------------------------------------------------------------------


@pytest.mark.parametrize(("key", "url"), [
    ("ivan", "author/ivan/"),
    ("иван", "author/%D0%B8%D0%B2%D0%B0%D0%BD/"),
    ("a b", "author/a%20b/"),
])
def test_an_authors_address(key: str, url: str) -> None:
    assert UrlScheme.author(key) == url
    assert UrlScheme().author(key) == url
    assert UrlScheme.authors == "author/"
