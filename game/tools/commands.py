"""Authoring commands: ``validate``, ``describe``, ``check`` and ``simulate``."""

from __future__ import annotations

import argparse
import json
import logging
import re
import sys
import time
from pathlib import Path

from game.content.errors import ContentError, Problem
from game.content.scenario import load_scenario
from game.sim.analysis import check_expectation, mean_and_spread, run_batch
from game.sim.loops import loop_polarity
from game.sim.model import Scenario, scenario_to_dict, text_in
from game.sim.policies import POLICY_NAMES
from game.tools.validation import collect_files, validate_paths

log = logging.getLogger(__name__)

# Short CLI texts, German first and English second.
TEXTS = {
    "summary_ok": (
        "{files} Datei(en) geprüft, keine Probleme.",
        "{files} file(s) checked, no problems.",
    ),
    "summary_bad": (
        "{problems} Problem(e) in {bad} von {files} Datei(en).",
        "{problems} problem(s) in {bad} of {files} file(s).",
    ),
    "no_files": (
        "Keine YAML-Dateien unter {paths} gefunden.",
        "no YAML files found under {paths}.",
    ),
    "check_pass": ("OK    ", "PASS  "),
    "check_fail": ("FEHLER", "FAIL  "),
    "check_line": (
        "{status} {scenario}: {name} ({policy}, {runs} Läufe{within}): Siegquote {rate:.0%}{bounds}{worst}",
        "{status} {scenario}: {name} ({policy}, {runs} runs{within}): win rate {rate:.0%}{bounds}{worst}",
    ),
    "within": (", Sieg bis Runde {rounds}", ", win by round {rounds}"),
    "worst": (", höchste bei `{action}`", ", highest with `{action}`"),
    "check_summary": (
        "{passed} von {total} Erwartungen erfüllt ({seconds:.1f} s).",
        "{passed} of {total} expectations met ({seconds:.1f} s).",
    ),
    "no_expectations": (
        "{scenario}: keine Erwartungen unter `erwartungen` deklariert.",
        "{scenario}: no expectations declared under `erwartungen`.",
    ),
}


def say(key: str, lang: str, **params) -> str:
    german, english = TEXTS[key]
    if lang == "en":
        return english.format(**params)
    return german_numbers(german.format(**params))


_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+")


def german_numbers(text: str) -> str:
    """Write numbers the German way: 40.000 and 79,5 %, not 40,000 and 79.5%."""

    def swap(match: re.Match) -> str:
        return match.group(0).translate(str.maketrans({",": ".", ".": ","}))

    return re.sub(r"(\d)%", r"\1 %", _NUMBER.sub(swap, text))


def register(subparsers) -> None:
    validate = subparsers.add_parser(
        "validate",
        help="Szenarien, Sets und Lernpfade prüfen / check scenario, set and learning-path files",
        description=(
            "Check YAML content files and list every problem as file:line:column: message. "
            "Exit code 1 if any problem was found, else 0."
        ),
    )
    validate.add_argument(
        "paths", nargs="+", metavar="PATH", help="files or folders to check"
    )
    validate.add_argument(
        "--quiet", action="store_true", help="print no source snippets"
    )
    validate.set_defaults(handler=cmd_validate)

    describe = subparsers.add_parser(
        "describe",
        help="Aufbau eines Szenarios zeigen / show a scenario's structure",
        description="Print the structure of one scenario, as text or as JSON.",
    )
    describe.add_argument("scenario", metavar="SCENARIO", help="scenario YAML file")
    describe.add_argument(
        "--json", action="store_true", help="print the compiled scenario as JSON"
    )
    describe.set_defaults(handler=cmd_describe)

    check = subparsers.add_parser(
        "check",
        help="Balance-Erwartungen prüfen / run the balance expectations of scenarios",
        description=(
            "Run every expectation under `erwartungen` of each scenario (for example: doing "
            "nothing loses in at least 90 % of seeds) and report which hold. Exit code 1 if "
            "any fails."
        ),
    )
    check.add_argument(
        "paths", nargs="+", metavar="PATH", help="scenario files or folders"
    )
    check.add_argument(
        "--seed", type=int, default=0, help="base seed of the runs (default 0)"
    )
    check.set_defaults(handler=cmd_check)

    simulate = subparsers.add_parser(
        "simulate",
        help="automatisch spielen und auswerten / play automatically and summarise",
        description=(
            "Play SCENARIO N times with an automatic policy and print win rate, score, final "
            "values with their spread, which cycles were broken and when, and which actions are "
            "never worth taking or always dominant. The same arguments print the same output."
        ),
    )
    simulate.add_argument("scenario", metavar="SCENARIO", help="scenario YAML file")
    simulate.add_argument(
        "--policy",
        choices=POLICY_NAMES,
        default="zufall",
        help="automatic player (default: zufall = random)",
    )
    simulate.add_argument("--action", help="action id for --policy einzelne_massnahme")
    simulate.add_argument(
        "--runs", type=_positive, default=100, help="number of games (default 100)"
    )
    simulate.add_argument("--seed", type=int, default=0, help="base seed (default 0)")
    simulate.add_argument(
        "--json", action="store_true", help="print the summary as JSON"
    )
    simulate.add_argument(
        "--codes",
        type=_positive,
        metavar="N",
        help="print workshop result codes of N automatic teams instead of a summary",
    )
    simulate.set_defaults(handler=cmd_simulate)


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a whole number, found {text!r}"
        ) from None
    if value < 1:
        raise argparse.ArgumentTypeError(
            f"expected a number of at least 1, found {value}"
        )
    return value


