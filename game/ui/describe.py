"""Readable texts for conditions, reasons and causes, from scenario data.

Pure Python (no pygame), so tests can check the wording without a display.
"""

from __future__ import annotations

from game.sim.model import Scenario, text_in
from game.ui.i18n import Strings

#: Relational operators shown to players.
OPERATOR_SIGNS = {"<": "<", "<=": "≤", ">": ">", ">=": "≥", "==": "=", "!=": "≠"}


def variable_name(scenario: Scenario, variable_id: str, lang: str) -> str:
    return text_in(scenario.variable(variable_id).name, lang)


def action_name(scenario: Scenario, action_id: str, lang: str) -> str:
    return text_in(scenario.action(action_id).name, lang)


def event_title(scenario: Scenario, event_id: str, lang: str) -> str:
    for event in scenario.events:
        if event.id == event_id:
            return text_in(event.title, lang)
    raise KeyError(event_id)


def state_name(scenario: Scenario, state_id: str, lang: str) -> str:
    for state in scenario.states:
        if state.id == state_id:
            return text_in(state.name, lang)
    raise KeyError(state_id)


def phase_name(scenario: Scenario, phase_id: str, lang: str) -> str:
    for phase in scenario.goals.phases:
        if phase.id == phase_id:
            return text_in(phase.name, lang)
    raise KeyError(phase_id)


def loop_name(scenario: Scenario, loop_id: str, lang: str) -> str:
    for loop in scenario.loops:
        if loop.id == loop_id:
            return text_in(loop.name, lang)
    raise KeyError(loop_id)


def describe_clause(clause: list, scenario: Scenario, strings: Strings) -> str:
    """Return one condition clause as a short sentence fragment."""
    lang = strings.lang
    kind = clause[0]
    if kind == "var":
        sign = OPERATOR_SIGNS[clause[2]]
        name = variable_name(scenario, clause[1], lang)
        return f"{name} {sign} {strings.number(clause[3])}"
    if kind == "res":
        sign = OPERATOR_SIGNS[clause[2]]
        if clause[1] == "budget":
            return f"{strings('res_budget')} {sign} {strings.money(clause[3])}"
        return f"{strings('res_capacity')} {sign} {strings.number(clause[3])}"
    if kind == "round":
        return f"{strings('res_round')} {OPERATOR_SIGNS[clause[2]]} {clause[3]}"
    if kind == "done":
        return strings("cond_done", name=action_name(scenario, clause[1], lang))
    if kind == "not_done":
        return strings("cond_not_done", name=action_name(scenario, clause[1], lang))
    if kind == "state":
        return strings("cond_state", name=state_name(scenario, clause[1], lang))
    if kind == "not_state":
        return strings("cond_not_state", name=state_name(scenario, clause[1], lang))
    if kind == "phase":
        return strings("cond_phase", name=phase_name(scenario, clause[1], lang))
    if kind == "any":
        parts = [describe_clause(option, scenario, strings) for option in clause[1]]
        return strings("cond_any_join").join(parts)
    raise AssertionError(f"unknown clause kind {kind!r}")


def describe_conditions(
    clauses: list, scenario: Scenario, strings: Strings
) -> list[str]:
    """Return every clause of a condition list as its own line."""
    return [describe_clause(clause, scenario, strings) for clause in clauses]


def describe_reason(
    code: str, params: dict, scenario: Scenario, strings: Strings, action_id: str
) -> str:
    """Return why an action is unavailable, from an engine reason code."""
    if code == "cost_budget":
        return strings(
            "reason_cost_budget",
            cost=strings.money(params["cost"]),
            have=strings.money(params["have"]),
        )
    if code == "cost_capacity":
        return strings(
            "reason_cost_capacity",
            cost=strings.number(params["cost"]),
            have=strings.number(params["have"]),
        )
    if code == "prerequisites":
        needed = describe_conditions(
            scenario.action(action_id).prerequisites, scenario, strings
        )
        return strings("reason_prerequisites", needed="; ".join(needed))
    if code == "running":
        return strings("reason_running", until=params["until"])
    if code == "used_up":
        return strings("reason_used_up", max=params["max"])
    if code == "cooldown":
        return strings("reason_cooldown", ready=params["ready"])
    if code == "finished":
        return strings("reason_finished")
    raise AssertionError(f"unknown reason code {code!r}")


def describe_cause(label: str, scenario: Scenario, strings: Strings) -> str:
    """Return a readable name for an attribution key such as ``link:a>b``."""
    lang = strings.lang
    kind, _, ident = label.partition(":")
    if kind == "link":
        source, _, _target = ident.partition(">")
        return strings("cause_link", name=variable_name(scenario, source, lang))
    if kind == "action":
        return strings("cause_action", name=action_name(scenario, ident, lang))
    if kind == "event":
        return strings("cause_event", name=event_title(scenario, ident, lang))
    if kind == "state":
        return strings("cause_state", name=state_name(scenario, ident, lang))
    return ident


def describe_effects(
    effects: dict[str, float], scenario: Scenario, strings: Strings
) -> list[str]:
    """Return effects such as ``{"altlast": -20}`` as readable lines."""
    lines = []
    for target, amount in effects.items():
        if target == "budget":
            lines.append(f"{strings('res_budget')} {strings.signed(amount, 0)} €")
        elif target == "kapazitaet":
            lines.append(f"{strings('res_capacity')} {strings.signed(amount, 0)}")
        else:
            name = variable_name(scenario, target, strings.lang)
            lines.append(f"{name} {strings.signed(amount, 1)}")
    return lines


def reflow(text: str) -> str:
    """Join the hard-wrapped lines of a YAML block into paragraphs.

    Authors wrap long texts in the file; a blank line starts a new paragraph.
    """
    paragraphs = [" ".join(block.split()) for block in text.strip().split("\n\n")]
    return "\n\n".join(p for p in paragraphs if p)
