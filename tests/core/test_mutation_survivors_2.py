"""Tests written for the survivors of the mutation run of 2026-12-02 over the core modules the
earlier runs had only sampled (benchmarks/MUTATION.md): each pins a behaviour no test checked."""

from __future__ import annotations

import dataclasses
import os
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from letopis.core import jobs
from letopis.core.addresses import Address, address_of, find_moves, read_record, record_text
from letopis.core.archive import build_archive
from letopis.core.authors import author_refs, check_author_refs
from letopis.core.breadcrumbs import Trails
from letopis.core.build_cache import Store, files_digest
from letopis.core.collation import collation_key
from letopis.core.content import SourceFile, load_posts
from letopis.core.dates import DateError, parse_post_date, site_timezone
from letopis.core.fields import Fields
from letopis.core.journal import Journal, link_posts
from letopis.core.journal import load_journals as load_journals_in
from letopis.core.l10n import LocaleError, Localizer, theme_language_problem
from letopis.core.messages import language, say, set_language
from letopis.core.nav import listed_paths
from letopis.core.posts import PostContext
from letopis.core.problems import Problems, shortened
from letopis.core.slugs import heading_anchor, is_valid_slug, term_slug
from letopis.core.structured_data import blog_posting, periodical
from letopis.core.summary import summary_from_html
from letopis.core.terms import cloud_weight, term_indexes
from letopis.core.urls import UrlFormatError, UrlScheme
from letopis.core.yaml_mapping import read_yaml
from tests.core.test_addresses import post as address_post
from tests.core.test_archive import RU, make_posts
from tests.core.test_comments import entry
from tests.core.test_comments import load as load_comments
from tests.core.test_journal import article, issue_file, journal_index, source
from tests.core.test_journal import load as load_journals

MOSCOW = site_timezone("Europe/Moscow")


@pytest.fixture
def russian():
    """Messages in Russian during the test, and again after it."""
    set_language("ru")
    yield
    set_language("ru")


# --- addresses: the record's text -----------------------------------------------------------


def test_the_address_record_is_indented_sorted_and_keeps_cyrillic() -> None:
    record = {"posts/b.md": Address("2014/05/%D0%B0/", "а", "2014-05-20"),
              "posts/a.md": Address("2014/05/x/", "x", "2014-05-01")}
    assert record_text(record) == """{
 "posts": {
  "posts/a.md": {
   "day": "2014-05-01",
   "slug": "x",
   "url": "2014/05/x/"
  },
  "posts/b.md": {
   "day": "2014-05-20",
   "slug": "а",
   "url": "2014/05/%D0%B0/"
  }
 },
 "version": 1
}
"""
    assert read_record(record_text(record)) == record


# --- build_cache: digests of files, the store's counters, modes and pruning -------------------


def test_files_digest_names_files_relative_to_the_root(tmp_path: Path) -> None:
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "a.html").write_text("A", encoding="utf-8")
    one, two = tmp_path / "one" / "a.html", tmp_path / "two" / "a.html"
    assert files_digest([one], tmp_path / "one") == files_digest([two], tmp_path / "two")
    # Without a root the whole path is named: the same bytes elsewhere are another key.
    assert files_digest([one]) != files_digest([two])
    assert files_digest([one]) == files_digest([one])


def test_the_store_counts_its_hits_and_misses(tmp_path: Path) -> None:
    store = Store(tmp_path)
    store.put("aa01", b"x")
    for key in ("aa01", "aa01", "bb02", "aa01", "cc03"):
        store.get(key)
    assert (store.hits, store.misses) == (3, 2)


