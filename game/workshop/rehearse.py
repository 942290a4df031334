"""Result codes of automatic teams, so facilitators can rehearse a debrief.

``python -m game simulate SCENARIO --codes N [--policy P] [--seed S]`` calls
:func:`print_result_codes`. The output is one code per line with a comment,
and can be saved as a codes file for ``python -m game workshop report
--codes-file``.
"""

from __future__ import annotations

import sys

from game.sim.analysis import run_seed
from game.sim.model import Scenario
from game.sim.policies import make_policy, play
from game.sim.rng import derive_seed
from game.workshop.codes import encode_simulation
from game.workshop.teams import TEAM_NAMES

#: Policies whose decisions depend only on the game state, not on a random draw.
DETERMINISTIC_POLICIES = ("nichts_tun", "gierig", "referenz")

TEXTS = {
    "header": (
        "# {scenario} [{hash}], Strategie {policy}, {seeds}",
        "# {scenario} [{hash}], policy {policy}, {seeds}",
    ),
    "same_seed": (
        "alle Teams mit Startwert {seed}",
        "all teams with seed {seed}",
    ),
    "own_seed": (
        "jedes Team mit eigenem Startwert (gleiche Strategie)",
        "each team with its own seed (same policy)",
    ),
    "line": (
        "{code}  # {team}: {outcome}, {score} Punkte",
        "{code}  # {team}: {outcome}, score {score}",
    ),
    "won": ("gewonnen in Runde {round}", "won in round {round}"),
    "lost": ("verloren in Runde {round}", "lost in round {round}"),
    "action": (" ({action})", " ({action})"),
}


def _say(key: str, lang: str, **params) -> str:
    german, english = TEXTS[key]
    return (english if lang == "en" else german).format(**params)


def team_name(index: int) -> str:
    """Return the preset name of automatic team ``index``, numbered past the list."""
    name = TEAM_NAMES[index % len(TEAM_NAMES)]
    round_number = index // len(TEAM_NAMES)
    return name if round_number == 0 else f"{name} {round_number + 1}"


def rehearsal_games(
    scenario: Scenario, count: int, seed: int, policy_name: str
) -> list[tuple[str, object, str | None]]:
    """Play ``count`` automatic teams; return ``(team, simulation, action)``.

    All teams play with event seed ``seed``, as in a workshop whose set fixes
    a seed, and each draws its decisions from its own policy stream. Teams
    with a deterministic policy would then all play the same game, so they
    get their own event seeds instead (those of ``simulate --runs``).
    ``einzelne_massnahme`` gives team ``i`` the ``i``-th action.
    """
    games = []
    # Rotating through the actions shows a facilitator every one-trick team at once.
    for index in range(count):
        action_id = None
        if policy_name == "einzelne_massnahme":
            action_id = scenario.actions[index % len(scenario.actions)].id
        if policy_name in DETERMINISTIC_POLICIES:
            event_seed = policy_seed = run_seed(seed, index)
        else:
            event_seed = seed
            policy_seed = derive_seed(seed, f"team:{index}")
        policy = make_policy(policy_name, scenario, policy_seed, action_id)
        sim = play(scenario, event_seed, policy)
        games.append((team_name(index), sim, action_id))
    return games


def print_result_codes(
    scenario: Scenario, count: int, seed: int, policy_name: str, lang: str
) -> int:
    """Print the result codes of ``count`` automatic teams; return the exit code."""
    if seed < 0:
        print(
            "--seed: "
            + ("Startwert muss ≥ 0 sein" if lang != "en" else "seed must be ≥ 0"),
            file=sys.stderr,
        )
        return 2
    seeds = (
        _say("own_seed", lang)
        if policy_name in DETERMINISTIC_POLICIES
        else _say("same_seed", lang, seed=seed)
    )
    print(
        _say(
            "header",
            lang,
            scenario=scenario.id,
            hash=scenario.content_hash,
            policy=policy_name,
            seeds=seeds,
        )
    )
    for team, sim, action_id in rehearsal_games(scenario, count, seed, policy_name):
        outcome = _say(sim.outcome or "lost", lang, round=sim.round)
        if action_id:
            outcome += _say("action", lang, action=action_id)
        print(
            _say(
                "line",
                lang,
                code=encode_simulation(sim, team),
                team=team,
                outcome=outcome,
                score=f"{sim.score():.0f}",
            )
        )
    return 0
