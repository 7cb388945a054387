"""WordPress HTML → Markdown: paragraphs, lists, quotes, images, captions, the more mark,
shortcodes kept as written; and, judged by rendering the Markdown with Python-Markdown as the
site does: nothing that runs survives, players become links, text stays text, tables keep
every cell, headings and anchors keep their place."""

from __future__ import annotations

from html import escape

import lxml.etree
import lxml.html
import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from letopis.wordpress.convert import to_markdown


@pytest.mark.parametrize(
    ("html", "markdown"),
    [
        # WordPress keeps paragraphs as blank lines and line breaks as newlines.
        ("Первый абзац\nс переносом.\n\nВторой абзац.",
         "Первый абзац  \nс переносом.\n\nВторой абзац.\n"),
        ("Текст <strong>жирный</strong> и <em>курсив</em>.", "Текст **жирный** и *курсив*.\n"),
        ("<ul>\n\t<li>раз</li>\n\t<li>два</li>\n</ul>", "- раз\n- два\n"),
        ("<ol><li>раз</li><li>два</li></ol>", "1. раз\n2. два\n"),
        ("<blockquote>Цитата</blockquote>", "> Цитата\n"),
        ("<h2>Заголовок</h2>\nТекст.", "## Заголовок\n\nТекст.\n"),
        ('Ссылка <a href="https://example.org/x/">туда</a>.',
         "Ссылка [туда](https://example.org/x/).\n"),
        ("До.\n\n<!--more-->\n\nПосле.", "До.\n\n<!-- more -->\n\nПосле.\n"),
        ("До.<!--more Читать дальше-->После.", "До.\n\n<!-- more -->\n\nПосле.\n"),
        ("Сноска [1] и [Примечание] остаются.", "Сноска [1] и [Примечание] остаются.\n"),
    ],
)
def test_html_becomes_markdown(html: str, markdown: str) -> None:
    assert to_markdown(html).markdown == markdown


def test_caption_becomes_an_image_with_its_caption() -> None:
    html = ('[caption id="attachment_5" align="aligncenter" width="300"]<a href="big.png">'
            '<img src="https://old.example.org/wp-content/uploads/small.png" alt="Схема" /></a>'
            " Четыре <em>группы</em> заявок[/caption]")
    result = to_markdown(html, image_url=lambda url: url.replace("https://old.example.org/", "/"))
    assert result.markdown == (
        '<figure markdown="span">\n  ![Схема](/wp-content/uploads/small.png)\n'
        "  <figcaption>Четыре группы заявок</figcaption>\n</figure>\n")
    assert result.images == ["https://old.example.org/wp-content/uploads/small.png"]


def test_caption_text_is_escaped_inside_html() -> None:
    result = to_markdown('[caption]<img src="a.png" alt="A"> A &lt;b&gt; &amp; "q"[/caption]')
    assert "<figcaption>A &lt;b&gt; &amp; &quot;q&quot;</figcaption>" in result.markdown


def test_other_shortcodes_are_kept_verbatim_and_counted() -> None:
    html = '[gallery ids="1,2"]\n\n[su_box title="Итог"]Текст[/su_box] и [embed]x[/embed]'
    result = to_markdown(html)
    assert '[gallery ids="1,2"]' in result.markdown
    assert '[su_box title="Итог"]Текст[/su_box]' in result.markdown  # no "\_" escape
    assert result.shortcodes == {"gallery": 1, "su_box": 1, "embed": 1}


def test_images_can_be_pointed_at_local_copies() -> None:
    html = '<img src="https://old.example.org/wp-content/uploads/2014/05/a.png" alt="A">'
    result = to_markdown(html, image_url=lambda url: "../../media/2014/05/a.png")
    assert result.markdown == "![A](../../media/2014/05/a.png)\n"
    assert result.images == ["https://old.example.org/wp-content/uploads/2014/05/a.png"]


# --- Rendering helpers: the Markdown is judged by what Python-Markdown makes of it. ---------

EXTENSIONS = ["attr_list", "md_in_html", "tables"]


