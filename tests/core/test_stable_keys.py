"""`stable` and `fingerprint` (core/build_cache.py), which name what the render cache and the
fast preview compare: the same data gives the same text whatever the order of its dicts and
sets, different data different texts, and what has no stable text is refused."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

import pytest
from markupsafe import Markup

from letopis.core.build_cache import UnstableError, fingerprint, stable


class Colour(enum.Enum):
    RED = 1
    BLUE = 2


class Shade(enum.Enum):
    RED = 1


@dataclass(frozen=True)
class Point:
    x: int
    y: int
    note: str = field(default="", repr=False)


@dataclass(frozen=True)
class Other:
    x: int
    y: int


class Loud(str):
    def __repr__(self) -> str:  # the same for every value: stable must not rely on it
        return "Loud"


class Fixed(tzinfo):
    def utcoffset(self, moment: datetime | None) -> timedelta:
        return timedelta(hours=3)


def test_plain_values_have_a_text() -> None:
    for value in (None, True, 7, 2.5, "текст", b"\x00", date(2014, 5, 20), time(11, 5),
                  timedelta(days=1), ZoneInfo("Europe/Moscow"), UTC, Colour.RED,
                  (1, [2, {3: {4}}]), frozenset({"a"}), Point(1, 2)):
        assert isinstance(stable(value), str) and stable(value)


@pytest.mark.parametrize(("one", "other"), [
    (1, "1"), ("1", b"1"), (1, True), (0, None), (1, 1.5),
    ("a", Markup("a")),  # a template prints Markup and str differently
    (Loud("a"), Loud("b")),  # a subclass's own repr is not what is shown
    ((1,), [1]), ((1, 2), (12,)), (((1, 2), 3), (1, (2, 3))), ((), ((),)),
    (((),), ((), ())), ([], [[]]),
    ({"a": 1}, {"a": 2}), ({"a": 1}, {"b": 1}), ({"a": 1, "b": 2}, {"a": 1}),
    ({"ab": "c"}, {"a": "bc"}), ({1: 2}, {(1, 2)}), ({1}, {2}), ({1, 2}, {1}), ({1}, (1,)),
    (set(), {()}), ({"a", "b"}, {"a,b"}),
    (Colour.RED, Colour.BLUE), (Colour.RED, Shade.RED),
    (Point(1, 2), Point(2, 1)), (Point(1, 2), Other(1, 2)), (Point(1, 2), (1, 2)),
    (datetime(2014, 5, 20, tzinfo=ZoneInfo("Europe/Moscow")),
     datetime(2014, 5, 20, tzinfo=ZoneInfo("Europe/Berlin"))),
    (date(2014, 5, 20), date(2014, 5, 21)),
])
def test_different_values_have_different_texts(one: object, other: object) -> None:
    assert stable(one) != stable(other)
    assert fingerprint(one) != fingerprint(other)


def test_the_order_of_dicts_and_sets_does_not_matter() -> None:
    first, second = {1, 9}, {9, 1}  # the same set, iterated in another order
    assert list(first) != list(second)
    assert stable(first) == stable(second)
    assert stable(frozenset(first)) == stable(frozenset(second))
    assert stable({"b": 1, "a": 2}) == stable({"a": 2, "b": 1})
    assert stable({"k": [first]}) == stable({"k": [second]})
    assert fingerprint({"b": 1, "a": 2}, first) == fingerprint({"a": 2, "b": 1}, second)


def test_equal_values_made_apart_have_the_same_text() -> None:
    assert stable([Point(1, 2), "x", b"y"]) == stable([Point(1, 2), "x", b"y"])
    assert fingerprint("a", 1) == fingerprint("a", 1)
    assert len(fingerprint("a")) == 32 and int(fingerprint("a"), 16) >= 0
    assert fingerprint("a", 1) != fingerprint(("a", 1))  # the parts are a tuple of their own


def test_a_field_left_out_of_repr_is_left_out() -> None:
    assert stable(Point(1, 2, note="one")) == stable(Point(1, 2, note="two"))


def test_the_same_object_twice_is_not_a_cycle() -> None:
    shared = [1]
    assert stable((shared, shared)) == stable(([1], [1]))
    holder = {"a": shared, "b": shared}
    assert stable(holder) == stable({"a": [1], "b": [1]})
    assert stable([{1}, {1}]) == stable([{1}, {1}])


@pytest.mark.parametrize("make", [
    lambda: object(),
    lambda: Point,  # a class, not an instance
    lambda: Fixed(),  # a time zone of its own has no stable repr
    lambda: datetime(2014, 5, 20, tzinfo=Fixed()).tzinfo,
    lambda: [object()],
    lambda: {"k": object()},
    lambda: {object()},
    lambda: "<letopis.X object at 0x7f00>",  # an address slipped into a text
    lambda: Point(1, object()),  # type: ignore[arg-type]
])
def test_what_has_no_stable_text_is_refused(make) -> None:
    with pytest.raises(UnstableError):
        stable(make())
    with pytest.raises(UnstableError):
        fingerprint(make())


@pytest.mark.parametrize("kind", ["list", "dict", "set-in-list"])
def test_a_cycle_is_refused(kind: str) -> None:
    if kind == "list":
        value: object = []
        value.append(value)  # type: ignore[attr-defined]
    elif kind == "dict":
        value = {}
        value["self"] = value  # type: ignore[index]
    else:
        value = []
        value.append((1, value))  # type: ignore[attr-defined]
    with pytest.raises(UnstableError, match=r"^a cycle$"):
        stable(value)


def test_a_refusal_names_what_was_refused() -> None:
    with pytest.raises(UnstableError, match=r"^Fixed$"):
        stable(Fixed())
    with pytest.raises(UnstableError, match=r"^object$"):
        stable([object()])
    text = "x" * 100 + " object at 0x1"
    with pytest.raises(UnstableError) as caught:
        stable(text)
    assert len(str(caught.value)) == 80 and "x" * 60 in str(caught.value)  # its start, cut


def test_utc_as_a_fixed_offset_is_accepted() -> None:
    assert stable(timezone(timedelta(hours=3))) != stable(UTC)


def test_dicts_keyed_by_tuples_have_a_text() -> None:
    assert stable({(1, 2): "a"}) == stable({(1, 2): "a"})
    assert stable({(1, 2): "a"}) != stable({(2, 1): "a"})


def test_a_dataclass_is_told_by_its_module_too() -> None:
    @dataclass(frozen=True)
    class Elsewhere:
        x: int
        y: int

    Elsewhere.__qualname__ = Other.__qualname__  # the same name, in another module
    Elsewhere.__module__ = "elsewhere"
    assert stable(Elsewhere(1, 2)) != stable(Other(1, 2))
