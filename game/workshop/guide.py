"""The printable facilitator guide of a scenario set.

The guide contains the agenda with times computed from the set and a
preparation checklist. Per scenario it shows the briefing (the scenario's
story and goals), the cycles in play, the facilitator notes and the debrief
questions. It links the lessons that the scenario's actions and events
refer to.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from game.content.scenario import load_scenario
from game.sim.model import Scenario, text_in
from game.workshop.render import format_number, render
from game.workshop.sets import AgendaItem, ScenarioSet, agenda

log = logging.getLogger(__name__)

LABELS = {
    "de": {
        "title": "Leitfaden für die Moderation",
        "audience": "Zielgruppe",
        "duration": "Dauer",
        "minutes": "{minutes} Min.",
        "teams": "Teams",
        "facts": "Eckdaten",
        "planned": "Geplant sind {planned} Minuten, davon {buffer} Minuten Puffer.",
        "contents": "Inhalt",
        "agenda": "Ablauf",
        "time": "Zeit",
        "length": "Dauer",
        "item": "Programmpunkt",
        "welcome": "Begrüßung und Einführung in die sechs Barriere-Zyklen",
        "briefing": "Briefing: {title}",
        "play": "Spiel: {title} ({rounds} Runden à {per_round})",
        "debrief": "Nachbesprechung mit dem Bericht: {title}",
        "break": "Pause",
        "closing": "Abschluss: Was nehmen wir mit?",
        "buffer": "Puffer",
        "preparation": "Vorbereitung",
        "checklist": [
            "Je Team ein Gerät mit Datenschatz (Browser oder Desktop), geladen und "
            "getestet; Ton aus.",
            "Teamnamen aus der Vorschlagsliste (Tiere, hessische Flüsse) vergeben. "
            "Bitten Sie die Teams, keine Namen von Personen zu verwenden.",
            "Falls das Set einen Startwert nennt: Alle Teams stellen ihn ein, damit "
            "alle dasselbe Zufallsglück haben.",
            "Einen Weg für die Ergebniscodes festlegen: vorlesen, in ein geteiltes "
            "Dokument tippen oder die Ergebnisdatei weitergeben.",
            "Den Bericht vorab mit geübten Codes ausprobieren (siehe „Nach dem "
            "Spiel“) und einen Beamer für die Nachbesprechung bereithalten.",
        ],
        "scenario": "Szenario {number}: {title}",
        "timing": "Zeitplan",
        "timing_text": (
            "{rounds} Runden à {per_round} ({play} Min. Spielzeit), Briefing "
            "{briefing} Min., Nachbesprechung {debrief} Min."
        ),
        "duration_text": "{minutes} Minuten",
        "seed_text": "Startwert für alle Teams: {seed}.",
        "seed_free": "Kein fester Startwert: Jedes Team spielt mit eigenem Zufallsglück.",
        "briefing_h": "Briefing zum Vorlesen",
        "champion": "Rolle der Spielenden: {champion}.",
        "goals": "Ziel",
        "goals_intro": "Gewonnen hat ein Team, sobald alles Folgende gilt:",
        "goals_rounds": "Spätestens nach {rounds} Runden (Quartalen) endet das Spiel.",
        "resources": (
            "Start mit {budget} EUR und {capacity} Personentagen; je Runde kommen "
            "{income} EUR hinzu, und {per_round} Personentage stehen bereit."
        ),
        "cycles": "Zyklen im Spiel",
        "notes": "Hinweise für die Moderation",
        "questions": "Fragen für die Nachbesprechung",
        "lessons": "Lektionen zum Vertiefen",
        "lessons_intro": (
            "Diese Lektionen gehören zu den Maßnahmen und Ereignissen des Szenarios. "
            "Empfehlen Sie sie nach dem Workshop oder nutzen Sie sie zur Vorbereitung."
        ),
        "lesson_for": "zu: {items}",
        "no_lessons": "Das Szenario verweist auf keine Lektionen.",
        "after": "Nach dem Spiel: Ergebnisse einsammeln",
        "after_text": (
            "Am Ende jeder Partie zeigt das Spiel einen Ergebniscode und bietet ihn "
            "als Datei zum Herunterladen an. Sammeln Sie die Codes in einer "
            "Textdatei, einen je Zeile, und erstellen Sie den Bericht:"
        ),
        "after_check": (
            "Codes mit Tippfehlern, aus einer anderen Fassung des Szenarios oder "
            "doppelte Codes nennt der Befehl mit Grund; lassen Sie sich diese Codes "
            "erneut geben. Zum Üben erzeugt {rehearse} Codes automatischer Teams."
        ),
        "condition_var": "{name} {op} {value}",
        "condition_round": "Runde {op} {value}",
        "condition_res": "{name} {op} {value}",
        "condition_done": "Maßnahme „{name}“ abgeschlossen",
        "condition_not_done": "Maßnahme „{name}“ nicht abgeschlossen",
        "condition_state": "Zustand „{name}“ besteht",
        "condition_not_state": "Zustand „{name}“ besteht nicht",
        "condition_phase": "Phase „{name}“ erreicht",
        "condition_any": "mindestens eines davon: {items}",
        "budget": "Budget (EUR)",
        "kapazitaet": "Personentage",
        "footer": (
            "Erstellt mit Datenschatz aus dem Set „{set_id}“. Der Leitfaden enthält "
            "keine personenbezogenen Daten."
        ),
    },
    "en": {
        "title": "Facilitator guide",
        "audience": "Audience",
        "duration": "Duration",
        "minutes": "{minutes} min",
        "teams": "Teams",
        "facts": "Key facts",
        "planned": "{planned} minutes are planned, {buffer} of them buffer.",
        "contents": "Contents",
        "agenda": "Agenda",
        "time": "Time",
        "length": "Length",
        "item": "Item",
        "welcome": "Welcome and introduction to the six barrier cycles",
        "briefing": "Briefing: {title}",
        "play": "Play: {title} ({rounds} rounds of {per_round})",
        "debrief": "Debrief with the report: {title}",
        "break": "Break",
        "closing": "Closing: what do we take away?",
        "buffer": "Buffer",
        "preparation": "Preparation",
        "checklist": [
            "One device with Datenschatz per team (browser or desktop), loaded and "
            "tested; sound off.",
            "Assign team names from the suggestion list (animals, Hessian rivers). "
            "Ask teams not to use names of people.",
            "If the set names a seed: all teams enter it, so all have the same luck.",
            "Agree how result codes come back: read aloud, typed into a shared "
            "document, or the result file passed on.",
            "Try the report beforehand with rehearsal codes (see 'After the game') "
            "and have a projector ready for the debrief.",
        ],
        "scenario": "Scenario {number}: {title}",
        "timing": "Timing",
        "timing_text": (
            "{rounds} rounds of {per_round} ({play} min of play), briefing {briefing} "
            "min, debrief {debrief} min."
        ),
        "duration_text": "{minutes} minutes",
        "seed_text": "Seed for all teams: {seed}.",
        "seed_free": "No fixed seed: each team plays with its own luck.",
        "briefing_h": "Briefing to read aloud",
        "champion": "Players' role: {champion}.",
        "goals": "Goal",
        "goals_intro": "A team wins as soon as all of the following hold:",
        "goals_rounds": "The game ends after {rounds} rounds (quarters) at the latest.",
        "resources": (
            "Start with {budget} EUR and {capacity} person-days; each round adds "
            "{income} EUR and provides {per_round} person-days."
        ),
        "cycles": "Cycles in play",
        "notes": "Notes for the facilitator",
        "questions": "Debrief questions",
        "lessons": "Lessons for further study",
        "lessons_intro": (
            "These lessons belong to the scenario's actions and events. Recommend "
            "them after the workshop or use them to prepare."
        ),
        "lesson_for": "for: {items}",
        "no_lessons": "The scenario refers to no lessons.",
        "after": "After the game: collecting results",
        "after_text": (
            "At the end of each game, the game shows a result code and offers it as "
            "a file download. Collect the codes in a text file, one per line, and "
            "build the report:"
        ),
        "after_check": (
            "The command names codes with typos, from another version of the "
            "scenario, or duplicates, with the reason; ask for those codes again. "
            "For practice, {rehearse} makes codes of automatic teams."
        ),
        "condition_var": "{name} {op} {value}",
        "condition_round": "round {op} {value}",
        "condition_res": "{name} {op} {value}",
        "condition_done": "action '{name}' completed",
        "condition_not_done": "action '{name}' not completed",
        "condition_state": "state '{name}' holds",
        "condition_not_state": "state '{name}' does not hold",
        "condition_phase": "phase '{name}' reached",
        "condition_any": "at least one of: {items}",
        "budget": "budget (EUR)",
        "kapazitaet": "person-days",
        "footer": (
            "Made with Datenschatz from the set '{set_id}'. The guide contains no "
            "personal data."
        ),
    },
}


@dataclass
class AgendaRow:
    time: str
    minutes: str
    item: str
    kind: str


@dataclass
class Lesson:
    id: str
    href: str
    used_by: str


@dataclass
class CycleInfo:
    name: str
    explanation: str


@dataclass
class GuideScenario:
    number: int
    id: str
    heading: str
    summary: str
    timing: str
    seed: str
    story: list[str]
    champion: str
    goals: list[str]
    goals_rounds: str
    resources: str
    cycles: list[CycleInfo]
    notes: list[str]
    questions: list[str]
    lessons: list[Lesson] = field(default_factory=list)


@dataclass
class Guide:
    lang: str
    title: str
    set_title: str
    set_id: str
    audience: str
    description: str
    duration: str
    teams: int
    planned: str
    agenda: list[AgendaRow]
    scenarios: list[GuideScenario]
    report_command: str
    rehearse_command: str


def build_guide(
    scenario_set: ScenarioSet,
    lang: str = "de",
    lessons_base: str = "../elearning/",
    start_minute: int | None = None,
) -> Guide:
    """Compute the guide of a validated set.

    Args:
        lessons_base: Folder of the exported e-learning module; lesson ``x``
            of path ``p`` links to ``<lessons_base>pfad-p.html#l-x``.
        start_minute: Clock time of the start in minutes after midnight; the
            agenda shows times relative to the start when ``None``.
    """
    lang = "en" if lang == "en" else "de"
    labels = LABELS[lang]
    folder = Path(scenario_set.scenario_dir)
    scenarios = {
        entry.scenario_id: load_scenario(folder / f"{entry.scenario_id}.yaml")
        for entry in scenario_set.entries
    }
    titles = {sid: text_in(s.title, lang) for sid, s in scenarios.items()}
    buffer = scenario_set.duration_minutes - scenario_set.planned_minutes
    rows = [
        _agenda_row(item, scenario_set, titles, labels, lang, start_minute)
        for item in agenda(scenario_set)
    ]
    if buffer > 0:
        rows.append(
            AgendaRow(
                _clock_range(scenario_set.planned_minutes, buffer, start_minute),
                labels["minutes"].format(minutes=buffer),
                labels["buffer"],
                "buffer",
            )
        )
    sections = [
        _scenario_section(
            number, entry, scenarios[entry.scenario_id], labels, lang, lessons_base
        )
        for number, entry in enumerate(scenario_set.entries, start=1)
    ]
    set_path = Path(scenario_set.source).as_posix()
    return Guide(
        lang=lang,
        title=labels["title"],
        set_title=text_in(scenario_set.title, lang),
        set_id=scenario_set.id,
        audience=text_in(scenario_set.audience, lang),
        description=text_in(scenario_set.description, lang),
        duration=labels["duration_text"].format(minutes=scenario_set.duration_minutes),
        teams=scenario_set.teams,
        planned=labels["planned"].format(
            planned=scenario_set.duration_minutes, buffer=max(buffer, 0)
        ),
        agenda=rows,
        scenarios=sections,
        report_command=(
            f"python -m game workshop report --set {set_path} "
            "--codes-file codes.txt --out bericht.html --csv ergebnisse.csv"
        ),
        rehearse_command=(
            "python -m game simulate scenarios/"
            f"{scenario_set.entries[0].scenario_id}.yaml --codes {scenario_set.teams}"
        ),
    )


def render_guide_html(guide: Guide) -> str:
    """Render the guide as a single, printable HTML page."""
    return render("guide.html.j2", guide=guide, L=LABELS[guide.lang])


def lesson_links(scenario: Scenario, lang: str, base: str) -> list[Lesson]:
    """Return the lessons of a scenario's actions and events, first use first."""
    used_by: dict[str, list[str]] = {}
    for action in scenario.actions:
        for lesson_id in action.lessons:
            used_by.setdefault(lesson_id, []).append(f"„{text_in(action.name, lang)}“")
    for event in scenario.events:
        for lesson_id in event.lessons:
            used_by.setdefault(lesson_id, []).append(f"„{text_in(event.title, lang)}“")
    if lang == "en":
        used_by = {
            key: [name.replace("„", "'").replace("“", "'") for name in names]
            for key, names in used_by.items()
        }
    labels = LABELS[lang]
    index = _lesson_index(Path(scenario.source).resolve().parent.parent)
    lessons = []
    for lesson_id, names in used_by.items():
        path_id, title = index.get(lesson_id, (None, None))
        # The e-learning export shows each lesson inside its path's page.
        href = f"{base}pfad-{path_id}.html#l-{lesson_id}" if path_id else ""
        label = text_in(title, lang) if title else lesson_id
        lessons.append(
            Lesson(label, href, labels["lesson_for"].format(items=", ".join(names)))
        )
    return lessons


