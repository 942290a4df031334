"""Safe YAML loading into a tree of located nodes.

PyYAML's ``safe_load`` loses positions, silently keeps the last of two
duplicate keys, expands alias bombs and recurses on deep nesting. This loader
reads the event stream instead and builds :class:`Node` objects itself, so
that every value carries its file, line and column, and so that size, depth and
alias expansion stay bounded. Object tags such as ``!!python/object`` are
rejected before anything is constructed, so nothing in a file is executed.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from game.content.errors import Location, Problem, YamlSyntaxError

log = logging.getLogger(__name__)

MAX_FILE_BYTES = 1_000_000  # scenario files are a few dozen KB
MAX_DEPTH = 40  # nesting levels of mappings and sequences
MAX_NODES = 100_000  # nodes after alias expansion, which bounds alias bombs

_STANDARD_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}

_CONSTRUCT = {
    "tag:yaml.org,2002:int": "construct_yaml_int",
    "tag:yaml.org,2002:float": "construct_yaml_float",
    "tag:yaml.org,2002:bool": "construct_yaml_bool",
    "tag:yaml.org,2002:null": "construct_yaml_null",
}


@dataclass(eq=False)
class Node:
    """A located YAML value.

    ``value`` is a ``dict[str, Node]`` for mappings, a ``list[Node]`` for
    sequences and a plain Python scalar otherwise. For scalars, ``text`` is the
    source text and ``plain`` is true when it was written without quotes.
    """

    value: Any
    location: Location
    text: str = ""
    plain: bool = False
    key_locations: dict[str, Location] = field(default_factory=dict)

    @property
    def kind(self) -> str:
        """``mapping``, ``sequence`` or ``scalar``."""
        if isinstance(self.value, dict):
            return "mapping"
        if isinstance(self.value, list):
            return "sequence"
        return "scalar"

    def to_python(self) -> Any:
        """Return the value with all nodes unwrapped into plain Python data."""
        if isinstance(self.value, dict):
            return {key: node.to_python() for key, node in self.value.items()}
        if isinstance(self.value, list):
            return [node.to_python() for node in self.value]
        return self.value


def _location(path: str, mark) -> Location:
    return Location(path, mark.line + 1, mark.column + 1)


def _problem(path: str, line: int, column: int, code: str, **params) -> Problem:
    return Problem(Location(path, line, column), code, params)


def decode_source(data: bytes, path: str) -> str:
    """Decode UTF-8 bytes, accepting a byte-order mark.

    Raises:
        YamlSyntaxError: the file is empty, too large or not UTF-8.
    """
    if len(data) > MAX_FILE_BYTES:
        raise YamlSyntaxError(
            [
                _problem(
                    path, 1, 1, "file_too_large", size=len(data), limit=MAX_FILE_BYTES
                )
            ]
        )
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        before = data[: error.start]
        line = before.count(b"\n") + 1
        column = error.start - (before.rfind(b"\n") + 1) + 1
        byte = data[error.start]
        guess = _guess_legacy_encoding(data)
        raise YamlSyntaxError(
            [
                _problem(
                    path, line, column, "not_utf8", byte=f"0x{byte:02X}", guess=guess
                )
            ]
        ) from error
    if not text.strip() or all(
        not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()
    ):
        raise YamlSyntaxError([_problem(path, 1, 1, "empty_file")])
    return text


def _guess_legacy_encoding(data: bytes) -> str:
    # Umlauts saved by Windows editors ("ANSI") are single bytes 0xC4..0xFC.
    try:
        decoded = data.decode("cp1252")
    except UnicodeDecodeError:
        return "unknown"
    if any(ch in decoded for ch in "äöüÄÖÜß€"):
        return "Windows-1252"
    return "unknown"


_TAB_INDENT = re.compile(r"^( *)\t")


def _check_tabs(text: str, path: str) -> list[Problem]:
    problems = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = _TAB_INDENT.match(line)
        if match:
            problems.append(
                _problem(path, number, len(match.group(1)) + 1, "tab_indent")
            )
    return problems


def load_text(text: str, path: str) -> Node:
    """Parse YAML text into a located node tree.

    Raises:
        YamlSyntaxError: tabs, syntax errors, tags, too deep or too large.
    """
    problems = _check_tabs(text, path)
    if problems:
        raise YamlSyntaxError(problems)
    builder = _TreeBuilder(path)
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            builder.feed(event)
            if builder.aborted:
                # Stop scanning: PyYAML's scanner is quadratic in flow nesting depth.
                break
    except yaml.reader.ReaderError as error:
        # A control character, for example pasted from a word processor.
        line, column = _position(text, error.position)
        raise YamlSyntaxError(
            [
                _problem(
                    path,
                    line,
                    column,
                    "control_character",
                    char=f"0x{error.character:02X}",
                )
            ]
        ) from error
    except yaml.MarkedYAMLError as error:
        raise YamlSyntaxError([_syntax_problem(error, path)]) from error
    except yaml.YAMLError as error:
        raise YamlSyntaxError(
            [_problem(path, 1, 1, "yaml_syntax", detail=str(error))]
        ) from error
    if builder.problems:
        raise YamlSyntaxError(builder.problems)
    if builder.documents > 1:
        raise YamlSyntaxError(
            [_problem(path, builder.second_document_line, 1, "many_documents")]
        )
    if builder.root is None:
        raise YamlSyntaxError([_problem(path, 1, 1, "empty_file")])
    return builder.root


def _position(text: str, offset: int) -> tuple[int, int]:
    before = text[:offset]
    return before.count("\n") + 1, offset - (before.rfind("\n") + 1) + 1


#: PyYAML problem texts that facilitators meet most, with our message ids.
_SYNTAX_HINTS = (
    ("could not find expected ':'", "syntax_missing_colon"),
    ("mapping values are not allowed here", "syntax_colon_in_text"),
    ("expected <block end>", "syntax_indentation"),
    ("cannot start any token", "syntax_bad_character"),
    ("found unexpected end of stream", "syntax_unclosed_quote"),
)


def _syntax_problem(error: yaml.MarkedYAMLError, path: str) -> Problem:
    detail = error.problem or str(error)
    code = "yaml_syntax"
    for fragment, hint in _SYNTAX_HINTS:
        if fragment in detail:
            code = hint
            break
    mark = error.problem_mark or error.context_mark
    if code == "syntax_missing_colon" and error.context_mark is not None:
        # PyYAML notices the missing colon a line late; the key started here.
        mark = error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    return _problem(path, line, column, code, detail=detail)


def load_file(path: str | Path, display_path: str | None = None) -> Node:
    """Read a YAML file into a located node tree.

    Args:
        path: The file to read.
        display_path: The path shown in messages; defaults to ``path``.

    Raises:
        YamlSyntaxError: the file cannot be read or is not valid, safe YAML.
    """
    shown = display_path or str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise YamlSyntaxError(
            [
                Problem(
                    None,
                    "file_unreadable",
                    {"path": shown, "reason": _OsReason(error)},
                )
            ]
        ) from error
    return load_text(decode_source(data, shown), shown)


class _OsReason:
    """The reason a file could not be read, in the message's language."""

    _TEXTS = {
        FileNotFoundError: ("Datei nicht gefunden", "file not found"),
        IsADirectoryError: (
            "das ist ein Ordner, keine Datei",
            "this is a folder, not a file",
        ),
        PermissionError: ("keine Leserechte", "no permission to read"),
    }

    def __init__(self, error: OSError):
        self.error = error

    def render(self, lang: str) -> str:
        for kind, (german, english) in self._TEXTS.items():
            if isinstance(self.error, kind):
                return english if lang == "en" else german
        return self.error.strerror or str(self.error)


