"""Find and load the scenarios that result codes and sets refer to."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from game.content.errors import ContentError, Problem
from game.content.scenario import load_scenario
from game.sim.model import Scenario
from game.workshop.codes import scenario_key

log = logging.getLogger(__name__)


def default_scenario_dir() -> Path:
    """Return ``scenarios/`` in the working directory, else the one of this checkout."""
    local = Path("scenarios")
    if local.is_dir():
        return local
    return Path(__file__).resolve().parent.parent.parent / "scenarios"


def scenario_files(directory: Path) -> dict[str, Path]:
    """Return scenario file stems mapped to their paths, directly in ``directory``.

    A scenario's file is named after its id (``sozialraeume.yaml`` has the id
    ``sozialraeume``); sets and schemas live in subfolders and are not listed.
    """
    found: dict[str, Path] = {}
    if not directory.is_dir():
        return found
    for path in sorted(directory.iterdir()):
        if path.suffix in (".yaml", ".yml") and path.is_file():
            found.setdefault(path.stem, path)
    return found


@dataclass
class ScenarioCatalog:
    """Scenarios available for replaying codes, found by id or code key.

    Attributes:
        scenarios: Loaded scenarios by id.
        broken: Problems of scenario files that failed to load, by file path.
    """

    scenarios: dict[str, Scenario] = field(default_factory=dict)
    broken: dict[str, list[Problem]] = field(default_factory=dict)

    @classmethod
    def from_directory(cls, directory: Path, only: list[str] | None = None):
        """Load the scenarios in ``directory``, or only the ids in ``only``."""
        catalog = cls()
        for stem, path in scenario_files(directory).items():
            if only is not None and stem not in only:
                continue
            try:
                catalog.add(load_scenario(path))
            except ContentError as error:
                log.warning(
                    "scenario file %s has %d problem(s) and is left out",
                    path,
                    len(error.problems),
                )
                catalog.broken[str(path)] = error.problems
        return catalog

    def add(self, scenario: Scenario) -> None:
        """Add a scenario; two ids with the same code key cannot be told apart."""
        key = scenario_key(scenario.id)
        for other in self.scenarios.values():
            if other.id != scenario.id and scenario_key(other.id) == key:
                raise ValueError(
                    f"scenarios {other.id!r} and {scenario.id!r} share the result "
                    "code key; rename one of them"
                )
        self.scenarios[scenario.id] = scenario

    def by_key(self, key: int) -> Scenario | None:
        for scenario in self.scenarios.values():
            if scenario_key(scenario.id) == key:
                return scenario
        return None
