"""Starting the desktop game without a display."""

from __future__ import annotations

import os
import subprocess
import sys

from testsupport import ROOT


def test_no_display_explains_and_exits():
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "SDL_VIDEODRIVER")
    }
    result = subprocess.run(
        [sys.executable, "-m", "game"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.startswith(
        "Kein Bildschirm gefunden (weder DISPLAY noch WAYLAND_DISPLAY"
    )
    assert "python -m game serve" in result.stderr