def print_problems(
    problems: list[Problem], lang: str, snippets: bool = True, stream=None
) -> None:
    """Print problems as ``file:line:column: message`` with the source line."""
    stream = stream or sys.stdout
    cache: dict[str, list[str] | None] = {}
    for problem in problems:
        lines = None
        if snippets and problem.location is not None:
            path = problem.location.path
            if path not in cache:
                try:
                    cache[path] = (
                        Path(path).read_text(encoding="utf-8-sig").splitlines()
                    )
                except (OSError, UnicodeDecodeError):
                    cache[path] = None
            lines = cache[path]
        print(problem.format_with_snippet(lines, lang), file=stream)


def cmd_validate(args) -> int:
    files = collect_files(args.paths)
    if not files:
        print(say("no_files", args.lang, paths=", ".join(args.paths)), file=sys.stderr)
        return 1
    problems_by_file = validate_paths(files, args.paths)
    problems = [p for found in problems_by_file.values() for p in found]
    print_problems(problems, args.lang, snippets=not args.quiet)
    if problems:
        bad = sum(1 for found in problems_by_file.values() if found)
        print(
            say(
                "summary_bad",
                args.lang,
                problems=len(problems),
                bad=bad,
                files=len(files),
            )
        )
        return 1
    print(say("summary_ok", args.lang, files=len(files)))
    return 0


def _load_or_report(path: str, lang: str) -> Scenario | None:
    try:
        return load_scenario(path)
    except ContentError as error:
        print_problems(error.problems, lang, stream=sys.stderr)
        return None


