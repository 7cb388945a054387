"""Details of the HTML → Markdown conversion that mutation testing found untested: images
without alt text or with a title, link titles, anchors whose id holds a table's «|»."""

from __future__ import annotations

import pytest

from letopis.wordpress.convert import to_markdown
from tests.wordpress.test_convert import render


@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        # No alt text: an empty one, never the word None.
        ('<img src="https://example.org/a.png">', "![](https://example.org/a.png)\n"),
        ('<img src="https://example.org/a.png" alt="Схема" title="Подпись">',
         '![Схема](https://example.org/a.png "Подпись")\n'),
        ('<img src="https://example.org/a.png" alt="  Схема \n продаж ">',
         "![Схема продаж](https://example.org/a.png)\n"),
        ('<a href="https://example.org/x/" title="Всплывающая">ссылка</a>',
         '[ссылка](https://example.org/x/ "Всплывающая")\n'),
        ('<a href="https://example.org/x/">ссылка</a>', "[ссылка](https://example.org/x/)\n"),
        # «|» would end a table cell: the anchor keeps it as a character reference.
        ('<p id="a|b">Якорь</p>', '<a id="a&#124;b"></a>Якорь\n'),
    ],
)
def test_detail_becomes_markdown(html: str, markdown: str) -> None:
    assert to_markdown(html).markdown == markdown


# Details the mutation run of 2026-12-01 (second session) found untested.
@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        # Inside code a link or a struck-out word is text: no Markdown in a code span.
        ('<code>см. <a href="https://example.org/">тут</a></code>', "`см. тут`\n"),
        ("<code>было <del>стало</del></code>", "`было стало`\n"),
        # A code span is one line whatever the spaces in the HTML.
        ("<code>git  commit\n -m</code>", "`git commit -m`\n"),
        # A link or a struck-out space with no text leaves nothing behind.
        ('<a href="https://example.org/"></a>Текст', "Текст\n"),
        ("Слово<del> </del>слово", "Слово слово\n"),
        # Ordered lists keep their first number; a start that is no number counts from 1.
        ('<ol start="3"><li>три</li><li>четыре</li></ol>', "3. три\n4. четыре\n"),
        ('<ol start="x"><li>раз</li></ol>', "1. раз\n"),
        ("<ul><li></li><li>раз</li></ul>", "- раз\n"),
        # A heading without text keeps its id as an anchor; an id attr_list cannot hold goes
        # before the text.
        ('<h2 id="razdel"></h2>Текст', '<a id="razdel"></a>\n\nТекст\n'),
        ('<h2 id="a b">Раздел</h2>', '## <a id="a b"></a>Раздел\n'),
        # Every id of a pipe table is kept, each as its own anchor.
        ('<table id="t"><tr><th id="h">А</th></tr><tr><td>1</td></tr></table>',
         '<a id="t"></a>\n\n| <a id="h"></a>А |\n| --- |\n| 1 |\n'),
        ('<table id="t"><tbody id="b"><tr><th>А</th></tr><tr><td>1</td></tr></tbody></table>',
         '<a id="t"></a><a id="b"></a>\n\n| А |\n| --- |\n| 1 |\n'),
        # Code blocks keep their lines as written: leading spaces, blank lines, any letter.
        ("<pre>  if x:\n    y</pre>", "      if x:\n        y\n"),
        ("<pre>X = 1</pre>", "    X = 1\n"),
        ("<pre>a\n\nb</pre>", "    a\n\n    b\n"),
        ("До.<pre>\n\n</pre>После.", "До.\n\nПосле.\n"),
        # After a list an empty comment keeps the code block out of the list's last item; after
        # a paragraph none is needed.
        ("<ul><li>раз</li></ul><pre>код</pre>", "- раз\n\n<!-- -->\n\n    код\n"),
        ("<ol><li>раз</li></ol><pre>код</pre>", "1. раз\n\n<!-- -->\n\n    код\n"),
        ("<p>Текст</p><pre>код</pre>", "Текст\n\n    код\n"),
        # Bold and italics split by paragraphs are applied to each paragraph.
        ("<blockquote><strong>Раз<p>Два</p></strong></blockquote>",
         "> **Раз**\n>\n> **Два**\n"),
    ],
)
def test_more_details_become_markdown(html: str, markdown: str) -> None:
    assert to_markdown(html).markdown == markdown


def test_an_item_after_a_code_block_stays_in_the_list() -> None:
    html = "<ul><li>Пример:<pre>код</pre></li><li>дальше</li></ul>"
    tree = render(to_markdown(html).markdown)
    items = tree.xpath("//ul/li")
    assert len(tree.xpath("//ul")) == 1
    assert len(items) == 2
    assert items[0].xpath(".//pre/code/text()") == ["код\n"]
    assert " ".join(items[1].text_content().split()) == "дальше"


@pytest.mark.parametrize(
    "html",
    [
        "<strong>Раз<br>\n<br>Два</strong>",  # two line breaks: a blank line in Markdown
        "<em>Раз<br>\n<br>Два</em>",
    ],
)
def test_emphasis_over_a_blank_line_stays_emphasis(html: str) -> None:
    # Markdown's ** and * cannot span a blank line: left whole, they were shown as asterisks.
    tree = render(to_markdown(html).markdown)
    assert "*" not in tree.text_content()
    assert [" ".join(e.text_content().split()) for e in tree.xpath("//strong | //em")] == [
        "Раз", "Два"]


@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        # A heading or a code block where only text fits (a heading, a term) is its words,
        # apart from the words around it.
        ("<h2>Раздел <h3>и подраздел</h3></h2>", "## Раздел и подраздел\n"),
        ("<h2>Код <pre>один  два</pre></h2>", "## Код один два\n"),
    ],
)
def test_a_block_where_only_text_fits_keeps_its_words_apart(html: str, markdown: str) -> None:
    assert to_markdown(html).markdown == markdown


