"""The round-based simulation of the barrier cycles.

A :class:`Simulation` runs one playthrough of a :class:`~game.sim.model.Scenario`.
Each call of :meth:`Simulation.step` is one round (a quarter):

1. the player's decisions start actions and pay their costs;
2. every link pushes its target, using the source value ``delay`` rounds ago;
3. completed actions, running action effects and active states add their effects;
4. every event draws one random number and fires if its condition holds;
5. all changes are added at once and clamped to the bounds, and attribution
   scales each contribution so that they sum to the actual change;
6. states, phases, loop activity and the outcome are updated, and income
   for the next round arrives.

Given the same scenario, seed and decisions, the trajectory is identical on
every machine: only float ``+ - * /``, ``min`` and ``max`` are used, iteration
follows declaration order, and the random numbers come from
:class:`~game.sim.rng.SplitMix64`. Each event draws exactly one number every
round, fired or not, so different decisions meet the same luck.
"""

from __future__ import annotations

from bisect import insort
from dataclasses import dataclass, field
from functools import cached_property

from game.content.errors import SimulationError
from game.sim.conditions import compile_conditions
from game.sim.model import Scenario
from game.sim.rng import SplitMix64

#: Loop health at or below this counts as the vicious cycle spinning.
SPIN_THRESHOLD = -0.1
#: Loop health at or above this counts as the cycle turned in our favour.
BROKEN_THRESHOLD = 0.1


@dataclass
class ActionStatus:
    """Whether an action can be started now, and if not, why."""

    id: str
    available: bool
    #: Reason codes with parameters, for example ``("cost_budget", {...})``.
    reasons: list[tuple[str, dict]] = field(default_factory=list)


@dataclass
class RoundResult:
    """Outcome of one round, as read by the debrief and the UI.

    ``before`` and ``after`` map variable ids to values; they are built from
    the value lists on first access, because batch runs never read them.
    """

    round: int
    decisions: list[str]
    variable_ids: list[str] = field(repr=False)
    before_values: list[float] = field(repr=False)
    after_values: list[float] = field(repr=False)
    budget: float
    capacity: float
    completed: list[str]
    events: list[str]
    states_entered: list[str]
    states_left: list[str]
    phases_reached: list[str]
    loop_health: dict[str, float]
    loops_broken: list[str]
    outcome: str | None
    #: Per variable, contributor id to points; empty when attribution is off.
    attribution: dict[str, dict[str, float]] = field(default_factory=dict)

    @cached_property
    def before(self) -> dict[str, float]:
        return dict(zip(self.variable_ids, self.before_values, strict=True))

    @cached_property
    def after(self) -> dict[str, float]:
        return dict(zip(self.variable_ids, self.after_values, strict=True))


