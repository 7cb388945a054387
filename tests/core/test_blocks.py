"""Structured blocks: the claims list and the priority matrix, parsed with file lines."""

from __future__ import annotations

import pytest

from letopis.core.blocks import find_blocks, parse_claims, parse_matrix, replace_blocks
from letopis.core.problems import Problems, Severity

PATH = "content/posts/x.md"
CLAIMS = """Вступление.

/// claims | Ложь №{n}.
1. «Нас всё устраивает».

    Ответ на первую ложь.

    Второй абзац ответа.

1. «Нет бюджета», —
   говорит клиент.

    Ответ на вторую.
///
"""
MATRIX = """/// matrix | Приоритеты
rows: Быстро, Долго
columns: Много, Мало

2. [Быстро, мало] Вторая группа

    Вторая.

1. [быстро, МНОГО] Первая группа

    Первая.

4. [Долго, Мало] Четвёртая группа

    Четвёртая.

3. [Долго, много] Третья группа

    Третья.
///
"""


def parse(text: str, first_line: int = 1):
    problems = Problems()
    parsed = []
    for block in find_blocks(text, first_line, PATH, problems):
        parser = parse_claims if block.kind == "claims" else parse_matrix
        parsed.append(parser(block, PATH, problems))
    return parsed, problems


def messages(problems: Problems, severity: Severity = Severity.ERROR) -> list[str]:
    return [str(p) for p in problems.items if p.severity is severity]


def test_claims_are_numbered_labelled_and_anchored() -> None:
    (claims,), problems = parse(CLAIMS)
    assert not problems
    first, second = claims.claims
    assert (first.number, first.label, first.anchor) == (1, "Ложь №1.", "lozh-1")
    assert first.quote == "«Нас всё устраивает»."
    assert first.answer == "Ответ на первую ложь.\n\nВторой абзац ответа."
    # A quote may run over several lines; "1." everywhere is numbered by order.
    assert (second.label, second.quote) == ("Ложь №2.", "«Нет бюджета», — говорит клиент.")
    assert second.anchor == "lozh-2"


def test_without_a_title_claims_are_plain_numbers() -> None:
    (claims,), _ = parse("/// claims\n1. «Да».\n\n    Нет.\n///\n")
    assert (claims.claims[0].label, claims.claims[0].anchor) == ("1.", "claim-1")


def test_matrix_groups_are_placed_and_ordered_by_priority() -> None:
    (matrix,), problems = parse(MATRIX)
    assert not problems
    assert matrix.title == "Приоритеты"
    assert (matrix.rows, matrix.columns) == (("Быстро", "Долго"), ("Много", "Мало"))
    placed = [(g.priority, g.row, g.column, g.name, g.description) for g in matrix.groups]
    assert placed == [
        (1, 0, 0, "Первая группа", "Первая."), (2, 0, 1, "Вторая группа", "Вторая."),
        (3, 1, 0, "Третья группа", "Третья."), (4, 1, 1, "Четвёртая группа", "Четвёртая."),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A claim without a quote (line 3 of the text, the block starting on line 2).
        ("\n/// claims | Ложь №{n}.\n1. Нас всё устраивает.\n\n    Ответ.\n///\n",
         [f"{PATH}:3: у возражения 1 нет цитаты: его первая строка — слова клиента в "
          "кавычках, «…»"]),
        ("/// claims\n1. «Да».\n///\n",
         [f"{PATH}:2: у возражения 1 нет ответа: напишите его под цитатой с отступом в четыре "
          "пробела"]),
        ("/// claims | Ложь\n1. «Да».\n\n    Нет.\n///\n",
         [f'{PATH}:1: заголовок возражений "Ложь" должен показывать место номера через '
          '{n}, например "Ложь №{n}."']),
        ("/// claims\nПросто текст.\n///\n",
         [f"{PATH}:2: текст вне пронумерованного возражения: каждое возражение начинается с "
          '"1. ", "2. " …',
          f"{PATH}:1: в блоке возражений нет пронумерованных возражений"]),
        ("/// claims\n1. «Да».\n\n    Нет.\n",
         [f'{PATH}:1: блок claims, открытый здесь, не закрыт строкой "///"']),
    ],
)
def test_malformed_claims_are_errors_on_their_lines(text: str, expected: list[str]) -> None:
    parsed, problems = parse(text)
    assert messages(problems) == expected
    assert all(block is None for block in parsed)


