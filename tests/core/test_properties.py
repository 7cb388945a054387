"""Properties over generated input (Hypothesis).

Whatever bytes a source file holds, loading it gives a post or a ContentError whose problems
are one line each, name the file, and point at a line the file has; never another exception.
The generators range from arbitrary bytes to front matter built from the keys a post uses, with
values of every YAML type, nesting, anchors and aliases, tags, flow collections, tabs, a byte-
order mark and every kind of line end. And the month grid agrees with Zeller's congruence.
"""

from __future__ import annotations

import functools
import json
import os
from collections.abc import Callable
from datetime import date
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from letopis.core.authors import load_authors
from letopis.core.calendar import month_grid
from letopis.core.content import SourceFile, load_post
from letopis.core.dates import site_timezone
from letopis.core.journal import load_journals
from letopis.core.l10n import Localizer
from letopis.core.posts import Post, PostContext
from letopis.core.problems import ContentError, Problem, Problems, Severity
from letopis.core.urls import UrlScheme
from tests.core.test_calendar import expected_grid, month_length, zeller_weekday

# At least 200 examples each, whatever profile is active; no deadline (CI machines vary).
# LETOPIS_PROPERTY_EXAMPLES=20000 makes a longer hunt. `make mutation` alone asks for fewer
# (LETOPIS_MUTATION_EXAMPLES): it runs these properties once per mutant of the loaders, and the
# fixed tests, not the random ones, are what kill most mutants there.
EXAMPLES = int(os.environ.get("LETOPIS_MUTATION_EXAMPLES", "0")) or max(
    200, int(os.environ.get("LETOPIS_PROPERTY_EXAMPLES", "300")))
PROPERTY = settings(max_examples=EXAMPLES, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

RU = Localizer("ru")
CONTEXT = PostContext(timezone=site_timezone("Europe/Moscow"), urls=UrlScheme(), localizer=RU)
POST = "content/posts/x.md"
ISSUE = "content/journal/vestnik/2014-1.md"
REGISTRY = "content/authors.yml"


# ---- The checks -------------------------------------------------------------------------------

def check_problems(problems: list[Problem], raw: bytes, path: str) -> None:
    """Each problem is one log line naming `path` and a line the file has."""
    last = max(1, len(raw.splitlines()))  # \n, \r\n and \r: the line ends read_text accepts
    for problem in problems:
        assert problem.path == path, problem
        assert problem.line is None or 1 <= problem.line <= last, (problem, last)
        assert problem.message.strip(), problem
        assert "\n" not in problem.message and "\r" not in problem.message, problem


def check_post(raw: bytes) -> None:
    warnings = Problems()
    try:
        post = load_post(raw, "posts/x.md", POST, CONTEXT, warnings)
    except ContentError as exc:
        assert any(p.severity is Severity.ERROR for p in exc.problems), exc.problems
        check_problems(exc.problems, raw, POST)
    else:
        assert isinstance(post, Post)
        assert post.title and post.slug and post.url
        assert not warnings.errors
        check_problems(warnings.items, raw, POST)


def check_issue(raw: bytes) -> None:
    files = [SourceFile("journal/vestnik/index.md", "content/journal/vestnik/index.md",
                        b"---\nname: \xd0\x92\xd0\xb5\xd1\x81\xd1\x82\xd0\xbd\xd0\xb8\xd0\xba\n"
                        b"---\n"),
             SourceFile("journal/vestnik/2014-1.md", ISSUE, raw)]
    journals, problems = load_journals(files, "journal", UrlScheme(), RU)
    check_problems(problems.items, raw, ISSUE)
    assert len(journals.by_ref) + bool(problems.errors) == 1  # the issue, or why it is not


def check_registry(raw: bytes) -> None:
    problems = Problems()
    authors = load_authors(raw, REGISTRY, lambda key: f"author/{key}/", problems)
    check_problems(problems.items, raw, REGISTRY)
    assert all(author.name for author in authors.values())


# ---- Generated YAML ---------------------------------------------------------------------------

# Plain scalars YAML 1.1 reads as something other than text, and text that breaks structure.
TRICKY = [
    "", "~", "null", "Null", "yes", "No", "on", "OFF", "y", "true", "False", "=", "<<", "-", "?",
    ":", "#", "# comment", "|", ">", "'", '"', "[", "]", "{", "}", ",", "&", "*", "!", "%", "@",
    "`", "---", "...", "0", "-0", "007", "08", "0x1F", "0o17", "0b101", "1_000", "1:20:30",
    "190:20:30", "1e400", "-.inf", ".NaN", "3.14", "1984", "9" * 5000, "0x" + "F" * 5000,
    "2014-05-20", "2014-02-30", "2014-13-01", "0001-01-01", "9999-12-31 23:59-05:00",
    "2014-05-20 10:30", "2014-05-20T10:30:00Z", "2014-05-20 10:30 MSK", "2014-05-20 10:30 +25:00",
    "20140520", "Продажи", "Клиенты и портфель", "a/b", "..", ".", "a b", " padded ", "«Ёлки»",
    "\t", "x\ty", "<b>html</b>", "\\x07", "\\", "%TAG", "!!int", "*a", "&a", "*undefined",
    "\u2028", "\u0085", "\ufeff", "\x00", "\x1b[1m", "\x7f", "\ufffe", "😀",
]
KEYS_OF_A_POST = ("title", "date", "slug", "summary", "categories", "tags", "authors", "draft",
                  "issue", "aliases", "catgories", "template", "hide", "search")
KEYS_OF_AN_ISSUE = ("year", "number", "status", "release", "cover", "articles", "other_authors",
                    "title", "authors", "abstract", "rubric", "pages", "yera")
KEYS_OF_AUTHORS = ("ivanova", "petrov", "chinaryan", "name", "bio", "Ivan Petrov", "a/b", "1")
ODD_KEYS = ["", "~", "1", "1.5", "true", "<<", "? [a]", '"quoted key"', "'single'", "&k key",
            "*a", "!!int 5", "? {a: b}", "-", "a\tb", "ключ", "title ", '"a\\nb"', '"\\x07"']
ANCHORS = ["", "", "", "", "&a ", "&b ", "&a1 "]
ALIASES = ["*a", "*b", "*a1", "*undefined"]
TAGS = ["", "", "", "", "", "", "!!str ", "!!int ", "!!float ", "!!bool ", "!!null ",
        "!!binary ", "!!timestamp ", "!!set ", "!!omap ", "!!pairs ", "!!seq ", "!!map ",
        "!!merge ", "!!python/name:os.system ", "!local ", "!<tag:example.org:x> "]
INDENTS = ["  ", "  ", "  ", " ", "    ", "\t", " \t"]

# Strategies built once: drawing is cheap, building is not.
ANCHOR, TAG, INDENT = st.sampled_from(ANCHORS), st.sampled_from(TAGS), st.sampled_from(INDENTS)
QUOTING = st.sampled_from(["plain", "plain", "single", "double", "raw-double"])
BLOCK_SCALAR = st.sampled_from(["|", ">", "|-", ">+"])
ONE_IN_FOUR, ONE_IN_SIX = st.integers(0, 3), st.integers(0, 5)

Tree = tuple[str, Any]  # ("scalar", text) | ("alias", "*a") | ("seq", [Tree]) | ("map", [...])


def scalar_texts() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(TRICKY),
        st.text(max_size=15),
        st.text(alphabet="абвгд ёЁ-:#,[]{}'\"\\\t", max_size=12),
        st.integers().map(str),
        st.floats().map(repr),
        st.dates().map(str),
        st.datetimes().map(str),
    )


