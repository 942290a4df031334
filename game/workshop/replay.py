"""Check result codes and replay them with the engine.

Nothing in a code is trusted: the report uses a code only when its checksum
matches, its scenario and content hash match a scenario on this machine, and
the engine can replay its decision log. Every rejection names the code and
the reason.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from game.content.errors import SimulationError
from game.content.messages import register
from game.sim.engine import Simulation
from game.sim.model import Scenario, text_in
from game.workshop.catalog import ScenarioCatalog
from game.workshop.codes import (
    CodeError,
    DecodedCode,
    decode_code,
    hash_prefix,
)

log = logging.getLogger(__name__)

register(
    {
        "workshop_code_unknown_scenario": (
            "Der Code gehört zu keinem Szenario, das hier vorliegt (bekannt: "
            "{known}). Geben Sie mit --scenarios den Ordner mit den Szenarien des "
            "Workshops an.",
            "the code belongs to none of the scenarios available here (known: "
            "{known}). Pass the folder with the workshop's scenarios with "
            "--scenarios.",
        ),
        "workshop_code_other_version": (
            "Der Code stammt aus einer anderen Fassung des Szenarios `{scenario}` "
            "(Inhaltshash {found}…, hier {expected}…). Werten Sie mit derselben "
            "Fassung aus, mit der gespielt wurde.",
            "the code comes from another version of scenario `{scenario}` (content "
            "hash {found}…, here {expected}…). Evaluate with the same version that "
            "was played.",
        ),
        "workshop_code_action_count": (
            "Der Code nennt {found} Maßnahmen, das Szenario `{scenario}` hat "
            "{expected}. Der Code wurde verändert.",
            "the code names {found} actions, but scenario `{scenario}` has "
            "{expected}. The code was changed.",
        ),
        "workshop_code_not_replayable": (
            "Der Code lässt sich nicht nachspielen: In Runde {round} ist die Maßnahme "
            "„{action}“ nicht möglich ({reasons}). Der Code wurde verändert oder mit "
            "einer anderen Programmversion erzeugt.",
            "the code cannot be replayed: in round {round} the action '{action}' is "
            "not possible ({reasons}). The code was changed or made with another "
            "program version.",
        ),
        "workshop_code_after_end": (
            "Der Code enthält {count} Runde(n) nach dem Spielende in Runde {round}. "
            "Der Code wurde verändert.",
            "the code contains {count} round(s) after the game ended in round "
            "{round}. The code was changed.",
        ),
        "workshop_code_duplicate": (
            "Derselbe Code wurde schon als Nummer {first} eingegeben und zählt nur "
            "einmal.",
            "the same code was already entered as number {first} and counts only once.",
        ),
        "workshop_code_team_taken": (
            "Team „{team}“ hat für „{scenario}“ schon Code Nummer {first} abgegeben. "
            "Klären Sie, welcher gilt, und geben Sie nur diesen an.",
            "team '{team}' already handed in code number {first} for '{scenario}'. "
            "Find out which one counts and pass only that one.",
        ),
        "workshop_reason_finished": ("Spiel beendet", "game over"),
        "workshop_reason_running": ("läuft noch", "still running"),
        "workshop_reason_used_up": ("schon ausgeschöpft", "used up"),
        "workshop_reason_cooldown": ("noch in Abklingzeit", "still cooling down"),
        "workshop_reason_cost_budget": ("Budget reicht nicht", "not enough budget"),
        "workshop_reason_cost_capacity": (
            "Personentage reichen nicht",
            "not enough person-days",
        ),
        "workshop_reason_prerequisites": (
            "Voraussetzungen fehlen",
            "prerequisites missing",
        ),
        "workshop_reason_twice": ("zweimal gewählt", "chosen twice"),
    }
)


@dataclass
class TeamResult:
    """A verified, replayed playthrough of one team."""

    team: str
    code: str
    scenario: Scenario
    seed: int
    decision_log: list[list[str]]
    sim: Simulation
    #: 1-based position of the code in the input, for messages.
    number: int = 0

    @property
    def outcome(self) -> str:
        """``won``, ``lost`` or ``unfinished``."""
        return self.sim.outcome or "unfinished"

    @property
    def score(self) -> float:
        return self.sim.score()


@dataclass
class Rejection:
    """A code left out of the report, with the reason."""

    number: int
    text: str
    error: CodeError
    team: str | None = None
    scenario_id: str | None = None
    #: ``file:line`` where the code was read, if it came from a codes file.
    where: str | None = None

    def message(self, lang: str = "de") -> str:
        """Return "Code 3 (codes.txt:4, Team „Biber“, 1ABCD-…): reason"."""
        code_label = _shorten(self.text)
        if self.where:
            code_label = f"{self.where}, {code_label}"
        if self.team:
            identity = (
                f"Team '{self.team}', {code_label}"
                if lang == "en"
                else f"Team „{self.team}“, {code_label}"
            )
        else:
            identity = code_label
        return f"Code {self.number} ({identity}): {self.error.message(lang)}"


@dataclass
class Verification:
    """Accepted results in input order and the rejected codes."""

    accepted: list[TeamResult] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)


def verify_code(text: str, catalog: ScenarioCatalog) -> TeamResult:
    """Decode a code, match it to a scenario and replay it.

    Raises:
        CodeError: with the reason the code cannot be used.
    """
    decoded = decode_code(text)
    scenario = match_scenario(decoded, catalog)
    decision_log = [
        [scenario.actions[index].id for index in chosen] for chosen in decoded.rounds
    ]
    sim = replay(scenario, decoded.seed, decision_log)
    return TeamResult(
        team=decoded.team,
        code=decoded.text,
        scenario=scenario,
        seed=decoded.seed,
        decision_log=decision_log,
        sim=sim,
    )


def match_scenario(decoded: DecodedCode, catalog: ScenarioCatalog) -> Scenario:
    """Return the scenario a decoded code was made for.

    Raises:
        CodeError: no scenario has the code's key, its content hash differs,
            or its number of actions differs.
    """
    scenario = catalog.by_key(decoded.scenario_key)
    if scenario is None:
        known = ", ".join(f"`{sid}`" for sid in sorted(catalog.scenarios)) or "–"
        raise CodeError("workshop_code_unknown_scenario", known=known)
    if hash_prefix(scenario.content_hash) != decoded.hash_prefix:
        raise CodeError(
            "workshop_code_other_version",
            scenario=scenario.id,
            found=f"{decoded.hash_prefix << 2:08x}"[:7],
            expected=scenario.content_hash[:7],
        )
    if decoded.action_count != len(scenario.actions):
        raise CodeError(
            "workshop_code_action_count",
            found=decoded.action_count,
            expected=len(scenario.actions),
            scenario=scenario.id,
        )
    return scenario


def replay(scenario: Scenario, seed: int, decision_log: list[list[str]]) -> Simulation:
    """Replay a decision log round by round, as ``Simulation.run`` does.

    Raises:
        CodeError: an action is not available in its round, or the log goes on
            after the game ended.
    """
    sim = Simulation(scenario, seed=seed)
    for number, decisions in enumerate(decision_log, start=1):
        if sim.finished:
            raise CodeError(
                "workshop_code_after_end",
                count=len(decision_log) - number + 1,
                round=sim.round,
            )
        _check_decisions(sim, number, decisions)
        try:
            sim.step(decisions)
        except SimulationError as error:  # pragma: no cover - checked above
            raise CodeError(
                "workshop_code_not_replayable",
                round=number,
                action="?",
                reasons=str(error),
            ) from error
    return sim


def _check_decisions(sim: Simulation, number: int, decisions: list[str]) -> None:
    """Raise the localized reason the engine would refuse a round's decisions."""
    budget, capacity = sim.budget, sim.capacity
    seen: set[str] = set()
    for action_id in decisions:
        action = sim.scenario.action(action_id)
        name = _Name(action.name)
        if action_id in seen:
            raise CodeError(
                "workshop_code_not_replayable",
                round=number,
                action=name,
                reasons=_Reasons(["twice"]),
            )
        seen.add(action_id)
        status = sim.action_status(action_id, budget, capacity)
        if not status.available:
            raise CodeError(
                "workshop_code_not_replayable",
                round=number,
                action=name,
                reasons=_Reasons([code for code, _ in status.reasons]),
            )
        budget -= action.cost_budget
        capacity -= action.cost_capacity