@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        # With an h1 (the post's title is the page's h1) every heading goes one level down,
        # and nothing else changes.
        ("<h1>Главное</h1><p>Текст <em>курсив</em></p><h2>Раздел</h2>",
         "## Главное\n\nТекст *курсив*\n\n### Раздел\n"),
        # Blank lines and indentation between blocks leave one blank line, no spaces.
        ("<div>\n\t<p>Раз</p>\n\t<p>Два</p>\n</div>", "Раз\n\nДва\n"),
        ("<blockquote>\n<p>Раз</p>\n\n\n<p>Два</p>\n</blockquote>", "> Раз\n>\n> Два\n"),
        # Text is kept letter for letter, control characters aside.
        ("Xerox X", "Xerox X\n"),
        ("Строка<br>Xerox X<br>", "Строка  \nXerox X\n"),
        ("Звонок\x07.", "Звонок.\n"),
        # No-break spaces after a line break are the editor's indentation: kept.
        ("Строка<br>\xa0\xa0отступ", "Строка  \n\xa0\xa0отступ\n"),
        # Windows line ends in the export: a line break, and a blank line between paragraphs.
        ("Раз\r\nДва\r\n\r\nТри", "Раз  \nДва\n\nТри\n"),
        # Two line breaks with a space or a tab between them leave a blank line, nothing on it.
        ("Раз<br> <br>Два", "Раз  \n\nДва\n"),
        ("<ul><li>Раз<br>\t<br>Два</li></ul>", "- Раз  \n\n    Два\n"),
        # A no-break space is text, not the spacing between blocks: kept at a paragraph's end.
        ("<p>Цена: 100\xa0</p><p>Дальше</p>", "Цена: 100\xa0\n\nДальше\n"),
        # In a heading or a table cell nothing is a list or a heading mark; in a paragraph a
        # number with a dot at the start would be a list.
        ("<h2>1. Введение</h2>", "## 1. Введение\n"),
        ("<table><tr><th>А</th></tr><tr><td>- минус</td></tr></table>",
         "| А |\n| --- |\n| - минус |\n"),
        ("1986. Хороший год", "1986\\. Хороший год\n"),
        ("Итак: <em>вот</em> 1. не список", "Итак: *вот* 1. не список\n"),
        # Text that the next element would complete into a link or an entity is escaped.
        ("[ссылка]<em>(x)</em>", "[ссылка\\]*(x)*\n"),
        # Line breaks: a line in a code block, a <br> in a pipe table's cell.
        ("<pre>раз<br>два</pre>", "    раз\n    два\n"),
        ("<table><tr><th>раз<br>два</th></tr><tr><td>1</td></tr></table>",
         "| раз<br>два |\n| --- |\n| 1 |\n"),
        # The id of an inline element becomes an anchor in its line; that of a list, one
        # before it.
        ('До <span id="s">слова</span> после', 'До <a id="s"></a>слова после\n'),
        ('<ul id="spisok"><li>раз</li></ul>', '<a id="spisok"></a>\n\n- раз\n'),
        ('<blockquote id="q">Цитата</blockquote>', '<a id="q"></a>\n\n> Цитата\n'),
        # Spaces next to a block are not text.
        ("<div><ul><li>а</li></ul> хвост</div>", "- а\n\nхвост\n"),
        ("<p> Текст </p>", "Текст\n"),
    ],
)
def test_text_details_become_markdown(html: str, markdown: str) -> None:
    assert to_markdown(html).markdown == markdown


def test_every_use_of_a_shortcode_is_counted() -> None:
    result = to_markdown('[gallery]\n\n[gallery ids="2"]')
    assert result.shortcodes == {"gallery": 2}
    assert result.unconverted == ["шорткод [gallery]", "шорткод [gallery]"]


@pytest.mark.parametrize(
    ("html", "caption"),
    [
        # A figure's caption is its other text, wherever the image sits in it: inside a
        # paragraph, or inside a link that holds words too.
        ('<figure><p><img src="https://example.org/a.png"> Схема продаж</p></figure>',
         "Схема продаж"),
        ('<figure><a href="https://example.org/big.png"><img src="https://example.org/a.png">'
         " Увеличить</a></figure>", "Увеличить"),
    ],
)
def test_the_text_beside_a_figures_image_is_its_caption(html: str, caption: str) -> None:
    assert to_markdown(html).markdown == (
        '<figure markdown="span">\n  ![](https://example.org/a.png)\n'
        f"  <figcaption>{caption}</figcaption>\n</figure>\n")


def test_a_table_inside_a_code_block_is_code_as_written() -> None:
    # In a code block a backslash would be shown: nothing inside is escaped.
    html = "<pre><table><tr><th>*a*</th></tr><tr><td>[x]</td></tr></table></pre>"
    assert to_markdown(html).markdown == "    | *a* |\n    | --- |\n    | [x] |\n"


def test_an_old_anchor_with_an_id_and_a_name_is_one_anchor() -> None:
    assert to_markdown('<a id="razdel" name="razdel"></a>Раздел').markdown == (
        '<a id="razdel"></a>Раздел\n')


def test_a_cells_id_in_a_table_kept_as_html_is_one_anchor_in_the_cell() -> None:
    # A table of one row stays HTML; its cell's id is there once, as the anchor it becomes.
    tree = render(to_markdown('<table><tr><td id="c">1</td></tr></table>').markdown)
    marked = tree.xpath('//*[@id="c"]')
    assert [(element.tag, element.getparent().tag) for element in marked] == [("a", "td")]