def matrix_with(*groups: str, rows: str = "rows: Быстро, Долго") -> str:
    body = "\n\n".join(f"{g}\n\n    Описание." for g in groups)
    return f"/// matrix\n{rows}\ncolumns: Много, Мало\n\n{body}\n///\n"


GOOD = ["1. [Быстро, Много] А", "2. [Быстро, Мало] Б", "3. [Долго, Много] В", "4. [Долго, Мало] Г"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (matrix_with(*GOOD[:3]),
         [f"{PATH}:1: в матрице 2×2 должно быть 4 группы, по одной на клетку; здесь их 3"]),
        (matrix_with(*GOOD[:3], "3. [Долго, Мало] Г"),
         [f"{PATH}:17: приоритет 3 уже отдан группе на строке 13"]),
        (matrix_with(*GOOD[:3], "4. [Долго, Средне] Г"),
         [f'{PATH}:17: неизвестное значение столбца "Средне" (столбцы: Много, Мало)']),
        (matrix_with(*GOOD[:3], "4. [Быстро, Много] Г"),
         [f"{PATH}:17: в клетке [Быстро, Много] уже стоит группа с приоритетом 1"]),
        (matrix_with(*GOOD[:3], "4. Г без клетки"),
         [f"{PATH}:17: группа матрицы начинается со своей клетки: [значение строки, "
          "значение столбца], например [Быстро, много]"]),
        (matrix_with(*GOOD[:3], "5. [Долго, Мало] Г"),
         [f"{PATH}:17: приоритет 5 вне пределов 1–4"]),
        (matrix_with(*GOOD, rows="rows: Быстро"),
         [f"{PATH}:2: rows: нужны два значения через запятую, например rows: Быстро, Долго"]),
        (matrix_with(*GOOD, rows=""),
         [f'{PATH}:1: в матрице нужна строка "rows:" с двумя значениями, например rows: '
          "Быстро, Долго"]),
    ],
)
def test_malformed_matrices_are_errors_on_their_lines(text: str, expected: list[str]) -> None:
    (parsed,), problems = parse(text)
    assert messages(problems) == expected
    assert parsed is None


def test_lines_count_from_where_the_text_starts_in_the_file() -> None:
    _, problems = parse("/// claims\n1. Без кавычек\n\n    Ответ.\n///\n", first_line=20)
    assert [p.line for p in problems.items] == [21]


def test_claims_numbered_out_of_order_warn() -> None:
    (claims,), problems = parse("/// claims\n1. «А».\n\n    а\n\n3. «Б».\n\n    б\n///\n")
    assert claims is not None
    assert messages(problems, Severity.WARNING) == [
        f"{PATH}:6: возражение 2 пронумеровано как 3; возражения нумеруются по порядку"]


def test_blocks_inside_code_fences_are_examples_not_blocks() -> None:
    text = "```markdown\n/// claims\n1. Нет кавычек\n///\n```\n"
    parsed, problems = parse(text)
    assert (parsed, problems.items) == ([], [])


def test_an_unknown_block_name_is_an_error_with_a_suggestion() -> None:
    text = "Текст.\n\n/// claim | Ложь №{n}.\n1. «Нет бюджета».\n\n    Ответ.\n///\n"
    parsed, problems = parse(text, first_line=5)
    assert parsed == []
    assert messages(problems) == [
        f'{PATH}:7: неизвестный блок "claim" (может быть, «claims»?); блоки: claims '
        "и matrix"]
    _, problems = parse("/// admonition | Заметка\nТекст.\n///\n")
    assert messages(problems) == [
        f'{PATH}:1: неизвестный блок "admonition"; блоки: claims и matrix']


