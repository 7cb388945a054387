"""Reading WXR exports as a stream: items, the channel's authors, WXR 1.0 to 1.2 in any
namespace spelling and encoding, broken items reported one by one, foreign files refused."""

from __future__ import annotations

import codecs
import io
from pathlib import Path

import pytest

from letopis.wordpress.reader import BrokenItem, Item, NotWxrError, Site, TermRef, read_export

FIXTURES = Path(__file__).parents[1] / "fixtures" / "wordpress"
EXPORT = FIXTURES / "export.xml"


def read(raw: bytes) -> tuple[list[Item | BrokenItem], Site]:
    site = Site()
    return list(read_export(io.BytesIO(raw), site)), site


def test_items_and_channel_of_the_fixture() -> None:
    entries, site = read(EXPORT.read_bytes())
    assert (site.title, site.base_url, site.wxr_version) == \
        ("Ремесло Управления Продажами", "https://old.example.org", "1.2")
    assert site.authors == {"admin": "Главный редактор", "ivan": "Иван Петров"}
    assert [(e.post_id, e.post_type, e.status) for e in entries] == [
        ("101", "post", "publish"), ("102", "post", "publish"), ("108", "post", "publish"),
        ("103", "post", "draft"), ("104", "page", "publish"), ("105", "attachment", "inherit"),
        ("106", "post", "publish"), ("107", "nav_menu_item", "publish"),
    ]
    first = entries[0]
    assert first.title == "Сегментация клиентского потока"
    assert first.name == "%d1%81%d0%b5%d0%b3%d0%bc%d0%b5%d0%bd%d1%82%d0%b0%d1%86%d0%b8%d1%8f"
    assert (first.date_gmt, first.date) == ("2014-05-12 06:30:00", "2014-05-12 10:30:00")
    assert first.categories == (TermRef("Продажи", "prodazhi"),)
    assert first.tags == (TermRef("клиенты", "klienty"), TermRef("лиды", "lidy"))
    assert first.creator == "admin"
    assert "[caption" in first.content
    assert entries[1].excerpt == "Типичные проявления лжи клиентов и советы продавцу."
    assert entries[5].attachment_url == \
        "https://old.example.org/wp-content/uploads/2014/05/scheme.png"


def test_a_truncated_export_gives_what_it_holds_then_says_where_it_breaks() -> None:
    raw = EXPORT.read_bytes()
    cut = raw[: raw.index("<title>О блоге</title>".encode()) + 40]
    entries, _ = read(cut)
    assert [e.post_id for e in entries if isinstance(e, Item)] == ["101", "102", "108", "103"]
    broken = entries[-1]
    assert isinstance(broken, BrokenItem) and broken.truncated
    assert (broken.title, broken.line) == ("О блоге", 123)
    assert "обрывается" in broken.reason


@pytest.mark.parametrize(
    ("variant", "change"),
    [
        ("https namespace", lambda raw: raw.replace(b"http://wordpress.org/export/",
                                                    b"https://wordpress.org/export/")),
        ("WXR 1.1", lambda raw: raw.replace(b"export/1.2/", b"export/1.1/")),
        ("WXR 1.0", lambda raw: raw.replace(b"export/1.2/", b"export/1.0/")),
        ("blank lines first", lambda raw: b"\n\n  \n" + raw),
        ("UTF-8 byte-order mark", lambda raw: codecs.BOM_UTF8 + raw),
        ("UTF-16 with its mark",
         lambda raw: codecs.BOM_UTF16_LE + raw.decode().encode("utf-16-le")),
        ("declared Windows-1251", lambda raw: raw.decode().replace('encoding="UTF-8"',
                                                                   'encoding="windows-1251"')
         .encode("cp1251")),
    ],
)
def test_every_export_wordpress_writes_is_read(variant: str, change) -> None:
    entries, site = read(change(EXPORT.read_bytes()))
    assert [e.post_id for e in entries] == ["101", "102", "108", "103", "104", "105", "106",
                                            "107"], variant
    assert entries[0].title == "Сегментация клиентского потока"
    assert site.authors["ivan"] == "Иван Петров"


