"""Reading a YAML mapping: the limits on nesting and on values repeated by aliases, exactly at
their bounds, and where a refused value is reported (survivors of the mutation run)."""

from __future__ import annotations

import pytest
import yaml
from yaml import SafeLoader

from letopis.core.problems import Problems
from letopis.core.yaml_mapping import RefusedValue, _at_its_line, read_yaml

PATH = "content/posts/x.md"
TOO_DEEP = f"{PATH}:{{line}}: списки и ключи вложены здесь глубже 20 уровней; хватит нескольких"


def read(text: str) -> tuple[object, list[str]]:
    problems = Problems()
    data = read_yaml(text, PATH, problems)
    return data, [str(p) for p in problems.items]


def nested(levels: int) -> str:
    """A value that is a list inside a list …, `levels` lists deep."""
    return "[" * levels + "]" * levels


@pytest.mark.parametrize("alias", ["", "b: &x 1\nc: *x\n"], ids=["plain", "with-an-alias"])
def test_lists_nineteen_deep_under_a_key_load(alias: str) -> None:
    # The key is the first level: 19 lists under it make the 20 levels allowed.
    data, problems = read(f"title: Запись\n{alias}a: {nested(19)}\n")
    assert problems == []
    value = data.value["a"]
    for _ in range(18):
        (value,) = value
    assert value == []


@pytest.mark.parametrize("alias", ["", "b: &x 1\nc: *x\n"], ids=["plain", "with-an-alias"])
def test_lists_twenty_deep_are_refused_on_their_line(alias: str) -> None:
    text = f"title: Запись\n{alias}a: {nested(20)}\n"
    data, problems = read(text)
    assert data is None
    assert problems == [TOO_DEEP.format(line=text.count("\n"))]


def repeating(items: int, aliases: int) -> str:
    """A list of `items` numbers (with itself, items + 1 values), repeated by `aliases`."""
    numbers = ", ".join(["1"] * items)
    return "title: Запись\nlist: &x [" + numbers + "]\n" + "".join(
        f"copy{n}: *x\n" for n in range(aliases))


def test_aliases_may_repeat_ten_thousand_values() -> None:
    data, problems = read(repeating(9_999, 1))
    assert problems == []
    assert len(data.value["copy0"]) == 9_999


def test_aliases_repeating_more_than_ten_thousand_values_are_refused() -> None:
    data, problems = read(repeating(10_000, 1))
    assert data is None
    assert problems == [f"{PATH}:1: ссылки (*имя) здесь повторяют больше 10000 значений; "
                        "запишите значения полностью"]


def test_a_list_read_as_a_number_is_named_as_this_value() -> None:
    data, problems = read("title: Запись\nnumber: !!int [1, 2]\n")
    assert data is None
    assert problems == [f"{PATH}:2: это значение нельзя прочитать как !!int; если это текст, "
                        "возьмите его в кавычки"]


COLON = (f"{PATH}:1: в значении есть \": \", и YAML читает его как ещё один ключ; возьмите "
         "значение в кавычки: ")


@pytest.mark.parametrize(
    ("line", "title"),
    [
        ("title: Ложь: как распознать", "Ложь: как распознать"),
        ("title: Ложь:", "Ложь:"),  # a colon at the end of the line is one too
        # Double quotes in the value: single ones around it, an apostrophe doubled.
        ('title: Ложь: "как" распознать', 'Ложь: "как" распознать'),
        ("title: Ложь: \"O'Брайен\" говорит", "Ложь: \"O'Брайен\" говорит"),
    ],
)
def test_a_colon_in_a_value_is_answered_with_the_line_quoted(line: str, title: str) -> None:
    _, problems = read(line + "\n")
    assert len(problems) == 1
    assert problems[0].startswith(COLON)
    suggested = problems[0].removeprefix(COLON)
    # The suggested line, read as YAML, is what the editor wrote as the title.
    data, again = read(suggested + "\n")
    assert again == []
    assert data.value == {"title": title}


# The loader's checked constructors are made when the module is imported, so mutation testing
# only reaches the wrapper when a test makes one (the loads above use the import-time ones).
MARK = yaml.Mark("front matter", 12, 3, 4, None, None)
INT, BOOL = "tag:yaml.org,2002:int", "tag:yaml.org,2002:bool"


@pytest.mark.parametrize(
    ("construct", "node", "expected"),
    [
        (SafeLoader.construct_yaml_int, yaml.ScalarNode(INT, "42", MARK), 42),
        (SafeLoader.construct_yaml_bool, yaml.ScalarNode(BOOL, "yes", MARK), True),
    ],
)
def test_a_checked_constructor_gives_the_value(construct, node, expected) -> None:
    loader = SafeLoader("")
    assert _at_its_line(construct)(loader, node) == expected


@pytest.mark.parametrize(
    ("construct", "node", "message"),
    [
        (SafeLoader.construct_yaml_int, yaml.ScalarNode(INT, "ten", MARK),
         'значение "ten" нельзя прочитать как !!int; если это текст, возьмите его в кавычки'),
        (SafeLoader.construct_yaml_bool, yaml.ScalarNode(BOOL, "maybe", MARK),
         'значение "maybe" нельзя прочитать как !!bool; если это текст, возьмите его в '
         "кавычки"),
        # A list tagged as a number: no value to quote, and PyYAML would not say it in Russian.
        (SafeLoader.construct_yaml_int,
         yaml.SequenceNode(INT, [yaml.ScalarNode(INT, "1", MARK)], MARK),
         "это значение нельзя прочитать как !!int; если это текст, возьмите его в кавычки"),
    ],
)
def test_a_checked_constructor_refuses_at_the_node(construct, node, message: str) -> None:
    loader = SafeLoader("")
    with pytest.raises(RefusedValue) as refused:
        _at_its_line(construct)(loader, node)
    assert refused.value.problem == message
    assert refused.value.problem_mark is MARK