def _lesson_index(root: Path) -> dict[str, tuple[str, dict]]:
    """Map lesson ids to the first path that contains them and their titles.

    Returns an empty index if the project has no valid learning content; the
    guide then lists lesson ids without links.
    """
    if not (root / "learning_paths").is_dir():
        return {}
    from game.content.errors import ContentError
    from game.learn import load_learning_content

    try:
        content = load_learning_content(root, include_scenario_problems=False)
    except ContentError as error:
        log.warning("learning content of %s not usable for lesson links: %s", root, error)
        return {}
    index: dict[str, tuple[str, dict]] = {}
    for path in content.paths:
        for module in path.modules:
            for lesson_id in module.lessons:
                if lesson_id not in index and lesson_id in content.lessons:
                    index[lesson_id] = (path.id, content.lessons[lesson_id].title)
    return index


def describe_condition(clause: list, scenario: Scenario, lang: str) -> str:
    """Return a win or phase condition clause as a readable phrase."""
    labels = LABELS["en" if lang == "en" else "de"]
    kind = clause[0]
    ops = {">=": "≥", "<=": "≤", "==": "=", "!=": "≠"}

    if kind == "var":
        name = text_in(scenario.variable(clause[1]).name, lang)
        return labels["condition_var"].format(
            name=name, op=ops.get(clause[2], clause[2]), value=_value(clause[3], lang)
        )

    if kind == "round":
        return labels["condition_round"].format(
            op=ops.get(clause[2], clause[2]), value=_value(clause[3], lang)
        )

    if kind == "res":
        return labels["condition_res"].format(
            name=labels[clause[1]],
            op=ops.get(clause[2], clause[2]),
            value=_value(clause[3], lang),
        )

    if kind in ("done", "not_done"):
        name = text_in(scenario.action(clause[1]).name, lang)
        return labels["condition_" + kind].format(name=name)

    if kind in ("state", "not_state"):
        state = next(s for s in scenario.states if s.id == clause[1])
        return labels["condition_" + kind].format(name=text_in(state.name, lang))

    if kind == "phase":
        phase = next(p for p in scenario.goals.phases if p.id == clause[1])
        return labels["condition_phase"].format(name=text_in(phase.name, lang))

    if kind == "any":
        items = "; ".join(describe_condition(c, scenario, lang) for c in clause[1])
        return labels["condition_any"].format(items=items)

    raise ValueError(f"unknown condition kind {kind!r}")