def render(markdown_text: str) -> lxml.html.HtmlElement:
    html = markdown.markdown(markdown_text, extensions=EXTENSIONS)
    return lxml.html.fragment_fromstring(html, create_parent="div")


def words(text: str) -> str:
    return " ".join(text.split())


def shown(markdown_text: str) -> str:
    """The text a reader sees, whitespace-normalized."""
    return words(render(markdown_text).text_content())


def assert_safe(tree: lxml.html.HtmlElement) -> None:
    assert not tree.xpath("//script | //style | //iframe | //object | //embed | //form")
    for element in tree.iter(lxml.etree.Element):  # not comments
        assert not [name for name in element.attrib if name.lower().startswith("on")]
        for name in ("href", "src"):
            url = "".join(element.get(name, "").split()).lower()
            assert not url.startswith(("javascript:", "vbscript:", "data:")), url


# --- 1. Sanitizing ----------------------------------------------------------------------------

def test_scripts_handlers_and_script_urls_are_removed_and_counted() -> None:
    html = ('<p onclick="steal()">Текст <a href="javascript:alert(1)">ссылка</a> '
            '<a href=" JaVa&#x09;ScRiPt:alert(1)" onmouseover="x()">вторая</a> '
            '<img src="data:image/png;base64,AAAA" alt="картинка"> '
            '<a href="vbscript:msgbox(1)">третья</a></p>\n'
            '<script>alert("взлом")</script><script src="https://evil.example/x.js"></script>\n'
            "<style>p { display: none }</style>")
    result = to_markdown(html)
    tree = render(result.markdown)
    assert_safe(tree)
    assert words(tree.text_content()) == "Текст ссылка вторая картинка третья"
    assert result.removed == {"script": 2, "event handler": 2, "script URL": 4}


def test_noscript_is_dropped_with_its_content() -> None:
    result = to_markdown('До.<noscript><img src="https://counter.example/p.gif"></noscript>')
    assert shown(result.markdown) == "До."
    assert result.images == []
    assert result.unconverted == ["блок для браузеров без JavaScript (<noscript>)"]


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "<b>жирный</b> и <i>курсив</i>",
        '<a href="javascript:alert(1)" onclick="x()">ссылка</a>',
        "<img src=x onerror=alert(1)>",
        "<!-- комментарий --> <?php echo 1; ?> <![CDATA[x]]>",
        "&amp; &copy; &#60; &#x3C; &lt;",
        "<https://example.org> <mail@example.org>",
    ],
)
def test_escaped_markup_in_the_source_stays_text(text: str) -> None:
    result = to_markdown(f"<p>{escape(text, quote=False)}</p>")
    tree = render(result.markdown)
    assert_safe(tree)
    assert not tree.xpath("//b | //i | //a | //img")
    assert words(tree.text_content()) == words(text)


def test_markup_smuggled_in_attributes_stays_harmless() -> None:
    html = ('<img src="a.png" alt="x](javascript:alert(1)) [y" title=\'"><script>\'> '
            '<a href="https://example.org/a b)c" title="t&quot;>">x](javascript:alert(1))</a>')
    tree = render(to_markdown(html).markdown)
    assert_safe(tree)
    assert [a.get("href") for a in tree.iter("a")] == ["https://example.org/a%20b%29c"]
    assert [img.get("src") for img in tree.iter("img")] == ["a.png"]
    assert [img.get("alt") for img in tree.iter("img")] == ["x](javascript:alert(1)) [y"]


