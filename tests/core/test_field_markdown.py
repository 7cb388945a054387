"""Markdown in fields (abstracts): formatting is kept; raw HTML, handlers and script URLs
are not, however they are spelled."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from letopis.core.field_markdown import FieldMarkdown, is_safe_url

EXTENSIONS = ["toc", "attr_list", "md_in_html"]


def parsed(text: str) -> BeautifulSoup:
    # A converter per test, not one built at import: mutation testing counts the calls made
    # while a test runs, and a converter built beforehand would hide its building from it.
    return BeautifulSoup(FieldMarkdown(EXTENSIONS).convert(text), "lxml")


def test_markdown_formatting_and_safe_links_are_kept() -> None:
    soup = parsed("*Важно*: [журнал](https://example.org/j), [архив](/2014/05/), "
                  "[почта](mailto:editor@example.org), [якорь](#lozh-3)")
    assert soup.select_one("em").get_text() == "Важно"
    assert [a["href"] for a in soup.select("a")] == [
        "https://example.org/j", "/2014/05/", "mailto:editor@example.org", "#lozh-3"]


def test_raw_html_is_shown_as_text() -> None:
    soup = parsed('<script>alert(1)</script> и <img src=x onerror="alert(2)"> <b>жирный</b>')
    assert soup.select("script, img, b") == []
    assert soup.get_text() == '<script>alert(1)</script> и <img src=x onerror="alert(2)"> ' \
                              "<b>жирный</b>"


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JavaScript:alert(1)", " javascript:alert(1)",
    "java\tscript:alert(1)", "&#106;avascript:alert(1)", "&#x6A;avascript&colon;alert(1)",
    "data:text/html,<script>alert(1)</script>", "vbscript:msgbox(1)",
])
def test_script_urls_lose_their_address(url: str) -> None:
    soup = parsed(f"[ссылка]({url}) ![картинка]({url})")
    link, image = soup.select_one("a"), soup.select_one("img")
    assert link.get_text() == "ссылка"
    assert "href" not in link.attrs and "src" not in image.attrs


def test_attributes_that_run_script_are_dropped() -> None:
    soup = parsed('Абзац\n{: onclick="alert(1)" onmouseover="alert(2)" style="x" .note '
                  'srcdoc="<script>alert(3)</script>" formaction="https://example.org/" }')
    (paragraph,) = soup.select("p")
    assert paragraph.attrs == {"class": ["note"]}


@pytest.mark.parametrize(("url", "safe"), [
    ("page/", True), ("../x.png", True), ("https://a.b/c", True), ("HTTP://a.b", True),
    ("mailto:x@y.z", True), ("javascript:x", False), ("file:///etc/passwd", False),
    ("\x01javascript:x", False), ("a:b", False), ("./a:b", True),
    # A browser drops the spaces and tabs before or inside a scheme, and so reads these as
    # https: and mailto:.
    (" https://a.b/c", True), ("ht\ttps://a.b/c", True), ("mail\nto:x@y.z", True),
])
def test_is_safe_url(url: str, safe: bool) -> None:
    assert is_safe_url(url) is safe


def test_the_sites_extension_options_apply_in_fields() -> None:
    # toc's permalink option: each heading gets its own link, as on the site's pages.
    html = FieldMarkdown(["toc"], {"toc": {"permalink": "¶"}}).convert("# Summary")
    link = BeautifulSoup(html, "lxml").select_one("h1 a")
    assert (link.get_text(), link["href"]) == ("¶", "#summary")
