"""Measure engine playthroughs per second and the time to validate all content.

For every shipped scenario (``scenarios/*.yaml``) the script first records
one decision log per seed: the ``referenz`` policy plays the scenario's
reference strategy and skips actions that an event made unaffordable. Each
log is padded with empty rounds up to the scenario's round count. The
script then times ``Simulation(scenario, seed, attribution).run(log)`` over
all seeds. Runs with attribution off and on alternate within each repeat,
so both see the same machine state, and the ratio is taken per repeat. The
printed figures are medians over the repeats.

Usage:
    python benchmarks/bench_engine.py            # full run, a few seconds per scenario
    python benchmarks/bench_engine.py --quick    # smoke run, a few seconds
    python benchmarks/bench_engine.py --profile  # add a cProfile of the floor scenario
"""

from __future__ import annotations

import argparse
import cProfile
import io
import os
import platform
import pstats
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.content.scenario import load_scenario  # noqa: E402
from game.sim.engine import Simulation  # noqa: E402
from game.sim.policies import make_policy, play  # noqa: E402
from game.tools.validation import collect_files  # noqa: E402

#: The product owner's floor: playthroughs per second of this scenario on one
#: core with attribution off.
FLOOR_SCENARIO = "sozialraeume"
FLOOR_PER_SECOND = 2000.0


def describe_machine() -> str:
    """Return the CPU model, the number of cores and the Python version."""
    model = platform.processor() or "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return (
        f"{model}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()} ({platform.python_implementation()})"
    )


def pin_to_one_core() -> str:
    """Pin this process to one CPU where the OS allows it, and describe the result."""
    if not hasattr(os, "sched_setaffinity"):
        return "not pinned (no sched_setaffinity on this OS)"
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return f"pinned to CPU {cpu}"


def reference_logs(scenario, seeds: range) -> tuple[list, float]:
    """Record the reference strategy's decision log per seed, padded to full length.

    Returns:
        ``(seed, log)`` pairs and the mean number of rounds played: a game
        that is won early stops before the padded log ends.
    """
    logs = []
    played = []
    for seed in seeds:
        sim = play(scenario, seed, make_policy("referenz", scenario, seed))
        log = sim.decision_log + [[]] * (scenario.goals.rounds - len(sim.decision_log))
        logs.append((seed, log))
        played.append(sim.round)
    return logs, statistics.fmean(played)


def time_playthroughs(scenario, logs, attribution: bool) -> float:
    """Return the seconds that replaying every log takes."""
    started = time.perf_counter()
    for seed, log in logs:
        Simulation(scenario, seed, attribution=attribution).run(log)
    return time.perf_counter() - started


def bench_scenario(scenario, logs, repeats: int) -> dict[str, float]:
    """Return median playthroughs per second with attribution off and on.

    The ratio is the median of the per-repeat quotients of the time with
    attribution on and off, measured back to back. The spread is the range
    of the attribution-off times relative to their median.
    """
    # One untimed pass builds the compiled scenario and warms the caches.
    time_playthroughs(scenario, logs, attribution=False)
    off_times, on_times, ratios = [], [], []
    for _ in range(repeats):
        off = time_playthroughs(scenario, logs, attribution=False)
        on = time_playthroughs(scenario, logs, attribution=True)
        off_times.append(off)
        on_times.append(on)
        ratios.append(on / off)
    median_off = statistics.median(off_times)
    return {
        "spread": (max(off_times) - min(off_times)) / median_off,
        "off": len(logs) / median_off,
        "on": len(logs) / statistics.median(on_times),
        "ratio": statistics.median(ratios),
    }


def bench_validation(repeats: int) -> tuple[int, float]:
    """Return the number of scenario files and the median seconds to load all."""
    files = collect_files([str(ROOT / "scenarios")], scenarios_only=True)
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        for path in files:
            load_scenario(path)
        times.append(time.perf_counter() - started)
    return len(files), statistics.median(times)


def profile_floor_scenario(scenario, logs, lines: int = 15) -> str:
    """Return cProfile's top functions by own time, attribution off."""
    profiler = cProfile.Profile()
    profiler.enable()
    time_playthroughs(scenario, logs, attribution=False)
    profiler.disable()
    out = io.StringIO()
    pstats.Stats(profiler, stream=out).sort_stats("tottime").print_stats(lines)
    return out.getvalue()


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--quick",
        action="store_true",
        help="smoke run: 20 seeds, 2 repeats, 1 validation repeat",
    )
    parser.add_argument(
        "--seeds", type=int, default=500, help="playthroughs per measurement"
    )
    parser.add_argument(
        "--repeats", type=int, default=11, help="measurements per figure (median)"
    )
    parser.add_argument(
        "--profile",
        action="store_true",
        help=f"print a cProfile of {FLOOR_SCENARIO} with attribution off",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.seeds, args.repeats = 20, 2
    if args.seeds < 1 or args.repeats < 1:
        parser.error("--seeds and --repeats must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    validation_repeats = 1 if args.quick else 5
    pinned = pin_to_one_core()
    print(f"machine: {describe_machine()}; {pinned}")
    print(
        f"method: {args.seeds} playthroughs per measurement, "
        f"median of {args.repeats} repeats"
    )

    # Playthroughs per second, per shipped scenario.
    print(
        f"{'scenario':<24} {'rounds':>6} {'played':>6} {'attribution off':>16} "
        f"{'spread':>7} {'attribution on':>15} {'on/off time':>12} "
        f"{'per round off':>14}"
    )
    floor_figure = None
    floor_data = None
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        scenario = load_scenario(path)
        logs, played = reference_logs(scenario, range(args.seeds))
        figures = bench_scenario(scenario, logs, args.repeats)
        print(
            f"{path.stem:<24} {scenario.goals.rounds:>6} {played:>6.1f} "
            f"{figures['off']:>14.0f}/s {figures['spread']:>6.0%} "
            f"{figures['on']:>13.0f}/s "
            f"{figures['ratio']:>11.2f}x "
            f"{1e6 / (figures['off'] * played):>11.1f} µs"
        )
        if path.stem == FLOOR_SCENARIO:
            floor_figure = figures["off"]
            floor_data = (scenario, logs)

    # Loading and validating all content, as `python -m game validate scenarios`.
    count, seconds = bench_validation(validation_repeats)
    print(
        f"content: {count} scenario files loaded and validated in "
        f"{seconds * 1000:.1f} ms (median of {validation_repeats})"
    )

    # The product owner's floor.
    if floor_figure is None:
        print(f"floor: scenario {FLOOR_SCENARIO} not found, floor not checked")
    else:
        verdict = "met" if floor_figure >= FLOOR_PER_SECOND else "BELOW FLOOR"
        print(
            f"floor: {FLOOR_SCENARIO} {floor_figure:.0f}/s with attribution off, "
            f"floor {FLOOR_PER_SECOND:.0f}/s: {verdict}"
        )
    if args.profile and floor_data is not None:
        print(profile_floor_scenario(*floor_data))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