# --- 2. Embeds --------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("src", "url", "host"),
    [
        ("https://www.youtube.com/embed/dQw4w9WgXcQ?feature=oembed",
         "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "YouTube"),
        ("//www.youtube-nocookie.com/embed/dQw4w9WgXcQ?rel=0",
         "https://www.youtube.com/watch?v=dQw4w9WgXcQ", "YouTube"),
        ("https://player.vimeo.com/video/76979871?h=8272103f6e",
         "https://vimeo.com/76979871/8272103f6e", "Vimeo"),
        ("https://rutube.ru/play/embed/c6cc4d620b1d4338901770a44b3e82f4",
         "https://rutube.ru/video/c6cc4d620b1d4338901770a44b3e82f4/", "Rutube"),
        ("https://vk.com/video_ext.php?oid=-22822305&id=456241864&hash=ab12",
         "https://vk.com/video-22822305_456241864", "VK"),
        ("https://www.dailymotion.com/embed/video/x7tgad0",
         "https://www.dailymotion.com/video/x7tgad0", "Dailymotion"),
    ],
)
def test_video_iframes_become_links_to_the_video_page(src: str, url: str, host: str) -> None:
    html = f'<p>Смотрите:</p>\n<iframe width="560" src="{src}" allowfullscreen></iframe>'
    result = to_markdown(html)
    tree = render(result.markdown)
    assert_safe(tree)
    assert [(a.get("href"), a.text_content()) for a in tree.iter("a")] == [
        (url, f"Видео: {host}")]
    assert result.unconverted == [f"видео {host} заменено ссылкой"]


def test_other_iframes_become_links_to_their_address() -> None:
    result = to_markdown('<iframe src="https://maps.example.com/embed?pb=1&amp;z=2"></iframe>')
    tree = render(result.markdown)
    assert_safe(tree)
    assert [a.get("href") for a in tree.iter("a")] == ["https://maps.example.com/embed?pb=1&z=2"]
    assert result.unconverted == ["встраивание с maps.example.com (<iframe>) заменено ссылкой"]


def test_embed_shortcodes_and_bare_video_urls_become_links() -> None:
    html = ("[embed]https://youtu.be/dQw4w9WgXcQ[/embed]\n\n"
            "https://vimeo.com/76979871\n\n"
            "Ссылка в тексте https://youtu.be/abc остаётся текстом.")
    result = to_markdown(html)
    tree = render(result.markdown)
    assert [(a.get("href"), a.text_content()) for a in tree.iter("a")] == [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ", "Видео: YouTube"),
        ("https://vimeo.com/76979871", "Видео: Vimeo"),
    ]
    assert "Ссылка в тексте https://youtu.be/abc остаётся текстом." in shown(result.markdown)
    assert result.shortcodes == {}
    assert result.unconverted == ["видео YouTube заменено ссылкой", "видео Vimeo заменено ссылкой"]


@pytest.mark.parametrize(
    ("html", "links", "unconverted"),
    [
        ('<form action="/search"><label>Поиск <input name="q"></label>'
         "<textarea>текст</textarea><button>Найти</button></form>",
         [], ["форма (<form>)"]),
        ('<object data="movie.swf"><param name="movie" value="movie.swf"></object>',
         [], ["объект (<object>)"]),
        ('<embed src="movie.swf" type="application/x-shockwave-flash">',
         [], ["встраивание (<embed>)"]),
        ('<object><param name="movie" value="http://www.youtube.com/v/dQw4w9WgXcQ&amp;hl=ru">'
         '<embed src="http://www.youtube.com/v/dQw4w9WgXcQ&amp;hl=ru"></embed></object>',
         ["https://www.youtube.com/watch?v=dQw4w9WgXcQ"], ["видео YouTube заменено ссылкой"]),
        ('<audio controls src="https://example.org/a.mp3"></audio>',
         ["https://example.org/a.mp3"], ["аудио (<audio>) заменено ссылкой"]),
        ('<video controls><source src="/media/v.mp4" type="video/mp4"></video>',
         ["/media/v.mp4"], ["видео (<video>) заменено ссылкой"]),
        ("<video controls></video>", [], ["видео (<video>)"]),
    ],
)
def test_forms_objects_and_media_are_not_carried_over_but_listed(
        html: str, links: list[str], unconverted: list[str]) -> None:
    result = to_markdown(f"<p>До.</p>\n{html}\n<p>После.</p>")
    tree = render(result.markdown)
    assert_safe(tree)
    assert not tree.xpath("//input | //textarea | //button | //audio | //video | //param")
    assert [a.get("href") for a in tree.iter("a")] == links
    assert result.unconverted == unconverted


