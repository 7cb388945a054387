"""Links between the items of an export, as the import rewrites them: to another post (with an
anchor it has, or one it lacks), to a draft, to an item the export does not hold, to an
attachment's page and to an upload, and anchors inside the same post. Every link either points
into the new site or is left to the old site with a note that says why."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import unquote

from tests.wordpress.test_importer import item, run

ATTACHMENT = (
    "<item><title>Схема</title><link>https://old.example.org/z/1/shema/</link>"
    "<wp:post_id>7</wp:post_id><wp:post_parent>1</wp:post_parent>"
    "<wp:post_date_gmt>2014-05-01 09:00:00</wp:post_date_gmt><wp:status>inherit</wp:status>"
    "<wp:post_type>attachment</wp:post_type>"
    "<wp:attachment_url>https://old.example.org/wp-content/uploads/2014/05/shema.png"
    "</wp:attachment_url></item>\n")

LINKS = ('<p>Ссылки: <a href="#">наверх</a>, <a href="#nigde">к якорю</a>, '
         '<a href="/z/1/#itogi">к итогам</a>, <a href="/z/1/#net">к пропавшему</a>, '
         '<a href="/z/2/">к черновику</a>, <a href="/z/99/">к удалённой</a>, '
         '<a href="/z/1/shema/">к схеме</a>, <a href="/?attachment_id=7">к ней же</a>, '
         '<a href="/wp-content/uploads/2014/05/prais.pdf">прайс</a>.</p>'
         '<p><img src="https://old.example.org/logo.png" alt="Логотип"></p>')


def imported(tmp_path: Path):
    report = run(tmp_path,
                 item(1, "2014-05-01 09:00:00", body='<h2 id="itogi">Итоги</h2><p>Текст.</p>')
                 + item(2, "2014-05-02 09:00:00", status="draft")
                 + ATTACHMENT
                 + item(3, "2014-05-03 09:00:00", body=LINKS))
    text = (tmp_path / "content/posts/2014/z3.md").read_text("utf-8")
    links = dict(re.findall(r"\[([^\]]+)\]\(([^)\s]+)\)", text))
    [notes] = [i.notes for i in report.items if i.post_id == "3"]
    return links, notes, text


def test_links_into_the_export_point_into_the_new_site(tmp_path: Path) -> None:
    links, notes, _ = imported(tmp_path)
    assert links["наверх"] == "#"
    assert links["к итогам"] == "z1.md#itogi"
    assert links["к пропавшему"] == "z1.md"  # the post is there, the anchor is not
    assert "ссылка /z/1/#net: якоря #net в posts/2014/z1.md нет; ссылка ведёт на начало " \
           "записи" in notes


def test_links_the_new_site_cannot_hold_stay_on_the_old_site_with_a_note(tmp_path: Path) -> None:
    links, notes, text = imported(tmp_path)
    assert links["к якорю"] == "https://old.example.org/z/3/#nigde"
    assert links["к черновику"] == "https://old.example.org/z/2/"
    assert links["к удалённой"] == "https://old.example.org/z/99/"
    # Neither the attachment's picture nor the price list was downloaded: their old addresses.
    assert links["к схеме"] == links["к ней же"] == \
        "https://old.example.org/wp-content/uploads/2014/05/shema.png"
    assert links["прайс"] == "https://old.example.org/wp-content/uploads/2014/05/prais.pdf"
    assert "](https://old.example.org/logo.png)" in text  # the old site's, not an upload
    assert notes == [
        "ссылка на якорь #nigde, которого в тексте нет; она ведёт на старый сайт",
        "ссылка /z/1/#net: якоря #net в posts/2014/z1.md нет; ссылка ведёт на начало записи",
        "ссылка /z/2/ ведёт на черновик posts/2014/z2.md; оставлен старый адрес",
        "ссылка /z/99/ ведёт на старый сайт: такой записи в экспорте нет",
    ]


# Addresses Python's URL parser refuses, as posts in the wild hold them: a placeholder in
# brackets («http://[ваш сайт]/»), an unclosed bracket. The import carries the post over with the
# address as written, says which, and goes on with the rest of the export.
UNREADABLE = ('<p><a href="http://[ваш сайт]/">пример</a>, <a href="/z/1/">к первой</a>.</p>'
              '<p><img src="http://[::1/x.png" alt="Сломана"></p>'
              '<iframe src="https://[видео]/embed/1"></iframe>')
BROKEN_ATTACHMENT = ATTACHMENT.replace("https://old.example.org/wp-content", "https://[old/wp")


def test_an_address_that_is_no_address_stays_as_written_with_a_note(tmp_path: Path) -> None:
    report = run(tmp_path,
                 item(1, "2014-05-01 09:00:00") + BROKEN_ATTACHMENT
                 + item(3, "2014-05-03 09:00:00", body=UNREADABLE))
    assert report.skipped == [] and report.problems == []
    text = (tmp_path / "content/posts/2014/z3.md").read_text("utf-8")
    links = dict(re.findall(r"\[([^\]]+)\]\(([^)\s]+)\)", text))
    # As written, but for what Markdown cannot hold in a link's address (percent-encoded).
    assert unquote(links["пример"]) == "http://[ваш сайт]/"
    assert links["к первой"] == "z1.md"  # the post's other links are rewritten as usual
    assert unquote(links["Сломана"]) == "http://[::1/x.png"
    [notes] = [i.notes for i in report.items if i.post_id == "3"]
    for address in ("http://[ваш сайт]/", "http://[::1/x.png", "https://[видео]/embed/1"):
        assert [note for note in notes if address in note], (address, notes)
