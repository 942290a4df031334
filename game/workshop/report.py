"""The comparative debrief report: HTML with inline SVG charts, and a CSV.

Input is the verified results of :mod:`game.workshop.replay`, grouped per
scenario. For every team side by side, the report shows outcome and score,
the key variables over the rounds, the decisions round by round and when
each barrier cycle was first broken. The debrief questions of the set follow,
or general ones when no set is given.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from game.sim.engine import loop_status
from game.sim.model import Scenario, text_in
from game.workshop.charts import (
    BarChart,
    LineChart,
    LoopChart,
    TeamStyle,
    bar_chart,
    line_chart,
    loop_chart,
    team_style,
)
from game.workshop.render import format_number, render
from game.workshop.replay import Rejection, TeamResult
from game.workshop.sets import ScenarioSet

#: Most variables shown as line charts per scenario.
MAX_KEY_VARIABLES = 6

LABELS = {
    "de": {
        "title": "Nachbesprechung",
        "intro": (
            "Vergleich der Teams aus {count} Ergebniscode(s). Jeder Code wurde mit "
            "der Spiel-Engine nachgespielt; die Werte stammen aus dieser "
            "Nachrechnung, nicht aus Angaben der Teams."
        ),
        "contents": "Inhalt",
        "rejected": "Nicht berücksichtigte Codes",
        "rejected_intro": (
            "Diese Codes sind nicht im Bericht enthalten. Lassen Sie sich die Codes "
            "erneut geben und erstellen Sie den Bericht noch einmal."
        ),
        "number": "Nr.",
        "team": "Team",
        "code": "Code",
        "reason": "Grund",
        "unknown_team": "unbekannt",
        "scenario": "Szenario",
        "content_hash": "Inhaltshash",
        "seed": "Startwert",
        "seeds": "Startwerte",
        "results": "Ergebnisse",
        "rank": "Rang",
        "outcome": "Ergebnis",
        "score": "Punkte",
        "phase": "Erreichte Phase",
        "cycles_broken": "Durchbrochene Zyklen",
        "no_phase": "keine",
        "won": "Ziel erreicht in Runde {round}",
        "lost_early": "Gescheitert in Runde {round}",
        "lost_time": "Ziel nach {round} Runden nicht erreicht",
        "unfinished": "Nicht zu Ende gespielt (Runde {round} von {rounds})",
        "score_chart": "Punkte je Team",
        "score_desc": "Balkendiagramm der Punkte: {items}.",
        "variables": "Schlüsselgrößen im Verlauf",
        "variables_intro": (
            "Runde 0 ist der Start. Gestrichelte Linie: Zielwert für den Sieg. "
            "Jedes Team hat eine eigene Farbe und ein eigenes Linienmuster."
        ),
        "line_desc": (
            "Verlauf von „{name}“ über {rounds} Runden, Wertebereich {low} bis "
            "{high}{goal}. {items}."
        ),
        "line_item": "{team}: Start {start}, Ende {end} nach Runde {round}",
        "goal": "Ziel {op} {value}",
        "goal_desc": ", Ziel {op} {value}",
        "cycles": "Durchbrochene Zyklen",
        "cycles_intro": (
            "Ein Zyklus gilt als durchbrochen, sobald er sich zum ersten Mal in die "
            "gute Richtung dreht. „Am Ende“ zeigt seinen Zustand in der letzten "
            "gespielten Runde."
        ),
        "cycle": "Zyklus",
        "broken_in": "Runde {round}",
        "never": "nie",
        "status_vicious": "dreht sich weiter",
        "status_neutral": "steht still",
        "status_virtuous": "durchbrochen",
        "at_end": "am Ende: {status}",
        "loop_chart": "Runde, in der die Teams die Zyklen durchbrochen haben",
        "loop_desc": "Punktdiagramm der Runden, in denen Zyklen durchbrochen wurden. {items}",
        "loop_item": "{loop}: {teams}.",
        "loop_none": "von keinem Team durchbrochen",
        "loop_marker": "{team}: {loop} in Runde {round} durchbrochen",
        "timeline": "Entscheidungen Runde für Runde",
        "timeline_intro": (
            "Begonnene Maßnahmen, eingetretene Ereignisse und durchbrochene Zyklen je "
            "Runde. Ein leeres Feld heißt: nichts begonnen."
        ),
        "round": "Runde",
        "event": "Ereignis",
        "broke": "Zyklus gebrochen",
        "ended": "Spiel beendet",
        "questions": "Fragen für die Nachbesprechung",
        "questions_default": (
            "Das Set legt für dieses Szenario keine Fragen fest; diese Fragen passen "
            "zu jedem Szenario."
        ),
        "set": "Set",
        "teams_count": "{count} Team(s)",
        "footer": (
            "Erstellt mit Datenschatz. Der Bericht enthält nur Teamnamen und keine "
            "personenbezogenen Daten."
        ),
        "no_results": "Es liegt kein gültiger Code vor.",
    },
    "en": {
        "title": "Debrief",
        "intro": (
            "Comparison of the teams from {count} result code(s). Each code was "
            "replayed with the game engine; the values come from that replay, not "
            "from the teams' own statements."
        ),
        "contents": "Contents",
        "rejected": "Codes left out",
        "rejected_intro": (
            "These codes are not part of the report. Ask for the codes again and "
            "build the report once more."
        ),
        "number": "No.",
        "team": "Team",
        "code": "Code",
        "reason": "Reason",
        "unknown_team": "unknown",
        "scenario": "Scenario",
        "content_hash": "Content hash",
        "seed": "Seed",
        "seeds": "Seeds",
        "results": "Results",
        "rank": "Rank",
        "outcome": "Outcome",
        "score": "Score",
        "phase": "Phase reached",
        "cycles_broken": "Cycles broken",
        "no_phase": "none",
        "won": "Goal reached in round {round}",
        "lost_early": "Failed in round {round}",
        "lost_time": "Goal not reached after {round} rounds",
        "unfinished": "Not played to the end (round {round} of {rounds})",
        "score_chart": "Score per team",
        "score_desc": "Bar chart of scores: {items}.",
        "variables": "Key variables over time",
        "variables_intro": (
            "Round 0 is the start. Dashed line: target value for a win. Each team "
            "has its own colour and line pattern."
        ),
        "line_desc": (
            "Course of '{name}' over {rounds} rounds, range {low} to {high}{goal}. "
            "{items}."
        ),
        "line_item": "{team}: start {start}, end {end} after round {round}",
        "goal": "goal {op} {value}",
        "goal_desc": ", goal {op} {value}",
        "cycles": "Broken cycles",
        "cycles_intro": (
            "A cycle counts as broken once it first turns in the good direction. "
            "'At the end' shows its state in the last round played."
        ),
        "cycle": "Cycle",
        "broken_in": "round {round}",
        "never": "never",
        "status_vicious": "still spinning",
        "status_neutral": "at a standstill",
        "status_virtuous": "broken",
        "at_end": "at the end: {status}",
        "loop_chart": "Round in which the teams broke the cycles",
        "loop_desc": "Dot chart of the rounds in which cycles were broken. {items}",
        "loop_item": "{loop}: {teams}.",
        "loop_none": "broken by no team",
        "loop_marker": "{team}: {loop} broken in round {round}",
        "timeline": "Decisions round by round",
        "timeline_intro": (
            "Actions started, events and cycles broken per round. An empty cell "
            "means: nothing started."
        ),
        "round": "Round",
        "event": "Event",
        "broke": "Cycle broken",
        "ended": "Game over",
        "questions": "Debrief questions",
        "questions_default": (
            "The set defines no questions for this scenario; these questions fit "
            "any scenario."
        ),
        "set": "Set",
        "teams_count": "{count} team(s)",
        "footer": (
            "Made with Datenschatz. The report contains team names only and no "
            "personal data."
        ),
        "no_results": "There is no valid code.",
    },
}

#: Debrief questions for scenarios the set does not cover, German and English.
DEFAULT_QUESTIONS = [
    {
        "de": "Welche Zyklen hat Ihr Team gebrochen, in welcher Runde und mit welchen "
        "Maßnahmen? Wo unterscheidet sich Ihr Weg von dem der anderen Teams?",
        "en": "Which cycles did your team break, in which round and with which "
        "actions? Where does your path differ from the other teams'?",
    },
    {
        "de": "Suchen Sie in den Verläufen die Runde, in der sich die Linien der Teams "
        "trennen. Welche Entscheidungen standen kurz davor?",
        "en": "Find the round in the charts where the teams' lines part. Which "
        "decisions came just before?",
    },
    {
        "de": "Welches Ereignis hat Ihr Team am härtesten getroffen, und hätte eine "
        "frühere Maßnahme es abgefedert?",
        "en": "Which event hit your team hardest, and would an earlier action have "
        "cushioned it?",
    },
    {
        "de": "Welcher Zyklus blieb bei allen Teams ungebrochen, und was würde ihn in "
        "Ihrer eigenen Verwaltung in Bewegung bringen?",
        "en": "Which cycle stayed unbroken for all teams, and what would set it "
        "moving in your own administration?",
    },
]


@dataclass
class TeamRow:
    rank: int
    team: str
    style: TeamStyle
    code: str
    seed: int
    outcome: str
    score: float
    score_text: str
    phase: str
    cycles_broken: int


@dataclass
class LoopRowData:
    name: str
    explanation: str
    cells: list[str]


@dataclass
class TimelineCell:
    actions: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)
    loops: list[str] = field(default_factory=list)
    ended: str = ""
    played: bool = True


@dataclass
class TimelineRow:
    round: int
    cells: list[TimelineCell]


@dataclass
class ScenarioSection:
    id: str
    title: str
    summary: str
    content_hash: str
    seeds: str
    teams: list[TeamRow]
    score_chart: BarChart
    charts: list[LineChart]
    loop_rows: list[LoopRowData]
    loop_chart: LoopChart
    timeline: list[TimelineRow]
    questions: list[str]
    questions_from_set: bool


@dataclass
class RejectionRow:
    number: int
    team: str
    code: str
    reason: str


@dataclass
class Report:
    lang: str
    title: str
    set_title: str
    accepted: int
    sections: list[ScenarioSection]
    rejections: list[RejectionRow]


def build_report(
    results: list[TeamResult],
    rejections: list[Rejection],
    lang: str = "de",
    scenario_set: ScenarioSet | None = None,
) -> Report:
    """Group verified results by scenario and compute every table and chart."""
    labels = LABELS["en" if lang == "en" else "de"]
    by_scenario: dict[str, list[TeamResult]] = {}
    for result in results:
        by_scenario.setdefault(result.scenario.id, []).append(result)
    order = list(by_scenario)
    if scenario_set is not None:
        # Scenarios of the set come first, in the set's order.
        planned = [e.scenario_id for e in scenario_set.entries]
        order.sort(key=lambda sid: planned.index(sid) if sid in planned else 99)
    sections = [_section(by_scenario[sid], lang, labels, scenario_set) for sid in order]
    rejection_rows = [
        RejectionRow(
            r.number,
            r.team or labels["unknown_team"],
            " ".join(r.text.split()),
            r.error.message(lang),
        )
        for r in rejections
    ]
    set_title = text_in(scenario_set.title, lang) if scenario_set else ""
    return Report(
        lang="en" if lang == "en" else "de",
        title=labels["title"] + (f": {set_title}" if set_title else ""),
        set_title=set_title,
        accepted=len(results),
        sections=sections,
        rejections=rejection_rows,
    )


def render_report_html(report: Report) -> str:
    """Render a report as a single, self-contained HTML page."""
    return render("report.html.j2", report=report, L=LABELS[report.lang])


def render_report_csv(results: list[TeamResult], lang: str = "de") -> str:
    """Return one CSV row per team and scenario.

    German output uses semicolons and decimal commas and starts with a byte
    order mark, which is what spreadsheet programs set to German expect;
    English output uses commas and decimal points.
    """
    de = lang != "en"
    loop_ids: list[str] = []
    variable_ids: list[str] = []
    for result in results:
        for loop in result.scenario.loops:
            if loop.id not in loop_ids:
                loop_ids.append(loop.id)
        for variable_id in key_variables(result.scenario):
            if variable_id not in variable_ids:
                variable_ids.append(variable_id)
    header = (
        ["szenario", "inhaltshash", "team", "code", "startwert", "ergebnis"]
        + ["runden", "punkte", "phase"]
        if de
        else ["scenario", "content_hash", "team", "code", "seed", "outcome"]
        + ["rounds", "score", "phase"]
    )
    header += [("zyklus_" if de else "cycle_") + loop_id for loop_id in loop_ids]
    header += [("ende_" if de else "final_") + vid for vid in variable_ids]
    outcome_words = (
        {"won": "gewonnen", "lost": "verloren", "unfinished": "nicht_beendet"}
        if de
        else {"won": "won", "lost": "lost", "unfinished": "unfinished"}
    )

    def number(value: float) -> str:
        text = f"{value:.1f}"
        return text.replace(".", ",") if de else text

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";" if de else ",", lineterminator="\r\n")
    writer.writerow(header)
    for result in results:
        sim = result.sim
        broken = dict(
            zip(
                [loop.id for loop in result.scenario.loops],
                sim.loop_broken_round,
                strict=True,
            )
        )
        values = sim.values_by_id()
        row = [
            result.scenario.id,
            result.scenario.content_hash,
            result.team,
            result.code,
            str(result.seed),
            outcome_words[result.outcome],
            str(sim.round),
            number(result.score),
            sim.current_phase() or "",
        ]
        row += [str(broken[lid]) if broken.get(lid) else "" for lid in loop_ids]
        row += [number(values[vid]) if vid in values else "" for vid in variable_ids]
        writer.writerow(row)
    return ("\ufeff" if de else "") + buffer.getvalue()


def key_variables(scenario: Scenario) -> list[str]:
    """Return the variables of the win conditions, then those of the score."""
    chosen: list[str] = []
    for clause in scenario.goals.win:
        if clause and clause[0] == "var" and clause[1] not in chosen:
            chosen.append(clause[1])
    for variable_id in scenario.goals.score_weights:
        if variable_id not in chosen:
            chosen.append(variable_id)
    return chosen[:MAX_KEY_VARIABLES]


# ----------------------------------------------------------------- sections


def _section(
    results: list[TeamResult],
    lang: str,
    labels: dict,
    scenario_set: ScenarioSet | None,
) -> ScenarioSection:
    scenario = results[0].scenario
    ordered = sorted(results, key=lambda r: (-r.score, r.number))
    styles = [team_style(i) for i in range(len(ordered))]
    rows = [
        _team_row(rank, result, style, scenario, lang, labels)
        for rank, (result, style) in enumerate(zip(ordered, styles, strict=True), 1)
    ]
    entry = scenario_set.entry(scenario.id) if scenario_set else None
    if entry is not None:
        questions = [text_in(q, lang) for q in entry.questions]
    else:
        questions = [text_in(q, lang) for q in DEFAULT_QUESTIONS]
    seeds = sorted({r.seed for r in ordered})
    return ScenarioSection(
        id=scenario.id,
        title=text_in(scenario.title, lang),
        summary=text_in(scenario.summary, lang),
        content_hash=scenario.content_hash,
        seeds=", ".join(str(seed) for seed in seeds),
        teams=rows,
        score_chart=_score_chart(scenario, rows, labels, lang),
        charts=_variable_charts(scenario, ordered, styles, labels, lang),
        loop_rows=_loop_rows(scenario, ordered, labels, lang),
        loop_chart=_loop_chart(scenario, ordered, styles, labels, lang),
        timeline=_timeline(scenario, ordered, labels, lang),
        questions=questions,
        questions_from_set=entry is not None,
    )


def _team_row(rank, result, style, scenario, lang, labels) -> TeamRow:
    sim = result.sim
    rounds = scenario.goals.rounds
    if result.outcome == "won":
        outcome = labels["won"].format(round=sim.round)
    elif result.outcome == "lost" and sim.outcome_reason == "lose_condition":
        outcome = labels["lost_early"].format(round=sim.round)
    elif result.outcome == "lost":
        outcome = labels["lost_time"].format(round=sim.round)
    else:
        outcome = labels["unfinished"].format(round=sim.round, rounds=rounds)
    phase_id = sim.current_phase()
    phase = labels["no_phase"]
    for candidate in scenario.goals.phases:
        if candidate.id == phase_id:
            phase = text_in(candidate.name, lang)
    return TeamRow(
        rank=rank,
        team=result.team,
        style=style,
        code=result.code,
        seed=result.seed,
        outcome=outcome,
        score=result.score,
        score_text=format_number(result.score, lang),
        phase=phase,
        cycles_broken=sum(1 for r in sim.loop_broken_round if r),
    )


def _score_chart(scenario, rows: list[TeamRow], labels, lang) -> BarChart:
    items = "; ".join(f"{row.team} {row.score_text}" for row in rows)
    return bar_chart(
        f"score-{scenario.id}",
        labels["score_chart"],
        labels["score_desc"].format(items=items),
        [(row.team, row.style, row.score, row.score_text) for row in rows],
    )


def _goal_for(scenario: Scenario, variable_id: str):
    for clause in scenario.goals.win:
        if clause and clause[0] == "var" and clause[1] == variable_id:
            return clause[2], clause[3]
    return None


def _variable_charts(scenario, ordered, styles, labels, lang) -> list[LineChart]:
    charts = []
    rounds = scenario.goals.rounds
    for variable_id in key_variables(scenario):
        variable = scenario.variable(variable_id)
        index = [v.id for v in scenario.variables].index(variable_id)
        name = text_in(variable.name, lang)
        teams = [
            (r.team, style, [row[index] for row in r.sim.history])
            for r, style in zip(ordered, styles, strict=True)
        ]
        goal = _goal_for(scenario, variable_id)
        threshold = None
        goal_text = ""
        if goal is not None:
            op, value = goal
            shown = format_number(value, lang)
            threshold = (value, labels["goal"].format(op=_op(op), value=shown))
            goal_text = labels["goal_desc"].format(op=_op(op), value=shown)
        items = "; ".join(
            labels["line_item"].format(
                team=team,
                start=format_number(values[0], lang),
                end=format_number(values[-1], lang),
                round=len(values) - 1,
            )
            for team, _, values in teams
        )
        description = labels["line_desc"].format(
            name=name,
            rounds=rounds,
            low=format_number(variable.minimum, lang),
            high=format_number(variable.maximum, lang),
            goal=goal_text,
            items=items,
        )
        charts.append(
            line_chart(
                f"var-{scenario.id}-{variable_id}",
                name,
                description,
                rounds,
                variable.minimum,
                variable.maximum,
                teams,
                threshold,
            )
        )
    return charts


def _op(op: str) -> str:
    return {">=": "≥", "<=": "≤", "==": "=", "!=": "≠"}.get(op, op)


def _final_status(result: TeamResult, loop_id: str) -> str:
    if not result.sim.results:
        return "neutral"
    return loop_status(result.sim.results[-1].loop_health[loop_id])


def _loop_rows(scenario, ordered, labels, lang) -> list[LoopRowData]:
    rows = []
    for index, loop in enumerate(scenario.loops):
        cells = []
        for result in ordered:
            broken = result.sim.loop_broken_round[index]
            when = (
                labels["broken_in"].format(round=broken) if broken else labels["never"]
            )
            status = labels["status_" + _final_status(result, loop.id)]
            cells.append(f"{when} · {labels['at_end'].format(status=status)}")
        rows.append(
            LoopRowData(
                text_in(loop.name, lang), text_in(loop.explanation, lang), cells
            )
        )
    return rows


def _loop_chart(scenario, ordered, styles, labels, lang) -> LoopChart:
    names = [text_in(loop.name, lang) for loop in scenario.loops]
    items = []
    for index, name in enumerate(names):
        teams = [
            f"{r.team} {labels['broken_in'].format(round=r.sim.loop_broken_round[index])}"
            for r in ordered
            if r.sim.loop_broken_round[index]
        ]
        items.append(
            labels["loop_item"].format(
                loop=name, teams=", ".join(teams) or labels["loop_none"]
            )
        )
    return loop_chart(
        f"loops-{scenario.id}",
        labels["loop_chart"],
        labels["loop_desc"].format(items=" ".join(items)),
        scenario.goals.rounds,
        names,
        [
            (r.team, style, list(r.sim.loop_broken_round))
            for r, style in zip(ordered, styles, strict=True)
        ],
        labels["loop_marker"],
    )


def _timeline(scenario, ordered, labels, lang) -> list[TimelineRow]:
    action_names = {a.id: text_in(a.name, lang) for a in scenario.actions}
    event_names = {e.id: text_in(e.title, lang) for e in scenario.events}
    loop_names = {loop.id: text_in(loop.name, lang) for loop in scenario.loops}
    played = max((len(r.sim.results) for r in ordered), default=0)
    rows = []
    for number in range(1, played + 1):
        cells = []
        for result in ordered:
            if number > len(result.sim.results):
                cells.append(TimelineCell(played=False))
                continue
            round_result = result.sim.results[number - 1]
            cell = TimelineCell(
                actions=[action_names[a] for a in round_result.decisions],
                events=[event_names[e] for e in round_result.events],
                loops=[loop_names[lid] for lid in round_result.loops_broken],
            )
            if round_result.outcome is not None:
                cell.ended = labels["ended"]
            cells.append(cell)
        rows.append(TimelineRow(number, cells))
    return rows