def test_unknown_shortcodes_are_listed() -> None:
    result = to_markdown('[contact-form-7 id="5"]\n\n[gallery]\n\n[gallery ids="1"]')
    assert result.unconverted == ["шорткод [contact-form-7]", "шорткод [gallery]",
                                  "шорткод [gallery]"]


# --- 3. Markdown-significant text -------------------------------------------------------------

SIGNIFICANT = [
    "1. не список", "2014. Год начался", "# не заголовок", "#хештег", "## и это",
    "- не пункт", "+ не пункт", "* не пункт", "> не цитата", "---", "***", "___", "- - -",
    "===", "*слово*", "**слово**", "_слово_", "__слово__", "snake_case_name", "`код`",
    "``два``", "[x](y)", "![x](y.png)", "[x][y]", "[x]: https://example.org", "a | b | c",
    "\\*не курсив\\*", "C:\\Users\\", "{#id} {: .class}", "[TOC]", "<не тег>", "a<b",
    "1 < 2 > 0", "&amp; &copy; &#1;", "&#0 и &#x41", "Текст {#id}", "a  b", "Конец строки\\",
]


@pytest.mark.parametrize("text", SIGNIFICANT)
def test_markdown_significant_text_stays_text(text: str) -> None:
    for html in (f"<p>{escape(text)}</p>", f"<ul><li>{escape(text)}</li></ul>",
                 f"<blockquote>{escape(text)}</blockquote>", f"<h2>{escape(text)}</h2>",
                 f"<p>Строка<br>{escape(text)}<br>{escape(text)}</p>",
                 f"<p><em>Начало</em>{escape(text)}</p>"):
        markdown_text = to_markdown(html).markdown
        tree = render(markdown_text)
        source = lxml.html.fragment_fromstring(html.replace("<br>", "<br> "), create_parent="div")
        assert words(tree.text_content()) == words(source.text_content()), (html, markdown_text)
        assert not tree.xpath("//h1 | //h3 | //hr | //ol | //table | //code | //a"), markdown_text
        assert len(tree.xpath("//ul | //blockquote | //h2")) <= 1, markdown_text


@pytest.mark.parametrize("text", SIGNIFICANT)
def test_markdown_significant_link_text_stays_the_links_text(text: str) -> None:
    tree = render(to_markdown(f'<p><a href="/x">{escape(text)}</a></p>').markdown)
    assert [(a.get("href"), words(a.text_content())) for a in tree.iter("a")] == [
        ("/x", words(text))]


def test_plain_russian_text_gets_no_backslashes() -> None:
    html = ("Итог - в конце. Пункт 2. Цена 5 - 3 = 2 (руб.) — «ок»! Файл config_file.txt, "
            "E-mail, 1-й, [1], [Примечание], 10.05.2014, #1 в списке, a+b.")
    assert "\\" not in to_markdown(html).markdown


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(
    list("\\`*_{}[]()#+-.!|<>&;:=~\"'/@") + list("абвгдЖЯ") + list("019") + [" ", "\n"]),
    max_size=40))
def test_any_plain_text_survives_a_round_trip(text: str) -> None:
    markdown_text = to_markdown(f"<p>{escape(text)}</p>").markdown
    assert shown(markdown_text) == words(text), markdown_text


# --- 4. Tables --------------------------------------------------------------------------------

def cells(tree: lxml.html.HtmlElement) -> list[list[str]]:
    return [[words(cell.text_content()) for cell in row.xpath("th | td")]
            for row in tree.iter("tr")]


def test_table_becomes_a_pipe_table_keeping_every_cell() -> None:
    html = ("<table><thead><tr><th>Показатель</th><th>Значение</th></tr></thead>"
            "<tbody><tr><td>Доля</td><td>2|3</td></tr>"
            "<tr><td><strong>Итого</strong></td><td>5 <a href='/x'>ссылка</a></td><td>лишняя</td>"
            "</tr></tbody></table>")
    markdown_text = to_markdown(html).markdown
    assert markdown_text.startswith("| Показатель | Значение |")
    tree = render(markdown_text)
    assert tree.xpath("//thead//th")
    assert cells(tree) == [["Показатель", "Значение", ""], ["Доля", "2|3", ""],
                           ["Итого", "5 ссылка", "лишняя"]]