def test_an_entry_is_readable_by_everyone(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        Store(tmp_path).put("aa01", b"x")
    finally:
        os.umask(old)
    assert (tmp_path / "aa" / "01").stat().st_mode & 0o777 == 0o644


def _entry(folder: Path, name: str, size: int, moment: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_bytes(b"x" * size)
    os.utime(path, ns=(moment, moment))
    return path


def test_pruning_goes_on_past_leftovers_and_vanished_entries(tmp_path: Path) -> None:
    for folder in ("aa", "bb", "cc", "dd"):
        _entry(tmp_path / folder, "01", 10, 10**17)
        (tmp_path / folder / ".tmp-1-01").write_bytes(b"half")
        (tmp_path / folder / "gone").symlink_to(tmp_path / "nowhere")  # stat fails
    assert Store(tmp_path).prune(limit=0) == 8  # four leftovers, four entries
    left = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.glob("??/*"))
    assert left == ["aa/gone", "bb/gone", "cc/gone", "dd/gone"]


def test_pruning_stops_at_the_limit_exactly(tmp_path: Path) -> None:
    _entry(tmp_path / "aa", "01", 100, 10**17)
    _entry(tmp_path / "bb", "02", 100, 2 * 10**17)
    assert Store(tmp_path).prune(limit=200) == 0
    assert Store(tmp_path).prune(limit=199) == 1
    assert not (tmp_path / "aa" / "01").exists() and (tmp_path / "bb" / "02").exists()


def test_entries_used_at_the_same_moment_go_in_path_order(tmp_path: Path) -> None:
    # Same mtime: the path decides, not the size (nor the order the folder lists them in).
    names = ["b6", "a3", "c1", "a9", "c5", "b2"]
    for number, name in enumerate(names):
        _entry(tmp_path / (name[0] * 2), name[1:], 10 + number, 10**17)
    assert Store(tmp_path).prune(limit=40) == 3
    left = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.glob("??/*"))
    assert left == ["bb/6", "cc/1", "cc/5"]


# --- dates: what a value that is no date is called ------------------------------------------


def test_a_date_given_as_a_mapping_is_named_so(russian) -> None:
    with pytest.raises(DateError) as caught:
        parse_post_date({"year": 2014}, MOSCOW)
    assert str(caught.value) == "дата записывается так: 2014-05-20, а не набор ключей"


# --- jobs -----------------------------------------------------------------------------------


def test_available_cores_are_those_this_process_may_use(monkeypatch) -> None:
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {3}, raising=False)
    assert jobs.available_cores() == 1
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2}, raising=False)
    assert jobs.available_cores() == 3


@pytest.mark.parametrize(("cpus", "expected"), [(3, 3), (1, 1), (None, 1)])
def test_without_affinity_the_machines_cores_count(monkeypatch, cpus: int | None,
                                                   expected: int) -> None:
    monkeypatch.delattr(os, "sched_getaffinity", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: cpus)
    assert jobs.available_cores() == expected


# --- journal: an issue named with slashes around it, the known issues listed -----------------


def test_an_issue_reference_may_have_slashes_around_it() -> None:
    journals, problems = load_journals(journal_index(), issue_file("2014-2.md", 2014, 2))
    assert not problems.errors
    (post,) = make_posts("Анонс | 2014-05-20 | issue: /vestnik/2014/2/")
    found = Problems()
    link_posts(journals, [post], [post], found)
    assert not found.items
    assert [p.title for p in journals.by_ref["vestnik/2014/2"].posts] == ["Анонс"]


def test_a_journal_whose_name_starts_with_x_is_found() -> None:
    journals, _ = load_journals(
        source("Xronika/index.md", "name: Хроника", body="О журнале."),
        source("Xronika/2014-2.md", "year: 2014", "number: 2", "articles:",
               "  - title: Статья", "    authors: [ivan]", "    abstract: Кратко."))
    assert "Xronika/2014/2" in journals.by_ref
    (post,) = make_posts("Анонс | 2014-05-20 | issue: Xronika/2014/2")
    found = Problems()
    link_posts(journals, [post], [post], found)
    assert not found.items


