"""Fixtures for workshop tests: the reference scenario and simulated teams."""

from __future__ import annotations

import pytest

from game.sim.policies import make_policy, play
from game.workshop.catalog import ScenarioCatalog
from game.workshop.codes import encode_simulation


@pytest.fixture(scope="session")
def catalog(reference_scenario) -> ScenarioCatalog:
    """A catalog with only the reference scenario, so other files cannot interfere."""
    catalog = ScenarioCatalog()
    catalog.add(reference_scenario)
    return catalog


@pytest.fixture(scope="session")
def team_games(reference_scenario):
    """Four finished games of teams with different policies, all with seed 2026."""
    games = []
    for index, (policy_name, team) in enumerate(
        [
            ("referenz", "Biber"),
            ("zufall", "Lahn"),
            ("zufall", "Die Datenfüchse"),
            ("nichts_tun", "Eder"),
        ]
    ):
        policy = make_policy(policy_name, reference_scenario, 100 + index)
        sim = play(reference_scenario, 2026, policy)
        games.append((team, sim, encode_simulation(sim, team)))
    return games