def test_table_without_header_uses_its_first_row() -> None:
    tree = render(to_markdown("<table><tr><td>А</td><td>Б</td></tr>"
                              "<tr><td>1</td><td>2<br>3</td></tr></table>").markdown)
    assert [th.text_content() for th in tree.xpath("//thead//th")] == ["А", "Б"]
    assert cells(tree) == [["А", "Б"], ["1", "23"]]
    assert tree.xpath("//td/br")


@pytest.mark.parametrize(
    "html",
    [
        '<table style="color:red" onclick="x()"><tr><td colspan="2" class="c">А</td></tr>'
        "<tr><td>1</td><td>2</td></tr></table>",
        '<table><tr><td rowspan="2">А</td><td>1</td></tr><tr><td>2</td></tr></table>',
        "<table><tr><td><ul><li>раз</li><li>два</li></ul></td><td>2</td></tr></table>",
        "<table><tr><td><p>Абзац</p><p>Второй</p></td></tr></table>",
        "<table><tr><td><table><tr><td>вложенная</td></tr></table></td></tr></table>",
    ],
)
def test_tables_a_pipe_table_cannot_express_stay_html(html: str) -> None:
    result = to_markdown(html)
    tree = render(result.markdown)
    assert_safe(tree)
    source = lxml.html.fragment_fromstring(html, create_parent="div")
    assert words(" ".join(tree.itertext())) == words(" ".join(source.itertext()))
    assert len(tree.xpath("//td")) == html.count("<td")
    assert not tree.xpath("//@style | //@class")


def test_links_and_images_in_html_tables_are_pointed_like_the_others() -> None:
    html = ('<table><tr><td colspan="2"><a href="https://old.example.org/?p=1">x</a>'
            '<img src="https://old.example.org/a.png" alt="A"></td></tr></table>')
    result = to_markdown(html, image_url=lambda url: "/media/a.png",
                         link_url=lambda url: "/posts/x/")
    tree = render(result.markdown)
    assert [a.get("href") for a in tree.iter("a")] == ["/posts/x/"]
    assert [img.get("src") for img in tree.iter("img")] == ["/media/a.png"]
    assert result.links == ["https://old.example.org/?p=1"]
    assert result.images == ["https://old.example.org/a.png"]


# --- 5. Headings ------------------------------------------------------------------------------

@pytest.mark.parametrize(
    ("html", "markdown_text"),
    [
        ("<h1>Один</h1><h2>Два</h2><h5>Пять</h5><h6>Шесть</h6>",
         "## Один\n\n### Два\n\n###### Пять\n\n###### Шесть\n"),
        ("<h2>Два</h2><h3>Три</h3>", "## Два\n\n### Три\n"),
        ('<h2 id="intro">Введение</h2>', "## Введение {#intro}\n"),
        ("<h2>Язык C#</h2>", "## Язык C\\#\n"),
    ],
)
def test_headings(html: str, markdown_text: str) -> None:
    assert to_markdown(html).markdown == markdown_text


def test_heading_ids_survive_rendering() -> None:
    tree = render(to_markdown('<h1 id="top">Верх</h1>').markdown)
    assert [(h.tag, h.get("id")) for h in tree.xpath("//h2")] == [("h2", "top")]


# --- 6. Anchors and links ---------------------------------------------------------------------

def test_named_anchors_and_ids_become_html_anchors() -> None:
    html = ('<p><a name="start"></a>Начало <a id="mid">середина</a>.</p>\n'
            '<p id="p2">Второй <span id="s">кусок</span>.</p>\n'
            '<ul id="list"><li id="li1">пункт</li></ul>')
    markdown_text = to_markdown(html).markdown
    assert '<a id="start"></a>Начало <a id="mid"></a>середина.' in markdown_text
    tree = render(markdown_text)
    assert [a.get("id") for a in tree.iter("a")] == ["start", "mid", "p2", "s", "list", "li1"]
    assert not tree.xpath("//a[@href]")
    assert words(tree.text_content()) == "Начало середина. Второй кусок. пункт"