def test_an_unknown_issue_lists_the_known_ones(russian) -> None:
    journals, _ = load_journals(journal_index(), issue_file("2014-2.md", 2014, 2),
                                issue_file("2013-4.md", 2013, 4))
    (post,) = make_posts("Анонс | 2014-05-20 | issue: vestnik/2014/9")
    found = Problems()
    link_posts(journals, [post], [post], found)
    assert [p.message for p in found.errors] == [
        'неизвестный номер журнала "vestnik/2014/9" (нужно <журнал>/<год>/<номер>; известны: '
        "vestnik/2013/4, vestnik/2014/2)"]


# --- l10n: a theme in another language ------------------------------------------------------


def test_a_theme_in_another_language_is_named_in_full(russian) -> None:
    assert theme_language_problem("ru", None) == (
        "locale: ru, а theme.language: en — сайт вышел бы на двух языках (<html lang>, поиск, "
        "надписи темы). Задайте в mkdocs.yml theme.language: ru (или укажите в letopis/archive "
        "locale на языке темы)")
    assert theme_language_problem("ru-RU", "de").startswith(
        "locale: ru-RU, а theme.language: de — ")


@pytest.mark.parametrize(("locale", "theme"), [
    ("ru-RU", "ru"), ("ru_RU", "ru"), ("en", None), ("en-GB", "EN"), ("en_US", "en-US"),
])
def test_the_same_language_written_otherwise_is_no_problem(locale: str,
                                                           theme: str | None) -> None:
    assert theme_language_problem(locale, theme) is None


# --- messages: the language of problems -----------------------------------------------------


@pytest.mark.parametrize("code", ["en", "EN", "en_GB", "en-US", "En-gb"])
def test_english_in_any_spelling_speaks_english(russian, code: str) -> None:
    set_language(code)
    assert language() == "en"
    assert say("a_set_of_keys") == "a set of keys"


@pytest.mark.parametrize("code", ["ru", "ru-RU", "de", "eng", "e", "", "ru_en"])
def test_anything_but_english_speaks_russian(russian, code: str) -> None:
    set_language("en")
    set_language(code)
    assert language() == "ru"
    assert say("a_set_of_keys") == "набор ключей"


# --- nav: a path written from the root ------------------------------------------------------


def test_a_leading_slash_only_is_dropped_from_nav_paths() -> None:
    assert listed_paths(["/Xanadu.md", {"О нас": "//about/X.md"}, "XX/a.md"]) == \
        {"Xanadu.md", "about/X.md", "XX/a.md"}


# --- problems: values cut short -------------------------------------------------------------


def test_text_is_cut_after_sixty_characters() -> None:
    assert shortened("x" * 60) == "x" * 60
    assert shortened("x" * 61) == "x" * 59 + "…"
    assert shortened("абв", limit=3) == "абв"
    assert shortened("абвг", limit=3) == "аб…"


# --- summary: what goes into a summary before <!-- more --> ----------------------------------


@pytest.mark.parametrize(("html", "expected"), [
    ("<h2>Заголовок</h2><p>Текст.</p><pre>код</pre><!-- more --><p>Дальше.</p>", ("Текст.",)),
    ("<ol><li>Первый</li><li>Второй</li></ol><!-- more -->", ("Первый", "Второй")),
    ("<ul><li>Один</li><li>Два</li></ul><!-- more -->", ("Один", "Два")),
    ("<blockquote><li>а</li>\n<li>б</li></blockquote><!-- more -->", ("а б",)),  # one block
])
def test_a_summary_before_more_keeps_text_blocks_only(html: str, expected: tuple) -> None:
    assert summary_from_html(html) == expected


# --- terms: the tag index and the cloud's weights -------------------------------------------


def test_the_tag_index_and_the_weights_of_its_entries() -> None:
    posts = make_posts("Один | 2014-05-01 | tags: [клиенты, лиды]",
                       "Два | 2014-05-02 | tags: [клиенты]",
                       "Три | 2014-05-03 | tags: [клиенты, итоги]",
                       "Четыре | 2014-05-04 | tags: [клиенты]")
    index, _ = build_archive(posts, localizer=RU, urls=UrlScheme(), page_size=10,
                             include_drafts=False)
    tags = term_indexes(index, "categories/", "tags/")["tag"]
    assert (tags.kind, tags.url) == ("tag", "tags/")
    # 4 posts the most: weight 5; 1 post: weight 1.
    assert [(e.name, e.count, e.weight) for e in tags.entries] == [
        ("итоги", 1, 1), ("клиенты", 4, 5), ("лиды", 1, 1)]
    assert term_indexes(index, "categories/", "tags/")["category"].entries == ()


