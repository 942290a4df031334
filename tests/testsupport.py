"""Paths and tool checks shared by test modules (importable as ``testsupport``).

``pyproject.toml`` puts ``tests/`` on ``sys.path``; test modules import from
here instead of from ``conftest``, because several folders have a conftest.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"
CHROMIUM = "/usr/bin/chromium"

# Headless Chromium flags that work as root on a machine without network.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def require_tool(available: bool, what: str) -> None:
    """Skip the test if a tool is missing, or fail when CI requires all tools.

    CI sets DATENSCHATZ_REQUIRE_ALL=1, so a missing browser or Node.js there
    fails the run instead of silently skipping the browser and WebAssembly tests.
    """
    if available:
        return
    if os.environ.get("DATENSCHATZ_REQUIRE_ALL") == "1":
        pytest.fail(f"{what} is required (DATENSCHATZ_REQUIRE_ALL=1) but missing")
    pytest.skip(f"{what} is missing")
