"""Reading WXR exports as a stream: items, the channel's authors, broken and foreign files."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from letopis.wordpress.reader import BrokenExport, Item, NotWxrError, Site, read_export

EXPORT = Path(__file__).parents[1] / "fixtures" / "wordpress" / "export.xml"


def read(raw: bytes) -> tuple[list[Item | BrokenExport], Site]:
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
    assert (first.categories, first.tags) == (("Продажи",), ("клиенты", "лиды"))
    assert first.creator == "admin"
    assert "[caption" in first.content
    assert entries[1].excerpt == "Типичные проявления лжи клиентов и советы продавцу."
    assert entries[5].attachment_url == \
        "https://old.example.org/wp-content/uploads/2014/05/scheme.png"


def test_wxr_1_1_is_read_too() -> None:
    raw = EXPORT.read_bytes().replace(b"export/1.2/", b"export/1.1/")
    entries, site = read(raw)
    assert len(entries) == 8
    assert entries[0].excerpt == ""
    assert site.authors["ivan"] == "Иван Петров"


def test_a_truncated_export_gives_what_it_holds_then_says_where_it_breaks() -> None:
    raw = EXPORT.read_bytes()
    cut = raw[: raw.index("<title>О блоге</title>".encode()) + 40]
    entries, _ = read(cut)
    assert [e.post_id for e in entries if isinstance(e, Item)] == ["101", "102", "108", "103"]
    broken = entries[-1]
    assert isinstance(broken, BrokenExport)
    assert broken.line > 100


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
    with pytest.raises(NotWxrError, match="not a WordPress export"):
        read(raw)


def test_entities_are_not_expanded() -> None:
    raw = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
           b'<rss xmlns:wp="http://wordpress.org/export/1.2/"><channel><item>'
           b"<title>&x;</title><wp:post_id>1</wp:post_id></item></channel></rss>")
    entries, _ = read(raw)
    assert "root:" not in entries[0].title
