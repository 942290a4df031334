"""Helpers of the web build tests (a module, so test files can import them)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# The flags of the shared tests/conftest.py, repeated because test files cannot
# import a module named `conftest` unambiguously.
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
#: Chromium resolves no host name except 127.0.0.1, so a page cannot reach the
#: public runtime address: the blocked-network case, without any traffic.
OFFLINE_ARGS = [
    *CHROMIUM_ARGS,
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]


def require_entry_point() -> None:
    """Skip while the game front end has no browser entry point yet."""
    if not (ROOT / "game" / "ui" / "app.py").is_file():
        pytest.skip("game/ui/app.py (the browser entry point) does not exist yet")


def run_cli(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    """Run ``python -m game ARGS`` in the repository and capture its output."""
    env = {**os.environ, "SDL_VIDEODRIVER": "dummy", "SDL_AUDIODRIVER": "dummy"}
    return subprocess.run(
        [sys.executable, "-m", "game", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
    )


CHROMIUM = "/usr/bin/chromium"


def require_chromium() -> str:
    """Return Chromium's path; skip without it, or fail when CI requires all tools.

    The same rule as the shared ``chromium_path`` fixture, usable in fixtures
    of module scope.
    """
    if Path(CHROMIUM).exists():
        return CHROMIUM
    if os.environ.get("DATENSCHATZ_REQUIRE_ALL") == "1":
        pytest.fail(f"Chromium at {CHROMIUM} is required (DATENSCHATZ_REQUIRE_ALL=1)")
    pytest.skip(f"Chromium at {CHROMIUM} is missing")
