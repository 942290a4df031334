"""A small input pilot: posts real pygame events and runs frames of the app.

Tests, the screenshot command and the frame benchmark drive the game through
it, so they exercise the same event handling as a player (the pygame event
queue, the focus group, the scene stack), without a window or a timer.
"""

from __future__ import annotations

import pygame

from game.ui.app import App
from game.ui.widgets import Widget

#: Seconds per simulated frame.
FRAME = 1 / 60


class PilotError(AssertionError):
    """The pilot could not find or reach the requested widget."""


class Pilot:
    def __init__(self, app: App):
        self.app = app

    @property
    def scene(self):
        return self.app.stack.top

    @property
    def scene_name(self) -> str:
        return self.scene.NAME if self.scene else "-"

    def frames(self, count: int = 1, dt: float = FRAME) -> None:
        for _ in range(count):
            self.app.step(dt)

    def key(self, key: int, mod: int = 0, frames: int = 1) -> None:
        """Press and release a key, then run frames."""
        pygame.event.post(
            pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode="", scancode=0)
        )
        pygame.event.post(
            pygame.event.Event(pygame.KEYUP, key=key, mod=mod, unicode="", scancode=0)
        )
        self.frames(frames)

    def click(self, position, frames: int = 1) -> None:
        """Move the pointer to ``position`` and click the left button."""
        position = (int(position[0]), int(position[1]))
        pygame.event.post(
            pygame.event.Event(
                pygame.MOUSEMOTION, pos=position, rel=(0, 0), buttons=(0, 0, 0)
            )
        )
        pygame.event.post(
            pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=position, button=1)
        )
        pygame.event.post(
            pygame.event.Event(pygame.MOUSEBUTTONUP, pos=position, button=1)
        )
        self.frames(frames)

    def widget(self, key: str) -> Widget:
        self.scene.ensure_layout()
        for widget in self.scene.ui.widgets:
            if widget.key == key:
                return widget
        keys = [w.key for w in self.scene.ui.widgets]
        raise PilotError(f"no widget {key!r} in scene {self.scene_name}; keys: {keys}")

    def has_widget(self, key: str) -> bool:
        self.scene.ensure_layout()
        return any(widget.key == key for widget in self.scene.ui.widgets)

    def click_widget(self, key: str) -> None:
        """Click the centre of a visible widget.

        Rows scrolled out of view are brought into view with the mouse wheel
        over the list first, as a player would.
        """
        widget = self.widget(key)
        tries = 0
        while not widget.visible:
            tries += 1
            if tries > 40:
                raise PilotError(f"widget {key!r} stays out of view")
            direction = -1 if widget.rect.top > 360 else 1
            self.wheel(self.scroll_anchor(), direction)
            widget = self.widget(key)
        self.click(widget.rect.center)

    def scroll_anchor(self):
        rows = [
            w
            for w in self.scene.ui.widgets
            if w.visible and w.key.startswith("action:")
        ]
        if not rows:
            raise PilotError(f"no scrolled list in scene {self.scene_name}")
        return rows[0].rect.center

    def wheel(self, position, direction: int) -> None:
        pygame.event.post(
            pygame.event.Event(
                pygame.MOUSEMOTION, pos=position, rel=(0, 0), buttons=(0, 0, 0)
            )
        )
        pygame.event.post(
            pygame.event.Event(
                pygame.MOUSEWHEEL,
                x=0,
                y=direction,
                flipped=False,
                precise_x=0.0,
                precise_y=float(direction),
            )
        )
        self.frames(1)

    def tab_to(self, key: str, max_presses: int = 120) -> None:
        """Press Tab until ``key`` has the focus, as a keyboard user would."""
        for _ in range(max_presses):
            if self.scene.ui.focused_key() == key:
                return
            self.key(pygame.K_TAB)
        raise PilotError(f"Tab never reached {key!r} in scene {self.scene_name}")