class Simulation:
    """One playthrough of a scenario.

    Args:
        scenario: The validated scenario.
        seed: Seed of the event random stream.
        attribution: Record per variable and round what moved it. Switch it
            off for batch runs, where it costs about a third of the time.
    """

    def __init__(self, scenario: Scenario, seed: int = 0, attribution: bool = True):
        self.scenario = scenario
        self.seed = seed
        self.attribution = attribution
        self._compiled = _compiled(scenario)
        self.rng = SplitMix64(seed)
        self.round = 0
        self.values = [v.start for v in scenario.variables]
        self.history: list[list[float]] = [list(self.values)]
        self.budget = scenario.resources.budget
        self.capacity = scenario.resources.capacity
        self._capacity_change = 0.0
        self.decision_log: list[list[str]] = []
        self.results: list[RoundResult] = []
        # Action bookkeeping: uses, completion round of a running one, last completion.
        self.uses = [0] * len(scenario.actions)
        # Indexes of actions started at least once, ascending; only these have effects.
        self._ever_started: list[int] = []
        self.running_until = [0] * len(scenario.actions)
        self.completed_at: list[list[int]] = [[] for _ in scenario.actions]
        self.states_active = [s.initially for s in scenario.states]
        self.event_fired = [0] * len(scenario.events)
        self.event_last = [-(10**6)] * len(scenario.events)
        self.phase_reached = [False] * len(scenario.goals.phases)
        self.phase_round = [0] * len(scenario.goals.phases)
        self.loop_broken_round: list[int] = [0] * len(scenario.loops)
        self.outcome: str | None = None
        #: Why the game ended: ``goals_met``, ``lose_condition`` or ``out_of_rounds``.
        self.outcome_reason: str | None = None
        self._update_phases()

    # ------------------------------------------------------------------ queries

    @property
    def finished(self) -> bool:
        return self.outcome is not None

    def value(self, variable_id: str) -> float:
        return self.values[self._compiled.index[variable_id]]

    def values_by_id(self) -> dict[str, float]:
        return dict(zip(self._compiled.variable_ids, self.values, strict=True))

    def action_done(self, action_index: int) -> bool:
        return bool(self.completed_at[action_index])

    def current_phase(self) -> str | None:
        """Return the id of the last reached journey phase, or ``None``."""
        reached = None
        for phase, done in zip(
            self.scenario.goals.phases, self.phase_reached, strict=True
        ):
            if done:
                reached = phase.id
        return reached

    def action_status(self, action_id: str, budget=None, capacity=None) -> ActionStatus:
        """Check whether an action can be started this round."""
        compiled = self._compiled
        index = compiled.action_index.get(action_id)
        if index is None:
            raise SimulationError(f"unknown action {action_id!r}")
        action = self.scenario.actions[index]
        budget = self.budget if budget is None else budget
        capacity = self.capacity if capacity is None else capacity
        reasons: list[tuple[str, dict]] = []
        next_round = self.round + 1
        if self.finished:
            reasons.append(("finished", {}))
        if self.running_until[index] >= next_round:
            reasons.append(("running", {"until": self.running_until[index]}))
        if self.uses[index] >= action.max_uses:
            reasons.append(("used_up", {"max": action.max_uses}))
        if self.completed_at[index] and action.cooldown:
            ready = self.completed_at[index][-1] + action.cooldown + 1
            if next_round < ready:
                reasons.append(("cooldown", {"ready": ready}))
        if action.cost_budget > budget:
            reasons.append(
                ("cost_budget", {"cost": action.cost_budget, "have": budget})
            )
        if action.cost_capacity > capacity:
            reasons.append(
                ("cost_capacity", {"cost": action.cost_capacity, "have": capacity})
            )
        if not compiled.prerequisites[index](self):
            reasons.append(("prerequisites", {}))
        return ActionStatus(action_id, not reasons, reasons)

    def available_actions(self) -> list[str]:
        """Return the ids of actions that can be started this round, in order."""
        return [
            action.id
            for action in self.scenario.actions
            if self.action_status(action.id).available
        ]

    # ------------------------------------------------------------------- step

    def step(self, decisions: list[str] | tuple[str, ...] = ()) -> RoundResult:
        """Play one round with the given action ids.

        Raises:
            SimulationError: the game is over, or an action cannot be started.
        """
        if self.finished:
            raise SimulationError("the playthrough is over")
        compiled = self._compiled
        scenario = self.scenario
        t = self.round + 1
        values = self.values
        contributions: list[dict[str, float]] | None = (
            [{} for _ in values] if self.attribution else None
        )
        deltas = [0.0] * len(values)

        started = self._start_actions(decisions, t)
        link_push = self._push_links(t, deltas, contributions)
        completed = self._apply_actions_and_states(t, deltas, contributions)
        fired = self._draw_events(t, deltas, contributions)

        # Apply all changes at once, clamped; scale attribution to the actual change.
        before = values[:]
        bounds = compiled.bounds
        for i, total in enumerate(deltas):
            if total == 0.0:
                continue
            lo, hi = bounds[i]
            new = values[i] + total
            if new < lo or new > hi:
                new = lo if new < lo else hi
                if contributions is not None:
                    scale = (new - values[i]) / total
                    for key in contributions[i]:
                        contributions[i][key] *= scale
            values[i] = new
        self.history.append(values[:])
        self.round = t
        self.decision_log.append(started)

        # States with hysteresis, journey phases, loops, outcome.
        entered, left = self._update_states()
        phases = self._update_phases()
        loop_health, broken = self._loop_health(link_push)
        self._update_outcome()

        # Income for the next round.
        self.budget += scenario.resources.budget_income
        self.capacity = max(
            0.0, scenario.resources.capacity_per_round + self._capacity_change
        )
        self._capacity_change = 0.0

        attribution = {}
        if contributions is not None:
            for variable_id, parts in zip(
                compiled.variable_ids, contributions, strict=True
            ):
                if parts:
                    attribution[variable_id] = parts
        result = RoundResult(
            round=t,
            decisions=started,
            variable_ids=compiled.variable_ids,
            before_values=before,
            after_values=self.history[-1],
            budget=self.budget,
            capacity=self.capacity,
            completed=completed,
            events=fired,
            states_entered=entered,
            states_left=left,
            phases_reached=phases,
            loop_health=loop_health,
            loops_broken=broken,
            outcome=self.outcome,
            attribution=attribution,
        )
        self.results.append(result)
        return result

    def _start_actions(self, decisions, t: int) -> list[str]:
        """Check each decision against what is left, then pay and start it."""
        compiled = self._compiled
        started: list[str] = []
        for action_id in decisions:
            if action_id in started:
                raise SimulationError(f"action {action_id!r} chosen twice in round {t}")
            status = self.action_status(action_id)
            if not status.available:
                reasons = ", ".join(code for code, _ in status.reasons)
                raise SimulationError(
                    f"action {action_id!r} not available in round {t}: {reasons}"
                )
            index = compiled.action_index[action_id]
            action = self.scenario.actions[index]
            self.budget -= action.cost_budget
            self.capacity -= action.cost_capacity
            if not self.uses[index]:
                insort(self._ever_started, index)
            self.uses[index] += 1
            self.running_until[index] = t + action.duration - 1
            started.append(action_id)
        return started

    def _link_gains(self, t: int) -> list[float]:
        """Return each link's gain per point of source deviation this round.

        Completed actions and active states multiply the base gains of the
        links they modify.
        """
        compiled = self._compiled
        factors = None
        for index, modifiers in compiled.action_modifiers:
            if self.completed_at[index] and self._ongoing_active(index, t):
                factors = factors or [1.0] * len(compiled.links)
                for link_index, factor in modifiers:
                    factors[link_index] *= factor
        for index, modifiers in compiled.state_modifiers:
            if self.states_active[index]:
                factors = factors or [1.0] * len(compiled.links)
                for link_index, factor in modifiers:
                    factors[link_index] *= factor
        if factors is None:
            return compiled.gains
        return [
            gain * factor for gain, factor in zip(compiled.gains, factors, strict=True)
        ]

    def _push_links(self, t: int, deltas, contributions) -> list[float]:
        """Add every link's push to ``deltas``; return the pushes in link order."""
        compiled = self._compiled
        values = self.values
        history = self.history
        # The source row of each delay; rounds before the start read the start.
        rows = [
            history[t - 1 - d] if t - 1 - d >= 0 else history[0]
            for d in range(compiled.max_delay + 1)
        ]
        gains = self._link_gains(t)
        pushes = []
        append = pushes.append
        for (s, tg, ref, delay, lo, hi, zone, label), gain in zip(
            compiled.links, gains, strict=True
        ):
            push = gain * (rows[delay][s] - ref)
            if zone > 0.0:
                if push > 0.0:
                    room = (hi - values[tg]) / zone
                    if room < 1.0:
                        push *= room if room > 0.0 else 0.0
                elif push < 0.0:
                    room = (values[tg] - lo) / zone
                    if room < 1.0:
                        push *= room if room > 0.0 else 0.0
            append(push)
            deltas[tg] += push
            if contributions is not None:
                contributions[tg][label] = contributions[tg].get(label, 0.0) + push
        return pushes

    def _apply_actions_and_states(self, t: int, deltas, contributions) -> list[str]:
        """Apply actions that complete now, running action effects and states."""
        compiled = self._compiled
        completed: list[str] = []
        for index in self._ever_started:
            action_id = compiled.action_ids[index]
            done = self.completed_at[index]
            if self.running_until[index] == t and self.uses[index] > len(done):
                done.append(t)
                completed.append(action_id)
                self._apply(
                    compiled.immediate[index],
                    deltas,
                    contributions,
                    "action:" + action_id,
                )
            if done and compiled.ongoing[index] and self._ongoing_active(index, t):
                self._apply(
                    compiled.ongoing[index],
                    deltas,
                    contributions,
                    "action:" + action_id,
                )
        for index, active in enumerate(self.states_active):
            if active:
                label = "state:" + self.scenario.states[index].id
                self._apply(compiled.state_effects[index], deltas, contributions, label)
        return completed

    def _draw_events(self, t: int, deltas, contributions) -> list[str]:
        """Draw one number per event and fire those whose condition holds."""
        compiled = self._compiled
        rng = self.rng
        fired: list[str] = []
        for index, event in enumerate(self.scenario.events):
            draw = rng.random()
            if event.once and self.event_fired[index]:
                continue
            if t - self.event_last[index] <= event.cooldown:
                continue
            if draw < event.probability and compiled.event_conditions[index](self):
                self.event_fired[index] += 1
                self.event_last[index] = t
                fired.append(event.id)
                label = "event:" + event.id
                self._apply(compiled.event_effects[index], deltas, contributions, label)
        return fired

    def run(self, decision_log: list[list[str]]) -> list[RoundResult]:
        """Replay a decision log, stopping early if the game ends."""
        results = []
        for decisions in decision_log:
            if self.finished:
                break
            results.append(self.step(decisions))
        return results

    def score(self) -> float:
        """Return the score: weighted values plus bonuses for a win."""
        goals = self.scenario.goals
        total = 0.0
        for variable_id, weight in goals.score_weights.items():
            total += weight * self.value(variable_id)
        if self.outcome == "won":
            total += goals.win_bonus + goals.bonus_per_round_left * (
                goals.rounds - self.round
            )
        return round(total, 6)

    def clone(self, attribution: bool = False) -> Simulation:
        """Return an independent copy for lookahead; results are not copied."""
        other = Simulation.__new__(Simulation)
        other.scenario = self.scenario
        other.seed = self.seed
        other.attribution = attribution
        other._compiled = self._compiled
        other.rng = self.rng.copy()
        other.round = self.round
        other.values = self.values[:]
        other.history = self.history[:]  # rows are never changed once written
        other.budget = self.budget
        other.capacity = self.capacity
        other._capacity_change = self._capacity_change
        other.decision_log = [list(d) for d in self.decision_log]
        other.results = []
        other.uses = self.uses[:]
        other._ever_started = self._ever_started[:]
        other.running_until = self.running_until[:]
        other.completed_at = [list(c) for c in self.completed_at]
        other.states_active = self.states_active[:]
        other.event_fired = self.event_fired[:]
        other.event_last = self.event_last[:]
        other.phase_reached = self.phase_reached[:]
        other.phase_round = self.phase_round[:]
        other.loop_broken_round = self.loop_broken_round[:]
        other.outcome = self.outcome
        other.outcome_reason = self.outcome_reason
        return other

    # ---------------------------------------------------------------- helpers

    def _ongoing_active(self, index: int, t: int) -> bool:
        rounds = self.scenario.actions[index].ongoing_rounds
        return rounds == 0 or t - self.completed_at[index][-1] < rounds

    def _apply(self, effects, deltas, contributions, label: str) -> None:
        for target, amount in effects:
            # Resources never go below zero: a freeze cuts money, it makes no debt.
            if target == -1:
                self.budget = max(0.0, self.budget + amount)
            elif target == -2:
                # Staff time resets each round, so effects change next round's capacity.
                self._capacity_change += amount
            else:
                deltas[target] += amount
                if contributions is not None:
                    contributions[target][label] = (
                        contributions[target].get(label, 0.0) + amount
                    )

    def _update_states(self) -> tuple[list[str], list[str]]:
        entered, left = [], []
        compiled = self._compiled
        for index, state in enumerate(self.scenario.states):
            if self.states_active[index]:
                if compiled.state_leave[index](self):
                    self.states_active[index] = False
                    left.append(state.id)
            elif compiled.state_enter[index](self):
                self.states_active[index] = True
                entered.append(state.id)
        return entered, left

    def _update_phases(self) -> list[str]:
        reached = []
        compiled = self._compiled
        for index, phase in enumerate(self.scenario.goals.phases):
            if self.phase_reached[index]:
                continue
            if not compiled.phase_conditions[index](self):
                break
            self.phase_reached[index] = True
            self.phase_round[index] = self.round
            reached.append(phase.id)
        return reached

    def _loop_health(self, link_push) -> tuple[dict[str, float], list[str]]:
        health: dict[str, float] = {}
        broken: list[str] = []
        for index, (loop_id, members) in enumerate(self._compiled.loops):
            total = 0.0
            for link_index, strength, direction in members:
                total += link_push[link_index] * direction / strength
            value = total / len(members)
            health[loop_id] = value
            if value >= BROKEN_THRESHOLD and not self.loop_broken_round[index]:
                self.loop_broken_round[index] = self.round
                broken.append(loop_id)
        return health, broken

    def _update_outcome(self) -> None:
        compiled = self._compiled
        if compiled.lose(self):
            self.outcome, self.outcome_reason = "lost", "lose_condition"
        elif compiled.win(self):
            self.outcome, self.outcome_reason = "won", "goals_met"
        elif self.round >= self.scenario.goals.rounds:
            self.outcome, self.outcome_reason = "lost", "out_of_rounds"


