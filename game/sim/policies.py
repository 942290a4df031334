"""Automatic players for balance checks, rehearsals and baselines.

Each policy has ``decide(sim) -> list[str]``: the action ids to start this
round. Policies draw from their own random stream (derived from the seed),
so they never shift the event draws of the simulation they play.
"""

from __future__ import annotations

from game.sim.engine import Simulation
from game.sim.model import Scenario
from game.sim.rng import SplitMix64, derive_seed

#: Policy names as written in scenario files and on the command line.
POLICY_NAMES = ("nichts_tun", "zufall", "gierig", "referenz", "einzelne_massnahme")


class DoNothing:
    """Never starts an action: the baseline every strategy is compared with."""

    name = "nichts_tun"

    def decide(self, sim: Simulation) -> list[str]:
        return []


class RandomPolicy:
    """Takes each affordable, available action with probability ``take``."""

    name = "zufall"

    def __init__(self, seed: int, take: float = 0.5):
        self.rng = SplitMix64(derive_seed(seed, "policy:zufall"))
        self.take = take

    def decide(self, sim: Simulation) -> list[str]:
        candidates = sim.available_actions()
        self.rng.shuffle(candidates)
        return _affordable_prefix(
            sim, [a for a in candidates if self.rng.random() < self.take]
        )


class ReferencePolicy:
    """Replays the scenario's declared reference strategy, then does nothing.

    Actions that are not possible in a given round (an event may have drained
    the budget) are skipped, as a human player would skip them.
    """

    name = "referenz"

    def __init__(self, scenario: Scenario):
        self.plan = scenario.reference_strategy

    def decide(self, sim: Simulation) -> list[str]:
        index = sim.round
        if index >= len(self.plan):
            return []
        return _affordable_prefix(sim, list(self.plan[index]))


class SingleActionPolicy:
    """Starts one action whenever it is available, and nothing else."""

    name = "einzelne_massnahme"

    def __init__(self, action_id: str):
        self.action_id = action_id

    def decide(self, sim: Simulation) -> list[str]:
        return [self.action_id] if sim.action_status(self.action_id).available else []


class GreedyPolicy:
    """One-step lookahead: builds the set of actions with the best outlook.

    Starting from no action, it adds the action whose set gives the best
    evaluation after this round's decisions have played out (the lookahead
    runs until every action started now has completed), and stops when no
    addition improves it. The evaluation is the mean of all variables scaled
    to 0..1 in their desirable direction, plus 10 for a win and minus 10 for
    a loss. Lookahead copies use the simulation's own event draws, so every
    candidate meets the same luck.
    """

    name = "gierig"

    def decide(self, sim: Simulation) -> list[str]:
        chosen: list[str] = []
        best = _evaluate(sim, chosen)
        while True:
            budget, capacity = _remaining(sim, chosen)
            best_candidate = None
            for action_id in sim.available_actions():
                if action_id in chosen:
                    continue
                if not sim.action_status(action_id, budget, capacity).available:
                    continue
                score = _evaluate(sim, chosen + [action_id])
                if score > best + 1e-9:
                    best, best_candidate = score, action_id
            if best_candidate is None:
                return chosen
            chosen.append(best_candidate)


def make_policy(name: str, scenario: Scenario, seed: int, action_id: str | None = None):
    """Return a policy object by its name in :data:`POLICY_NAMES`."""
    if name == "nichts_tun":
        return DoNothing()
    if name == "zufall":
        return RandomPolicy(seed)
    if name == "gierig":
        return GreedyPolicy()
    if name == "referenz":
        return ReferencePolicy(scenario)
    if name == "einzelne_massnahme":
        if action_id is None:
            raise ValueError("policy einzelne_massnahme needs an action id")
        return SingleActionPolicy(action_id)
    raise ValueError(
        f"unknown policy {name!r}; choose one of {', '.join(POLICY_NAMES)}"
    )


def play(
    scenario: Scenario, seed: int, policy, attribution: bool = False
) -> Simulation:
    """Play a whole game with ``policy`` and return the finished simulation."""
    sim = Simulation(scenario, seed=seed, attribution=attribution)
    while not sim.finished:
        sim.step(policy.decide(sim))
    return sim


def _remaining(sim: Simulation, chosen: list[str]) -> tuple[float, float]:
    budget, capacity = sim.budget, sim.capacity
    for action_id in chosen:
        action = sim.scenario.action(action_id)
        budget -= action.cost_budget
        capacity -= action.cost_capacity
    return budget, capacity


def _affordable_prefix(sim: Simulation, wanted: list[str]) -> list[str]:
    """Keep the wanted actions in order while budget and capacity last."""
    chosen: list[str] = []
    for action_id in wanted:
        budget, capacity = _remaining(sim, chosen)
        if sim.action_status(action_id, budget, capacity).available:
            chosen.append(action_id)
    return chosen


def _evaluate(sim: Simulation, decisions: list[str]) -> float:
    trial = sim.clone()
    trial.step(decisions)
    horizon = max((sim.scenario.action(a).duration for a in decisions), default=1)
    for _ in range(horizon - 1):
        if trial.finished:
            break
        trial.step([])
    return _outlook(trial)


def _outlook(sim: Simulation) -> float:
    total = 0.0
    for variable, value in zip(sim.scenario.variables, sim.values, strict=True):
        share = (value - variable.minimum) / (variable.maximum - variable.minimum)
        total += share if variable.desirable == "high" else 1.0 - share
    total /= len(sim.values)
    if sim.outcome == "won":
        total += 10.0
    elif sim.outcome == "lost":
        total -= 10.0
    return total
