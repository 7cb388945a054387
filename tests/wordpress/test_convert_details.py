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