@functools.cache  # a strategy is costly to build, cheap to draw from
def trees(keys: tuple[str, ...]) -> st.SearchStrategy[Tree]:
    names = st.sampled_from(keys) | st.sampled_from(ODD_KEYS) | st.text(max_size=6)
    leaves = st.one_of(scalar_texts().map(lambda text: ("scalar", text)),
                       st.sampled_from(ALIASES).map(lambda alias: ("alias", alias)))
    return st.recursive(
        leaves,
        lambda children: st.one_of(
            st.lists(children, max_size=4).map(lambda items: ("seq", items)),
            st.lists(st.tuples(names, children), max_size=4).map(lambda items: ("map", items)),
        ),
        max_leaves=12,
    )


def quoted(draw: Callable[..., Any], text: str) -> str:
    style = draw(QUOTING)
    if style == "single":
        return "'" + text.replace("'", "''") + "'"
    if style == "double":
        return json.dumps(text, ensure_ascii=draw(st.booleans()))
    if style == "raw-double":
        return f'"{text}"'
    return text


def flow(draw: Callable[..., Any], tree: Tree) -> str:
    kind, value = tree
    decoration = draw(ANCHOR) + draw(TAG)
    if kind == "alias":
        return value
    if kind == "scalar":
        return decoration + quoted(draw, value)
    if kind == "seq":
        return decoration + "[" + ", ".join(flow(draw, item) for item in value) + "]"
    return decoration + "{" + ", ".join(f"{quoted(draw, key)}: {flow(draw, item)}"
                                        for key, item in value) + "}"


def block(draw: Callable[..., Any], tree: Tree, indent: str, unit: str) -> str:
    """`tree` as the value after "key:" or "- ": inline, or on the lines that follow."""
    kind, value = tree
    if kind in ("alias", "scalar") or not value or draw(ONE_IN_FOUR) == 0:
        if kind == "scalar" and draw(ONE_IN_SIX) == 0:  # a literal or folded block
            lines = value.split("\n")
            return draw(BLOCK_SCALAR) + "".join(
                "\n" + indent + unit + line for line in lines)
        return " " + flow(draw, tree)
    head = (" " + draw(ANCHOR) + draw(TAG)).rstrip()
    inner = indent + unit
    if kind == "seq":
        return head + "".join(f"\n{inner}-{block(draw, item, inner, unit)}" for item in value)
    return head + "".join(f"\n{inner}{quoted(draw, key)}:{block(draw, item, inner, unit)}"
                          for key, item in value)


