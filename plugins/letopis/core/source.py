"""Reading one Markdown source: bytes → text → front matter (with line numbers) and body."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from .problems import Problems

_HANDLER = YAMLHandler()
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


# libyaml's parser when PyYAML has it (eight times faster on front matter); the same rules.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _FrontMatterLoader(_SafeLoader):  # type: ignore[misc, valid-type]
    """SafeLoader that leaves dates as text.

    PyYAML turns `2014-05-07` into a date but keeps `2014-05-07 10:30` a string, and raises a
    bare ValueError inside the loader for `2014-02-30`. Keeping every date a string lets the
    core parse all of them one way and report a bad one with its file and line.
    """


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP_TAG]
    for first, resolvers in _SafeLoader.yaml_implicit_resolvers.items()
}


KeyPath = tuple[str | int, ...]


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


@dataclass(frozen=True)
class Document:
    """A source file split into front matter (parsed YAML) and Markdown body."""

    path: str  # as shown to editors, e.g. "content/posts/x.md"
    front: YamlData
    body: str

    @property
    def meta(self) -> dict[str, Any]:
        return self.front.value

    def line_of(self, *path: str | int) -> int:
        return self.front.line_of(*path)


def read_document(raw: bytes, path: str, problems: Problems) -> Document | None:
    """Parse a Markdown file with front matter; on failure record why and return None."""
    text = read_text(raw, path, problems)
    if text is None:
        return None
    if not _HANDLER.detect(text):
        problems.error(
            path, 1, 'no front matter: the file must start with a "---" line, then "title:" '
            'and "date:", then another "---" line'
        )
        return None
    try:
        front, body = _HANDLER.split(text)
    except ValueError:
        problems.error(path, 1, 'the front matter opened on this line is never closed by "---"')
        return None
    opening = _HANDLER.FM_BOUNDARY.match(text)
    assert opening is not None  # detect() matched it
    data = read_yaml(front, path, problems, lines_before=text.count("\n", 0, opening.end()))
    return None if data is None else Document(path=path, front=data, body=body)


def read_text(raw: bytes, path: str, problems: Problems) -> str | None:
    """Decode UTF-8 (a byte-order mark allowed) with Unix line ends."""
    try:
        # utf-8-sig drops a byte-order mark that some Windows editors add.
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        problems.error(
            path, line, f"the file is not valid UTF-8 (byte 0x{raw[exc.start]:02X}); "
            "save it in the UTF-8 encoding"
        )
        return None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_yaml(text: str, path: str, problems: Problems, *, lines_before: int = 0,
              what: str = "the front matter") -> YamlData | None:
    """Parse a YAML mapping, keeping lines; `lines_before` is where `text` starts in the file."""
    loader = _FrontMatterLoader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            problems.error(path, lines_before or 1, f"{what} is empty")
            return None
        if not isinstance(node, yaml.MappingNode):
            problems.error(path, lines_before + node.start_mark.line + 1,
                           f'{what} must be a list of "key: value" lines')
            return None
        lines: dict[KeyPath, int] = {}
        if not _collect_lines(node, (), lines_before, lines, path, problems):
            return None  # a repeated key, already reported
        value = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        problems.error(path, *_describe_yaml_error(exc, lines_before, what))
        return None
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        problems.error(path, lines_before or 1, f"{what} is not valid YAML: {exc}")
        return None
    finally:
        loader.dispose()
    return YamlData({str(k): v for k, v in value.items()}, lines)


def _collect_lines(node: yaml.Node, prefix: KeyPath, lines_before: int,
                   lines: dict[KeyPath, int], path: str, problems: Problems) -> bool:
    """Record the line of every key and list item under `node`; False on a repeated key."""
    unique = True
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = (*prefix, str(key_node.value))
            line = lines_before + key_node.start_mark.line + 1
            if key in lines:
                # PyYAML would silently keep the last value; an editor almost never means that.
                problems.error(path, line, f'key "{key[-1]}" is repeated (first on line '
                                           f"{lines[key]})")
                unique = False
                continue
            lines[key] = line
            unique &= _collect_lines(value_node, key, lines_before, lines, path, problems)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            lines[(*prefix, index)] = lines_before + item.start_mark.line + 1
            unique &= _collect_lines(item, (*prefix, index), lines_before, lines, path, problems)
    return unique


def _describe_yaml_error(exc: yaml.MarkedYAMLError, lines_before: int,
                         what: str) -> tuple[int, str]:
    """Line and message for a YAML error, in the words of the file rather than the parser."""
    mark = exc.problem_mark or exc.context_mark
    line = lines_before + mark.line + 1 if mark else 1
    # (PyYAML's own parser names the end of the text '<stream end>'; libyaml does not.)
    problem = (exc.problem or str(exc)).replace("'<stream end>'", f"the end of {what}")
    message = f"{what} is not valid YAML: {problem}"
    if exc.context and exc.context_mark and exc.context_mark is not mark:
        started = lines_before + exc.context_mark.line + 1
        message += f" ({exc.context} started on line {started})"
    return line, message
