"""Smoke test of the engine benchmark script, so that it keeps running.

Only the output format is checked, never the timings: a test suite on a
shared CI machine cannot time anything reliably.
"""

from __future__ import annotations

import re
import subprocess
import sys

from testsupport import ROOT, SCENARIOS

SCRIPT = ROOT / "benchmarks" / "bench_engine.py"


def run_quick() -> list[str]:
    completed = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    return completed.stdout.splitlines()


def test_bench_engine_quick_output():
    lines = run_quick()
    assert lines[0].startswith("machine: ")
    assert lines[1].startswith("method: 20 playthroughs per measurement")
    for path in sorted(SCENARIOS.glob("*.yaml")):
        row = re.compile(
            rf"^{path.stem} +\d+ +[\d.]+ +\d+/s +\d+% +\d+/s +[\d.]+x +[\d.]+ µs$"
        )
        assert any(row.match(line) for line in lines), f"no row for {path.stem}"
    assert any(
        re.match(
            r"^content: \d+ scenario files loaded and validated in [\d.]+ ms", line
        )
        for line in lines
    )
    assert any(
        re.match(r"^floor: sozialraeume \d+/s with attribution off", line)
        for line in lines
    )
