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
        (b"", "content/posts/x.md:1: файл пуст"),
        (b"# Just Markdown\n", "content/posts/x.md:1: нет шапки"),
        (b"---\ntitle: A\ndate: 2014-05-07\n",
         'content/posts/x.md:1: шапка, открытая на этой строке, не закрыта строкой "---"'),
        (b"---\n---\nBody\n", "content/posts/x.md:1: шапка: ничего не написано"),
        (b"---\n- a\n- b\n---\n",
         'content/posts/x.md:2: шапка: должны быть строки "ключ: значение", а не список'),
        (b"---\ntitle: A\ntitle: B\ndate: 2014-05-07\n---\n",
         'content/posts/x.md:3: ключ "title" повторяется (впервые на строке 2)'),
        (b"---\ntitle: A\n  date: 2014\n---\n",
         "content/posts/x.md:3: шапка: ошибка YAML"),
        (b"---\ntitle: \xcf\xf0\xe8\xe2\xe5\xf2\n---\n",
         "content/posts/x.md:2: файл не в кодировке UTF-8 (байт 0xCF)"),
        (b"---\ntitle: !!python/object:os.system x\n---\n",
         "content/posts/x.md:2: метка типа !!python/object:os.system здесь не поддерживается"),
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
    assert problems == ['content/posts/x.md:4: ключ "title" повторяется (впервые на строке 3)']


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        # A bell in the body, two more further on: one message, at the first.
        (b"---\ntitle: A\n---\n\nOne\x07 two\x07\nthree\x07\n",
         "content/posts/x.md:5: в файле есть управляющий символ U+0007 после \"One\", "
         "его нельзя показать на странице или в ленте; удалите его (и ещё 2 дальше)"),
        (b"---\ntitle: A\n---\n\x1b[1mBold\n",
         "content/posts/x.md:4: в файле есть управляющий символ U+001B в начале строки, "
         "его нельзя показать на странице или в ленте; удалите его"),
        # A C1 control is a character once decoded (here U+0085, NEL), not a byte.
        ("---\ntitle: A\r\n---\r\nText\u0085\n".encode(),
         "content/posts/x.md:4: в файле есть управляющий символ U+0085 после \"Text\""),
        ("---\ntitle: A\uffff\n---\n".encode(),
         "content/posts/x.md:2: в файле есть недопустимый символ U+FFFF после \"title: A\""),
        # The same characters written as escapes in a quoted value.
        (b'---\ntitle: A\ndate: 2014-05-07\nsummary: "One\\atwo"\n---\n',
         "content/posts/x.md:4: в значении есть управляющий символ U+0007, записанный в "
         "кавычках через escape-последовательность; его нельзя показать на странице или в "
         "ленте: удалите его"),
        # YAML ends a line at U+2028 where the editor sees none.
        ("---\ntitle: A\u2028date: 2014-05-07\n---\n".encode(),
         "content/posts/x.md:2: шапка: невидимый разделитель строк U+2028, "
         "который YAML считает концом строки; удалите его"),
        ("---\ntitle: A\n---\nText\u2028more\n".encode(), None),  # harmless in Markdown
    ],
)
def test_characters_no_page_can_show_are_refused_with_their_line(raw: bytes,
                                                                 message: str | None) -> None:
    doc, problems = read(raw)
    if message is None:
        assert problems == []
        return
    assert doc is None
    assert len(problems) == 1
    assert problems[0].startswith(message)


def test_tab_and_space_are_not_control_characters() -> None:
    doc, problems = read(b"---\ntitle:\tA\n---\n\tcode\r\n")
    assert problems == []
    assert doc.meta["title"] == "A"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"---\nx: !!int ten\n---\n",
         'content/posts/x.md:2: значение "ten" нельзя прочитать как !!int; если это текст, '
         "возьмите его в кавычки"),
        (b"---\nx: 1\ny: !!bool maybe\n---\n",
         'content/posts/x.md:3: значение "maybe" нельзя прочитать как !!bool'),
        # Too long for Python to write in decimals (a hexadecimal number is one only when
        # tagged so; plain, it is text).
        (b"---\n" + b"x: !!int 0x" + b"F" * 5000 + b"\n---\n",
         'content/posts/x.md:2: значение "0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF…" нельзя '
         "прочитать как !!int"),
        (b"---\n" + b"x: " + b"9" * 5000 + b"\n---\n",
         f'content/posts/x.md:2: значение "{"9" * 40}…" нельзя прочитать как !!int'),
        (b"---\nx: &a [1, *a]\n---\n",
         "content/posts/x.md:2: ссылка (*имя) здесь обозначает значение, которое само её содержит"),
        (b"---\n? [a, b]\n: c\n---\n",
         'content/posts/x.md:2: ключ должен быть именем, например "title", а не списком'),
    ],
)
def test_values_yaml_cannot_give_the_core_are_refused_at_their_line(raw: bytes,
                                                                     message: str) -> None:
    doc, problems = read(raw)
    assert doc is None
    assert len(problems) == 1
    assert problems[0].startswith(message)


