"""Conditions: parsed clauses compiled into fast predicates.

A condition is a list of clauses that must all hold. Each clause is a list,
so that it survives a round trip through JSON:

* ``["var", id, op, number]``: a variable compared with a number;
* ``["res", "budget" | "kapazitaet", op, number]``: a resource;
* ``["round", "", op, number]``: the number of completed rounds;
* ``["done", action_id]`` and ``["not_done", action_id]``;
* ``["state", state_id]`` and ``["not_state", state_id]``;
* ``["phase", phase_id]``: that journey phase has been reached;
* ``["any", [clause, ...]]``: at least one of the clauses holds.
"""

from __future__ import annotations

import operator
from collections.abc import Callable

OPERATORS: dict[str, Callable[[float, float], bool]] = {
    "<": operator.lt,
    "<=": operator.le,
    ">": operator.gt,
    ">=": operator.ge,
    "==": operator.eq,
    "!=": operator.ne,
}


def compile_conditions(clauses, variables, actions, states, phases):
    """Return ``predicate(simulation) -> bool`` for a list of clauses.

    The id maps give list indexes; the loader has already checked every id,
    so a missing one here is a bug in our code.
    """
    predicates = [
        _compile_clause(clause, variables, actions, states, phases)
        for clause in clauses
    ]
    if not predicates:
        return lambda sim: True
    if len(predicates) == 1:
        return predicates[0]

    def all_hold(sim) -> bool:
        for predicate in predicates:
            if not predicate(sim):
                return False
        return True

    return all_hold


def _compile_clause(clause, variables, actions, states, phases):
    kind = clause[0]
    if kind == "var":
        index, compare, number = variables[clause[1]], OPERATORS[clause[2]], clause[3]
        return lambda sim: compare(sim.values[index], number)
    if kind == "res":
        compare, number = OPERATORS[clause[2]], clause[3]
        if clause[1] == "budget":
            return lambda sim: compare(sim.budget, number)
        return lambda sim: compare(sim.capacity, number)
    if kind == "round":
        compare, number = OPERATORS[clause[2]], clause[3]
        return lambda sim: compare(sim.round, number)
    if kind in ("done", "not_done"):
        index = actions[clause[1]]
        wanted = kind == "done"
        return lambda sim: bool(sim.completed_at[index]) == wanted
    if kind in ("state", "not_state"):
        index = states[clause[1]]
        wanted = kind == "state"
        return lambda sim: sim.states_active[index] == wanted
    if kind == "phase":
        index = phases[clause[1]]
        return lambda sim: sim.phase_reached[index]
    if kind == "any":
        options = [
            _compile_clause(option, variables, actions, states, phases)
            for option in clause[1]
        ]
        return lambda sim: any(option(sim) for option in options)
    raise AssertionError(f"unknown clause kind {kind!r}")
