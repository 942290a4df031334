"""Frame time of the busiest scene, the round screen, against a bare frame.

Runs the real game on SDL's dummy video driver (no window is needed), plays
six rounds of the reference scenario through the input pilot, and then times
frames of the round screen with the running markers animated. In the same run
it times a bare frame that only fills the screen and flips, so the ratio
stays comparable between machines.

Usage::

    python benchmarks/bench_frames.py [--frames 600]

Prints the median and 95th percentile in milliseconds and their ratio to
the bare frame.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

import pygame  # noqa: E402

from game.ui.pilot import Pilot  # noqa: E402
from game.ui.screenshots import make_app  # noqa: E402

WARMUP_FRAMES = 60


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def time_frames(frame, count: int) -> list[float]:
    for _ in range(WARMUP_FRAMES):
        frame()
    times = []
    for _ in range(count):
        start = time.perf_counter()
        frame()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--frames", type=int, default=600, help="frames to time per case")
    args = parser.parse_args()

    app = make_app("de", "normal")
    app.settings.reduced_motion = False
    app.start("sozialraeume")
    pilot = Pilot(app)
    pilot.click_widget("start")
    session = pilot.scene.session
    for decisions in session.scenario.reference_strategy[:6]:
        for action_id in decisions:
            if session.can_select(action_id).available:
                pilot.click_widget(f"action:{action_id}")
        pilot.click_widget("end_round")
        while pilot.scene_name in ("event", "result"):
            pilot.click_widget("ok" if pilot.scene_name == "event" else "continue")
    assert pilot.scene_name == "round", pilot.scene_name
    # Hover an action so the detail panel shows a long text, as in play.
    row = next(w for w in pilot.scene.ui.widgets if w.key.startswith("action:") and w.visible)
    pygame.event.post(pygame.event.Event(pygame.MOUSEMOTION, pos=row.rect.center, rel=(0, 0),
                                         buttons=(0, 0, 0)))
    pilot.frames(1)
    assert pilot.scene_name == "round", pilot.scene_name
    screen = app.screen

    def round_frame() -> None:
        app.step(1 / 60)
        pygame.display.flip()

    def bare_frame() -> None:
        screen.fill((244, 242, 237))
        pygame.display.flip()

    bare = time_frames(bare_frame, args.frames)
    busy = time_frames(round_frame, args.frames)
    bare_median = statistics.median(bare)
    busy_median = statistics.median(busy)
    busy_p95 = percentile(busy, 0.95)
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, pygame-ce {pygame.version.ver}, "
          f"SDL {'.'.join(map(str, pygame.get_sdl_version()))}, "
          f"video driver {os.environ['SDL_VIDEODRIVER']}")
    print(f"frames timed per case: {args.frames} (after {WARMUP_FRAMES} warm-up frames)")
    print(f"bare fill+flip:  median {bare_median:.3f} ms, "
          f"p95 {percentile(bare, 0.95):.3f} ms")
    print(f"round screen:    median {busy_median:.3f} ms, p95 {busy_p95:.3f} ms")
    print(f"ratio to bare:   median {busy_median / bare_median:.1f}x, "
          f"p95 {busy_p95 / bare_median:.1f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
