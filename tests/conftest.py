"""Shared test fixtures: repository paths and tool requirements."""

from __future__ import annotations

import os
import shutil
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

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")


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


@pytest.fixture
def chromium_path() -> str:
    """Path of Debian's Chromium; skips or fails as :func:`require_tool` says."""
    require_tool(Path(CHROMIUM).exists(), "Chromium at /usr/bin/chromium")
    return CHROMIUM


@pytest.fixture
def node_path() -> str:
    """Path of Node.js; skips or fails as :func:`require_tool` says."""
    node = shutil.which("node")
    require_tool(node is not None, "Node.js")
    return node


@pytest.fixture(scope="session")
def reference_scenario():
    """The reference scenario, loaded once per session."""
    from game.content.scenario import load_scenario

    return load_scenario(SCENARIOS / "sozialraeume.yaml")
