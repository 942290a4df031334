"""Invariants under random play, for every shipped scenario (property tests)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.content.scenario import load_scenario
from game.sim.engine import Simulation

SCENARIO_PATHS = sorted((Path(__file__).resolve().parents[2] / "scenarios").glob("*.yaml"))
SCENARIOS = {path.stem: load_scenario(path) for path in SCENARIO_PATHS}


@pytest.mark.parametrize("scenario_id", sorted(SCENARIOS))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(min_value=0, max_value=2**32 - 1),
    picks=st.lists(st.lists(st.integers(0, 50), max_size=4), min_size=1, max_size=40),
)
def test_random_play_keeps_invariants(scenario_id, seed, picks):
    scenario = SCENARIOS[scenario_id]
    sim = Simulation(scenario, seed=seed, attribution=True)
    bounds = [(v.minimum, v.maximum) for v in scenario.variables]
    for round_picks in picks:
        if sim.finished:
            break
        chosen: list[str] = []
        budget, capacity = sim.budget, sim.capacity
        for pick in round_picks:
            available = [
                a for a in sim.available_actions()
                if a not in chosen and sim.action_status(a, budget, capacity).available
            ]
            if not available:
                break
            action = scenario.action(available[pick % len(available)])
            chosen.append(action.id)
            budget -= action.cost_budget
            capacity -= action.cost_capacity
        result = sim.step(chosen)

        for value, (low, high) in zip(sim.values, bounds, strict=True):
            assert low <= value <= high
        assert sim.budget >= 0
        assert sim.capacity >= 0
        for variable_id, parts in result.attribution.items():
            change = result.after[variable_id] - result.before[variable_id]
            assert sum(parts.values()) == pytest.approx(change, abs=1e-9)
        for health in result.loop_health.values():
            assert -5.0 <= health <= 5.0
    assert sim.round <= scenario.goals.rounds
