"""WordPress HTML → Markdown: paragraphs, lists, quotes, images, captions, the more mark,
shortcodes kept as written."""

from __future__ import annotations

import pytest

from letopis.wordpress.convert import to_markdown


@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        # WordPress keeps paragraphs as blank lines and line breaks as newlines.
        ("Первый абзац\nс переносом.\n\nВторой абзац.",
         "Первый абзац  \nс переносом.\n\nВторой абзац.\n"),
        ("Текст <strong>жирный</strong> и <em>курсив</em>.", "Текст **жирный** и *курсив*.\n"),
        ("<ul>\n\t<li>раз</li>\n\t<li>два</li>\n</ul>", "- раз\n- два\n"),
        ("<ol><li>раз</li><li>два</li></ol>", "1. раз\n2. два\n"),
        ("<blockquote>Цитата</blockquote>", "> Цитата\n"),
        ("<h2>Заголовок</h2>\nТекст.", "## Заголовок\n\nТекст.\n"),
        ('Ссылка <a href="https://example.org/x/">туда</a>.',
         "Ссылка [туда](https://example.org/x/).\n"),
        ("До.\n\n<!--more-->\n\nПосле.", "До.\n\n<!-- more -->\n\nПосле.\n"),
        ("До.<!--more Читать дальше-->После.", "До.\n\n<!-- more -->\n\nПосле.\n"),
        ("Сноска [1] и [Примечание] остаются.", "Сноска [1] и [Примечание] остаются.\n"),
    ],
)
def test_html_becomes_markdown(html: str, markdown: str) -> None:
    assert to_markdown(html).markdown == markdown


def test_caption_becomes_an_image_with_its_caption() -> None:
    html = ('[caption id="attachment_5" align="aligncenter" width="300"]<a href="big.png">'
            '<img src="https://old.example.org/wp-content/uploads/small.png" alt="Схема" /></a>'
            " Четыре <em>группы</em> заявок[/caption]")
    result = to_markdown(html, image_url=lambda url: url.replace("https://old.example.org/", "/"))
    assert result.markdown == (
        '<figure markdown="span">\n  ![Схема](/wp-content/uploads/small.png)\n'
        "  <figcaption>Четыре группы заявок</figcaption>\n</figure>\n")
    assert result.images == ["https://old.example.org/wp-content/uploads/small.png"]


def test_caption_text_is_escaped_inside_html() -> None:
    result = to_markdown('[caption]<img src="a.png" alt="A"> A &lt;b&gt; &amp; "q"[/caption]')
    assert "<figcaption>A &lt;b&gt; &amp; &quot;q&quot;</figcaption>" in result.markdown


def test_other_shortcodes_are_kept_verbatim_and_counted() -> None:
    html = '[gallery ids="1,2"]\n\n[su_box title="Итог"]Текст[/su_box] и [embed]x[/embed]'
    result = to_markdown(html)
    assert '[gallery ids="1,2"]' in result.markdown
    assert '[su_box title="Итог"]Текст[/su_box]' in result.markdown  # no "\_" escape
    assert result.shortcodes == {"gallery": 1, "su_box": 1, "embed": 1}


def test_images_can_be_pointed_at_local_copies() -> None:
    html = '<img src="https://old.example.org/wp-content/uploads/2014/05/a.png" alt="A">'
    result = to_markdown(html, image_url=lambda url: "../../media/2014/05/a.png")
    assert result.markdown == "![A](../../media/2014/05/a.png)\n"
    assert result.images == ["https://old.example.org/wp-content/uploads/2014/05/a.png"]
