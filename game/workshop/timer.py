"""A round timer that the front end drives with elapsed seconds.

The timer reads no clock itself: the game loop passes the seconds since its
last frame to :meth:`RoundTimer.advance`, which keeps the model deterministic
and testable, and lets a paused game (a browser tab in the background) stop
time simply by not calling it.
"""

from __future__ import annotations

import math

#: Seconds before the end from which :attr:`RoundTimer.final_phase` is true.
FINAL_PHASE_SECONDS = 30.0


class RoundTimer:
    """Counts down the time limit of one round.

    States: ``ready`` (created or reset), ``running``, ``paused`` and
    ``expired``. Only a running timer advances. Once expired, it stays
    expired until :meth:`reset`.

    Args:
        limit_seconds: Length of the round in seconds; must be positive.
    """

    def __init__(self, limit_seconds: float):
        if not limit_seconds > 0 or math.isinf(limit_seconds):
            raise ValueError(
                f"round time limit must be a positive number of seconds, "
                f"found {limit_seconds!r}"
            )
        self.limit = float(limit_seconds)
        self.elapsed = 0.0
        self.state = "ready"

    # ----------------------------------------------------------- transitions

    def start(self) -> None:
        """Start counting from the current elapsed time (zero after a reset)."""
        if self.state == "ready":
            self.state = "running"

    def pause(self) -> None:
        """Stop counting until :meth:`resume`; does nothing unless running."""
        if self.state == "running":
            self.state = "paused"

    def resume(self) -> None:
        """Continue counting after :meth:`pause`; does nothing unless paused."""
        if self.state == "paused":
            self.state = "running"

    def reset(self, limit_seconds: float | None = None) -> None:
        """Return to ``ready`` with zero elapsed time, optionally a new limit."""
        if limit_seconds is not None:
            self.__init__(limit_seconds)
            return
        self.elapsed = 0.0
        self.state = "ready"

    def advance(self, seconds: float) -> bool:
        """Add ``seconds`` of elapsed time if running.

        Returns:
            ``True`` exactly once: in the call in which the time runs out, so
            the caller can end the round there.

        Raises:
            ValueError: ``seconds`` is negative or not a finite number.
        """
        if not math.isfinite(seconds) or seconds < 0:
            raise ValueError(
                f"elapsed time must be zero or more seconds, found {seconds!r}"
            )
        if self.state != "running":
            return False
        self.elapsed = min(self.limit, self.elapsed + seconds)
        if self.elapsed >= self.limit:
            self.state = "expired"
            return True
        return False

    # --------------------------------------------------------------- queries

    @property
    def running(self) -> bool:
        return self.state == "running"

    @property
    def paused(self) -> bool:
        return self.state == "paused"

    @property
    def expired(self) -> bool:
        return self.state == "expired"

    @property
    def remaining(self) -> float:
        """Seconds left, between 0 and the limit."""
        return max(0.0, self.limit - self.elapsed)

    @property
    def fraction_remaining(self) -> float:
        """Share of the round still left, from 1.0 (start) to 0.0 (expired)."""
        return self.remaining / self.limit

    @property
    def final_phase(self) -> bool:
        """True while running or paused within the last :data:`FINAL_PHASE_SECONDS`."""
        return self.state in ("running", "paused") and (
            self.remaining <= FINAL_PHASE_SECONDS
        )

    def format_remaining(self) -> str:
        """Return the remaining time as ``m:ss``, rounded up to whole seconds.

        Rounding up means the display shows ``0:00`` only once the timer has
        expired, never while time is left.
        """
        seconds = math.ceil(self.remaining - 1e-9)
        return f"{seconds // 60}:{seconds % 60:02d}"