def test_links_are_recorded_and_pointed_by_link_url() -> None:
    html = ('<a href="https://old.example.org/?p=5">пост</a> и '
            '<a href="https://example.com/">сайт</a>, <a href="#x">якорь</a>')
    result = to_markdown(html, link_url=lambda url: url.replace(
        "https://old.example.org/?p=5", "../2014/05/post/"))
    assert result.markdown == ("[пост](../2014/05/post/) и [сайт](https://example.com/), "
                               "[якорь](#x)\n")
    assert result.links == ["https://old.example.org/?p=5", "https://example.com/", "#x"]


def test_caption_image_is_pointed_by_image_url_and_escaped() -> None:
    result = to_markdown('[caption]<img src="a b.png" alt="A](x) *b*"> Подпись[/caption]',
                         image_url=lambda url: "/media/" + url)
    tree = render(result.markdown)
    assert [(img.get("src"), img.get("alt")) for img in tree.iter("img")] == [
        ("/media/a%20b.png", "A](x) *b*")]
    assert words(tree.xpath("//figcaption")[0].text_content()) == "Подпись"


# --- Other markup keeps its meaning -----------------------------------------------------------

@pytest.mark.parametrize(
    ("html", "markdown_text"),
    [
        ("м<sup>2</sup> и H<sub>2</sub>O, <del>старое</del>",
         "м<sup>2</sup> и H<sub>2</sub>O, <del>старое</del>\n"),
        ("<ul><li>раз<ul><li>вложенный</li></ul></li><li>два</li></ul>",
         "- раз\n    - вложенный\n- два\n"),
        ("<pre>код &lt;b&gt;\n  отступ</pre>", "    код <b>\n      отступ\n"),
    ],
)
def test_other_markup(html: str, markdown_text: str) -> None:
    assert to_markdown(html).markdown == markdown_text


@pytest.mark.parametrize(
    "html",
    [
        "<pre>&lt;script&gt;alert(1)&lt;/script&gt;</pre>",
        "<ul><li><pre>&lt;script&gt;alert(1)&lt;/script&gt;</pre></li><li>два</li></ul>",
        "<blockquote><pre>&lt;script&gt;alert(1)&lt;/script&gt;</pre></blockquote>",
        "<div><pre>&lt;script&gt;alert(1)&lt;/script&gt;</pre></div>",
        "<dl><dt><pre>&lt;script&gt;alert(1)&lt;/script&gt;</pre></dt></dl>",
        "<h2><pre>&lt;script&gt;alert(1)&lt;/script&gt;</pre></h2>",
        '<a href="/x"><pre>&lt;script&gt;alert(1)&lt;/script&gt;</pre></a>',
        "<p><code>&lt;script&gt;<br><br>alert(1)&lt;/script&gt;</code></p>",
    ],
)
def test_code_stays_code_wherever_it_stands(html: str) -> None:
    # Found by fuzzing: a code block whose indent was stripped, or a code span broken by a
    # blank line, left its text to Markdown as raw HTML.
    tree = render(to_markdown(html).markdown)
    assert_safe(tree)
    assert "<script>" in words(tree.text_content())


def test_a_table_of_one_row_stays_html() -> None:
    # A pipe table needs a header and a row under it; Python-Markdown would add an empty one.
    tree = render(to_markdown("<table><tr><td>А</td><td>Б</td></tr></table>").markdown)
    assert cells(tree) == [["А", "Б"]]


def test_no_line_holds_only_spaces() -> None:
    markdown_text = to_markdown('[caption]<img src="a.png"> Подпись[/caption]\n\n<!--more-->\n'
                                "<p>&nbsp;x</p>").markdown
    assert not [line for line in markdown_text.split("\n") if line and not line.strip()]
