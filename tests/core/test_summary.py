"""Summaries: text before <!-- more -->, else the first paragraph; plain text, no markup."""

from __future__ import annotations

import pytest

from letopis.core.summary import summary_from_html


@pytest.mark.parametrize(
    ("html", "summary"),
    [
        ("<p>One <b>bold</b>\n word.</p><p>Two.</p>", ("One bold word.",)),
        ("<h2>Heading</h2><p>After heading.</p>", ("After heading.",)),
        ("<p>A.</p><p>B.</p><!-- more --><p>C.</p>", ("A.", "B.")),
        ("<p>A.</p>\n<!--more-->\n<p>C.</p>", ("A.",)),
        ("<p>A.</p><ul><li>one</li><li>two <i>2</i></li></ul><!-- more -->",
         ("A.", "one", "two 2")),
        ("<blockquote><p>Quoted.</p></blockquote><!-- more -->", ("Quoted.",)),
        ("<pre><code>code</code></pre><p>Text.</p>", ("Text.",)),
        ('<p><a href="../x/">link</a> &amp; &lt;tag&gt;</p>', ("link & <tag>",)),
        ("<!-- more --><p>Nothing before.</p>", ()),
        ("", ()),
        ("<h1>Only a heading</h1>", ()),
        # A lost picture of the old site (its file name marked by the editors) is no text.
        ('<p><span class="letopis-missing-image" title="Не сохранилось">mini-olen</span>\n'
         "Итак, второй.</p>", ("Итак, второй.",)),
        ('<p>пятьдесят.<span class="x letopis-missing-image">salesguru-ruka</span></p>',
         ("пятьдесят.",)),
        ('<p><span class="letopis-missing-image">mini-olen</span></p><p>Текст.</p>',
         ("Текст.",)),
        ('<p><span class="letopis-missing-images">kept</span></p>', ("kept",)),
    ],
)
def test_summary(html: str, summary: tuple[str, ...]) -> None:
    assert summary_from_html(html) == summary