def _value(number: float, lang: str) -> str:
    return format_number(number, lang, 0 if float(number).is_integer() else 1)


def _clock(minute: int, start_minute: int | None) -> str:
    total = minute + (start_minute or 0)
    if start_minute is None:
        return f"{total // 60}:{total % 60:02d}"
    return f"{(total // 60) % 24:02d}:{total % 60:02d}"


def _clock_range(start: int, minutes: int, start_minute: int | None) -> str:
    return f"{_clock(start, start_minute)}–{_clock(start + minutes, start_minute)}"


def _per_round(seconds: int, lang: str) -> str:
    if seconds % 60 == 0:
        return f"{seconds // 60} Min." if lang == "de" else f"{seconds // 60} min"
    return (
        f"{seconds // 60}:{seconds % 60:02d} Min."
        if lang == "de"
        else (f"{seconds // 60}:{seconds % 60:02d} min")
    )


def _agenda_row(
    item: AgendaItem, scenario_set, titles, labels, lang, start_minute
) -> AgendaRow:
    title = titles.get(item.scenario_id, "")
    if item.kind == "play":
        entry = scenario_set.entry(item.scenario_id)
        text = labels["play"].format(
            title=title,
            rounds=entry.rounds,
            per_round=_per_round(entry.seconds_per_round, lang),
        )
    else:
        text = labels[item.kind].format(title=title)
    return AgendaRow(
        _clock_range(item.start, item.minutes, start_minute),
        labels["minutes"].format(minutes=item.minutes),
        text,
        item.kind,
    )


