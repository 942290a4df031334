"""Measure the time to build a workshop debrief report for 30 teams.

The script plays ``--teams`` automatic teams of one scenario with the policy
``zufall``. All teams play with seed 2026, as in the shipped sets, and each
draws its decisions from its own stream. Each game becomes a result code.
The script then times the facilitator's whole path from codes to files,
repeated ``--repeats`` times:

1. verify: decode every code and replay it with the engine;
2. build: compute tables and chart geometry;
3. render: write the HTML (Jinja2 templates with inline SVG) and the CSV.

Printed figures are medians over the repeats, with the fastest and slowest
total. Time to play the teams and to load the scenario is not included.

Usage:
    python benchmarks/bench_report.py               # 30 teams x 7 repeats
    python benchmarks/bench_report.py --quick       # smoke run: 4 teams x 2 repeats
    python benchmarks/bench_report.py --teams 60 --repeats 11
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.content.scenario import load_scenario  # noqa: E402
from game.workshop.catalog import ScenarioCatalog  # noqa: E402
from game.workshop.codes import encode_simulation  # noqa: E402
from game.workshop.rehearse import rehearsal_games  # noqa: E402
from game.workshop.replay import CodeInput, verify_codes  # noqa: E402
from game.workshop.report import (  # noqa: E402
    build_report,
    render_report_csv,
    render_report_html,
)
from game.workshop.sets import load_set  # noqa: E402

SEED = 2026


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--teams", type=int, default=30, help="teams (default 30)")
    parser.add_argument(
        "--repeats", type=int, default=7, help="timed repeats (default 7)"
    )
    parser.add_argument(
        "--scenario",
        default=str(ROOT / "scenarios" / "sozialraeume.yaml"),
        help="scenario file (default: scenarios/sozialraeume.yaml)",
    )
    parser.add_argument(
        "--quick", action="store_true", help="smoke run: 4 teams, 2 repeats"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.teams, args.repeats = 4, 2

    scenario = load_scenario(args.scenario)
    catalog = ScenarioCatalog()
    catalog.add(scenario)
    scenario_set = load_set(ROOT / "scenarios" / "sets" / "einfuehrung_90.yaml")
    if scenario_set.entry(scenario.id) is None:
        scenario_set = None
    games = rehearsal_games(scenario, args.teams, SEED, "zufall")
    codes = [CodeInput(encode_simulation(sim, team)) for team, sim, _ in games]
    rounds = sum(sim.round for _, sim, _ in games)

    timings: dict[str, list[float]] = {"verify": [], "build": [], "render": []}
    totals: list[float] = []
    size = 0
    for _ in range(args.repeats):
        started = time.perf_counter()
        verification = verify_codes(codes, catalog)
        verified = time.perf_counter()
        report = build_report(verification.accepted, [], "de", scenario_set)
        built = time.perf_counter()
        html = render_report_html(report)
        render_report_csv(verification.accepted, "de")
        rendered = time.perf_counter()
        assert len(verification.accepted) == args.teams, verification.rejected
        timings["verify"].append(verified - started)
        timings["build"].append(built - verified)
        timings["render"].append(rendered - built)
        totals.append(rendered - started)
        size = len(html.encode("utf-8"))

    median = statistics.median(totals)
    print(
        f"Workshop report: {args.teams} teams of {scenario.id} "
        f"({rounds} rounds replayed), {args.repeats} repeats"
    )
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} CPU(s), "
        f"Python {platform.python_version()}"
    )
    print(
        f"total    median {median * 1000:8.1f} ms   "
        f"fastest {min(totals) * 1000:.1f} ms, slowest {max(totals) * 1000:.1f} ms"
    )
    for step, values in timings.items():
        share = statistics.median(values) / median if median else 0.0
        print(
            f"{step:<8} median {statistics.median(values) * 1000:8.1f} ms   "
            f"{share:5.0%} of the total"
        )
    print(f"per team {median / args.teams * 1000:8.2f} ms")
    print(f"HTML size {size / 1024:.0f} KiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