def test_an_archive_without_terms_has_empty_indexes() -> None:
    index, _ = build_archive([], localizer=RU, urls=UrlScheme(), page_size=10,
                             include_drafts=False)
    indexes = term_indexes(index, "category/", "tag/")
    assert (indexes["category"].entries, indexes["tag"].entries) == ((), ())


@pytest.mark.parametrize(("count", "most", "weight"), [(1, 2, 1), (2, 2, 5)])
def test_cloud_weights_when_the_largest_term_has_two_posts(count: int, most: int,
                                                           weight: int) -> None:
    assert cloud_weight(count, most) == weight


# --- breadcrumbs: an empty archive ----------------------------------------------------------


def test_the_home_page_of_an_empty_archive_has_no_trail() -> None:
    index, _ = build_archive([], localizer=RU, urls=UrlScheme(), page_size=10,
                             include_drafts=False)
    trails = Trails(Localizer("ru"), UrlScheme(), "archive/")
    (page,) = index.home.pages
    assert trails.listing(page) == ()


# --- addresses: moves among several posts ---------------------------------------------------


def _post(front: str, source: str = "posts/x.md"):
    return address_post(front, source)


def test_a_move_is_found_after_a_post_the_record_does_not_know() -> None:
    old = _post("title: Первая запись\ndate: 2014-05-20", "posts/x.md")
    record = {"posts/x.md": address_of(old)}
    newcomer = _post("title: Новая\ndate: 2014-06-01", "posts/new.md")
    moved = _post("title: Новое название\ndate: 2014-05-20", "posts/x.md")
    moves = find_moves([newcomer, moved], record, UrlScheme())
    assert [(m.source, m.path, m.old.url, m.new.url) for m in moves] == [
        ("posts/x.md", "content/posts/x.md", "2014/05/pervaia-zapis/", "2014/05/novoe-nazvanie/")]


def test_an_alias_for_the_old_address_counts_after_a_wrong_one() -> None:
    old = _post("title: Первая запись\ndate: 2014-05-20")
    record = {"posts/x.md": address_of(old)}
    moved = _post("title: Новое название\ndate: 2014-05-20\n"
                  "aliases: ['https://example.org/x/', /2014/05/pervaia-zapis/]")
    assert find_moves([moved], record, UrlScheme()) == []


# --- archive: the home page and the archive pages -------------------------------------------


def test_the_home_page_and_archive_pages_have_their_own_page_sizes() -> None:
    posts = make_posts(*(f"Запись {n} | 2014-05-{n + 1:02d} | tags: [метка]" for n in range(5)))
    index, _ = build_archive(posts, localizer=RU, urls=UrlScheme(), page_size=2,
                             include_drafts=False, archive_page_size=3)
    assert [len(page.posts) for page in index.home.pages] == [2, 2, 1]
    for listing in (index.years[2014], index.months[2014, 5], index.tags["metka"]):
        assert [len(page.posts) for page in listing.pages] == [3, 2]


def test_the_home_page_and_archive_headings() -> None:
    posts = make_posts("Запись | 2014-05-20 10:00")
    index, _ = build_archive(posts, localizer=RU, urls=UrlScheme(), page_size=10,
                             include_drafts=False)
    assert (index.home.kind, index.home.url, index.home.heading) == \
        ("home", "", "Последние записи")
    year = index.years[2014]
    assert (year.kind, year.url, year.heading) == ("year", "2014/", "Архив за 2014 год")
    day = index.days[date(2014, 5, 20)]
    assert (day.kind, day.url, day.heading) == ("day", "2014/05/20/", "Архив за 20 мая 2014")


