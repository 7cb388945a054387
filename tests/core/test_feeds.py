"""RSS and Atom documents in the core (feeds.py), read back with feedparser: entries newest
first with absolute links, dates from the content and never from the clock, authors and
categories, and a post's HTML made absolute. The site tests check the built feeds; these run
in milliseconds, so mutation testing (make mutation) reaches the module."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import feedparser
import lxml.etree
import lxml.html
import pytest

from letopis.core.authors import Author
from letopis.core.feeds import Feed, absolute_content, feed_documents
from tests.core.test_archive import make_posts

SITE = "https://example.org/blog/"
MOSCOW = ZoneInfo("Europe/Moscow")


def absolute(url: str) -> str:
    return SITE + url


@pytest.fixture
def documents() -> tuple[bytes, bytes]:
    posts = make_posts(
        "Первая | 2014-05-07 10:00 | categories: [Продажи]; summary: Кратко о первой.",
        "Вторая | 2014-05-20 | authors: [ivanov]; categories: [Продажи, Клиенты]",
    )
    newest_first = sorted(posts, key=lambda p: p.published, reverse=True)
    feed = Feed("Архив", "Записи архива", "category/prodazhi/", newest_first)
    authors = {"ivanov": Author(key="ivanov", name="Иван Иванов", bio=None, url=None)}
    return feed_documents(feed, absolute=absolute, language="ru",
                          content=lambda post: f"<p>Текст записи «{post.title}».</p>",
                          authors=authors)


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_entries_are_newest_first_with_absolute_links(documents, kind: str) -> None:
    parsed = feedparser.parse(documents[0 if kind == "rss" else 1])
    assert not parsed.bozo, parsed.bozo_exception
    assert parsed.feed.title == "Архив"
    assert [e.title for e in parsed.entries] == ["Вторая", "Первая"]
    assert [e.link for e in parsed.entries] == [SITE + "2014/05/vtoraia/",
                                                SITE + "2014/05/pervaia/"]
    assert parsed.entries[0].id == SITE + "2014/05/vtoraia/"
    own = SITE + f"category/prodazhi/{'rss' if kind == 'rss' else 'atom'}.xml"
    assert own in [link.href for link in parsed.feed.links if link.rel == "self"]
    # Atom carries the HTML as content; RSS, without a summary, as the description.
    newest = parsed.entries[0]
    text = newest.content[0].value if "content" in newest else newest.summary
    assert "Текст записи «Вторая»." in text


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_dates_come_from_the_posts(documents, kind: str) -> None:
    parsed = feedparser.parse(documents[0 if kind == "rss" else 1])
    first_published = datetime(2014, 5, 7, 10, 0, tzinfo=MOSCOW)
    newest = datetime(2014, 5, 20, tzinfo=MOSCOW)
    published = [datetime(*e.published_parsed[:6], tzinfo=ZoneInfo("UTC"))
                 for e in parsed.entries]
    assert published == [newest, first_published]
    feed_date = parsed.feed.updated_parsed if kind == "atom" else parsed.feed.published_parsed
    assert datetime(*feed_date[:6], tzinfo=ZoneInfo("UTC")) == newest  # not the clock


def test_two_runs_give_the_same_documents(documents) -> None:
    posts = make_posts("Первая | 2014-05-07 10:00", "Вторая | 2014-05-20")
    feed = Feed("Архив", "Записи", "", posts[::-1])

    def make() -> tuple[bytes, bytes]:
        return feed_documents(feed, absolute=absolute, language="ru",
                              content=lambda post: "<p>x</p>", authors={})

    assert make() == make()


def test_authors_categories_and_summaries_are_carried(documents) -> None:
    rss, atom = (feedparser.parse(document) for document in documents)
    second, first = atom.entries
    assert second.author == "Иван Иванов" and "author" not in first
    assert [t.term for t in second.tags] == ["Продажи", "Клиенты"]
    assert second.tags[0].scheme == SITE + "category/prodazhi/"
    assert first.summary == "Кратко о первой."
    two = make_posts("Абзацы | 2014-05-21 | summary: Раз.")[0]
    two.summary = ("Раз.", "Два.")
    _, document = feed_documents(Feed("Архив", "Записи", "", [two]), absolute=absolute,
                                 language="ru", content=lambda post: "", authors={})
    assert feedparser.parse(document).entries[0].summary == "Раз. Два."  # one paragraph
    assert [t.term for t in rss.entries[1].tags] == ["Продажи"]


def test_a_posts_html_is_made_absolute_for_feed_readers() -> None:
    html = ('Начало & <h2 id="x">Раздел<a class="headerlink" href="#x">¶</a></h2>'
            '<p><a href="../other/">ссылка</a> <img src="../../images/a.png" alt="a"></p>')
    out = lxml.html.fragment_fromstring(
        absolute_content(html, SITE + "2014/05/post/"), create_parent="div")
    assert out.text == "Начало & "
    assert out.find(".//h2").text_content() == "Раздел"  # the permalink «¶» is gone
    assert out.find(".//a").get("href") == SITE + "2014/05/other/"
    assert out.find(".//img").get("src") == SITE + "2014/images/a.png"
    assert absolute_content("  \n", SITE) == ""


def test_the_documents_say_what_a_reader_needs(documents) -> None:
    """Read as XML: what feedparser would fill from elsewhere when one is missing."""
    rss, atom = (lxml.etree.fromstring(document) for document in documents)
    a = "{http://www.w3.org/2005/Atom}"
    dc = "{http://purl.org/dc/elements/1.1/}"
    channel = rss.find("channel")
    assert channel.findtext("generator") == atom.findtext(f"{a}generator") == "Letopis"
    assert channel.findtext("language") == "ru"
    assert channel.findtext("description") == atom.findtext(f"{a}subtitle") == "Записи архива"
    assert channel.findtext("lastBuildDate") == channel.findtext("pubDate") \
        == "Tue, 20 May 2014 00:00:00 +0400"
    assert atom.findtext(f"{a}updated") == "2014-05-20T00:00:00+04:00"
    links = {link.get("rel"): link.get("href") for link in atom.findall(f"{a}link")}
    assert links == {"self": SITE + "category/prodazhi/atom.xml",
                     "alternate": SITE + "category/prodazhi/"}
    assert channel.findtext("link") == SITE + "category/prodazhi/"
    item, older = channel.findall("item")
    guid = item.find("guid")
    assert (guid.text, guid.get("isPermaLink")) == (SITE + "2014/05/vtoraia/", "true")
    assert item.findtext(f"{dc}creator") == "Иван Иванов"
    assert older.findtext("description") == "Кратко о первой."
    entry = atom.find(f"{a}entry")
    assert entry.findtext(f"{a}id") == SITE + "2014/05/vtoraia/"
    assert entry.findtext(f"{a}author/{a}name") == "Иван Иванов"
    assert entry.find(f"{a}content").get("type") == "html"
    # Atom's default relation is "alternate": feedgen leaves it unsaid.
    assert [(link.get("rel") or "alternate", link.get("href"))
            for link in entry.findall(f"{a}link")] == [("alternate", SITE + "2014/05/vtoraia/")]
    # Pretty-printed: one element a line, readable in a browser's source view.
    assert documents[0].count(b"\n") > 20


def test_a_posts_html_keeps_quotes_and_every_element() -> None:
    assert absolute_content("<p>раз</p>", SITE) == "<p>раз</p>"  # no text before: none added
    html = 'Он сказал "да" & ушёл<p>раз</p><p>два <a href="x/">ссылка</a></p>'
    assert absolute_content(html, SITE) == (
        'Он сказал "да" &amp; ушёл<p>раз</p><p>два <a href="' + SITE + 'x/">ссылка</a></p>')