@pytest.mark.parametrize("text", ["///\n", "/// | заголовок\n", "Текст /// claim\n",
                                  "```\n/// claim\n```\n", "//// claim\n"])
def test_only_a_block_opener_can_be_an_unknown_block(text: str) -> None:
    assert parse(text)[1].items == []


def test_blocks_of_other_extensions_are_left_to_them_unless_a_typo_of_ours() -> None:
    problems = Problems()
    text = "/// admonition | Заметка\nТекст.\n///\n\n/// matrx\n///\n"
    assert find_blocks(text, 1, PATH, problems, other_blocks=True) == []
    assert messages(problems) == [
        f'{PATH}:5: неизвестный блок "matrx" (может быть, «matrix»?); блоки: claims '
        "и matrix"]


def test_replace_blocks_renders_valid_blocks_and_keeps_the_rest() -> None:
    text = f"До.\n\n{CLAIMS}\nМежду.\n\n/// claims\nсломано\n///\n\nПосле."

    def render(block):
        return "RENDERED" if parse_claims(block, PATH, Problems()) else None

    result = replace_blocks(text, render)
    assert result.startswith("До.\n\nВступление.\n\nRENDERED\n\nМежду.")
    assert "/// claims\nсломано\n///" in result
    assert result.endswith("После.")


def test_replace_blocks_keeps_a_block_it_cannot_render_line_for_line() -> None:
    text = "До.\n/// claims\nсломано\n///\nПосле.\n/// matrix\nтоже\n///\nКонец."
    assert replace_blocks(text, lambda block: None) == text
    assert replace_blocks(text, lambda block: block.kind.upper()) == (
        "До.\nCLAIMS\nПосле.\nMATRIX\nКонец.")


@pytest.mark.parametrize("text", [
    "До.\n/// claims | Ложь №{n}.\n1. «Без конца».\n",  # never closed
    "До.\n/// claim\nопечатка\n///\n",  # a name of no block of ours
])
def test_replace_blocks_leaves_text_it_finds_no_block_in_as_written(text: str) -> None:
    # The problems were reported when the content was checked; here they change nothing.
    assert replace_blocks(text, lambda block: "ОТРИСОВАНО") == text