def test_lines_are_counted_in_the_file_as_written() -> None:
    entries, _ = read(codecs.BOM_UTF8 + b"\n\n" + EXPORT.read_bytes())
    plain, _ = read(EXPORT.read_bytes())
    assert [e.line for e in entries] == [e.line + 2 for e in plain]
    assert EXPORT.read_text(encoding="utf-8").splitlines()[plain[1].line - 1].strip() == "<item>"


def test_wxr_1_0_tags_and_categories() -> None:
    entries, site = read((FIXTURES / "wxr-1.0-tags.xml").read_bytes())
    first, second = entries
    assert site.wxr_version == "1.0" and site.base_url == "http://old10.example.org"
    assert first.categories == (TermRef("Продажи", "prodazhi"),)
    assert first.tags == (TermRef("клиенты", "klienty"), TermRef("переговоры", "peregovory"))
    assert second.tags == (TermRef("Переговоры"),)
    assert ("post_tag", "Клиенты", "klienty") in site.terms
    assert first.comments[0].author == "Читатель" and first.comments[0].approved == "1"


def test_markup_inside_cdata_does_not_cut_items() -> None:
    raw = EXPORT.read_bytes().replace("Этот текст ещё не готов.".encode(),
                                      b"</item></channel> <item> <!-- in CDATA")
    entries, _ = read(raw)
    assert len(entries) == 8 and all(isinstance(e, Item) for e in entries)
    assert entries[3].content == "</item></channel> <item> <!-- in CDATA"


@pytest.mark.parametrize(
    ("name", "line", "reason"),
    [
        ("char-reference", 33, "ссылка на символ U+D800, которого в XML быть не может"),
        ("undefined-entity", 33, "сущность &nbsp; не определена в XML"),
        ("control-character", 37, "управляющий символ U+0007, которого в XML быть не может"),
        ("invalid-byte", 37, "байт 0xFF не является частью текста в UTF-8"),
        ("unclosed-tag", 42, "тег <post_name> не закрыт"),
    ],
)
def test_a_broken_item_is_named_and_the_others_are_read(name: str, line: int,
                                                        reason: str) -> None:
    entries, _ = read((FIXTURES / "broken" / f"{name}.xml").read_bytes())
    first, broken, third = entries
    assert isinstance(first, Item) and isinstance(third, Item)
    assert (first.post_id, third.post_id) == ("201", "203")
    assert isinstance(broken, BrokenItem)
    assert (broken.post_id, broken.line) == ("202", line)
    assert broken.title.startswith("Сломанная")
    assert broken.reason.startswith(reason)
    assert "\n" not in broken.reason


def test_an_item_without_its_end_tag_is_reported_and_the_next_is_read() -> None:
    raw = EXPORT.read_bytes().replace(b"</item>", b"", 1)
    entries, _ = read(raw)
    assert isinstance(entries[0], BrokenItem) and entries[0].post_id == "101"
    assert "не закрыт тегом </item>" in entries[0].reason
    assert [e.post_id for e in entries[1:]] == ["102", "108", "103", "104", "105", "106", "107"]


@pytest.mark.parametrize(
    "raw",
    [
        b"<?xml version='1.0'?><rss version='2.0'><channel><item><title>A</title></item>"
        b"</channel></rss>",
        b"<html><body>not an export</body></html>",
        b"just text, not XML",
    ],
)
def test_files_that_are_not_wordpress_exports_are_refused(raw: bytes) -> None:
    with pytest.raises(NotWxrError, match="это не экспорт WordPress"):
        read(raw)


def test_entities_are_not_expanded() -> None:
    raw = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           b'<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item>'
           b"<title>&x;</title><wp:post_id>1</wp:post_id></item></channel></rss>")
    entries, _ = read(raw)
    assert "root:" not in entries[0].title


@pytest.mark.parametrize("raw", [b"", b"\xef\xbb\xbf", b"<?xml version='1.0'?>\n", b"  \n\n",
                                 b"just text, not XML"])
def test_a_file_with_no_xml_element_is_called_that(raw: bytes) -> None:
    # Not «символ < не экранирован», which libxml2's complaint about the end tags the reader
    # adds to the header became: there is no "<" in such a file at all.
    with pytest.raises(NotWxrError) as refused:
        read(raw)
    assert "нет ни одного элемента XML" in str(refused.value)
    assert "не экранирован" not in str(refused.value)