def test_a_tag_spelled_two_ways_is_a_warning(russian) -> None:
    posts = make_posts("Один | 2014-05-01 | tags: [Клиенты]", "Два | 2014-05-02 | tags: [клиенты]")
    _, problems = build_archive(posts, localizer=RU, urls=UrlScheme(), page_size=10,
                                include_drafts=False)
    assert [str(p) for p in problems.warnings] == [
        'content/posts/1.md: метка "клиенты" получает тот же адрес tag/klienty/, что и '
        '"Клиенты" в content/posts/0.md; пишите её одинаково']
    assert not problems.errors


# --- collation: letters of other scripts ----------------------------------------------------


def test_cyrillic_comes_first_then_latin_then_other_scripts() -> None:
    words = ["α", "ẽ", "b", "ӿ", "é", "я", "º"]
    # ӿ (U+04FF, the last of the Cyrillic block) and я are Cyrillic; b, é and ẽ Latin; the
    # ordinal sign º and the Greek α neither (among themselves, by code point).
    assert sorted(words, key=collation_key) == ["я", "ӿ", "b", "é", "ẽ", "º", "α"]


# --- structured data: empty texts left out, a summary of several paragraphs -----------------


def test_an_empty_description_is_left_out_of_a_periodical() -> None:
    journal = Journal("vestnik", "journal/vestnik/index.md", "content/journal/vestnik/index.md",
                      "Вестник", None, "", "journal/vestnik/")
    assert periodical(journal, lambda url: None) == {
        "@context": "https://schema.org", "@type": "Periodical", "name": "Вестник"}


def test_a_posts_description_joins_its_paragraphs() -> None:
    (post,) = make_posts("Запись | 2014-05-20")
    post = dataclasses.replace(post, summary=("Первый абзац.", "Второй."))
    data = blog_posting(post, {}, lambda url: None, "Блог")
    assert data["description"] == "Первый абзац. Второй."


# --- journal and slugs: anchors ---------------------------------------------------------------


def test_a_title_ending_in_a_number_keeps_its_own_anchor() -> None:
    journals, problems = load_journals(journal_index(), issue_file(
        "2014-2.md", 2014, 2, "articles:", *article("Итоги"), *article("Итоги"),
        *article("Итоги 2")))
    assert not problems
    anchors = [a.anchor for a in journals.by_ref["vestnik/2014/2"].articles]
    assert anchors == ["itogi", "itogi-3", "itogi-2"]  # the repeat skips the taken -2


def test_a_heading_anchor_uses_the_separator_given() -> None:
    assert heading_anchor("Итоги года", "_") == "itogi_goda"
    assert heading_anchor("Итоги года", "-") == "itogi-goda"


# --- authors: author_refs along a path that is not there ------------------------------------


def _yaml(text: str):
    data = read_yaml(text, "content/x.md", Problems())
    assert data is not None
    return data


@pytest.mark.parametrize("key", [
    ("articles", 0, "authors"), ("articles", 1, "authors"), ("articles", 5, "authors"),
    ("text", 0, "authors"), ("missing", 0, "authors"),
])
def test_author_refs_along_a_path_that_is_not_there_are_none(key: tuple) -> None:
    data = _yaml("articles:\n  - authors: ivan\ntext: строка\n")
    assert author_refs(data, "content/x.md", *key) == []


def test_author_refs_skip_what_is_not_a_name() -> None:
    data = _yaml("authors: [ivan, '  ', [petr], ivan, ' olga ', true]\n")
    assert [(r.key, r.line) for r in author_refs(data, "content/x.md", "authors")] == [
        ("ivan", 1), ("olga", 1)]