@st.composite
def yaml_mappings(draw: Callable[..., Any], keys: tuple[str, ...]) -> str:
    """A block mapping of `keys` (and odd ones) to values of any shape, as YAML text."""
    items = draw(st.lists(st.tuples(st.sampled_from(keys) | st.sampled_from(ODD_KEYS),
                                    trees(keys)), max_size=8))
    unit = draw(INDENT)
    lines = [f"{quoted(draw, key)}:{block(draw, tree, '', unit)}" for key, tree in items]
    if draw(st.booleans()):  # sometimes the values that make a post load, in between
        lines[draw(st.integers(0, len(lines))):0] = ["title: Запись", "date: 2014-05-20"]
    return "\n".join(lines)


@st.composite
def documents(draw: Callable[..., Any], keys: tuple[str, ...]) -> bytes:
    """A Markdown file: front matter from `keys`, a body, line ends of any kind, maybe a BOM."""
    front = draw(yaml_mappings(keys))
    closing = draw(st.sampled_from(["---", "---", "---", "--- ", "-----", "...", "", "---\n---"]))
    body = draw(st.sampled_from(["", "\nТекст.\n", "\n<!-- more -->\nЕщё.\n", "\n---\n",
                                 "\n/// claims\n///\n"]) | st.text(max_size=40))
    text = "---\n" + front + "\n" + closing + "\n" + body
    line_end = draw(st.sampled_from(["\n", "\n", "\r\n", "\r"]))
    bom = draw(st.sampled_from(["", "", "\ufeff"]))
    return (bom + text.replace("\n", line_end)).encode()


def with_front_matter_fence(raw: bytes) -> bytes:
    return b"---\n" + raw + b"\n---\n"


# ---- Posts ------------------------------------------------------------------------------------

@PROPERTY
@given(st.binary(max_size=600))
def test_a_post_of_arbitrary_bytes_loads_or_raises_content_error(raw: bytes) -> None:
    check_post(raw)
    check_post(with_front_matter_fence(raw))


@PROPERTY
@given(st.text(max_size=300))
def test_a_post_of_arbitrary_text_loads_or_raises_content_error(text: str) -> None:
    check_post(text.encode())
    check_post(with_front_matter_fence(text.encode()))


@PROPERTY
@given(documents(KEYS_OF_A_POST))
def test_generated_front_matter_loads_or_raises_content_error(raw: bytes) -> None:
    check_post(raw)


# ---- Journal issues and the authors registry ----------------------------------------------------

@PROPERTY
@given(st.binary(max_size=400) | st.text(max_size=300).map(str.encode))
def test_an_issue_of_arbitrary_bytes_is_read_or_reported(raw: bytes) -> None:
    check_issue(raw)
    check_issue(with_front_matter_fence(raw))


@PROPERTY
@given(documents(KEYS_OF_AN_ISSUE))
def test_a_generated_issue_is_read_or_reported(raw: bytes) -> None:
    check_issue(raw)


@PROPERTY
@given(st.binary(max_size=400) | st.text(max_size=300).map(str.encode)
       | yaml_mappings(KEYS_OF_AUTHORS).map(str.encode))
def test_an_authors_registry_of_any_bytes_is_read_or_reported(raw: bytes) -> None:
    check_registry(raw)


# ---- The month grid ---------------------------------------------------------------------------

def day_numbers(grid: list[list[date | None]]) -> list[list[int]]:
    return [[day.day if day else 0 for day in week] for week in grid]


def check_grid(year: int, month: int, first_week_day: int) -> None:
    grid = month_grid(year, month, first_week_day)
    # The grid is built on Python's `calendar`: the expectation comes from Zeller's congruence
    # and the Gregorian leap rule instead (tests/core/test_calendar.py).
    assert day_numbers(grid) == expected_grid(year, month, first_week_day)
    # And what a reader sees: every week is seven cells, each column one week day, the days of
    # the month once each in order, no empty week.
    days = [day for week in grid for day in week if day is not None]
    assert [day.day for day in days] == list(range(1, month_length(year, month) + 1))
    assert all(day.year == year and day.month == month for day in days)
    for week in grid:
        assert len(week) == 7
        assert any(week)
        for column, day in enumerate(week):
            assert day is None or \
                zeller_weekday(day.year, day.month, day.day) == (first_week_day + column) % 7


def test_every_month_grid_of_1900_to_2100_agrees_with_zellers_congruence() -> None:
    checked = 0
    for year in range(1900, 2101):
        for month in range(1, 13):
            for first_week_day in range(7):
                check_grid(year, month, first_week_day)
                checked += 1
    assert checked == 201 * 12 * 7


@PROPERTY
@given(st.integers(2, 9998), st.integers(1, 12), st.integers(0, 6))
def test_month_grids_agree_with_zellers_congruence_in_any_year(
    year: int, month: int, first_week_day: int
) -> None:
    # Beyond the years a post may carry; years 1 and 9999 would need days outside `date`.
    check_grid(year, month, first_week_day)
