"""Whatever an editor writes in a post's text, its comments, its summary or an article's
abstract, the build does not end in a traceback.

One site of random posts, each pieced together from what editors' texts hold: headings with
marks and attributes, links and images to every kind of address (placeholders in brackets,
Windows paths, `javascript:`, an unclosed bracket), raw HTML left open, tables, lists with code,
footnotes, control characters and character references. It is built with every Letopis plugin
and the bundled site's Markdown extensions; MkDocs may warn (it is shown broken links on
purpose), but every page is written. Tried by hand first, these pieces found tracebacks in
MkDocs' link rewriting and in Letopis' feeds and link previews (test_unreadable_addresses.py);
this test then found a host name with a full-width "＃", which reads as "#" once normalized.

LETOPIS_FUZZ_SEED picks another site; a failure names the seed it used.
"""

from __future__ import annotations

import os
import random
from pathlib import Path

import lxml.html
import yaml

from letopis.core.characters import UNSHOWABLE
from tests.conftest import REPO, full_site_config, run_mkdocs, write_project

SEED = int(os.environ.get("LETOPIS_FUZZ_SEED", "20261203"))
POSTS = 200
PIECES = [
    "# {w}", "## {w} {{#{a}}}", "## {w} {{: .cls}}", "### ", "## &amp; <b>{w}</b>",
    "## `код` {w}", "{w} {{: #}}", "{w}\n{{: #x .y z=1}}", "[{w}]({u})", "![{w}]({u})", "<{u}>",
    "[{w}][ref]\n\n[ref]: {u}", "<div markdown>\n{w}\n", "<div markdown=\"1\">\n**{w}**\n</div>",
    "</div>", "<span>{w}", "<!-- {w}", "| a | b |\n|---|---|\n| {w} | [x]({u}) |", "| a |\n|--|\n",
    "* {w}\n    * {a}", "1. {w}\n\n    ```\n    {a}\n    ```", "```\n{w}\n", "> {w}\n> ## {a}",
    "{w}  \n{a}", "\\[{w}\\]({u})", "[{w}](<{u}>)", "[{w}]({u} \"{a}\")", "<a href=\"{u}\">{w}</a>",
    "<img src=\"{u}\">", "<script>alert(1)</script>", "<style>p{{}}</style>", "![]()", "[]()",
    "[{w}](#)", "[{w}](#{a})", "[{w}](../{a}.md)", "[{w}]({a}.md#x)", "## {w}\n## {w}",
    "<h2 id=\"{a}\">{w}</h2>", "## 😀", "## ...", "## ---", "&#0; &#xD800; &#1114112;",
    "\u200b\u2028{w}\u2029", "<!-- more -->", "---", "***", "$$ {w} $$", "[^1]\n\n[^1]: {w}",
]
WORDS = ["слово", "Ёжик", "a b", "x", "", "<x>", "&", "%20", "..", "/", "#", "ё" * 300, "\t",
         "🙂", "{", "}", "'\""]
ADDRESSES = [
    "http://example.org/", "/", "", "#", "?", "..", "../../..", "http://[::1]/",
    "http://[ваш сайт]/", "https://[/", "mailto:", "javascript:alert(1)", "data:x",
    "file:///etc/passwd", "http://пример.рф/путь", "//host", "http://x:99999/", "http://x:port/",
    "%", "%zz", "a b", "\\\\server\\x", "C:\\x", "http://a@b@c/", "http://x/%2e%2e/",
    "posts/2014/x.md", "../index.md", "index.md#", "http://x/\u202e", "<>", "http://",
    "http://example.com\uff03",
]


def random_text(chance: random.Random) -> str:
    pieces = [chance.choice(PIECES).format(w=chance.choice(WORDS), a=chance.choice(WORDS),
                                           u=chance.choice(ADDRESSES))
              for _ in range(chance.randint(1, 8))]
    # Never empty: a post without text is a content error, which stops the build on purpose.
    return "Текст.\n\n" + "\n\n".join(pieces) + "\n"