def _paragraphs(text: str) -> list[str]:
    return [" ".join(part.split()) for part in text.split("\n\n") if part.strip()]


def _scenario_section(number, entry, scenario, labels, lang, base) -> GuideScenario:
    title = text_in(scenario.title, lang)
    resources = scenario.resources
    return GuideScenario(
        number=number,
        id=scenario.id,
        heading=labels["scenario"].format(number=number, title=title),
        summary=text_in(scenario.summary, lang),
        timing=labels["timing_text"].format(
            rounds=entry.rounds,
            per_round=_per_round(entry.seconds_per_round, lang),
            play=entry.play_minutes,
            briefing=entry.briefing_minutes,
            debrief=entry.debrief_minutes,
        ),
        seed=(
            labels["seed_text"].format(seed=entry.seed)
            if entry.seed is not None
            else labels["seed_free"]
        ),
        story=_paragraphs(text_in(scenario.story, lang)),
        champion=labels["champion"].format(champion=text_in(scenario.champion, lang)),
        goals=[describe_condition(c, scenario, lang) for c in scenario.goals.win],
        goals_rounds=labels["goals_rounds"].format(rounds=scenario.goals.rounds),
        resources=labels["resources"].format(
            budget=format_number(resources.budget, lang),
            capacity=format_number(resources.capacity, lang),
            income=format_number(resources.budget_income, lang),
            per_round=format_number(resources.capacity_per_round, lang),
        ),
        cycles=[
            CycleInfo(text_in(loop.name, lang), text_in(loop.explanation, lang))
            for loop in scenario.loops
        ],
        notes=_paragraphs(text_in(entry.notes, lang)),
        questions=[text_in(q, lang) for q in entry.questions],
        lessons=lesson_links(scenario, lang, base),
    )
