"""The ``workshop`` command: ``report`` for the debrief and ``guide`` for planning."""

from __future__ import annotations

import json
import logging
import sys
import time
from pathlib import Path

from game.content.errors import ContentError
from game.workshop.codes import CodeError

log = logging.getLogger(__name__)

# Short CLI texts, German first and English second.
TEXTS = {
    "no_codes": (
        "Keine Codes angegeben. Geben Sie Codes als Argumente an oder mit "
        "--codes-file eine Datei mit einem Code je Zeile.",
        "no codes given. Pass codes as arguments, or a file with one code per line "
        "with --codes-file.",
    ),
    "codes_file": (
        "Codes-Datei {path} kann nicht gelesen werden ({reason}).",
        "cannot read codes file {path} ({reason}).",
    ),
    "result_file": (
        "Ergebnisdatei kann nicht gelesen werden ({reason})",
        "cannot read result file ({reason})",
    ),
    "write_failed": (
        "{path} kann nicht geschrieben werden ({reason}). Prüfen Sie Ordner und Rechte.",
        "cannot write {path} ({reason}). Check the folder and permissions.",
    ),
    "report_done": (
        "Bericht geschrieben: {path} ({teams} Team-Ergebnis(se) in {scenarios} "
        "Szenario(en), {seconds:.1f} s).",
        "report written: {path} ({teams} team result(s) in {scenarios} scenario(s), "
        "{seconds:.1f} s).",
    ),
    "csv_done": ("Tabelle geschrieben: {path}", "table written: {path}"),
    "rejected": (
        "{count} Code(s) nicht berücksichtigt (siehe oben und im Bericht).",
        "{count} code(s) left out (see above and in the report).",
    ),
    "guide_done": ("Leitfaden geschrieben: {path}", "guide written: {path}"),
    "bad_start": (
        "--start: erwartet eine Uhrzeit wie 09:30, gefunden „{value}“.",
        "--start: expected a time such as 09:30, found '{value}'.",
    ),
}


def say(key: str, lang: str, **params) -> str:
    german, english = TEXTS[key]
    return (english if lang == "en" else german).format(**params)


def register(subparsers) -> None:
    workshop = subparsers.add_parser(
        "workshop",
        help="facilitator tools: debrief report from result codes, printable guide",
        description=(
            "Tools for facilitators of workshops in which several teams play the same "
            "scenarios: `report` compares the teams from their result codes, `guide` "
            "prints the plan of a scenario set."
        ),
    )
    commands = workshop.add_subparsers(dest="workshop_command", metavar="COMMAND")
    commands.required = True

    report = commands.add_parser(
        "report",
        help="replay result codes and write a comparative debrief as HTML",
        description=(
            "Check and replay each result code with the game engine and write a single "
            "HTML file (charts as inline SVG, works offline, prints on A4) that compares "
            "the teams per scenario. Codes whose checksum fails, that do not replay or "
            "that come from another version of a scenario are listed with the reason "
            "and left out. Exit code 0 if every code was used, 1 if some were left out "
            "or the set has problems, 2 for usage errors."
        ),
    )
    report.add_argument(
        "codes",
        nargs="*",
        metavar="CODE",
        help="result codes, or result files (*.json) downloaded from the game",
    )
    report.add_argument(
        "--codes-file",
        metavar="FILE",
        help="text file with one code per line; text after # and empty lines are ignored",
    )
    report.add_argument(
        "--out", required=True, metavar="HTML", help="report file to write"
    )
    report.add_argument("--csv", metavar="CSV", help="also write the results as CSV")
    report.add_argument(
        "--set",
        metavar="SET",
        help="scenario set file; its debrief questions and order are used",
    )
    report.add_argument(
        "--scenarios",
        metavar="DIR",
        help="folder with the scenario files (default: the set's, else ./scenarios)",
    )
    report.set_defaults(handler=cmd_report)

    guide = commands.add_parser(
        "guide",
        help="write a printable facilitator guide for a scenario set",
        description=(
            "Write a printable HTML guide for a scenario set: agenda with times, the "
            "scenario briefings and goals, facilitator notes, debrief questions and links "
            "to the lessons of each scenario."
        ),
    )
    guide.add_argument("set", metavar="SET", help="scenario set file")
    guide.add_argument(
        "--out", required=True, metavar="HTML", help="guide file to write"
    )
    guide.add_argument(
        "--lessons-base",
        default="../elearning/",
        metavar="URL",
        help="address of the exported e-learning module (export-elearning --out); a "
        "lesson links to BASE/pfad-<path>.html#l-<id> (default: ../elearning/)",
    )
    guide.add_argument(
        "--start",
        metavar="HH:MM",
        help="clock time the workshop starts; the agenda then shows clock times",
    )
    guide.add_argument(
        "--scenarios",
        metavar="DIR",
        help="folder with the scenario files (default: the folder above the set's)",
    )
    guide.set_defaults(handler=cmd_guide)


# -------------------------------------------------------------------- report


