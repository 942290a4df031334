"""Located content problems and the exception tree for content and simulation.

Every problem found in a facilitator's file becomes a :class:`Problem` with a
1-based line and column, a context phrase ("in Maßnahme `pilot_dashboard`")
and a problem phrase. Messages come in German (default) and English; see
:mod:`game.content.messages`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.content.messages import render


@dataclass(frozen=True)
class Location:
    """A place in a source file: 1-based line and column."""

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    """One located problem in a content file.

    Attributes:
        location: Where the problem is; ``None`` only for problems of a
            whole file that has no position (an unreadable file).
        code: Message id in the catalogue of :mod:`game.content.messages`.
        params: Values for the message template.
        context: Optional ``(code, params)`` of the enclosing element.
    """

    location: Location | None
    code: str
    params: dict = field(default_factory=dict)
    context: tuple[str, dict] | None = None

    def message(self, lang: str = "de") -> str:
        """Return the problem phrase, with its context phrase first."""
        text = render(self.code, self.params, lang)
        if self.context is not None:
            text = f"{render(self.context[0], self.context[1], lang)}: {text}"
        return text

    def format(self, lang: str = "de") -> str:
        """Return ``file:line:column: message``, or the message alone without a location."""
        if self.location is None:
            return self.message(lang)
        return f"{self.location}: {self.message(lang)}"

    def format_with_snippet(self, source_lines: list[str] | None, lang: str = "de"):
        """Return the one-line form plus the offending line and a caret."""
        text = self.format(lang)
        if not source_lines or self.location is None:
            return text
        index = self.location.line - 1
        if not 0 <= index < len(source_lines):
            return text
        line = source_lines[index].rstrip("\r\n").replace("\t", " ")
        caret = " " * (self.location.column - 1) + "^"
        return f"{text}\n    {line}\n    {caret}"


class ContentError(Exception):
    """Base for problems in content files; carries every problem found."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        first = self.problems[0].format("en") if self.problems else "content error"
        more = len(self.problems) - 1
        super().__init__(first + (f" (and {more} more)" if more else ""))


class YamlSyntaxError(ContentError):
    """The file is not readable YAML: encoding, tabs, syntax, size or tags."""


class SchemaError(ContentError):
    """The YAML is readable but does not describe a valid scenario or path."""


class SimulationError(Exception):
    """A request the engine cannot carry out, such as an unavailable action."""