def test_keys_are_the_names_as_written() -> None:
    doc, problems = read(b"---\n1: a\nyes: b\n~: c\n0x10: d\n---\n")
    assert problems == []
    assert doc.meta == {"1": "a", "yes": "b", "~": "c", "0x10": "d"}
    assert doc.front.lines == {("1",): 2, ("yes",): 3, ("~",): 4, ("0x10",): 5}


def test_merged_keys_carry_the_line_of_the_merge() -> None:
    doc, problems = read(b"---\nbase: &b {slug: s, tags: [x]}\ntitle: A\n<<: *b\nslug: t\n---\n")
    assert problems == []
    assert doc.meta["slug"] == "t" and doc.meta["tags"] == ["x"]
    assert doc.line_of("slug") == 5
    assert doc.line_of("tags") == 4


NOT_UTF8 = "content/posts/x.md:2: файл не в кодировке UTF-8 (байт 0x{byte}){hint}; сохраните его " \
           "в кодировке UTF-8"
CP1251 = ": похоже, он в кодировке Windows-1251"


@pytest.mark.parametrize(
    ("title", "hint"),
    [
        # The hint needs more than 80 % of the letters beyond ASCII to be Cyrillic, counting
        # both ends of А–я, and Ё and ё, which lie outside that range.
        ("Ая", True),
        ("Ёлка", True),
        ("ёлка", True),
        ("«елка", False),  # 4 of 5: not more than 80 %
        ("«» 20°", False),  # quotes and a degree sign: Windows-1251 has them, but no letters
    ],
)
def test_text_in_windows_1251_is_named(title: str, hint: bool) -> None:
    raw = f"---\ntitle: {title}\n---\n".encode("cp1251")
    doc, problems = read(raw)
    assert doc is None
    assert problems == [NOT_UTF8.format(byte=f"{raw[11]:02X}", hint=CP1251 if hint else "")]


def test_bytes_that_are_not_windows_1251_either_get_no_hint() -> None:
    _, problems = read(b"---\ntitle: \x98\n---\n")  # 0x98 has no character in Windows-1251
    assert problems == [NOT_UTF8.format(byte="98", hint="")]


UNSHOWABLE = ("content/posts/x.md:{line}: в файле есть управляющий символ U+{code}{where}, его "
              "нельзя показать на странице или в ленте; удалите его")


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        # A quarter of the characters zero or more: text saved as UTF-16 or UTF-32.
        (b"ab\0cd\0ef", "content/posts/x.md:1: файл, похоже, сохранён в кодировке UTF-16 или "
                        "UTF-32 (многие его символы — нулевые байты); сохраните его в кодировке "
                        "UTF-8"),
        (b"abc\0de\0fg", UNSHOWABLE.format(line=1, code="0000", where=' после "abc"')
         + " (и ещё 1 дальше)"),
        # At the start of the second line, the first being empty.
        (b"\n\x1b[1m", UNSHOWABLE.format(line=2, code="001B", where=" в начале строки")),
        # After spaces only: neither at the start nor after text.
        (b"    \x07x", UNSHOWABLE.format(line=1, code="0007", where="")),
        # The 20 characters before it.
        ("title: Сегментация клиентского потока\x07".encode(),
         UNSHOWABLE.format(line=1, code="0007", where=' после "я клиентского потока"')),
    ],
)
def test_where_an_unshowable_character_is_said(raw: bytes, message: str) -> None:
    doc, problems = read(raw)
    assert doc is None
    assert problems == [message]


def test_lines_count_the_empty_lines_after_the_opening_line() -> None:
    doc, problems = read(b"---  \n\n\ntitle: A\ndate: 2014-05-07\n---\n\nBody\n")
    assert problems == []
    assert doc.front.lines == {("title",): 4, ("date",): 5}
    assert doc.closing_line == 6
    _, problems = read(b"---\n\ntitle: A\ntitle: B\n---\n")
    assert problems == ['content/posts/x.md:4: ключ "title" повторяется (впервые на строке 3)']


@pytest.mark.parametrize(
    "raw",
    [
        b"---\r\ntitle: A\r\nsummary: \xcf\xf0\r\n---\r\n",  # Windows line ends
        b"---\rtitle: A\rsummary: \xcf\xf0\r---\r",  # old Mac line ends
        b"---\ntitle: A\nsummary: \xcf\xf0\n---\n",
    ],
)
def test_a_byte_that_is_not_utf8_is_on_its_line_whatever_the_line_ends(raw: bytes) -> None:
    _, problems = read(raw)
    assert problems == [NOT_UTF8.format(byte="CF", hint=CP1251).replace(":2:", ":3:")]
