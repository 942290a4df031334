"""Small pop-ups: yes/no confirmation and the pause menu."""

from __future__ import annotations

from collections.abc import Callable

import pygame

from game.ui import theme
from game.ui.scene import Scene
from game.ui.widgets import Widget, draw_panel

DIALOG_RECT = pygame.Rect(340, 200, 600, 320)


class ConfirmScene(Scene):
    """Asks a yes/no question and dismisses with ``True`` or ``False``.

    Args:
        question: UI string id of the question.
        decided: Called with the answer after the dialog has closed.
    """

    NAME = "confirm"
    OPAQUE = False

    def __init__(
        self, app, question: str, decided: Callable[[bool], None], name: str = "confirm"
    ):
        super().__init__(app)
        self.question = question
        self.decided = decided
        self.NAME = name

    def title(self) -> str:
        return self.s(self.question)

    def layout(self) -> None:
        bottom = DIALOG_RECT.bottom - 24
        width = (DIALOG_RECT.width - 3 * 24) // 2
        self.ui.set_widgets(
            [
                Widget(
                    (
                        DIALOG_RECT.left + 24,
                        bottom - theme.BUTTON_HEIGHT,
                        width,
                        theme.BUTTON_HEIGHT,
                    ),
                    lambda: self.s("no"),
                    lambda: self.answer(False),
                    key="no",
                ),
                Widget(
                    (
                        DIALOG_RECT.left + 48 + width,
                        bottom - theme.BUTTON_HEIGHT,
                        width,
                        theme.BUTTON_HEIGHT,
                    ),
                    lambda: self.s("yes"),
                    lambda: self.answer(True),
                    variant="primary",
                    key="yes",
                ),
            ]
        )

    def answer(self, yes: bool) -> None:
        self.app.stack.dismiss(yes)
        self.decided(yes)

    def escape(self) -> bool:
        self.answer(False)
        return True

    def draw(self, surface) -> None:
        draw_panel(surface, DIALOG_RECT, width=2)
        inner = DIALOG_RECT.inflate(-48, -48)
        inner.height -= theme.BUTTON_HEIGHT + 12
        self.typesetter.box(surface, inner, self.s(self.question), "body")
        self.ui.draw(surface, self.typesetter)


class PauseScene(Scene):
    """The pause menu over the round screen."""

    NAME = "pause"
    OPAQUE = False
    ESCAPE_POPS = True

    def title(self) -> str:
        return self.s("pause_heading")

    def layout(self) -> None:
        rect = pygame.Rect(440, 150, 400, 420)
        self.rect = rect
        specs = [
            ("resume", "pause_resume", self.app.stack.pop),
            ("settings", "pause_settings", self.open_settings),
            ("menu", "pause_to_title", self.to_title),
        ]
        if not self.app.web:
            specs.append(("quit", "pause_quit", self.app.request_quit))
        widgets = []
        y = rect.top + 90
        for key, string_id, callback in specs:
            widgets.append(
                Widget(
                    (rect.left + 40, y, rect.width - 80, theme.BUTTON_HEIGHT),
                    lambda string_id=string_id: self.s(string_id),
                    callback,
                    variant="primary" if key == "resume" else "secondary",
                    key=key,
                )
            )
            y += theme.BUTTON_HEIGHT + theme.GAP
        self.ui.set_widgets(widgets)

    def open_settings(self) -> None:
        from game.ui.scenes.settings import SettingsScene

        self.app.stack.push(SettingsScene(self.app))

    def to_title(self) -> None:
        from game.ui.scenes.title import TitleScene

        # The game was saved after the last round; the selection is not kept.
        self.app.stack.reset(TitleScene(self.app))

    def draw(self, surface) -> None:
        draw_panel(surface, self.rect, width=2)
        self.typesetter.box(
            surface,
            pygame.Rect(
                self.rect.left + 40, self.rect.top + 24, self.rect.width - 80, 50
            ),
            self.s("pause_heading"),
            "heading",
            align="center",
        )
        self.ui.draw(surface, self.typesetter)