def random_field(chance: random.Random) -> str:
    """random_text for a front-matter field (a comment, an abstract, a summary): without what
    the core refuses there (characters.UNSHOWABLE, and the line separators YAML reads as line
    ends), which are content errors (tests/bad_input) and would stop the build before any page
    is converted."""
    return UNSHOWABLE.sub("", random_text(chance)).replace("\u2028", "").replace("\u2029", "")


def random_post(n: int, chance: random.Random) -> str:
    front: dict[str, object] = {"title": f"Запись {n}",
                                "date": f"2015-{1 + n % 12:02d}-{1 + n % 28:02d}"}
    if chance.random() < 0.3:
        front["summary"] = random_field(chance)[:200]
    if comments := [{"id": i + 1, "author": "Читатель", "date": "2015-12-31 10:00",
                     "text": random_field(chance)} for i in range(chance.choice([0, 0, 1, 3]))]:
        front["comments"] = comments
    return f"---\n{yaml.safe_dump(front, allow_unicode=True)}---\n\n{random_text(chance)}"


def test_random_texts_never_end_the_build_in_a_traceback(tmp_path: Path) -> None:
    chance = random.Random(SEED)
    content = {f"posts/2015/fuzz-{n}.md": random_post(n, chance) for n in range(POSTS)}
    # Markdown in front-matter fields too: comments and summaries above, abstracts here.
    issue = {"year": 2015, "number": 1,
             "articles": [{"title": f"Статья {n}", "authors": ["glavnyi-redaktor"],
                           "abstract": random_field(chance)} for n in range(5)]}
    journal = REPO / "content" / "journal" / "klienting"
    content |= {"journal/klienting/2015-1.md":
                f"---\n{yaml.safe_dump(issue, allow_unicode=True)}---\n\nНомер.\n",
                "journal/klienting/index.md": (journal / "index.md").read_text(encoding="utf-8"),
                "authors.yml": (REPO / "content" / "authors.yml").read_text(encoding="utf-8"),
                "index.md": "# Главная\n"}
    config = full_site_config()
    del config["markdown_extensions"]
    project = write_project(tmp_path, content, config)
    with (project / "mkdocs.yml").open("a", encoding="utf-8") as out:
        out.write(bundled_extensions())
    build = run_mkdocs(project, strict=False)
    assert "Traceback" not in build.log, f"LETOPIS_FUZZ_SEED={SEED}\n{build.log}"
    assert build.returncode == 0, f"LETOPIS_FUZZ_SEED={SEED}\n{build.log}"
    # Every post written, at 2015/<month>/<slug>/ (a day's archive is 2015/<month>/<day>/).
    posts_written = [page for page in (build.site / "2015").glob("*/*/index.html")
                     if not page.parent.name.isdigit()]
    assert len(posts_written) == POSTS
    # The fields' Markdown was shown: comments under their posts, abstracts in the issue.
    commented = sum(1 for text in content.values() if "\ncomments:" in text)
    shown = sum(1 for page in posts_written
                if lxml.html.parse(str(page)).getroot().get_element_by_id("comment-1", None)
                is not None)
    assert commented > 0 and shown == commented
    issue_page = lxml.html.parse(str(build.site / "journal/klienting/2015/1/index.html"))
    assert len(issue_page.getroot().find_class("letopis-article__abstract")) == 5


def bundled_extensions() -> str:
    """The bundled mkdocs.yml's `markdown_extensions:` as written (its `!!python/name:` slug
    function included, which a YAML dump of the test's settings could not carry)."""
    lines = (REPO / "mkdocs.yml").read_text(encoding="utf-8").splitlines(keepends=True)
    start = lines.index("markdown_extensions:\n")
    end = next(n for n in range(start + 1, len(lines)) if lines[n][:1] not in (" ", "\n"))
    return "".join(lines[start:end])