# Mistakes in a matrix the table above did not cover (survivors of the mutation run).
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (matrix_with(*GOOD[:3], "4. [Долго] Г"),
         [f"{PATH}:17: [Долго] должно называть значение строки и значение столбца через "
          "запятую"]),
        (matrix_with(*GOOD[:3], "4. [Средне, Мало] Г"),
         [f'{PATH}:17: неизвестное значение строки "Средне" (строки: Быстро, Долго)']),
        (matrix_with(*GOOD[:3], "4. [Долго, Мало]"),
         [f"{PATH}:17: у группы нет названия после её [клетки]"]),
        # A group without a name is left out: the cell it names is not taken twice.
        (matrix_with(*GOOD[:3], "4. [Быстро, Много]"),
         [f"{PATH}:17: у группы нет названия после её [клетки]"]),
        # Two groups in one unknown cell: each reported, the cell never looked up.
        (matrix_with(*GOOD[:2], "3. [Средне, Много] В", "4. [Средне, Много] Г"),
         [f'{PATH}:13: неизвестное значение строки "Средне" (строки: Быстро, Долго)',
          f'{PATH}:17: неизвестное значение строки "Средне" (строки: Быстро, Долго)']),
        (matrix_with(*GOOD[:2], "3. [Долго, Средне] В", "4. [Долго, Средне] Г"),
         [f'{PATH}:13: неизвестное значение столбца "Средне" (столбцы: Много, Мало)',
          f'{PATH}:17: неизвестное значение столбца "Средне" (столбцы: Много, Мало)']),
        # Both axes wrong: both reported, each on its line.
        (matrix_with(*GOOD, rows="rows: Быстро").replace("columns: Много, Мало", "columns: ,"),
         [f"{PATH}:2: rows: нужны два значения через запятую, например rows: Быстро, Долго",
          f"{PATH}:3: columns: нужны два значения через запятую, например columns: Быстро, "
          "Долго"]),
        # Text before the first group that is no header.
        (matrix_with(*GOOD).replace("columns: Много, Мало\n", "columns: Много, Мало\nЛишнее\n"),
         [f'{PATH}:4: текст вне пронумерованной группы: каждая группа начинается с "1. ", '
          '"2. " …']),
        # A group whose name runs on with no description under it.
        ("/// matrix\nrows: Быстро, Долго\ncolumns: Много, Мало\n\n"
         + "\n\n".join(f"{g}\n\n    Описание." for g in GOOD[:3])
         + "\n\n4. [Долго, Мало] Г,\n   продолжение названия\n///\n",
         [f"{PATH}:17: у группы нет описания: напишите его под названием с отступом в четыре "
          "пробела"]),
    ],
)
def test_more_malformed_matrices(text: str, expected: list[str]) -> None:
    (parsed,), problems = parse(text)
    assert messages(problems) == expected
    assert parsed is None


def test_matrix_headers_may_stand_apart() -> None:
    text = matrix_with(*GOOD).replace("columns:", "\ncolumns:")
    (matrix,), problems = parse(text)
    assert problems.items == []
    assert matrix.rows == ("Быстро", "Долго")
    assert matrix.columns == ("Много", "Мало")


def test_a_claim_whose_words_run_on_without_an_answer_is_an_error() -> None:
    (claims,), problems = parse("/// claims\n1. «Нет бюджета», —\n   говорит клиент.\n///\n")
    assert claims is None
    assert messages(problems) == [f"{PATH}:2: у возражения 1 нет ответа: напишите его под "
                                  "цитатой с отступом в четыре пробела"]


CLAIM = "1. «Нет бюджета».\n\n    Ответ."


def test_blocks_back_to_back_are_both_found() -> None:
    text = f"/// claims\n{CLAIM}\n///\n/// claims\n{CLAIM}\n///\n"
    parsed, problems = parse(text)
    assert problems.items == []
    assert [len(claims.claims) for claims in parsed] == [1, 1]


def test_a_code_fence_closed_inside_a_block_ends_there() -> None:
    text = (f"/// claims\n1. «Нет бюджета».\n\n    Ответ:\n\n    ```\n    код\n    ```\n///\n\n"
            f"/// claims\n{CLAIM}\n///\n")
    parsed, problems = parse(text)
    assert problems.items == []
    assert len(parsed) == 2


def test_a_block_after_a_closed_code_fence_is_a_block() -> None:
    parsed, problems = parse(f"```\nпример\n```\n\n/// claims\n{CLAIM}\n///\n")
    assert problems.items == []
    assert len(parsed) == 1


def test_an_opener_inside_an_indented_fence_is_an_example() -> None:
    parsed, problems = parse(" ```\n/// claims\n1. Нет кавычек\n///\n ```\n")
    assert (parsed, problems.items) == ([], [])


def test_an_empty_block_is_closed_and_empty() -> None:
    (claims,), problems = parse("/// claims\n///\n")
    assert claims is None
    assert messages(problems) == [f"{PATH}:1: в блоке возражений нет пронумерованных возражений"]


def test_an_unclosed_block_is_reported_at_its_opener() -> None:
    _, problems = parse("Текст.\n\n/// claims\n1. «Нет бюджета».\n", first_line=5)
    assert [p.line for p in problems.items] == [7]