def loop_status(health: float) -> str:
    """Classify a loop's health as ``vicious``, ``neutral`` or ``virtuous``."""
    if health <= SPIN_THRESHOLD:
        return "vicious"
    if health >= BROKEN_THRESHOLD:
        return "virtuous"
    return "neutral"


class _Compiled:
    """Index-based form of a scenario for the inner loop; built once."""

    def __init__(self, scenario: Scenario):
        self.variable_ids = [v.id for v in scenario.variables]
        self.index = {vid: i for i, vid in enumerate(self.variable_ids)}
        self.bounds = [(v.minimum, v.maximum) for v in scenario.variables]
        self.action_index = {a.id: i for i, a in enumerate(scenario.actions)}
        self.state_index = {s.id: i for i, s in enumerate(scenario.states)}
        self.phase_index = {p.id: i for i, p in enumerate(scenario.goals.phases)}
        link_index = {link.id: i for i, link in enumerate(scenario.links)}
        self.action_ids = [a.id for a in scenario.actions]
        # Per link: source, target, reference, delay, target bounds, saturation
        # zone in points, attribution label. Gains are kept apart, because
        # actions and states scale them.
        self.links = []
        self.gains = []
        for link in scenario.links:
            source = scenario.variables[self.index[link.source]]
            target = scenario.variables[self.index[link.target]]
            half_span = (source.maximum - source.minimum) / 2.0
            reference = link.reference
            if reference is None:
                reference = (source.maximum + source.minimum) / 2.0
            zone = link.saturation * (target.maximum - target.minimum)
            self.gains.append(link.polarity * link.strength / half_span)
            self.links.append(
                (
                    self.index[link.source],
                    self.index[link.target],
                    reference,
                    link.delay,
                    target.minimum,
                    target.maximum,
                    zone,
                    "link:" + link.id,
                )
            )
        self.max_delay = max((link.delay for link in scenario.links), default=0)

        def modifiers(items):
            return [(link_index[m.link_id], m.factor) for m in items]

        self.action_modifiers = [
            (i, modifiers(a.link_modifiers))
            for i, a in enumerate(scenario.actions)
            if a.link_modifiers
        ]
        self.state_modifiers = [
            (i, modifiers(s.link_modifiers))
            for i, s in enumerate(scenario.states)
            if s.link_modifiers
        ]

        def effects(mapping):
            out = []
            for target, amount in mapping.items():
                if target == "budget":
                    out.append((-1, amount))
                elif target == "kapazitaet":
                    out.append((-2, amount))
                else:
                    out.append((self.index[target], amount))
            return out

        self.immediate = [effects(a.immediate) for a in scenario.actions]
        self.ongoing = [effects(a.ongoing) for a in scenario.actions]
        self.state_effects = [effects(s.ongoing) for s in scenario.states]
        self.event_effects = [effects(e.effects) for e in scenario.events]

        compile_ = self.compile
        self.prerequisites = [compile_(a.prerequisites) for a in scenario.actions]
        self.event_conditions = [compile_(e.condition) for e in scenario.events]
        self.state_enter = [compile_(s.enter) for s in scenario.states]
        self.state_leave = [compile_(s.leave) for s in scenario.states]
        self.phase_conditions = [compile_(p.condition) for p in scenario.goals.phases]
        self.win = compile_(scenario.goals.win)
        lose = scenario.goals.lose
        # Lose conditions are any-of, so an empty list never ends the game early.
        self.lose = compile_([["any", lose]]) if lose else (lambda sim: False)

        self.loops = []
        for loop in scenario.loops:
            members = []
            count = len(loop.variables)
            for position, source in enumerate(loop.variables):
                target = loop.variables[(position + 1) % count]
                li = link_index[f"{source}>{target}"]
                desirable = scenario.variables[self.index[target]].desirable
                members.append(
                    (
                        li,
                        scenario.links[li].strength,
                        1.0 if desirable == "high" else -1.0,
                    )
                )
            self.loops.append((loop.id, members))

    def compile(self, clauses):
        return compile_conditions(
            clauses, self.index, self.action_index, self.state_index, self.phase_index
        )


_CACHE: dict[int, tuple[Scenario, _Compiled]] = {}


def _compiled(scenario: Scenario) -> _Compiled:
    # Keyed by identity: batch runs create thousands of simulations per scenario.
    entry = _CACHE.get(id(scenario))
    if entry is None or entry[0] is not scenario:
        entry = (scenario, _Compiled(scenario))
        if len(_CACHE) > 64:
            _CACHE.clear()
        _CACHE[id(scenario)] = entry
    return entry[1]
