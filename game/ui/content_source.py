"""Where the game gets its scenarios: YAML on the desktop, JSON in the browser.

The browser build never parses YAML: the web build compiles every scenario
with :func:`game.sim.model.scenario_to_dict` into ``content/scenarios.json``
(a JSON list of scenario objects) next to its ``main.py``, and
:class:`JsonBundleSource` reads that file. :class:`YamlDirectorySource` and
:class:`YamlFileSource` import the YAML loader lazily, so that importing this
module pulls in no PyYAML.
"""

from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path

from game.content.errors import ContentError
from game.sim.model import Scenario, scenario_from_dict

log = logging.getLogger(__name__)

#: Repository folder with the scenario files for the desktop game.
SCENARIO_DIR = Path(__file__).resolve().parents[2] / "scenarios"
#: Scenario id of the guided first game behind the title's "learn" button.
TUTORIAL_ID = "tutorial"


@dataclass
class ScenarioEntry:
    """One scenario the player may pick, or the reason it cannot be loaded."""

    path: str
    scenario: Scenario | None = None
    error: ContentError | None = None

    @property
    def id(self) -> str:
        if self.scenario is not None:
            return self.scenario.id
        return Path(self.path).stem


class ContentSource:
    """Interface of scenario sources; the scenes use only these methods."""

    def entries(self) -> list[ScenarioEntry]:
        """Return every scenario, valid or not, in display order."""
        raise NotImplementedError

    def scenario(self, scenario_id: str) -> Scenario | None:
        """Return the valid scenario with ``scenario_id``, or ``None``."""
        for entry in self.entries():
            if entry.scenario is not None and entry.scenario.id == scenario_id:
                return entry.scenario
        return None

    def poll_changes(self) -> bool:
        """Reload changed files; return whether anything changed."""
        return False


def _load_yaml(path: Path) -> ScenarioEntry:
    # Imported here so that the browser path never imports PyYAML.
    from game.content.scenario import load_scenario

    started = time.perf_counter()
    try:
        scenario = load_scenario(path)
    except ContentError as error:
        log.warning(
            "Scenario %s has %d problem(s); first: %s", path, len(error.problems), error
        )
        return ScenarioEntry(str(path), error=error)
    log.info(
        "Loaded scenario %s in %.0f ms",
        scenario.id,
        (time.perf_counter() - started) * 1000,
    )
    return ScenarioEntry(str(path), scenario=scenario)


class YamlDirectorySource(ContentSource):
    """All ``*.yaml`` files of a folder, loaded once; the desktop default."""

    def __init__(self, directory: Path = SCENARIO_DIR):
        self.directory = Path(directory)
        self._entries: list[ScenarioEntry] | None = None

    def entries(self) -> list[ScenarioEntry]:
        if self._entries is None:
            paths = sorted(self.directory.glob("*.yaml"))
            self._entries = [_load_yaml(path) for path in paths]
        return self._entries


class YamlFileSource(ContentSource):
    """One scenario file, optionally reloaded when its modification time changes.

    Used by ``python -m game play FILE --watch``, the authoring loop.
    """

    def __init__(self, path: Path):
        self.path = Path(path)
        self._mtime = self._read_mtime()
        self._entry = _load_yaml(self.path)

    def _read_mtime(self) -> float | None:
        try:
            return os.stat(self.path).st_mtime
        except OSError:
            return None

    def entries(self) -> list[ScenarioEntry]:
        return [self._entry]

    def poll_changes(self) -> bool:
        mtime = self._read_mtime()
        if mtime == self._mtime:
            return False
        self._mtime = mtime
        self._entry = _load_yaml(self.path)
        log.info("Reloaded %s after a change", self.path)
        return True


class JsonBundleSource(ContentSource):
    """Scenarios compiled to one JSON list; the browser source."""

    def __init__(self, path: Path):
        self.path = Path(path)
        self._entries: list[ScenarioEntry] | None = None

    def entries(self) -> list[ScenarioEntry]:
        if self._entries is None:
            self._entries = self._read()
        return self._entries

    def _read(self) -> list[ScenarioEntry]:
        try:
            with open(self.path, encoding="utf-8") as file:
                items = json.load(file)
        except (OSError, ValueError) as error:
            log.error("Cannot read the scenario bundle %s: %s", self.path, error)
            return []
        entries = []
        for item in items:
            try:
                entries.append(ScenarioEntry(str(self.path), scenario_from_dict(item)))
            except (KeyError, TypeError) as error:
                log.error(
                    "Scenario in %s is not in the compiled format: %r", self.path, error
                )
        return entries