def cmd_describe(args) -> int:
    scenario = _load_or_report(args.scenario, args.lang)
    if scenario is None:
        return 1
    if args.json:
        data = scenario_to_dict(scenario)
        data["loop_polarity"] = {
            loop.id: loop_polarity(scenario, loop) for loop in scenario.loops
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return 0
    print(describe_text(scenario, args.lang))
    return 0


def describe_text(scenario: Scenario, lang: str) -> str:
    """Return a readable overview of a scenario."""
    de = lang != "en"
    t = lambda texts: text_in(texts, lang)  # noqa: E731
    out = [
        f"{t(scenario.title)} [{scenario.id}, {scenario.content_hash}]",
        t(scenario.summary),
        "",
    ]
    r = scenario.resources
    resources = (
        ("Ressourcen: " if de else "Resources: ")
        + f"{r.budget:,.0f} EUR (+{r.budget_income:,.0f}/"
        + ("Runde), " if de else "round), ")
        + f"{r.capacity:g} PT ("
        + ("je Runde " if de else "per round ")
        + f"{r.capacity_per_round:g})"
    )
    out.append(german_numbers(resources) if de else resources)

    out.append(("Runden: " if de else "Rounds: ") + str(scenario.goals.rounds))
    out.append("")
    out.append(f"{'Variablen' if de else 'Variables'} ({len(scenario.variables)}):")
    for v in scenario.variables:
        better = (
            ("↑ gut" if de else "↑ good")
            if v.desirable == "high"
            else ("↓ gut" if de else "↓ good")
        )
        cycles = ", ".join(v.cycles) or "–"
        out.append(
            f"  {v.id:<24} {t(v.name):<36} start {v.start:g} [{v.minimum:g}..{v.maximum:g}]"
            f"  {v.dimension}, {better}, {'Zyklen' if de else 'cycles'}: {cycles}"
        )
    out.append("")
    out.append(f"{'Wirkungen' if de else 'Links'} ({len(scenario.links)}):")
    for link in scenario.links:
        sign = "+" if link.polarity > 0 else "−"
        delay = (
            f", {'Verzögerung' if de else 'delay'} {link.delay}" if link.delay else ""
        )
        line = f"  {link.source} --({sign}{link.strength:g}{delay})--> {link.target}"
        out.append(german_numbers(line) if de else line)
    out.append("")
    out.append(f"{'Zyklen' if de else 'Loops'} ({len(scenario.loops)}):")
    for loop in scenario.loops:
        polarity = loop_polarity(scenario, loop)
        label = {
            "reinforcing": ("R, selbstverstärkend", "R, reinforcing"),
            "balancing": ("B, ausgleichend", "B, balancing"),
        }[polarity][0 if de else 1]
        chain = " → ".join(loop.variables + [loop.variables[0]])
        out.append(f"  {loop.id} ({label}): {t(loop.name)}")
        out.append(f"      {chain}")
    if scenario.states:
        out.append("")
        out.append(f"{'Zustände' if de else 'States'} ({len(scenario.states)}):")
        for state in scenario.states:
            out.append(f"  {state.id}: {t(state.name)}")
    out.append("")
    out.append(f"{'Maßnahmen' if de else 'Actions'} ({len(scenario.actions)}):")
    for action in scenario.actions:
        out.append(
            f"  {action.id:<24} {t(action.name):<44} {action.cost_budget:>7,.0f} EUR "
            f"{action.cost_capacity:>3g} PT  {action.phase}"
        )
    out.append("")
    out.append(f"{'Ereignisse' if de else 'Events'} ({len(scenario.events)}):")
    for event in scenario.events:
        out.append(f"  {event.id:<24} p={event.probability:g}  {t(event.title)}")
    return "\n".join(out)


def cmd_check(args) -> int:
    started = time.perf_counter()
    files = collect_files(args.paths, scenarios_only=True)
    if not files:
        print(say("no_files", args.lang, paths=", ".join(args.paths)), file=sys.stderr)
        return 1
    total = passed = 0
    failed_loading = False
    for path in files:
        scenario = _load_or_report(str(path), args.lang)
        if scenario is None:
            failed_loading = True
            continue
        if not scenario.expectations:
            print(say("no_expectations", args.lang, scenario=scenario.id))
        for expectation in scenario.expectations:
            result = check_expectation(scenario, expectation, args.seed)
            total += 1
            passed += result.passed
            bounds = []
            if expectation.min_win_rate is not None:
                bounds.append(f"≥ {expectation.min_win_rate:.0%}")
            if expectation.max_win_rate is not None:
                bounds.append(f"≤ {expectation.max_win_rate:.0%}")
            print(
                say(
                    "check_line",
                    args.lang,
                    status=say(
                        "check_pass" if result.passed else "check_fail", args.lang
                    ),
                    scenario=scenario.id,
                    name=expectation.id,
                    policy=expectation.policy,
                    runs=expectation.runs,
                    within=say("within", args.lang, rounds=expectation.within_rounds)
                    if expectation.within_rounds
                    else "",
                    rate=result.win_rate,
                    bounds=f" ({', '.join(bounds)})" if bounds else "",
                    worst=say("worst", args.lang, action=result.worst_action)
                    if result.worst_action
                    else "",
                )
            )
    print(
        say(
            "check_summary",
            args.lang,
            passed=passed,
            total=total,
            seconds=time.perf_counter() - started,
        )
    )
    return 0 if passed == total and not failed_loading else 1


def cmd_simulate(args) -> int:
    scenario = _load_or_report(args.scenario, args.lang)
    if scenario is None:
        return 1
    if args.codes:
        # Rehearsal teams of `einzelne_massnahme` each repeat a different action.
        from game.workshop.rehearse import print_result_codes

        return print_result_codes(
            scenario, args.codes, args.seed, args.policy, args.lang
        )
    if args.action and args.policy != "einzelne_massnahme":
        print(
            "--action: "
            + (
                "gilt nur mit --policy einzelne_massnahme"
                if args.lang != "en"
                else "applies only with --policy einzelne_massnahme"
            ),
            file=sys.stderr,
        )
        return 2
    if args.policy == "einzelne_massnahme":
        known = [a.id for a in scenario.actions]
        if args.action not in known:
            print(
                f"--action: {'wählen Sie eine von' if args.lang != 'en' else 'choose one of'} "
                f"{', '.join(known)}",
                file=sys.stderr,
            )
            return 2
    stats = run_batch(scenario, args.policy, args.runs, args.seed, args.action)
    summary = summarise(stats, scenario)
    if args.json:
        print(json.dumps(summary, ensure_ascii=False, indent=2, sort_keys=True))
    else:
        print(summary_text(summary, scenario, args.lang))
    return 0


def summarise(stats, scenario: Scenario) -> dict:
    """Return a JSON-ready summary of a batch."""
    score_mean, score_sd = mean_and_spread(stats.scores)
    rounds_mean, _ = mean_and_spread([float(r) for r in stats.rounds])
    finals = {}
    for variable_id, values in stats.final_values.items():
        mean, spread = mean_and_spread(values)
        finals[variable_id] = {"mean": round(mean, 2), "sd": round(spread, 2)}
    loops = {}
    for loop_id, rounds in stats.loops_broken.items():
        mean, _ = mean_and_spread([float(r) for r in rounds])
        loops[loop_id] = {
            "broken_share": round(len(rounds) / stats.runs, 4),
            "mean_round": round(mean, 2) if rounds else None,
            "polarity": loop_polarity(
                scenario, next(lp for lp in scenario.loops if lp.id == loop_id)
            ),
        }
    verdicts = stats.action_verdicts() if stats.policy == "zufall" else {}
    actions = {}
    for usage in stats.actions.values():
        rate_taken = usage.win_rate_taken()
        rate_not = usage.win_rate_not_taken(stats.runs)
        actions[usage.id] = {
            "runs_taken_share": round(usage.runs_taken / stats.runs, 4),
            "mean_times_taken": round(usage.times_taken / stats.runs, 3),
            "win_rate_taken": None if rate_taken is None else round(rate_taken, 4),
            "win_rate_not_taken": None if rate_not is None else round(rate_not, 4),
            "verdict": verdicts.get(usage.id),
        }
    return {
        "scenario": scenario.id,
        "content_hash": scenario.content_hash,
        "policy": stats.policy,
        "runs": stats.runs,
        "seed": stats.seed,
        "win_rate": round(stats.win_rate, 4),
        "wins_by_round": {str(k): v for k, v in sorted(stats.wins_by_round.items())},
        "score": {"mean": round(score_mean, 2), "sd": round(score_sd, 2)},
        "mean_rounds": round(rounds_mean, 2),
        "final_values": finals,
        "loops": loops,
        "actions": actions,
    }


def summary_text(summary: dict, scenario: Scenario, lang: str) -> str:
    """Render :func:`summarise` output as aligned text."""
    de = lang != "en"
    names = {v.id: text_in(v.name, lang) for v in scenario.variables}
    out = [
        f"{scenario.id} [{summary['content_hash']}] – "
        f"{'Strategie' if de else 'policy'} {summary['policy']}, "
        f"{summary['runs']} {'Läufe' if de else 'runs'}, seed {summary['seed']}",
        f"{'Siegquote' if de else 'Win rate'}: {summary['win_rate']:.1%}   "
        f"{'Punkte' if de else 'Score'}: {summary['score']['mean']:.1f} ± {summary['score']['sd']:.1f}   "
        f"{'Runden im Mittel' if de else 'Mean rounds'}: {summary['mean_rounds']:.1f}",
        "",
        f"{'Endwerte (Mittel ± Streuung)' if de else 'Final values (mean ± sd)'}:",
    ]
    for variable_id, value in summary["final_values"].items():
        numbers = f"{value['mean']:6.1f} ± {value['sd']:5.1f}"
        # Variable names are author text, so only the numbers are localized.
        out.append(f"  {names[variable_id]:<40} \0{numbers}")
    out.append("")
    out.append(f"{'Durchbrochene Zyklen' if de else 'Broken cycles'}:")
    for loop_id, loop in summary["loops"].items():
        when = (
            f"{'im Mittel in Runde' if de else 'on average in round'} {loop['mean_round']:.1f}"
            if loop["mean_round"] is not None
            else ("nie" if de else "never")
        )
        out.append(
            f"  {loop_id:<16} {loop['broken_share']:6.1%} {'der Läufe' if de else 'of runs'}, {when}"
        )
    out.append("")
    out.append(f"{'Maßnahmen' if de else 'Actions'}:")
    labels = {
        "dominant": ("immer dominant", "always dominant"),
        "never_worth": ("nie lohnend", "never worth taking"),
    }
    for action_id, action in summary["actions"].items():
        verdict = action["verdict"]
        note = f"  ← {labels[verdict][0 if de else 1]}" if verdict else ""
        taken = action["win_rate_taken"]
        not_taken = action["win_rate_not_taken"]
        rates = (
            f"{'Sieg mit' if de else 'win with'} {_percent(taken)}, "
            f"{'ohne' if de else 'without'} {_percent(not_taken)}"
        )
        out.append(
            f"  {action_id:<24} {'genutzt in' if de else 'used in'} {action['runs_taken_share']:6.1%}"
            f" {'der Läufe' if de else 'of runs'}; {rates}{note}"
        )
    if not de:
        return "\n".join(out).replace("\0", "")
    localized = []
    for line in out:
        if "\0" in line:
            name, numbers = line.split("\0")
            localized.append(name + german_numbers(numbers))
        else:
            localized.append(german_numbers(line))
    return "\n".join(localized)


def _percent(value) -> str:
    return "–" if value is None else f"{value:.0%}"
