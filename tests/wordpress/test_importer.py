"""The import in-process, on small exports: old addresses, comments, dates Letopis cannot hold,
and what a second run of the same export does."""

from __future__ import annotations

from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from letopis.core.urls import UrlScheme
from letopis.wordpress.importer import Settings, import_export
from letopis.wordpress.old_site import OldSite, media_path
from letopis.wordpress.reader import Site

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Блог</title><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://old.example.org</wp:base_site_url>
<wp:base_blog_url>https://old.example.org</wp:base_blog_url>
"""


def item(post_id: int, date_gmt: str, body: str = "Текст.", comments: str = "",
         status: str = "publish") -> str:
    return (f"<item><title>Запись {post_id}</title>"
            f"<link>https://old.example.org/z/{post_id}/</link>"
            f"<content:encoded><![CDATA[{body}]]></content:encoded>"
            f"<wp:post_id>{post_id}</wp:post_id><wp:post_date_gmt>{date_gmt}</wp:post_date_gmt>"
            f"<wp:post_name>z{post_id}</wp:post_name><wp:status>{status}</wp:status>"
            f"<wp:post_type>post</wp:post_type>{comments}</item>\n")


def comment(comment_id: int, parent: int, approved: str = "1", kind: str = "") -> str:
    return (f"<wp:comment><wp:comment_id>{comment_id}</wp:comment_id>"
            f"<wp:comment_author>Автор {comment_id}</wp:comment_author>"
            f"<wp:comment_date_gmt>2014-05-01 10:0{comment_id}:00</wp:comment_date_gmt>"
            f"<wp:comment_content><![CDATA[Ответ <b>{comment_id}</b>]]></wp:comment_content>"
            f"<wp:comment_approved>{approved}</wp:comment_approved>"
            f"<wp:comment_type>{kind}</wp:comment_type>"
            f"<wp:comment_parent>{parent}</wp:comment_parent></wp:comment>")


def run(tmp_path: Path, items: str, **options: object):
    export = tmp_path / "export.xml"
    export.write_text(HEAD + items + "</channel></rss>\n", encoding="utf-8")
    settings = Settings(into=tmp_path / "content", timezone=ZoneInfo("Europe/Moscow"),
                        urls=UrlScheme(), **options)
    return import_export(export, settings)


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("https://old.example.org/blog/2014/05/x/", "2014/05/x"),
        ("https://www.old.example.org/blog//greek/alpha/", "greek/alpha"),
        ("http://old.example.org/blog/%D0%BE-%D0%B1%D0%BB%D0%BE%D0%B3%D0%B5/", "о-блоге"),
        ("/blog/about/", "about"),
        ("https://old.example.org/blogroll/", "blogroll"),  # not below /blog/: kept whole
    ],
)
def test_old_addresses_become_paths_below_the_new_site(url: str, path: str) -> None:
    old = OldSite(Site(base_url="https://old.example.org/blog", site_url="https://old.example.org"))
    assert old.owns(url)
    assert old.path(url) == (path if path != "blogroll" else "blogroll")


def test_other_hosts_and_schemes_are_not_the_old_site() -> None:
    old = OldSite(Site(base_url="https://old.example.org"))
    assert not old.owns("https://example.com/x/")
    assert not old.owns("mailto:a@old.example.org")
    assert old.is_upload("/wp-content/uploads/2014/05/a.png")
    assert media_path("https://old.example.org/wp-content/uploads//2014/05/a%20b.png") == \
        "media/2014/05/a b.png"


def test_approved_comments_keep_their_threads_and_the_rest_is_counted(tmp_path: Path) -> None:
    comments = (comment(1, 0) + comment(2, 1) + comment(2, 1) + comment(3, 2, approved="0")
                + comment(4, 3) + comment(5, 0, approved="spam")
                + comment(6, 0, kind="pingback") + comment(7, 0, approved="trash"))
    report = run(tmp_path, item(1, "2014-05-01 09:00:00", comments=comments))
    text = (tmp_path / "content/posts/2014/z1.md").read_text(encoding="utf-8")
    assert "comments:\n- id: 1\n  author: Автор 1\n  date: 2014-05-01 14:01\n" \
           "  text: Ответ **1**\n- id: 2\n" in text
    assert "  parent: 1\n" in text
    # 4 answered 3, which is not approved: it stands on its own rather than pointing nowhere
    assert "- id: 4\n  author: Автор 4\n  date: 2014-05-01 14:04\n  text:" in text
    assert "id: 3" not in text and "id: 5" not in text and "id: 6" not in text
    assert dict(report.comments_left) == {"0": 1, "spam": 1, "pingback": 1, "trash": 1}
    assert text.count("- id: 2\n") == 1  # a repeated comment id would stop the build
    assert "комментарий 2 с повторённым номером не перенесён" in report.items[0].notes


@pytest.mark.parametrize(
    ("date", "reason"),
    [
        ("1850-01-01 00:00:00", "дата 1850-01-01 вне 1900–2100 годов"),
        ("9999-12-31 23:59:59", "нет даты"),  # beyond what a date in Moscow can be
        ("0000-00-00 00:00:00", "нет даты"),
    ],
)
def test_a_date_letopis_cannot_hold_is_reported_not_imported(tmp_path: Path, date: str,
                                                             reason: str) -> None:
    report = run(tmp_path, item(1, date) + item(2, "2014-05-01 09:00:00"))
    [skipped] = report.skipped
    assert skipped.startswith("«Запись 1» (wp:post_id 1), строка 7: " + reason)
    assert [i.post_id for i in report.items] == ["2"]
    assert report.failed


def test_a_second_run_reports_every_file_unchanged(tmp_path: Path) -> None:
    items = item(1, "2014-05-01 09:00:00") + item(2, "2014-05-02 09:00:00",
                                                  body='<a href="/z/1/">раньше</a>')
    first = run(tmp_path, items)
    again = run(tmp_path, items)
    assert [i.action for i in first.items] == ["create", "create"]
    assert [i.action for i in again.items] == ["unchanged", "unchanged"]
    assert "[раньше](z1.md)" in (tmp_path / "content/posts/2014/z2.md").read_text("utf-8")


def test_a_link_to_an_anchor_the_conversion_dropped_fails_the_import(tmp_path: Path) -> None:
    # The id sits on a script, which is removed: the link would fail the strict build.
    body = '<a href="#x">к якорю</a> <script id="x">alert(1)</script> <a name="y"></a>' \
           '<a href="#y">к другому</a>'
    report = run(tmp_path, item(1, "2014-05-01 09:00:00", body=body))
    assert report.problems == ["posts/2014/z1.md: ссылка на posts/2014/z1.md#x, но такого "
                               "якоря там нет после преобразования; исправьте ссылку вручную"]
    assert report.failed


@pytest.mark.parametrize("body", ["", "  \n\n", "<p>&nbsp;</p>\n<!--more-->",
                                  "<script>alert(1)</script>"])
def test_a_published_post_without_text_becomes_a_draft(tmp_path: Path, body: str) -> None:
    # Letopis publishes no bare title: the editor decides what the post becomes.
    report = run(tmp_path, item(1, "2014-05-01 09:00:00", body=body))
    [imported] = report.items
    assert imported.draft == "запись без текста: импортирована как черновик"
    assert imported.draft in imported.notes
    assert "draft: true" in (tmp_path / "content/posts/2014/z1.md").read_text("utf-8")
    assert not report.failed


def test_a_post_with_only_a_picture_is_published(tmp_path: Path) -> None:
    report = run(tmp_path, item(1, "2014-05-01 09:00:00",
                                body='<img src="https://example.com/a.png" alt="Схема">'))
    assert report.items[0].draft is None
