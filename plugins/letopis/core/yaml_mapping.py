"""Reading a YAML mapping (front matter, a registry) with the file line of every key and list
item, refusing what the core will not load, at its line, in editors' words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from .characters import UNSHOWABLE, char_name
from .messages import say
from .problems import Problems, shortened

_STR_TAG = "tag:yaml.org,2002:str"
_INT_TAG = "tag:yaml.org,2002:int"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_MAP_TAG = "tag:yaml.org,2002:map"
_NULL_TAG = "tag:yaml.org,2002:null"
# Tags SafeLoader gives plain values but cannot construct: `title: =` would not load.
_UNCONSTRUCTED_TAGS = {"tag:yaml.org,2002:value", "tag:yaml.org,2002:yaml"}

# YAML ends a line at these where editors and Markdown see none: the lines after one would be
# misnumbered, and a "key:" after one misread.
_YAML_LINE_ENDS = re.compile("[\u2028\u2029]")

# Front matter needs a few levels and no mass repetition. These bounds keep a hostile file (a
# "billion laughs" of aliases, thousands of nested lists) from hanging the build or eating memory.
MAX_DEPTH = 20
MAX_REPEATED = 10_000


# libyaml's parser when PyYAML has it (eight times faster on front matter); the same rules.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _FrontMatterLoader(_SafeLoader):  # type: ignore[misc, valid-type]
    """SafeLoader that leaves dates as text and reports every value it refuses at its line.

    PyYAML turns `2014-05-07` into a date but keeps `2014-05-07 10:30` a string, and raises a
    bare ValueError inside the loader for `2014-02-30`. Keeping every date a string lets the
    core parse all of them one way and report a bad one with its file and line.
    """


class RefusedValue(yaml.MarkedYAMLError):
    """A YAML value the core will not load, with where it is and why in editors' words."""

    def __init__(self, mark: yaml.Mark | None, message: str) -> None:
        super().__init__(problem=message, problem_mark=mark)


def _construct_text(loader: _FrontMatterLoader, node: yaml.ScalarNode) -> str:
    value = loader.construct_scalar(node)
    # Only a double-quoted value has escapes ("\x07", "\e", "\0"); the file's own text was
    # checked by read_text.
    if node.style == '"' and (found := UNSHOWABLE.search(value)) is not None:
        raise RefusedValue(node.start_mark, say("escaped_unshowable",
                                                char=char_name(found.group())))
    return value


def _construct_int(loader: _FrontMatterLoader, node: yaml.ScalarNode) -> int:
    value: int = loader.construct_yaml_int(node)
    str(value)  # a ValueError now, not later: a long hexadecimal number has no decimal text
    return value


def _at_its_line(construct: Any) -> Any:
    """`construct` reporting a value its type cannot hold (`!!int ten`, `!!bool maybe`) at its
    line: PyYAML raises a bare ValueError or KeyError there."""
    def checked(loader: _FrontMatterLoader, node: yaml.ScalarNode) -> Any:
        try:
            if not isinstance(node, yaml.ScalarNode):  # `!!int [1, 2]`: PyYAML's words
                raise ValueError
            return construct(loader, node)
        except (ValueError, LookupError, OverflowError):  # `!!int ""`: an IndexError
            raise RefusedValue(node.start_mark, say("cannot_read_as", value=_shown(node),
                                                    tag=_tag_name(node.tag))) from None
    return checked


def _construct_unknown(loader: _FrontMatterLoader, node: yaml.Node) -> Any:
    raise RefusedValue(node.start_mark, say("tag_unsupported", tag=_tag_name(node.tag)))


# YAML 1.1 reads `010` as 8, `0x10` as 16, `1_000` as 1000 and `1:30` as 90: a title, slug or
# tag written so would change silently. A plain value is a whole number only when written as
# one is printed; the rest stays the text it is (`!!int 010` still asks for YAML's reading).
_WHOLE_NUMBER = re.compile(r"^(?:0|-?[1-9][0-9]*)$")
_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, _WHOLE_NUMBER if tag == _INT_TAG else regexp) for tag, regexp in resolvers
            if tag != _TIMESTAMP_TAG and tag not in _UNCONSTRUCTED_TAGS]
    for first, resolvers in _SafeLoader.yaml_implicit_resolvers.items()
}
_FrontMatterLoader.add_constructor(_STR_TAG, _construct_text)
# An explicit `!!timestamp` stays text too: every date is parsed by the core, one way.
_FrontMatterLoader.add_constructor(_TIMESTAMP_TAG, _construct_text)
_FrontMatterLoader.add_constructor(_INT_TAG, _at_its_line(_construct_int))
for _tag, _construct in [("float", yaml.SafeLoader.construct_yaml_float),
                         ("bool", yaml.SafeLoader.construct_yaml_bool)]:
    _FrontMatterLoader.add_constructor(f"tag:yaml.org,2002:{_tag}", _at_its_line(_construct))
