"""Scenes and the scene stack.

A scene is one screen or pop-up. The stack draws from the topmost opaque
scene upwards, so pop-ups show over the scene below; only the top scene gets
input. Transitions are push, switch (replace the top), pop, dismiss (pop
with a result handed to the scene below) and reset (clear the stack and
start over). Each transition is logged as one line.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

import pygame

from game.ui import theme
from game.ui.widgets import FocusGroup

if TYPE_CHECKING:
    from game.ui.app import App

log = logging.getLogger(__name__)


class Scene:
    """Base of every screen; subclasses set the class attributes and override hooks."""

    #: Name in the transition log and in tests.
    NAME = "scene"
    #: An opaque scene covers the whole screen; a pop-up shows the scene below.
    OPAQUE = True
    #: Escape pops this scene (pop-ups and sub-screens).
    ESCAPE_POPS = False

    def __init__(self, app: App):
        self.app = app
        self.ui = FocusGroup(app.announcer.say, app.strings)
        self._layout_valid = False

    # Helpers
    def s(self, string_id: str, **params) -> str:
        return self.app.strings(string_id, **params)

    @property
    def lang(self) -> str:
        return self.app.strings.lang

    @property
    def typesetter(self):
        return self.app.typesetter

    # Hooks
    def title(self) -> str:
        """Return the scene's heading, announced when it appears."""
        return ""

    def layout(self) -> None:
        """Build widgets and cached surfaces for the current language and text size."""

    def enter(self) -> None:
        self.ensure_layout()
        self.app.announcer.say(self.title())
        self.focus_first()

    def focus_first(self) -> None:
        if self.ui.widgets and self.ui.focus_index is None:
            self.ui.focus(0)

    def resume(self, result: Any, from_scene: Scene) -> None:
        """Called when a scene above was popped, with its result."""
        self.invalidate()
        self.ensure_layout()
        widget = self.ui.focused
        if widget is not None:
            self.app.announcer.say(widget.announcement(self.app.strings))

    def invalidate(self) -> None:
        """Mark the layout stale after a language or text size change."""
        self._layout_valid = False

    def ensure_layout(self) -> None:
        if not self._layout_valid:
            self._layout_valid = True
            self.layout()

    def handle(self, event: pygame.event.Event) -> bool:
        if self.ui.handle(event):
            return True
        if event.type == pygame.KEYDOWN and event.key == pygame.K_ESCAPE:
            return self.escape()
        return False

    def escape(self) -> bool:
        if self.ESCAPE_POPS:
            self.app.stack.pop()
            return True
        return False

    def update(self, dt: float) -> None:
        """Advance animations by ``dt`` seconds."""

    def draw(self, surface: pygame.Surface) -> None:
        surface.fill(theme.BACKGROUND)
        self.ui.draw(surface, self.typesetter)


class SceneStack:
    """The scenes from bottom to top; the top one is active."""

    def __init__(self):
        self.scenes: list[Scene] = []

    @property
    def top(self) -> Scene | None:
        return self.scenes[-1] if self.scenes else None

    def names(self) -> list[str]:
        return [scene.NAME for scene in self.scenes]

    def push(self, scene: Scene) -> None:
        below = self.top.NAME if self.top else "-"
        log.info("scene push %s over %s", scene.NAME, below)
        self.scenes.append(scene)
        scene.enter()

    def switch(self, scene: Scene) -> None:
        old = self.scenes.pop().NAME if self.scenes else "-"
        log.info("scene switch %s -> %s", old, scene.NAME)
        self.scenes.append(scene)
        scene.enter()

    def pop(self, result: Any = None) -> None:
        popped = self.scenes.pop()
        below = self.top
        log.info(
            "scene pop %s back to %s (result %r)",
            popped.NAME,
            below.NAME if below else "-",
            result,
        )
        if below is not None:
            below.resume(result, popped)

    def dismiss(self, result: Any) -> None:
        """Pop the top scene and hand ``result`` to the scene below."""
        self.pop(result)

    def reset(self, scene: Scene) -> None:
        """Clear the stack and start again with ``scene``."""
        log.info(
            "scene reset to %s (was %s)", scene.NAME, "/".join(self.names()) or "-"
        )
        self.scenes = [scene]
        scene.enter()

    def invalidate_all(self) -> None:
        for scene in self.scenes:
            scene.invalidate()

    def visible(self) -> list[Scene]:
        """Return the scenes to draw, from the topmost opaque one upwards."""
        start = 0
        for index in range(len(self.scenes) - 1, -1, -1):
            if self.scenes[index].OPAQUE:
                start = index
                break
        return self.scenes[start:]
