"""Shared test fixtures: repository paths and tool requirements."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from testsupport import CHROMIUM, SCENARIOS, require_tool

os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")


@pytest.fixture
def chromium_path() -> str:
    """Path of Debian's Chromium; skipped or failed by :func:`require_tool`."""
    require_tool(Path(CHROMIUM).exists(), "Chromium at /usr/bin/chromium")
    return CHROMIUM


@pytest.fixture
def node_path() -> str:
    """Path of Node.js; skipped or failed by :func:`require_tool`."""
    node = shutil.which("node")
    require_tool(node is not None, "Node.js")
    return node


@pytest.fixture(scope="session")
def reference_scenario():
    """The reference scenario, loaded once per session."""
    from game.content.scenario import load_scenario

    return load_scenario(SCENARIOS / "sozialraeume.yaml")
