"""Workshop mode in the game: scenario sets, the team's plan and the result export.

Pure Python apart from the lazy desktop imports (no pygame), so the browser
build can load it. Sets come from ``scenarios/sets/*.yaml`` on the desktop,
read with :func:`game.workshop.sets.load_set`, and from ``content/sets.json``
(written by the web build with :func:`game.workshop.sets.set_to_dict`) in the
browser. Both arrive here as the same JSON-ready dictionaries.

Privacy: the team name lives only in :class:`WorkshopPlan` while the game
runs, in the result code and in the result file. It is never autosaved and
never logged.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from game.webbuild.bundle import SETS_JSON
from game.workshop.resultfile import result_file_json, result_file_name

log = logging.getLogger(__name__)

#: Folder of the set files on the desktop.
SET_DIR = Path(__file__).resolve().parents[2] / "scenarios" / "sets"
#: Compiled sets of the web build, next to ``main.py``.
WEB_SET_BUNDLE = Path(__file__).resolve().parents[2] / SETS_JSON
#: Step of the facilitator's round time setting, in seconds.
SECONDS_STEP = 30
#: Shortest and longest round time the facilitator can set, in seconds; the
#: same range that set files allow for ``sekunden_pro_runde``.
MIN_SECONDS = 30
MAX_SECONDS = 900
#: Largest drawn seed: the bound of ``startwert`` in set files
#: (``game.workshop.sets.MAX_SEED``, not imported because that module needs PyYAML).
MAX_SEED = 999_999
#: Folder for result files below the desktop game's data folder.
RESULT_FOLDER = "ergebnisse"


@dataclass
class SetChoice:
    """A scenario set the facilitator may pick, or why it cannot be used.

    Attributes:
        data: The set as :func:`game.workshop.sets.set_to_dict` returns it;
            empty when the set file has problems.
        name: File stem or set id, shown for a broken set.
        problem: First located problem of a broken set, in German and English.
    """

    data: dict
    name: str
    problem: dict[str, str] | None = None

    @property
    def id(self) -> str:
        return self.data.get("id", self.name)

    @property
    def entries(self) -> list[dict]:
        return self.data.get("entries", [])


def load_set_choices(web: bool, folder: Path = SET_DIR) -> list[SetChoice]:
    """Return the available sets: JSON in the browser, YAML files on the desktop."""
    if web:
        return _read_set_bundle(WEB_SET_BUNDLE)
    return _load_set_files(folder)


def _read_set_bundle(path: Path) -> list[SetChoice]:
    try:
        with open(path, encoding="utf-8") as file:
            items = json.load(file)
    except (OSError, ValueError) as error:
        log.error("Cannot read the set bundle %s: %s", path, error)
        return []
    return [SetChoice(item, item.get("id", "?")) for item in items]


def _load_set_files(folder: Path) -> list[SetChoice]:
    # PyYAML and the set validator are desktop tools; the browser reads JSON.
    from game.content.errors import ContentError  # webbuild: desktop-only
    from game.workshop.sets import load_set, set_to_dict  # webbuild: desktop-only

    choices = []
    for path in sorted(Path(folder).glob("*.yaml")):
        try:
            data = set_to_dict(load_set(path))
        except ContentError as error:
            log.warning(
                "Set %s has %d problem(s); first: %s", path, len(error.problems), error
            )
            first = error.problems[0]
            problem = {lang: first.format(lang) for lang in ("de", "en")}
            choices.append(SetChoice({}, path.stem, problem))
            continue
        choices.append(SetChoice(data, data["id"]))
    return choices


@dataclass
class WorkshopPlan:
    """The plan of one team: a set, the current scenario, the name and the timer.

    Attributes:
        choice: The chosen set.
        index: Index of the current scenario in the set's entries.
        team: Canonical team name (see :func:`game.workshop.normalize_team_name`).
        seconds_per_round: Round time limit chosen by the facilitator.
        free_seed: Seed for entries without ``startwert``, drawn once per plan
            so the facilitator can read it and give it to every team.
        results: Result codes of the scenarios finished so far, by scenario id.
    """

    choice: SetChoice
    free_seed: int
    index: int = 0
    team: str = ""
    seconds_per_round: int = 120
    results: dict[str, str] = field(default_factory=dict)

    @property
    def entry(self) -> dict:
        return self.choice.entries[self.index]

    @property
    def scenario_id(self) -> str:
        return self.entry["scenario_id"]

    @property
    def preset_seconds(self) -> int:
        return int(self.entry["seconds_per_round"])

    @property
    def seed(self) -> int:
        """The set's shared seed (``startwert``), else the plan's drawn seed."""
        shared = self.entry.get("seed")
        return self.free_seed if shared is None else int(shared)

    @property
    def shared_seed(self) -> bool:
        return self.entry.get("seed") is not None

    @property
    def has_next(self) -> bool:
        return self.index + 1 < len(self.choice.entries)

    def reset_timer_setting(self) -> None:
        self.seconds_per_round = self.preset_seconds

    def adjust_seconds(self, steps: int) -> int:
        """Change the round time by ``steps`` of :data:`SECONDS_STEP`; return it."""
        value = self.seconds_per_round + steps * SECONDS_STEP
        self.seconds_per_round = max(MIN_SECONDS, min(MAX_SECONDS, value))
        return self.seconds_per_round


def draw_free_seed(number: int) -> int:
    """Return a seed the facilitator can read aloud (0 to 999999)."""
    return number % (MAX_SEED + 1)


def format_seconds(seconds: float) -> str:
    """Return seconds as ``m:ss``."""
    whole = int(round(seconds))
    return f"{whole // 60}:{whole % 60:02d}"


# ------------------------------------------------------------------ export


def result_folder(store) -> Path | None:
    """Return the desktop folder for result files, or ``None`` without one.

    Result files go into ``ergebnisse/`` inside the folder of the game's file
    store, which is the user's data folder unless a test or the caller chose
    another one. The in-memory store of screenshots and benchmarks has none.
    """
    directory = getattr(store, "directory", None)
    if directory is None:
        return None
    return Path(directory) / RESULT_FOLDER


def save_result_file(folder: Path, sim, team: str) -> Path:
    """Write the result file atomically into ``folder``; return its path.

    Raises:
        OSError: the folder cannot be created or the file cannot be written.
    """
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / result_file_name(sim.scenario.id, team)
    handle, temporary = tempfile.mkstemp(
        prefix=f".{target.stem}.", suffix=".tmp", dir=folder
    )
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(result_file_json(sim, team))
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    log.info("Wrote the result file of %s to %s", sim.scenario.id, target)
    return target


def spell_code(code: str) -> list[str]:
    """Return the code's groups with spaces between characters, for screen readers."""
    return [" ".join(group) for group in code.split("-")]
