"""Reading a source file: encodings, front matter boundaries, YAML errors with their lines."""

from __future__ import annotations

import pytest

from letopis.core.problems import Problems
from letopis.core.source import read_document


def read(raw: bytes) -> tuple[object, list[str]]:
    problems = Problems()
    doc = read_document(raw, "content/posts/x.md", problems)
    return doc, [str(p) for p in problems.items]


def test_keys_carry_their_file_lines() -> None:
    doc, problems = read(b"---\ntitle: A\n\ndate: 2014-05-07\n---\n\nBody\n")
    assert problems == []
    assert doc.front.lines == {("title",): 2, ("date",): 4}
    assert doc.meta == {"title": "A", "date": "2014-05-07"}  # dates stay text for the core
    assert doc.body.strip() == "Body"


@pytest.mark.parametrize(
    "raw",
    [
        "\ufeff---\ntitle: A\ndate: 2014-05-07\n---\nBody\n".encode(),  # byte-order mark
        b"---\r\ntitle: A\r\ndate: 2014-05-07\r\n---\r\nBody\r\n",  # Windows line ends
    ],
)
def test_bom_and_crlf_are_accepted(raw: bytes) -> None:
    doc, problems = read(raw)
    assert problems == []
    assert doc.meta["title"] == "A"
    assert doc.line_of("date") == 3


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "content/posts/x.md:1: no front matter"),
        (b"# Just Markdown\n", "content/posts/x.md:1: no front matter"),
        (b"---\ntitle: A\ndate: 2014-05-07\n",
         'content/posts/x.md:1: the front matter opened on this line is never closed by "---"'),
        (b"---\n---\nBody\n", "content/posts/x.md:1: the front matter is empty"),
        (b"---\n- a\n- b\n---\n", 'content/posts/x.md:2: the front matter must be a list of'),
        (b"---\ntitle: A\ntitle: B\ndate: 2014-05-07\n---\n",
         'content/posts/x.md:3: key "title" is repeated (first on line 2)'),
        (b"---\ntitle: A\n  date: 2014\n---\n",
         "content/posts/x.md:3: the front matter is not valid YAML"),
        (b"---\ntitle: \xcf\xf0\xe8\xe2\xe5\xf2\n---\n",
         "content/posts/x.md:2: the file is not valid UTF-8 (byte 0xCF)"),
        (b"---\ntitle: !!python/object:os.system x\n---\n",
         "content/posts/x.md:2: the front matter is not valid YAML"),
    ],
)
def test_unreadable_sources_are_reported_with_their_line(raw: bytes, message: str) -> None:
    doc, problems = read(raw)
    assert doc is None
    assert len(problems) == 1
    assert problems[0].startswith(message)


def test_nested_keys_and_list_items_carry_their_lines() -> None:
    doc, problems = read(
        b"---\nyear: 2014\narticles:\n  - title: A\n    authors: [x, y]\n"
        b"  - title: B\n---\n"
    )
    assert problems == []
    assert doc.line_of("articles", 0) == 4
    assert doc.line_of("articles", 0, "authors") == 5
    assert doc.line_of("articles", 0, "authors", 1) == 5
    assert doc.line_of("articles", 1, "title") == 6
    assert doc.line_of("articles", 1, "abstract") == 6  # missing: its article's line
    assert doc.line_of("status") == 1  # missing at the top: the opening line


def test_a_key_repeated_inside_a_list_item_is_an_error() -> None:
    doc, problems = read(b"---\narticles:\n  - title: A\n    title: B\n---\n")
    assert doc is None
    assert problems == ['content/posts/x.md:4: key "title" is repeated (first on line 3)']