def test_an_author_written_as_a_number_is_checked_like_any_other() -> None:
    # Fields.names makes `authors: [2014]` the key "2014" of the post; its reference must be
    # checked against the registry too, or the author silently vanishes from the page.
    data = _yaml("authors:\n  - ivan\n  - 2014\n")
    refs = author_refs(data, "content/x.md", "authors")
    assert [(r.key, r.line) for r in refs] == [("ivan", 2), ("2014", 3)]
    problems = Problems()
    check_author_refs(refs, {}, "content/authors.yml", problems)
    assert [(p.line, "2014" in p.message) for p in problems.errors] == [(2, False), (3, True)]
    (post,) = make_posts("Запись | 2014-05-20 | authors: [2014]")
    assert post.authors == ("2014",)


# --- fields: the defaults of integer --------------------------------------------------------


def _fields(text: str) -> Fields:
    return Fields(_yaml(text), "content/x.md", Problems())


def test_a_whole_number_is_optional_and_from_1_to_10000_by_default() -> None:
    fields = _fields("one: 1\ntop: 10000\nover: 10001\nzero: 0\n")
    assert fields.integer("missing") is None
    assert (fields.integer("one"), fields.integer("top")) == (1, 10000)
    assert not fields.problems.items
    assert fields.integer("over") is None and fields.integer("zero") is None
    assert [p.line for p in fields.problems.errors] == [3, 4]


def test_a_whole_number_at_its_maximum_is_accepted() -> None:
    fields = _fields("number: 999\n")
    assert fields.integer("number", minimum=1, maximum=999) == 999
    assert not fields.problems.items


# --- journal: typos suggest the journal's own keys, journal_dir written with slashes ----------


def test_a_typo_in_a_journal_or_issue_suggests_only_their_own_keys() -> None:
    journals, problems = load_journals(
        journal_index("vestnik", "name: Вестник", "serch: false"),
        issue_file("2014-2.md", 2014, 2, "templte: x"))
    assert "vestnik/2014/2" in journals.by_ref
    assert sorted(p.message for p in problems.warnings) == [
        'неизвестный ключ "serch"', 'неизвестный ключ "templte"']


@pytest.mark.parametrize("journal_dir", ["journal/", "/journal/", "journal"])
def test_the_journal_folder_may_be_written_with_slashes(journal_dir: str) -> None:
    journals, problems = load_journals_in(
        [journal_index(), issue_file("2014-2.md", 2014, 2)], journal_dir, UrlScheme(), RU)
    assert not problems.errors
    assert journals.by_slug["vestnik"].url == "journal/vestnik/"
    assert journals.by_ref["vestnik/2014/2"].url == "journal/vestnik/2014/2/"


def test_a_journal_folder_whose_name_starts_with_x() -> None:
    files = [SourceFile(f.source.replace("journal/", "Xjournal/", 1), f.path, f.raw)
             for f in (journal_index(), issue_file("2014-2.md", 2014, 2))]
    journals, problems = load_journals_in(files, "Xjournal", UrlScheme(), RU)
    assert not problems.errors
    assert journals.by_ref["vestnik/2014/2"].url == "Xjournal/vestnik/2014/2/"
    assert UrlScheme.journal("/XX/", "x") == "XX/x/"


# --- l10n: locales written with a hyphen, a language without a catalog ----------------------


def test_a_locale_may_be_written_with_a_hyphen() -> None:
    localizer = Localizer("ru-RU")
    assert (localizer.locale.language, localizer.locale.territory) == ("ru", "RU")
    assert localizer.heading("home") == "Последние записи"


def test_a_language_without_a_catalog_names_the_file_to_add(russian) -> None:
    with pytest.raises(LocaleError) as caught:
        Localizer("de_AT")
    assert str(caught.value) == ('у Letopis нет строк интерфейса для языка "de_AT" (есть: en, ru); '
                                 "добавьте locales/de.toml")


# --- problems: a collection with problems is true ------------------------------------------


def test_problems_are_true_when_there_are_some() -> None:
    problems = Problems()
    assert not problems
    problems.warning("content/x.md", 1, "предупреждение")
    assert problems


# --- comments: an empty date ----------------------------------------------------------------


