"""Loop analysis on the link graph: polarity of declared cycles."""

from __future__ import annotations

from game.sim.model import Loop, Scenario


def loop_links(scenario: Scenario, loop: Loop):
    """Return the links of a declared loop in its causal order."""
    by_id = {link.id: link for link in scenario.links}
    members = loop.variables
    return [
        by_id[f"{members[i]}>{members[(i + 1) % len(members)]}"]
        for i in range(len(members))
    ]


def loop_polarity(scenario: Scenario, loop: Loop) -> str:
    """Return ``reinforcing`` if the product of link polarities is positive.

    A loop with an even number of negative links amplifies any change
    (reinforcing, R); an odd number counteracts it (balancing, B).
    """
    sign = 1
    for link in loop_links(scenario, loop):
        sign *= link.polarity
    return "reinforcing" if sign > 0 else "balancing"
