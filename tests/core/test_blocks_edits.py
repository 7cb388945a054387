"""The bundled site's two blocks («8 видов клиентской лжи», the client-flow matrix) as an editor
might leave them half-way through an edit: lines deleted, repeated, moved, re-indented, typed
over. Whatever the text, reading its blocks either succeeds or reports problems on lines of
the file; it never raises (a traceback instead of `file:line: what is wrong`)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from letopis.core.blocks import find_blocks, parse_claims, parse_matrix, replace_blocks
from letopis.core.problems import Problems
from tests.conftest import REPO

PATH = "content/posts/2014/x.md"
POSTS = REPO / "content" / "posts" / "2014"
# The real blocks, each with the text around it.
ORIGINALS = [(POSTS / name).read_text(encoding="utf-8").split("\n---\n", 1)[1]
             for name in ("8-vidov-klientskoi-lzhi.md", "segmentatsiia-klientskogo-potoka.md")]
# What an editor types into such a block, besides its own lines.
TYPED = ["///", "/// claims", "/// claims | Ложь №{n}.", "/// matrix", "/// matrix |", "/// claim",
         "rows: Быстро", "rows: Быстро, Долго, Иначе", "columns:", "columns: Много, Мало",
         "1.", "1. ", "0. [Быстро, много]", "5. [Быстро, много] Пятая", "2. [Быстро] Группа",
         "3. [, ] Пусто", "4. [Долго, мало", "10. «Слова»", "1. «»", "    ", "\t1. «Табуляция»",
         "```", "~~~", "    Ответ.", "        Глубже.", "{n}", "|", "", "///  ", " ///"]


@st.composite
def edited(draw: st.DrawFn) -> str:
    lines = draw(st.sampled_from(ORIGINALS)).split("\n")
    for _ in range(draw(st.integers(1, 6))):
        at = draw(st.integers(0, len(lines)))
        edit = draw(st.sampled_from(["delete", "repeat", "move", "indent", "type", "text"]))
        if edit == "delete" and at < len(lines):
            del lines[at]
        elif edit == "repeat" and at < len(lines):
            lines.insert(at, lines[at])
        elif edit == "move" and at < len(lines):
            lines.insert(draw(st.integers(0, len(lines) - 1)), lines.pop(at))
        elif edit == "indent" and at < len(lines):
            lines[at] = draw(st.sampled_from(["", " ", "    ", "\t"])) + lines[at].lstrip()
        elif edit == "type":
            lines.insert(at, draw(st.sampled_from(TYPED)))
        else:
            lines.insert(at, draw(st.text(max_size=20)))
    return "\n".join(lines)


@settings(max_examples=400, deadline=None)
@given(edited(), st.integers(1, 40))
def test_a_block_edited_any_way_is_read_or_reported_on_its_lines(text: str,
                                                                 first: int) -> None:
    problems = Problems()
    for block in find_blocks(text, first, PATH, problems):
        (parse_claims if block.kind == "claims" else parse_matrix)(block, PATH, problems)
    last = first + text.count("\n")
    for problem in problems.items:
        assert problem.path == PATH
        assert problem.line is not None and first <= problem.line <= last, (problem, text)
    # What the page's Markdown becomes: blocks replaced, or left as written.
    replace_blocks(text, lambda block: f"<!-- {block.kind} -->")