def cmd_report(args) -> int:
    from game.workshop.catalog import ScenarioCatalog, default_scenario_dir
    from game.workshop.render import write_atomic
    from game.workshop.replay import verify_codes
    from game.workshop.report import (
        build_report,
        render_report_csv,
        render_report_html,
    )

    started = time.perf_counter()
    lang = args.lang
    entries = _read_inputs(args, lang)
    if entries is None:
        return 2
    if not entries:
        print(say("no_codes", lang), file=sys.stderr)
        return 2
    scenario_set = None
    if args.set:
        scenario_set = _load_set_or_report(args.set, args.scenarios, lang)
        if scenario_set is None:
            return 1
    if args.scenarios:
        folder = Path(args.scenarios)
    elif scenario_set is not None:
        folder = Path(scenario_set.scenario_dir)
    else:
        folder = default_scenario_dir()
    catalog = ScenarioCatalog.from_directory(folder)

    verification = verify_codes(entries, catalog)
    for rejection in verification.rejected:
        print(rejection.message(lang), file=sys.stderr)
    report = build_report(
        verification.accepted, verification.rejected, lang, scenario_set
    )
    try:
        write_atomic(args.out, render_report_html(report))
        if args.csv:
            write_atomic(args.csv, render_report_csv(verification.accepted, lang))
    except OSError as error:
        path = error.filename or args.out
        print(
            say("write_failed", lang, path=path, reason=error.strerror or error),
            file=sys.stderr,
        )
        return 2
    print(
        say(
            "report_done",
            lang,
            path=args.out,
            teams=len(verification.accepted),
            scenarios=len(report.sections),
            seconds=time.perf_counter() - started,
        )
    )
    if args.csv:
        print(say("csv_done", lang, path=args.csv))
    if verification.rejected:
        print(say("rejected", lang, count=len(verification.rejected)))
        return 1
    return 0


def _read_inputs(args, lang: str):
    """Return the codes of the arguments and the codes file, or ``None`` on error."""
    from game.workshop.replay import CodeInput

    entries: list[CodeInput] = []
    for text in args.codes:
        if text.lower().endswith(".json"):
            entries.append(_read_result_file(Path(text), lang))
        else:
            entries.append(CodeInput(text))
    if args.codes_file:
        try:
            content = Path(args.codes_file).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            reason = getattr(error, "strerror", None) or str(error)
            print(
                say("codes_file", lang, path=args.codes_file, reason=reason),
                file=sys.stderr,
            )
            return None
        for number, line in enumerate(content.splitlines(), start=1):
            code = line.split("#", 1)[0].strip()
            if code:
                # The file and line let the facilitator find a rejected code.
                entries.append(CodeInput(code, where=f"{args.codes_file}:{number}"))
    return entries


def _read_result_file(path: Path, lang: str):
    from game.workshop.replay import CodeInput
    from game.workshop.resultfile import read_result_file

    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        reason = getattr(error, "strerror", None) or str(error)
        return CodeInput(
            "",
            source=path.name,
            error=CodeError("workshop_file_unreadable", reason=reason),
        )
    try:
        result = read_result_file(text)
    except CodeError as error:
        return CodeInput("", team=_claimed_team(text), source=path.name, error=error)
    return CodeInput(result.code, team=result.team, source=path.name)


def _claimed_team(text: str) -> str | None:
    """Return the team a damaged result file names, to say whose file it is."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return None
    team = data.get("team") if isinstance(data, dict) else None
    return team if isinstance(team, str) and team.strip() else None


def _load_set_or_report(path: str, scenario_dir: str | None, lang: str):
    from game.tools.commands import print_problems
    from game.workshop.sets import load_set

    try:
        return load_set(path, scenario_dir)
    except ContentError as error:
        print_problems(error.problems, lang, stream=sys.stderr)
        return None


# --------------------------------------------------------------------- guide


def cmd_guide(args) -> int:
    from game.workshop.guide import build_guide, render_guide_html
    from game.workshop.render import write_atomic

    lang = args.lang
    start = None
    if args.start:
        start = _parse_clock(args.start)
        if start is None:
            print(say("bad_start", lang, value=args.start), file=sys.stderr)
            return 2
    scenario_set = _load_set_or_report(args.set, args.scenarios, lang)
    if scenario_set is None:
        return 1
    guide = build_guide(scenario_set, lang, args.lessons_base, start)
    try:
        write_atomic(args.out, render_guide_html(guide))
    except OSError as error:
        print(
            say("write_failed", lang, path=args.out, reason=error.strerror or error),
            file=sys.stderr,
        )
        return 2
    print(say("guide_done", lang, path=args.out))
    return 0


def _parse_clock(text: str) -> int | None:
    """Return minutes after midnight of ``HH:MM``, or ``None`` if invalid."""
    hours, _, minutes = text.strip().partition(":")
    if not (hours.isdigit() and minutes.isdigit() and len(minutes) == 2):
        return None
    if int(hours) > 23 or int(minutes) > 59:
        return None
    return int(hours) * 60 + int(minutes)