def test_a_comment_with_an_empty_date_is_told_at_that_line(russian) -> None:
    _, problems = load_comments("  - id: 1", "    author: Иван", "    date:",
                                "    text: Согласен.")
    assert [str(p) for p in problems.errors] == [
        'content/posts/x.md:7: нет ключа "date" (он обязателен, например date: 2014-05-20 11:05)']


# --- journal: a mistake in one file does not stop the others --------------------------------


def test_every_journal_file_is_read_past_the_mistakes_of_others(russian) -> None:
    files = [
        source("stray.md", "name: Журнал"),  # not in a journal's folder
        source("vestnik/broken.md", "year: [2014"),  # front matter that does not parse
        source("other/2014-1.md", "year: 2014", "number: 1"),  # a journal without index.md
        journal_index(),
        issue_file("2014-2.md", 2014, 2),
        issue_file("2014-2-again.md", 2014, 2),  # the same issue twice
        issue_file("2013-4.md", 2013, 4),
    ]
    journals, problems = load_journals(*files)
    assert sorted(journals.by_ref) == ["vestnik/2013/4", "vestnik/2014/2"]
    assert sorted(p.path for p in problems.errors) == [
        "content/journal/other/2014-1.md", "content/journal/stray.md",
        "content/journal/vestnik/2014-2-again.md", "content/journal/vestnik/broken.md"]


# --- urls: every refusal of post_url_format names the format --------------------------------


@pytest.mark.parametrize(("post_format", "message"), [
    ("{year}/{month}/", 'post_url_format "{year}/{month}/" должен содержать {slug}, иначе '
                        "записи одного дня получат один адрес"),
    ("{year}/{title}/{name}/{slug}/", 'в post_url_format "{year}/{title}/{name}/{slug}/" '
     "неизвестные поля name, title (допустимы {year}, {month}, {day}, {slug})"),
    ("/{year}/{slug}/", 'post_url_format "/{year}/{slug}/" должен быть относительным и '
                        'кончаться на "/", например "{year}/{month}/{slug}/"'),
    ("{year}/./{slug}/", 'в post_url_format "{year}/./{slug}/" есть пустая часть, "." или ".."'),
    ("{year!r}/{slug}/", 'в post_url_format "{year!r}/{slug}/" не должно быть спецификаций '
                         "формата"),
    ("{year}/{slug/", 'post_url_format "{year}/{slug/" записан с ошибкой: '
                      "expected '}' before end of string"),
])
def test_a_refused_url_format_is_named_in_full(russian, post_format: str, message: str) -> None:
    with pytest.raises(UrlFormatError) as caught:
        UrlScheme(post_format)
    assert str(caught.value) == message


def test_a_url_format_may_end_in_a_fixed_folder() -> None:
    urls = UrlScheme("{year}/{month}/{slug}/a/")
    assert urls.post(datetime(2014, 5, 20, tzinfo=MOSCOW), "x") == "2014/05/x/a/"


# --- content: a file that cannot be read does not stop the others ---------------------------


def test_a_file_without_front_matter_does_not_hide_the_next() -> None:
    context = PostContext(MOSCOW, UrlScheme(), RU)
    files = [SourceFile("posts/a.md", "content/posts/a.md", b"no front matter\n"),
             SourceFile("posts/b.md", "content/posts/b.md",
                        "---\ntitle: Запись\ndate: 2014-05-20\n---\nТекст.\n".encode())]
    posts, problems = load_posts(files, context)
    assert [p.title for p in posts] == ["Запись"]
    assert [p.path for p in problems.errors] == ["content/posts/a.md"]


# --- dates: Z after a space, an impossible moment -------------------------------------------


def test_utc_written_with_a_space_before_z() -> None:
    moment = parse_post_date("2014-05-20 11:05 Z", MOSCOW)
    assert (moment.hour, moment.minute, moment.utcoffset()) == (15, 5, timedelta(hours=4))


def test_an_impossible_moment_says_what_is_expected(russian) -> None:
    with pytest.raises(DateError) as caught:
        parse_post_date("2014-02-30 11:05", MOSCOW)
    assert str(caught.value) == (
        'дата "2014-02-30 11:05" — несуществующие день или время (нужно ГГГГ-ММ-ДД или '
        "ГГГГ-ММ-ДД ЧЧ:ММ, можно с секундами и смещением вроде +04:00)")