class _AbortTree(Exception):
    """Stops building after a fatal bound was hit; problems are recorded."""


class _TreeBuilder:
    """Builds nodes from PyYAML events with an explicit stack (no recursion)."""

    def __init__(self, path: str):
        self.path = path
        self.stack: list[list] = []  # [node, pending_key_node_or_None]
        self.anchors: dict[str, Node] = {}
        self.root: Node | None = None
        self.problems: list[Problem] = []
        self.node_count = 0
        self.documents = 0
        self.second_document_line = 1
        self.aborted = False
        self._resolver = yaml.SafeLoader.__new__(yaml.SafeLoader)
        yaml.resolver.Resolver.__init__(self._resolver)
        self._constructor = yaml.SafeLoader.__new__(yaml.SafeLoader)
        yaml.constructor.SafeConstructor.__init__(self._constructor)

    def feed(self, event) -> None:
        if self.aborted:
            return
        try:
            self._feed(event)
        except _AbortTree:
            self.aborted = True

    def _fail(self, mark, code: str, **params) -> None:
        location = _location(self.path, mark)
        self.problems.append(Problem(location, code, params))
        raise _AbortTree

    def _feed(self, event) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents == 2:
                self.second_document_line = event.start_mark.line + 1
            return
        if isinstance(event, yaml.AliasEvent):
            target = self.anchors.get(event.anchor)
            if target is None:
                self._fail(event.start_mark, "unknown_anchor", anchor=event.anchor)
            self._count(event.start_mark, _size(target))
            self._attach(target, event.start_mark)
            return
        if isinstance(event, yaml.ScalarEvent):
            node = self._scalar(event)
            self._count(event.start_mark, 1)
            self._remember(event, node)
            self._attach(node, event.start_mark)
            return
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self._check_tag(event, mapping=isinstance(event, yaml.MappingStartEvent))
            if len(self.stack) >= MAX_DEPTH:
                self._fail(event.start_mark, "too_deep", limit=MAX_DEPTH)
            value: Any = {} if isinstance(event, yaml.MappingStartEvent) else []
            node = Node(value, _location(self.path, event.start_mark))
            self._count(event.start_mark, 1)
            self._remember(event, node)
            self._attach(node, event.start_mark, container=True)
            self.stack.append([node, None])
            return
        if isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            node, _ = self.stack.pop()
            if not self.stack and self.documents == 1:
                self.root = node

    def _count(self, mark, amount: int) -> None:
        self.node_count += amount
        if self.node_count > MAX_NODES:
            self._fail(mark, "too_many_nodes", limit=MAX_NODES)

    def _remember(self, event, node: Node) -> None:
        if event.anchor:
            self.anchors[event.anchor] = node

    def _check_tag(self, event, mapping: bool) -> None:
        tag = event.tag
        if tag in (
            None,
            "!",
            "tag:yaml.org,2002:map" if mapping else "tag:yaml.org,2002:seq",
        ):
            return
        if tag not in _STANDARD_TAGS:
            self._fail(event.start_mark, "unsafe_tag", tag=tag)

    def _scalar(self, event) -> Node:
        location = _location(self.path, event.start_mark)
        plain = event.style is None
        if event.tag and event.tag != "!" and event.tag not in _STANDARD_TAGS:
            self._fail(event.start_mark, "unsafe_tag", tag=event.tag)
        if event.tag and event.tag != "!":
            tag = event.tag
        elif event.implicit[0]:
            tag = self._resolver.resolve(yaml.ScalarNode, event.value, (True, False))
        else:
            tag = "tag:yaml.org,2002:str"
        value: Any = event.value
        method = _CONSTRUCT.get(tag)
        if method is not None:
            scalar = yaml.ScalarNode(tag, event.value, event.start_mark, event.end_mark)
            try:
                value = getattr(self._constructor, method)(scalar)
            except (ValueError, yaml.constructor.ConstructorError) as error:
                self._fail(
                    event.start_mark, "bad_scalar", text=event.value, detail=str(error)
                )
        return Node(value, location, text=event.value, plain=plain)

    def _attach(self, node: Node, mark, container: bool = False) -> None:
        if not self.stack:
            if self.documents == 1 and not container:
                self.root = node
            return
        parent = self.stack[-1]
        parent_node: Node = parent[0]
        if isinstance(parent_node.value, list):
            parent_node.value.append(node)
            return
        if parent[1] is None:
            # This node is a key.
            if node.kind != "scalar":
                self._fail(mark, "complex_key")
            parent[1] = node
            return
        key_node: Node = parent[1]
        parent[1] = None
        key = key_node.text if key_node.value is not None else "null"
        if not isinstance(key_node.value, str):
            key = key_node.text
        if key == "<<":
            self._fail(key_node_mark(key_node), "merge_key")
        if key in parent_node.value:
            first = parent_node.key_locations[key]
            self.problems.append(
                Problem(
                    key_node.location,
                    "duplicate_key",
                    {"key": key, "first_line": first.line},
                )
            )
            return
        parent_node.value[key] = node
        parent_node.key_locations[key] = key_node.location


class _Mark:
    def __init__(self, location: Location):
        self.line = location.line - 1
        self.column = location.column - 1


def key_node_mark(node: Node) -> _Mark:
    return _Mark(node.location)


def _size(node: Node) -> int:
    # Count nodes iteratively, so aliases of aliases are charged in full.
    total = 0
    pending = [node]
    while pending:
        current = pending.pop()
        total += 1
        if total > MAX_NODES:
            return total
        if isinstance(current.value, dict):
            pending.extend(current.value.values())
        elif isinstance(current.value, list):
            pending.extend(current.value)
    return total
