"""Read scenario sets: the plan of a workshop in ``scenarios/sets/*.yaml``.

A set names the scenarios teams play in order, the time limit per round,
the number of teams, and per scenario the facilitator's notes and debrief
questions. Keys are German like those of scenario files. Reading collects
every problem with its location and raises them together, like scenario
loading does; the JSON Schema for editors is ``scenarios/sets/schema/
set.schema.json``.

Scenario ids refer to ``<id>.yaml`` files in the scenarios folder, which is
the folder above ``sets/`` unless the caller names another one. The
referenced scenarios are loaded too, because the agenda needs their number
of rounds and must fit into the set's ``dauer_minuten``.
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

from game.content.checks import Reader
from game.content.errors import ContentError, Problem, SchemaError
from game.content.messages import register
from game.content.scenario import load_scenario
from game.content.yamlload import Node, load_file
from game.sim.model import Texts
from game.workshop.catalog import scenario_files

log = logging.getLogger(__name__)

register(
    {
        "set_ctx_entry": (
            "in `szenarien`, Eintrag {number}",
            "in `szenarien`, entry {number}",
        ),
        "set_ctx_question": (
            "in `szenarien`, Eintrag {number}, Frage {question}",
            "in `szenarien`, entry {number}, question {question}",
        ),
        "set_id_file": (
            "Kennung `{value}` passt nicht zum Dateinamen `{file}`. Nennen Sie die "
            "Datei `{value}.yaml` oder schreiben Sie `id: {stem}`.",
            "id `{value}` does not match the file name `{file}`. Name the file "
            "`{value}.yaml` or write `id: {stem}`.",
        ),
        "set_no_scenarios": (
            "Die Liste `szenarien` ist leer. Tragen Sie mindestens ein Szenario ein.",
            "the list `szenarien` is empty. Add at least one scenario.",
        ),
        "set_no_questions": (
            "Die Liste `fragen` ist leer. Schreiben Sie mindestens eine Frage für die "
            "Nachbesprechung.",
            "the list `fragen` is empty. Write at least one debrief question.",
        ),
        "set_unknown_scenario": (
            "Szenario `{value}` gibt es nicht: Im Ordner {folder} liegt keine Datei "
            "`{value}.yaml`.{suggestion}",
            "scenario `{value}` does not exist: folder {folder} contains no file "
            "`{value}.yaml`.{suggestion}",
        ),
        "set_scenario_invalid": (
            "Szenario `{value}` hat selbst {count} Problem(e). Prüfen Sie es mit "
            "`python -m game validate {path}`.",
            "scenario `{value}` has {count} problem(s) of its own. Check it with "
            "`python -m game validate {path}`.",
        ),
        "set_duplicate_scenario": (
            "Szenario `{value}` steht schon in Eintrag {first}. Jedes Szenario darf "
            "nur einmal vorkommen, weil der Bericht die Ergebnisse je Szenario "
            "vergleicht.",
            "scenario `{value}` is already entry {first}. Each scenario may appear "
            "only once because the report compares results per scenario.",
        ),
        "set_over_time": (
            "Der Ablauf braucht {needed} Minuten, geplant sind {planned}: {parts}. "
            "Kürzen Sie Zeiten oder erhöhen Sie `dauer_minuten` auf mindestens "
            "{needed}.",
            "the agenda needs {needed} minutes, but {planned} are planned: {parts}. "
            "Shorten times or raise `dauer_minuten` to at least {needed}.",
        ),
        "set_part_welcome": ("Begrüßung {minutes}", "welcome {minutes}"),
        "set_part_scenario": (
            "`{id}` {minutes} (davon {rounds} Runden × {seconds} s = {play} Spielzeit)",
            "`{id}` {minutes} ({rounds} rounds × {seconds} s = {play} of play)",
        ),
        "set_part_closing": ("Abschluss {minutes}", "closing {minutes}"),
    }
)

#: Result code seeds are unbounded, but facilitators read this one out loud.
MAX_SEED = 999_999


@dataclass
class SetEntry:
    """One scenario of a set with its timing and debrief material."""

    scenario_id: str
    seconds_per_round: int
    briefing_minutes: int
    debrief_minutes: int
    break_minutes: int
    notes: Texts
    questions: list[Texts]
    #: Seed all teams play with, so they meet the same events; ``None``: free.
    seed: int | None = None
    #: Number of rounds of the scenario (``goals.rounds``), read from its file.
    rounds: int = 0

    @property
    def play_minutes(self) -> int:
        """Minutes for all rounds at the time limit, rounded up."""
        return math.ceil(self.rounds * self.seconds_per_round / 60)

    @property
    def total_minutes(self) -> int:
        return (
            self.briefing_minutes
            + self.play_minutes
            + self.debrief_minutes
            + self.break_minutes
        )


@dataclass
class ScenarioSet:
    """A validated scenario set."""

    id: str
    title: Texts
    audience: Texts
    description: Texts
    duration_minutes: int
    teams: int
    welcome_minutes: int
    closing_minutes: int
    entries: list[SetEntry] = field(default_factory=list)
    source: str = ""
    scenario_dir: str = ""

    def entry(self, scenario_id: str) -> SetEntry | None:
        for entry in self.entries:
            if entry.scenario_id == scenario_id:
                return entry
        return None

    @property
    def planned_minutes(self) -> int:
        """Minutes the agenda needs, without buffer."""
        return (
            self.welcome_minutes
            + sum(entry.total_minutes for entry in self.entries)
            + self.closing_minutes
        )


@dataclass
class AgendaItem:
    """One line of the agenda, in minutes from the start of the workshop."""

    start: int
    minutes: int
    #: ``welcome``, ``briefing``, ``play``, ``debrief``, ``break`` or ``closing``.
    kind: str
    scenario_id: str | None = None


def agenda(scenario_set: ScenarioSet) -> list[AgendaItem]:
    """Return the agenda of a set; items with zero minutes are left out."""
    items: list[AgendaItem] = []
    clock = 0

    def add(minutes: int, kind: str, scenario_id: str | None = None) -> None:
        nonlocal clock
        if minutes > 0:
            items.append(AgendaItem(clock, minutes, kind, scenario_id))
            clock += minutes

    add(scenario_set.welcome_minutes, "welcome")
    for entry in scenario_set.entries:
        add(entry.briefing_minutes, "briefing", entry.scenario_id)
        add(entry.play_minutes, "play", entry.scenario_id)
        add(entry.debrief_minutes, "debrief", entry.scenario_id)
        add(entry.break_minutes, "break", entry.scenario_id)
    add(scenario_set.closing_minutes, "closing")
    return items


def set_to_dict(scenario_set: ScenarioSet) -> dict:
    """Return the set as JSON-ready data (for the browser build)."""
    return asdict(scenario_set)


def load_set(path: str | Path, scenario_dir: str | Path | None = None) -> ScenarioSet:
    """Load and validate a scenario set file.

    Args:
        path: The set file.
        scenario_dir: Folder of the scenario files; defaults to the folder
            above the set file's folder (``scenarios/`` for
            ``scenarios/sets/x.yaml``).

    Raises:
        ContentError: with every problem found, each located.
    """
    started = time.perf_counter()
    path = Path(path)
    folder = Path(scenario_dir) if scenario_dir else path.resolve().parent.parent
    root = load_file(path)
    reader = _SetReader(root, str(path), folder)
    scenario_set = reader.read()
    if reader.problems or scenario_set is None:
        problems = sorted(reader.problems, key=_problem_order) or [
            Problem(root.location, "empty_file")
        ]
        raise SchemaError(problems)
    log.debug(
        "loaded set %s from %s in %.1f ms",
        scenario_set.id,
        path,
        (time.perf_counter() - started) * 1000,
    )
    return scenario_set


def _problem_order(problem: Problem):
    location = problem.location
    return (location.line, location.column) if location else (0, 0)


class _SetReader(Reader):
    """Reads one set file: shape, references, then the timing."""

    TOP_KEYS = {
        "format": False,
        "id": True,
        "titel": True,
        "zielgruppe": True,
        "beschreibung": False,
        "dauer_minuten": True,
        "teams": True,
        "begruessung_minuten": False,
        "abschluss_minuten": False,
        "szenarien": True,
    }
    ENTRY_KEYS = {
        "szenario": True,
        "sekunden_pro_runde": True,
        "briefing_minuten": True,
        "nachbesprechung_minuten": True,
        "pause_danach_minuten": False,
        "startwert": False,
        "hinweise": True,
        "fragen": True,
    }

    def __init__(self, root: Node, path: str, scenario_dir: Path):
        super().__init__(path)
        self.root = root
        self.scenario_dir = scenario_dir
        self.known = scenario_files(scenario_dir)

    def read(self) -> ScenarioSet | None:
        top = self.mapping(self.root, self.TOP_KEYS)
        if top is None:
            return None
        if "format" in top:
            self.number(top["format"], 1, 1, integer=True)
        set_id = self.ident(top["id"]) if "id" in top else None
        if set_id is not None:
            self._check_file_name(top["id"], set_id)
        texts = {
            key: self.texts(top[key]) if key in top else None
            for key in ("titel", "zielgruppe", "beschreibung")
        }
        duration = self._integer(top, "dauer_minuten", 15, 600)
        teams = self._integer(top, "teams", 1, 30)
        welcome = self._integer(top, "begruessung_minuten", 0, 60, default=0)
        closing = self._integer(top, "abschluss_minuten", 0, 60, default=0)
        entries = self._entries(top.get("szenarien"))

        complete = (
            set_id is not None
            and texts["titel"] is not None
            and texts["zielgruppe"] is not None
            and ("beschreibung" not in top or texts["beschreibung"] is not None)
            and None not in (duration, teams, welcome, closing)
            and entries is not None
        )
        if not complete or self.problems:
            return None
        scenario_set = ScenarioSet(
            id=set_id,
            title=texts["titel"],
            audience=texts["zielgruppe"],
            description=texts["beschreibung"] or {},
            duration_minutes=duration,
            teams=teams,
            welcome_minutes=welcome,
            closing_minutes=closing,
            entries=entries,
            source=self.path,
            scenario_dir=str(self.scenario_dir),
        )
        self._check_time(scenario_set, top["dauer_minuten"])
        return scenario_set

    # ------------------------------------------------------------ sections

    def _entries(self, node: Node | None) -> list[SetEntry] | None:
        if node is None:
            return None
        items = self.sequence(node)
        if items is None:
            return None
        if not items:
            self.report(node.location, "set_no_scenarios")
            return None
        entries: list[SetEntry] = []
        first_entry: dict[str, int] = {}
        complete = True
        for number, item in enumerate(items, start=1):
            with self.in_context("set_ctx_entry", number=number):
                entry = self._entry(item, number, first_entry)
            if entry is None:
                complete = False
            else:
                entries.append(entry)
        return entries if complete else None

    def _entry(
        self, node: Node, number: int, first_entry: dict[str, int]
    ) -> SetEntry | None:
        fields = self.mapping(node, self.ENTRY_KEYS)
        if fields is None:
            return None

        # The scenario reference, each at most once per set.
        scenario_id, rounds = self._scenario(fields.get("szenario"))
        if scenario_id is not None:
            if scenario_id in first_entry:
                self.report(
                    fields["szenario"].location,
                    "set_duplicate_scenario",
                    value=scenario_id,
                    first=first_entry[scenario_id],
                )
            else:
                first_entry[scenario_id] = number

        # Times, seed and the facilitator's texts.
        seconds = self._integer(fields, "sekunden_pro_runde", 30, 900)
        briefing = self._integer(fields, "briefing_minuten", 0, 60)
        debrief = self._integer(fields, "nachbesprechung_minuten", 5, 120)
        pause = self._integer(fields, "pause_danach_minuten", 0, 60, default=0)
        seed = self._integer(fields, "startwert", 0, MAX_SEED, default=None)
        notes = self.texts(fields["hinweise"]) if "hinweise" in fields else None
        questions = self._questions(fields.get("fragen"), number)

        values = (scenario_id, rounds, seconds, briefing, debrief, pause, notes)
        if None in values or questions is None:
            return None
        if "startwert" in fields and seed is None:
            return None
        return SetEntry(
            scenario_id=scenario_id,
            seconds_per_round=seconds,
            briefing_minutes=briefing,
            debrief_minutes=debrief,
            break_minutes=pause,
            notes=notes,
            questions=questions,
            seed=seed,
            rounds=rounds,
        )

    def _scenario(self, node: Node | None) -> tuple[str | None, int | None]:
        """Check a scenario reference; return its id and number of rounds."""
        if node is None:
            return None, None
        scenario_id = self.ident(node)
        if scenario_id is None:
            return None, None
        path = self.known.get(scenario_id)
        if path is None:
            self.report(
                node.location,
                "set_unknown_scenario",
                value=scenario_id,
                folder=_shown_folder(self.scenario_dir),
                suggestion=self.suggestion(scenario_id, self.known),
            )
            return None, None
        try:
            scenario = load_scenario(path)
        except ContentError as error:
            self.report(
                node.location,
                "set_scenario_invalid",
                value=scenario_id,
                count=len(error.problems),
                path=_shown_folder(path),
            )
            return None, None
        return scenario_id, scenario.goals.rounds

    def _questions(self, node: Node | None, number: int) -> list[Texts] | None:
        if node is None:
            return None
        items = self.sequence(node)
        if items is None:
            return None
        if not items:
            self.report(node.location, "set_no_questions")
            return None
        questions = []
        seen: dict[str, int] = {}
        for index, item in enumerate(items, start=1):
            with self.in_context("set_ctx_question", number=number, question=index):
                text = self.texts(item)
            if text is None:
                return None
            if text["de"] in seen:
                self.report(item.location, "duplicate_item", value=text["de"])
            seen[text["de"]] = index
            questions.append(text)
        return questions

    # ------------------------------------------------------------- checks

    def _integer(self, fields, key: str, low: int, high: int, default=...):
        if key not in fields:
            # A missing required key was already reported by mapping().
            return None if default is ... else default
        return self.number(fields[key], low, high, integer=True)

    def _check_file_name(self, node: Node, set_id: str) -> None:
        stem = Path(self.path).stem
        if stem != set_id:
            self.report(
                node.location,
                "set_id_file",
                value=set_id,
                file=Path(self.path).name,
                stem=stem,
            )

    def _check_time(self, scenario_set: ScenarioSet, node: Node) -> None:
        needed = scenario_set.planned_minutes
        if needed <= scenario_set.duration_minutes:
            return
        self.report(
            node.location,
            "set_over_time",
            needed=needed,
            planned=scenario_set.duration_minutes,
            parts=_Breakdown(scenario_set),
        )


def _shown_folder(path: Path) -> str:
    """Return ``path`` relative to the working directory when it lies below it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


class _Breakdown:
    """The minutes of each agenda block, as a localized sum."""

    def __init__(self, scenario_set: ScenarioSet):
        self.scenario_set = scenario_set

    def render(self, lang: str) -> str:
        from game.content.messages import render

        parts = []
        if self.scenario_set.welcome_minutes:
            parts.append(
                render(
                    "set_part_welcome",
                    {"minutes": self.scenario_set.welcome_minutes},
                    lang,
                )
            )
        for entry in self.scenario_set.entries:
            parts.append(
                render(
                    "set_part_scenario",
                    {
                        "id": entry.scenario_id,
                        "minutes": entry.total_minutes,
                        "rounds": entry.rounds,
                        "seconds": entry.seconds_per_round,
                        "play": entry.play_minutes,
                    },
                    lang,
                )
            )
        if self.scenario_set.closing_minutes:
            parts.append(
                render(
                    "set_part_closing",
                    {"minutes": self.scenario_set.closing_minutes},
                    lang,
                )
            )
        return " + ".join(parts)
