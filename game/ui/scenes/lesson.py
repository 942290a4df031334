"""Placeholder for a lesson or playbook link from the debrief.

NOTE: shows only the id; the lesson viewer of the learning paths replaces it.
"""

from __future__ import annotations

import pygame

from game.ui import theme
from game.ui.scene import Scene
from game.ui.scenes.common import HEADER_HEIGHT, draw_header
from game.ui.widgets import Widget, draw_panel


class LessonLinkScene(Scene):
    NAME = "lesson_link"
    ESCAPE_POPS = True

    def __init__(self, app, kind: str, ident: str):
        super().__init__(app)
        self.kind = kind
        self.ident = ident

    def heading(self) -> str:
        return self.s("lesson_heading" if self.kind == "lesson" else "playbook_heading")

    def title(self) -> str:
        return f"{self.heading()}: {self.ident}. {self.s('lesson_placeholder')}"

    def layout(self) -> None:
        self.ui.set_widgets(
            [
                Widget(
                    (24, 720 - 24 - theme.BUTTON_HEIGHT, 240, theme.BUTTON_HEIGHT),
                    lambda: self.s("back"),
                    self.app.stack.pop,
                    variant="primary",
                    key="back",
                )
            ]
        )

    def draw(self, surface) -> None:
        ts = self.typesetter
        surface.fill(theme.BACKGROUND)
        draw_header(surface, ts, self.heading())
        panel = pygame.Rect(24, HEADER_HEIGHT + 24, 1232, 300)
        draw_panel(surface, panel)
        inner = panel.inflate(-48, -40)
        used = ts.box(
            surface,
            pygame.Rect(inner.left, inner.top, inner.width, 50),
            self.ident,
            "mono",
        )
        ts.box(
            surface,
            pygame.Rect(
                inner.left, inner.top + used + 16, inner.width, inner.height - used - 16
            ),
            self.s("lesson_placeholder"),
            "body",
        )
        self.ui.draw(surface, ts)
