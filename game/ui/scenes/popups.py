"""Event pop-up: something happened at the end of the round."""

from __future__ import annotations

import pygame

from game.sim.model import text_in
from game.ui import theme
from game.ui.describe import describe_effects
from game.ui.scene import Scene
from game.ui.session import GameSession
from game.ui.widgets import Widget, draw_panel

POPUP_RECT = pygame.Rect(290, 150, 700, 420)


class EventPopup(Scene):
    NAME = "event"
    OPAQUE = False
    ESCAPE_POPS = True

    def __init__(self, app, session: GameSession, event_id: str):
        super().__init__(app)
        self.session = session
        self.event = next(e for e in session.scenario.events if e.id == event_id)

    def title(self) -> str:
        return f"{self.s('event_heading')}: {self.body_text()}"

    def enter(self) -> None:
        super().enter()
        self.app.sound.play("event")

    def body_text(self) -> str:
        lines = [
            text_in(self.event.title, self.lang),
            "",
            text_in(self.event.text, self.lang),
        ]
        effects = describe_effects(
            self.event.effects, self.session.scenario, self.app.strings
        )
        if effects:
            lines += ["", self.s("event_effects") + " " + ", ".join(effects)]
        return "\n".join(lines)

    def layout(self) -> None:
        self.ui.set_widgets(
            [
                Widget(
                    (
                        POPUP_RECT.right - 24 - 200,
                        POPUP_RECT.bottom - 24 - theme.BUTTON_HEIGHT,
                        200,
                        theme.BUTTON_HEIGHT,
                    ),
                    lambda: self.s("ok"),
                    self.app.stack.pop,
                    variant="primary",
                    key="ok",
                )
            ]
        )

    def draw(self, surface) -> None:
        ts = self.typesetter
        draw_panel(surface, POPUP_RECT, width=2)
        band = pygame.Rect(POPUP_RECT.left, POPUP_RECT.top, POPUP_RECT.width, 48)
        pygame.draw.rect(
            surface,
            theme.ORANGE,
            band,
            border_top_left_radius=theme.RADIUS,
            border_top_right_radius=theme.RADIUS,
        )
        ts.box(
            surface,
            band.inflate(-32, -8),
            "⚠ " + self.s("event_heading"),
            "bold",
            theme.TEXT,
            valign="middle",
        )
        inner = pygame.Rect(
            POPUP_RECT.left + 32,
            band.bottom + 16,
            POPUP_RECT.width - 64,
            POPUP_RECT.height - 48 - 16 - 24 - theme.BUTTON_HEIGHT - 16,
        )
        title = text_in(self.event.title, self.lang)
        used = ts.box(
            surface,
            pygame.Rect(inner.left, inner.top, inner.width, 70),
            title,
            "heading",
        )
        rest = self.body_text().split("\n", 2)[2]
        ts.box(
            surface,
            pygame.Rect(
                inner.left, inner.top + used + 8, inner.width, inner.height - used - 8
            ),
            rest.strip(),
            "body",
        )
        self.ui.draw(surface, ts)