_FrontMatterLoader.add_constructor(None, _construct_unknown)


KeyPath = tuple[str | int, ...]
_WHAT = {"the front matter": "the_front_matter", "the authors registry": "the_authors_registry"}


@dataclass(frozen=True)
class YamlData:
    """A YAML mapping and the 1-based file line of every key and list item in it."""

    value: dict[str, Any]
    lines: dict[KeyPath, int]

    def line_of(self, *path: str | int) -> int:
        """The line of `path` ("articles", 0, "title"), or of its nearest parent that exists,
        or 1 when not even the first key does."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return 1


def read_yaml(text: str, path: str, problems: Problems, *, lines_before: int = 0,
              what: str = "the front matter") -> YamlData | None:
    """Parse a YAML mapping, keeping lines; `lines_before` is where `text` starts in the file.

    `what` names the text in messages; the two names callers use are said in the site's
    language (the `[problems]` catalog table), any other as given.
    """
    what = say(_WHAT[what]) if what in _WHAT else what
    if (found := _YAML_LINE_ENDS.search(text)) is not None:
        problems.error(path, lines_before + text.count("\n", 0, found.start()) + 1,
                       say("line_separator", what=what, code=f"{ord(found.group()):04X}"))
        return None
    loader = _FrontMatterLoader(text)
    try:
        node = loader.get_single_node()
        # A document marker with nothing after it (`---`) holds an empty value, placed past
        # the marker's line: nothing is written, as with no text at all.
        if node is None or (isinstance(node, yaml.ScalarNode) and node.value == ""
                            and not node.style and node.tag == _NULL_TAG):
            problems.error(path, lines_before or 1, say("yaml_empty", what=what))
            return None
        if not isinstance(node, yaml.MappingNode):
            shape = say("shape_list" if isinstance(node, yaml.SequenceNode) else "shape_value")
            problems.error(path, lines_before + node.start_mark.line + 1,
                           say("not_mapping", what=what, shape=shape))
            return None
        if node.tag != _MAP_TAG:  # `!!set`: PyYAML would build a set, no mapping
            raise RefusedValue(node.start_mark, say("tag_unsupported", tag=_tag_name(node.tag)))
        if "*" in text:  # only an alias can repeat a value or hold itself
            _check_aliases(node)
        lines: dict[KeyPath, int] = {}
        if not _collect_lines(node, (), lines_before, lines, path, problems):
            return None  # a repeated key, already reported
        value = loader.construct_document(node)
    except RefusedValue as exc:
        mark = exc.problem_mark
        problems.error(path, _file_line(mark, text, lines_before), str(exc.problem))
        return None
    except yaml.MarkedYAMLError as exc:
        problems.error(path, *_describe_yaml_error(exc, text, lines_before, what))
        return None
    except yaml.reader.ReaderError as exc:  # a character YAML refuses, when read_text did not
        line = lines_before + text.count("\n", 0, max(0, exc.position)) + 1
        problems.error(path, line, say("yaml_refused_char", what=what,
                                       char=char_name(chr(exc.character))))
        return None
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        first_line = str(exc).split("\n", 1)[0]
        problems.error(path, lines_before or 1, say("not_yaml", what=what, problem=first_line))
        return None
    finally:
        loader.dispose()
    return YamlData({str(k): v for k, v in value.items()}, lines)


def _check_aliases(root: yaml.Node) -> None:
    """An alias (*name) stands for its anchor's value once more. Refuse, before anything is
    built, an alias inside its own anchor (it never ends) and aliases repeating more than
    MAX_REPEATED values (a "billion laughs"); each distinct value is visited once."""
    sizes: dict[int, int] = {}  # every value met, with the number of values it expands to
    open_nodes: set[int] = set()
    repeated = 0

    def visit(node: yaml.Node, depth: int) -> None:
        nonlocal repeated
        if depth > MAX_DEPTH:
            raise _too_deep(node)
        if isinstance(node, yaml.MappingNode):
            children = [child for pair in node.value for child in pair]
        else:
            children = node.value if isinstance(node, yaml.SequenceNode) else []
        open_nodes.add(id(node))
        size = 1
        for child in children:
            if id(child) in open_nodes:
                raise RefusedValue(node.start_mark, say("alias_circle"))
            if id(child) in sizes:  # an alias
                repeated += sizes[id(child)]
                if repeated > MAX_REPEATED:
                    raise RefusedValue(node.start_mark,
                                       say("alias_bomb", limit=MAX_REPEATED))
            else:
                visit(child, depth + 1)
            size += sizes[id(child)]
        open_nodes.discard(id(node))
        sizes[id(node)] = size

    visit(root, 1)


def _collect_lines(node: yaml.Node, prefix: KeyPath, lines_before: int,
                   lines: dict[KeyPath, int], path: str, problems: Problems) -> bool:
    """Record the line of every key and list item under `node`; False on a repeated key.

    Refuses nesting deeper than MAX_DEPTH and a list or mapping as a key; every key becomes
    text as written, so that `1:`, `yes:` and `~:` are the names they look like.
    """
    if len(prefix) >= MAX_DEPTH:
        raise _too_deep(node)
    unique = True
    if isinstance(node, yaml.MappingNode):
        merges = []
        for key_node, value_node in node.value:
            _name_key(key_node)
            if key_node.tag == _MERGE_TAG:
                merges.append((key_node, value_node))
                continue
            key = (*prefix, str(key_node.value))
            line = lines_before + key_node.start_mark.line + 1
            if key in lines:
                # PyYAML would silently keep the last value; an editor almost never means that.
                problems.error(path, line, say("key_repeated", key=key[-1], first=lines[key]))
                unique = False
                continue
            lines[key] = line
            unique &= _collect_lines(value_node, key, lines_before, lines, path, problems)
        # `<<: *defaults` brings in the keys not written here; they are on the line of "<<".
        for key_node, value_node in merges:
            line = lines_before + key_node.start_mark.line + 1
            sources = value_node.value if isinstance(value_node, yaml.SequenceNode) \
                else [value_node]
            for source in sources:
                if isinstance(source, yaml.MappingNode):
                    for merged, _ in source.value:
                        _name_key(merged)
                        lines.setdefault((*prefix, str(merged.value)), line)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*prefix, index)] = lines_before + item.start_mark.line + 1
            unique &= _collect_lines(item, (*prefix, index), lines_before, lines, path, problems)
    return unique


def _name_key(node: yaml.Node) -> None:
    if not isinstance(node, yaml.ScalarNode):
        raise RefusedValue(node.start_mark, say("key_not_name"))
    if UNSHOWABLE.search(node.value) or "\n" in node.value or "\r" in node.value:
        # (Written as escapes, or over several lines: every message names its key.)
        raise RefusedValue(node.start_mark, say("key_not_one_line"))
    if node.tag != _MERGE_TAG:
        node.tag = _STR_TAG


def _too_deep(node: yaml.Node) -> RefusedValue:
    return RefusedValue(node.start_mark, say("too_deep", depth=MAX_DEPTH))


def _describe_yaml_error(exc: yaml.MarkedYAMLError, text: str, lines_before: int,
                         what: str) -> tuple[int, str]:
    """Line and message for a YAML error, in the words of the file rather than the parser."""
    mark = exc.problem_mark or exc.context_mark
    line = _file_line(mark, text, lines_before)
    # (PyYAML's own parser names the end of the text '<stream end>'; libyaml does not.)
    problem = (exc.problem or str(exc)).replace("'<stream end>'", say("end_of", what=what))
    if "maximum nesting depth" in problem:
        return line, str(_too_deep(yaml.ScalarNode("", "")).problem)
    if mark is not None and _indented_with_tab(text, mark.line):
        return line, say("tab_indent", what=what)
    if "mapping values are not allowed" in problem and mark is not None \
            and (quoted := _quoted_suggestion(text, mark.line)) is not None:
        return line, say("colon_in_value", quoted=quoted)
    message = say("not_yaml", what=what, problem=problem)
    if exc.context and exc.context_mark and exc.context_mark is not mark:
        started = _file_line(exc.context_mark, text, lines_before)
        message += say("yaml_started", context=exc.context, line=started)
    return line, message


# `title: Ложь: как распознать`: a key, then a plain value that itself holds ": ".
_UNQUOTED_COLON = re.compile(r"(\s*(?:-\s+)?)([^\s:#\"'][^:]*?):\s+([^\s\"'\[{|>&*!].*?)\s*")


def _quoted_suggestion(text: str, index: int) -> str | None:
    """The line `index` with its value in quotes, when an unquoted colon is what broke it."""
    lines = text.split("\n")
    found = _UNQUOTED_COLON.fullmatch(lines[index]) if index < len(lines) else None
    if found is None or ": " not in found.group(3) + " ":
        return None
    key, value = found.group(2), found.group(3)
    if '"' not in value:
        return f'{key}: "{value}"'
    return f"{key}: '" + value.replace("'", "''") + "'"


def _file_line(mark: yaml.Mark | None, text: str, lines_before: int) -> int:
    """The file line of a parser's mark; "the end of the text" is its last line."""
    if mark is None:
        return lines_before or 1
    return lines_before + min(mark.line, text.count("\n")) + 1


def _indented_with_tab(text: str, index: int) -> bool:
    lines = text.split("\n")
    line = lines[index] if index < len(lines) else ""
    return "\t" in line[:len(line) - len(line.lstrip(" \t"))]


def _shown(node: yaml.Node) -> str:
    if not isinstance(node, yaml.ScalarNode):
        return say("this_value")
    return say("the_value", value=shortened(str(node.value), 41))


def _tag_name(tag: str | None) -> str:
    """`!!int` rather than `tag:yaml.org,2002:int`, as editors write it."""
    tag = tag or "?"
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") \
        else tag
