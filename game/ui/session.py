"""One playthrough as the front end shows it: simulation, choice and history.

Pure Python (no pygame). The state is rebuilt from scenario, seed and
decision log alone, which is what a save stores.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.sim.engine import RoundResult, Simulation
from game.sim.model import Scenario

#: Changes smaller than this (points) are left out of round explanations.
MIN_SHOWN_CHANGE = 0.5
#: Causes listed per changed variable in a round explanation.
CAUSES_PER_CHANGE = 2


@dataclass
class Change:
    """How one variable moved in a round and the largest causes."""

    variable_id: str
    before: float
    after: float
    causes: list[tuple[str, float]]

    @property
    def delta(self) -> float:
        return self.after - self.before


@dataclass
class KeyMoment:
    """A round worth a lesson: an action completed, an event, a broken cycle."""

    round: int
    kind: str  # "action", "event" or "loop"
    ident: str
    lessons: list[str] = field(default_factory=list)
    playbooks: list[str] = field(default_factory=list)


def explain_changes(result: RoundResult, limit: int = 8) -> list[Change]:
    """Return the largest changes of a round with their main causes."""
    changes = []
    for variable_id, after in result.after.items():
        before = result.before[variable_id]
        if abs(after - before) < MIN_SHOWN_CHANGE:
            continue
        contributions = result.attribution.get(variable_id, {})
        causes = sorted(contributions.items(), key=lambda item: -abs(item[1]))
        causes = [(label, points) for label, points in causes if abs(points) >= 0.05]
        changes.append(Change(variable_id, before, after, causes[:CAUSES_PER_CHANGE]))
    changes.sort(key=lambda change: -abs(change.delta))
    return changes[:limit]


def baseline_run(scenario: Scenario, seed: int) -> Simulation:
    """Play the whole scenario without any action: the do-nothing baseline."""
    simulation = Simulation(scenario, seed=seed, attribution=False)
    while not simulation.finished:
        simulation.step([])
    return simulation


class GameSession:
    """A playthrough: the simulation plus the player's current selection.

    Args:
        scenario: The scenario to play.
        seed: Seed of the event random stream.
        decisions: Decision log to replay first (a loaded save or a what-if
            prefix).
        branch_of: For a what-if, the original session it branches from.
    """

    def __init__(
        self,
        scenario: Scenario,
        seed: int,
        decisions: list[list[str]] | None = None,
        branch_of: GameSession | None = None,
    ):
        self.scenario = scenario
        self.seed = seed
        self.simulation = Simulation(scenario, seed=seed)
        if decisions:
            self.simulation.run(decisions)
        self.selected: list[str] = []
        self.branch_of = branch_of
        #: For a what-if branch, the first round the player decides anew.
        self.branch_round = 0
        #: A guided tutorial game, which shows the map one cycle at a time.
        self.tutorial = False
        #: A timed workshop game. It is not autosaved, so no save contains its team.
        self.workshop = False
        self._baseline: Simulation | None = None

    @property
    def round(self) -> int:
        return self.simulation.round

    @property
    def finished(self) -> bool:
        return self.simulation.finished

    @property
    def decision_log(self) -> list[list[str]]:
        return self.simulation.decision_log

    def remaining(self) -> tuple[float, float]:
        """Return budget and capacity left after paying for the selection."""
        budget = self.simulation.budget
        capacity = self.simulation.capacity
        for action_id in self.selected:
            action = self.scenario.action(action_id)
            budget -= action.cost_budget
            capacity -= action.cost_capacity
        return budget, capacity

    def can_select(self, action_id: str):
        """Return the action's status given what the selection already uses."""
        budget, capacity = self.remaining()
        return self.simulation.action_status(
            action_id, budget=budget, capacity=capacity
        )

    def toggle(self, action_id: str) -> bool:
        """Select or deselect an action; return whether it is now selected."""
        if action_id in self.selected:
            self.selected.remove(action_id)
            return False
        if not self.can_select(action_id).available:
            return False
        self.selected.append(action_id)
        return True

    def end_round(self) -> RoundResult:
        """Play the round with the current selection and clear it."""
        result = self.simulation.step(list(self.selected))
        self.selected = []
        return result

    def baseline(self) -> Simulation:
        """Return the do-nothing run with the same seed, computed once."""
        if self._baseline is None:
            self._baseline = baseline_run(self.scenario, self.seed)
        return self._baseline

    def key_moments(self) -> list[KeyMoment]:
        """Return completed actions, fired events and broken cycles by round."""
        moments = []
        for result in self.simulation.results:
            for action_id in result.completed:
                action = self.scenario.action(action_id)
                moments.append(
                    KeyMoment(
                        result.round,
                        "action",
                        action_id,
                        list(action.lessons),
                        list(action.playbooks),
                    )
                )
            for event_id in result.events:
                event = next(e for e in self.scenario.events if e.id == event_id)
                moments.append(
                    KeyMoment(result.round, "event", event_id, list(event.lessons))
                )
            for loop_id in result.loops_broken:
                moments.append(KeyMoment(result.round, "loop", loop_id))
        return moments

    def branch(self, at_round: int) -> GameSession:
        """Return a what-if session that replays the decisions before ``at_round``.

        The branch uses the same seed, so only the player's new choices make
        the difference.
        """
        prefix = [list(d) for d in self.decision_log[: max(0, at_round - 1)]]
        branch = GameSession(self.scenario, self.seed, prefix, branch_of=self)
        branch.branch_round = at_round
        return branch
