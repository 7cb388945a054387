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
    ],
)
def test_summary(html: str, summary: tuple[str, ...]) -> None:
    assert summary_from_html(html) == summary
