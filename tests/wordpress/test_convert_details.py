"""Details of the HTML → Markdown conversion that mutation testing found untested: images
without alt text or with a title, link titles, anchors whose id holds a table's «|»."""

from __future__ import annotations

import pytest

from letopis.wordpress.convert import to_markdown


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
