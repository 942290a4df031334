"""Batch runs of a policy and the balance expectations a scenario declares."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field

from game.sim.model import Expectation, Scenario
from game.sim.policies import make_policy, play
from game.sim.rng import derive_seed

#: An action whose win-rate lift under random play is at least this is dominant.
DOMINANT_LIFT = 0.5
#: Runs in which an action must (or must not) appear before it is judged.
MIN_SAMPLES = 5


def run_seed(seed: int, index: int) -> int:
    """Return the event seed of run ``index`` in a batch started with ``seed``."""
    return derive_seed(seed, f"run:{index}") & 0xFFFFFFFF


@dataclass
class ActionUsage:
    """How often an action was taken and how the runs with it ended."""

    id: str
    runs_taken: int = 0
    times_taken: int = 0
    wins_taken: int = 0
    wins_not_taken: int = 0

    def win_rate_taken(self) -> float | None:
        return self.wins_taken / self.runs_taken if self.runs_taken else None

    def win_rate_not_taken(self, runs: int) -> float | None:
        other = runs - self.runs_taken
        return self.wins_not_taken / other if other else None


@dataclass
class BatchStats:
    """Summary of ``runs`` playthroughs of one policy."""

    scenario_id: str
    policy: str
    runs: int
    seed: int
    wins: int
    wins_by_round: dict[int, int]
    scores: list[float]
    rounds: list[int]
    final_values: dict[str, list[float]]
    loops_broken: dict[str, list[int]]
    actions: dict[str, ActionUsage] = field(default_factory=dict)

    @property
    def win_rate(self) -> float:
        return self.wins / self.runs if self.runs else 0.0

    def win_rate_within(self, rounds: int | None) -> float:
        if rounds is None:
            return self.win_rate
        wins = sum(count for at, count in self.wins_by_round.items() if at <= rounds)
        return wins / self.runs if self.runs else 0.0

    def action_verdicts(self) -> dict[str, str]:
        """Classify actions as ``never_worth`` or ``dominant`` from random play.

        Only meaningful for the random policy, where every action is sometimes
        taken and sometimes not. An action is never worth taking if runs with
        it win no more often than runs without it. It is dominant if taking it
        raises the win rate by at least :data:`DOMINANT_LIFT`.
        """
        verdicts = {}
        for usage in self.actions.values():
            with_rate = usage.win_rate_taken()
            without_rate = usage.win_rate_not_taken(self.runs)
            if with_rate is None or without_rate is None:
                continue
            if (
                usage.runs_taken < MIN_SAMPLES
                or self.runs - usage.runs_taken < MIN_SAMPLES
            ):
                continue
            lift = with_rate - without_rate
            if lift >= DOMINANT_LIFT:
                verdicts[usage.id] = "dominant"
            elif lift <= 0.0:
                verdicts[usage.id] = "never_worth"
        return verdicts


def run_batch(
    scenario: Scenario,
    policy_name: str,
    runs: int,
    seed: int = 0,
    action_id: str | None = None,
) -> BatchStats:
    """Play ``runs`` games with one policy; run ``i`` uses :func:`run_seed`."""
    stats = BatchStats(
        scenario_id=scenario.id,
        policy=policy_name if action_id is None else f"{policy_name}:{action_id}",
        runs=runs,
        seed=seed,
        wins=0,
        wins_by_round={},
        scores=[],
        rounds=[],
        final_values={v.id: [] for v in scenario.variables},
        loops_broken={loop.id: [] for loop in scenario.loops},
        actions={a.id: ActionUsage(a.id) for a in scenario.actions},
    )
    for index in range(runs):
        event_seed = run_seed(seed, index)
        policy = make_policy(policy_name, scenario, event_seed, action_id)
        sim = play(scenario, event_seed, policy)
        won = sim.outcome == "won"
        if won:
            stats.wins += 1
            stats.wins_by_round[sim.round] = stats.wins_by_round.get(sim.round, 0) + 1
        stats.scores.append(sim.score())
        stats.rounds.append(sim.round)
        for variable_id, value in sim.values_by_id().items():
            stats.final_values[variable_id].append(value)
        for loop, broken_round in zip(
            scenario.loops, sim.loop_broken_round, strict=True
        ):
            if broken_round:
                stats.loops_broken[loop.id].append(broken_round)
        taken: dict[str, int] = {}
        for decisions in sim.decision_log:
            for chosen in decisions:
                taken[chosen] = taken.get(chosen, 0) + 1
        for usage in stats.actions.values():
            count = taken.get(usage.id, 0)
            if count:
                usage.runs_taken += 1
                usage.times_taken += count
                usage.wins_taken += won
            else:
                usage.wins_not_taken += won
    return stats


def mean_and_spread(values: list[float]) -> tuple[float, float]:
    """Return the mean and the population standard deviation (0 for one value)."""
    if not values:
        return 0.0, 0.0
    mean = statistics.fmean(values)
    spread = statistics.pstdev(values) if len(values) > 1 else 0.0
    return mean, spread


@dataclass
class ExpectationResult:
    """The outcome of checking one declared expectation."""

    scenario_id: str
    expectation: Expectation
    passed: bool
    win_rate: float
    #: For ``einzelne_massnahme``: the action with the highest win rate.
    worst_action: str | None = None


def check_expectation(
    scenario: Scenario, expectation: Expectation, seed: int = 0
) -> ExpectationResult:
    """Play the runs that an expectation requests and compare the win rate."""
    if expectation.policy == "einzelne_massnahme":
        worst_rate, worst_action = -1.0, None
        for action in scenario.actions:
            stats = run_batch(
                scenario, "einzelne_massnahme", expectation.runs, seed, action.id
            )
            rate = stats.win_rate_within(expectation.within_rounds)
            if rate > worst_rate:
                worst_rate, worst_action = rate, action.id
        rate = max(worst_rate, 0.0)
    else:
        stats = run_batch(scenario, expectation.policy, expectation.runs, seed)
        rate, worst_action = stats.win_rate_within(expectation.within_rounds), None
    passed = True
    if expectation.min_win_rate is not None and rate < expectation.min_win_rate:
        passed = False
    if expectation.max_win_rate is not None and rate > expectation.max_win_rate:
        passed = False
    return ExpectationResult(scenario.id, expectation, passed, rate, worst_action)