YAML_ERROR = f"{PATH}:{{line}}: шапка: ошибка YAML: {{problem}}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The parser's own words, once, with nothing of its "in <unicode string>" trail.
        ("title: A\n  date: 2014\n",
         YAML_ERROR.format(line=2, problem="mapping values are not allowed in this context")),
        # A tab after the indentation is no tab indentation.
        ("title: A\n  date:\t2014\n",
         YAML_ERROR.format(line=2, problem="mapping values are not allowed in this context")),
        # An error found on one line in something started on another names both.
        ("title: A\ntags: [a, b\ndate: x\n",
         YAML_ERROR.format(line=3, problem="did not find expected ',' or ']' (while parsing a "
                                           "flow sequence: начало на строке 2)")),
        # YAML also ends lines at a carriage return: its line numbers may run past the text's
        # lines, and the error is still reported, on the text's last line.
        ("title: A\r  bad: x\r",
         YAML_ERROR.format(line=1, problem="mapping values are not allowed in this context")),
    ],
)
def test_a_yaml_error_is_said_once_on_its_line(text: str, expected: str) -> None:
    data, problems = read(text)
    assert data is None
    assert problems == [expected]


def test_a_local_tag_is_named_as_written() -> None:
    _, problems = read("title: A\nx: !custom 1\n")
    assert problems == [f"{PATH}:2: метка типа !custom здесь не поддерживается; удалите её и "
                        "запишите значение просто"]


def test_nothing_past_the_nesting_limit_is_counted() -> None:
    # An alias that repeats 10,001 values, 25 lists deep: the nesting is refused, at its line,
    # before what lies past the limit is expanded.
    text = ("title: Запись\nlist: &x [" + ", ".join(["1"] * 10_000) + "]\n"
            "deep: " + "[" * 25 + "*x" + "]" * 25 + "\n")
    data, problems = read(text)
    assert data is None
    assert problems == [TOO_DEEP.format(line=3)]


@pytest.mark.parametrize("key", [r'"ti\ntle"', r'"ti\rtle"'])
def test_a_key_over_two_lines_is_refused_at_its_line(key: str) -> None:
    data, problems = read(f"title: A\ndate: 1\n{key}: x\n")
    assert data is None
    assert problems == [f'{PATH}:3: ключ должен быть именем, например "title", на одной строке, '
                        "без управляющих символов"]


def test_every_repeated_key_is_reported() -> None:
    data, problems = read("title: A\ntitle: B\ndate: 1\ndate: 2\n")
    assert data is None
    assert problems == [f'{PATH}:2: ключ "title" повторяется (впервые на строке 1)',
                        f'{PATH}:4: ключ "date" повторяется (впервые на строке 3)']


def test_a_key_repeated_in_a_list_item_before_others_refuses_the_text() -> None:
    data, problems = read("articles:\n  - title: A\n    title: B\n  - title: C\n")
    assert data is None
    assert problems == [f'{PATH}:3: ключ "title" повторяется (впервые на строке 2)']


def test_keys_merged_from_a_list_carry_the_line_of_the_merge() -> None:
    data, problems = read("a: &a {slug: s}\nb: &b {tags: [x]}\ntitle: A\n<<: [*a, *b]\n")
    assert problems == []
    assert (data.value["slug"], data.value["tags"]) == ("s", ["x"])
    assert (data.line_of("slug"), data.line_of("tags")) == (4, 4)


@pytest.mark.parametrize("text", ["title: A\ndate: 1\nx: a\x07b\n", "\n\nx: a\x07b\n"])
def test_a_character_yaml_refuses_is_reported_on_its_line(text: str) -> None:
    # (read_text refuses it before YAML sees a file; read_yaml alone says it too.)
    data, problems = read(text)
    assert data is None
    assert problems == [f"{PATH}:3: шапка: управляющий символ U+0007, который YAML не допускает; "
                        "удалите его"]


def test_a_text_of_another_name_is_named_as_given() -> None:
    problems = Problems()
    assert read_yaml("- a\n", PATH, problems, what="реестр") is None
    assert [str(p) for p in problems.items] == [
        f'{PATH}:1: реестр: должны быть строки "ключ: значение", а не список']


@pytest.mark.parametrize(("text", "line"), [("!!set\ntitle: A\n", 1), ("!!set {title, date}\n", 1),
                                          ("# Шапка\n!!set\ntitle: A\n", 2)])
def test_a_mapping_tagged_as_another_type_is_refused_at_its_tag(text: str, line: int) -> None:
    # Found by a random search over YAML's tokens: PyYAML builds a set there, not a mapping,
    # and reading it as front matter raised an AttributeError (a traceback for a content
    # mistake).
    data, problems = read(text)
    assert data is None
    assert problems == [f"{PATH}:{line}: метка типа !!set здесь не поддерживается; удалите её "
                        "и запишите значение просто"]


@pytest.mark.parametrize("text", ["---", "---\n", "--- \n...\n", "# Реестр\n---"])
def test_a_document_marker_alone_is_an_empty_text_on_a_line_it_has(text: str) -> None:
    # Found by the property test of the authors registry: `---` alone was read as "one value"
    # on line 2 of a one-line file (the empty value's place is past the marker's line end).
    problems = Problems()
    assert read_yaml(text, PATH, problems, what="реестр") is None
    assert [str(p) for p in problems.items] == [f"{PATH}:1: реестр: ничего не написано"]
