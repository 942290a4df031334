"""Learning content as plain data: paths, modules, lessons, checks, playbooks.

The loader in :mod:`game.learn.loader` builds these objects from
``learning_paths/``; nothing here reads files or imports pygame. Texts are
dictionaries from a language code (``de``, ``en``) to a string, German always
present, as in :mod:`game.sim.model`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.content.errors import Location

Texts = dict[str, str]

#: Check types: single choice, multiple choice, ordering, matching.
CHECK_KINDS = ("einfach", "mehrfach", "reihenfolge", "zuordnung")

#: The six barrier cycles of the study with their German and English names.
#: Scenarios model them as loops with these ids; lessons link to them.
CYCLES: dict[str, Texts] = {
    "harmonisierung": {
        "de": "Fehlende übergeordnete Harmonisierung",
        "en": "Missing overarching harmonisation",
    },
    "strategie": {"de": "Strategie ohne Rückhalt", "en": "Strategy without backing"},
    "mehrwert": {
        "de": "Fehlende operative Mehrwerte",
        "en": "Missing operational value",
    },
    "innovatoren": {
        "de": "Fehlende Innovatoren und innovationsfeindliche Strukturen",
        "en": "Missing innovators and innovation-hostile structures",
    },
    "altlast": {
        "de": "Blockade durch verfestigte IT-Altlasten",
        "en": "Blockade by entrenched legacy IT",
    },
    "erprobung": {
        "de": "Innovation ohne Erprobung",
        "en": "Innovation without testing",
    },
}


@dataclass
class Answer:
    """One answer of a check.

    For choice checks ``correct`` marks right answers. Ordering checks list
    their steps in the right order. Matching checks pair ``text`` (the term)
    with ``match`` (what belongs to it).
    """

    text: Texts
    feedback: Texts
    correct: bool = False
    match: Texts | None = None


@dataclass
class Check:
    """An interactive check inside a lesson; ``kind`` is one of CHECK_KINDS."""

    id: str
    kind: str
    question: Texts
    answers: list[Answer]
    location: Location | None = None


@dataclass
class Lesson:
    """A lesson with a Markdown body, takeaways, checks and its links."""

    id: str
    title: Texts
    summary: Texts | None
    duration: int
    cycles: list[str]
    scenario: str | None
    actions: list[str]
    playbooks: list[str]
    body: Texts
    takeaways: list[Texts]
    checks: list[Check]
    location: Location | None = None
    #: Where the body text starts in the file, per language, for link errors.
    body_locations: dict[str, Location] = field(default_factory=dict)


@dataclass
class Module:
    """A titled group of lessons inside a path."""

    id: str
    title: Texts
    description: Texts | None
    lessons: list[str]


@dataclass
class LearningPath:
    """A sequence of modules for one audience."""

    id: str
    title: Texts
    description: Texts
    audience: Texts
    modules: list[Module]
    location: Location | None = None

    @property
    def lesson_ids(self) -> list[str]:
        """Lesson ids of all modules in order."""
        return [lesson for module in self.modules for lesson in module.lessons]


@dataclass
class PlaybookSection:
    """A heading with an explicit id that lessons and actions may link to."""

    id: str
    title: str
    level: int


@dataclass
class Playbook:
    """A Markdown playbook; ``text`` holds the German and optional English source."""

    id: str
    title: Texts
    text: Texts
    sections: list[PlaybookSection]
    location: Location | None = None

    def section_ids(self) -> list[str]:
        """Ids of all linkable sections in document order."""
        return [section.id for section in self.sections]


@dataclass
class ScenarioLinks:
    """Ids of one scenario file that learning content may link to."""

    id: str
    path: str
    title: Texts
    loops: dict[str, Location]
    #: Action id to the location of its key and whether it links anywhere.
    actions: dict[str, tuple[Location, bool]]


@dataclass
class LearningContent:
    """Everything under ``learning_paths/`` plus the scenario ids it links to."""

    paths: list[LearningPath]
    lessons: dict[str, Lesson]
    playbooks: dict[str, Playbook]
    scenarios: dict[str, ScenarioLinks]
    cycles: dict[str, Texts]

    def path(self, path_id: str) -> LearningPath:
        """Return the path with ``path_id``; raises KeyError if unknown."""
        for path in self.paths:
            if path.id == path_id:
                return path
        raise KeyError(path_id)
