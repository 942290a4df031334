"""Trajectory dump shared by the native and the WebAssembly side of the parity test.

The same file runs natively under pytest and inside Pyodide, where
``run_in_pyodide.mjs`` copies it next to the engine modules. It imports only
the standard library and the engine path of ``game``, because Pyodide has
neither PyYAML nor pygame.

Floats are written with ``float.hex()``, so two trajectories compare equal
only when every bit of every value is the same.
"""

from __future__ import annotations

import sys
from dataclasses import asdict


def exact(value):
    """Return ``value`` as JSON-ready data with every float as ``float.hex()``."""
    if isinstance(value, float):
        return value.hex()
    if isinstance(value, dict):
        return {str(key): exact(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [exact(item) for item in value]
    return value


def trajectory_of(scenario, seed: int, decision_log: list[list[str]]) -> dict:
    """Replay ``decision_log`` with attribution on and return the exact trajectory.

    Args:
        scenario: A :class:`game.sim.model.Scenario`.
        seed: Seed of the event random stream.
        decision_log: Action ids per round; replay stops when the game ends.

    Returns:
        The start values, every round's :class:`RoundResult` fields, the
        message of a :class:`SimulationError` that stopped the replay (or
        ``None``), and the final outcome, score, resources and milestone
        rounds.
    """
    from game.content.errors import SimulationError
    from game.sim.engine import Simulation

    sim = Simulation(scenario, seed, attribution=True)
    # A replay that diverged may hit an action that is no longer available.
    # Keeping the rounds played so far lets the test show where it diverged.
    error = None
    try:
        sim.run(decision_log)
    except SimulationError as caught:
        error = str(caught)
    return {
        "start": exact(sim.history[0]),
        "rounds": [exact(asdict(result)) for result in sim.results],
        "error": error,
        "final_round": sim.round,
        "outcome": sim.outcome,
        "score": exact(sim.score()),
        "budget": exact(sim.budget),
        "capacity": exact(sim.capacity),
        "phase_round": sim.phase_round,
        "loop_broken_round": sim.loop_broken_round,
        "decision_log": sim.decision_log,
    }


def run_batch(batch: dict) -> dict:
    """Run every case of a batch and report which heavy modules were imported.

    Args:
        batch: ``{"imports": [module names], "scenarios": {id:
            scenario_to_dict(...)}, "cases": [{"id", "scenario", "seed",
            "decisions"}, ...]}``. The modules in ``imports`` are imported
            first, so that the module report covers all of them.

    Returns:
        ``{"cases": {case id: trajectory}, "modules": {...}, "python": ...}``.
    """
    import importlib

    from game.sim.model import scenario_from_dict

    for name in batch.get("imports", []):
        importlib.import_module(name)
    scenarios = {
        scenario_id: scenario_from_dict(data)
        for scenario_id, data in batch["scenarios"].items()
    }
    cases = {}
    for case in batch["cases"]:
        cases[case["id"]] = trajectory_of(
            scenarios[case["scenario"]], case["seed"], case["decisions"]
        )
    return {
        "imported": sorted(name for name in sys.modules if name.startswith("game")),
        "cases": cases,
        "modules": {name: name in sys.modules for name in ("yaml", "pygame")},
        "python": sys.version,
        "platform": sys.platform,
    }