@dataclass
class CodeInput:
    """One code handed in: typed text, or the code of a result file.

    Attributes:
        text: The code as entered.
        team: Team name from a result file, shown if the code is unreadable.
        error: A problem found before decoding (an unreadable result file).
        source: File the code came from, shown instead of the code text.
        where: ``file:line`` of a code read from a codes file, for messages.
    """

    text: str
    team: str | None = None
    error: CodeError | None = None
    source: str | None = None
    where: str | None = None


def verify_codes(entries: list[CodeInput], catalog: ScenarioCatalog) -> Verification:
    """Verify many codes in order.

    Duplicate codes and a second code of one team for the same scenario are
    rejected; the first one is kept.
    """
    outcome = Verification()
    first_by_code: dict[str, int] = {}
    first_by_team: dict[tuple[str, str], int] = {}
    for number, entry in enumerate(entries, start=1):
        code_label = entry.source or entry.text.strip()
        if entry.error is not None:
            outcome.rejected.append(
                Rejection(
                    number, code_label, entry.error, entry.team, where=entry.where
                )
            )
            continue
        try:
            result = verify_code(entry.text, catalog)
        except CodeError as error:
            log.info("code %d rejected: %s", number, error)
            team, scenario_id = _best_effort_identity(entry.text, catalog)
            outcome.rejected.append(
                Rejection(
                    number,
                    code_label,
                    error,
                    team or entry.team,
                    scenario_id,
                    entry.where,
                )
            )
            continue
        result.number = number
        if result.code in first_by_code:
            error = CodeError(
                "workshop_code_duplicate", first=first_by_code[result.code]
            )
            outcome.rejected.append(
                Rejection(
                    number,
                    code_label,
                    error,
                    result.team,
                    result.scenario.id,
                    entry.where,
                )
            )
            continue
        first_by_code[result.code] = number
        team_key = (result.scenario.id, result.team.casefold())
        if team_key in first_by_team:
            error = CodeError(
                "workshop_code_team_taken",
                team=result.team,
                scenario=_Name(result.scenario.title),
                first=first_by_team[team_key],
            )
            outcome.rejected.append(
                Rejection(
                    number,
                    code_label,
                    error,
                    result.team,
                    result.scenario.id,
                    entry.where,
                )
            )
            continue
        first_by_team[team_key] = number
        outcome.accepted.append(result)
    return outcome


def _best_effort_identity(text: str, catalog: ScenarioCatalog):
    """Return the team and scenario id of a code whose checksum is valid."""
    try:
        decoded = decode_code(text)
    except CodeError:
        return None, None
    scenario = catalog.by_key(decoded.scenario_key)
    return decoded.team, scenario.id if scenario else None


def _shorten(text: str) -> str:
    compact = " ".join(text.split())
    return compact if len(compact) <= 14 else compact[:11] + "…"


class _Name:
    """A scenario text rendered in the message language."""

    def __init__(self, texts: dict[str, str]):
        self.texts = texts

    def render(self, lang: str) -> str:
        return text_in(self.texts, lang)

    def __repr__(self) -> str:
        return repr(self.texts.get("de"))


class _Reasons:
    """Engine reason codes rendered as a localized list."""

    def __init__(self, codes: list[str]):
        self.codes = codes

    def render(self, lang: str) -> str:
        from game.content.messages import render

        return ", ".join(
            render(f"workshop_reason_{code}", {}, lang) for code in self.codes
        )

    def __repr__(self) -> str:
        return f"_Reasons({self.codes!r})"
