"""The compiled scenario: plain data that the engine runs.

The content loader builds these objects from YAML; the browser build writes
them as JSON with :func:`scenario_to_dict` and the game reads them back with
:func:`scenario_from_dict`, so the browser never parses YAML. Nothing here
imports pygame or PyYAML.

Texts are dictionaries from a language code (``de``, ``en``) to a string;
German is always present.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field, fields
from typing import Any

Texts = dict[str, str]

#: The three dimensions of the people-process-technology frame.
DIMENSIONS = ("mensch", "prozess", "technologie")
#: Resource ids that effects and conditions may name besides variables.
RESOURCES = ("budget", "kapazitaet")
#: Journey phase ids in their order.
PHASE_ORDER = ("ueberzeugen", "umsetzen", "integrieren")


def text_in(texts: Texts, lang: str) -> str:
    """Return the text in ``lang``, falling back to German."""
    return texts.get(lang) or texts.get("de", "")


@dataclass
class Variable:
    """A state variable, by default between 0 and 100."""

    id: str
    name: Texts
    explanation: Texts
    start: float
    minimum: float = 0.0
    maximum: float = 100.0
    cycles: list[str] = field(default_factory=list)
    dimension: str = "prozess"
    #: ``high`` if more is better for the municipality, ``low`` otherwise.
    desirable: str = "high"


@dataclass
class Link:
    """A causal link: ``source`` pushes ``target`` each round.

    The contribution per round is ``polarity * strength * (s - reference) /
    (span / 2)`` where ``s`` is the source value ``delay`` rounds ago, so a
    source at its reference exerts no pull and a source at a bound pulls with
    the full ``strength`` in points per round. Near the target's bounds the
    push fades linearly over the last ``saturation`` share of the span.
    """

    source: str
    target: str
    polarity: int
    strength: float
    delay: int = 0
    saturation: float = 0.2
    reference: float | None = None

    @property
    def id(self) -> str:
        return f"{self.source}>{self.target}"


@dataclass
class Loop:
    """A declared barrier cycle: variables in causal order."""

    id: str
    name: Texts
    explanation: Texts
    variables: list[str]


@dataclass
class LinkModifier:
    """Multiplies the strength of one link while its owner is active."""

    source: str
    target: str
    factor: float

    @property
    def link_id(self) -> str:
        return f"{self.source}>{self.target}"


@dataclass
class Action:
    """An intervention the player can start (a platform building block)."""

    id: str
    name: Texts
    explanation: Texts
    phase: str
    cost_budget: float
    cost_capacity: float
    duration: int
    prerequisites: list
    immediate: dict[str, float]
    ongoing: dict[str, float]
    #: Rounds the ongoing effects last after completion; 0 means until the end.
    ongoing_rounds: int
    link_modifiers: list[LinkModifier]
    max_uses: int
    cooldown: int
    lessons: list[str]
    playbooks: list[str]


@dataclass
class State:
    """A condition with separate enter and leave thresholds (hysteresis)."""

    id: str
    name: Texts
    explanation: Texts
    enter: list
    leave: list
    ongoing: dict[str, float]
    link_modifiers: list[LinkModifier]
    initially: bool = False


@dataclass
class Event:
    """Something that may strike at the end of a round."""

    id: str
    title: Texts
    text: Texts
    condition: list
    probability: float
    effects: dict[str, float]
    once: bool = True
    cooldown: int = 0
    lessons: list[str] = field(default_factory=list)


@dataclass
class Phase:
    """A step of the journey convince, implement, integrate."""

    id: str
    name: Texts
    condition: list


@dataclass
class Goals:
    """Win and lose conditions, journey phases and score rules."""

    rounds: int
    win: list
    lose: list
    phases: list[Phase]
    score_weights: dict[str, float]
    win_bonus: float
    bonus_per_round_left: float
    win_text: Texts = field(default_factory=dict)
    lose_text: Texts = field(default_factory=dict)


@dataclass
class Expectation:
    """A balance claim the ``check`` command verifies."""

    id: str
    policy: str
    runs: int
    min_win_rate: float | None = None
    max_win_rate: float | None = None
    within_rounds: int | None = None


@dataclass
class Resources:
    """Money in EUR and staff time in person-days."""

    budget: float
    budget_income: float
    capacity: float
    capacity_per_round: float


@dataclass
class Scenario:
    """A complete, validated scenario."""

    id: str
    title: Texts
    summary: Texts
    audience: Texts
    difficulty: str
    story: Texts
    champion: Texts
    resources: Resources
    variables: list[Variable]
    links: list[Link]
    loops: list[Loop]
    states: list[State]
    actions: list[Action]
    events: list[Event]
    goals: Goals
    expectations: list[Expectation] = field(default_factory=list)
    reference_strategy: list[list[str]] = field(default_factory=list)
    source: str = ""
    content_hash: str = ""

    def variable(self, variable_id: str) -> Variable:
        for variable in self.variables:
            if variable.id == variable_id:
                return variable
        raise KeyError(variable_id)

    def action(self, action_id: str) -> Action:
        for action in self.actions:
            if action.id == action_id:
                return action
        raise KeyError(action_id)


def scenario_to_dict(scenario: Scenario) -> dict[str, Any]:
    """Return the scenario as JSON-ready data."""
    return asdict(scenario)


def _build(cls, data: dict[str, Any]):
    return cls(**{f.name: data[f.name] for f in fields(cls) if f.name in data})


def scenario_from_dict(data: dict[str, Any]) -> Scenario:
    """Rebuild a scenario from :func:`scenario_to_dict` output."""

    def modifiers(items):
        return [_build(LinkModifier, item) for item in items]

    def action(item):
        item = dict(item, link_modifiers=modifiers(item["link_modifiers"]))
        return _build(Action, item)

    def state(item):
        item = dict(item, link_modifiers=modifiers(item["link_modifiers"]))
        return _build(State, item)

    goals = dict(data["goals"])
    goals["phases"] = [_build(Phase, phase) for phase in goals["phases"]]
    return Scenario(
        **{
            **{
                key: data[key]
                for key in (
                    "id",
                    "title",
                    "summary",
                    "audience",
                    "difficulty",
                    "story",
                    "champion",
                    "reference_strategy",
                    "source",
                    "content_hash",
                )
            },
            "resources": _build(Resources, data["resources"]),
            "variables": [_build(Variable, item) for item in data["variables"]],
            "links": [_build(Link, item) for item in data["links"]],
            "loops": [_build(Loop, item) for item in data["loops"]],
            "states": [state(item) for item in data["states"]],
            "actions": [action(item) for item in data["actions"]],
            "events": [_build(Event, item) for item in data["events"]],
            "goals": _build(Goals, goals),
            "expectations": [
                _build(Expectation, item) for item in data["expectations"]
            ],
        }
    )


def compute_content_hash(scenario: Scenario) -> str:
    """Return a short hash of everything that affects play, not of the path.

    Result codes in workshops carry this hash, so a code made with another
    version of a scenario is recognised.
    """
    data = scenario_to_dict(scenario)
    data.pop("source", None)
    data.pop("content_hash", None)
    canonical = json.dumps(
        data, sort_keys=True, ensure_ascii=False, separators=(",", ":")
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]