# --- slugs: a digest of a text that UTF-8 cannot hold ---------------------------------------


def test_a_term_of_a_lone_surrogate_still_gets_a_slug() -> None:
    first, second = term_slug("\ud800"), term_slug("\ud801")
    assert len(first) == 10 and int(first, 16) >= 0
    assert first != second


# --- comments: an id written twice, when the id is not the entry's first key -----------------


def test_an_id_twice_is_told_at_the_id_with_the_first_ids_line(russian) -> None:
    _, problems = load_comments(
        "  - author: Иван", "    id: 7", "    date: 2014-05-20", "    text: Да.",
        "  - author: Пётр", "    date: 2014-05-21", "    id: 7", "    text: Нет.")
    assert [(p.line, p.message) for p in problems.errors] == [
        (11, "id комментария 7 повторяется (впервые на строке 6); у каждого комментария "
             "должен быть свой")]


# --- comments: circles of replies -----------------------------------------------------------


def test_each_circle_of_replies_is_told_once_at_its_first_comment(russian) -> None:
    _, problems = load_comments(
        *entry(1, "2014-05-20"),  # on the post: lines 5-8
        *entry(10, "2014-05-20", parent=2),  # leads into the circle 2 → 3: lines 9-13
        *entry(2, "2014-05-20", parent=3),  # lines 14-18
        *entry(3, "2014-05-20", parent=2),  # lines 19-23
        *entry(4, "2014-05-20", parent=5),  # a second circle: lines 24-28
        *entry(5, "2014-05-20", parent=4))  # lines 29-33
    circle = "комментарии {} отвечают друг другу по кругу: у первого комментария ветки нет parent"
    assert [(p.line, p.message) for p in problems.errors] == [
        (17, circle.format("2 → 3 → 2")), (27, circle.format("4 → 5 → 4"))]


# --- slugs: the longest slug an editor may write --------------------------------------------


def test_a_slug_may_be_200_characters_long() -> None:
    assert is_valid_slug("a" * 200)
    assert not is_valid_slug("a" * 201)


# --- fields: a wrong item does not hide the items after it ----------------------------------


def test_entries_and_names_after_a_wrong_item_are_still_read() -> None:
    fields = _fields("articles:\n  - text\n  - {title: A}\nauthors: [ivan, '', petr]\n")
    assert [entry.values for entry in fields.items("articles")] == [{"title": "A"}]
    assert fields.names("authors") == ["ivan", "petr"]
    assert [p.line for p in fields.problems.errors] == [2, 4]


# --- problems: one line each, the whole file's first ----------------------------------------


@pytest.mark.parametrize(("message", "shown"), [
    ("a\r\nb", "a\\nb"), ("a\rb", "a\\nb"), ("a\nb", "a\\nb"), ("a\r\n\rb\n", "a\\n\\nb\\n"),
    ("без переводов строк", "без переводов строк"),
])
def test_a_problem_is_one_line_whatever_its_line_ends(message: str, shown: str) -> None:
    problems = Problems()
    problems.error("content/x.md", 2, message)
    problems.warning("content/x.md", 3, message)
    assert [p.message for p in problems.in_order] == [shown, shown]


def test_a_problem_of_the_whole_file_comes_before_its_first_line() -> None:
    problems = Problems()
    problems.error("content/x.md", 1, "на строке 1")
    problems.error("content/x.md", None, "во всём файле")
    assert [str(p) for p in problems.errors] == [
        "content/x.md: во всём файле", "content/x.md:1: на строке 1"]


def test_a_letter_without_a_unicode_name_sorts_among_other_scripts() -> None:
    # Tangut ideographs are letters that Python's unicodedata gives no name.
    tangut = "\U00017000"
    assert sorted([tangut, "α", "b", "я"], key=collation_key) == ["я", "b", "α", tangut]
