"""Reading one Markdown source: bytes → text → front matter (with line numbers) and body."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

from .problems import Problems

_HANDLER = YAMLHandler()
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class _FrontMatterLoader(yaml.SafeLoader):
    """SafeLoader that leaves dates as text.

    PyYAML turns `2014-05-07` into a date but keeps `2014-05-07 10:30` a string, and raises a
    bare ValueError inside the loader for `2014-02-30`. Keeping every date a string lets the
    core parse all of them one way and report a bad one with its file and line.
    """


_FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP_TAG]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


@dataclass(frozen=True)
class Document:
    """A source file split into validated-as-YAML front matter and Markdown body."""

    path: str  # as shown to editors, e.g. "content/posts/x.md"
    meta: dict[str, Any]
    lines: dict[str, int]  # front matter key → 1-based line in the file
    body: str

    def line_of(self, key: str) -> int:
        """The line of `key`, or of the opening `---` when the key is missing."""
        return self.lines.get(key, 1)


def read_document(raw: bytes, path: str, problems: Problems) -> Document | None:
    """Parse `raw`; on failure record why in `problems` and return None."""
    text = _decode(raw, path, problems)
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
    lines_before = text.count("\n", 0, opening.end())
    return _parse_front_matter(front, body, lines_before, path, problems)


def _decode(raw: bytes, path: str, problems: Problems) -> str | None:
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


def _parse_front_matter(
    front: str, body: str, lines_before: int, path: str, problems: Problems
) -> Document | None:
    loader = _FrontMatterLoader(front)
    try:
        node = loader.get_single_node()
        if node is None:
            problems.error(path, 1, "the front matter is empty: it needs at least title and date")
            return None
        if not isinstance(node, yaml.MappingNode):
            problems.error(
                path, lines_before + node.start_mark.line + 1,
                "the front matter must be a list of \"key: value\" lines",
            )
            return None
        lines = _key_lines(node, lines_before, path, problems)
        if len(lines) < len(node.value):  # a repeated key, already reported
            return None
        meta = loader.construct_document(node)
    except yaml.MarkedYAMLError as exc:
        problems.error(path, *_describe_yaml_error(exc, lines_before))
        return None
    except (yaml.YAMLError, ValueError, TypeError, RecursionError) as exc:
        problems.error(path, 1, f"the front matter is not valid YAML: {exc}")
        return None
    finally:
        loader.dispose()
    return Document(path=path, meta={str(k): v for k, v in meta.items()}, lines=lines, body=body)


def _key_lines(
    node: yaml.MappingNode, lines_before: int, path: str, problems: Problems
) -> dict[str, int]:
    lines: dict[str, int] = {}
    for key_node, _ in node.value:
        key = str(key_node.value)
        line = lines_before + key_node.start_mark.line + 1
        if key in lines:
            # PyYAML would silently keep the last value; an editor almost never means that.
            problems.error(path, line, f'key "{key}" is repeated (first on line {lines[key]})')
            continue
        lines[key] = line
    return lines


def _describe_yaml_error(exc: yaml.MarkedYAMLError, lines_before: int) -> tuple[int, str]:
    """Line and message for a YAML error, in the words of the file rather than the parser."""
    mark = exc.problem_mark or exc.context_mark
    line = lines_before + mark.line + 1 if mark else 1
    problem = (exc.problem or str(exc)).replace("'<stream end>'", "the end of the front matter")
    message = f"the front matter is not valid YAML: {problem}"
    if exc.context and exc.context_mark and exc.context_mark is not mark:
        started = lines_before + exc.context_mark.line + 1
        message += f" ({exc.context} started on line {started})"
    return line, message
