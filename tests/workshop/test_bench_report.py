"""The report benchmark still runs (a smoke run, not a timing check)."""

from __future__ import annotations

import subprocess
import sys

from testsupport import ROOT


def test_bench_report_quick():
    completed = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "bench_report.py"), "--quick"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    assert "Workshop report: 4 teams of sozialraeume" in completed.stdout
    assert "per team" in completed.stdout
